from pipeline.stages.segment.entry import leading_name, organisation_only, parse_entries, split_top


def _read(text, **kw):
    return [(e.name, e.organisation, e.role, e.present) for e in parse_entries(text, **kw)]


def test_name_organisation_role_forms():
    assert _read("Per Norbeck, Bryggan") == [("Per Norbeck", "Bryggan", None, True)]
    assert _read("Anna Ek (S), ordförande") == [("Anna Ek", "S", "ordförande", True)]
    assert _read("Maja Holm (Länsstyrelsen)") == [("Maja Holm", "Länsstyrelsen", None, True)]
    assert _read("Omar Said, utredare, Socialstyrelsen") == [("Omar Said", "Socialstyrelsen", "utredare", True)]
    assert _read("Lena Berg, konsult Digg") == [("Lena Berg", "Digg", "konsult", True)]
    assert _read("Tomas Lind. Ale kommun") == [("Tomas Lind", "Ale kommun", None, True)]


def test_absence_and_paragraphs():
    assert _read("Lisa Berg, RSMH (ej närvarande)") == [("Lisa Berg", "RSMH", None, False)]
    e = parse_entries("Ivan Roos, förvaltningschef, §§ 28-36, 38-41")[0]
    assert (e.role, e.paragraphs) == ("förvaltningschef", "§§ 28-36, 38-41")
    assert parse_entries("Sara Ek (EY) ärende 1-20")[0].paragraphs == "ärende 1-20"
    assert _read("Tom Ek (anslöt senare)") == [("Tom Ek", None, None, True)]


def test_a_substitute_and_the_member_replaced():
    got = _read("Petra Sund (S) tjänstgör för Hussein Karimi (S)")
    assert got == [("Petra Sund", "S", "tjänstgörande ersättare", True), ("Hussein Karimi", "S", "ledamot", False)]
    assert _read("Sara Nyqvist (S) ersätter Tomas Krantz (S)")[1] == ("Tomas Krantz", "S", "ledamot", False)


def test_several_people_on_one_line():
    assert _read("Anna Ek, Bo Berg och Kim Lind") == [("Anna Ek", None, None, True), ("Bo Berg", None, None, True),
                                                      ("Kim Lind", None, None, True)]
    assert _read("Jonas Berg, Per Lund, Arbetsförmedlingen") == [("Jonas Berg", "Arbetsförmedlingen", None, True),
                                                                  ("Per Lund", "Arbetsförmedlingen", None, True)]
    assert _read("Hjärnkoll: Sam Öberg, Kim Ek") == [("Sam Öberg", "Hjärnkoll", None, True),
                                                     ("Kim Ek", "Hjärnkoll", None, True)]
    assert _read("Karin Lund, Verdandi, Omar Haddad, socialförvaltningen") == [
        ("Karin Lund", "Verdandi", None, True), ("Omar Haddad", "socialförvaltningen", None, True)]


def test_one_entry_per_line_reads_a_second_name_as_the_organisation():
    assert _read("Ivan Kuz, Vorta Drom (ej närvarande)", per_line=True) == [("Ivan Kuz", "Vorta Drom", None, False)]


def test_a_post_before_the_name_and_columns_run_together():
    assert _read("Kassör: Erik Johnsson Mötets sekreterare") == [("Erik Johnsson", None, "kassör", True)]
    assert _read("Ordförande: William Lind William Lind") == [("William Lind", None, "ordförande", True)]
    assert _read("gunnar@example.se (styrelsens ordf)") == [("gunnar@example.se", None, "ordförande", True)]


def test_lines_that_name_no_one():
    for text in ("Skåneveckan för psykisk hälsa", "Mötet öppnas 18:00", "Vi planerade vår medverkan vid mässan", ""):
        assert parse_entries(text) == [], text


def test_organisation_only_and_helpers():
    assert organisation_only("RSMH Helsingborg").organisation == "RSMH Helsingborg"
    assert organisation_only("Vi har möte") is None and organisation_only("Anna Ek") is None
    assert split_top("Anna Ek (S, ordf), Bo Berg") == ["Anna Ek (S, ordf)", "Bo Berg"]
    assert leading_name("Kerstin Ohlsson ordinarie") == ("Kerstin Ohlsson", "ordinarie")


def test_one_word_names_roles_before_names_and_a_bare_for():
    assert _read("Anna, Bo, Cia (sekr) och Dan", single=True) == [
        ("Anna", None, None, True), ("Bo", None, None, True), ("Cia", None, "sekreterare", True), ("Dan", None, None, True)]
    assert parse_entries("Anna, Bo, Cia") == []   # not without ``single``: a list of words
    assert _read("Vice ordförande Bo Berg (M)") == [("Bo Berg", "M", "vice ordförande", True)]
    assert _read("Bo Berg (M) för Anna Ek (M)", role="tjänstgörande ersättare") == [
        ("Bo Berg", "M", "tjänstgörande ersättare", True), ("Anna Ek", "M", "ledamot", False)]
    assert _read("Anna Andersson       S       X", per_line=True) == [("Anna Andersson", "S", None, True)]


def test_a_handle_with_the_name_in_parentheses_and_an_absent_member_of_an_organisation():
    assert _read("@jocke_s (Joakim Strand)") == [("Joakim Strand", None, None, True)]
    assert _read("Strokeföreningen Norrby: förhinder (Agnes Lind)", per_line=True) == [
        ("Agnes Lind", "Strokeföreningen Norrby", None, False)]
    assert _read("Mohammed \"Mo\" Kareem") == [('Mohammed "Mo" Kareem', None, None, True)]
    assert _read("rektor Susanne Lind, föräldrarepresentanter Josefin Ek (åk 2)") == [
        ("Susanne Lind", None, "rektor", True), ("Josefin Ek", "åk 2", "föräldrarepresentant", True)]
    assert _read("Anna Ek redovisade läget.") == []


def test_an_honorific_is_no_part_of_the_name_and_names_beyond_swedish_letters():
    assert [(e.name, e.organisation) for e in parse_entries("Dr. Shirin Ek, Psykiatrin")] == [("Shirin Ek", "Psykiatrin")]
    assert [e.name for e in parse_entries("Professor Per Skålén")] == ["Per Skålén"]
    assert [e.name for e in parse_entries("Kemal Yıldız, Łukasz Wójcik")] == ["Kemal Yıldız", "Łukasz Wójcik"]
    assert [(e.name, e.role) for e in parse_entries("Kyrkoherde Maria Lund")] == [("Maria Lund", "kyrkoherde")]


def test_the_role_at_the_meeting_over_the_job_title_before_the_name():
    assert [(e.name, e.role) for e in parse_entries("Assistent Gun-Britt Ek, sekreterare")] == [("Gun-Britt Ek", "sekreterare")]
    assert [(e.name, e.role) for e in parse_entries("Socialchef Bo Fransson, §§ 12-17")] == [("Bo Fransson", "socialchef")]
