"""Train the Swedish NER model and ship it: the DVC stage ``train_ner`` in one command.

``python -m pipeline.ner.train [--params params.yaml]`` does, with the ``train_ner`` section of
``params.yaml``:

1. convert the corpora (``pipeline.ner.corpus``) into ``data/interim/ner_corpus/*.spacy``;
2. ``spacy train <config> --output <output>`` (CPU; ``overrides`` are passed on as
   ``--section.key value``);
3. copy ``<output>/model-best`` to ``<model>`` (``models/sv_minutes_ner``), keeping spaCy's
   ``meta.json`` with the dev-set scores, and print F1 per label on the held-out test sets
   (``pipeline.ner.evaluate``).
"""
from __future__ import annotations

import argparse
import json
import shutil
import time
from pathlib import Path

from pipeline.ner.corpus import build
from pipeline.ner.model import resolve_path

DEFAULTS = {
    "corpora": "../shared/corpora",
    "config": "configs/ner.cfg",
    "corpus_out": "data/interim/ner_corpus",
    "output": "training/ner",
    "model": "models/sv_minutes_ner",
    "seed": 0,
    "dev_size": 600,
    "max_model_mb": 30,
    "overrides": {},
}

# settings that name files of the repository (they must exist in a clone)
REPO_FILES = ("config",)


def settings(params: dict | None) -> dict:
    """The ``train_ner`` section of params.yaml over the defaults."""
    out = dict(DEFAULTS)
    out.update((params or {}).get("train_ner") or {})
    out["overrides"] = dict(out.get("overrides") or {})
    return out


def dir_size_mb(path: Path) -> float:
    return sum(p.stat().st_size for p in path.rglob("*") if p.is_file()) / 1e6


def ship(best: Path, model: Path, max_mb: float) -> float:
    """Copy a trained pipeline into ``model`` (replacing it); returns its size in MB."""
    if not (best / "config.cfg").exists() or not (best / "meta.json").exists():
        raise SystemExit(f"no trained pipeline in {best}")
    size = dir_size_mb(best)
    if size > max_mb:
        raise SystemExit(f"{best} is {size:.1f} MB, more than the {max_mb} MB allowed in the repository")
    tmp = model.with_name(model.name + ".tmp")
    shutil.rmtree(tmp, ignore_errors=True)
    shutil.copytree(best, tmp)
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
    stats = build(corpora, corpus_out, seed=int(s["seed"]), dev_size=int(s["dev_size"]))
    print(json.dumps({k: v["entities"] for k, v in stats.items()}))
    overrides = {"paths.train": str(corpus_out / "train.spacy"), "paths.dev": str(corpus_out / "dev.spacy"),
                 "system.seed": int(s["seed"])}
    overrides.update(s["overrides"])
    output = resolve_path(s["output"])
    spacy_train(resolve_path(s["config"]), output, use_gpu=-1, overrides=overrides)
    model = resolve_path(s["model"])
    size = ship(output / "model-best", model, float(s["max_model_mb"]))
    from pipeline.ner.evaluate import TEST_SETS, evaluate_file, format_table
    from pipeline.ner.model import load_model
    load_model.cache_clear()
    results = {n: evaluate_file(corpus_out / f"{n}.spacy", str(model)) for n in TEST_SETS
               if (corpus_out / f"{n}.spacy").exists()}
    print(f"shipped {model} ({size:.1f} MB) in {time.time() - t0:.0f} s")
    print(format_table(results))
    return {"size_mb": size, "test": results}


def main(argv: list[str] | None = None) -> None:
    from pipeline.process import load_params

    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--params", type=Path, default=None, help="parameters file (default: params.yaml)")
    args = ap.parse_args(argv)
    run(load_params(args.params))


if __name__ == "__main__":
    main()
