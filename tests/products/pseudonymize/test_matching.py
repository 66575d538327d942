"""Matching names and identifiers in strings."""
from __future__ import annotations

from pipeline.products.pseudonymize.matching import NameMatcher, identifier_hits, name_tokens, substitute

FORMS = {("anna", "svensson"): "A", ("anna",): "A", ("svensson",): "A", ("karl",): "K", ("per",): "P"}
PSEUDONYMS = {"A": "Person 1", "K": "Person 2", "P": "Person 3"}


def test_names_genitives_and_case():
    m = NameMatcher(FORMS)
    s = "Anna Svensson och Karl. Annas förslag, Svenssons rapport, Anna:s idé; per capita; Per Karlsson."
    out = substitute(s, m, PSEUDONYMS)
    assert out == ("Person 1 och Person 2. Person 1:s förslag, Person 1:s rapport, Person 1:s idé; per capita; "
                   "Person 3 Karlsson.")


def test_diacritics_ocr_and_protected_spans():
    m = NameMatcher({name_tokens("Bergström"): "B", name_tokens("Ia Jonsson"): "I"})
    assert [h.key for h in m.find("Bergstrom och la Jonsson")] == ["B", "I"]
    assert m.find("Bergström", protected=[(0, 9)]) == []


def test_linked_literal_forms_and_lower_case_spellings():
    m = NameMatcher(FORMS, literals={"kalle_b": "K", "anna": "A"}, lower={("anna",)})
    out = substitute("kalle_b skrev att anna och annas hund kommer.", m, PSEUDONYMS)
    assert out == "Person 2 skrev att Person 1 och Person 1:s hund kommer."


def test_identifiers_and_mail_addresses_that_name_someone():
    m = NameMatcher(FORMS)
    hits = identifier_hits("anna.svensson@example.se, info@example.se, 070-123 45 67", m)
    assert [(h.key, h.email, h.placeholder) for h in hits] == [("A", True, None), ("", False, "[e-post]"),
                                                              ("", False, "[telefonnummer]")]
    assert substitute("Mejla anna.svensson@example.se", m, PSEUDONYMS) == "Mejla [e-post Person 1]"


def test_name_tokens_fold():
    assert name_tokens("Anna-Karin Ek") == ("anna-karin", "ek")
