"""The outline of the minutes: the headings its sections start at, and where the body ends.

A formal protocol's sections are its items (:mod:`.items`). Informal notes have the reader's
heading blocks where it gave them, else the lines that stand as headings (:mod:`.headings`), and
the attendance headings; a numbered list inside a section and an agenda listed before its items
are not headings. The body ends at the closing: the author's signature, the signature lines of
the justerare, or a digital-signature page.
"""
from __future__ import annotations

import re

from pipeline.lang.protocol import FURNITURE
from pipeline.stages.segment.attendees import AttendanceBlock, heading_kind, strip_markup
from pipeline.stages.segment.headings import LABELS, is_dense, line_heading, numbered_heading, numbered_run, text_width
from pipeline.stages.segment.items import Items
from pipeline.stages.segment.lines import Line, LineIndex, block_attrs
from pipeline.stages.segment.meta import Meta
from pipeline.stages.segment.sections import Head

# a heading block that is a sentence ('Ordförande hälsade alla välkomna.' set in a large type)
_SENTENCE = re.compile(r"\S\s+\S+\s+\S.*[.!]$")
_SIGNATURE_PAGE = re.compile(r"^(?:undertecknat\s+av\s+följande|underskriftstjänst|signerat\s+av|signaturer\s*$|"
                             r"verifikat\b|audit\s+trail)", re.IGNORECASE)


def _attendance_heads(att_blocks: list[AttendanceBlock]) -> list[Head]:
    """The attendance headings that stand as headings of their own ('Närvarande', 'Frånvarande:'):
    each a section; an inline list ('Närvarande: A, B') is no heading."""
    return [Head(b.heading.no, b.heading.start, b.heading.end, strip_markup(b.heading.text))
            for b in att_blocks if not b.inline]


def _table_heads(lines: list[Line], table_lines: set[int], skip: set[int]) -> list[Head]:
    """An attendance heading of its own over an attendance table ('Närvarande' over 'Namn | Roll')."""
    heads = []
    for i, ln in enumerate(lines):
        hk = heading_kind(ln.text) if not ln.blank and ln.no not in table_lines else None
        if hk is None or hk[1]:
            continue
        nxt = next((x for x in lines[i + 1:i + 4] if not x.blank), None)
        if nxt is not None and nxt.no in table_lines:
            heads.append(Head(ln.no, ln.start, ln.end, strip_markup(ln.text)))
    return heads


def _heading_blocks(text: str, blocks: list[dict], index: LineIndex) -> list[tuple[Line, int, str]]:
    """The reader's heading blocks (and bold one-line paragraphs): (first line, end, title); a
    heading that wraps over lines is one title."""
    out = []
    for b in blocks:
        s, e = b["start_char"], b["end_char"]
        bold = b.get("kind") == "paragraph" and block_attrs(b).get("bold") and "\n" not in text[s:e]
        if b.get("kind") == "heading" or bold:
            ln = index.line_at(s)
            if ln is not None:
                out.append((ln, e, " ".join(strip_markup(x) for x in text[s:e].split("\n") if x.strip())))
    return out


def _markup_heads(text: str, lines: list[Line], blocks: list[dict], index: LineIndex, skip: set[int],
                  block_heads: list[tuple[Line, int, str]]) -> list[Head]:
    """The headings a structured reader marked, and numbered lines outside its lists."""
    heads = [Head(ln.no, ln.start, end, t) for ln, end, t in block_heads
             if t and not LABELS.match(t) and not FURNITURE.match(t) and not _SENTENCE.search(t)]
    listed = {h.line for h in heads} | _list_lines(blocks, index)
    for ln in lines:
        n = numbered_heading(strip_markup(ln.text)) if not ln.blank and ln.no not in skip | listed else None
        if n:
            heads.append(Head(ln.no, ln.start, ln.end, n[0], n[1]))
    return heads


def _list_lines(blocks: list[dict], index: LineIndex, top_ordered: bool = False) -> set[int]:
    """The lines of list items (``top_ordered``: only those of numbered top-level items)."""
    out = set()
    for b in blocks:
        if b.get("kind") != "list_item" or (top_ordered and not (b.get("level") in (1, None)
                                                                and block_attrs(b).get("ordered"))):
            continue
        first, last = index.line_at(b["start_char"]), index.line_at(max(b["start_char"], b["end_char"] - 1))
        if first is not None:
            out.update(range(first.no, (last or first).no + 1))
    return out


def _dense_lines(lines: list[Line], blocks: list[dict], index: LineIndex) -> set[int]:
    """The lines of paragraph blocks of three lines or more: a PDF reader's paragraph that holds a
    page's lines without blank lines between them (its headings stand as short lines inside it)."""
    out = set()
    for b in blocks:
        if b.get("kind") != "paragraph":
            continue
        first, last = index.line_at(b["start_char"]), index.line_at(max(b["start_char"], b["end_char"] - 1))
        if first is not None and last is not None and last.no - first.no >= 2:
            out.update(range(first.no, last.no + 1))
    return out


def _line_heads(lines: list[Line], skip: set[int], dense_lines: set[int] = frozenset()) -> list[Head]:
    """The lines that stand as headings by their form (text without markup)."""
    heads = []
    dense_text, width = is_dense(lines), text_width(lines)
    for i, ln in enumerate(lines):
        dense = dense_text or ln.no in dense_lines
        if ln.blank or ln.no in skip:
            continue
        prev = lines[i - 1] if i > 0 else None
        nxt = lines[i + 1] if i + 1 < len(lines) else None
        if prev is not None and prev.no in skip and not prev.blank:
            prev = Line(prev.no, prev.start, prev.start, "", 0, "")   # a line read elsewhere stands apart
        h = line_heading(ln, prev, nxt, dense, width)
        if h:
            heads.append(Head(ln.no, ln.start, ln.end, h[0], h[1]))
    return heads


def _informal_heads(text: str, lines: list[Line], blocks: list[dict], meta: Meta, skip: set[int]) -> list[Head]:
    """Markup formats: the headings the markup marks. Paged formats (PDF, scans), whose reader finds
    headings by font only: those and the lines that stand as headings (same-size bold-less ones,
    an agenda's numbered items). Plain text: the lines that stand as headings."""
    index = LineIndex(lines)
    skip = skip | {ln.no for ln in lines if not ln.blank and heading_kind(ln.text)}  # empty attendance lists
    block_heads = [hb for hb in _heading_blocks(text, blocks, index) if hb[0].no not in skip]
    if not block_heads:
        return _line_heads(lines, skip)
    heads = _markup_heads(text, lines, blocks, index, skip, block_heads)
    if not any(b.get("kind") == "page" for b in blocks):
        return heads
    taken = {h.line for h in heads}
    in_lists = _list_lines(blocks, index) - _list_lines(blocks, index, top_ordered=True)
    found = _line_heads(lines, skip | taken | in_lists, _dense_lines(lines, blocks, index))
    return heads + [h for h in found if h.line not in taken]


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


_FORMAL = re.compile(r"sammanträdesprotokoll|sammanträdesanteckningar|protokollsutdrag|nämnd|utskott|fullmäktige|"
                     r"kommunstyrelse|revision|stämma|årsmöte|direktion", re.IGNORECASE)
_SIGN_IN_TITLE = re.compile(r"^(?:[A-ZÅÄÖ]{1,6}\s?)?(?:§§?\s*\d+[a-z]?|\d+\s*§)\s*[.:]?\s*")


def is_formal(meta: Meta, formed: bool, items: Items) -> bool:
    """A formal protocol (nämnd, utskott, KS, KF, revision, stämma, årsmöte): a front-page form, items
    with a Dnr, or a title that names such a body or protocol."""
    if formed or any(it.dnr for it in items.items):
        return True
    return bool(_FORMAL.search(" ".join(filter(None, [meta.title, meta.body]))))


def _item_heads(items: Items, lines: list[Line], formal: bool) -> list[Head]:
    """One section per item; a formal protocol's titles without their '§ N' (it is the paragraph)."""
    heads = []
    for it in items.items:
        last = lines[it.title_lines[-1]] if it.title_lines else it.line
        title = _SIGN_IN_TITLE.sub("", it.title) if formal and not it.title_lines else it.title
        heads.append(Head(it.line.no, it.line.start, last.end, title or it.title, None, it.paragraph, it.dnr))
    return heads


def find_heads(text: str, lines: list[Line], blocks: list[dict], meta: Meta, items: Items,
               att_blocks: list[AttendanceBlock], used: set[int], closing: int | None, formal: bool = False,
               table_lines: frozenset | set = frozenset()) -> tuple[list[Head], list[tuple[int, int]], int]:
    """The section headings, the spans of the headings (to split blocks at), and the end of the body.
    A formal protocol's attendance lists are its front page, not sections."""
    end_line = closing if closing is not None else len(lines)
    after = max([*used, *(it.line.no for it in items.items)], default=-1)
    signing = signature_block(lines, after)
    if signing is not None and signing < end_line:
        end_line = signing
    for ln in lines:
        if ln.no < end_line and _SIGNATURE_PAGE.match(ln.text) and (not items.items or ln.no > items.items[-1].line.no):
            end_line = ln.no
            break
    if items.items:
        heads = _item_heads(items, lines, formal)
    else:
        skip = used | items.toc | items.skip | set(range(end_line, len(lines)))
        skip |= {n for b in att_blocks for n in range(b.heading.no, b.last + 1)}
        if meta.title_line is not None:
            skip.add(meta.title_line.no)
        heads = ([] if formal else _attendance_heads(att_blocks) + _table_heads(lines, table_lines, skip)) \
            + _informal_heads(text, lines, blocks, meta, skip)
        heads = _without_lists(heads, lines)
        keep = numbered_run([(h.line, h.title, h.number) for h in sorted(heads, key=lambda h: h.start)])
        heads = [h for h in heads if h.line in keep]
    heads = list({h.line: h for h in reversed(heads) if h.line < end_line}.values())   # one heading per line
    end_of_body = lines[end_line].start if end_line < len(lines) else len(text)
    while end_of_body > 0 and text[end_of_body - 1] in " \t\n\f":
        end_of_body -= 1
    spans = [(h.start, h.heading_end) for h in heads]
    return sorted(heads, key=lambda h: h.start), spans, end_of_body


_ROLE_LINE = re.compile(r"^(?:(?:förste|andre|första|andra|1:e|2:e|mötes|stämmo|årsmötes)?\s*(?:justerare|justerande|"
                        r"justeras|ordförande|sekreterare|protokollförare|vid\s+protokollet|vid\s+pennan)[\s._…:]*){1,3}$",
                        re.IGNORECASE)


def signature_block(lines: list[Line], after: int = -1) -> int | None:
    """The line where the closing signatures begin ('Förste justerare   Andre justerare' over the
    names; 'Ordförande ........ Sekreterare ........'), in the last part of the text and after line
    ``after`` (the front page's signature fields and the last item come before the closing)."""
    content = [ln for ln in lines if not ln.blank and ln.no > after]
    if len(content) < (2 if after >= 0 else 10):
        return None
    for k in range(0 if after >= 0 else int(len(content) * 0.5), len(content)):
        ln = content[k]
        if _ROLE_LINE.match(ln.text) and k + 1 < len(content):
            return ln.no
    return None


