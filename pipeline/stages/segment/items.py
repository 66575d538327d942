"""The items of a formal protocol: one per §, or per number standing above its title.

'§ 44   Dnr IF-2023-00055' over 'Förändring av ärendelistan' is the item § 44 with that title
and the Dnr as a column; '§ 12 Val av justerare' keeps its number in the title, as written. A
title that wraps is joined up to its first sub-heading. The table of contents ('Innehåll', lines
ending in a page number) is not items; the sub-headings inside an item (Beslut, Beslutsgång, …)
are the ``subsection`` of what stands under them, not items.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from pipeline.lang.attendance import attendance_heading, attendance_heading_words
from pipeline.lang.protocol import (
    CONTINUATION,
    DNR,
    FURNITURE,
    TOC_ENTRY,
    TOC_HEADING,
    front_label,
    front_label_words,
    item_line,
    subheading,
)
from pipeline.stages.segment.entry import leading_name, parse_entries
from pipeline.stages.segment.lines import Line

_BARE_NUMBER = re.compile(r"^(?P<num>\d{1,3})[.)]?$")
_DATE_LINE = re.compile(r"^(?:\d{4}-\d{2}-\d{2}|\d{1,2}\s+\w+\s+\d{4})$")
_TITLE_START = re.compile(r"^[A-ZÅÄÖÉÜ0-9\"”»]")
_MAX_TITLE_LINES = 3
# a title line that cannot end there ('Remiss om ny översiktsplan för' / 'Norra hamnen')
_OPEN_TITLE_END = re.compile(r"(?:\b(?:för|av|och|i|om|med|till|på|samt|inom|mellan|enligt|från|vid|inför|mot|"
                             r"över|under|gällande|avseende|rörande)|[,–-])$", re.IGNORECASE)
_LABEL_START = re.compile(r"^(?:" + "|".join(re.escape(w) for w in [*front_label_words(), *attendance_heading_words()]
                                             if " " in w) + r")\b", re.IGNORECASE)


@dataclass
class Item:
    line: Line                  # the item's first line ('§ 44  Dnr …', '§ 12 Val av justerare', '3')
    title: str
    paragraph: str              # '§ 44', or the bare item number ('3')
    dnr: str | None = None
    title_lines: list[int] = field(default_factory=list)   # the lines the title was read from


@dataclass
class Items:
    items: list[Item] = field(default_factory=list)
    subheadings: dict[int, str] = field(default_factory=dict)   # line number -> canonical sub-heading
    toc: set[int] = field(default_factory=set)                  # the table of contents' lines
    skip: set[int] = field(default_factory=set)                 # continuation headers, furniture


def _next_content(lines: list[Line], i: int, limit: int = 4, across_blanks: bool = False) -> list[Line]:
    """The next non-blank lines after line ``i`` on its page (up to a blank line unless ``across_blanks``)."""
    out = []
    for ln in lines[i + 1:]:
        if ln.page_break:
            break
        if ln.blank:
            if out and not across_blanks:
                break
            continue
        out.append(ln)
        if len(out) >= limit:
            break
    return out


def _title_lines(lines: list[Line], i: int) -> list[Line]:
    """The lines of a title under an item line: up to its first sub-heading, else its first line
    and the lines that continue a wrapped one."""
    after = _next_content(lines, i, _MAX_TITLE_LINES + 1, across_blanks=True)
    if not after or item_line(after[0].text) or subheading(after[0].text) or FURNITURE.match(after[0].text):
        return []
    for k, ln in enumerate(after[1:], start=1):
        if subheading(ln.text):
            if not any(x.text.endswith(".") for x in after[:k]):
                return after[:k]  # the title runs up to its first sub-heading
            break
        if item_line(ln.text) or _BARE_NUMBER.match(ln.text):
            break
    after = _next_content(lines, i, _MAX_TITLE_LINES + 1)
    if not after:
        return []
    out = [after[0]]
    for ln in after[1:]:
        prev = out[-1].text
        if item_line(ln.text) or subheading(ln.text) or prev.endswith((".", ":")):
            break
        if (len(prev) >= 55 and (ln.text[:1].islower() or ln.text[:1].isdigit())) or _OPEN_TITLE_END.search(prev):
            out.append(ln)
        else:
            break
    return out


def is_item(lines: list[Line], i: int) -> bool:
    """An item line that opens an item: with a Dnr, a title on the line, or a title line under it —
    not a '§ 105' that a front page writes before or after an attendee ('§ 105   Lars Sundbom (M)')."""
    parsed = item_line(lines[i].text)
    if parsed is None:
        return False
    _, rest, dnr = parsed
    if dnr:
        return True
    if rest:
        return not parse_entries(rest) and bool(_TITLE_START.match(rest)) and not rest.endswith(".") \
            and len(rest.split()) <= 16
    after = _next_content(lines, i, 1)
    if not after:
        return False
    t = after[0].text
    first = re.split(r"\s{3,}|\t", t)[0]
    return bool(_TITLE_START.match(t)) and not parse_entries(t) and not t.endswith(",") \
        and not front_label(first) and not attendance_heading(first) and not _LABEL_START.match(t) \
        and not _only_labels(t)


def _dnr_below(lines: list[Line], i: int, title_lines: list[Line]) -> str | None:
    """The Dnr on a line of its own under the item line or its title ('§ 12 Budget' / 'Dnr KS 2023/45')."""
    last = title_lines[-1].no if title_lines else i
    nxt = _next_content(lines, last, 1)
    if nxt:
        m = DNR.match(nxt[0].text)
        if m and m.end() >= len(nxt[0].text) - 1:
            return m.group("dnr").strip()
    return None


_ANY_LABEL = re.compile(r"(?:" + "|".join(re.escape(w) for w in [*front_label_words(), *attendance_heading_words()])
                        + r")(?=$|\s|:)[\s:]*", re.IGNORECASE)


def _only_labels(text: str) -> bool:
    """A row of form labels ('Personalföreträdare Övriga'), or labels before a name: no title."""
    pos, n = 0, 0
    while pos < len(text) and text[pos].isupper():
        m = _ANY_LABEL.match(text, pos)
        if not m:
            break
        pos, n = m.end(), n + 1
    return n > 0 and (pos >= len(text) or bool(leading_name(text[pos:])[0]))


def _is_toc_title(text: str) -> bool:
    return bool(TOC_ENTRY.search(text))


def _toc_goes_on(lines: list[Line], i: int) -> bool:
    """A page that goes on with the table of contents: one of its first lines ends in a page number."""
    return any(TOC_ENTRY.search(x.text) for x in _next_content(lines, i, 3, across_blanks=True)[:2])


def _paragraph_items(lines: list[Line], skip: set[int], out: Items) -> None:
    in_toc = False
    for i, ln in enumerate(lines):
        if in_toc and ln.page_break and not _toc_goes_on(lines, i):
            in_toc = False   # the next page is no longer the table of contents
        if ln.no in skip or ln.blank:
            continue
        if TOC_HEADING.match(ln.text):
            in_toc = True
            out.toc.add(ln.no)
            continue
        if CONTINUATION.match(ln.text):
            out.skip.add(ln.no)
            continue
        parsed = item_line(ln.text) if is_item(lines, i) else None
        if parsed is None:
            if in_toc and (_BARE_NUMBER.match(ln.text) or subheading(ln.text)):
                in_toc = False
            if in_toc:
                out.toc.add(ln.no)
            continue
        paragraph, rest, dnr = parsed
        title_lines = [] if rest else _title_lines(lines, i)
        if dnr is None:
            dnr = _dnr_below(lines, i, title_lines)
        title = _join(ln.text if rest else None, title_lines, dnr)
        if _is_toc_title(title or rest):
            out.toc.update([ln.no, *(x.no for x in title_lines)])
            continue
        in_toc = False
        if not title:
            continue
        out.items.append(Item(ln, title, paragraph, dnr, [x.no for x in title_lines]))


def _join(same_line: str | None, title_lines: list[Line], dnr: str | None) -> str:
    if same_line is not None:
        s = same_line
        if dnr:
            s = re.sub(r"\s*\b(?:Dnr|DNR|Diarienr|Diarienummer)\b\.?\s*:?\s*" + re.escape(dnr), " ", s)
            s = re.sub(r"\(\s*\)|\[\s*\]", "", s)
        return re.sub(r"\s+", " ", s).strip(" ,;–-")
    return re.sub(r"\s+", " ", " ".join(x.text for x in title_lines)).strip()


def _numbered_items(lines: list[Line], skip: set[int], toc: set[int]) -> list[Item]:
    """Items numbered 1, 2, 3 … on a line of their own above their title: the rising run of such
    numbers whose titles stand over a sub-heading (most of them), and the titles at the top of a
    page whose number the reader lost (taken for page numbers)."""
    found = []
    for i, ln in enumerate(lines):
        m = _BARE_NUMBER.match(ln.text)
        if not m or ln.no in skip or ln.no in toc:
            continue
        title_lines = _title_lines(lines, i)
        if not title_lines or not _TITLE_START.match(title_lines[0].text) or title_lines[0].text.isupper():
            continue
        found.append(Item(ln, _join(None, title_lines, None), m.group("num"), None, [x.no for x in title_lines]))
    found = [it for it in in_sequence(lines, found) if _followed_by_subheading(lines, it) or len(found) < 3]
    if len(found) < 3:
        return []
    return sorted(found + _page_top_items(lines, found, skip | toc), key=lambda it: it.line.no)


def _page_top_items(lines: list[Line], found: list[Item], skip: set[int]) -> list[Item]:
    """A title that opens a page and stands over a sub-heading, in a protocol of numbered items: an
    item whose number line went with the page's furniture."""
    taken = {n for it in found for n in [it.line.no, *it.title_lines]}
    out = []
    for i, ln in enumerate(lines):
        if not ln.page_break:
            continue
        first = [x for x in _next_content(lines, i, 3, across_blanks=True) if not _DATE_LINE.match(x.text)]
        if not first or first[0].no in taken or first[0].no in skip or not first[0].text[:1].isupper():
            continue  # (a date standing at the top of each page is the page's header)
        head = first[0]
        if subheading(head.text) or _BARE_NUMBER.match(head.text) or head.text.endswith(".") or FURNITURE.match(head.text) \
                or TOC_ENTRY.search(head.text):
            continue
        title_lines = [head]
        for x in _next_content(lines, head.no, _MAX_TITLE_LINES, across_blanks=True):
            if subheading(x.text):
                break
            title_lines.append(x)
        probe = Item(head, "", "", None, [x.no for x in title_lines])
        if not _followed_by_subheading(lines, probe):
            title_lines, probe = [head], Item(head, "", "", None, [head.no])
        if _followed_by_subheading(lines, probe) or _short_title_over_text(lines, head):
            out.append(Item(head, _join(None, title_lines, None), _between(found, head.no), None,
                            [x.no for x in title_lines]))
    return out


def _short_title_over_text(lines: list[Line], head: Line) -> bool:
    """'Avslut' over 'Ordföranden tackar …': a short title line over the item's text."""
    nxt = _next_content(lines, head.no, 1)
    return len(head.text.split()) <= 6 and not head.text.endswith((",", ":", ";")) and bool(nxt) \
        and nxt[0].text[:1].isupper()


def _between(found: list[Item], no: int) -> str | None:
    """The number an item without its number line must have: one more than the item before it."""
    before = [int(it.paragraph) for it in found if it.line.no < no and it.paragraph and it.paragraph.isdigit()]
    after = [int(it.paragraph) for it in found if it.line.no > no and it.paragraph and it.paragraph.isdigit()]
    if before and (not after or after[0] - before[-1] == 2):
        return str(before[-1] + 1)
    if after and not before and after[0] == 2:
        return "1"
    return None


def _followed_by_subheading(lines: list[Line], item: Item) -> bool:
    last = item.title_lines[-1] if item.title_lines else item.line.no
    nxt = _next_content(lines, last, 1, across_blanks=True)
    return bool(nxt) and subheading(nxt[0].text) is not None


def _weight(lines: list[Line], it: Item) -> float:
    """How surely an item line opens an item: a Dnr, a title line of its own, a sub-heading under it."""
    w = 1.0 + (it.dnr is not None) + bool(it.title_lines)
    return w + _followed_by_subheading(lines, it)


def _number(it: Item) -> float | None:
    m = re.search(r"\d+", it.paragraph)
    return float(m.group(0)) if m else None


def in_sequence(lines: list[Line], items: list[Item]) -> list[Item]:
    """The items whose numbers rise through the document (the heaviest such run): a '§ 9' quoted at a
    line's start inside an item, or the table of contents' copy of an item, falls out."""
    if len(items) < 3:
        return items
    nums = [_number(it) for it in items]
    weights = [_weight(lines, it) for it in items]
    best: list[tuple[float, int]] = []   # (total weight, previous index) of the best run ending at i
    for i, n in enumerate(nums):
        cand = (weights[i], -1)
        for j in range(i):
            if nums[j] is not None and n is not None and nums[j] < n and best[j][0] + weights[i] > cand[0]:
                cand = (best[j][0] + weights[i], j)
        best.append(cand)
    i = max(range(len(items)), key=lambda k: best[k][0])
    keep = []
    while i >= 0:
        keep.append(items[i])
        i = best[i][1]
    return keep[::-1]


def find_items(lines: list[Line], skip: set[int]) -> Items:
    """The items, sub-headings and table of contents of a protocol (empty for informal notes)."""
    out = Items()
    _paragraph_items(lines, skip, out)
    if len(out.toc) > 0.6 * max(1, sum(not ln.blank for ln in lines)):
        out.toc = {n for n in out.toc if TOC_HEADING.match(lines[n].text)}  # not a table of contents
    out.items = in_sequence(lines, out.items)
    if not out.items:
        out.items = _numbered_items(lines, skip, out.toc)
    if out.items:
        first = out.items[0].line.no
        titles = {n for it in out.items for n in it.title_lines}
        for ln in lines:
            if ln.no > first and ln.no not in titles and ln.no not in skip:
                name = subheading(ln.text)
                if name:
                    out.subheadings[ln.no] = name
    return out
