"""pipeline/stages/extract/walk.py: one handler per kind of unit (headings, rows, items, paragraphs)."""
from __future__ import annotations

import datetime as dt

from .helpers import attendees_of, run


def tasks(text, *names, date=dt.date(2024, 3, 1)):
    _, actions = run(text, attendees_of(*names), date=date)
    return [(a["text"], a["assignees"], a["due_text"]) for a in actions]


def test_pipe_table_with_an_empty_cell_keeps_the_columns():
    text = ("1. Åtgärder\n| Nr | Vad | Vem | När |\n|----|-----|-----|-----|\n"
            "| 1 | Beställa nycklar | Kjell | 1 mars |\n| 2 | Planera vårfesten |  | april |\n")
    assert tasks(text, "Kjell Berg") == [("Beställa nycklar", ["Kjell"], "1 mars"), ("Planera vårfesten", [], "april")]


def test_tab_and_space_aligned_tables():
    text = "1. Plan\nÅtgärd\tAnsvar\tDatum\nBoka buss\tUlla\t10 maj\nSkriva inbjudan\t\t1 maj\n"
    assert tasks(text, "Ulla Ek") == [("Boka buss", ["Ulla"], "10 maj"), ("Skriva inbjudan", [], "1 maj")]
    text = ("1. Actions\n  Vem               Vad                                  När\n"
            "  Kristina, Bertil  Fråga efter fler volontärer          till nästa möte\n"
            "  Nermin            Justera lathunden                    20 maj\n")
    assert tasks(text) == [("Fråga efter fler volontärer", ["Kristina", "Bertil"], "till nästa möte"),
                           ("Justera lathunden", ["Nermin"], "20 maj")]


def test_a_decision_column_and_rows_without_a_header():
    decisions, actions = run("1. Beslut\nÄrende | Beslut | Ansvar\nBudget 2024 | Fastställdes |\n"
                             "Hemsidan | Ny leverantör | Anna\n\nBoka lokal | Anna | 1 maj\n")
    assert [(d["text"], d["kind"]) for d in decisions] == [("Fastställdes", "approved")]
    assert [(a["text"], a["assignees"]) for a in actions] == [("Hemsidan", ["Anna"])]


def test_a_question_and_its_short_answer_and_a_proposal_and_its_answer():
    text = ("§3 Pubrunda\n● Ska vi ha en pubrunda i november?\n○ Beslut: Ja\n"
            "● Yrkande: att sektionen avsätter 5000 kr till pubrundan\n○ Beslut: Yrkandet bifalles\n"
            "§4 Motioner\nAtt: föreningen tar fram en hemsida. Beslut: avslås.\n")
    decisions, actions = run(text)
    assert [(d["text"], d["kind"], d["rule"]) for d in decisions] == [
        ("Ska vi ha en pubrunda i november?\n○ Beslut: Ja", "decided", "beslut-answer"),
        ("att sektionen avsätter 5000 kr till pubrundan", "approved", "beslut-proposal"),
        ("föreningen tar fram en hemsida.", "rejected", "beslut-proposal")]
    assert actions == []


def test_a_lead_in_is_a_decision_only_without_the_list_holding_them():
    text = ("§ 7 Val\nEnligt valberedningens förslag valdes:\n- Britt Lund, ordförande, omval 1 år\n"
            "- Samir Haddad, kassör, nyval 2 år\n§ 8 Schema\nTider bokas upp inför våren:\n- 3 mars\n- 7 april\n")
    decisions, _ = run(text)
    assert [d["text"] for d in decisions] == ["Britt Lund, ordförande, omval 1 år", "Samir Haddad, kassör, nyval 2 år",
                                             "Tider bokas upp inför våren"]


def test_a_decision_that_gives_a_named_doer_a_task_is_both():
    decisions, actions = run("1. Ekonomi\nBeslut: Göran skriver ansökan om bidrag.\n", attendees_of("Göran Ek"))
    assert [d["kind"] for d in decisions] == ["decided"]
    assert [(a["text"], a["assignees"], a["rule"]) for a in actions] == [
        ("Beslut: Göran skriver ansökan om bidrag.", ["Göran"], "decision-task")]


def test_a_heading_that_says_what_the_group_resolved():
    title = "Lantmäteriet: Rumslig eller geografisk upplösning - Referensgruppen föredrar rumslig"
    decisions, _ = run(f"{title}\nText.\n", extra_headings=(title,))
    assert [(d["text"], d["rule"]) for d in decisions] == [
        ("Rumslig eller geografisk upplösning - Referensgruppen föredrar rumslig", "heading-statement")]


def test_a_thing_that_comes_in_a_heading():
    text = "Nästa möte 14 december (separata minnesanteckningar kommer)\nText.\n"
    _, actions = run(text, extra_headings=("Nästa möte 14 december (separata minnesanteckningar kommer)",))
    assert [(a["text"], a["rule"]) for a in actions] == [("separata minnesanteckningar kommer", "coming")]
