"""The mention → person mapping: where the text names which person (the ``person_mentions`` table).

Written once, by the archive pass that links people (:mod:`pipeline.products.persons`), from a
record whose rows already carry their person_ids: every PER entity, every attendee name, every
action-item assignee and the minutes' author that the linker tied to a person, with the
characters of ``documents.text`` that name them. Pseudonymisation and the review site read this
table (and ``persons.variants``, the name forms) instead of resolving names again.

Offsets are null where a mention has no place of its own in the text (an assignee the extractor
resolved from a pronoun, an author taken from document metadata).
"""
from __future__ import annotations

from collections.abc import Callable

from pipeline.contract.record import MinutesRecord


def _find(text: str, needle: str | None, start: int | None, end: int | None, last: bool = False) -> tuple:
    """(start, end) of ``needle`` inside text[start:end], or (None, None)."""
    if not needle or not text or start is None or end is None:
        return None, None
    i = text.rfind(needle, start, end) if last else text.find(needle, start, end)
    return (i, i + len(needle)) if i >= 0 else (None, None)


def _row(meeting_id: str, table: str, span: tuple, text: str, person_id: str, link: str | None) -> dict:
    return {"meeting_id": meeting_id, "source_table": table, "start_char": span[0], "end_char": span[1],
            "text": text, "person_id": person_id, "link": link, "confidence": None}


LinkOf = Callable[[str, str, "str | None"], "str | None"]


def _how(link_of: LinkOf | None, row: dict, name: str, resolved: str | None = None) -> str | None:
    """How the mention was linked: 'override' where a person checked the row, else the index's answer."""
    if row.get("overridden"):
        return "override"
    return link_of(row["meeting_id"], name, resolved) if link_of else None


def _resolution(e: dict) -> str | None:
    norm = e.get("normalized")
    return norm if norm and norm != e.get("text") else None


def mention_rows(rec: MinutesRecord, person_of: Callable[[str, str], str | None] | None = None,
                 link_of: LinkOf | None = None) -> list[dict]:
    """The person_mentions rows of one annotated record (person_ids set by ``PersonIndex.annotate``);
    ``person_of(meeting_id, name)`` links the author (``PersonIndex.person_of``), ``link_of(meeting_id,
    name, resolved)`` says how each mention was linked (``PersonIndex.link_of``)."""
    m = rec.meeting
    if m is None:
        return []
    text = rec.document.get("text") or ""
    rows = []
    for e in rec.entities:
        if e.get("label") == "PER" and e.get("person_id"):
            rows.append(_row(e["meeting_id"], "entities", (e.get("start_char"), e.get("end_char")), e["text"],
                             e["person_id"], _how(link_of, e, e["text"], _resolution(e))))
    for a in rec.attendees:
        if a.get("person_id") and a.get("name"):
            span = _find(text, a["name"], a.get("start_char"), a.get("end_char"))
            rows.append(_row(a["meeting_id"], "attendees", span, a["name"], a["person_id"],
                             _how(link_of, a, a["name"])))
    for item in rec.action_items:
        names = item.get("assignees") or []
        resolved = item.get("assignees_resolved") or [None] * len(names)
        for name, pid, res in zip(names, item.get("assignee_person_ids") or [None] * len(names), resolved):
            if pid and name:
                span = _find(text, name, item.get("start_char"), item.get("end_char"))
                rows.append(_row(item["meeting_id"], "action_items", span, name, pid, _how(link_of, item, name, res)))
    author_person_id = person_of(m["meeting_id"], m["author"]) if person_of and m.get("author") else None
    if author_person_id:
        span = _find(text, m["author"], 0, len(text), last=True)  # the closing signature
        rows.append(_row(m["meeting_id"], "meetings", span, m["author"], author_person_id,
                         _how(link_of, m, m["author"])))
    return rows


__all__ = ["mention_rows"]
