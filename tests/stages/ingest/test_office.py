from __future__ import annotations

import io
import zipfile

import pytest

from pipeline.stages.ingest.office import html_to_text, read_docx, read_html
from pipeline.stages.ingest.samples import docx_bytes


def test_docx_paragraphs_and_table_in_order():
    data = docx_bytes(
        ["Närvarande: Åsa Öberg och Björn Ängström.", "§ 2 Beslut: nämnden beslöt att godkänna förslaget."],
        table=[["Vem", "Vad", "När"], ["Märta", "Begära offerter", "1 maj"]],
        heading="Protokoll för kultur- och fritidsnämnden",
    )
    text, warnings = read_docx(data)
    assert text.split("\n") == [
        "Protokoll för kultur- och fritidsnämnden",
        "Närvarande: Åsa Öberg och Björn Ängström.",
        "Vem | Vad | När",
        "Märta | Begära offerter | 1 maj",
        "§ 2 Beslut: nämnden beslöt att godkänna förslaget.",
    ]
    assert warnings == []


def test_docx_merged_cells_are_not_repeated():
    import docx

    d = docx.Document()
    t = d.add_table(rows=2, cols=3)
    a = t.cell(0, 0).merge(t.cell(0, 2))
    a.text = "Sammanslagen rubrik"
    for c, v in enumerate(["a", "b", "c"]):
        t.cell(1, c).text = v
    buf = io.BytesIO()
    d.save(buf)
    text, _ = read_docx(buf.getvalue())
    assert text.split("\n") == ["Sammanslagen rubrik", "a | b | c"]


def test_corrupt_docx_raises_for_the_reader_to_report():
    data = docx_bytes(["Hej"])
    with pytest.raises(zipfile.BadZipFile):
        read_docx(data[: len(data) // 2])
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as zf:  # a zip with a broken document part
        zf.writestr("[Content_Types].xml", "<Types/>")
        zf.writestr("word/document.xml", "<w:document><w:body><w:p>")
    with pytest.raises(Exception):  # noqa: B017 - whatever python-docx raises, the reader reports it
        read_docx(buf.getvalue())


HTML = """<!DOCTYPE html>
<html><head><title>Protokoll</title><style>p {color: red}</style>
<script>var x = "inte text";</script></head>
<body>
<h1>Protokoll för styrelsemöte</h1>
<p>Närvarande: <b>Åsa Öberg</b>,
   Björn&nbsp;Ängström och M&auml;rta.</p>
<div>§ 1 Mötets öppnande<br>Ordföranden öppnade mötet.</div>
<ul><li>Första punkten</li><li>Andra punkten</li></ul>
<table><tr><th>Vem</th><th>Vad</th></tr><tr><td>Åsa</td><td>Offert &amp; avtal</td></tr></table>
<!-- kommentar -->
</body></html>"""


def test_html_block_structure_kept():
    text = html_to_text(HTML)
    lines = [ln for ln in text.split("\n") if ln]
    assert lines == [
        "Protokoll",
        "Protokoll för styrelsemöte",
        "Närvarande: Åsa Öberg, Björn Ängström och Märta.",
        "§ 1 Mötets öppnande",
        "Ordföranden öppnade mötet.",
        "Första punkten",
        "Andra punkten",
        "Vem | Vad",
        "Åsa | Offert & avtal",
    ]
    assert "inte text" not in text and "kommentar" not in text and "color" not in text


def test_html_encodings():
    html = '<html><head><meta charset="windows-1252"></head><body><p>Växjö – ”möte”</p></body></html>'
    assert read_html(html.encode("cp1252"))[0].strip() == "Växjö – ”möte”"
    html8 = '<html><head><meta charset="utf-8"></head><body><p>Växjö</p></body></html>'
    assert read_html(html8.encode("utf-8"))[0].strip() == "Växjö"
    assert read_html(html8.encode("utf-16"))[0].strip() == "Växjö"
    # no declaration, not UTF-8: Windows office default
    assert read_html("<p>Åby bibliotek</p>".encode("cp1252"))[0].strip() == "Åby bibliotek"
