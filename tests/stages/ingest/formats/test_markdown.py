from __future__ import annotations

from pipeline.stages.ingest.formats.markdown import read_markdown
from tests.stages.ingest.blockcheck import assert_blocks_valid, spans

MD = """---
title: Styrelsemöte i Brf Lönnen
date: 2024-02-08
author: Karin Ek
---
#Protokoll styrelsemöte

**Närvarande:**
- Karin Ek (ordförande)
  - Per Lind, *suppleant*
- Sara Öst

## 1. Ekonomi
Kassören redovisade [bokslutet](https://example.org/bokslut) och `budget.xlsx`.
Styrelsen beslutade att godkänna det.

1. Offert för fasad
2. Offert för tak

| Vem | Vad | När |
|-----|-----|-----|
| Karin | Kontakta revisorn | 1 mars |
| Per | Boka lokal |

> Nästa möte hålls i föreningslokalen.
"""


def test_markdown_structure_and_text():
    r = read_markdown(MD)
    assert r.metadata["title"] == "Styrelsemöte i Brf Lönnen" and r.metadata["author"] == "Karin Ek"
    assert "title:" not in r.text and "---" not in r.text
    assert r.text.startswith("Protokoll styrelsemöte\n\nNärvarande:\n\n"
                             "- Karin Ek (ordförande)\n  - Per Lind, suppleant\n")
    headings = [(r.text[b.start:b.end], b.level) for b in r.blocks if b.kind == "heading"]
    assert headings == [("Protokoll styrelsemöte", 1), ("1. Ekonomi", 2)]   # '#Protokoll' without the space too
    items = [(r.text[b.start:b.end], b.level) for b in r.blocks if b.kind == "list_item"]
    assert items[:3] == [("Karin Ek (ordförande)", 1), ("Per Lind, suppleant", 2), ("Sara Öst", 1)]
    assert "1. Offert för fasad\n2. Offert för tak" in r.text
    assert "Kassören redovisade bokslutet och budget.xlsx.\nStyrelsen beslutade" in r.text   # inline markup gone
    assert spans(r.text, r.blocks, "table_row") == ["Vem | Vad | När", "Karin | Kontakta revisorn | 1 mars",
                                                    "Per | Boka lokal"]
    assert r.text.endswith("\n\nNästa möte hålls i föreningslokalen.")
    bold = [b for b in r.blocks if b.kind == "paragraph" and b.attrs.get("bold")]
    assert [r.text[b.start:b.end] for b in bold] == ["Närvarande:"]
    assert_blocks_valid(r.text, r.blocks)


def test_toml_and_html_comment_front_matter_are_metadata():
    r = read_markdown('+++\ntitle = "Årsmöte"\ndate = 2023-03-30\n+++\nText.\n')
    assert r.metadata["title"] == "Årsmöte" and r.metadata["date"] == "2023-03-30" and r.text == "Text."
    r = read_markdown("<!--\ntitle: Arbetsgruppen\ndatum: 12 april\n-->\n# Anteckningar\n")
    assert r.metadata["title"] == "Arbetsgruppen" and r.metadata["date"] == "12 april"
    assert r.text == "Anteckningar"


def test_hash_in_code_is_not_a_heading():
    r = read_markdown("```\n#inte_rubrik\n```\n")
    assert r.text == "#inte_rubrik" and [b.kind for b in r.blocks] == ["paragraph"]
