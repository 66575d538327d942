from __future__ import annotations

import io

import pytest

from pipeline.stages.ingest.formats import ReadFailed
from pipeline.stages.ingest.formats.odt import read_odt
from tests.stages.ingest.blockcheck import assert_blocks_valid, spans


def _odt() -> bytes:
    from odf import dc
    from odf.opendocument import OpenDocumentText
    from odf.table import Table, TableCell, TableRow
    from odf.text import H, List, ListItem, P
    d = OpenDocumentText()
    d.meta.addElement(dc.Title(text="Årsmöte Föreningen Gläntan"))
    d.meta.addElement(dc.Creator(text="Olle Sjö"))
    d.text.addElement(H(outlinelevel=1, text="Protokoll årsmöte"))
    d.text.addElement(P(text="Närvarande: 14 medlemmar"))
    outer, item = List(), ListItem()
    item.addElement(P(text="Val av styrelse"))
    inner, sub = List(), ListItem()
    sub.addElement(P(text="Omval av Olle Sjö"))
    inner.addElement(sub)
    item.addElement(inner)
    outer.addElement(item)
    d.text.addElement(outer)
    t, row = Table(), TableRow()
    for v in ("Kassör", "Eva Björk"):
        c = TableCell()
        c.addElement(P(text=v))
        row.addElement(c)
    t.addElement(row)
    d.text.addElement(t)
    buf = io.BytesIO()
    d.save(buf)
    return buf.getvalue()


def test_odt_headings_lists_tables_metadata():
    r = read_odt(_odt())
    assert r.metadata == {"title": "Årsmöte Föreningen Gläntan", "author": "Olle Sjö"}
    assert r.text == ("Protokoll årsmöte\n\nNärvarande: 14 medlemmar\n\n- Val av styrelse\n  - Omval av Olle Sjö"
                      "\n\nKassör | Eva Björk")
    assert [(r.text[b.start:b.end], b.level) for b in r.blocks if b.kind == "list_item"] == [
        ("Val av styrelse", 1), ("Omval av Olle Sjö", 2)]
    assert spans(r.text, r.blocks, "table_cell") == ["Kassör", "Eva Björk"]
    assert_blocks_valid(r.text, r.blocks)


def test_corrupt_odt_fails():
    with pytest.raises(ReadFailed):
        read_odt(b"PK\x03\x04 not really a zip")
