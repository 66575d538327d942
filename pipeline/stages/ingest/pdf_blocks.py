"""PDF pages (their layout, :mod:`pipeline.stages.ingest.pdf_layout`) written as text and blocks.

Per page a ``page`` block. Lines are grouped into blocks by what the characters show: a line in a
larger font than the body (or a bold line, where the body is not bold) is a heading, the larger
the font the higher its level; a line starting with a bullet glyph or an item number is a list
item (depth from its x-position), its wrapped lines with it; other lines make paragraphs, which a
vertical gap wider than the page's line pitch ends. Lines split into column segments make a layout
table (``layout="columns"``): each line a row, each segment a cell with its ``column`` and ``x0``,
the segments written with ``COLUMN_GAP`` between them. Ruled tables are tables. Furniture lines are
left out of the text and recorded as ``furniture`` blocks where they stood.
"""
from __future__ import annotations

import statistics
from collections import Counter
from dataclasses import dataclass

from pipeline.contract.document import TextBuilder
from pipeline.stages.ingest.formats import list_marker, write_lines
from pipeline.stages.ingest.hyphenation import join_hyphenated
from pipeline.stages.ingest.pdf_layout import BULLETS, Line, PageLayout, TableItem, TextLine

HEADING_SIZE_RATIO = 1.12
PARAGRAPH_GAP = 1.35       # a line pitch this many times the page's usual pitch ends a paragraph
COLUMN_TOLERANCE = 12.0    # pt: segment starts this close belong to one column
MAX_REGION_SPAN = 8        # single-segment lines between two multi-segment lines stay in the region


@dataclass
class DocStyle:
    body_size: float
    heading_sizes: list[float]       # distinct heading sizes, largest first
    bold_headings: bool              # the body is not bold, so a bold line stands out

    def heading_level(self, line: Line) -> int | None:
        size = round(line.size * 2) / 2
        if line.size >= HEADING_SIZE_RATIO * self.body_size and size in self.heading_sizes:
            return min(self.heading_sizes.index(size) + 1, 6)
        if self.bold_headings and line.bold and len(line.segments) == 1 and len(line.text) <= 120 \
                and not _bullet(line):
            return min(len(self.heading_sizes) + 1, 6)
        return None


def doc_style(layouts: list[PageLayout]) -> DocStyle:
    sizes: Counter[float] = Counter()
    bold = total = 0
    for lay in layouts:
        for it in lay.items:
            if isinstance(it, Line):
                for w in it.words:
                    n = sum(c.isalnum() for c in w.text)
                    sizes[round(w.size * 2) / 2] += n
                    bold += n if w.bold else 0
                    total += n
    body = sizes.most_common(1)[0][0] if sizes else 10.0
    heading = sorted({s for s in sizes if s >= HEADING_SIZE_RATIO * body}, reverse=True)
    return DocStyle(body, heading, total > 0 and bold < 0.5 * total)


def _bullet(line: Line) -> tuple[str, float] | None:
    """(marker, x0 of the item's text) when the line starts a list item."""
    words = line.words
    if len(words) < 2:
        return None
    first = words[0].text
    if len(first) == 1 and first in BULLETS:
        return "-", words[1].x0
    if first[:-1].isdigit() and first[-1] in ".)" and len(first) <= 3:
        return first, words[1].x0
    return None


def _pitch(lines: list[Line]) -> float:
    gaps = [b.top - a.top for a, b in zip(lines, lines[1:]) if b.top > a.top]
    return statistics.median(gaps) if gaps else 0.0


def _depths(lines: list[Line]) -> dict[float, int]:
    xs = sorted({round(ln.x0) for ln in lines if _bullet(ln)})
    depth, out, last = 0, {}, None
    for x in xs:
        if last is None or x - last > 5:
            depth += 1
        out[x] = depth
        last = x
    return out


def _regions(lines: list, pitch: float = 0.0) -> dict[int, int]:
    """index -> region id for the lines that belong to a column region (a vertical gap ends one)."""
    multi = [i for i, it in enumerate(lines) if isinstance(it, Line) and len(it.segments) >= 2]
    out: dict[int, int] = {}
    region = 0

    def gap(j: int) -> bool:
        return pitch > 0 and lines[j + 1].top - lines[j].top > PARAGRAPH_GAP * pitch

    for k, i in enumerate(multi):
        if k == 0 or i - multi[k - 1] > MAX_REGION_SPAN or any(
                not isinstance(lines[j], Line) or gap(j) for j in range(multi[k - 1], i)):
            region += 1
        else:
            for j in range(multi[k - 1] + 1, i):
                out[j] = region
        out[i] = region
    # lines right below a region that stand in one of its right-hand columns belong to it
    for i in sorted(out):
        if out.get(i + 1) is not None or i + 1 >= len(lines):
            continue
        starts = {round(seg[0].x0) for j, r in out.items() if r == out[i] for seg in lines[j].segments[1:]}
        j = i + 1
        while j < len(lines) and isinstance(lines[j], Line) and len(lines[j].segments) == 1 and not gap(j - 1) \
                and any(abs(lines[j].x0 - x) <= COLUMN_TOLERANCE for x in starts):
            out[j] = out[i]
            j += 1
    return out


class PageWriter:
    def __init__(self, b: TextBuilder, style: DocStyle):
        self.b = b
        self.style = style
        self.current: dict | None = None    # the block being gathered

    def end(self) -> None:
        c, self.current = self.current, None
        if c is None:
            return
        text = join_hyphenated("\n".join(c["lines"]))
        if c["kind"] == "heading":
            self.b.heading(" ".join(text.split("\n")), c["level"], font_size=c["size"], bold=c["bold"])
        elif c["kind"] == "list_item":
            marker = c["marker"]
            number = int(marker[:-1]) if marker[:-1].isdigit() else None
            attrs = {"ordered": True, "number": number} if number is not None else {}
            self.b.list_item(text, c["depth"], list_marker(c["depth"], number) if marker == "-" or number is not None
                             and marker.endswith(".") else "  " * (c["depth"] - 1) + marker + " ",
                             x0=round(c["x0"], 1), **attrs)
        else:
            self.b.paragraph(text, font_size=c["size"], x0=round(c["x0"], 1),
                             **({"bold": True} if c["bold"] else {}))

    def line(self, line: Line, prev: Line | None, pitch: float, depths: dict) -> None:
        level = self.style.heading_level(line)
        scale = max(1.0, line.size / self.style.body_size) if self.style.body_size else 1.0   # large type, wide pitch
        gap = prev is not None and pitch > 0 and (line.top - prev.top) > PARAGRAPH_GAP * pitch * scale
        c = self.current
        if level is not None:
            if c and c["kind"] == "heading" and not gap and c["level"] == level and line.size > self.style.body_size:
                c["lines"].append(line.text)
                return
            self.end()
            self.current = {"kind": "heading", "level": level, "lines": [line.text], "size": round(line.size, 1),
                            "bold": line.bold, "x0": line.x0}
            return
        bullet = _bullet(line)
        if bullet:
            self.end()
            rest = line.text.split(" ", 1)[1] if " " in line.text else ""
            self.current = {"kind": "list_item", "lines": [rest.strip()], "marker": bullet[0], "text_x0": bullet[1],
                            "depth": depths.get(round(line.x0), 1), "x0": line.x0}
            return
        if c and not gap and c["kind"] == "list_item" and line.x0 >= c["text_x0"] - 2:
            c["lines"].append(line.text)
            return
        if c and not gap and c["kind"] == "paragraph":
            c["lines"].append(line.text)
            c["bold"] = c["bold"] and line.bold
            return
        self.end()
        self.current = {"kind": "paragraph", "lines": [line.text], "size": round(line.size, 1), "x0": line.x0,
                        "bold": line.bold}

    def columns(self, lines: list[Line]) -> None:
        self.end()
        xs = sorted(seg[0].x0 for ln in lines for seg in ln.segments)
        cols: list[list[float]] = []
        for x in xs:
            if cols and x - cols[-1][-1] <= COLUMN_TOLERANCE:
                cols[-1].append(x)
            else:
                cols.append([x])
        starts = [round(statistics.mean(c), 1) for c in cols]
        self.b.open("table", layout="columns", columns=starts)
        for ln in lines:
            self.b.open("table_row")
            for seg, text in zip(ln.segments, ln.texts):
                col = min(range(len(starts)), key=lambda k: abs(starts[k] - seg[0].x0))
                bold = all(w.bold for w in seg)
                self.b.cell(text, column=col, x0=round(seg[0].x0, 1), **({"bold": True} if bold else {}))
            self.b.close("table_row")
        self.b.close("table")

    def table(self, t: TableItem) -> None:
        self.end()
        self.b.open("table", x0=round(t.x0, 1))
        for row in t.rows:
            self.b.row(row)
        self.b.close("table")


def write_page(b: TextBuilder, layout: PageLayout, marks: dict[int, str], style: DocStyle, number: int) -> None:
    """One page into the builder: furniture left out, the rest as blocks."""
    b.open("page", number, **({"source": layout.source} if layout.source != "layer" else {}))
    items = layout.items
    if not any(isinstance(it, (Line, TableItem)) for it in items):
        kept = []
        for i, it in enumerate(items):
            if i in marks:
                b.furniture(it.text, number, kind=marks[i])
            else:
                kept.append(it.text)
        write_lines(b, kept, **({"source": layout.source} if layout.source != "layer" else {}))
        b.close("page")
        return
    kept_items = [(i, it) for i, it in enumerate(items) if i not in marks]
    lines = [it for _, it in kept_items]
    pitch = _pitch([it for it in lines if isinstance(it, Line)])
    regions = _regions(lines, pitch)
    depths = _depths([it for it in lines if isinstance(it, Line)])
    w = PageWriter(b, style)
    prev = None
    pending = sorted(marks)
    for k, (i, it) in enumerate(kept_items):
        while pending and pending[0] < i:
            w.end()
            j = pending.pop(0)
            b.furniture(items[j].text, number, kind=marks[j])
        if k in regions:
            if k == 0 or regions.get(k - 1) != regions[k]:
                members = [lines[j] for j in range(k, len(lines)) if regions.get(j) == regions[k]]
                w.columns(members)
            prev = it
            continue
        if isinstance(it, TableItem):
            w.table(it)
            prev = None
            continue
        if isinstance(it, TextLine):
            w.end()
            b.paragraph(it.text)
            continue
        w.line(it, prev, pitch, depths)
        prev = it
    w.end()
    for j in pending:
        b.furniture(items[j].text, number, kind=marks[j])
    b.close("page")
