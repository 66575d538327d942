from __future__ import annotations

import json

from hypothesis import given, settings
from hypothesis import strategies as st

from pipeline.contract.document import COLUMN_GAP, PAGE_SEPARATOR, TextBuilder, block_from_row, block_rows, remap_blocks


def test_builder_writes_the_layout_conventions():
    b = TextBuilder()
    b.heading("Protokoll för styrelsemöte", 1)
    b.paragraph("Närvarande: Åsa Öberg,\nBjörn Ängström")
    b.list_item("Budget", 1, "- ")
    b.list_item("Revisorernas rapport", 2, "  - ")
    b.list_item("Val av ordförande", 1, "3. ", ordered=True, number=3)
    b.open("table")
    b.row(["Vem", "Vad", "När"])
    b.row(["Märta", "Offerter", ""])
    b.close("table")
    text, blocks = b.build()
    assert text == ("Protokoll för styrelsemöte\n\nNärvarande: Åsa Öberg,\nBjörn Ängström\n\n"
                    "- Budget\n  - Revisorernas rapport\n3. Val av ordförande\n\nVem | Vad | När\nMärta | Offerter")
    items = [(text[x.start:x.end], x.level) for x in blocks if x.kind == "list_item"]
    assert items == [("Budget", 1), ("Revisorernas rapport", 2), ("Val av ordförande", 1)]
    cells = [text[x.start:x.end] for x in blocks if x.kind == "table_cell"]
    assert cells == ["Vem", "Vad", "När", "Märta", "Offerter"]   # a short row's empty tail writes nothing


def test_layout_table_writes_columns_with_a_gap_and_skips_empty_columns():
    b = TextBuilder()
    b.open("table", layout="columns", columns=[56.7, 198.4])
    b.open("table_row")
    b.cell("Beslutande", column=0)
    b.cell("Anna Ek (S), ordförande", column=1)
    b.close("table_row")
    b.open("table_row")
    b.cell("", column=0)
    b.cell("Bo Berg (M)", column=1)
    b.close("table_row")
    b.close("table")
    text, blocks = b.build()
    assert text == f"Beslutande{COLUMN_GAP}Anna Ek (S), ordförande\nBo Berg (M)"
    assert [(text[x.start:x.end], x.attrs["column"]) for x in blocks if x.kind == "table_cell"] == [
        ("Beslutande", 0), ("Anna Ek (S), ordförande", 1), ("Bo Berg (M)", 1)]


def test_pages_furniture_and_metadata():
    b = TextBuilder()
    b.meta("title", "Styrelsemöte")
    b.meta("title", "ignored: the first value stays")
    b.open("page", 1)
    b.paragraph("Sida ett")
    b.close("page")
    b.open("page", 2)
    b.furniture("KOMMUNEN   PROTOKOLL   2 (2)", kind="running_header")
    b.paragraph("Sida två")
    b.close("page")
    text, blocks = b.build()
    assert text == "Sida ett" + PAGE_SEPARATOR + "Sida två"
    assert b.metadata == {"title": "Styrelsemöte"}
    f = next(x for x in blocks if x.kind == "furniture")
    assert (f.page, f.start, f.end, f.text) == (2, len("Sida ett" + PAGE_SEPARATOR), len("Sida ett" + PAGE_SEPARATOR),
                                                 "KOMMUNEN   PROTOKOLL   2 (2)")
    rows = block_rows("d1", blocks)
    assert json.loads(rows[[r["kind"] for r in rows].index("furniture")]["attrs"]) == {"kind": "running_header"}
    assert block_from_row(rows[-1]).kind == blocks[-1].kind


_TEXT = st.text(alphabet="abcåäö ÅÄÖ-.,§1\n", min_size=0, max_size=25)
_OPS = st.lists(st.tuples(st.sampled_from(["heading", "paragraph", "item", "row", "page", "furniture"]),
                          _TEXT, st.integers(1, 3)), max_size=25)


@settings(max_examples=150, deadline=None)
@given(_OPS)
def test_property_offsets_index_into_the_text_and_nest(ops):
    b = TextBuilder()
    page = 0
    in_table = False
    for op, s, n in ops:
        if op != "row" and in_table:
            b.close("table")
            in_table = False
        if op == "heading":
            b.heading(s, n)
        elif op == "paragraph":
            b.paragraph(s)
        elif op == "item":
            b.list_item(s, n, "  " * (n - 1) + "- ")
        elif op == "row":
            if not in_table:
                b.open("table")
                in_table = True
            b.row([s] * n)
        elif op == "page":
            if page:
                b.close("page") if not in_table else None
            page += 1
            b.open("page", page)
        else:
            b.furniture(s or "x")
    text, blocks = b.build()
    for x in blocks:
        assert 0 <= x.start <= x.end <= len(text)
        if x.kind in ("heading", "paragraph", "list_item"):
            assert text[x.start:x.end] and "\n\n" not in text[x.start:x.end]
    for cell in (x for x in blocks if x.kind == "table_cell"):
        assert any(r.start <= cell.start and cell.end <= r.end for r in blocks if r.kind == "table_row")
    leaves = [x for x in blocks if x.kind in ("heading", "paragraph", "list_item", "table_cell")]
    for a, c in zip(leaves, leaves[1:]):
        assert a.end <= c.start


def test_remap_blocks_moves_offsets_through_corrections():
    rows = [{"kind": "paragraph", "start_char": 10, "end_char": 20}]
    moved = remap_blocks(rows, [{"start_char": 2, "original": "\ufffd", "replacement": "ä"},
                                {"start_char": 4, "original": "a", "replacement": "aa"}])
    assert (moved[0]["start_char"], moved[0]["end_char"]) == (11, 21)
