"""pipeline/stages/ner/people.py: the meeting's attendee list as a per-document gazetteer."""
from __future__ import annotations

from pipeline.stages.ner.patterns import select_longest
from pipeline.stages.ner.people import AttendeeGazetteer, clean_name, nicknames, split_organisations

ATTENDEES = [
    {"name": "David Bergström", "organisation": "socialförvaltningen"},
    {"name": "Bo Lindqvist", "organisation": "Ria/G7"},
    {"name": "Kristina Holm", "organisation": "Föreningen Vägskälet"},
    {"name": "Ann Sjöberg", "organisation": None},
    {"name": "Anne Falk", "organisation": None},
]


def per(gaz: AttendeeGazetteer, text: str) -> list[tuple[str, str | None]]:
    """PER mentions, longest where they overlap (as pipeline.stages.ner.recognise selects them)."""
    return sorted((text[m.start:m.end], m.normalized) for m in select_longest(gaz.find(text)) if m.label == "PER")


def test_first_name_resolves_to_the_only_attendee_with_it():
    gaz = AttendeeGazetteer(ATTENDEES)
    assert gaz.resolve("David") == "David Bergström"
    assert per(gaz, "David ska ringa kommunen.") == [("David", "David Bergström")]


def test_first_name_shared_by_two_attendees_is_not_resolved():
    gaz = AttendeeGazetteer(ATTENDEES + [{"name": "David Ek", "organisation": None}])
    assert gaz.resolve("David") is None
    assert per(gaz, "David ska ringa kommunen.") == [("David", None)]
    assert gaz.resolve("David Ek") == "David Ek"


def test_surname_alone_resolves():
    gaz = AttendeeGazetteer(ATTENDEES)
    assert per(gaz, "Enligt Lindqvist är lokalen för liten.") == [("Lindqvist", "Bo Lindqvist")]


def test_nicknames_resolve_to_the_formal_first_name():
    gaz = AttendeeGazetteer(ATTENDEES)
    assert nicknames()["Bosse"] == ["Bo"]
    assert per(gaz, "Bosse och Kicki tar fram ett förslag.") == [
        ("Bosse", "Bo Lindqvist"), ("Kicki", "Kristina Holm")]


def test_nickname_without_a_matching_attendee_is_not_reported():
    gaz = AttendeeGazetteer([{"name": "Anna Ek", "organisation": None}])
    assert per(gaz, "Lasse hälsar till alla.") == []


def test_word_boundaries_keep_ann_out_of_anne():
    gaz = AttendeeGazetteer(ATTENDEES)
    got = per(gaz, "Anne tar upp frågan och Ann svarar.")
    assert got == [("Ann", "Ann Sjöberg"), ("Anne", "Anne Falk")]


def test_lower_case_preposition_is_not_a_name():
    gaz = AttendeeGazetteer([{"name": "Per Nyström", "organisation": None}])
    assert per(gaz, "Det kostar 50 kronor per person. Per tar hand om det.") == [("Per", "Per Nyström")]


def test_genitive_of_a_full_name_is_matched_without_the_s():
    gaz = AttendeeGazetteer(ATTENDEES)
    text = "Vi läste Kristina Holms förslag."
    assert per(gaz, text) == [("Kristina Holm", "Kristina Holm")]


def test_ocr_damaged_full_name_is_matched_fuzzily():
    gaz = AttendeeGazetteer(ATTENDEES)
    assert per(gaz, "Ordet gick till David Bergstrbm som berättade.") == [("David Bergstrbm", "David Bergström")]


def test_fuzzy_variants_stay_within_a_paragraph_and_near_the_length_of_the_name():
    gaz = AttendeeGazetteer(ATTENDEES)
    text = ("Närvarande: David Bergström\n\nDavid\n\nBergstrbm kom sent. Davids Bergstrbms förslag. "
            "Dawid Bergstrbm-Lindkvistsson och Bo Lindqvlst ordnar fika.")
    fuzzy = [(text[m.start:m.end], m.normalized) for m in gaz._fuzzy(text, set())]
    # the genitive variant, without its s; not across the blank line, not a much longer run of words
    assert fuzzy == [("Davids Bergstrbm", "David Bergström"), ("Bo Lindqvlst", "Bo Lindqvist")]


def test_organisations_of_attendees_are_orgs_with_genitive_and_ocr_variants():
    gaz = AttendeeGazetteer(ATTENDEES)
    text = "Ria och G7 bjuder in. Föreningen Vägskälets lokal, sedan Foreningen Vagskalet igen."
    orgs = [text[m.start:m.end] for m in select_longest(gaz.find(text)) if m.label == "ORG"]
    assert orgs == ["Ria", "G7", "Föreningen Vägskälet", "Foreningen Vagskalet"]


def test_split_organisations_and_clean_name():
    assert split_organisations("Ria/G7") == ["Ria", "G7"]
    assert split_organisations("Bryggan, Ria och RSMH") == ["Bryggan", "Ria", "RSMH"]
    assert split_organisations(None) == []
    assert clean_name("Anna Ek (ordförande)") == "Anna Ek"
    assert clean_name("Ordförande Anna Ek") == "Anna Ek"
    assert clean_name("socialförvaltningen") is None
    assert clean_name("") is None


def test_empty_attendee_list_finds_nothing():
    gaz = AttendeeGazetteer([])
    assert gaz.find("David och Bosse kom.") == []
    assert gaz.resolve("David") is None


def test_what_is_written_after_a_name_that_is_no_organisation():
    assert split_organisations("styrelsen") == [] and split_organisations("hus 3") == []
    assert split_organisations("verksamhetschef barn och unga") == []
    assert split_organisations("S") == [] and split_organisations("Mattias Ekhem, Digg") == ["Digg"]
    assert split_organisations("Enheten för barn och familj") == ["Enheten för barn och familj"]
    assert split_organisations("Bryggan och Ria") == ["Bryggan", "Ria"]


def test_a_reason_or_a_job_in_parentheses_is_no_organisation():
    assert split_organisations("semester") == [] and split_organisations("sjuk") == []
    assert split_organisations("barnmorska") == [] and split_organisations("närstående") == []
    assert split_organisations("socialförvaltningen") == ["socialförvaltningen"]
    assert split_organisations("Kommunal") == ["Kommunal"]


def test_a_school_year_after_a_school_is_left_out_of_the_organisation():
    assert split_organisations("Tallviksskolan åk 9") == ["Tallviksskolan"]


def test_a_title_before_an_attendee_name_is_not_part_of_it():
    assert clean_name("Kommissarie Anders Wiklund") == "Anders Wiklund"
    assert clean_name("Kyrkoherde Maria Lind") == "Maria Lind"
