"""Sentences of a unit (a paragraph or a list item of ``layout``), and what a line looks like.

Inside a paragraph or an item, sentences are split on spaCy's Swedish tokenisation
(spacy.blank('sv'), which keeps abbreviations such as 't.ex.', 'bl.a.', 'Ev.' together): a
sentence ends at '.', '!' or '?' followed by a token that starts upper-case, with a digit, a quote
or a bracket; a line that starts a labelled item ('Ansvarig: Lisa') or a short line that is not cut
off ('Dnr KS 2019/12') ends its sentence too. The line helpers (a table row, the width of a
hard-wrapped line, a line cut off after 'och') serve ``layout``.

All offsets are character offsets into the document text.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from itertools import pairwise
from typing import Protocol

TABLE_SPLIT_RE = re.compile(r"[ \t]*\|[ \t]*|\t+|[ \t]{3,}")
SPACED_SPLIT_RE = re.compile(r"\S(?: {3,}|\t)(?=\S)")
TERMINAL = {".", "!", "?", "…"}
LINE_ITEM_RE = re.compile(r"(?i)(ansvarig|ansvar|beslut|klart|deadline)\s*:")


@lru_cache(maxsize=1)
def nlp():
    """The blank Swedish spaCy pipeline (tokeniser only), loaded once per process."""
    import spacy

    return spacy.blank("sv")


class Span(Protocol):
    """What sentences are split from: a unit of the layout (kind, start, end)."""
    kind: str
    start: int
    end: int


@dataclass
class Sentence:
    start: int
    end: int
    block: Span
    index: int  # position of the sentence in its block


def is_table_line(body: str, spaced: bool = False) -> bool:
    """A row of a text table: cells separated by '|' or tabs (or, with ``spaced``, by runs of
    three or more spaces).

    Whether the rows form an action table is decided later, from the header row; lines that
    turn out not to be one are read as text again.
    """
    if "|" in body and body.count("|") >= 2 - (body.strip().startswith("|") is False):
        return len([c for c in TABLE_SPLIT_RE.split(body.strip().strip("|")) if c.strip()]) >= 2
    stripped = body.strip()
    if "\t" in stripped and len([c for c in stripped.split("\t") if c.strip()]) >= 2:
        return True
    return spaced and SPACED_SPLIT_RE.search(stripped) is not None


WRAP_END_RE = re.compile(r"(?:[,(/&+–-]|\b(?:och|att|i|på|för|med|till|som|av|om|eller|samt|en|ett|den|det|de|"
                         r"från|vid|hos|inom|under|efter|mot|utan|men|så|där|när|vilket|vars|är|har|ska|kan|"
                         r"enligt|gällande|avseende|angående|mellan|genom|utifrån|samt|inklusive|både|dels|vilken|"
                         r"vilka|sina|sitt|sin|deras|dess|nämndens|kommunens))$",
                         re.IGNORECASE)
WRAP_WIDTH = 70   # a line this long (or 3/4 of the document's usual full line) was wrapped
SHORT_LINE = 45   # a line shorter than this (or 3/5 of the usual full line) was not
MIN_FULL_LINE = 55   # narrower 'full lines' are short typed items, not wrapped text


@lru_cache(maxsize=4)
def full_line(text: str) -> int:
    """The length of a full line when the document is hard-wrapped (many lines end near the
    same width, as in PDF or OCR text); 0 when it is not."""
    widths = sorted(len(line.rstrip()) for line in text.splitlines() if line.strip())
    if len(widths) < 10:
        return 0
    full = widths[int(0.9 * (len(widths) - 1))]
    near = sum(1 for w in widths if 0.85 * full <= w <= full + 5)
    return full if near >= 0.3 * len(widths) and full >= MIN_FULL_LINE else 0


def _short_line(text: str) -> float:
    full = full_line(text)
    return min(SHORT_LINE, max(20, 0.6 * full)) if full else SHORT_LINE


def split_sentences(text: str, block: Span) -> list[Sentence]:
    """Sentences of one block, using spaCy's Swedish tokeniser for the boundaries."""
    if block.kind in ("heading", "label", "table"):
        return [Sentence(block.start, block.end, block, 0)]
    chunk = text[block.start:block.end]
    doc = nlp()(chunk)
    starts = [0]
    toks = [t for t in doc if not t.is_space]
    for i, tok in enumerate(toks[:-1]):
        nxt = toks[i + 1]
        t = tok.text
        ch = nxt.text[0]
        if t in TERMINAL or (t.endswith(("!", "?")) and len(t) > 1):
            if ch.isupper() or ch.isdigit() or ch in "\"'”“«(–-":
                starts.append(nxt.idx)
        elif "\n" in chunk[tok.idx + len(t):nxt.idx] and (
                LINE_ITEM_RE.match(chunk, nxt.idx) or LINE_ITEM_RE.match(chunk, _line_start(chunk, tok.idx))):
            # a line that starts a labelled item ('Ansvarig: Lisa') is a unit of its own
            starts.append(nxt.idx)
        elif "\n" in chunk[tok.idx + len(t):nxt.idx] and (ch.isupper() or ch.isdigit()):
            # a short line that is not cut off ('Dnr KS 2019/12', 'Boka lokal') ends its unit
            ls = _line_start(chunk, tok.idx)
            line = chunk[ls:tok.idx + len(t)]
            if len(line) < _short_line(text) and not WRAP_END_RE.search(line):
                starts.append(nxt.idx)
    starts.append(len(chunk))
    out = []
    for a, b in pairwise(starts):
        seg = chunk[a:b]
        lead = len(seg) - len(seg.lstrip())
        seg_s, seg_e = block.start + a + lead, block.start + a + len(seg.rstrip())
        if seg_e > seg_s:
            out.append(Sentence(seg_s, seg_e, block, len(out)))
    return out


def _line_start(chunk: str, pos: int) -> int:
    """Offset of the first non-blank character of the line containing ``pos``."""
    ls = chunk.rfind("\n", 0, pos) + 1
    while ls < pos and chunk[ls] in " \t":
        ls += 1
    return ls


LIST_TAIL_RE = re.compile(r"(?:[,;]?\s+(?:samt|och|eller)|[,;])\s*$", re.IGNORECASE)


def trim_item(text: str, start: int, end: int) -> tuple[int, int]:
    """Like ``trim_span``, and drop the list glue that ends an 'att …' item (', samt', '; och')."""
    start, end = trim_span(text, start, end)
    m = LIST_TAIL_RE.search(text, start, end)
    if m and m.start() > start:
        end = m.start()
    return trim_span(text, start, end)


def trim_span(text: str, start: int, end: int) -> tuple[int, int]:
    """Drop surrounding white space and a trailing ':' or ',' (kept out of item texts)."""
    while start < end and text[start].isspace():
        start += 1
    while end > start and (text[end - 1].isspace() or text[end - 1] in ":,;"):
        end -= 1
    return start, end
