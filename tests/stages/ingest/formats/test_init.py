from __future__ import annotations

from pipeline.contract.document import TextBuilder
from pipeline.stages.ingest.formats import Reading, list_marker, put_meta, table_cells, write_lines


def test_write_lines_paragraphs_lists_tables():
    b = TextBuilder()
    write_lines(b, ["Närvarande:", "Anna Ek, Bo Berg", "", "- Budget", "  - Revision", "1. Val",
                    "", "| Vem | Vad |", "|---+---|", "| Bo | lokal |"])
    r = Reading.of(b)
    assert r.text == "Närvarande:\nAnna Ek, Bo Berg\n\n- Budget\n  - Revision\n1. Val\n\nVem | Vad\nBo | lokal"
    assert [(b.kind, b.level) for b in r.blocks if b.kind in ("paragraph", "list_item")] == [
        ("paragraph", None), ("list_item", 1), ("list_item", 2), ("list_item", 1)]


def test_helpers():
    assert list_marker(1) == "- " and list_marker(3, 2) == "    2. "
    assert table_cells("| a | b |") == ["a", "b"] and table_cells("a | b") is None
    b = TextBuilder()
    put_meta(b, [("Författare", "Kim Ek"), ("datum", "2024-05-01"), ("tags", ["a", "b"]), ("x", None)])
    assert b.metadata == {"författare": "Kim Ek", "author": "Kim Ek", "datum": "2024-05-01", "date": "2024-05-01",
                          "tags": "a, b"}
