"""pipeline/stages/ner/gazetteer.py: the shipped names of bodies, organisations and places."""
from pipeline.stages.ner.gazetteer import Entry, Gazetteer, load_gazetteer


def found(text: str, g=None) -> list[tuple[str, str]]:
    return [(m.text, m.label) for m in (g or load_gazetteer()).find(text)]


def test_public_bodies_parties_and_abbreviations_from_the_shipped_tables():
    got = found("Försäkringskassan och Inspektionen för vård och omsorg (IVO) samt Moderaterna och SKR.")
    assert ("Försäkringskassan", "ORG") in got and ("Inspektionen för vård och omsorg", "ORG") in got
    assert ("IVO", "ORG") in got and ("Moderaterna", "ORG") in got and ("SKR", "ORG") in got


def test_longest_match_line_breaks_and_genitives():
    g = load_gazetteer()
    ms = g.find("Svar från Inspektionen för vård\noch omsorg och Försäkringskassans handläggare.")
    assert [m.text for m in ms] == ["Inspektionen för vård\noch omsorg", "Försäkringskassans"]
    assert ms[1].genitive and not ms[0].genitive


def test_platforms_standards_and_laws_are_none():
    got = dict(found("Filerna ligger på GitHub i SHACL enligt LSS."))
    assert got == {"GitHub": "NONE", "SHACL": "NONE", "LSS": "NONE"}


def test_ambiguous_names_need_to_look_like_names():
    g = Gazetteer([Entry("Vision", "ORG", "union"), Entry("Sida", "ORG", "agency"), Entry("Ombudsman", "ORG", "x")])
    assert found("Vi har en vision. Vision kommer i morgon. Hon företräder Vision.", g) == [("Vision", "ORG")]
    assert found("PROTOKOLL    Sida 1 av 4", g) == []
    assert found("Medel söks hos Sida för projektet.", g) == [("Sida", "ORG")]


def test_two_letter_abbreviations_only_from_the_curated_list():
    g = Gazetteer([Entry("AV", "ORG", "abbreviation"), Entry("EU", "ORG", "international")])
    assert found("AV och EU", g) == [("EU", "ORG")]
