"""Blocks of plain text: what a text file (or a reader with no structure of its own) says by layout.

Plain text has no markup, so its structure is read from the lines, in one linear pass: a blank
line ends a paragraph, a bulleted line is a list item (depth from its indentation), consecutive
lines with '|' or tab separated cells are table rows (an ASCII grid's '+---+' rules
between them are skipped), and ``PAGE_SEPARATOR`` (form feed) starts a
page. Headings are left to the segment stage, which knows what minutes' headings look like.
"""
from __future__ import annotations

import re

from pipeline.contract.document import PAGE_SEPARATOR, Block, sorted_blocks

_BULLET = re.compile(r"^(?P<indent>[ \t]*)(?:[-–—•*·▪●○◦►➢]|\(?[a-z0-9]\))[ \t]+(?=\S)")
_TAB_CELLS = re.compile(r"\t+")
_GRID_RULE = re.compile(r"^\+[-=+]{3,}\+$")   # the rule of an ASCII grid table: no text, no block


def _cells(line: str) -> list[tuple[int, int]] | None:
    """(start, end) of each cell of a table line ('a | b | c' or tab-separated), or None."""
    body = line.rstrip()
    if body.count("|") >= 2 or (body.count("|") == 1 and not body.strip().startswith("|")
                                and len(body.strip()) > 3 and " | " in body):
        sep = "|"
    elif "\t" in body.strip():
        sep = "\t"
    else:
        return None
    out, pos = [], 0
    for part in (body.split("|") if sep == "|" else _TAB_CELLS.split(body)):
        lead = len(part) - len(part.lstrip())
        stripped = part.strip()
        if stripped:
            out.append((pos + lead, pos + lead + len(stripped)))
        pos += len(part) + (1 if sep == "|" else 0)
        if sep == "\t":
            m = _TAB_CELLS.match(body, pos)
            pos = m.end() if m else pos
    return out if len(out) >= 2 else None


def _page_blocks(text: str, base: int, page: int | None) -> list[Block]:
    blocks: list[Block] = []
    para_start = para_end = None
    table: list[Block] = []
    pos = 0

    def end_paragraph() -> None:
        nonlocal para_start, para_end
        if para_start is not None:
            blocks.append(Block("paragraph", base + para_start, base + para_end, None, page))
        para_start = para_end = None

    def end_table() -> None:
        if table:
            rows = [b for b in table if b.kind == "table_row"]
            blocks.append(Block("table", rows[0].start, rows[-1].end, None, page))
            blocks.extend(table)
            table.clear()

    for line in text.split("\n"):
        start, end = pos, pos + len(line)
        pos = end + 1
        stripped = line.strip()
        if not stripped:
            end_paragraph()
            end_table()
            continue
        if _GRID_RULE.match(stripped):
            end_paragraph()
            continue
        cells = _cells(line)
        if cells:
            end_paragraph()
            table.append(Block("table_row", base + start + cells[0][0], base + start + cells[-1][1], None, page))
            table.extend(Block("table_cell", base + start + s, base + start + e, None, page) for s, e in cells)
            continue
        end_table()
        m = _BULLET.match(line)
        if m:
            end_paragraph()
            depth = 1 + len(m.group("indent").expandtabs(4)) // 2
            blocks.append(Block("list_item", base + start + m.end(), base + start + len(line.rstrip()), depth, page))
            continue
        lead = len(line) - len(line.lstrip())
        if para_start is None:
            para_start = start + lead
        para_end = start + len(line.rstrip())
    end_paragraph()
    end_table()
    return blocks


def plain_text_blocks(text: str, paged: bool = False) -> list[Block]:
    """Blocks of a text: paragraphs, list items, table rows and cells (and pages when ``paged``)."""
    if not paged:
        return sorted_blocks(_page_blocks(text, 0, None))
    blocks: list[Block] = []
    base = 0
    for number, page in enumerate(text.split(PAGE_SEPARATOR), start=1):
        blocks.append(Block("page", base, base + len(page), None, number))
        blocks.extend(_page_blocks(page, base, number))
        base += len(page) + len(PAGE_SEPARATOR)
    return sorted_blocks(blocks)
