"""pipeline/stages/ner/train.py: the train_ner stage (settings, shipping model-best)."""
from __future__ import annotations

import json

import pytest
import yaml

from pipeline.stages.ner.train import DEFAULTS, REPO_FILES, settings, ship


def test_settings_read_the_params_section():
    s = settings({"train_ner": {"seed": 3, "overrides": {"training.max_steps": 10}}})
    assert s["seed"] == 3 and s["overrides"] == {"training.max_steps": 10}
    assert s["config"] == DEFAULTS["config"]
    assert settings(None) == settings({})


def test_params_yaml_and_dvc_stage_agree(repo):
    params = yaml.safe_load((repo / "params.yaml").read_text(encoding="utf-8"))
    stage = yaml.safe_load((repo / "dvc.yaml").read_text(encoding="utf-8"))["stages"]["train_ner"]
    s = settings(params)
    assert stage["cmd"] == "python -m pipeline.stages.ner.train"
    assert s["config"] in stage["deps"] and "pipeline/stages/ner/corpus.py" in stage["deps"]
    assert stage["outs"] == [{s["model"]: {"cache": False}}]
    for key in REPO_FILES:
        assert (repo / s[key]).exists()


def _fake_model(path, size=100):
    path.mkdir(parents=True)
    (path / "config.cfg").write_text("[nlp]\nlang = \"sv\"\n", encoding="utf-8")
    (path / "meta.json").write_text(json.dumps({"performance": {"ents_f": 0.8}}), encoding="utf-8")
    (path / "weights").write_bytes(b"0" * size)


def test_ship_replaces_the_model_and_keeps_meta(tmp_path):
    best, model = tmp_path / "best", tmp_path / "models" / "m"
    _fake_model(best)
    model.mkdir(parents=True)
    (model / "old-file").write_text("x")
    ship(best, model, max_mb=1, version="2.1.0")
    assert not (model / "old-file").exists()
    meta = json.loads((model / "meta.json").read_text())
    assert meta["performance"]["ents_f"] == 0.8
    assert (meta["name"], meta["version"]) == ("m", "2.1.0")


def test_ship_refuses_a_model_too_large_or_missing(tmp_path):
    best = tmp_path / "best"
    _fake_model(best, size=2_000_000)
    with pytest.raises(SystemExit):
        ship(best, tmp_path / "m", max_mb=1)
    with pytest.raises(SystemExit):
        ship(tmp_path / "nothing", tmp_path / "m", max_mb=1)
    assert not (tmp_path / "m").exists()
