"""The person model of pseudonymisation: name forms per meeting from the persons and mentions tables."""
from __future__ import annotations

from pipeline.products.pseudonymize.people import PersonModel


def _model() -> PersonModel:
    m = PersonModel()
    m.add_person({"person_id": "p1", "name": "Bo Pettersson", "variants": ["Bo Pettersson", "Bosse", "bosse72"]})
    m.add_person({"person_id": "p2", "name": "Bo Ek", "variants": ["Bo Ek"]})
    m.add_person({"person_id": "p3", "name": "Vorta Drom", "variants": ["Vorta Drom"]})
    for mid, body in (("m1", "Rådet"), ("m2", "Rådet"), ("m3", "Gruppen")):
        m.add_meeting({"meeting_id": mid, "body": body})
    m.add_attendee({"meeting_id": "m1", "name": "Bo Pettersson", "organisation": "Vorta Drom", "person_id": "p1"})
    m.add_attendee({"meeting_id": "m1", "name": "Bo Ek", "organisation": None, "person_id": "p2"})
    m.add_attendee({"meeting_id": "m3", "name": "Bo Ek", "organisation": None, "person_id": "p2"})
    m.add_entity({"meeting_id": "m1", "label": "PER", "text": "Vorta Drom", "person_id": "p3"})
    m.add_entity({"meeting_id": "m1", "label": "LOC", "text": "Helsingborg"})
    m.build(["m1", "m2", "m3"])
    m.number()
    return m


def test_short_names_resolve_in_their_scope_and_never_on_a_guess():
    m = _model()
    m1, m3 = m.overlay("m1"), m.overlay("m3")
    assert m1[("bo",)].startswith("ambiguous:m1:")  # two people called Bo in m1
    assert m1[("bosse",)] == "p1" and m1[("pettersson",)] == "p1"
    assert m3[("bo",)] == m3[("bosse",)] == "p2"  # the only Bo there; in m1 Bosse is the Bo written so
    assert m.pseudonyms[m1[("bo",)]] not in (m.pseudonyms["p1"], m.pseudonyms["p2"])


def test_organisations_taken_for_people_and_places_stay():
    m = _model()
    assert "p3" in m.org_pids and ("vorta",) not in m.overlay("m1")
    assert m.is_organisation("Vorta Droms")
    assert ("helsingborg",) not in m.overlay("m1")


def test_handles_are_matched_as_written_in_the_meetings_of_their_person():
    m = _model()
    assert m.matcher("m1").literals == {"bosse72": "p1"}
    assert m.matcher("m3").literals == {}


def test_full_names_nobody_linked_get_a_pseudonym_of_their_own():
    m = _model()
    text = "Professor Sven Skålén och Bo Pettersson talade; Sven Kommun och Bo Sven diskuterades."
    assert [(text[s:e], k) for s, e, k in m.unlinked_names(text, "m1")] == [("Sven Skålén", "name:sven skalen")]


def test_a_name_the_ner_missed_in_a_list_of_known_names_is_a_name():
    m = PersonModel()
    for pid, name in (("p1", "Eva Holm"), ("p2", "Jan Berg")):
        m.add_person({"person_id": pid, "name": name, "variants": [name]})
        m.add_attendee({"meeting_id": "m1", "name": name, "organisation": None, "person_id": pid})
    m.add_meeting({"meeting_id": "m1", "body": "Nämnden"})
    m.build(["m1"])
    text = "Ledamöter\nEva Holm (S)\nIngegärd Salmose (MP)\nJan Berg (M)\n\nÖvriga närvarande\nSocialförvaltningen\n"
    found = m.listed_names(text, "m1")
    assert [(text[s:e], k) for s, e, k in found] == [("Ingegärd Salmose", "name:ingegard salmose")]
    m.add_names_found("m1", found)
    assert m.overlay("m1")[("ingegard",)] == "name:ingegard salmose"  # 'Ingegärd' alone, later in the text
    assert m.listed_names("Eva Holm (S)\nIngegärd Salmose (MP)\n", "m1") == []  # two lines are no list


def test_a_listed_first_name_nobody_holds_is_a_person_of_the_meeting():
    m = _model()
    text = "Ordförande tackar Ulla och Barbros grupp. Per capita. Bosse kom."
    got = [(text[s:e], k) for s, e, k in m.first_names_in(text, "m1")]
    assert got == [("Ulla", "first:m1:ulla"), ("Barbros", "first:m1:barbro")]  # 'Per' is no listed first name
