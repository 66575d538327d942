from __future__ import annotations

from pipeline.stages.ingest.formats.plain import read_plain
from tests.stages.ingest.blockcheck import assert_blocks_valid

HEAD = "SOLBY KOMMUN                  SAMMANTRÄDESPROTOKOLL           {n} (3)"
TEXT = "\n".join([
    "SOLBY KOMMUN                  SAMMANTRÄDESPROTOKOLL",
    "Socialnämnden", "Datum", "2024-05-14", "",
    "Beslutande    Ledamöter                     Tjänstgörande ersättare",
    "Anna Ek (S), ordförande       Bo Berg (M) tjänstgör för", "", "Innehåll", "",
    HEAD.format(n=2), "Socialnämnden", "Datum", "2024-05-14", "",
    "§ 12                      Dnr SN-2024-00012", "Budget 2025", "", "Beslut", "",
    "Nämnden godkänner budgeten.", "",
    "Det här dokumentet är digitalt signerat",
    "Transaktionsidentitet: D88F563198EB4534E13245D0AB22354D542762C6CB", "",
    HEAD.format(n=3), "Socialnämnden", "Datum", "2024-05-14", "",
    "§ 13", "Övrigt", "", "Undertecknat    av följande personer", "", "ANNA EK",
    "Datum:                  2024-05-15 13:24:07", ""])


def test_plain_rendering_loses_its_furniture_and_keeps_its_first_page():
    r = read_plain(TEXT)
    assert r.text.startswith("SOLBY KOMMUN                  SAMMANTRÄDESPROTOKOLL\nSocialnämnden\nDatum\n2024-05-14")
    assert r.text.count("Socialnämnden") == 1 and "(3)" not in r.text and "Transaktion" not in r.text
    assert "ANNA EK" not in r.text and "Undertecknat" not in r.text
    assert "Innehåll\n\n§ 12" in r.text and "budgeten.\n\n§ 13\nÖvrigt" in r.text
    furniture = [(b.page, b.attrs["kind"]) for b in r.blocks if b.kind == "furniture"]
    assert furniture[:4] == [(2, "running_header")] * 4 and (3, "certificate_page") in furniture
    assert_blocks_valid(r.text, r.blocks)


def test_plain_text_without_furniture_is_unchanged():
    text = "Minnesanteckningar\n\nNärvarande: Anna, Bo\n- punkt\n"
    assert read_plain(text).text == text
