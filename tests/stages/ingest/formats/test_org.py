from __future__ import annotations

from pipeline.stages.ingest.formats.org import org_reading
from tests.stages.ingest.blockcheck import assert_blocks_valid, spans

ORG = """#+TITLE: Styrelsemöte 14 mars
#+DATE: 2024-03-14
#+AUTHOR: Nils Holm
* TODO Närvarande :möte:
:PROPERTIES:
:ID: 123
:END:
- Nils Holm (ordf)
  - Ida Ek
- Sven Ros
** § 1 Ekonomi
Kassören redovisade /läget/ och *kostnaderna*; se [[https://x.se][underlaget]].
| Vem | Vad |
|-----+-----|
| Ida | offert |
#+BEGIN_QUOTE
Citat ur stadgarna
#+END_QUOTE
"""


def test_org_headings_lists_tables_keywords():
    r = org_reading(ORG)
    assert r.metadata["title"] == "Styrelsemöte 14 mars" and r.metadata["date"] == "2024-03-14"
    assert r.metadata["author"] == "Nils Holm" and "#+" not in r.text and "PROPERTIES" not in r.text
    assert [(r.text[b.start:b.end], b.level) for b in r.blocks if b.kind == "heading"] == [
        ("Närvarande", 1), ("§ 1 Ekonomi", 2)]
    assert [(r.text[b.start:b.end], b.level) for b in r.blocks if b.kind == "list_item"] == [
        ("Nils Holm (ordf)", 1), ("Ida Ek", 2), ("Sven Ros", 1)]
    assert "Kassören redovisade läget och kostnaderna; se underlaget." in r.text
    assert spans(r.text, r.blocks, "table_row") == ["Vem | Vad", "Ida | offert"]
    assert r.text.endswith("Citat ur stadgarna")
    assert_blocks_valid(r.text, r.blocks)
