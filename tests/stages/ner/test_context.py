"""pipeline/stages/ner/context.py: context rules over the merged entities of a document."""
from __future__ import annotations

import itertools

from pipeline.stages.ner.context import (
    Entity,
    acronym_expansions,
    acronym_places,
    apply_context,
    employers,
    enumerations,
    orgs_before_representatives,
    paren_names_after_orgs,
)


def ent(text: str, sub: str, label: str, source: str = "model", nth: int = 0, normalized=None) -> Entity:
    start = -1
    for _ in range(nth + 1):
        start = text.index(sub, start + 1)
    return Entity(start, start + len(sub), label, sub, normalized, source)


def labelled(ents) -> list[tuple[str, str]]:
    return [(e.text, e.label) for e in sorted(ents, key=lambda e: e.start)]


def no_overlaps(ents) -> bool:
    ents = sorted(ents, key=lambda e: e.start)
    return all(a.end <= b.start for a, b in itertools.pairwise(ents))


def test_acronym_expansion_is_an_organisation():
    text = "Hon rekommenderar KFUM-metoden (Kristliga Föreningen av Unga Män) för oss."
    ents = [ent(text, "Kristliga Föreningen", "PER")]
    out = acronym_expansions(text, ents)
    assert labelled(out) == [("Kristliga Föreningen av Unga Män", "ORG")]


def test_expansion_of_a_method_acronym_is_no_entity():
    text = "Metoden IPS (Individual Placement and Support) används i staden."
    out = acronym_expansions(text, [ent(text, "Individual Placement", "PER")])
    assert out == []


def test_initials_must_match():
    text = "Vi pratade med RFSL (Anna Berg) om saken."
    ents = [ent(text, "RFSL", "ORG", "patterns"), ent(text, "Anna Berg", "PER")]
    assert labelled(acronym_expansions(text, ents)) == [("RFSL", "ORG"), ("Anna Berg", "PER")]


def test_organisation_before_its_representative():
    text = "Solgläntan (Karin Holm) delar ut mat.\nIFS/Hjärtförbundet (Lars Ek) tycker likadant."
    ents = [ent(text, "Karin Holm", "PER"), ent(text, "Lars Ek", "PER"), ent(text, "IFS", "ORG", "patterns")]
    out = orgs_before_representatives(text, ents)
    assert labelled(out) == [("Solgläntan", "ORG"), ("Karin Holm", "PER"), ("IFS", "ORG"),
                             ("Hjärtförbundet", "ORG"), ("Lars Ek", "PER")]


def test_role_before_a_parenthesised_person_is_not_an_organisation():
    text = "Ordförande (Karin Holm) öppnade mötet."
    out = orgs_before_representatives(text, [ent(text, "Karin Holm", "PER")])
    assert labelled(out) == [("Karin Holm", "PER")]


def test_parenthesised_full_name_after_an_organisation():
    text = "Hon startade föreningen Kula (Kvinnor utan lön i Alvesta) i fjol."
    out = paren_names_after_orgs(text, [ent(text, "Kula", "ORG", "patterns"), ent(text, "Alvesta", "LOC")])
    assert labelled(out) == [("Kula", "ORG"), ("Kvinnor utan lön i Alvesta", "ORG")]


def test_parenthesised_person_after_an_organisation_stays_a_person():
    text = "Fontänhuset (Eva Lund) berättade."
    ents = [ent(text, "Fontänhuset", "ORG", "patterns"), ent(text, "Eva Lund", "PER")]
    assert labelled(paren_names_after_orgs(text, ents)) == [("Fontänhuset", "ORG"), ("Eva Lund", "PER")]


def test_employer_after_vid():
    text = "Maja Berg, forskare vid Campus Varberg med fokus på hälsa, och Olof Ek vid Mittuniversitetet."
    ents = [ent(text, "Maja Berg", "PER"), ent(text, "Campus Varberg", "PER"), ent(text, "Olof Ek", "PER")]
    out = employers(text, ents)
    assert labelled(out) == [("Maja Berg", "PER"), ("Campus Varberg", "ORG"), ("Olof Ek", "PER"),
                             ("Mittuniversitetet", "ORG")]


def test_acronym_followed_by_a_place_is_one_organisation():
    text = "Ombud från RSMH Halland deltar."
    ents = [ent(text, "RSMH", "ORG", "patterns"), ent(text, "Halland", "LOC")]
    assert labelled(acronym_places(text, ents)) == [("RSMH Halland", "ORG")]


def test_person_in_a_list_of_organisations_becomes_an_organisation():
    text = "Med på mässan: Bryggan, Vilja Fri, Fontänhuset och Attention."
    ents = [ent(text, "Bryggan", "ORG", "attendees"), ent(text, "Vilja Fri", "PER"),
            ent(text, "Fontänhuset", "ORG", "patterns"), ent(text, "Attention", "ORG", "model")]
    out = enumerations(text, ents)
    assert ("Vilja Fri", "ORG") in labelled(out)


def test_known_first_name_in_a_list_of_organisations_stays_a_person():
    text = "Med på mässan: Bryggan, Karin Lund, Fontänhuset och Attention."
    ents = [ent(text, "Bryggan", "ORG", "attendees"), ent(text, "Karin Lund", "PER"),
            ent(text, "Fontänhuset", "ORG", "patterns"), ent(text, "Attention", "ORG", "model")]
    assert ("Karin Lund", "PER") in labelled(enumerations(text, ents))


def test_vertical_list_of_the_same_shape():
    text = "Vårens möten:\n- 3 mars (Bryggan)\n- 7 april (Vilja Fri)\n- 5 maj (Fontänhuset)\n"
    ents = [ent(text, "3 mars", "DATE", "rules"), ent(text, "Bryggan", "ORG", "patterns"),
            ent(text, "7 april", "DATE", "rules"), ent(text, "Vilja Fri", "PER"),
            ent(text, "5 maj", "DATE", "rules"), ent(text, "Fontänhuset", "ORG", "patterns")]
    assert ("Vilja Fri", "ORG") in labelled(enumerations(text, ents))


def test_apply_context_propagates_new_organisations_and_never_overlaps():
    text = ("Solgläntan (Karin Holm) delar ut mat. Många går till Solgläntan på kvällen.\n"
            "Sedan pratade vi om Solgläntans lokaler.")
    ents = [ent(text, "Karin Holm", "PER"), ent(text, "Solgläntan", "LOC", nth=1)]
    out = apply_context(text, ents)
    assert labelled(out) == [("Solgläntan", "ORG"), ("Karin Holm", "PER"), ("Solgläntan", "ORG"),
                             ("Solgläntan", "ORG")]
    assert no_overlaps(out)


def test_firm_entities_are_not_overruled():
    text = "Anna Ek (Karin Holm) kom."
    ents = [ent(text, "Anna Ek", "PER", "attendees"), ent(text, "Karin Holm", "PER", "attendees")]
    assert labelled(apply_context(text, ents)) == [("Anna Ek", "PER"), ("Karin Holm", "PER")]


def test_acronym_followed_by_a_known_place_name_is_one_organisation():
    text = "NSPH Gotland och RFSL Anna deltar."
    ents = [ent(text, "NSPH", "ORG", "patterns"), ent(text, "RFSL", "ORG", "patterns")]
    assert labelled(acronym_places(text, ents)) == [("NSPH Gotland", "ORG"), ("RFSL", "ORG")]
