import datetime as dt

import pandas as pd
import pytest

from pipeline.contract.schema import ALL_TABLES, PARTITION_COLUMN
from pipeline.run.export import OutputError, TableSetWriter, read_records, read_tables, write_tables
from tests.factories import at, record, row


def _record(doc_id="abc", text="Styrgruppen 3 maj 2021\n\nEkonomi\nBudgeten godkändes.\n"):
    rec = record(text, doc_id=doc_id, meeting={"body": "Styrgruppen", "date": dt.date(2021, 5, 3)})
    mid = rec.meeting["meeting_id"]
    if "Ekonomi" in text:
        rec.sections = [row("sections", meeting_id=mid, section_id=f"{mid}-s001", ordinal=1, title="Ekonomi",
                            start_char=text.index("Ekonomi"), end_char=len(text))]
        rec.action_items = [row("action_items", meeting_id=mid, section_id=f"{mid}-s001", text="Budgeten",
                                **at(text, "Budgeten"), assignees=["Anna", "Bo"])]
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
        row("persons", person_id="p-1", name="Anna Ek", variants=["Anna", "Anna Ek"], n_meetings=1, n_mentions=2)]})
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


def test_records_stream_back_per_document_across_years_and_row_groups(tmp_path):
    from pipeline.run.export import iter_records

    recs = []
    for i, year in enumerate([2021, 2019, 2021, None, 2019]):
        rec = _record(f"d{i}")
        rec.meetings[0]["date"] = pd.Timestamp(f"{year}-05-03").date() if year else None
        rec.corrections = [row("corrections", doc_id=f"d{i}", start_char=0, original="Styrgrnppen",
                               replacement="Styrgruppen", method="lm", score=1.0)] if i % 2 else []
        recs.append(rec)
    write_tables(recs, tmp_path, row_group_size=1)  # one row per row group: documents cross batches
    stream = iter_records(tmp_path)
    assert iter(stream) is stream  # a generator, not a list
    back = list(stream)
    assert [r.document["doc_id"] for r in back] == ["d1", "d4", "d0", "d2", "d3"]  # years ascending, unknown last
    for r in back:
        i = int(r.document["doc_id"][1:])
        assert [s["section_id"] for s in r.sections] == [f"d{i}-1-s001"]
        assert len(r.corrections) == i % 2 and r.action_items[0]["assignees"] == ["Anna", "Bo"]
        assert PARTITION_COLUMN not in r.document and PARTITION_COLUMN not in r.sections[0]


def test_rows_that_follow_no_document_are_an_error_not_silently_dropped(tmp_path):
    import pyarrow.parquet as pq

    from pipeline.run.export import iter_records

    write_tables([_record("a")], tmp_path)
    part = tmp_path / "sections.parquet" / "2021" / "part-00000.parquet"
    table = pq.read_table(part)
    rows = table.to_pylist()
    rows.append({**rows[0], "meeting_id": "elsewhere-1", "section_id": "elsewhere-1-s001"})
    pq.write_table(table.from_pylist(rows, schema=table.schema), part)
    with pytest.raises(ValueError, match="sections"):
        list(iter_records(tmp_path))
