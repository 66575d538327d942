"""The format readers: each turns a file's bytes into text and blocks written together.

Every reader builds ``documents.text`` through :class:`pipeline.contract.document.TextBuilder`, so
block offsets index into the text by construction. A reader returns a :class:`Reading` or raises
:class:`ReadFailed` with the message of the error row.
"""
from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from pipeline.contract.document import Block, TextBuilder


class ReadFailed(Exception):
    """The file cannot be read as its format; the message goes into ``documents.error``."""


@dataclass
class Reading:
    text: str
    blocks: list[Block]
    metadata: dict[str, str] = field(default_factory=dict)
    warnings: list[str] = field(default_factory=list)
    n_pages: int | None = None
    ocr_pages: list[int] = field(default_factory=list)
    engine: str | None = None

    @classmethod
    def of(cls, builder: TextBuilder, warnings: Iterable[str] = (), **kw) -> Reading:
        text, blocks = builder.build()
        return cls(text, blocks, dict(builder.metadata), list(warnings), **kw)


# --- lines of a flowing text (org bodies, RTF, converted .doc) into blocks ------------------------

_BULLET_LINE = re.compile(r"^(?P<indent>[ \t]*)(?P<marker>[-+*•–·▪●◦]|(?P<num>\d{1,3})[.)])[ \t]+(?P<text>\S.*)$")
_TABLE_RULE = re.compile(r"^\s*\|?[-+:| ]*-[-+:| ]*\|?\s*$")


def table_cells(line: str) -> list[str] | None:
    """The cells of a '| a | b |' line (Markdown/org style), or None."""
    st = line.strip()
    if not (st.startswith("|") and st.count("|") >= 2):
        return None
    return [c.strip() for c in st.strip("|").split("|")]


def list_marker(depth: int, number: int | None = None) -> str:
    """The marker written before a list item: two spaces per level below the top, '- ' or 'N. '."""
    return "  " * (max(depth, 1) - 1) + (f"{number}. " if number is not None else "- ")


def write_lines(b: TextBuilder, lines: Iterable[str], inline: Callable[[str], str] = str, **attrs) -> None:
    """Flowing text lines into blocks: a blank line ends a paragraph, a bulleted or numbered line is
    a list item (depth from its indentation), '| a | b |' lines are table rows; other lines of one
    paragraph keep their line breaks."""
    para: list[str] = []
    table: list[list[str]] = []
    indents: list[int] = []

    def end_para() -> None:
        if para:
            b.paragraph("\n".join(para), **attrs)
            para.clear()

    def end_table() -> None:
        if table:
            b.open("table")
            for cells in table:
                b.row([inline(c) for c in cells])
            b.close("table")
            table.clear()

    for raw in lines:
        line = raw.rstrip()
        if not line.strip():
            end_para()
            end_table()
            indents.clear()
            continue
        cells = table_cells(line)
        if cells is not None:
            end_para()
            if not _TABLE_RULE.match(line):
                table.append(cells)
            continue
        end_table()
        m = _BULLET_LINE.match(line)
        if m and (m.group("marker") != "*" or m.group("indent")):
            end_para()
            indent = len(m.group("indent").expandtabs(4))
            while indents and indents[-1] > indent:
                indents.pop()
            if not indents or indents[-1] < indent:
                indents.append(indent)
            num = int(m.group("num")) if m.group("num") else None
            b.list_item(inline(m.group("text")), len(indents), list_marker(len(indents), num),
                        **({"ordered": True, "number": num} if num is not None else {}), **attrs)
            continue
        indents.clear()
        para.append(inline(line.strip()))
    end_para()
    end_table()


META_KEYS = {
    "title": "title", "titel": "title", "rubrik": "title", "subject": "subject",
    "date": "date", "datum": "date", "mötesdatum": "date", "created": "created",
    "author": "author", "authors": "author", "författare": "author", "creator": "author",
}


def put_meta(b: TextBuilder, items: Iterable[tuple[str, object]]) -> None:
    """Metadata under its own key, and under title/date/author where the key means one of them."""
    for key, value in items:
        if value is None or isinstance(value, (dict, list, tuple)) and not value:
            continue
        if isinstance(value, (list, tuple)):
            value = ", ".join(str(v) for v in value)
        k = str(key).strip().lower()
        b.meta(k, value)
        if k in META_KEYS and META_KEYS[k] in ("title", "date", "author"):
            b.meta(META_KEYS[k], value)
