from pipeline.stages.segment.names import is_handle, is_person_name, is_single_name


def test_person_names_as_lists_write_them():
    for name in ("Ia Jonsson", "Anna-Karin af Ekström", "B. Svensson", "Ulrika Domellöf-Mattsson",
                 "Øystein Åsnes", "Ermin Škorić", "Anna Lena Johnson"):
        assert is_person_name(name), name


def test_organisations_roles_and_phrases_are_not_names():
    for text in ("Skåneveckan för psykisk hälsa", "Lokaler", "Brottsofferjouren Kungsbacka", "Svenska kraftnät",
                 "Vice Ordförande", "Erik Johnsson Mötets", "Anna Ek Justerare", "Region Västerbotten"):
        assert not is_person_name(text), text


def test_handles_and_single_names():
    assert is_handle("anna.berg@example.se") and is_handle("@kim.lund")
    assert not is_handle("Anna Berg")
    assert is_single_name("Nina") and not is_single_name("Nina Berg")
