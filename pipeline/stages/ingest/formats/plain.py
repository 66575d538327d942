"""Plain text (.txt and text of unknown kind): the file's text as it is, blocks from its layout
(:mod:`pipeline.stages.ingest.plain`), page furniture removed.

A plain-text rendering of a paged protocol carries its running headers, signature lines and
certificate pages; they are removed (recorded as ``furniture`` blocks) with the same rules as for
PDF pages. Pages are the form-feed pages where the text has them, else found from the running
headers that carry a page number. Nothing else of the text is changed.
"""
from __future__ import annotations

from pipeline.contract.document import Block, sorted_blocks
from pipeline.stages.ingest.formats import Reading
from pipeline.stages.ingest.furniture import page_furniture, split_pages
from pipeline.stages.ingest.plain import plain_text_blocks


def _pages(lines: list[str]) -> list[tuple[int, int]]:
    """(first line, end line) of each page."""
    if any("\f" in ln for ln in lines):
        bounds, start = [], 0
        for i, ln in enumerate(lines):
            if "\f" in ln:
                bounds.append((start, i))
                start = i
        return bounds + [(start, len(lines))]
    starts = split_pages(lines)
    return [(s, e) for s, e in zip(starts, starts[1:] + [len(lines)])]


def strip_furniture(text: str) -> tuple[str, list[Block]]:
    """The text without its page furniture, and the furniture blocks (offsets into the new text)."""
    lines = text.split("\n")
    bounds = _pages(lines)
    pages = [[ln.replace("\f", "") for ln in lines[s:e]] for s, e in bounds]
    marks = page_furniture(pages)
    if not any(marks):
        return text, []
    out: list[str] = []
    pos = 0
    furniture: list[Block] = []
    removed_since_content = False
    for (s, _), page_marks, number in zip(bounds, marks, range(1, len(bounds) + 1)):
        for k in range(len(pages[number - 1])):
            line = lines[s + k]
            if k in page_marks:
                furniture.append(Block("furniture", pos, pos, None, number, text=line.strip().replace("\f", ""),
                                       attrs={"kind": page_marks[k]}))
                removed_since_content = True
                continue
            if removed_since_content and line.strip() and out and out[-1].strip():
                out.append("")   # a removed header between two lines is a paragraph break
                pos += 1
            if not line.strip() and out and not out[-1].strip():
                continue          # no run of blank lines where furniture stood
            removed_since_content = removed_since_content and not line.strip()
            out.append(line)
            pos += len(line) + 1
    new = "\n".join(out)
    return new, [Block(b.kind, min(b.start, len(new)), min(b.start, len(new)), None, b.page, b.text, b.attrs)
                 for b in furniture]


def read_plain(text: str) -> Reading:
    text, furniture = strip_furniture(text)
    return Reading(text, sorted_blocks(plain_text_blocks(text) + furniture))
