from pipeline.lang.person_names import name_parts


def parts(text: str) -> list[str]:
    return [text[s:e] for s, e in name_parts(text, 0, len(text))]


def test_labels_and_titles_around_names_are_cut_away():
    assert parts("Sekreterare Maria Forsberg Paragrafer") == ["Maria Forsberg"]
    assert parts("Verksamhetschefer Jonas Lind") == ["Jonas Lind"]
    assert parts("Beslutande Ledamöter Tjänstgörande") == []
    assert parts("Datum Plats") == []


def test_columns_lines_and_separators_make_two_names():
    assert parts("Eva Ek            Lars Blom") == ["Eva Ek", "Lars Blom"]
    assert parts("Eva Ek\nLars Blom") == ["Eva Ek", "Lars Blom"]
    assert parts("Eva Ek | Lars Blom") == ["Eva Ek", "Lars Blom"]
    assert parts("Eva Ek, Lars Blom") == ["Eva Ek", "Lars Blom"]


def test_a_name_wrapped_over_a_line_stays_one():
    assert parts("Ann-Sofie\nHolmqvist") == ["Ann-Sofie\nHolmqvist"]


def test_glued_names_are_split_where_a_new_name_starts():
    assert parts("Johannes Berglund Vidar Nyqvist") == ["Johannes Berglund", "Vidar Nyqvist"]
    assert parts("Sara Lind Sara Lind") == ["Sara Lind", "Sara Lind"]
    assert parts("Anna Lena Johnson Per Hedlund") == ["Anna Lena Johnson", "Per Hedlund"]


def test_double_names_and_particles_are_kept():
    assert parts("Anna Lena Johnson") == ["Anna Lena Johnson"]
    assert parts("Ingela Lindroth Nord") == ["Ingela Lindroth Nord"]
    assert parts("Maj-Britt Rane-Andersson") == ["Maj-Britt Rane-Andersson"]
    assert parts("Carl af Klint") == ["Carl af Klint"]


def test_offsets_are_into_the_text():
    text = "Närvarande: Eva Ek (S), Lars Blom"
    for s, e in name_parts(text, 12, len(text)):
        assert text[s:e] in ("Eva Ek", "Lars Blom")
