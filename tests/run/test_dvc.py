import pandas as pd
import pytest

from pipeline.contract.stage import ParamsError
from pipeline.run.dvc import ORDER, run_stage
from pipeline.run.export import read_records, read_tables
from pipeline.run.registry import DOCUMENT_STAGES, SOURCE
from pipeline.run.runner import run_archive

MINUTES = {
    "b.txt": "Arbetsgruppen 2 juni 2022\n\nNärvarande:\nEva Holm\nJan Berg\n\nBudget\n\n"
             "Vi går igenom budgeten till den 9/6. Eva tar fram ett underlag.\n",
    "a.txt": "Arbetsgruppen 3 mars 2019\n\nNärvarande:\nEva Holm\nKim Ek\n\nLokaler\n\nJan undersöker lokalerna.\n",
    "c.txt": "Anteckningar\n\nNärvarande: Eva, Kim\n\nVi pratade om lokaler.\n",  # no date: no year
}


def _archive(root):
    root.mkdir()
    for name, text in MINUTES.items():
        (root / name).write_text(text, encoding="utf-8")
    (root / "kopia.txt").write_text(MINUTES["b.txt"], encoding="utf-8")  # the same bytes twice
    (root / "tom.txt").write_bytes(b"  \n\n ")  # nothing to read: an error row
    return root


def _staged(raw, tmp_path, params=None, workers=1):
    prev = raw
    for name in ORDER:
        run_stage(name, prev, tmp_path / name, params, workers=workers)
        prev = tmp_path / name
    return prev


def test_the_stages_are_the_declared_ones_in_order():
    assert ORDER == [SOURCE.name, *(s.name for s in DOCUMENT_STAGES), "export"]
    assert ORDER == ["ingest", "identifiers", "repair", "segment", "ner", "extract", "export"]


def test_stage_by_stage_equals_one_run(tmp_path):
    """Years, an undated meeting, a duplicate file and an unreadable one: the same tables either way."""
    raw = _archive(tmp_path / "raw")
    staged = read_tables(_staged(raw, tmp_path))
    run_archive([raw], tmp_path / "direct", {})
    direct = read_tables(tmp_path / "direct")
    assert set(staged) == set(direct)
    for table in direct:
        pd.testing.assert_frame_equal(staged[table], direct[table], check_dtype=False)
    docs = direct["documents"].set_index("source_path")
    assert docs.loc["kopia.txt", "error"].startswith("duplicate of b.txt")
    assert docs.loc["kopia.txt", "status"] == "skipped" and docs.loc["b.txt", "status"] == "ok"
    assert docs.loc["tom.txt", "status"] == "error"
    years = sorted(p.name for p in (tmp_path / "export" / "documents.parquet").iterdir())
    assert years == ["2019", "2022", "unknown"]  # the stages read the partitions back year by year
    assert (tmp_path / "export" / "run.json").exists()


def test_a_stage_on_worker_processes_gives_what_it_gives_in_process(tmp_path):
    raw = _archive(tmp_path / "raw")
    run_stage("ingest", raw, tmp_path / "ingest")
    run_stage("repair", tmp_path / "ingest", tmp_path / "repair")
    run_stage("segment", tmp_path / "repair", tmp_path / "one")
    run_stage("segment", tmp_path / "repair", tmp_path / "two", workers=2)
    one, two = read_tables(tmp_path / "one"), read_tables(tmp_path / "two")
    for table in one:
        pd.testing.assert_frame_equal(one[table], two[table])
    assert len(one["attendees"]) >= 4


def test_a_stage_reads_its_parameters_file(tmp_path):
    raw = _archive(tmp_path / "raw")
    params = tmp_path / "params.yaml"
    params.write_text("ingest:\n  max_bytes: 10\n", encoding="utf-8")
    run_stage("ingest", raw, tmp_path / "ingest", params)
    errors = [r.document["error"] for r in read_records(tmp_path / "ingest")]
    assert sum(e.startswith("file too large") for e in errors if e) == 3  # the duplicate is not read again


def test_a_missing_or_wrong_parameters_file_is_an_error(tmp_path):
    raw = _archive(tmp_path / "raw")
    with pytest.raises(ParamsError, match="not found"):
        run_stage("ingest", raw, tmp_path / "ingest", tmp_path / "nope.yaml")
    bad = tmp_path / "bad.yaml"
    bad.write_text("segment:\n  lenient: true\n", encoding="utf-8")
    with pytest.raises(ParamsError, match="segment.lenient"):
        run_stage("segment", raw, tmp_path / "segment", bad)
    with pytest.raises(KeyError, match="unknown stage"):
        run_stage("persons", raw, tmp_path / "persons")
