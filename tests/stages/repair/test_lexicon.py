"""pipeline/stages/repair/lexicon.py: wordfreq + hunspell-sv lexicon, folded index, inflected forms,
compound flags, names."""
from __future__ import annotations

import pytest

from pipeline.stages.repair.lexicon import FLOOR, STEM_PROB, Lexicon, fold, fold_lower, load_lexicon


@pytest.fixture(scope="module")
def lex() -> Lexicon:
    lx = load_lexicon()
    if lx.affixes is None:
        pytest.skip("hunspell-sv dictionary not found")
    return lx


def test_fold():
    assert fold("Åre Ärendet Överförmyndare idé") == "are arendet overformyndare ide"
    assert fold_lower("förvaltningen") == "forvaltningen"
    assert fold_lower("plain ascii") == "plain ascii"


def test_known_words_and_probabilities(lex):
    assert lex.known("förvaltningen") and lex.known("är") and lex.known("på")
    assert not lex.known("kdnner") and not lex.known("forvaltningenx")
    # the diacritic form of a frequent word is far more probable than its stripped form
    assert lex.prob("är") > 20 * lex.prob("ar")
    assert lex.prob("för") > lex.prob("for")
    assert lex.prob("qqqzzz") == FLOOR


def test_folded_index_finds_diacritic_forms(lex):
    assert {"är", "år"} <= set(lex.by_fold("ar"))
    assert {"på"} <= set(lex.by_fold("pa"))
    assert "mötet" in lex.by_fold("motet")
    assert lex.by_fold("xyzzyq") == ()


def test_inflected_forms_from_hunspell_suffix_rules(lex):
    # not in wordfreq, produced by the stem's suffix rules ('samlevnad/ADvY' + 'en')
    assert lex.known("samlevnaden")
    assert lex.prob("samlevnaden") >= STEM_PROB
    # a stripped inflected compound finds its form with ö
    assert "inkomstprövat" in lex.by_fold("inkomstprovat")
    assert not lex.known("samlevnåden")


def test_compound_flags(lex):
    assert lex.compound_first("värme")            # värme/AEXY
    assert lex.compound_first("arbetsmarknads")   # arbetsmarknad + linking s (rule v)
    assert not lex.compound_first("den")          # a pronoun begins no compound
    assert "invånar" in lex.compound_parts_by_fold("invanar")   # compound-only form


def test_names_and_places(lex):
    for w in ("jönsson", "jonsson", "skåne", "åre"):
        assert lex.proper(w), w
    assert not lex.proper("dröm")
