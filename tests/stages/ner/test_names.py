"""pipeline/stages/ner/names.py: listed first names and English phrases."""
from __future__ import annotations

from pipeline.stages.ner.names import find_first_names, first_names, is_english_phrase, is_first_name, is_proper_noun


def texts(text: str) -> list[str]:
    return [m.text for m in find_first_names(text)]


def test_first_names_list_has_common_names_and_nicknames_but_not_word_names():
    names = first_names()
    for n in ("Pernilla", "Anna", "Mohammed", "Ann-Christin", "Bosse", "Kicki"):
        assert n in names
    for word in ("Per", "Bo", "Hans", "Björn", "Inga", "Tina"):
        assert word not in names  # also ordinary Swedish words


def test_lone_first_name_at_sentence_start_is_found():
    assert texts("Maria är inte med idag. Vi väntar.") == ["Maria"]


def test_full_name_and_first_name_are_both_candidates():
    assert texts("Nästa gång kommer Jessica Lindholm och berättar.") == ["Jessica Lindholm", "Jessica"]


def test_genitive_first_name_is_reported_without_the_s():
    assert texts("Vi diskuterade Fredriks förslag.") == ["Fredrik"]
    assert is_first_name("Fredriks")


def test_lower_case_and_stop_words_are_not_names():
    assert texts("maria och karin kom inte. Per capita räknat.") == []
    assert texts("Anna Och Erik") == ["Anna", "Erik"]  # 'Och' is no surname


def test_english_phrases():
    assert is_english_phrase("Take")
    assert is_english_phrase("Open Community Network")
    assert not is_english_phrase("David")          # a first name is never English-only
    assert not is_english_phrase("Karin Lindholm")
    assert not is_english_phrase("Stadsbiblioteket")


def test_proper_nouns_from_the_dictionary():
    assert is_proper_noun("Sverige") and is_proper_noun("Sveriges")
    assert is_proper_noun("Pernilla")
    assert not is_proper_noun("Bakgrund")


def test_odd_input():
    for text in ("", "\n" * 1000, "ANNA OCH ERIK", "Anna " * 5000):
        find_first_names(text)
    assert texts("ANNA OCH ERIK") == []


def test_names_common_in_sweden_from_other_languages_are_first_names():
    for name in ("Katja", "Ludmila", "Shirin", "Fatuma", "Hamid", "Riitta"):
        assert is_first_name(name)
    assert not is_first_name("Ekbacka")
