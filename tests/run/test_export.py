import pandas as pd
import pytest

from pipeline.run.export import OutputError, TableSetWriter, read_records, read_tables, write_tables
from pipeline.contract.record import MinutesRecord
from pipeline.contract.schema import ALL_TABLES, PARTITION_COLUMN


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
    for name, schema in ALL_TABLES.items():
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
    schema = pq.read_schema(tmp_path / "meetings.parquet" / "2021" / "part-00000.parquet")
    assert b"description" in schema.field("body").metadata


def test_tables_are_partitioned_by_meeting_year(tmp_path):
    undated = _record("u")
    undated.meetings[0]["date"] = None
    old = _record("o")
    old.meetings[0]["date"] = pd.Timestamp("2019-02-01").date()
    write_tables([_record("a"), undated, old], tmp_path)
    folders = sorted(p.name for p in (tmp_path / "documents.parquet").iterdir())
    assert folders == ["2019", "2021", "unknown"]
    docs = pd.read_parquet(tmp_path / "documents.parquet")  # what an analyst types
    assert sorted(docs["doc_id"]) == ["a", "o", "u"]
    year = docs.set_index("doc_id")[PARTITION_COLUMN]
    assert year["a"] == 2021 and year["o"] == 2019 and pd.isna(year["u"])
    assert list(read_tables(tmp_path)["documents"]["doc_id"]) == ["o", "a", "u"]  # years ascending, unknown last


def test_row_groups_are_bounded_by_bytes(tmp_path):
    import pyarrow.parquet as pq
    big = "Ordet är fritt. " * 4000  # 64 kB of text per document
    recs = [_record(f"d{i}", text=big) for i in range(12)]
    write_tables(recs, tmp_path, row_group_bytes=200_000)
    meta = pq.ParquetFile(tmp_path / "documents.parquet" / "2021" / "part-00000.parquet").metadata
    assert meta.num_rows == 12 and meta.num_row_groups >= 4


def test_persons_is_one_file_beside_the_datasets(tmp_path):
    write_tables([_record()], tmp_path, archive_tables={"persons": [
        {"person_id": "p-1", "name": "Anna Ek", "variants": ["Anna", "Anna Ek"], "organisations": [],
         "n_meetings": 1, "n_mentions": 2}]})
    assert (tmp_path / "persons.parquet").is_file()
    assert pd.read_parquet(tmp_path / "persons.parquet")["name"].tolist() == ["Anna Ek"]


def test_nothing_is_visible_until_the_run_commits(tmp_path):
    with pytest.raises(RuntimeError):
        with TableSetWriter(tmp_path, row_group_size=1) as w:
            w.add(_record())
            raise RuntimeError("killed")
    assert [p.name for p in tmp_path.iterdir()] == []


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
