"""pipeline/stages/extract/formal.py: decisions under 'Beslut', and what an item records about them."""
from __future__ import annotations

import pytest

from pipeline.stages.extract import formal

from .helpers import run

PROTOCOL = """\
§ 5 Dnr SN 2024/12
Upphandling av ledsagning
Beslut
Socialnämnden beslutar att:
upphandla ledsagning enligt förvaltningens förslag.
ärendet ska återrapporteras i oktober.
Socialnämnden förklarar paragrafen omedelbart justerad.
Sammanfattning av ärendet
Nämnden beslutade 2022-05-10 att utreda frågan. Förvaltningen har nu tagit fram ett underlag.
Förvaltningen kommer att återkomma till nämnden med en uppföljning.
Yrkanden
Kim Ek (V) yrkar avslag. Ordföranden föreslår att nämnden bifaller förslaget.
Beslutsgång
Ordföranden ställer proposition på förslagen och finner att nämnden beslutar enligt förvaltningens förslag.
Omröstning
Omröstning begärs. Med sju ja-röster mot fyra nej-röster och två som avstår beslutar nämnden enligt förslaget.
Reservation
Mot beslutet reserverar sig Kim Ek (V) och Lina Sund (S).
Protokollsanteckning
Sverigedemokraterna lämnar en protokollsanteckning.
Beslutet skickas till
Förvaltningen

§ 6 Dnr SN 2024/3
Information från förvaltningen
Beslut
Socialnämnden noterar informationen till protokollet.
Dagens sammanträde
Ordföranden tackar för ett gott samarbete.
"""


def test_a_formal_item():
    decisions, actions = run(PROTOCOL)
    assert [(d["text"], d["kind"], d["rule"]) for d in decisions] == [
        ("upphandla ledsagning enligt förvaltningens förslag.", "decided", "beslut-section"),
        ("ärendet ska återrapporteras i oktober.", "decided", "beslut-section"),
        ("Socialnämnden förklarar paragrafen omedelbart justerad.", "decided", "beslut-section"),
        ("Socialnämnden noterar informationen till protokollet.", "noted", "beslut-section"),
    ]
    item5 = decisions[:3]
    for d in item5:
        assert (d["vote_yes"], d["vote_no"], d["vote_abstain"]) == (7, 4, 2)
        assert d["reservations"] == ["Kim Ek (V)", "Lina Sund (S)"]
        assert d["protocol_notes"] == ["Sverigedemokraterna"]
        assert d["immediately_adjusted"] is True
    assert decisions[3]["vote_yes"] is None and decisions[3]["reservations"] == []
    assert decisions[3]["immediately_adjusted"] is False
    # the summary gives what the administration undertakes, not what was decided before
    assert [(a["text"], a["assignees"]) for a in actions] == [
        ("Förvaltningen kommer att återkomma till nämnden med en uppföljning.", ["Förvaltningen"])]


@pytest.mark.parametrize("text, votes", [
    ("Med 6 ja-röster mot 5 nej-röster beslutar nämnden att bifalla yrkandet.", (6, 5, None)),
    ("Ordföranden finner att nämnden, med 6 ja-röster mot 2 nej-röster, och 3 som avstår, beslutar …",
     (6, 2, 3)),
    ("Omröstningsresultat: Ja 7, nej 4, avstår 2.", (7, 4, 2)),
    ("Fullmäktige beslutar med röstsiffrorna 31-18-2 att bifalla motionen.", (31, 18, 2)),
    ("Med en ja-röst mot tio nej-röster avslås yrkandet.", (1, 10, None)),
])
def test_votes_as_written(text, votes, cues):
    class _U:
        start, end = 0, len(text)

    class _W:
        pass
    walk = _W()
    walk.text, walk.items = text, {}

    class _C:
        item = 1
    formal.record(walk, _U(), _C())
    assert walk.items[1]["text_votes"][0] == votes


def test_a_voting_table_and_its_sum_row():
    item: dict = {}
    roles = [None, "yes", "no", "abstain"]
    for row in (["Anna (S)", "X", "", ""], ["Bo (M)", "", "X", ""], ["Cia (L)", "", "", "X"], ["Dan (C)", "x", "", ""]):
        formal.vote_row(item, 1, [(c, 0, 0) for c in row], roles)
    assert item["tables"][1] == {"yes": 2, "no": 1, "abstain": 1}
    other: dict = {}
    formal.vote_row(other, 2, [(c, 0, 0) for c in ["Anna (S)", "X", "", ""]], roles)
    formal.vote_row(other, 2, [(c, 0, 0) for c in ["Summa", "6", "5", "0"]], roles)
    assert {k: v for k, v in other["tables"][2].items() if k != "sum"} == {"yes": 6, "no": 5, "abstain": 0}


def test_attach_takes_the_first_vote_and_fills_abstentions_from_its_table():
    d = [{"_item": 3, "text": "x"}]
    formal.attach(d, {3: {"text_votes": [(6, 5, None), (7, 4, None)], "tables": {9: {"yes": 6, "no": 5, "abstain": 0}},
                          "reservations": ["Per (SD)", "Per (SD)"], "adjusted": True}})
    assert (d[0]["vote_yes"], d[0]["vote_no"], d[0]["vote_abstain"]) == (6, 5, 0)
    assert d[0]["reservations"] == ["Per (SD)"] and d[0]["immediately_adjusted"] is True and "_item" not in d[0]


def test_lead_ins_and_presentations_under_beslut_are_no_decisions():
    text = ("§ 7 Revisorernas ekonomi\nBeslut\nRevisionen beslutar att ge:\n"
            "Bo ett halvdagsarvode för medverkan i maj.\n"
            "Revisionen diskuterar revisionsberättelsen.\nRevisionen godkänner budgeten.\n")
    decisions, _ = run(text)
    assert [d["text"] for d in decisions] == ["Bo ett halvdagsarvode för medverkan i maj.",
                                             "Revisionen godkänner budgeten."]
