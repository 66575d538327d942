"""The headings of informal minutes: the reader's heading blocks where it gave any, else the lines
that stand as headings — Markdown '#' lines, numbered items ('3. Ekonomi', '§1 Mötet öppnas'),
standalone lines without a full stop, and in text without blank lines (a PDF page) a short line
that follows the end of a paragraph. Not headings: the title line, speaker lines ('Anna: …'),
labels inside an item ('Beslut:', 'Synpunkter:'), dates, signatures, page numbers.
"""
from __future__ import annotations

import re

from pipeline.lang.dates import find_dates
from pipeline.lang.names import is_first_name
from pipeline.lang.protocol import FRONT_LABELS, FURNITURE
from pipeline.stages.segment.attendees import BULLET, strip_markup
from pipeline.stages.segment.lines import Line
from pipeline.stages.segment.names import FINITE_VERB

MARKUP_HEADING = re.compile(r"^(?P<marks>#{1,6})\s*(?P<title>[^#\s].*?)\s*#*$")
NUMBERED = re.compile(r"^(?P<num>§\s*\d+[a-z]?|(?:[ÄäAa]rende|[Pp]unkt)\s+\d{1,2}|\d{1,2}(?:\.\d{1,2})*)(?:[.):]|\s)\s*"
                      r"(?P<title>\S.*)$")
# labels inside an item: not headings of their own
LABELS = re.compile(r"^(?:beslut|beslutades|beslutas|synpunkter|kommentar(?:er)?|förslag|frågor?|ansvarig|uppdrag|"
                    r"att\s+göra|åtgärd(?:er)?|noteras|noteringar|diskussion|status|nästa\s+steg|bakgrund|"
                    r"info(?:rmation)?|sammanfattning|övrigt\s+att\s+notera|deadline|klart\s+till|till\s+nästa\s+gång|"
                    r"svar|fråga|reflektioner|tankar|idéer|önskemål|inspel|notering|not|obs|ps)\s*:$", re.IGNORECASE)
_SPEAKER = re.compile(r"^(?P<who>[A-ZÅÄÖØ][\wåäöø]+(?:\s[A-ZÅÄÖ][\wåäö]*\.?)?)\s*(?:[-–—_:]+)\s*(?P<said>\S.*)$")
_SENTENCE_END = re.compile(r"[.!;,]$")
_EMAIL_OR_URL = re.compile(r"\S+@\S+|https?://|www\.")
_MONTH_START = re.compile(r"^\d{1,2}\s+(?:januari|februari|mars|april|maj|juni|juli|augusti|september|oktober|"
                          r"november|december)\b", re.IGNORECASE)


_ABBREVIATION_END = re.compile(r"\b(?:m\.m|m\.fl|etc|o\.s\.v|osv|bl\.a|t\.ex|mfl|mm)\.$", re.IGNORECASE)


def _clean(text: str) -> str:
    """The line's end without closing quotes and emphasis; an abbreviation's full stop ('m.m.') dropped."""
    s = text.rstrip(" \t\"'”’»)]*_") if not text.endswith(")") else text.rstrip(" \t*_")
    return _ABBREVIATION_END.sub("", s)


def is_speaker_line(text: str) -> bool:
    """'Matthias – det är ytterligare ett argument …', 'Thomas K: Begreppsdefinitioner …': someone speaking."""
    m = _SPEAKER.match(text)
    if not m:
        return False
    who, said = m.group("who"), m.group("said")
    return is_first_name(who.split()[0]) or len(said.split()) > 6 or said[:1].islower()


def _plain_heading_text(t: str) -> bool:
    """A line that can be a heading by its form: capitalised, not a sentence, label, date or number."""
    if not t or BULLET.match(t) or _EMAIL_OR_URL.search(t) or FURNITURE.match(t):
        return False
    if not (t[0].isupper() or t[0].isdigit() or t[0] in "\"”»"):
        return False
    words = t.split()
    if len(t) > 140 or _SENTENCE_END.search(_clean(t)) or LABELS.match(t):
        return False
    if t.endswith("?") and len(words) > 4:
        return False
    if t.endswith(("-", "–")) or re.search(r"\S:\s+[a-zåäö]", t) or re.match(r"^[^\s:]+:\s+\S", t):
        return False  # 'SUHF: Tagit del - ok', 'Förslag: lägg till …': a label and its text
    outside = re.sub(r"\([^)]*\)", " ", t)
    if len(words) > 4 and not t.endswith("?") and FINITE_VERB.search(outside):
        return False
    if re.fullmatch(r"[\d\s./():-]+", t) and not re.fullmatch(r"\d{2,4}(?:/\d{2,4})*", t):
        return False
    if t.endswith(":") and t[:-1].strip().lower() in FRONT_LABELS:
        return False
    if is_speaker_line(t):
        return False
    dates = [d for d in find_dates(t) if d.start == 0 and d.end >= len(t) - 1]
    return not dates


def numbered_heading(t: str) -> tuple[str, str] | None:
    """('3. Ekonomi', '3') for a numbered heading line; None for a numbered sentence or a date."""
    m = NUMBERED.match(t)
    if not m:
        return None
    title = m.group("title")
    if len(t) > 100 or len(title.split()) > 10 or not (title[:1].isupper() or title[:1].isdigit()) \
            or _SENTENCE_END.search(_clean(t)) or _MONTH_START.match(t) or re.search(r"[.?!]\s", title) \
            or FINITE_VERB.search(re.sub(r"\([^)]*\)", " ", title)):
        return None
    return t, m.group("num").strip().rstrip(".)")


def line_heading(ln: Line, prev: Line | None, nxt: Line | None, dense: bool, width: int) -> tuple[str, str | None] | None:
    """(title, number) when a line stands as a heading."""
    t = ln.text
    m = MARKUP_HEADING.match(t)
    if m:
        return m.group("title").strip("* "), None
    t = strip_markup(t)
    numbered = numbered_heading(t)
    if numbered:
        return numbered
    bulleted = _bullet_heading(ln, prev, nxt)
    if bulleted:
        return bulleted, None
    if not _plain_heading_text(t) or (t.endswith(":") and not (dense and len(t.split()) <= 3)):
        return None
    before = prev is None or prev.blank
    after = nxt is None or nxt.blank
    if before and after:
        return t, None
    if before and len(t) <= 50 and nxt is not None and not nxt.blank \
            and (nxt.text[:1].isupper() or nxt.text[:1].isdigit() or BULLET.match(nxt.text)):
        return t, None  # a short heading directly over its text: 'Nästa möte\n14 december …'
    if dense and _dense_heading(t, prev, nxt, width):
        return t, None
    return None


def _bullet_heading(ln: Line, prev: Line | None, nxt: Line | None) -> str | None:
    """'• Ekonomi' standing alone over its text (not over more bullets): a heading written as a bullet."""
    if not BULLET.match(ln.text) or re.match(r"\s*\d", ln.text) or not (prev is None or prev.blank):
        return None
    t = BULLET.sub("", ln.text).strip()
    if nxt is None or nxt.blank or BULLET.match(nxt.text) or len(t.split()) > 6 or not t[:1].isupper():
        return None
    ok = _plain_heading_text(t) or (t.endswith(":") and _plain_heading_text(t[:-1]))
    return t if ok else None


def _dense_heading(t: str, prev: Line | None, nxt: Line | None, width: int) -> bool:
    """In text without blank lines: a short line after the end of a paragraph, over a capitalised line."""
    if len(t) > 0.7 * width or len(t.split()) > 12 or (t.endswith(":") and len(t.split()) > 3):
        return False
    if t.endswith("?") and len(t.split()) > 5:
        return False
    prev_ends = prev is None or prev.blank or prev.text.endswith((".", "!", "?", ":", ")")) \
        or len(prev.text) < 0.7 * width
    nxt_starts = nxt is None or nxt.blank or nxt.text[:1].isupper() or BULLET.match(nxt.text) is not None \
        or nxt.text[:1].isdigit() or not nxt.text[:1].isalnum()
    return prev_ends and nxt_starts


def text_width(lines: list[Line]) -> int:
    """The width paragraphs wrap at: the length most long lines reach."""
    lengths = sorted(len(ln.text) for ln in lines if len(ln.text) > 20)
    return lengths[int(len(lengths) * 0.9)] if lengths else 80


def is_dense(lines: list[Line]) -> bool:
    """Text whose paragraphs are not separated by blank lines (a PDF reader's page text)."""
    content = sum(not ln.blank for ln in lines)
    return content > 0 and sum(ln.blank for ln in lines) < 0.12 * content


def _top_number(number: str) -> tuple[int, int | None]:
    parts = re.findall(r"\d+", number)
    return int(parts[0]), (int(parts[1]) if len(parts) > 1 else None)


def numbered_run(heads: list[tuple[int, str, str | None]]) -> set[int]:
    """The numbered headings that carry the agenda: the first run (1, 2, 3 …) and its sub-numbers
    ('3.1'); a list that starts again at 1 inside an item is content. Returns the kept line numbers."""
    keep, expected, current = set(), None, None
    for line_no, _, number in heads:
        if number is None or number.startswith("§"):
            keep.add(line_no)
            continue
        top, sub = _top_number(number)
        if sub is not None:
            if current is not None and top == current:
                keep.add(line_no)
            continue
        if expected is None or top == expected:
            keep.add(line_no)
            current, expected = top, top + 1
    return keep
