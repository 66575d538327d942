"""params.yaml and dvc.yaml are what the stage declarations say (regenerate with `minutes params
--out params.yaml` and `minutes dvc --out dvc.yaml`)."""
import dataclasses

import yaml

from pipeline.run.generate import dvc_stages, dvc_yaml, params_yaml
from pipeline.run.registry import ALL_STAGES, BY_NAME, load_params


def test_the_committed_params_file_is_the_generated_one(repo):
    assert (repo / "params.yaml").read_text(encoding="utf-8") == params_yaml(), \
        "params.yaml is stale: run `minutes params --out params.yaml`"


def test_the_committed_dvc_file_is_the_generated_one(repo):
    assert (repo / "dvc.yaml").read_text(encoding="utf-8") == dvc_yaml(), \
        "dvc.yaml is stale: run `minutes dvc --out dvc.yaml`"


def _comments(text: str) -> dict[tuple[str, str], str]:
    """(section, key) -> the comment written after the key (continued on the lines below it)."""
    out, section, key = {}, None, None
    for line in text.splitlines():
        if line and not line.startswith((" ", "#")):
            section, key = line.split(":")[0], None
        elif line.startswith("  ") and not line.strip().startswith("#"):
            key = line.split(":")[0].strip()
            out[(section, key)] = line.split("  # ", 1)[1] if "  # " in line else ""
        elif key and line.strip().startswith("# ") and line.startswith("    "):
            out[(section, key)] += " " + line.strip()[2:]
    return out


def test_the_params_file_holds_every_declared_default_with_its_comment(tmp_path):
    text = params_yaml()
    (tmp_path / "params.yaml").write_text(text, encoding="utf-8")
    assert load_params(tmp_path / "params.yaml").as_dict() == load_params().as_dict()
    data = yaml.safe_load(text)
    assert list(data) == [s.name for s in ALL_STAGES]
    comments = _comments(text)
    for spec in ALL_STAGES:
        for f in dataclasses.fields(spec.params):
            assert f.name in data[spec.name], f"{spec.name}.{f.name}"
            assert comments[(spec.name, f.name)] == f.metadata.get("doc", ""), f"{spec.name}.{f.name}"
    assert all(len(line) <= 120 for line in text.splitlines())


def test_dvc_deps_are_the_previous_output_the_stage_code_and_resources(repo):
    stages = dvc_stages()
    assert list(stages) == ["ingest", "identifiers", "repair", "segment", "ner", "extract", "export", "train_ner"]
    outs = {o if isinstance(o, str) else next(iter(o)) for s in stages.values() for o in s["outs"]}
    prev = "data/raw"
    for name in ["ingest", "identifiers", "repair", "segment", "ner", "extract", "export"]:
        stage = stages[name]
        assert stage["deps"][0] == prev and stage["cmd"].startswith(f"minutes stage {name} --in {prev} ")
        assert "--params params.yaml" in stage["cmd"]
        assert {"pipeline/contract", "pipeline/lang", "pipeline/run/runner.py"} <= set(stage["deps"])
        prev = stage["outs"][0]
    assert "pipeline/stages/ner" in stages["ner"]["deps"] and "models/sv_minutes_ner" in stages["ner"]["deps"]
    assert "models/repair/bigrams.tsv.gz" in stages["repair"]["deps"]
    assert stages["export"]["params"] == ["persons", "organisations", "export"]  # the archive passes run in the export stage
    assert "pipeline/products/persons.py" in stages["export"]["deps"]
    for name, stage in stages.items():
        for dep in stage["deps"]:
            assert dep in outs or (repo / dep).exists(), f"{name}: {dep}"
        assert all(p in BY_NAME for p in stage["params"])


def test_training_the_ner_model_is_a_frozen_stage_whose_model_lives_in_git():
    train = dvc_stages()["train_ner"]
    assert train["frozen"] is True
    assert train["outs"] == [{"models/sv_minutes_ner": {"cache": False}}]
    assert train["cmd"] == "python -m pipeline.stages.ner.train"
    assert "configs/ner.cfg" in train["deps"] and "pipeline/stages/ner/train.py" in train["deps"]
    # the corpora are outside the repository: named, but not a dep a clone without them would miss
    assert "../shared/corpora" in train["desc"] and not any(d.startswith("../") for d in train["deps"])
