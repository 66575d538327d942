"""pipeline/run/provenance.py: run.json and every table say what made them."""
from __future__ import annotations

import json

import pyarrow.parquet as pq

from pipeline import __version__
from pipeline.run.provenance import METADATA_KEY, models, run_provenance
from pipeline.run.runner import run_archive


def test_models_have_a_name_a_version_and_a_checksum():
    found = {m["path"]: m for m in models()}
    assert "models/sv_minutes_ner" in found and "models/repair/bigrams.tsv.gz" in found
    for m in found.values():
        assert m["version"] and m["version"] != "0.0.0" and len(m["sha256"]) == 64


def test_run_json_and_parquet_metadata_record_version_params_models_and_libraries(tmp_path):
    src = tmp_path / "in"
    src.mkdir()
    (src / "m.txt").write_text("Styrelsen 3 maj 2021\n\nMötet öppnades.\n", encoding="utf-8")
    run_archive([src], tmp_path / "out", {"extract": {"resolve_threshold": 91}})
    run = json.loads((tmp_path / "out" / "run.json").read_text(encoding="utf-8"))["provenance"]
    assert run["pipeline_version"] == __version__
    assert run["params"]["extract"]["resolve_threshold"] == 91.0 and "ingest" in run["params"]
    assert {"spacy", "wordfreq", "hunspell-sv"} <= set(run["libraries"])
    assert run["models"] == models()
    for table in ("meetings.parquet/2021/part-00000.parquet", "persons.parquet"):
        meta = pq.read_schema(tmp_path / "out" / table).metadata
        assert json.loads(meta[METADATA_KEY]) == json.loads(json.dumps(run))
        assert b"description" in meta  # the contract's own metadata is kept


def test_the_commit_is_recorded_when_run_from_a_checkout(repo):
    commit = run_provenance({})["git_commit"]
    if (repo / ".git").exists():
        assert commit and len(commit.split("-")[0]) == 40
