from __future__ import annotations

import io

import pytest

from pipeline.stages.ingest.formats import ReadFailed
from pipeline.stages.ingest.formats.docx import read_docx
from tests.stages.ingest.blockcheck import assert_blocks_valid, spans


def _minutes() -> bytes:
    import datetime as dt

    import docx
    d = docx.Document()
    d.core_properties.title = "Protokoll socialnämnden"
    d.core_properties.author = "Maria Lind"
    d.core_properties.created = dt.datetime(2024, 4, 18, 9, 0)
    d.sections[0].header.paragraphs[0].text = "SOLBY KOMMUN   PROTOKOLL"
    d.add_heading("Protokoll socialnämnden", level=0)
    d.add_heading("§ 12 Budget", level=1)
    p = d.add_paragraph()
    p.add_run("Beslut").bold = True
    d.add_paragraph("Nämnden godkänner budgeten.")
    d.add_paragraph("Revisorn informerar", style="List Bullet")
    d.add_paragraph("om granskningen", style="List Bullet 2")
    d.add_paragraph("Första punkten", style="List Number")
    d.add_paragraph("Andra punkten", style="List Number")
    t = d.add_table(rows=2, cols=3)
    for c, v in enumerate(["Namn", "Roll", "Parti"]):
        t.cell(0, c).text = v
    for c, v in enumerate(["Anna Ek", "ledamot", "S"]):
        t.cell(1, c).text = v
    d.add_paragraph("Vid protokollet")
    buf = io.BytesIO()
    d.save(buf)
    return buf.getvalue()


def test_docx_styles_lists_tables_properties():
    r = read_docx(_minutes())
    assert r.metadata["title"] == "Protokoll socialnämnden" and r.metadata["author"] == "Maria Lind"
    assert r.metadata["date"] == "2024-04-18"
    assert [(r.text[b.start:b.end], b.level) for b in r.blocks if b.kind == "heading"] == [
        ("Protokoll socialnämnden", 1), ("§ 12 Budget", 1)]
    bold = [r.text[b.start:b.end] for b in r.blocks if b.kind == "paragraph" and b.attrs.get("bold")]
    assert bold == ["Beslut"]
    items = [(r.text[b.start:b.end], b.level) for b in r.blocks if b.kind == "list_item"]
    assert items == [("Revisorn informerar", 1), ("om granskningen", 2), ("Första punkten", 1), ("Andra punkten", 1)]
    assert spans(r.text, r.blocks, "table_row") == ["Namn | Roll | Parti", "Anna Ek | ledamot | S"]
    assert r.text.index("Anna Ek | ledamot") < r.text.index("Vid protokollet")   # tables in document order
    header = [b for b in r.blocks if b.kind == "furniture"]
    assert [b.text for b in header] == ["SOLBY KOMMUN   PROTOKOLL"] and "SOLBY" not in r.text
    assert_blocks_valid(r.text, r.blocks)


def test_docx_merged_cells_once_and_corrupt_file_fails():
    import docx
    d = docx.Document()
    t = d.add_table(rows=2, cols=3)
    t.cell(0, 0).merge(t.cell(0, 2)).text = "Sammanslagen rubrik"
    for c, v in enumerate(["a", "b", "c"]):
        t.cell(1, c).text = v
    buf = io.BytesIO()
    d.save(buf)
    assert read_docx(buf.getvalue()).text == "Sammanslagen rubrik\na | b | c"
    with pytest.raises(ReadFailed):
        read_docx(buf.getvalue()[:500])
