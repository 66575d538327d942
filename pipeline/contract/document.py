"""The document model: ``documents.text`` and its structure as blocks with character offsets.

A reader of a structured format (Markdown, HTML, docx, PDF, org, LaTeX, ODT, RTF) does not
flatten the file and let later stages guess the structure again: it writes the text through a
:class:`TextBuilder`, which records every heading, paragraph, list item, table, row and cell as a
:class:`Block` whose offsets index into the text it builds, so they are right by construction.

Block kinds (``BLOCK_KINDS``):

* ``heading`` (``level`` 1–6), ``paragraph``, ``list_item`` (``level`` = depth, 1 = top level);
* ``table`` > ``table_row`` > ``table_cell`` (a row's cells are joined by ``CELL_SEPARATOR``). A
  table opened with ``layout="columns"`` is a region laid out in columns without rules (the
  two-column front page of a formal protocol): its cells are joined by ``COLUMN_GAP`` (three spaces,
  as plain-text renderings of such pages show), an empty column writes nothing, and each cell
  carries ``attrs["column"]`` (0-based) and ``attrs["x0"]`` so the columns can be told apart;
* ``page`` (1-based ``page``; pages are joined by ``PAGE_SEPARATOR``);
* ``furniture``: running headers and footers, page numbers and signature-certificate lines that
  were removed from the text. Its ``text`` is what was removed and its offsets are the point in
  the text where it stood (``start == end``), so an analyst can see what the page carried.

Layout of the text: blocks are separated by a blank line, items of one list and rows of one table
by a single line break. The text inside a block keeps its own line breaks (a PDF paragraph keeps
its lines). Offsets exclude list markers ('- ', '1. ', written before the item) and the separators.

``attrs`` are reader hints, kept in ``blocks.attrs`` (JSON): ``bold`` (the whole block is bold or
``<strong>``), ``font_size`` (pt, PDF), ``x0`` (left edge in pt, PDF), ``column`` (0-based column
of a layout cell), ``columns`` (the x0 of each column of a layout table), ``style`` (docx/odt
paragraph style), ``ordered`` / ``number`` (list items), ``source`` ('ocr' for OCR'd pages),
``kind`` (furniture: 'running_header', 'page_number', 'signature_line', 'certificate_page').

Repair changes the text (``text_raw`` → ``text``); :func:`remap_blocks` carries the blocks over
through the corrections' offsets.
"""
from __future__ import annotations

import bisect
import json
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace

_BLANK_LINES = re.compile(r"[ \t]*\n(?:[ \t\f]*\n)+")
BLOCK_KINDS = ("heading", "paragraph", "list_item", "table", "table_row", "table_cell", "page", "furniture")
CONTAINER_KINDS = ("table", "table_row", "page")
PAGE_SEPARATOR = "\n\f\n"   # a blank line holding a form feed: a page break is a paragraph break too
CELL_SEPARATOR = " | "
COLUMN_GAP = "   "          # between the column segments of a line in a layout table
BLOCK_SEPARATOR = "\n\n"
ITEM_SEPARATOR = "\n"


@dataclass(frozen=True)
class Block:
    kind: str
    start: int
    end: int
    level: int | None = None      # heading level; list depth (1 = top level)
    page: int | None = None       # 1-based page number in paged formats
    text: str | None = None       # furniture only: the text that was removed
    attrs: dict = field(default_factory=dict, compare=False)  # reader hints: bold, font_size, x0, column, style

    def __post_init__(self):
        if self.kind not in BLOCK_KINDS:
            raise ValueError(f"unknown block kind {self.kind!r}")
        if self.end < self.start:
            raise ValueError(f"block ends before it starts: {self}")


class TextBuilder:
    """Writes a document's text and its blocks together.

    >>> b = TextBuilder()
    >>> _ = b.heading("Protokoll", 1); _ = b.list_item("Anna Ek"); _ = b.list_item("Bo Berg")
    >>> b.text
    'Protokoll\\n\\nAnna Ek\\nBo Berg'
    """

    def __init__(self) -> None:
        self._parts: list[str] = []
        self._len = 0
        self.blocks: list[Block] = []
        self._open: list[tuple[int, str, int | None, dict]] = []  # (index in blocks, kind, level, attrs)
        self._last: str | None = None       # kind of the last leaf block written
        self._page: int | None = None
        self._cell_sep: list[str] = []      # separator of the cells of each open table
        self.metadata: dict[str, str] = {}

    # -- writing ------------------------------------------------------------------------------
    @property
    def text(self) -> str:
        return "".join(self._parts)

    def __len__(self) -> int:
        return self._len

    def _write(self, s: str) -> None:
        if s:
            self._parts.append(s)
            self._len += len(s)

    def _separate(self, kind: str) -> None:
        """Write what goes between the last thing written and a new ``kind``."""
        last = self._last
        if not self._len or last == "open:page":
            return
        if kind == "table_cell":
            sep = "" if last == "open:table_row" else (self._cell_sep[-1] if self._cell_sep else CELL_SEPARATOR)
        elif kind == "table_row":
            sep = "" if last == "open:table" else ITEM_SEPARATOR if last == "close:table_row" else BLOCK_SEPARATOR
        elif kind == "list_item" and last == "list_item":
            sep = ITEM_SEPARATOR
        else:
            sep = BLOCK_SEPARATOR
        self._write(sep)

    def add(self, kind: str, text: str, level: int | None = None, marker: str = "", **attrs) -> Block | None:
        """A leaf block (heading, paragraph, list_item, table_cell). ``marker`` is written before the
        block's text but outside its offsets ('- ', '3. '). Empty text writes nothing."""
        # a blank line inside a block would read as a block boundary; a heading is one line
        text = _BLANK_LINES.sub("\n", text).strip()
        if kind == "heading":
            text = " ".join(text.split())
        if not text and kind != "table_cell":
            return None
        self._separate(kind)
        self._write(marker)
        start = self._len
        self._write(text)
        block = Block(kind, start, self._len, level, self._page, attrs=attrs)
        self.blocks.append(block)
        self._last = kind
        return block

    def heading(self, text: str, level: int = 1, **attrs) -> Block | None:
        return self.add("heading", text, level, **attrs)

    def paragraph(self, text: str, **attrs) -> Block | None:
        return self.add("paragraph", text, **attrs)

    def list_item(self, text: str, depth: int = 1, marker: str = "", **attrs) -> Block | None:
        return self.add("list_item", text, depth, marker=marker, **attrs)

    def open(self, kind: str, level: int | None = None, **attrs) -> None:
        """Start a container (table, table_row, page); :meth:`close` ends the innermost one."""
        if kind not in CONTAINER_KINDS:
            raise ValueError(f"{kind} is not a container kind")
        if kind == "page":
            if self._len:
                self._write(PAGE_SEPARATOR)
            self._page = level
        else:
            self._separate(kind)
        if kind == "table":
            self._cell_sep.append(COLUMN_GAP if attrs.get("layout") == "columns" else CELL_SEPARATOR)
        self.blocks.append(Block(kind, self._len, self._len, None if kind == "page" else level,
                                 self._page, attrs=attrs))
        self._open.append((len(self.blocks) - 1, kind, level, attrs))
        self._last = f"open:{kind}"

    def close(self, kind: str) -> None:
        idx, open_kind, level, attrs = self._open.pop()
        if open_kind != kind:
            raise ValueError(f"close({kind!r}) while {open_kind!r} is open")
        self.blocks[idx] = replace(self.blocks[idx], end=self._len)
        if kind == "table" and self._cell_sep:
            self._cell_sep.pop()
        if kind != "page" and self.blocks[idx].start == self._len:
            # an empty row or table leaves no trace (its empty cells neither)
            self.blocks[idx:] = [x for x in self.blocks[idx + 1:] if x.kind == "furniture"]
            self._last = self._last if self._last and not self._last.startswith("open:") else None
            if self._last is None and self._len:
                self._last = "close:table"
            return
        self._last = f"close:{kind}"

    def cell(self, text: str, **attrs) -> Block | None:
        """One cell of the open table row (its text on one line). In a layout table (columns) an
        empty cell writes nothing: the next cell's ``column`` attr says where it stands."""
        text = " ".join(text.split())
        if not text and self._cell_sep and self._cell_sep[-1] == COLUMN_GAP:
            return None
        return self.add("table_cell", text, **attrs)

    def row(self, cells: Sequence[str], **attrs) -> None:
        """A table row; trailing empty cells (a Markdown row shorter than its header) write nothing."""
        cells = list(cells)
        while len(cells) > 1 and not cells[-1].strip():
            cells.pop()
        self.open("table_row", **attrs)
        for c in cells:
            self.cell(c)
        self.close("table_row")

    def furniture(self, text: str, page: int | None = None, at: int | None = None, **attrs) -> None:
        """Record text that was removed (a running header, a page number) at offset ``at``."""
        pos = self._len if at is None else at
        self.blocks.append(Block("furniture", pos, pos, None, page if page is not None else self._page,
                                 text=text.strip(), attrs=attrs))

    def meta(self, key: str, value) -> None:
        """Document metadata (front matter, properties): kept beside the text, never in it."""
        if value is None:
            return
        value = str(value).strip()
        if value and key not in self.metadata:
            self.metadata[key] = value

    @property
    def last_kind(self) -> str | None:
        return self._last

    def raw(self, text: str) -> None:
        """Text with no block of its own (plain text whose structure the later stages read)."""
        self._write(text)

    def build(self) -> tuple[str, list[Block]]:
        while self._open:
            self.close(self._open[-1][1])
        return self.text, sorted_blocks(self.blocks)


def sorted_blocks(blocks: Iterable[Block]) -> list[Block]:
    """Document order: by start, containers before what they contain."""
    rank = {k: i for i, k in enumerate(("page", "table", "table_row", "heading", "paragraph", "list_item",
                                        "table_cell", "furniture"))}
    return sorted(blocks, key=lambda b: (b.start, -b.end, rank[b.kind]))


def block_rows(doc_id: str, blocks: Sequence[Block]) -> list[dict]:
    """Rows of the ``blocks`` table (``attrs`` as a JSON object, null when there are none)."""
    return [{"doc_id": doc_id, "ordinal": i + 1, "kind": b.kind, "level": b.level, "page": b.page,
             "start_char": b.start, "end_char": b.end, "text": b.text,
             "attrs": json.dumps(b.attrs, ensure_ascii=False, sort_keys=True) if b.attrs else None,
             "section_id": None, "subsection": None}
            for i, b in enumerate(blocks)]


def block_from_row(row: dict) -> Block:
    """A Block again from a ``blocks`` row (or a reader's JSON dict of a Block)."""
    attrs = row.get("attrs") or {}
    if isinstance(attrs, str):
        attrs = json.loads(attrs)
    start = row.get("start_char", row.get("start"))
    end = row.get("end_char", row.get("end"))
    return Block(row["kind"], start, end, row.get("level"), row.get("page"), row.get("text"), attrs)


class OffsetMap:
    """Maps offsets in ``text_raw`` to offsets in the repaired ``text`` through the corrections
    (each ``start_char`` in ``text_raw``, ``original`` replaced by ``replacement``)."""

    def __init__(self, corrections: Iterable[dict]):
        self._starts: list[int] = []
        self._ends: list[int] = []
        self._shift: list[int] = []   # total shift after each correction
        total = 0
        for c in sorted(corrections, key=lambda c: c["start_char"]):
            total += len(c["replacement"]) - len(c["original"])
            self._starts.append(c["start_char"])
            self._ends.append(c["start_char"] + len(c["original"]))
            self._shift.append(total)

    def __call__(self, pos: int) -> int:
        k = bisect.bisect_right(self._ends, pos)   # corrections that end at or before pos
        shift = self._shift[k - 1] if k else 0
        if k < len(self._starts) and self._starts[k] < pos:   # inside a correction: its start
            return self._starts[k] + shift
        return pos + shift


def remap_blocks(rows: list[dict], corrections: list[dict]) -> list[dict]:
    """Block rows with offsets moved from ``text_raw`` to the repaired text."""
    if not corrections:
        return rows
    f = OffsetMap(corrections)
    return [{**r, "start_char": f(r["start_char"]), "end_char": max(f(r["start_char"]), f(r["end_char"]))}
            for r in rows]
