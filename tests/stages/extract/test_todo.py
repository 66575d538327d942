"""pipeline/stages/extract/todo.py: to-do lists and tasks written as imperatives."""
from __future__ import annotations

from .helpers import attendees_of, run


def actions_of(text, *names, **kw):
    _, actions = run(text, attendees_of(*names), **kw)
    return [(a["text"], a["assignees"], a["rule"]) for a in actions]


def test_items_of_a_to_do_list_and_their_doers():
    text = ("1. Att göra\n- Leif: skicka ut minnesanteckningarna\n- Boka lokal för informationsdagen – Hanna\n"
            "- Maja och Tomas samlar frågor från medlemmarna\n- Vem bokar bussen?\n")
    got = actions_of(text, "Leif Gran", "Hanna Sjö", "Maja Ek", "Tomas Rudberg")
    assert got == [("Leif: skicka ut minnesanteckningarna", ["Leif"], "todo-list"),
                   ("Boka lokal för informationsdagen", ["Hanna"], "todo-list"),
                   ("Maja och Tomas samlar frågor från medlemmarna", ["Maja", "Tomas"], "todo-list")]


def test_an_action_label_on_the_item():
    text = "1. Övrigt\n- Action: Nora tar fram ett förslag på namnstandard.\n- Nora var nöjd med mötet.\n"
    assert actions_of(text, "Nora Ali") == [("Action: Nora tar fram ett förslag på namnstandard.", ["Nora"],
                                             "todo-list")]


def test_imperatives_are_tasks_but_not_advice_negations_or_nouns():
    text = ("1. Github\n- Gå in på Github och kommentera förslagen.\n- Issue - gå igenom förslagen och föreslå fält!\n"
            "- Måste ta fram en regel för identifierare.\n- Använd mejl så långt det går.\n"
            "- Ta inte bort den gamla tjänsten!\n- Fråga om vem som betalar togs upp.\n"
            "- Lägga till en ordlista (#8)\n- Beställ ny belysning till cykelrummet (Petra)\n"
            "- Kolla offerten på taket, Sara\n")
    got = actions_of(text, "Petra Sand", "Sara Lind")
    assert got == [("Gå in på Github och kommentera förslagen.", [], "imperative"),
                   ("Issue - gå igenom förslagen och föreslå fält!", [], "imperative"),
                   ("Måste ta fram en regel för identifierare.", [], "imperative"),
                   ("Beställ ny belysning till cykelrummet (Petra)", ["Petra"], "imperative"),
                   ("Kolla offerten på taket, Sara", ["Sara"], "imperative")]


def test_an_item_that_names_its_owner_after_a_dash_and_a_label_that_dates_it():
    text = ("1. Cupen\nInför cupen den 18 maj:\n- Kioskschema – Emilia\n- Sök tillstånd för parkering – Henrik\n"
            "- Parkeringen – en fråga för kommunen\n")
    _, actions = run(text, attendees_of("Emilia Ek", "Henrik Berg"), date=None)
    assert [(a["text"], a["assignees"], a["due_text"]) for a in actions] == [
        ("Kioskschema", ["Emilia"], "den 18 maj"),            # the owner after the dash is not the task
        ("Sök tillstånd för parkering", ["Henrik"], "den 18 maj")]
