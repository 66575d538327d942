"""Offset remapping: replacing spans and moving every offset along, in text and text_raw."""
from __future__ import annotations

from pipeline.products.pseudonymize.offsets import (
    Hit,
    OffsetMap,
    align_corrections,
    apply_hits,
    corrections_inside,
    to_raw_hits,
    widen_to_corrections,
)


def test_offset_map():
    m = OffsetMap([(10, 20, 10, 18), (30, 35, 28, 40)])
    assert [m.start(p) for p in (0, 10, 15, 20, 25, 30, 34, 35, 50)] == [0, 10, 10, 18, 23, 28, 28, 40, 55]
    assert [m.end(p) for p in (0, 10, 15, 20, 25, 30, 34, 35, 50)] == [0, 10, 18, 18, 23, 28, 40, 40, 55]
    assert m.start(None) is None


def test_a_name_with_an_ocr_correction_is_replaced_in_both_texts_and_the_correction_dropped():
    raw = "Närvarande: Anna Svensspn och Karl Berg. Styrelsen bes1utar."
    corrections = [{"start_char": raw.index("Svensspn"), "original": "Svensspn", "replacement": "Svensson"},
                   {"start_char": raw.index("bes1utar"), "original": "bes1utar", "replacement": "beslutar"}]
    aligned = align_corrections(raw, corrections)
    text = raw.replace("Svensspn", "Svensson").replace("bes1utar", "beslutar")
    assert [text[a.start:a.end] for a in aligned] == ["Svensson", "beslutar"]
    hits = widen_to_corrections([Hit(text.index("Anna"), text.index("Anna") + 4, "anna"),
                                 Hit(text.index("Svensson"), text.index("Svensson") + 3, "anna")], aligned)
    assert [(text[h.start:h.end]) for h in hits] == ["Anna", "Svensson"]  # widened to the whole correction
    raw_hits = to_raw_hits(hits, aligned)
    assert [raw[h.start:h.end] for h in raw_hits] == ["Anna", "Svensspn"]
    assert corrections_inside(aligned, raw_hits) == {raw.index("Svensspn")}
    new, spans = apply_hits(text, hits, lambda h: "P1")
    assert new == "Närvarande: P1 P1 och Karl Berg. Styrelsen beslutar."
    m = OffsetMap(spans)
    assert new[m.start(text.index("Styrelsen")):m.end(len(text))] == "Styrelsen beslutar."


def test_corrections_that_do_not_match_the_raw_text_are_skipped():
    assert align_corrections("abc", [{"start_char": 1, "original": "x", "replacement": "y"}]) == []
    assert align_corrections(None, []) == []
