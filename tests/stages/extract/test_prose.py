"""pipeline/stages/extract/prose.py: running text sentence by sentence."""
from __future__ import annotations

import datetime as dt

from .helpers import attendees_of, run


def rows(text, *names, **kw):
    decisions, actions = run(text, attendees_of(*names), **kw)
    return ([(d["text"], d["kind"]) for d in decisions], [(a["text"], a["assignees"], a["due_text"]) for a in actions])


def test_an_assignment_by_the_meeting_is_a_decision_and_a_task():
    d, a = rows("1. Lokal\nStyrelsen ger Anna i uppdrag att boka lokal senast 1 maj. Lars ombeds ta fram kostnader.\n",
                "Anna Berg", "Lars Ek")
    assert d == [("Styrelsen ger Anna i uppdrag att boka lokal senast 1 maj.", "assigned")]
    assert a == [("Styrelsen ger Anna i uppdrag att boka lokal senast 1 maj.", ["Anna"], "senast 1 maj"),
                 ("Lars ombeds ta fram kostnader.", ["Lars"], None)]


def test_a_decision_that_sends_the_matter_on_is_also_a_task():
    d, a = rows("§ 4 Motion\nÄrendet återremitteras till förvaltningen för kompletterande beredning.\n")
    assert d == [("Ärendet återremitteras till förvaltningen för kompletterande beredning.", "postponed")]
    assert a == [("Ärendet återremitteras till förvaltningen för kompletterande beredning.", ["förvaltningen"], None)]


def test_ansvarig_after_a_task_after_a_decision_and_with_a_task_of_its_own():
    _, a = rows("1. Studiedag\nBoka lokal för studiedagen.\nAnsvarig: Lisa\n\nVi ses.\n", "Lisa Ström")
    assert a == [("Boka lokal för studiedagen.\nAnsvarig: Lisa", ["Lisa"], None)]
    _, a = rows("1. Hyran\nStyrelsen beslutade att begära förhandling. Ansvarig: Zainab och Anna.\n")
    assert a == [("Styrelsen beslutade att begära förhandling.", ["Zainab", "Anna"], None)]
    _, a = rows("1. Trädgård\nVi bildar en trädgårdsgrupp. Ansvarig: Frida kallar till ett möte före påsk.\n",
                "Frida Ek")
    assert a == [("Frida kallar till ett möte före påsk.", ["Frida"], "före påsk")]


def test_the_summary_of_a_formal_item_gives_only_what_is_undertaken():
    text = ("§ 8 Dnr 2024/3\nRapport\nBeslut\nNämnden noterar informationen.\nSammanfattning av ärendet\n"
            "Nämnden beslutade i maj att ge förvaltningen i uppdrag att utreda frågan. Enligt lagen ska alla "
            "nämnder redovisa detta. Förvaltningen kommer månatligen rapportera nyckeltal till nämnden. "
            "Revisionen uppdrar åt EY att granska rutinen.\n")
    d, a = rows(text)
    assert d == [("Nämnden noterar informationen.", "noted"), ("Revisionen uppdrar åt EY att granska rutinen.",
                                                             "assigned")]
    assert [x[0] for x in a] == ["Förvaltningen kommer månatligen rapportera nyckeltal till nämnden.",
                                 "Revisionen uppdrar åt EY att granska rutinen."]


def test_a_proposal_to_another_body_where_the_item_has_no_beslut_heading():
    d, _ = rows("§ 46 Bidrag\nFöreningen har ansökt om bidrag.\n"
                "Arbetsutskottet föreslår socialnämnden besluta att bevilja föreningen 20 000 kronor.\n")
    assert d == [("Arbetsutskottet föreslår socialnämnden besluta att bevilja föreningen 20 000 kronor.", "approved")]


def test_comma_joined_tasks_of_different_people_and_a_speaker_prefix():
    _, a = rows("1. Publisher\nBetatestare efterlyses, Ulrika tar upp det internt, John tar frågan till SIS.\n"
                "Kristine – vi bjuder in hela referensgruppen.\n", "Ulrika Ek", "John Berg", "Kristine Ulander")
    assert a == [("Ulrika tar upp det internt", ["Ulrika"], None), ("John tar frågan till SIS.", ["John"], None),
                 ("vi bjuder in hela referensgruppen.", [], None)]


def test_next_meeting_lines_and_labels():
    d, _ = rows("1. Övrigt\nNästa styrelsemöte: tisdag 10 oktober kl. 14.00 hos Solveig.\n2. Nästa möte\n"
                "- Tisdag 19 mars kl. 19.00 i klubbstugan.\n", date=dt.date(2024, 2, 20))
    assert d == [("tisdag 10 oktober kl. 14.00 hos Solveig.", "scheduled"),
                 ("Tisdag 19 mars kl. 19.00 i klubbstugan.", "scheduled")]


def test_a_unit_that_goes_on_after_a_page_break_takes_its_deadline():
    text = "1. Nästa möte\nPunkten skjuts till decembermötet, då\n\nforskare från CTF ska berätta om arbetet.\n"
    _, actions = run(text, [], entities=[{"start_char": text.index("CTF"), "end_char": text.index("CTF") + 3,
                                          "label": "ORG"}])
    assert [(a["assignees"], a["due_text"]) for a in actions] == [(["CTF"], "till decembermötet")]


def test_ansvarig_with_a_deadline_gives_the_sentence_before_to_the_doers():
    _, a = rows("3. Öppettider\nBeslut: Rådet skickar in ett förslag om öppettider till nämnden.\n\n"
                "Ansvarig: Noah och Saga, klart till den 12 april.\n", "Noah Lind", "Saga Berg")
    assert a == [("Beslut: Rådet skickar in ett förslag om öppettider till nämnden.", ["Noah", "Saga"], "den 12 april")]
    _, a = rows("2. Vårdtider\nÖverenskommelse: de längsta vårdtiderna ska följas. "
                "Ansvar: Ali Demir och Eva Stål, klart 14 juni.\n", "Ali Demir", "Eva Stål")
    assert a == [("Överenskommelse: de längsta vårdtiderna ska följas.", ["Ali Demir", "Eva Stål"], "14 juni")]


def test_an_injunction_and_a_referral_for_completion_are_tasks_of_the_one_they_go_to():
    d, a = rows("§ 41 Gödselplatta\nBeslut\nUtskottet förelägger fastighetsägaren att senast den 30 april 2025 täta plattan.\n\n"
                "§ 42 Strandskydd\nBeslut\nÄrendet återremitteras till förvaltningen för att komplettera med ett yttrande.\n")
    assert [k for _, k in d] == ["assigned", "postponed"]
    assert [(x[1], x[2]) for x in a] == [(["fastighetsägaren"], "senast den 30 april 2025"), (["förvaltningen"], None)]


def test_next_meeting_under_a_numbered_heading_and_in_words():
    d, _ = rows("Punkt 5 – Ekonomi\n\nBudgeten är klar.\n\nPunkt 6 – Nästa möte\n\n"
                "Onsdag 4 december kl. 10.00 på Träffpunkt Eken.\n\nPunkt 7 – Övrigt\n\n"
                "Nästa boendemöte blir i oktober.\n\nStyrelsen sammanträder härnäst den 20 augusti kl. 18.30.\n",
                date=dt.date(2024, 11, 6), extra_headings=("Punkt 5 – Ekonomi", "Punkt 6 – Nästa möte", "Punkt 7 – Övrigt"))
    assert d == [("Onsdag 4 december kl. 10.00 på Träffpunkt Eken.", "scheduled"),
                 ("Nästa boendemöte blir i oktober.", "scheduled"),
                 ("Styrelsen sammanträder härnäst den 20 augusti kl. 18.30.", "scheduled")]


def test_a_meeting_that_was_held_is_not_the_next_one():
    d, _ = rows("1. Rapporter\nMötet med hyresvärden blev bra. Nästa steg är att skriva till kommunen.\n",
                date=dt.date(2024, 11, 6))
    assert d == []
