"""Split minutes into blocks (paragraphs, bullets, headings, labels, table rows) and sentences.

Minutes are line-oriented: a bullet ('- ', '• ', OCR'd 'e ') is a unit of its own, a heading
line is never part of a sentence, and a blank line ends a paragraph. Inside a paragraph or a
bullet, sentences are split on spaCy's Swedish tokenisation (spacy.blank('sv'), which keeps
abbreviations such as 't.ex.', 'bl.a.', 'Ev.' together): a sentence ends at '.', '!' or '?'
followed by a token that starts upper-case, with a digit, a quote or a bracket.

All offsets are character offsets into the document text.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache

from pipeline.lang.fold import fold_cue_text as fold  # noqa: F401 - the tests fold cue text through this module

BULLET_RE = re.compile(r"^[ \t]*(?:[-–—•*·▪◦►➢]|e(?=[ \t]+\S)|\(?[a-z0-9]{1,2}\))[ \t]+")
ATT_LINE_RE = re.compile(r"^[ \t]*att[ \t]+\S", re.IGNORECASE)
# a short line ending in ':' such as 'Beslut:' or 'Synpunkter och tankar:'
LABEL_RE = re.compile(r"^[ \t]*(?P<label>[A-ZÅÄÖa-zåäö][\w åäöÅÄÖé/-]{0,60}?)[ \t]*:[ \t]*$")
TABLE_SPLIT_RE = re.compile(r"[ \t]*\|[ \t]*|\t+|[ \t]{3,}")
SPACED_SPLIT_RE = re.compile(r"\S(?: {3,}|\t)(?=\S)")
TERMINAL = {".", "!", "?", "…"}
LINE_ITEM_RE = re.compile(r"(?i)(ansvarig|ansvar|beslut|klart|deadline)\s*:")


@lru_cache(maxsize=1)
def nlp():
    """The blank Swedish spaCy pipeline (tokeniser only), loaded once per process."""
    import spacy

    return spacy.blank("sv")


@dataclass
class Block:
    kind: str  # 'para', 'bullet', 'heading', 'label', 'table', 'att'
    start: int  # offset of the content (after any bullet marker)
    end: int  # end of the content, trailing whitespace excluded
    label: str | None = None  # label in force ('Beslut', 'Synpunkter och tankar') or None
    lines: list[tuple[int, int]] = field(default_factory=list)


@dataclass
class Sentence:
    start: int
    end: int
    block: Block
    index: int  # position of the sentence in its block


def _lines(text: str):
    pos = 0
    for line in text.splitlines(keepends=True):
        body = line.rstrip("\r\n")
        yield pos, pos + len(body), body
        pos += len(line)


def _is_table_line(body: str, spaced: bool = False) -> bool:
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
                         r"från|vid|hos|inom|under|efter|mot|utan|men|så|där|när|vilket|vars|är|har|ska|kan))$",
                         re.IGNORECASE)
WRAP_WIDTH = 70   # a line this long (or 3/4 of the document's usual full line) was wrapped
SHORT_LINE = 45   # a line shorter than this (or 3/5 of the usual full line) was not
MIN_FULL_LINE = 55   # narrower 'full lines' are short typed items, not wrapped text


@lru_cache(maxsize=4)
def _full_line(text: str) -> int:
    """The length of a full line when the document is hard-wrapped (many lines end near the
    same width, as in PDF or OCR text); 0 when it is not."""
    widths = sorted(len(line.rstrip()) for line in text.splitlines() if line.strip())
    if len(widths) < 10:
        return 0
    full = widths[int(0.9 * (len(widths) - 1))]
    near = sum(1 for w in widths if 0.85 * full <= w <= full + 5)
    return full if near >= 0.3 * len(widths) and full >= MIN_FULL_LINE else 0


def _wrap_width(text: str) -> float:
    full = _full_line(text)
    return min(WRAP_WIDTH, max(30, 0.75 * full)) if full else WRAP_WIDTH


def _short_line(text: str) -> float:
    full = _full_line(text)
    return min(SHORT_LINE, max(20, 0.6 * full)) if full else SHORT_LINE


def _continues_item(text: str, cur: Block, body: str) -> bool:
    """Does a line without a bullet marker continue the bullet (or 'att' item) above it?

    It does when it is indented, starts in lower case, or the line above was cut off: it
    ends without a full stop after a word such as 'och', or is as long as wrapped text
    ('… (samordnad individuell plan) och' / 'Mina planer.'; the width of a wrapped line is
    taken from the document, so narrow PDF columns count too). A flush, capitalised line after
    a short finished item starts a new paragraph ('- Mer info på lätt svenska' / 'Oskar tar fram …').
    """
    first = body.lstrip()[:1]
    if body[:1] in " \t" or first.islower() or first.isdigit() or first in "(–-\"”":
        return True
    ps, pe = cur.lines[-1]
    prev_line = text[text.rfind("\n", 0, ps) + 1:pe].rstrip()
    if prev_line.endswith((".", "!", "?", ":", ";")):
        return False
    return len(prev_line) >= _wrap_width(text) or WRAP_END_RE.search(prev_line) is not None


def blocks(text: str, heading_starts: set[int] | None = None, is_label=None,
           is_table_header=None) -> list[Block]:
    """Group the lines of ``text`` into blocks.

    heading_starts: offsets where section headings begin (from the segmenter); those lines
    become 'heading' blocks. Labels ('Beslut:') apply to the bullets / 'att' lines that
    follow, until a non-bullet paragraph or a heading. ``is_label(line)`` marks further
    label lines written without a colon ('Kommunstyrelsen beslutar'). ``is_table_header(line)``
    tells a table header whose columns are separated by spaces only ('Vad     Vem     När');
    the rows right below it that are laid out the same way belong to the table.
    """
    heading_starts = heading_starts or set()
    out: list[Block] = []
    cur: Block | None = None
    label: str | None = None
    label_seen_list = False

    def close():
        nonlocal cur
        if cur is not None:
            out.append(cur)
            cur = None

    for ls, _le, body in _lines(text):
        stripped = body.strip()
        if not stripped:
            close()
            continue
        lead = len(body) - len(body.lstrip())
        s0, e0 = ls + lead, ls + len(body.rstrip())
        is_heading = bool(heading_starts) and any(h in heading_starts for h in range(ls, s0 + 1))
        if is_heading:
            close()
            label = None
            out.append(Block("heading", s0, e0, None, [(s0, e0)]))
            continue
        m_label = LABEL_RE.match(body)
        bare_label = is_label is not None and is_label(stripped.rstrip(":"))
        if bare_label or (m_label and len(m_label.group("label").split()) <= 5):
            close()
            label = stripped.rstrip(":").strip() if bare_label else m_label.group("label").strip()
            label_seen_list = False
            out.append(Block("label", s0, e0, label, [(s0, e0)]))
            continue
        # a row right below a table row (no blank line between) continues the table
        in_table = cur is None and bool(out) and out[-1].kind == "table" and text.count("\n", out[-1].end, ls) == 1
        spaced_header = is_table_header is not None and SPACED_SPLIT_RE.search(stripped) is not None \
            and is_table_header(body)
        if _is_table_line(body, spaced=in_table) or spaced_header:
            close()
            out.append(Block("table", s0, e0, label, [(s0, e0)]))
            continue
        m_b = BULLET_RE.match(body)
        if m_b:
            close()
            cs = ls + m_b.end()
            cur = Block("bullet", cs, e0, label, [(cs, e0)])
            label_seen_list = True
            continue
        if ATT_LINE_RE.match(body) and label is not None:
            close()
            cur = Block("att", s0, e0, label, [(s0, e0)])
            label_seen_list = True
            continue
        if cur is not None and (cur.kind == "para" or (cur.kind in ("bullet", "att")
                                                       and _continues_item(text, cur, body))):
            cur.end = e0
            cur.lines.append((s0, e0))
            continue
        close()
        # a new paragraph ends the scope of a label once its list has been seen
        if label is not None and label_seen_list:
            label = None
        cur = Block("para", s0, e0, label, [(s0, e0)])
    close()
    return out


def split_sentences(text: str, block: Block) -> list[Sentence]:
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
    for a, b in zip(starts, starts[1:]):
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
