"""Train the Swedish NER model and ship it: the DVC stage ``train_ner`` in one command.

``python -m pipeline.stages.ner.train [--params params.yaml]`` does, with the ``train_ner`` section of
``params.yaml``:

1. convert the corpora (``pipeline.stages.ner.corpus``) into ``data/interim/ner_corpus/*.spacy``;
2. ``spacy train <config> --output <output>`` (CPU; ``overrides`` are passed on as
   ``--section.key value``);
3. copy ``<output>/model-best`` to ``<model>`` (``models/sv_minutes_ner``), keeping spaCy's
   ``meta.json`` with the dev-set scores, and print F1 per label on the held-out test sets
   (``pipeline.stages.ner.evaluate``).
"""
from __future__ import annotations

import argparse
import json
import shutil
import time
from dataclasses import dataclass
from pathlib import Path

from pipeline.contract.stage import Params, StageSpec, param, read_params_file
from pipeline.stages.ner.corpus import build


def resolve_path(path: str | Path) -> Path:
    """A training path, relative to the repository root (the working directory of DVC)."""
    return Path(path)

@dataclass(frozen=True)
class TrainNerParams(Params):
    """Paths are relative to the repository root (training is a development task, run from there)."""

    corpora: str = param("../shared/corpora", "read in place, never copied into the repository")
    config: str = param("configs/ner.cfg", "spaCy training config")
    corpus_out: str = param("data/interim/ner_corpus", "the corpora converted to DocBins")
    output: str = param("training/ner", "spacy train's output (git-ignored)")
    model: str = param("models/sv_minutes_ner", "where model-best is shipped")
    seed: int = param(0, "random seed of the corpus split and of training")
    dev_size: int = param(600, "klintan (and SUC silver) train sentences held out for model selection")
    synthetic: int = param(3000, "template sentences in the shape of minutes added to train")
    max_model_mb: float = param(30.0, "a larger model is not shipped")
    overrides: dict = param({}, "spaCy config overrides, e.g. {training.max_steps: 4000}")  # noqa: RUF009
    model_version: str = param("2.0.0", "the version written into the shipped model's meta.json (bump it on "
                                        "retraining)")


DEFAULTS = TrainNerParams.defaults()

# settings that name files of the repository (they must exist in a clone)
REPO_FILES = ("config",)


def settings(params: dict | None) -> dict:
    """The ``train_ner`` section of params.yaml over the defaults."""
    section = (params or {}).get("train_ner") or {}
    if isinstance(section, TrainNerParams):
        return section.as_dict()
    return TrainNerParams.from_mapping(section, "train_ner").as_dict()


def dir_size_mb(path: Path) -> float:
    return sum(p.stat().st_size for p in path.rglob("*") if p.is_file()) / 1e6


def ship(best: Path, model: Path, max_mb: float, version: str = "1.0.0") -> float:
    """Copy a trained pipeline into ``model`` (replacing it); returns its size in MB."""
    if not (best / "config.cfg").exists() or not (best / "meta.json").exists():
        raise SystemExit(f"no trained pipeline in {best}")
    size = dir_size_mb(best)
    if size > max_mb:
        raise SystemExit(f"{best} is {size:.1f} MB, more than the {max_mb} MB allowed in the repository")
    tmp = model.with_name(model.name + ".tmp")
    shutil.rmtree(tmp, ignore_errors=True)
    shutil.copytree(best, tmp)
    meta = json.loads((tmp / "meta.json").read_text(encoding="utf-8"))
    meta.update(name=model.name, version=version)  # provenance names the model by these
    (tmp / "meta.json").write_text(json.dumps(meta, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    shutil.rmtree(model, ignore_errors=True)
    tmp.rename(model)
    return size


def run(params: dict | None = None) -> dict:
    from spacy.cli.train import train as spacy_train

    s = settings(params)
    corpora = resolve_path(s["corpora"]).resolve()
    corpus_out = resolve_path(s["corpus_out"])
    if not corpora.is_dir():
        raise SystemExit(f"corpora not found: {corpora}")
    t0 = time.time()
    stats = build(corpora, corpus_out, seed=int(s["seed"]), dev_size=int(s["dev_size"]),
                  synthetic=int(s["synthetic"]))
    print(json.dumps({k: v["entities"] for k, v in stats.items()}))
    overrides = {"paths.train": str(corpus_out / "train.spacy"), "paths.dev": str(corpus_out / "dev.spacy"),
                 "system.seed": int(s["seed"])}
    overrides.update(s["overrides"])
    output = resolve_path(s["output"])
    spacy_train(resolve_path(s["config"]), output, use_gpu=-1, overrides=overrides)
    model = resolve_path(s["model"])
    size = ship(output / "model-best", model, float(s["max_model_mb"]), s["model_version"])
    model = model.resolve()
    from pipeline.stages.ner.evaluate import TEST_SETS, evaluate_file, format_table
    from pipeline.stages.ner.model import load_model
    load_model.cache_clear()
    results = {n: evaluate_file(corpus_out / f"{n}.spacy", str(model)) for n in TEST_SETS
               if (corpus_out / f"{n}.spacy").exists()}
    print(f"shipped {model} ({size:.1f} MB) in {time.time() - t0:.0f} s")
    print(format_table(results))
    return {"size_mb": size, "test": results}


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--params", type=Path, default=Path("params.yaml"), help="parameters file (default: params.yaml)")
    args = ap.parse_args(argv)
    run(read_params_file(args.params))


STAGE = StageSpec(
    name="train_ner",
    params=TrainNerParams,
    code=("pipeline/stages/ner/corpus.py", "pipeline/stages/ner/train.py", "pipeline/stages/ner/synthetic.py"),
    resources=("configs/ner.cfg", "models/gazetteer", "pipeline/lang/first_names.txt"),
    libraries=("spacy",),
    kind="train",
    module="pipeline.stages.ner.train",
    inputs=(TrainNerParams().corpora,),
    outputs=(TrainNerParams().model,),
    description="corpora -> spacy train -> models/sv_minutes_ner (frozen: `make train-ner` retrains)",
)


if __name__ == "__main__":
    main()
