from __future__ import annotations

from pipeline.stages.repair import repair_text
from pipeline.stages.repair.paragraph_sign import paragraph_sign_edits

OCR = """Innehåll
$ 12 Budget 2025
8 13 Dnr SN-2024-00031
Information om verksamheten
£ 14 Övriga frågor
5 ledamöter var närvarande och 8 000 kronor beviljades.
Enligt 6 kap 8 § föräldrabalken.
"""


def test_misread_signs_at_item_starts_are_repaired_not_numbers():
    r = repair_text(OCR)
    assert "§ 12 Budget 2025\n§ 13 Dnr SN-2024-00031\n" in r.text and "§ 14 Övriga frågor" in r.text
    assert "5 ledamöter var närvarande och 8 000 kronor" in r.text and "6 kap 8 § föräldrabalken" in r.text
    signs = [c for c in r.corrections if c["method"] == "paragraph-sign"]
    assert [(c["original"], c["replacement"]) for c in signs] == [("$", "§"), ("8", "§"), ("£", "§")]


def test_digits_need_evidence():
    assert paragraph_sign_edits("8 44 Dnr KS-2023-00012\nText") == []        # one '8 44' alone: no evidence
    assert len(paragraph_sign_edits("8 44 Dnr KS-1\nText\n8 45 Dnr KS-2\n")) == 2
    assert paragraph_sign_edits("512 Budget\nS12 Budget\n") == []
