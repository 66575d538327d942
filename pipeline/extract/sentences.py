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
import unicodedata
from dataclasses import dataclass, field
from functools import lru_cache

BULLET_RE = re.compile(r"^[ \t]*(?:[-–—•*·▪◦►➢]|e(?=[ \t]+\S)|\(?[a-z0-9]{1,2}\))[ \t]+")
ATT_LINE_RE = re.compile(r"^[ \t]*att[ \t]+\S", re.IGNORECASE)
# a short line ending in ':' such as 'Beslut:' or 'Synpunkter och tankar:'
LABEL_RE = re.compile(r"^[ \t]*(?P<label>[A-ZÅÄÖa-zåäö][\w åäöÅÄÖé/-]{0,60}?)[ \t]*:[ \t]*$")
TABLE_SPLIT_RE = re.compile(r"[ \t]*\|[ \t]*|\t+|[ \t]{3,}")
TERMINAL = {".", "!", "?", "…"}
LINE_ITEM_RE = re.compile(r"(?i)(ansvarig|ansvar|beslut|klart|deadline)\s*:")


@lru_cache(maxsize=1)
def nlp():
    """The blank Swedish spaCy pipeline (tokeniser only), loaded once per process."""
    import spacy

    return spacy.blank("sv")


def fold(s: str) -> str:
    """Lower-case and strip diacritics character by character (same length as the input).

    OCR confusions for å/ä/ö ('6vriga', '&r') are folded too, so cues match damaged text.
    """
    out = []
    for i, c in enumerate(s):
        base = unicodedata.normalize("NFKD", c)[0] if c else c
        base = base.lower()
        if c in "6&" and (i + 1 < len(s) and s[i + 1].isalpha()) and (i == 0 or not s[i - 1].isdigit()):
            base = "o" if c == "6" else "a"
        out.append(base if len(base) == 1 else c)
    return "".join(out)


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


def _is_table_line(body: str) -> bool:
    if "|" in body and body.count("|") >= 2 - (body.strip().startswith("|") is False):
        return len([c for c in TABLE_SPLIT_RE.split(body.strip().strip("|")) if c.strip()]) >= 2
    return "\t" in body.strip() and len([c for c in body.strip().split("\t") if c.strip()]) >= 2


def blocks(text: str, heading_starts: set[int] | None = None, is_label=None) -> list[Block]:
    """Group the lines of ``text`` into blocks.

    heading_starts: offsets where section headings begin (from the segmenter); those lines
    become 'heading' blocks. Labels ('Beslut:') apply to the bullets / 'att' lines that
    follow, until a non-bullet paragraph or a heading. ``is_label(line)`` marks further
    label lines written without a colon ('Kommunstyrelsen beslutar').
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

    for ls, le, body in _lines(text):
        stripped = body.strip()
        if not stripped:
            close()
            continue
        lead = len(body) - len(body.lstrip())
        s0, e0 = ls + lead, ls + len(body.rstrip())
        is_heading = any(ls <= h <= s0 for h in heading_starts)
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
        if _is_table_line(body):
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
        if cur is not None and cur.kind in ("para", "bullet", "att"):
            cur.end = e0
            cur.lines.append((s0, e0))
            continue
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
        elif "\n" in chunk[tok.idx + len(t):nxt.idx] and LINE_ITEM_RE.match(chunk, nxt.idx):
            starts.append(nxt.idx)  # a line that starts a labelled item ('Ansvarig: Lisa')
    starts.append(len(chunk))
    out = []
    for a, b in zip(starts, starts[1:]):
        seg = chunk[a:b]
        lead = len(seg) - len(seg.lstrip())
        seg_s, seg_e = block.start + a + lead, block.start + a + len(seg.rstrip())
        if seg_e > seg_s:
            out.append(Sentence(seg_s, seg_e, block, len(out)))
    return out


def trim_span(text: str, start: int, end: int) -> tuple[int, int]:
    """Drop surrounding white space and a trailing ':' or ',' (kept out of item texts)."""
    while start < end and text[start].isspace():
        start += 1
    while end > start and (text[end - 1].isspace() or text[end - 1] in ":,;"):
        end -= 1
    return start, end
