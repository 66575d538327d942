"""A formal protocol as a born-digital PDF: two-column front page, running headers, bold sub-headings,
a bulleted list, a ruled table, signature footers and a certificate page (written with fpdf2)."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from pipeline.contract.document import COLUMN_GAP
from pipeline.stages.ingest.reader import extract, resolve_params
from tests.stages.ingest.blockcheck import assert_blocks_valid


def _protocol() -> bytes:
    from pipeline.stages.ingest.samples import _fpdf, font_path
    pdf = _fpdf()
    pdf.add_font("DejaVu", "B", str(font_path("DejaVuSans-Bold.ttf")))

    def text(x, y, s, size=10, style=""):
        pdf.set_font("DejaVu", style, size)
        pdf.set_xy(x, y)
        pdf.cell(text=s)

    def header(n):
        text(20, 12, "HAGBY KOMMUN")
        text(120, 12, f"SAMMANTRÄDESPROTOKOLL   {n} (3)" if n > 1 else "SAMMANTRÄDESPROTOKOLL")
        text(20, 17, "Omsorgsnämnden")
        text(20, 22, "2024-05-14")

    def footer():
        text(20, 280, "Justerandes signatur")
        text(120, 280, "Utdragsbestyrkande")

    pdf.add_page()
    header(1)
    text(20, 40, "Beslutande", style="B")
    text(70, 40, "Ledamöter", style="B")
    text(135, 40, "Tjänstgörande ersättare", style="B")
    rows = [("Karin Holm (S), ordförande", "Leo Wik (M) tjänstgör för"), ("Nils Ek (M)", "Eva Berg (M)"),
            ("Sara Lund (V)", "")]
    for k, (a, b) in enumerate(rows):
        text(70, 46 + 5 * k, a)
        if b:
            text(135, 46 + 5 * k, b)
    text(20, 70, "Sekreterare")
    text(70, 70, "Maja Rask")
    footer()
    pdf.add_page()
    header(2)
    text(20, 40, "§ 12   Dnr ON-2024-00031", size=12, style="B")
    text(20, 47, "Budget 2025", size=14, style="B")
    text(20, 58, "Beslut", style="B")
    text(20, 65, "Nämnden godkänner budgeten och ger förvaltningen i upp-")
    text(20, 70, "drag att återkomma i juni.")
    text(20, 80, "Beslutsunderlag", style="B")
    text(20, 87, "•")
    text(26, 87, "Tjänsteskrivelse 2024-04-30")
    text(20, 92, "•")
    text(26, 92, "Budgetförslag")
    pdf.set_font("DejaVu", "", 10)
    pdf.set_xy(20, 105)
    with pdf.table(col_widths=(40, 40), text_align="LEFT", first_row_as_headings=False) as t:
        for r in (("Namn", "Ansvar"), ("Eva Berg", "Uppföljning")):
            row = t.row()
            for c in r:
                row.cell(c)
    footer()
    pdf.add_page()
    text(20, 20, "Undertecknat av följande personer")
    text(20, 30, "KARIN HOLM")
    text(20, 35, "Transaktionsidentitet: 7181925E563434C3BB1473B6DDF68EF8B20BC8E412")
    text(20, 45, "Underskriftstjänst: Visma Underskriftstjänst")
    return bytes(pdf.output())


@pytest.fixture(scope="module")
def row() -> dict:
    return extract(Path("protokoll.pdf"), resolve_params({"isolate": False}), data=_protocol())


def test_front_page_columns_are_kept_apart(row):
    text = row["text_raw"]
    assert text.startswith("HAGBY KOMMUN" + COLUMN_GAP + "SAMMANTRÄDESPROTOKOLL\n\nOmsorgsnämnden\n2024-05-14\n\n")
    assert f"Beslutande{COLUMN_GAP}Ledamöter{COLUMN_GAP}Tjänstgörande ersättare" in text
    assert f"Karin Holm (S), ordförande{COLUMN_GAP}Leo Wik (M) tjänstgör för" in text
    cells = [(text[b["start"]:b["end"]], b["attrs"].get("column")) for b in row["blocks"] if b["kind"] == "table_cell"]
    assert ("Tjänstgörande ersättare", 2) in cells and ("Eva Berg (M)", 2) in cells and ("Sara Lund (V)", 1) in cells
    layout = [b for b in row["blocks"] if b["kind"] == "table" and b["attrs"].get("layout") == "columns"]
    assert [len(t["attrs"]["columns"]) for t in layout][:2] == [2, 3]   # the header, the form


def test_headings_paragraphs_lists_tables_and_hyphenation(row):
    text, blocks = row["text_raw"], row["blocks"]
    heads = [(text[b["start"]:b["end"]], b["level"]) for b in blocks if b["kind"] == "heading"]
    assert heads[:1] == [("Beslutande", 3)] or ("Budget 2025", 1) in heads
    assert ("Budget 2025", 1) in heads and ("§ 12" + COLUMN_GAP + "Dnr ON-2024-00031", 2) not in heads
    assert ("Beslut", 3) in heads and ("Beslutsunderlag", 3) in heads
    assert "Nämnden godkänner budgeten och ger förvaltningen i uppdrag\natt återkomma i juni." in text
    items = [text[b["start"]:b["end"]] for b in blocks if b["kind"] == "list_item"]
    assert items == ["Tjänsteskrivelse 2024-04-30", "Budgetförslag"]
    assert "- Tjänsteskrivelse 2024-04-30\n- Budgetförslag" in text
    assert "Namn | Ansvar\nEva Berg | Uppföljning" in text


def test_furniture_and_pages(row):
    text, blocks = row["text_raw"], row["blocks"]
    assert "Justerandes signatur" not in text and "Utdragsbestyrkande" not in text
    assert "(3)" not in text and "Undertecknat" not in text and "KARIN HOLM" not in text
    assert text.count("Omsorgsnämnden") == 1 and text.count("2024-05-14") == 1
    kinds = {(b["page"], b["attrs"]["kind"]) for b in blocks if b["kind"] == "furniture"}
    assert {(1, "signature_line"), (2, "running_header"), (3, "certificate_page")} <= kinds
    assert [b["page"] for b in blocks if b["kind"] == "page"] == [1, 2, 3]
    assert_blocks_valid(text, blocks)
    json.dumps(blocks)   # the worker sends them as JSON
