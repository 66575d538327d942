"""pipeline/lang/protocol.py: the sub-heading vocabulary of formal protocols."""
from __future__ import annotations

import pytest

from pipeline.lang.protocol import NOT_DECISIONS, subheading


@pytest.mark.parametrize("line, name", [
    ("Beslut", "Beslut"),
    ("Nämndens beslut", "Beslut"),
    ("Överenskommelse", "Beslut"),                     # the auditors' notes
    ("## Beslutsgång", "Beslutsgång"),
    ("Förslag till beslut på sammanträdet", "Förslag till beslut"),
    ("Omröstningsresultat avser ajournering", "Omröstning"),
    ("Reservation (S)", "Reservation"),
    ("Särskilt yttrande", "Protokollsanteckning"),
    ("Sammanfattning av ärendet", "Sammanfattning av ärendet"),
    ("Beslutet skickas till", "Beslutet skickas till"),
    # a proposal of this body to another is the decision of the item
    ("Kommunstyrelsens förslag till kommunfullmäktige", "Beslut"),
    ("Nämnden för Individ & Familjeomsorgs förslag till kommunfullmäkyige", "Beslut"),   # as typed
])
def test_sub_headings(line, name):
    assert subheading(line) == name


@pytest.mark.parametrize("line", ["Beslutande", "Beslut: Ja", "Nämnden beslutar att godkänna planen.", "§ 12"])
def test_not_sub_headings(line):
    assert subheading(line) is None


def test_what_is_never_a_decision():
    assert {"Förslag till beslut", "Beslutsgång", "Yrkanden", "Propositionsordning", "Beslutsunderlag"} <= NOT_DECISIONS
    assert "Beslut" not in NOT_DECISIONS
