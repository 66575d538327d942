"""pipeline/stages/repair/confusions.py: the OCR confusion table, candidates, compounds."""
from __future__ import annotations

import pytest

from pipeline.stages.repair.confusions import KEEP_SYMBOL_COST, Channel, compound_split, price
from pipeline.stages.repair.lexicon import load_lexicon


@pytest.fixture(scope="module")
def lex():
    return load_lexicon()


@pytest.fixture(scope="module")
def ch():
    return Channel()


def test_options_and_keep_cost(ch):
    assert ch.options("x") == [("x", 0.0, 0)]
    assert {c for c, _, _ in ch.options("6")} >= {"ö", "ä", "å"}
    assert ch.keep_cost("motet") == 0.0
    assert ch.keep_cost("6ver") == KEEP_SYMBOL_COST           # keeping an OCR symbol is dear
    assert ch.keep_cost("\ufffd\ufffd") == 2 * KEEP_SYMBOL_COST


def test_stripped_vowels_are_priced_by_the_strip_rate(ch, lex):
    c = ch.candidates("ar", lex)
    assert {"är", "år", "ar"} <= set(c)
    assert c["ar"] == (0, 0.0)
    assert c["är"][0] == 1 and c["år"][0] == 1          # one stripped diacritic each
    # priced at decode time: cheap in a block where most å/ä/ö were stripped
    assert price(c["är"], 0.1) < price(c["är"], 3.0)
    assert price(c["år"], 0.1) > price(c["är"], 0.1)     # å slightly dearer than ä


@pytest.mark.parametrize("token,word", [
    ("6ver", "över"), ("&r", "är"), ("fér", "för"), ("kdnner", "känner"), ("behdver", "behöver"),
    ("|6sningar", "lösningar"), ("gbra", "göra"), ("kimpigt", "kämpigt"), ("m\ufffdtet", "mötet"),
    ("volontadrerna", "volontärerna"), ("goér", "gör"),
])
def test_ocr_symbols_map_to_words(ch, lex, token, word):
    assert word in ch.candidates(token, lex)


def test_candidates_are_cached_per_process(ch, lex):
    assert ch.candidates("forvaltningen", lex) is ch.candidates("forvaltningen", lex)


def test_params_change_costs(lex):
    cheap, dear = Channel({"d_cost": 1.0}), Channel({"d_cost": 5.0})
    assert price(cheap.candidates("kdnner", lex)["känner"], 0.3) < price(dear.candidates("kdnner", lex)["känner"], 0.3)


def test_compounds(ch, lex):
    word, cost, lexcost = compound_split("nattharbarge", ch, lex)
    assert word == "natthärbärge" and cost[0] == 2
    assert compound_split("nattharbarge", None, lex) is None      # not a compound as it is
    assert compound_split("arbetsmarknadsforvaltningen", ch, lex)[0] == "arbetsmarknadsförvaltningen"
    w, _, _ = compound_split("brukarmedverkan", None, lex)          # a real compound, as it is
    assert w == "brukarmedverkan"
    assert compound_split("denvall", ch, lex) is None              # 'den' begins no compound
    assert ch.compound("invanarreporter", lex)[0] == "invånarreporter"
