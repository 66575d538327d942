"""pipeline/stages/ner/acronyms.py: abbreviations are organisations only on evidence."""
from pipeline.stages.ner.acronyms import acronym_orgs
from pipeline.stages.ner.context import Entity


def orgs(text: str, ents: list[Entity] | None = None) -> list[str]:
    ents = ents or []
    return [e.text for e in acronym_orgs(text, ents) if e.label == "ORG" and e not in ents]


def test_evidence_of_an_organisation():
    assert orgs("- KLF: Vi ser gärna en gemensam modell.\nKLF har också lämnat synpunkter.") == ["KLF", "KLF"]
    assert orgs("Beslut KN § 12 om riktlinjer.") == ["KN"]
    assert orgs("Hon arbetar hos BVK sedan i våras.") == ["BVK"]
    assert orgs("ALF har gjort en utredning om boendet.") == ["ALF"]
    assert orgs("En fråga till NOA (Polisens nationella operativa avdelning) om läget.") == ["NOA"]


def test_short_form_after_the_organisation_it_abbreviates():
    text = "Protokoll från Överklagandenämnden, ÖKN. Därefter ÖKN:s yttrande."
    ents = [Entity(15, 34, "ORG", "Överklagandenämnden", None, "patterns")]
    assert orgs(text, ents) == ["ÖKN", "ÖKN"]


def test_in_parentheses_after_a_person_or_a_date():
    text = "Kerstin Ek (RKH) och\n- 8 mars (GLV)"
    d = text.index("8 mars")
    ents = [Entity(0, 10, "PER", "Kerstin Ek", None, "model"), Entity(d, d + 6, "DATE", "8 mars", None, "rules")]
    assert orgs(text, ents) == ["RKH", "GLV"]


def test_laws_methods_roles_standards_and_capitals_are_not_organisations():
    text = ("Enligt LSS och SoL ska SIP upprättas. MAS har granskat. Vi använder UML och SHACL.\n"
            "PROTOKOLL FÖRT VID MÖTE MED KLF OCH ALF")
    assert orgs(text) == []
    assert orgs("Det finns ett förslag om HVD och CC i specifikationen.") == []


def test_a_role_label_or_a_field_is_no_speaker():
    assert orgs("● SAMO: Johannes Mattsson\nIP: 95.80.50.71\n") == []
