"""The lines of a document's text, with offsets, and the column segments of a line.

Minutes are read line by line: titles, labels, attendee lines and headings are lines. A
two-column front page shows in plain text as segments separated by runs of three or more
spaces (or a tab); where the reader gave blocks x-positions (``attrs['x0']``), those place the
segments instead (:func:`segments_from_blocks`).
"""
from __future__ import annotations

import bisect
import json
import re
from dataclasses import dataclass

from pipeline.contract.document import CELL_SEPARATOR

COLUMN_GAP = re.compile(r"\t+|[ \u00a0]{3,}")


@dataclass(frozen=True)
class Segment:
    """A stretch of one line between column gaps."""
    start: int   # offset in the document text
    end: int
    text: str
    col: float   # horizontal position: character column, or the x-position the reader gave


@dataclass(frozen=True)
class Line:
    no: int          # 0-based line number
    start: int       # offset of the first non-space character
    end: int         # offset after the last non-space character
    text: str        # the stripped line
    indent: int      # column of the first non-space character
    raw: str         # the line as written (for its column gaps)
    page_break: bool = False   # the form feed between two pages

    @property
    def blank(self) -> bool:
        return not self.text

    def segments(self) -> list[Segment]:
        """The column segments of the line: 'Beslutande   Ledamöter   Tjänstgörande ersättare' -> 3."""
        out, pos = [], 0
        base = self.start - self.indent
        for gap in COLUMN_GAP.finditer(self.raw):
            if gap.start() > pos and self.raw[pos:gap.start()].strip():
                out.append(_segment(self.raw, base, pos, gap.start()))
            pos = gap.end()
        if self.raw[pos:].strip():
            out.append(_segment(self.raw, base, pos, len(self.raw)))
        return out


def _segment(raw: str, base: int, a: int, b: int) -> Segment:
    part = raw[a:b]
    lead = len(part) - len(part.lstrip())
    text = part.strip()
    return Segment(base + a + lead, base + a + lead + len(text), text, float(a + lead))


def split_lines(text: str) -> list[Line]:
    """Every line of the text (blank ones too), with its offsets."""
    out, pos = [], 0
    for no, raw in enumerate(text.split("\n")):
        stripped = raw.strip()
        lead = len(raw) - len(raw.lstrip())
        out.append(Line(no, pos + lead, pos + lead + len(stripped), stripped, lead, raw.rstrip(),
                        page_break="\f" in raw and not stripped))
        pos += len(raw) + 1
    return out


def block_attrs(block: dict) -> dict:
    """A block row's reader hints (``attrs``: a dict or its JSON), {} when it has none."""
    attrs = block.get("attrs")
    if isinstance(attrs, str):
        try:
            attrs = json.loads(attrs)
        except ValueError:
            return {}
    return attrs if isinstance(attrs, dict) else {}


def segments_from_blocks(line: Line, blocks: list[dict]) -> list[Segment] | None:
    """The segments of a line as the reader placed them: blocks on the line that carry an x-position
    (``attrs['x0']``); None when the reader gave no positions for this line."""
    placed = []
    for b in blocks:
        s, e = b.get("start_char"), b.get("end_char")
        if s is None or e is None or e <= line.start - line.indent or s >= line.end or s < line.start - line.indent:
            continue
        x0 = block_attrs(b).get("x0")
        if x0 is None or b.get("kind") in ("page", "table", "table_row", "furniture"):
            continue
        e = min(e, line.end)
        text = line.raw[s - (line.start - line.indent): e - (line.start - line.indent)].strip()
        if text:
            placed.append(Segment(s, e, text, float(x0)))
    if not placed:
        return None
    return sorted(placed, key=lambda g: g.start)


def cell_segments(line: Line) -> list[Segment]:
    """The cells of a table row's line ('Beslutande | Anna Ek (S), ordförande Bo Berg (M)')."""
    out, pos, base = [], 0, line.start - line.indent
    for k, part in enumerate(line.raw.split(CELL_SEPARATOR)):
        if part.strip():
            lead = len(part) - len(part.lstrip())
            out.append(Segment(base + pos + lead, base + pos + lead + len(part.strip()), part.strip(), float(k)))
        pos += len(part) + len(CELL_SEPARATOR)
    return out


class LineIndex:
    """Line lookup by offset, and the segments of each line: a table row's cells, the blocks'
    x-positions where the reader gave them, else the gaps in the line."""

    def __init__(self, lines: list[Line], blocks: list[dict] | None = None):
        self.lines = lines
        blocks = blocks or []
        self._placed = [b for b in blocks if b.get("kind") != "table_cell" and block_attrs(b).get("x0") is not None]
        self._rows = sorted((b["start_char"], b["end_char"]) for b in blocks if b.get("kind") == "table_row")
        self._cells = sorted((b["start_char"], b["end_char"], block_attrs(b)) for b in blocks
                             if b.get("kind") == "table_cell")
        self._cell_starts = [c[0] for c in self._cells]

    def in_row(self, line: Line) -> bool:
        k = bisect.bisect_right(self._rows, (line.start, float("inf"))) - 1
        return k >= 0 and self._rows[k][0] <= line.start < self._rows[k][1]

    def _row_cells(self, line: Line, text: str) -> list[Segment]:
        """The cells of a table row on this line, placed by their x-position or column number."""
        lo = bisect.bisect_left(self._cell_starts, line.start)
        hi = bisect.bisect_right(self._cell_starts, line.end)
        out = []
        for k, (s, e, attrs) in enumerate(self._cells[lo:hi]):
            cell = text[s - line.start:min(e, line.end) - line.start].strip() if s >= line.start else ""
            if cell:
                col = attrs.get("x0", attrs.get("column", k))
                out.append(Segment(s, s + len(cell), cell, float(col)))
        return out

    def segments(self, line: Line) -> list[Segment]:
        if self._rows and self.in_row(line):
            cells = self._row_cells(line, line.text)
            return cells or cell_segments(line)
        if self._placed:
            placed = segments_from_blocks(line, self._placed)
            if placed:
                return placed
        return line.segments()

    def line_at(self, offset: int) -> Line | None:
        lo, hi = 0, len(self.lines) - 1
        while lo <= hi:
            mid = (lo + hi) // 2
            ln = self.lines[mid]
            line_begin = ln.start - ln.indent
            if offset < line_begin:
                hi = mid - 1
            elif offset > line_begin + len(ln.raw):
                lo = mid + 1
            else:
                return ln
        return None
