"""pipeline/stages/extract/__init__.py: extract_decisions_and_actions on whole minutes.

Short minutes written for the tests check the walk (labels, lists, tables, sections, offsets),
with sections from heading lines and no NER, so only the extraction is tested. The fixtures in
fixtures/ are minutes in many styles and formats written for the tests (formal protocols of
different bodies with votes and reservations, a stämma, a brf board in HTML, a brukarråd and an
agency working group in Markdown, a student board, a meeting held by e-mail, informal notes);
they are read by the ingest stage and run through every stage, as the pipeline runs them.
"""
from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

from pipeline.contract.schema import ACTION_ITEMS, DECISIONS
from pipeline.stages.extract import extract_decisions_and_actions

from .helpers import attendees_of, run, sections_of

FIXTURES = Path(__file__).with_name("fixtures")

PROTOCOL = """\
PROTOKOLL
Socialnämnden
Sammanträdesdatum 2021-03-16

§ 12 Val av justerare
Göran Sjöberg valdes att justera protokollet.

§ 13 Brukarråd inom socialpsykiatrin
Ärendebeskrivning
Förvaltningen har tagit fram ett förslag. Nämnden beslutade den 10 december 2020 att ge förvaltningen uppdraget.
Förvaltningen tar fram en plan för hur rådet ska arbeta.

Beslutsgång
Ordföranden ställer proposition och finner att nämnden godkänner förslaget.

Förslag till beslut
Socialnämnden föreslås besluta att inrätta ett brukarråd.

Beslut
Socialnämnden beslutar
att inrätta ett brukarråd inom socialpsykiatrin från och med den 1 maj 2021,
att uppdra åt socialchefen att ta fram riktlinjer för brukarrådet senast den 15 april, samt
att ärendet återrapporteras till nämnden i september.

Reservation
Erik Lundgren (M) reserverar sig mot beslutet.

§ 14 Motion om brukarrevision
Socialnämnden beslutade att bordlägga ärendet till nästa sammanträde.

§ 15 Delegationsbeslut
Redovisningen lades till handlingarna.

§ 16 Information
Maria Ek informerade om läget i hemtjänsten. Det är viktigt att brukarna får komma till tals. \
Vi bör se över informationen till anhöriga. Nämnden kan komma att behöva besluta om extra medel.
"""

REPORT_HEADINGS = ("Ärendebeskrivning", "Beslutsgång", "Förslag till beslut", "Beslut", "Reservation")

BOARD = """\
Styrelsemöte Föreningen Gemenskap 2023-09-05

1. Ekonomi
Mikael redogjorde för ekonomin. Styrelsen beslöt att ansöka om bidrag från kommunen.

2. Höstens aktiviteter
Åtgärd | Ansvar | Klart
Boka lokal för höstfesten | Kicki | 20 sept
Skicka inbjudan till medlemmarna | Ahmed, Sofia | 1 oktober
Uppdatera hemsidan |  | löpande

3. Övrigt
Sofia tar kontakt med Hyresgästföreningen. Det vore bra om fler medlemmar engagerade sig. \
Kan vi starta en samtalsgrupp? Frågan om nya stadgar skjuts till nästa möte.
"""

BOARD_PEOPLE = attendees_of("Eva Lind", "Mikael Ström", "Sofia Berg", "Ahmed Hassan", "Kristina Olsson")


def test_formal_protocol_with_att_clauses():
    decisions, actions = run(PROTOCOL, attendees_of("Karin Holm", "Maria Ek", roles={"Maria Ek": "socialchef"}),
                             date=dt.date(2021, 3, 16),
                             extra_headings=REPORT_HEADINGS)
    assert [(d["text"], d["kind"]) for d in decisions] == [
        ("Göran Sjöberg valdes att justera protokollet.", "elected"),
        ("att inrätta ett brukarråd inom socialpsykiatrin från och med den 1 maj 2021", "formed"),
        # the decision gives a task: it is a decision (assigned) and an action item
        ("att uppdra åt socialchefen att ta fram riktlinjer för brukarrådet senast den 15 april", "assigned"),
        ("att ärendet återrapporteras till nämnden i september.", "decided"),
        ("Socialnämnden beslutade att bordlägga ärendet till nästa sammanträde.", "postponed"),
        ("Redovisningen lades till handlingarna.", "noted"),
    ]
    # the reservation of § 13 is on every decision of § 13, and only there
    assert [d["reservations"] for d in decisions] == [[], ["Erik Lundgren (M)"], ["Erik Lundgren (M)"],
                                                     ["Erik Lundgren (M)"], [], []]
    assert len(actions) == 1
    a = actions[0]
    assert a["text"] == "att uppdra åt socialchefen att ta fram riktlinjer för brukarrådet senast den 15 april"
    assert a["assignees"] == ["socialchefen"] and a["assignees_resolved"] == ["Maria Ek"]
    assert a["due_text"] == "senast den 15 april" and a["due_date"] == dt.date(2021, 4, 15)
    # every row points at its text and its section
    titles = {s["section_id"]: s["title"] for s in sections_of(PROTOCOL, extra=REPORT_HEADINGS)}
    for row in decisions + actions:
        assert PROTOCOL[row["start_char"]:row["end_char"]] == row["text"]
    assert titles[decisions[0]["section_id"]] == "§ 12 Val av justerare"
    assert titles[decisions[-1]["section_id"]] == "§ 15 Delegationsbeslut"


def test_board_minutes_with_an_ansvar_table():
    decisions, actions = run(BOARD, BOARD_PEOPLE, date=dt.date(2023, 9, 5))
    assert [(d["text"], d["kind"]) for d in decisions] == [
        ("Styrelsen beslöt att ansöka om bidrag från kommunen.", "decided"),
        ("Frågan om nya stadgar skjuts till nästa möte.", "postponed"),
    ]
    got = [(a["text"], a["assignees"], a["assignees_resolved"], a["due_text"], a["due_date"]) for a in actions]
    assert got == [
        ("Boka lokal för höstfesten", ["Kicki"], ["Kristina Olsson"], "20 sept",
         dt.date(2023, 9, 20)),
        ("Skicka inbjudan till medlemmarna", ["Ahmed", "Sofia"],
         ["Ahmed Hassan", "Sofia Berg"], "1 oktober", dt.date(2023, 10, 1)),
        ("Uppdatera hemsidan", [], [], "löpande", None),
        ("Sofia tar kontakt med Hyresgästföreningen.", ["Sofia"], ["Sofia Berg"], None, None),
    ]


def test_beslut_list_bullets_a_paragraph_and_inline():
    text = ("1. Återblick\nBeslut:\n- Att fortsätta i nuvarande form\n- Att bordlägga frågan om logga\n"
            "- Anna får i uppdrag att boka lokal\n\nVi pratade om våren.\n\n"
            "2. Budget\nBeslut:\nStyrelsen godkänner budgeten. Förvaltningen får i uppdrag att återkomma.\n\n"
            "3. Lokal\nBeslut: Att hyra Folkets hus.\n")
    decisions, actions = run(text, attendees_of("Anna Berg"))
    assert [(d["text"], d["kind"], d["cue"]) for d in decisions] == [
        ("Att fortsätta i nuvarande form", "decided", "Beslut"),
        ("Att bordlägga frågan om logga", "postponed", "Beslut"),
        ("Anna får i uppdrag att boka lokal", "assigned", "Beslut"),
        ("Styrelsen godkänner budgeten.", "approved", "Beslut"),
        ("Förvaltningen får i uppdrag att återkomma.", "assigned", "Beslut"),
        ("Beslut: Att hyra Folkets hus.", "decided", "Beslut"),   # an inline label is part of the text
    ]
    assert [(a["text"], a["assignees_resolved"]) for a in actions] == [
        ("Anna får i uppdrag att boka lokal", ["Anna Berg"]),
        ("Förvaltningen får i uppdrag att återkomma.", ["Förvaltningen"]),
    ]


def test_opinions_under_a_synpunkter_label_are_not_tasks():
    text = ("1. Information\nSynpunkter och tankar:\n- Organisationerna ska erbjuda hjälp\n"
            "- Förvaltningen bör informera bättre\nOskar tar fram ett förslag till nästa möte.\n")
    decisions, actions = run(text)
    assert decisions == []
    assert [(a["text"], a["assignees"], a["due_text"]) for a in actions] == [
        ("Oskar tar fram ett förslag till nästa möte.", ["Oskar"], "till nästa möte")]


def test_ansvarig_and_klart_lines_complete_the_task_above():
    text = "1. Studiedag\nBoka lokal för studiedagen.\nAnsvarig: Lisa\nKlart: 1 juni\n\nVi ses.\n"
    _, actions = run(text, attendees_of("Lisa Ström"))
    assert len(actions) == 1
    a = actions[0]
    assert a["text"] == "Boka lokal för studiedagen.\nAnsvarig: Lisa"
    assert a["assignees_resolved"] == ["Lisa Ström"] and a["due_text"] == "1 juni"
    assert a["due_date"] == dt.date(2022, 6, 1)


def test_to_do_list():
    text = ("1. Att göra\n- Anna: boka lokal\n- Skicka kallelse – Lars\n- Uppdatera hemsidan\n\n"
            "2. Övrigt\n- Lars berättade om resan.\n")
    _, actions = run(text, attendees_of("Anna Lind", "Lars Ek"))
    assert [(a["text"], a["assignees_resolved"]) for a in actions] == [
        ("Anna: boka lokal", ["Anna Lind"]), ("Skicka kallelse", ["Lars Ek"]), ("Uppdatera hemsidan", [])]


def test_group_formed_then_who_is_in_it():
    text = "1. Konferens\nVi bildar en arbetsgrupp. I första hand är Allan, Per och Bosse med i arbetet.\n"
    decisions, actions = run(text, attendees_of("Allan Berg", "Per Norbeck", "Bo Pettersson"))
    assert [d["kind"] for d in decisions] == ["formed"]
    assert actions[0]["assignees"] == ["Allan", "Per", "Bosse"]
    assert actions[0]["assignees_resolved"] == ["Allan Berg", "Per Norbeck", "Bo Pettersson"]


def test_next_meeting_section():
    text = ("1. Nästa möte\n14 december, klockan 13.30-15.30, via Teams.\n"
            "- Anna Åkerman och Erik Bengtsson, som ska prata om Sip\n")
    decisions, actions = run(text, date=dt.date(2017, 11, 20))
    assert [(d["kind"], d["text"]) for d in decisions] == [
        ("scheduled", "14 december, klockan 13.30-15.30, via Teams.")]
    assert actions[0]["assignees"] == ["Anna Åkerman", "Erik Bengtsson"]
    assert actions[0]["due_text"] == "14 december, klockan 13.30-15.30"


def test_precision_on_a_page_of_opinions_questions_and_reports():
    text = ("1. Diskussion\nVi bör se över rutinerna. Det är viktigt att brukarna får vara med. "
            "Vi kan bjuda in en föreläsare. Anna kan tänka sig att hålla i det. Vi önskar att förvaltningen "
            "svarar snabbare. Det vore bra med fler möten. Ska vi bjuda in politikerna? Lars berättade att han "
            "har kontaktat regionen. Förra året beslutade styrelsen att höja avgiften. David har skickat ut "
            "inbjudan. Anna tog fram ett underlag förra veckan. Kommunen har beslutat att stänga träffpunkten. "
            "Flera ville att vi skulle bjuda in politikerna. Förslaget om att bilda en arbetsgrupp diskuterades.\n")
    assert run(text, attendees_of("Anna Lind", "Lars Ek", "David Persson")) == ([], [])


def test_rows_follow_the_schema():
    decisions, actions = run(BOARD, BOARD_PEOPLE, date=dt.date(2023, 9, 5))
    assert decisions and actions
    # assignee_person_ids is filled across the archive, meeting_year by the writer
    core = {"meeting_id", "section_id", "text", "start_char", "end_char", "cue"}
    for a in actions:
        assert core | {"assignees", "assignees_resolved", "due_text", "due_date"} <= set(a) <= set(ACTION_ITEMS.names)
    for d in decisions:
        assert core | {"kind"} <= set(d) <= set(DECISIONS.names)


def test_empty_and_degenerate_inputs():
    assert extract_decisions_and_actions("", None, [], [], [], {}) == ([], [])
    assert extract_decisions_and_actions("Beslut:\n\n|\n- \natt\n", {"meeting_id": "m"}, [], [], [], {}) == ([], [])


# --- minutes written for the tests, in many styles and formats, through every stage -------------

def _fixture_ids():
    return sorted(p.name[: -len(".expected.json")] for p in FIXTURES.glob("*.expected.json"))


@pytest.fixture(scope="module")
def processed():
    """Each fixture read by the ingest stage (so Markdown and HTML give real blocks), then every stage."""
    from pipeline.run.process import load_params, run_stages
    from pipeline.run.registry import SOURCE

    params = load_params()
    out = {}
    for stem in _fixture_ids():
        path = next(p for p in FIXTURES.glob(f"{stem}.*") if not p.name.endswith(".json"))
        out[stem] = run_stages(SOURCE.run(path, FIXTURES, params[SOURCE.name]), params)
    return out


@pytest.mark.parametrize("stem", _fixture_ids())
def test_minutes_in_many_styles(stem, processed):
    expected = json.loads((FIXTURES / f"{stem}.expected.json").read_text(encoding="utf-8"))
    rec = processed[stem]
    assert rec.ok, rec.document.get("error")
    assert str(rec.meeting["date"]) == expected["meeting_date"]
    assert [(d["text"], d["kind"]) for d in rec.decisions] == [(d["text"], d["kind"]) for d in expected["decisions"]]
    for d, w in zip(rec.decisions, expected["decisions"]):
        # what the item records about its decision: a vote, reservations, notes, immediate adjustment
        assert [d["vote_yes"], d["vote_no"], d["vote_abstain"]] == w.get("vote", [None, None, None]), d["text"]
        assert d["reservations"] == w.get("reservations", []), d["text"]
        assert d["protocol_notes"] == w.get("protocol_notes", []), d["text"]
        assert d["immediately_adjusted"] is w.get("immediately_adjusted", False), d["text"]
    got = [(a["text"], a["assignees"], a["due_text"], None if a["due_date"] is None else str(a["due_date"]))
           for a in rec.action_items]
    want = [(a["text"], a["assignees"], a["due_text"], a["due_date"]) for a in expected["actions"]]
    assert got == want
    for a, w in zip(rec.action_items, expected["actions"]):
        if w.get("resolved") is not None:
            assert a["assignees_resolved"] == w["resolved"], a["text"]
    text = rec.document["text"]
    for row in rec.decisions + rec.action_items:
        assert text[row["start_char"]:row["end_char"]] == row["text"] and row["rule"]
