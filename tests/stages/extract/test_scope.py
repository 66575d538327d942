"""pipeline/stages/extract/scope.py: the section, item, sub-heading and label each unit stands under."""
from __future__ import annotations

from pipeline.stages.extract.layout import units
from pipeline.stages.extract.scope import OTHER, contexts, formal_layout, label_kind

from .helpers import sections_of


def scoped(text, cues, blocks=None, headings=()):
    secs = sections_of(text, extra=headings)
    us = units(text, blocks, {s["start_char"] for s in secs}, cues)
    return [(text[u.start:u.end], c) for u, c in zip(us, contexts(text, us, secs, cues))]


def test_a_sub_heading_holds_until_the_next_one_or_the_next_item(cues):
    text = ("§ 1 Budget\nBeslut\nNämnden godkänner budgeten.\nBeslutsgång\nOrdföranden ställer proposition.\n"
            "§ 2 Övrigt\nInget att rapportera.\n")
    got = {t: (c.subsection, c.item) for t, c in scoped(text, cues)}
    assert got["Nämnden godkänner budgeten."] == ("Beslut", 1)
    assert got["Ordföranden ställer proposition."] == ("Beslutsgång", 1)
    assert got["Inget att rapportera."] == (None, 2)


def test_a_continued_item_keeps_its_sub_heading(cues):
    text = "§ 4 Dnr 2024/1\nBeslutsgång\nOrdföranden prövar förslaget\nforts. § 4\noch finner att det bifalls.\n"
    got = dict(scoped(text, cues))
    cont = got["och finner att det bifalls."]
    assert cont.subsection == "Beslutsgång" and cont.item == 1


def test_in_a_formal_protocol_a_stray_section_heading_does_not_end_the_sub_heading(cues):
    text = ("§ 4 Dnr 2024/1\nRiktlinjer\nSammanfattning av ärendet\nText om ärendet.\nBeslutsunderlag\n"
            "Tjänsteskrivelse.\nKUNGSTAD KOMMUN PROTOKOLL\nMer om underlaget.\n")
    got = dict(scoped(text, cues, headings=("KUNGSTAD KOMMUN PROTOKOLL",)))
    assert got["Mer om underlaget."].subsection == "Beslutsunderlag"
    informal = "Beslut\nVi köper en dator.\nÖvrigt\nVi pratade om våren.\n"
    got = dict(scoped(informal, cues, headings=("Övrigt",)))
    assert got["Vi köper en dator."].subsection == "Beslut" and got["Vi pratade om våren."].subsection is None


def test_a_heading_like_line_under_beslut_ends_the_decisions(cues):
    text = "§ 9 Övrigt\nBeslut\nNämnden noterar informationen.\nDagens sammanträde\nOrdföranden tackar alla.\n"
    got = dict(scoped(text, cues))
    assert got["Nämnden noterar informationen."].subsection == "Beslut"
    assert got["Ordföranden tackar alla."].subsection == OTHER


def test_sub_headings_from_the_segmenter_win(cues):
    text = "Text under en rubrik.\n"
    blocks = [{"kind": "paragraph", "start_char": 0, "end_char": len(text) - 1, "level": None,
               "subsection": "Förslag till beslut", "section_id": "m1-s9"}]
    (_, c), = scoped(text, cues, blocks=blocks)
    assert (c.subsection, c.section_id) == ("Förslag till beslut", "m1-s9")


def test_a_label_covers_its_list_or_the_paragraph_below_it(cues):
    text = ("Beslut:\n- Att köpa en dator\n- Att byta lokal\nVi pratade om våren.\n\n"
            "Synpunkter:\nDet är bra.\nInget mer.\n\n"
            "● Att göra:\n○ Boka lokal\n● Nästa punkt\n")
    got = {t: c.label_kind for t, c in scoped(text, cues)}
    assert got["Att köpa en dator"] == got["Att byta lokal"] == "decision"
    assert got["Vi pratade om våren."] is None
    assert got["Det är bra."] == "opinion" and got["Inget mer."] is None
    assert got["Boka lokal"] == "task" and got["Nästa punkt"] is None


def test_label_kinds(cues):
    assert label_kind("Beslut", cues) == "decision" and label_kind("Att göra", cues) == "task"
    assert label_kind("Kommunrevisionen beslutar att ge", cues, colon=True) == "decision"   # a lead-in
    assert label_kind("Kommunrevisionen beslutar att ge", cues) is None
    assert label_kind("Deltagare", cues) is None


def test_a_to_do_heading_and_a_next_meeting_section(cues):
    text = "1. Att göra\n- Boka lokal\n2. Nästa möte\n3 maj kl. 18.\n"
    got = dict(scoped(text, cues))
    assert got["Boka lokal"].task_heading and not got["3 maj kl. 18."].task_heading
    assert got["3 maj kl. 18."].next_meeting


def test_formal_layout(cues):
    assert formal_layout("", units("§ 3 Budget\nText.\n", None, set(), cues))
    assert not formal_layout("", units("Beslut\nVi köper en dator.\n", None, set(), cues))
