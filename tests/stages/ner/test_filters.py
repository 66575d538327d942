"""pipeline/stages/ner/filters.py: which candidate spans can be names."""
from pipeline.stages.ner.filters import (
    clean_model_span,
    common_word_name,
    is_common_word,
    lead_word_end,
    plausible_place,
    trim_edges,
)


def test_common_words_at_line_or_sentence_start():
    text = "Förslaget godtas. Förslaget kommer från Eva.\nÖvrigt\nPernilla är inte med."
    assert is_common_word(text, 0, 9)
    assert is_common_word(text, text.index("Övrigt"), text.index("Övrigt") + 6)  # a heading line
    assert not is_common_word(text, text.index("Pernilla"), text.index("Pernilla") + 8)


def test_labels_and_titles_are_trimmed_from_the_edges():
    text = "Plats Stadshuset Datum"
    s, e = trim_edges(text, 0, len(text))
    assert text[s:e] == "Stadshuset"


def test_model_spans_cleaned_or_rejected():
    text = "Professor Anna Lind och Ledamöter samt Socialförvaltningen"
    s, e = clean_model_span(text, 0, 19, "PER")
    assert text[s:e] == "Anna Lind"
    assert clean_model_span(text, 24, 33, "PER") is None


def test_a_sentence_opening_word_before_a_name():
    text = "Vi har pratat. Fixar Pierre det? Senast Halmstad."
    s = text.index("Fixar")
    assert text[lead_word_end(text, s, s + 12):s + 12] == "Pierre"
    assert lead_word_end("Karin Holm kom.", 0, 10) == 0


def test_places_need_support():
    text = "Vi möttes i Tofsvipan. Resources finns. Malmö är stort. Kolla Docs."
    assert plausible_place(text, text.index("Tofsvipan"), text.index("Tofsvipan") + 9)
    assert plausible_place(text, text.index("Malmö"), text.index("Malmö") + 5)
    assert not plausible_place(text, text.index("Resources"), text.index("Resources") + 9)
    assert plausible_place("Storgatan 3", 0, 11)


def test_ordinary_capitalised_words_are_a_body():
    assert common_word_name("Hela Människan")
    assert not common_word_name("Anna Lind")
