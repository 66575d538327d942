"""Sections (agenda items) from the headings found, and the blocks' section and sub-heading.

A section runs from its heading to the next heading (or the closing). Each block gets the section
it starts in and, inside a formal item, the sub-heading it stands under (``blocks.subsection``).
A paragraph block that holds a heading or sub-heading line (a PDF page without blank lines) is
split at that line, so that the heading is a block of its own.
"""
from __future__ import annotations

import bisect
from dataclasses import dataclass

from pipeline.stages.segment.lines import Line


@dataclass(frozen=True)
class Head:
    line: int                 # line number of the heading's first line
    start: int                # offset where the section starts
    heading_end: int          # offset where the heading text ends
    title: str
    number: str | None = None
    paragraph: str | None = None
    dnr: str | None = None


def section_rows(heads: list[Head], meeting_id: str, end_of_body: int) -> list[dict]:
    """Rows of the sections table."""
    heads = sorted(heads, key=lambda h: h.start)
    rows = []
    for k, h in enumerate(heads):
        end = heads[k + 1].start if k + 1 < len(heads) else max(end_of_body, h.heading_end)
        ordinal = k + 1
        rows.append({"meeting_id": meeting_id, "section_id": f"{meeting_id}-s{ordinal:03d}", "ordinal": ordinal,
                     "title": h.title.strip(), "number": h.number, "paragraph": h.paragraph, "dnr": h.dnr,
                     "start_char": h.start, "end_char": max(end, h.heading_end)})
    return rows


def _split_paragraphs(blocks: list[dict], cuts: list[tuple[int, int]]) -> list[dict]:
    """Paragraph blocks cut at heading lines ((start, end) of each line that is a heading)."""
    out = []
    starts = sorted(cuts)
    for b in blocks:
        if b.get("kind") != "paragraph":
            out.append(b)
            continue
        inside = [c for c in starts if b["start_char"] <= c[0] < b["end_char"]]
        if not inside:
            out.append(b)
            continue
        if inside[0][0] == b["start_char"] and inside[0][1] >= b["end_char"]:
            out.append({**b, "kind": "heading", "level": 2})  # the paragraph is a heading
            continue
        pos = b["start_char"]
        for s, e in inside:
            if s > pos:
                out.append({**b, "start_char": pos, "end_char": _trim_end(b, s)})
            out.append({**b, "kind": "heading", "level": 2, "start_char": s, "end_char": min(e, b["end_char"])})
            pos = _next_start(e)
        if pos < b["end_char"]:
            out.append({**b, "start_char": pos, "end_char": b["end_char"]})
    return out


def _trim_end(b: dict, s: int) -> int:
    return max(b["start_char"], s - 1)


def _next_start(e: int) -> int:
    return e + 1


def annotate_blocks(blocks: list[dict], sections: list[dict], subheadings: dict[int, str], lines: list[Line],
                    heading_spans: list[tuple[int, int]], text: str) -> list[dict]:
    """The blocks with ``section_id`` and ``subsection`` set (paragraphs split at headings)."""
    cuts = list(heading_spans) + [(lines[n].start, lines[n].end) for n in subheadings]
    out = _split_paragraphs([dict(b) for b in blocks], cuts)
    out = [t for t in (_trim(b, text) for b in out)
           if t.get("kind") not in ("paragraph", "heading") or t["end_char"] > t["start_char"]]
    sec_starts = [s["start_char"] for s in sections]
    sub_at = sorted((lines[n].start, name) for n, name in subheadings.items())
    sub_starts = [s for s, _ in sub_at]
    for b in out:
        if b.get("kind") == "page" or not sections:
            b.setdefault("section_id", None)
            b.setdefault("subsection", None)
            continue
        k = bisect.bisect_right(sec_starts, b["start_char"]) - 1
        sec = sections[k] if k >= 0 and b["start_char"] < sections[k]["end_char"] else None
        b["section_id"] = sec["section_id"] if sec else None
        j = bisect.bisect_right(sub_starts, b["start_char"]) - 1
        b["subsection"] = sub_at[j][1] if sec and j >= 0 and sub_starts[j] >= sec["start_char"] else None
    out.sort(key=lambda b: (b["start_char"], -b["end_char"], _RANK.get(b.get("kind"), 9)))
    for i, b in enumerate(out):
        b["ordinal"] = i + 1
    return out


_RANK = {k: i for i, k in enumerate(("page", "table", "table_row", "heading", "paragraph", "list_item",
                                     "table_cell", "furniture"))}


def _trim(b: dict, text: str) -> dict:
    """A split block without the white space at its ends."""
    if b.get("kind") not in ("paragraph", "heading"):
        return b
    s, e = b["start_char"], b["end_char"]
    while s < e and text[s] in " \t\n\f":
        s += 1
    while e > s and text[e - 1] in " \t\n\f":
        e -= 1
    return {**b, "start_char": s, "end_char": e}
