"""pipeline/stages/ner/layers.py: each layer on its own."""
import datetime as dt

from pipeline.stages.ner.layers import (
    DocContext,
    attendees_layer,
    dates_layer,
    gazetteer_layer,
    patterns_layer,
    structure_layer,
    weak_places_layer,
)
from pipeline.stages.ner.params import NerParams

TEXT = """Socialnämnden  PROTOKOLL
Plats: Ekorrsalen, Rådhuset
Gunnel Åström (S), ordförande
Lena Sjöberg, socialchef

Sedan 2016 har Försäkringskassan och socialförvaltningen träffats, nästa gång 12/3 kl 9.00 på Linden.
Socialnämndens beslut skickas till IVO. Filerna finns på GitHub."""


def doc(**meeting):
    return DocContext.make(TEXT, {"body": "Socialnämnden", **meeting}, [{"name": "Gunnel Åström", "organisation": "S"}],
                           [], NerParams())


def texts(ents, label=None):
    return [e.text for e in ents if label is None or e.label == label]


def test_dates_without_bare_years_and_with_the_meeting_year():
    ents = dates_layer(doc(date=dt.date(2024, 2, 20)))
    assert texts(ents) == ["12/3 kl 9.00"]
    assert ents[0].normalized == "2024-03-12T09:00"


def test_structure_hides_party_tags_and_finds_people_and_venue():
    d = doc()
    ents = structure_layer(d)
    assert texts(ents, "PER") == ["Gunnel Åström", "Lena Sjöberg"]
    assert texts(ents, "LOC") == ["Ekorrsalen", "Rådhuset", "Linden"]  # Linden: the venue after a clock time
    assert [TEXT[s:e] for s, e in d.vetoed] == ["(S)"]


def test_attendee_party_is_no_organisation():
    assert texts(attendees_layer(doc()), "ORG") == []
    assert "Gunnel Åström" in texts(attendees_layer(doc()), "PER")


def test_patterns_and_gazetteer_skip_the_meeting_body():
    assert "socialförvaltningen" in texts(patterns_layer(doc()), "ORG")
    assert "Socialnämnden" not in texts(patterns_layer(doc()))
    d = doc()
    g = gazetteer_layer(d)
    assert {"Försäkringskassan", "IVO"} <= set(texts(g, "ORG"))
    assert "GitHub" not in texts(g) and any(TEXT[s:e] == "GitHub" for s, e in d.vetoed)


def test_weak_places():
    assert texts(weak_places_layer(doc())) == ["Linden"]


def test_the_meeting_body_and_its_short_forms_are_excluded_but_never_the_municipality():
    text = "KARLSVIKS KOMMUN\nSocialnämndens individutskott\n\nPROTOKOLL\nIndividutskottet beslutar. KS och Karlsviks kommun."
    d = DocContext.make(text, {"body": "KARLSVIKS KOMMUN"}, [], [], NerParams())
    assert d.excluded("Socialnämndens individutskott") and d.excluded("Individutskottet")
    assert not d.excluded("KARLSVIKS KOMMUN") and not d.excluded("Karlsviks kommun")
    assert "KARLSVIKS KOMMUN" in texts(patterns_layer(d), "ORG")
    ks = DocContext.make("Kommunstyrelsen\nProtokoll", {"body": "Kommunstyrelsen"}, [], [], NerParams())
    assert ks.excluded("KS") and ks.excluded("Kommunstyrelsens") and not ks.excluded("KF")


def test_an_abbreviation_with_lower_case_words_after_it_is_the_abbreviation():
    from pipeline.stages.ner.layers import cut_after_acronym

    text = "Offerten från SGS däremellan var dyrast. SKPF Avdelning 28 svarade."
    s = text.index("SGS")
    assert text[s:cut_after_acronym(text, s, s + len("SGS däremellan"))] == "SGS"
    s = text.index("SKPF")
    assert cut_after_acronym(text, s, s + len("SKPF Avdelning 28")) == s + len("SKPF Avdelning 28")
