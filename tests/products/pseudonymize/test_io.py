"""Reading an output folder one document at a time."""
from __future__ import annotations

import pyarrow as pa
import pyarrow.parquet as pq

from pipeline.contract.schema import TABLES
from pipeline.products.pseudonymize.io import DocumentStream, doc_key, table_files


def _write(root, name, rows, part="2024"):
    folder = root / f"{name}.parquet" / part
    folder.mkdir(parents=True, exist_ok=True)
    pq.write_table(pa.Table.from_pylist(rows, schema=TABLES[name]), folder / "part-00000.parquet")


def test_documents_come_with_their_rows_in_step_across_partitions(tmp_path):
    _write(tmp_path, "documents", [{"doc_id": "a"}, {"doc_id": "b"}])
    _write(tmp_path, "documents", [{"doc_id": "c"}], "unknown")
    _write(tmp_path, "meetings", [{"meeting_id": "a-1", "doc_id": "a"}, {"meeting_id": "b-1", "doc_id": "b"}])
    _write(tmp_path, "entities", [{"meeting_id": "a-1", "text": "x"}, {"meeting_id": "a-1", "text": "y"},
                                  {"meeting_id": "b-1", "text": "z"}])
    _write(tmp_path, "entities", [], "unknown")
    stream = DocumentStream(tmp_path, ["meetings", "entities", "sections"])
    assert stream.grouped == {}  # in step: nothing read whole
    got = [(d.partition, d.row["doc_id"], [e["text"] for e in d.rows["entities"]]) for d in stream]
    assert got == [("2024", "a", ["x", "y"]), ("2024", "b", ["z"]), ("unknown", "c", [])]
    assert [f.parent.name for f in table_files(tmp_path, "documents")] == ["2024", "unknown"]


def test_rows_out_of_order_or_of_no_document_are_grouped(tmp_path):
    _write(tmp_path, "documents", [{"doc_id": "a"}, {"doc_id": "b"}])
    _write(tmp_path, "entities", [{"meeting_id": "b-1", "text": "z"}, {"meeting_id": "a-1", "text": "x"},
                                  {"meeting_id": "q-1", "text": "orphan"}])
    stream = DocumentStream(tmp_path, ["entities"])
    assert "entities" in stream.grouped
    assert {d.row["doc_id"]: [e["text"] for e in d.rows["entities"]] for d in stream} == {"a": ["x"], "b": ["z"]}
    assert [r["text"] for r in stream.orphans("entities")] == ["orphan"]
    assert doc_key({"meeting_id": "abc-1"}) == "abc" and doc_key({"doc_id": "d", "meeting_id": "x-1"}) == "d"
