"""Stable row ids: derived from content, so a re-run, another worker count or Dask gives the same ids.

An id is ``<prefix>-<12 hex digits>`` of a SHA-256 over the document's id (itself a hash of the
file's bytes), the row's offsets and what kind of row it is. Hand corrections (``--overrides``) name
rows by these ids, so they must not move when the order of rows or the number of workers does. Two
rows of one table with the same key (rare: the same span found twice) get ``-2``, ``-3`` … in
document order, which is deterministic too.

Sections keep ids of the same kind (``s-…``); every column that points to a section
(``blocks``, ``entities``, ``decisions``, ``action_items``) is rewritten with it.
"""
from __future__ import annotations

import hashlib

# table -> (id column, prefix, the columns that make the key besides doc_id)
ROW_IDS: dict[str, tuple[str, str, tuple[str, ...]]] = {
    "sections": ("section_id", "s", ("start_char", "end_char", "title")),
    "attendees": ("attendee_id", "a", ("start_char", "end_char", "name", "organisation")),
    "entities": ("entity_id", "e", ("start_char", "end_char", "label")),
    "decisions": ("decision_id", "d", ("start_char", "end_char", "kind")),
    "action_items": ("action_item_id", "t", ("start_char", "end_char")),
}
SECTION_REFERRERS = ("blocks", "entities", "decisions", "action_items")


def content_id(prefix: str, doc_id: str, *parts: object) -> str:
    h = hashlib.sha256("\x1f".join([str(doc_id), *("" if p is None else str(p) for p in parts)]).encode())
    return f"{prefix}-{h.hexdigest()[:12]}"


def row_id(table: str, doc_id: str, row: dict, taken: set[str] = frozenset()) -> str:
    """The id of one row of ``table``, unique among ``taken``."""
    _, prefix, key = ROW_IDS[table]
    base = content_id(prefix, doc_id, table, *(row.get(k) for k in key))
    rid, n = base, 1
    while rid in taken:
        n += 1
        rid = f"{base}-{n}"
    return rid


def assign_row_ids(record) -> None:
    """Give every row of a processed record its stable id (in place)."""
    doc_id = record.document.get("doc_id")
    renamed: dict[str, str] = {}
    for table, (column, prefix, key) in ROW_IDS.items():
        seen: dict[str, int] = {}
        for row in getattr(record, table):
            rid = content_id(prefix, doc_id, table, *(row.get(k) for k in key))
            n = seen[rid] = seen.get(rid, 0) + 1
            if n > 1:
                rid = f"{rid}-{n}"
            if table == "sections" and row.get(column) is not None:
                renamed[row[column]] = rid
            row[column] = rid
    if renamed:
        for table in SECTION_REFERRERS:
            for row in getattr(record, table):
                if row.get("section_id") in renamed:
                    row["section_id"] = renamed[row["section_id"]]
