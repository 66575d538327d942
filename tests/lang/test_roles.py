from pipeline.lang.roles import is_label_word, is_not_name_word, is_party_code, is_title_word


def test_form_labels_and_sub_headings_are_labels():
    for w in ("Datum", "Plats", "Justerare", "Beslutande", "Ledamöter", "Tjänstepersoner", "Paragrafer",
              "Ärendebeskrivning", "Beslutsunderlag", "Omröstning"):
        assert is_label_word(w), w
    assert not is_label_word("Andersson") and not is_label_word("Kungsbacka")


def test_roles_and_job_titles_also_in_plural_and_with_prefixes():
    for w in ("ordförande", "Förvaltningschef", "verksamhetschefer", "utvecklingsledare", "MAS", "biträdande",
              "kommunikationsspecialist", "nämndsekreterare", "controller", "HR-chef"):
        assert is_title_word(w), w
    for w in ("Anna", "Bergström", "Lindeberg", "Stipic"):
        assert not is_title_word(w), w
    assert is_not_name_word("Plats") and is_not_name_word("socialchef") and not is_not_name_word("Karin")


def test_party_codes_in_any_case_but_not_other_abbreviations():
    assert all(is_party_code(c) for c in ("S", "M", "SD", "KD", "MP", "(V)", "s", "kd"))
    assert not any(is_party_code(c) for c in ("EY", "RK", "IVO", "SKR", "Digg"))
