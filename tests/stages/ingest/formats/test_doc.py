from __future__ import annotations

import pytest

from pipeline.stages.ingest.formats import ReadFailed
from pipeline.stages.ingest.formats import doc as docmod


def test_converter_output_becomes_blocks(monkeypatch):
    out = "Protokoll styrelsemöte\nNärvarande: Anna Ek, Bo Berg\n• Budget\n• Lokaler\nMötet avslutades.\n"
    monkeypatch.setattr(docmod, "convert", lambda data, timeout=120.0: (out, "antiword"))
    r = docmod.read_doc(b"\xd0\xcf\x11\xe0")
    assert r.text == ("Protokoll styrelsemöte\n\nNärvarande: Anna Ek, Bo Berg\n\n- Budget\n- Lokaler\n\n"
                      "Mötet avslutades.")
    assert [b.kind for b in r.blocks] == ["paragraph", "paragraph", "list_item", "list_item", "paragraph"]


def test_unreadable_doc_is_a_clear_error():
    with pytest.raises(ReadFailed, match="cannot read this legacy Word"):
        docmod.read_doc(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 600)


def test_no_converter_installed(monkeypatch):
    monkeypatch.setattr(docmod.shutil, "which", lambda name: None)
    with pytest.raises(ReadFailed, match="antiword: not installed; catdoc: not installed"):
        docmod.convert(b"x")
