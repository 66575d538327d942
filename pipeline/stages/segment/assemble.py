"""Putting the readings together: all attendees of a document, the headings of its sections, and
the meetings row (with the fallbacks for the body: the form's 'Organ', the file's metadata title,
the body a formal protocol's decisions name)."""
from __future__ import annotations

import re
from collections import Counter

from pipeline.lang.protocol import FURNITURE
from pipeline.stages.segment.attendees import (
    AttendanceBlock,
    Attendee,
    attendance_blocks,
    heading_kind,
    merge_attendees,
    strip_markup,
)
from pipeline.stages.segment.frontpage import FrontPage
from pipeline.stages.segment.headings import LABELS, is_dense, line_heading, numbered_heading, numbered_run, text_width
from pipeline.stages.segment.items import Items
from pipeline.stages.segment.lines import Line, LineIndex
from pipeline.stages.segment.meta import Meta, clean_body, clean_place, is_title, metadata_date
from pipeline.stages.segment.sections import Head
from pipeline.stages.segment.tables import table_attendees, tables_from_blocks, tables_from_lines

_DECIDER = re.compile(r"^(?P<subj>[A-ZÅÄÖ][\w&åäöÅÄÖ.,\- ]{2,70}?)\s+(?:godkänner|beslutar|noterar|antar|fastställer|"
                      r"förklarar|lägger|ger|uppdrar|avslår|utser|delegerar|tillstyrker|överlämnar|bifaller|"
                      r"beviljar|väljer|återremitterar|bordlägger|föreslår|konstaterar)\b")
_BODY_NOUN = re.compile(r"(?:nämnd|styrelse|fullmäktige|utskott|revision|stämma|årsmöte|råd|kommitté|direktion|"
                        r"delegation|grupp|beredning|valberedning)", re.IGNORECASE)
_SIGNATURE_PAGE = re.compile(r"^(?:undertecknat\s+av\s+följande|underskriftstjänst|signerat\s+av|signaturer\s*$|"
                             r"verifikat\b|audit\s+trail)", re.IGNORECASE)


def _lines_in(lines: list[Line], start: int, end: int) -> set[int]:
    return {ln.no for ln in lines if not ln.blank and ln.start < end and ln.end > start}


def attendance_tables(text: str, lines: list[Line], blocks: list[dict]) -> list[tuple[list[Attendee], set[int]]]:
    """The attendance tables of the text: their people and their lines."""
    out = []
    for rows in tables_from_blocks(text, blocks) or tables_from_lines(lines):
        first_line = _lines_in(lines, rows[0][0][1], rows[0][-1][2])
        heading = _heading_above(lines, min(first_line)) if first_line else None
        people = table_attendees(rows, heading)
        if people:
            out.append((people, _lines_in(lines, rows[0][0][1], rows[-1][-1][2])))
    return out


def find_attendees(lines: list[Line], front: FrontPage | None, tables: list[tuple[list[Attendee], set[int]]],
                   used: set[int]) -> tuple[list[Attendee], list[AttendanceBlock], set[int]]:
    """Every attendee (form, attendance blocks, tables) merged to one row per person, the
    attendance blocks, and the lines they were read from."""
    found = list(front.attendees) if front else []
    att_blocks = attendance_blocks(lines, used)
    taken = set()
    for b in att_blocks:
        found += b.attendees
        taken |= set(range(b.heading.no + 1, b.last + 1))
    for people, table_lines in tables:
        found += people
        taken |= table_lines
    return merge_attendees(found), att_blocks, taken


def _heading_above(lines: list[Line], no: int) -> str | None:
    for ln in reversed(lines[:no]):
        if not ln.blank:
            return strip_markup(ln.text)
    return None


def _attendance_heads(att_blocks: list[AttendanceBlock], lines: list[Line]) -> list[Head]:
    """The attendance headings that stand as headings: one section for consecutive blocks."""
    heads: list[Head] = []
    last_end = None
    for b in att_blocks:
        ln = b.heading
        if last_end is not None and all(x.blank or x.no <= last_end for x in lines[last_end + 1:ln.no]):
            last_end = b.last
            continue
        title = ln.text if not b.inline else ln.text[: ln.text.index(":") + 1] if ":" in ln.text else ln.text
        heads.append(Head(ln.no, ln.start, ln.end, strip_markup(title)))
        last_end = b.last
    return heads


def _heading_block_lines(text: str, lines: list[Line], blocks: list[dict], index: LineIndex) -> list[Line]:
    """The lines of the reader's heading blocks (and of bold one-line paragraphs)."""
    from pipeline.stages.segment.lines import block_attrs
    out = []
    for b in blocks:
        bold = b.get("kind") == "paragraph" and block_attrs(b).get("bold") and "\n" not in text[b["start_char"]:b["end_char"]]
        if b.get("kind") == "heading" or bold:
            ln = index.line_at(b["start_char"])
            if ln is not None:
                out.append(ln)
    return out


def _informal_heads(text: str, lines: list[Line], blocks: list[dict], meta: Meta, skip: set[int]) -> list[Head]:
    index = LineIndex(lines)
    skip = skip | {ln.no for ln in lines if not ln.blank and heading_kind(ln.text)}  # empty attendance lists
    block_heads = [ln for ln in _heading_block_lines(text, lines, blocks, index) if ln.no not in skip]
    heads = []
    if block_heads:
        for ln in block_heads:
            t = strip_markup(ln.text)
            if t and not LABELS.match(t) and not FURNITURE.match(t):
                heads.append(Head(ln.no, ln.start, ln.end, t))
        listed = {h.line for h in heads}
        in_lists = {index.line_at(b["start_char"]).no for b in blocks if b.get("kind") == "list_item"
                    and index.line_at(b["start_char"]) is not None}
        for ln in lines:
            n = numbered_heading(strip_markup(ln.text)) if not ln.blank and ln.no not in skip | listed | in_lists else None
            if n:
                heads.append(Head(ln.no, ln.start, ln.end, n[0], n[1]))
        return heads
    dense, width = is_dense(lines), text_width(lines)
    for i, ln in enumerate(lines):
        if ln.blank or ln.no in skip:
            continue
        prev = lines[i - 1] if i > 0 else None
        nxt = lines[i + 1] if i + 1 < len(lines) else None
        prev = prev if prev is None or prev.no not in skip or prev.blank else Line(prev.no, prev.start, prev.start, "",
                                                                                   0, "")
        h = line_heading(ln, prev, nxt, dense, width)
        if h:
            heads.append(Head(ln.no, ln.start, ln.end, h[0], h[1]))
    return heads


def _bare_title(title: str) -> str:
    """A title without its numbering, folded: '1. Mötets öppnande' and 'Mötets öppnande' meet."""
    return re.sub(r"^(?:§\s*)?\d+(?:\.\d+)*[.):]?\s*", "", title).casefold().strip(" .:")


def _without_lists(heads: list[Head], lines: list[Line]) -> list[Head]:
    """Numbered lines that follow each other with nothing between them are a list, not headings,
    when they stand after running text ('1. Background' / '2. Design' under a paragraph) or when
    their titles come again later as headings (the agenda listed before the items)."""
    heads = sorted(heads, key=lambda h: h.start)
    drop: set[int] = set()
    k = 0
    while k < len(heads):
        j = k
        while j + 1 < len(heads) and heads[j + 1].number and heads[j].number and heads[j + 1].line == heads[j].line + 1:
            j += 1
        if j - k >= 2 and heads[k].number:
            before = next((x for x in reversed(lines[:heads[k].line]) if not x.blank), None)
            after_heading = before is None or any(h.line == before.no for h in heads) or before.text.endswith(":")
            titles = {_bare_title(h.title) for h in heads[k:j + 1]}
            again = titles & {_bare_title(h.title) for h in heads[j + 1:]}
            if not after_heading or len(again) * 2 >= len(titles):
                drop.update(h.line for h in heads[k:j + 1])
        k = j + 1
    return [h for h in heads if h.line not in drop]


def _item_heads(items: Items, lines: list[Line]) -> list[Head]:
    heads = []
    for it in items.items:
        last = lines[it.title_lines[-1]] if it.title_lines else it.line
        heads.append(Head(it.line.no, it.line.start, last.end, it.title, None, it.paragraph, it.dnr))
    return heads


def find_heads(text: str, lines: list[Line], blocks: list[dict], meta: Meta, items: Items,
               att_blocks: list[AttendanceBlock], used: set[int], closing: int | None
               ) -> tuple[list[Head], list[tuple[int, int]], int]:
    """The section headings, the spans of the headings (to split blocks at), and the end of the body."""
    end_line = closing if closing is not None else len(lines)
    signing = signature_block(lines)
    if signing is not None and signing < end_line:
        end_line = signing
    for ln in lines:
        if ln.no < end_line and _SIGNATURE_PAGE.match(ln.text) and (not items.items or ln.no > items.items[-1].line.no):
            end_line = ln.no
            break
    if items.items:
        heads = _item_heads(items, lines)
    else:
        skip = used | items.toc | items.skip | set(range(end_line, len(lines)))
        skip |= {n for b in att_blocks for n in range(b.heading.no, b.last + 1)}
        if meta.title_line is not None:
            skip.add(meta.title_line.no)
        heads = _attendance_heads(att_blocks, lines) + _informal_heads(text, lines, blocks, meta, skip)
        heads = _without_lists(heads, lines)
        keep = numbered_run([(h.line, h.title, h.number) for h in sorted(heads, key=lambda h: h.start)])
        heads = [h for h in heads if h.line in keep]
    heads = [h for h in heads if h.line < end_line]
    end_of_body = lines[end_line].start if end_line < len(lines) else len(text)
    while end_of_body > 0 and text[end_of_body - 1] in " \t\n\f":
        end_of_body -= 1
    spans = [(h.start, h.heading_end) for h in heads]
    return sorted(heads, key=lambda h: h.start), spans, end_of_body


_ROLE_LINE = re.compile(r"^(?:(?:förste|andre|första|andra|1:e|2:e)?\s*(?:justerare|justerande|ordförande|sekreterare|"
                        r"mötesordförande|mötessekreterare|protokollförare|vid\s+protokollet)[\s._…]*){1,3}$", re.IGNORECASE)


def signature_block(lines: list[Line]) -> int | None:
    """The line where the closing signatures begin ('Förste justerare   Andre justerare' over the
    names; 'Ordförande ........ Sekreterare ........'), in the last part of the text."""
    content = [ln for ln in lines if not ln.blank]
    if len(content) < 10:
        return None
    for k in range(int(len(content) * 0.5), len(content)):
        ln = content[k]
        if _ROLE_LINE.match(ln.text) and k + 1 < len(content):
            return ln.no
    return None


def decision_body(lines: list[Line], items: Items) -> str | None:
    """The body a formal protocol's decisions name ('Nämnden för Vård & Omsorg godkänner …')."""
    if not items.items:
        return None
    first = items.items[0].line.no
    subjects = Counter()
    for ln in lines[first:]:
        m = _DECIDER.match(ln.text)
        if m and _BODY_NOUN.search(m.group("subj")) and not m.group("subj").lower().startswith(("ordförande", "förvaltning")):
            subjects[m.group("subj").strip()] += 1
    if not subjects:
        return None
    best = max(subjects.items(), key=lambda kv: (kv[1], len(kv[0])))[0]
    return best


def build_meeting(meeting_id: str, doc_id: str, meta: Meta, front: FrontPage | None, items: Items,
                  lines: list[Line], author: str | None, document: dict | None = None) -> dict:
    """The meetings row."""
    body = meta.body
    if front and front.value("body"):
        body = clean_body(front.value("body")) or body
    if body is None and document and isinstance(document.get("meta_title"), str) and is_title(document["meta_title"]):
        body = clean_body(document["meta_title"])
    if body is None:
        body = decision_body(lines, items)
    place = meta.place
    if meta.date is None and meta.date_text is None and document:
        meta_date = metadata_date(document)   # no date in the text: the file's own metadata
        if meta_date:
            meta.date, meta.date_source = meta_date, "metadata"
    if author is None and document and isinstance(document.get("meta_author"), str) and document["meta_author"].strip():
        author = document["meta_author"].strip()
    if front:
        for name in ("place_time", "place"):
            if not place and front.value(name):
                place = clean_place(front.value(name))
    title = meta.title
    if title is None and document and isinstance(document.get("meta_title"), str):
        title = document["meta_title"].strip() or None
    return {"meeting_id": meeting_id, "doc_id": doc_id, "body": body, "date": meta.date,
            "date_text": meta.date_text, "date_source": meta.date_source if meta.date else None,
            "place": place, "author": author, "title": title,
            "title_start_char": meta.title_line.start if meta.title_line else None}
