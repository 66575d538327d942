from __future__ import annotations

import pytest

from pipeline.stages.ingest.formats import ReadFailed
from pipeline.stages.ingest.formats.rtf import read_rtf
from tests.stages.ingest.blockcheck import assert_blocks_valid

RTF = r"""{\rtf1\ansi\ansicpg1252{\info{\title Styrelsem\'f6te}{\author Eva \'c5berg}{\creatim\yr2024\mo3\dy5\hr10}}
{\b Protokoll styrelsem\'f6te}\par
N\'e4rvarande: Eva \'c5berg, Bo Lind\par
\u8226\'3f\tab F\'f6rsta punkten\par
\u8226\'3f\tab Andra punkten\par
\par
Styrelsen beslutade att godk\'e4nna budgeten.\par
}"""


def test_rtf_paragraphs_bullets_metadata():
    r = read_rtf(RTF.encode("ascii"))
    assert r.metadata == {"title": "Styrelsemöte", "author": "Eva Åberg", "date": "2024-03-05"}
    assert r.text == ("Protokoll styrelsemöte\n\nNärvarande: Eva Åberg, Bo Lind\n\n- Första punkten\n- Andra punkten"
                      "\n\nStyrelsen beslutade att godkänna budgeten.")
    assert [b.kind for b in r.blocks] == ["paragraph", "paragraph", "list_item", "list_item", "paragraph"]
    assert_blocks_valid(r.text, r.blocks)


def test_not_rtf_fails():
    with pytest.raises(ReadFailed):
        read_rtf(b"plain text")
