"""pipeline/stages/repair/detect.py: is repair needed (per document, per block/page), strip rate."""
from __future__ import annotations

from pipeline.stages.repair.detect import block_stats, blocks, document_plan, quick_clean, strip_cost

CLEAN = ("Mötet öppnades av ordföranden som hälsade alla välkomna. Nämnden beslutade att godkänna "
         "föregående protokoll. Även förvaltningen redogjorde för läget i ärendet om de nya "
         "lokalerna på Söder. Nästa möte äger rum i början av året, och då ska vi också gå igenom "
         "budgeten för nästa år.")
STRIPPED = ("Motet oppnades av ordforanden som halsade alla valkomna. Namnden beslutade att godkanna "
            "foregaende protokoll. Aven forvaltningen redogjorde for laget i arendet om de nya "
            "lokalerna pa Soder. Nasta mote ager rum i borjan av aret, och da ska vi ocksa ga igenom "
            "budgeten for nasta ar.")
SYMBOLS = ("Han tycker att det 6r bra men vi m&ste f6rst se 6ver budgeten, sa att vi kan g6ra "
           "r&tt och |6sa problemen i f6rvaltningen innan m6tet.")
ENGLISH = ("The committee met on Tuesday. For the record, the board agreed to proceed with the plan "
           "and asked the staff to report back at the next meeting in May.")


def test_quick_clean_accepts_clean_swedish_only():
    assert quick_clean(CLEAN)
    assert not quick_clean(STRIPPED)
    assert not quick_clean(SYMBOLS)
    assert not quick_clean(CLEAN + " M\ufffdtet")
    assert quick_clean("")


def test_block_stats_damaged_and_clean():
    d = block_stats(STRIPPED, 0, len(STRIPPED))
    assert d.damaged and d.stripped >= 5 and d.intact == 0
    assert d.strip_rate > 0.8
    c = block_stats(CLEAN, 0, len(CLEAN))
    assert not c.damaged and c.intact >= 5
    assert c.strip_rate < 0.2
    s = block_stats(SYMBOLS, 0, len(SYMBOLS))
    assert s.damaged and s.symbols >= 5


def test_text_without_diacritics_is_not_damage():
    # English (or any text that merely lacks å/ä/ö) is not taken for stripped Swedish
    assert not block_stats(ENGLISH, 0, len(ENGLISH)).damaged
    assert not any(b.damaged for b in document_plan(ENGLISH))


def test_blocks_split_on_blank_lines_and_form_feeds():
    text = "a\n\nb\fc"
    assert [text[s:e] for s, e in blocks(text)] == ["a\n\n", "b\f", "c"]


def test_plan_per_page():
    # a clean page and a damaged page in one document: only the damaged one is repaired
    text = CLEAN + "\f" + STRIPPED
    plan = document_plan(text)
    assert [b.damaged for b in plan] == [False, True]


def test_short_block_borrows_the_document_evidence():
    text = STRIPPED + "\n\nMotet avslutades.\n\n" + STRIPPED
    plan = document_plan(text)
    assert all(b.damaged for b in plan)


def test_strip_cost_falls_as_the_strip_rate_rises():
    assert strip_cost(0.9) < strip_cost(0.5) < strip_cost(0.05)
    assert strip_cost(0.0) > 0 and strip_cost(1.0) > 0
