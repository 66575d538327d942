import pandas as pd
import pytest

from pipeline.export import OutputError, TableSetWriter, read_records, read_tables, write_tables
from pipeline.record import MinutesRecord
from pipeline.schema import TABLES


def _record(doc_id="abc", text="Styrgruppen 3 maj 2021\n\nEkonomi\nBudgeten godkändes.\n"):
    rec = MinutesRecord(document={"doc_id": doc_id, "source_path": f"{doc_id}.txt", "format": "txt", "ocr": False,
                                  "ocr_pages": [], "text_raw": text, "text": text, "status": "ok", "warnings": []})
    mid = f"{doc_id}-1"
    rec.meetings = [{"meeting_id": mid, "doc_id": doc_id, "body": "Styrgruppen", "date": pd.Timestamp("2021-05-03").date()}]
    rec.sections = [{"meeting_id": mid, "section_id": f"{mid}-s001", "ordinal": 1, "title": "Ekonomi",
                     "start_char": 24, "end_char": len(text)}]
    rec.action_items = [{"meeting_id": mid, "section_id": f"{mid}-s001", "text": "x", "start_char": 0, "end_char": 1,
                         "assignees": ["Anna", "Bo"], "due_date": None}]
    return rec


def test_round_trip_and_empty_tables_keep_their_schema(tmp_path):
    counts = write_tables([_record("a"), _record("b")], tmp_path)
    assert counts["documents"] == 2 and counts["decisions"] == 0
    tables = read_tables(tmp_path)
    for name, schema in TABLES.items():
        assert list(tables[name].columns) == schema.names
    assert tables["decisions"].empty
    assert list(tables["action_items"]["assignees"][0]) == ["Anna", "Bo"]
    assert str(tables["meetings"]["date"][0]) == "2021-05-03"
    back = read_records(tmp_path)
    assert [r.document["doc_id"] for r in back] == ["a", "b"]
    assert back[1].sections[0]["title"] == "Ekonomi"


def test_field_descriptions_travel_with_the_files(tmp_path):
    import pyarrow.parquet as pq
    write_tables([_record()], tmp_path)
    schema = pq.read_schema(tmp_path / "meetings.parquet")
    assert b"description" in schema.field("body").metadata


def test_nothing_is_visible_until_the_run_commits(tmp_path):
    with pytest.raises(RuntimeError):
        with TableSetWriter(tmp_path, row_group_size=1) as w:
            w.add(_record())
            raise RuntimeError("killed")
    assert list(tmp_path.iterdir()) == []


def test_a_previous_output_survives_a_failed_run(tmp_path):
    write_tables([_record("old")], tmp_path)
    with pytest.raises(RuntimeError):
        with TableSetWriter(tmp_path) as w:
            w.add(_record("new"))
            raise RuntimeError("killed")
    assert list(read_tables(tmp_path)["documents"]["doc_id"]) == ["old"]


def test_unwritable_output_is_an_output_error(tmp_path):
    blocker = tmp_path / "file"
    blocker.write_text("not a folder")
    with pytest.raises(OutputError):
        TableSetWriter(blocker / "out")
