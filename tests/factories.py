"""Rows for the tests, made from the data contract (pipeline/contract/schema.py), not written by hand.

``row("attendees", name="Eva Holm")`` is a full attendees row: every column of the schema, the
given values checked against the column types (a misspelt column or a wrong type is an error at
once, not a test that passes by accident), the rest from the column's type: ``None`` for a
nullable scalar, ``[]`` for a list, an id derived from the row's others for the required ids.
When the schema gains a column, every test row has it.
"""
from __future__ import annotations

import pyarrow as pa

from pipeline.contract.record import MinutesRecord
from pipeline.contract.schema import ALL_TABLES, PARTITION_COLUMN

# a row that says nothing else is about a document that was read (status 'ok'), not a failure
TYPICAL = {("documents", "status"): "ok", ("documents", "ocr"): False, ("documents", "pipeline_version"): "test"}


def _id(table: str, column: str, row: dict) -> str:
    """A required id the test did not give, from the ids it did: 'd1' → meeting 'd1-1' → section 'd1-1-s001'."""
    doc_id = row.get("doc_id") or "d1"
    meeting_id = row.get("meeting_id") or f"{doc_id}-1"
    return {"doc_id": doc_id, "meeting_id": meeting_id, "section_id": f"{meeting_id}-s{row.get('ordinal') or 1:03d}",
            "person_id": "p-0000000001", "organisation_id": "o-0000000001"}[column]


def _schema(table: str) -> pa.Schema:
    if table not in ALL_TABLES:
        raise KeyError(f"no table {table!r} in the contract (tables: {', '.join(ALL_TABLES)})")
    schema = ALL_TABLES[table]
    return schema.remove(schema.get_field_index(PARTITION_COLUMN)) if PARTITION_COLUMN in schema.names else schema


def row(table: str, **values) -> dict:
    """One row of ``table`` with every column of its schema."""
    schema = _schema(table)
    unknown = sorted(set(values) - set(schema.names))
    if unknown:
        raise KeyError(f"{table} has no column {unknown[0]!r} (columns: {', '.join(schema.names)})")
    out = {}
    for f in schema:
        if f.name in values:
            out[f.name] = values[f.name]
        elif (table, f.name) in TYPICAL:
            out[f.name] = TYPICAL[(table, f.name)]
        elif pa.types.is_list(f.type):
            out[f.name] = []
        elif not f.nullable:
            out[f.name] = _id(table, f.name, values)
        else:
            out[f.name] = None
    for name in values:
        try:
            pa.array([out[name]], type=schema.field(name).type)
        except (pa.ArrowInvalid, pa.ArrowTypeError) as exc:
            raise TypeError(f"{table}.{name} is {schema.field(name).type}, not {out[name]!r}: {exc}") from exc
    return out


def at(text: str, needle: str, nth: int = 0) -> dict:
    """``start_char``/``end_char`` of the ``nth`` occurrence of ``needle`` in ``text``."""
    start = -1
    for _ in range(nth + 1):
        start = text.index(needle, start + 1)
    return {"start_char": start, "end_char": start + len(needle)}


def mention(table: str, text: str, needle: str, nth: int = 0, **values) -> dict:
    """A row whose ``text`` is a stretch of the document's ``text`` (entities, decisions, action items)."""
    return row(table, text=needle, **at(text, needle, nth), **values)


def document(text: str = "", **values) -> dict:
    """A documents row of plain text that needed no repair."""
    return row("documents", text=text, text_raw=values.pop("text_raw", text), format=values.pop("format", "txt"),
               source_path=values.pop("source_path", f"{values.get('doc_id', 'd1')}.txt"), **values)


def record(text: str = "", doc_id: str = "d1", meeting: dict | None = None, **tables: list[dict]) -> MinutesRecord:
    """A record of one document with one meeting (``meeting``: its columns) and the given rows."""
    rec = MinutesRecord(document=document(text, doc_id=doc_id))
    rec.meetings = [row("meetings", doc_id=doc_id, meeting_id=f"{doc_id}-1", **(meeting or {}))]
    for name, rows in tables.items():
        getattr(rec, name).extend(rows)
    return rec
