"""Putting the readings together: all attendees of a document (form, attendance blocks, tables),
and the meetings row, with the fallbacks for what the text does not say: the body from the form's
'Organ', the file's metadata title or the body a formal protocol's decisions name; the date and
author from the file's metadata."""
from __future__ import annotations

import re
from collections import Counter

from pipeline.stages.segment.attendees import (
    AttendanceBlock,
    Attendee,
    attendance_blocks,
    strip_markup,
)
from pipeline.stages.segment.frontpage import FrontPage
from pipeline.stages.segment.items import Items
from pipeline.stages.segment.lines import Line
from pipeline.stages.segment.meta import BODY_NOUN, Meta, clean_body, clean_place, is_title, metadata_date, set_date
from pipeline.stages.segment.names import is_person_name
from pipeline.stages.segment.tables import table_attendees, tables_from_blocks, tables_from_gaps, tables_from_lines

_DECIDER = re.compile(r"^(?P<subj>[A-ZÅÄÖ][\w&åäöÅÄÖ.,\- ]{2,70}?)\s+(?:godkänner|beslutar|noterar|antar|fastställer|"
                      r"förklarar|lägger|ger|uppdrar|avslår|utser|delegerar|tillstyrker|överlämnar|bifaller|"
                      r"beviljar|väljer|återremitterar|bordlägger|föreslår|konstaterar)\b")
_BODY_NOUN = re.compile(r"(?:nämnd|styrelse|fullmäktige|utskott|revision|stämma|årsmöte|råd|kommitté|direktion|"
                        r"delegation|grupp|beredning|valberedning)", re.IGNORECASE)


def _lines_in(lines: list[Line], start: int, end: int) -> set[int]:
    return {ln.no for ln in lines if not ln.blank and ln.start < end and ln.end > start}


def attendance_tables(text: str, lines: list[Line], blocks: list[dict]) -> list[tuple[list[Attendee], set[int]]]:
    """The attendance tables of the text: their people and their lines."""
    out = []
    for rows in (tables_from_blocks(text, blocks) or tables_from_lines(lines)) + tables_from_gaps(lines):
        first_line = _lines_in(lines, rows[0][0][1], rows[0][-1][2])
        heading = _heading_above(lines, min(first_line)) if first_line else None
        people = table_attendees(rows, heading)
        if people:
            out.append((people, _lines_in(lines, rows[0][0][1], rows[-1][-1][2])))
    return out


def find_attendees(lines: list[Line], front: FrontPage | None, tables: list[tuple[list[Attendee], set[int]]],
                   used: set[int]) -> tuple[list[Attendee], list[AttendanceBlock], set[int]]:
    """Every attendee the form, the attendance blocks and tables list (one person may come more than
    once: :func:`merge_attendees` makes one row of them), the attendance blocks, and their lines."""
    found = list(front.attendees) if front else []
    att_blocks = attendance_blocks(lines, used)
    taken = set()
    for b in att_blocks:
        found += b.attendees
        taken |= set(range(b.heading.no + 1, b.last + 1))
    for people, table_lines in tables:
        found += people
        taken |= table_lines
    return found, att_blocks, taken


def _heading_above(lines: list[Line], no: int) -> str | None:
    for ln in reversed(lines[:no]):
        if not ln.blank:
            return strip_markup(ln.text)
    return None


_GENERIC_BODIES = frozenset({"nämnden", "styrelsen", "utskottet", "rådet", "gruppen", "mötet", "föreningen",
                             "kommunen", "revisionen", "arbetsgruppen", "referensgruppen", "sektionen"})


def decision_body(lines: list[Line], items: Items) -> str | None:
    """The body a formal protocol's decisions name ('Nämnden för Vård & Omsorg godkänner …'); a
    generic 'Nämnden' only where no decision names it in full."""
    if not items.items:
        return None
    first = items.items[0].line.no
    subjects = Counter()
    for ln in lines[first:]:
        m = _DECIDER.match(ln.text)
        if m and _BODY_NOUN.search(m.group("subj")) and not m.group("subj").lower().startswith(("ordförande", "förvaltning")):
            subjects[m.group("subj").strip()] += 1
    named = {k: v for k, v in subjects.items() if k.lower() not in _GENERIC_BODIES} or subjects
    if not named:
        return None
    return max(named.items(), key=lambda kv: (kv[1], len(kv[0])))[0]


def _metadata_text(document: dict | None, key: str) -> str | None:
    value = (document or {}).get(key)
    return value.strip() if isinstance(value, str) and value.strip() else None


def _body(meta: Meta, front: FrontPage | None, items: Items, lines: list[Line], header: Meta | None,
          document: dict | None) -> str | None:
    """The body: the form's 'Organ', the title, the first page's header (removed as furniture), the
    file's metadata title, the body the decisions name."""
    if front and front.value("body") and clean_body(front.value("body")):
        return clean_body(front.value("body"))
    title = _metadata_text(document, "meta_title")
    from_title = clean_body(title) if title and is_title(title) else None
    if meta.body and (meta.body_from_title or BODY_NOUN.search(meta.body) or not from_title):
        return meta.body   # a body read under a letterhead only if it names one, else the metadata title's
    if header is not None and header.body:
        return header.body
    return from_title or meta.body or decision_body(lines, items)


def _date(meta: Meta, header: Meta | None, document: dict | None) -> None:
    """A text without a meeting date: the first page's header, the metadata title, the metadata date."""
    if meta.date is not None or meta.date_text is not None:
        return
    if header is not None and header.date_text:
        meta.date, meta.date_text, meta.date_source, meta.month_day = (header.date, header.date_text,
                                                                      header.date_source, header.month_day)
        return
    title = _metadata_text(document, "meta_title")
    if title and set_date(meta, title):
        meta.date_source = "metadata" if meta.date else None   # written in the file's metadata title
        return
    meta_date = metadata_date(document or {})
    if meta_date:
        meta.date, meta.date_source = meta_date, "metadata"
    elif _metadata_text(document, "meta_date"):
        set_date(meta, _metadata_text(document, "meta_date"))   # '3 juni': day and month, no year


def build_meeting(meeting_id: str, doc_id: str, meta: Meta, front: FrontPage | None, items: Items,
                  lines: list[Line], author: str | None, document: dict | None = None,
                  header: Meta | None = None) -> dict:
    """The meetings row (``header``: the metadata of the first page's title block where the reader
    removed it as a running header)."""
    body = _body(meta, front, items, lines, header, document)
    _date(meta, header, document)
    meta_author = _metadata_text(document, "meta_author")
    if author is None and meta_author and is_person_name(meta_author):
        author = meta_author
    place = meta.place
    if front:
        for name in ("place_time", "place"):
            if not place and front.value(name):
                place = clean_place(front.value(name))
    title = meta.title or _metadata_text(document, "meta_title")
    return {"meeting_id": meeting_id, "doc_id": doc_id, "body": body, "date": meta.date,
            "date_text": meta.date_text, "date_source": meta.date_source if meta.date else None,
            "place": place, "author": author, "title": title,
            "title_start_char": meta.title_line.start if meta.title_line else None}
