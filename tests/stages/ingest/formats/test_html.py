from __future__ import annotations

from pipeline.stages.ingest.formats.html import html_reading, read_html
from tests.stages.ingest.blockcheck import assert_blocks_valid, spans

HTML = """<!--
title: Brukarrådet
date: 2023-11-02
-->
<!DOCTYPE html><html><head><title>Minnesanteckningar</title><meta name="author" content="Lena Berg">
<style>p {color: red}</style><script>var x = "inte text";</script></head>
<body>
<h1>Minnesanteckningar brukarrådet</h1>
<p><strong>Närvarande:</strong> Lena Berg, Omar Said,
   Jonas&nbsp;Ek</p>
<p><strong>Kallade</strong><br>Anna Nord<br>Eva Lund</p>
<h2>1. Information</h2>
<ul><li>Nya öppettider<ul><li>Kvällar</li></ul></li><li>Lokalfrågan</li></ul>
<ol start="4"><li>Fyra</li><li>Fem</li></ol>
<table><tr><th>Namn</th><th>Organisation</th></tr><tr><td>Omar Said</td><td>RSMH</td></tr></table>
<!-- en kommentar -->
</body></html>"""


def test_html_blocks_metadata_and_dropped_parts():
    r = html_reading(HTML)
    assert r.metadata["title"] == "Minnesanteckningar" and r.metadata["author"] == "Lena Berg"
    assert r.metadata["date"] == "2023-11-02"
    assert "inte text" not in r.text and "kommentar" not in r.text and "color" not in r.text
    assert "title:" not in r.text and not r.text.startswith("Minnesanteckningar\n")
    assert [(r.text[b.start:b.end], b.level) for b in r.blocks if b.kind == "heading"] == [
        ("Minnesanteckningar brukarrådet", 1), ("1. Information", 2)]
    assert "Närvarande: Lena Berg, Omar Said, Jonas Ek" in r.text
    label = next(b for b in r.blocks if b.attrs.get("label"))
    assert label.attrs["label"] == "Närvarande:"
    assert "Kallade\nAnna Nord\nEva Lund" in r.text           # <br> is a line break in the block
    assert [(r.text[b.start:b.end], b.level) for b in r.blocks if b.kind == "list_item"] == [
        ("Nya öppettider", 1), ("Kvällar", 2), ("Lokalfrågan", 1), ("Fyra", 1), ("Fem", 1)]
    assert "- Nya öppettider\n  - Kvällar\n- Lokalfrågan\n4. Fyra\n5. Fem" in r.text
    assert spans(r.text, r.blocks, "table_row") == ["Namn | Organisation", "Omar Said | RSMH"]
    assert_blocks_valid(r.text, r.blocks)


def test_html_encodings():
    html = '<html><head><meta charset="windows-1252"></head><body><p>Växjö – ”möte”</p></body></html>'
    assert read_html(html.encode("cp1252")).text == "Växjö – ”möte”"
    html8 = '<html><head><meta charset="utf-8"></head><body><p>Växjö</p></body></html>'
    assert read_html(html8.encode("utf-8")).text == "Växjö"
    assert read_html(html8.encode("utf-16")).text == "Växjö"
    assert read_html("<p>Åby bibliotek</p>".encode("cp1252")).text == "Åby bibliotek"
