"""The invariants every reader's blocks keep (shared by the reader tests)."""
from __future__ import annotations

from pipeline.contract.document import Block

LEAVES = ("heading", "paragraph", "list_item", "table_cell")


def as_block(b) -> Block:
    if isinstance(b, Block):
        return b
    return Block(b["kind"], b.get("start", b.get("start_char")), b.get("end", b.get("end_char")), b.get("level"),
                 b.get("page"), b.get("text"), b.get("attrs") or {})


def assert_blocks_valid(text: str, blocks) -> None:
    """Offsets index into the text; leaves hold their text without surrounding blanks; cells lie in
    rows, rows in tables, everything of a paged document in its page; leaves do not overlap."""
    blocks = [as_block(b) for b in blocks]
    for b in blocks:
        assert 0 <= b.start <= b.end <= len(text), b
        if b.kind in LEAVES and b.kind != "table_cell":
            span = text[b.start:b.end]
            assert span and span == span.strip(), (b, span)
            assert "\f" not in span, b
        if b.kind == "furniture":
            assert b.start == b.end and b.text
    for kind, inside in (("table_cell", "table_row"), ("table_row", "table")):
        outer = [b for b in blocks if b.kind == inside]
        for b in blocks:
            if b.kind == kind:
                assert any(o.start <= b.start and b.end <= o.end for o in outer), b
    pages = [b for b in blocks if b.kind == "page"]
    if pages:
        for b in blocks:
            if b.kind in LEAVES:
                assert any(p.start <= b.start and b.end <= p.end and p.page == b.page for p in pages), b
    leaves = sorted((b for b in blocks if b.kind in ("heading", "paragraph", "list_item")), key=lambda b: b.start)
    for a, c in zip(leaves, leaves[1:]):
        assert a.end <= c.start, (a, c)


def spans(text: str, blocks, kind: str) -> list[str]:
    return [text[b.start:b.end] for b in map(as_block, blocks) if b.kind == kind]
