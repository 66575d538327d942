"""pipeline/stages/extract/decisions.py: is a sentence a decision, and of which kind?"""
from __future__ import annotations

import pytest

from pipeline.lang.fold import fold_cue_text as fold
from pipeline.stages.extract.decisions import classify, is_question


@pytest.mark.parametrize("sentence, kind", [
    ("Vi beslutar att ha nästa möte på biblioteket.", "decided"),
    ("Gruppen beslutade att skriva ett brev till nämnden.", "decided"),
    ("Mötet beslutade att temat för hösten blir ensamhet.", "decided"),
    ("Styrelsen beslöt att höja medlemsavgiften.", "decided"),
    ("Beslutades att föreningen deltar i Pride.", "decided"),
    ("Vi har beslutat att byta lokal.", "decided"),
    ("Vi är överens om att fortsätta samarbetet nästa år.", "decided"),
    ("Gruppen enades om att skicka en skrivelse.", "decided"),
    ("Gruppen var återigen överens om att exempel behöver tas fram.", "decided"),
    ("Ärendena stängdes som vi kommit överens om.", "decided"),
    ("Frågan om lokaler bordläggs.", "postponed"),
    ("Denna punkt bordläggs tills nästa möte eftersom Ivan inte kan närvara.", "postponed"),
    ("Punkten skjuts till nästa möte.", "postponed"),
    ("Eftersom Kim inte är med så skjuts frågan till nästa gång.", "postponed"),
    ("Frågan tas upp igen vid nästa möte.", "postponed"),
    ("Ärendet återremitteras till förvaltningen.", "postponed"),
    ("Socialnämnden beslutade att bordlägga ärendet.", "postponed"),
    ("Dagordningen godkändes.", "approved"),
    ("Protokollet från förra mötet godkändes.", "approved"),
    ("Budgeten fastställdes.", "approved"),
    ("Förslaget antogs.", "adopted"),
    ("Motionen bifölls.", "approved"),
    ("Styrelsen beviljades ansvarsfrihet.", "approved"),
    ("Kommunstyrelsen beslutar att anta riktlinjerna.", "adopted"),
    ("Revisorerna beslutar anta budgetäskandet för nästa år.", "adopted"),
    ("Nämnden avger yttrande på remissen till kommunstyrelsen.", "adopted"),
    ("Årsmötet avslår motionen om höjd avgift.", "rejected"),
    ("Yrkandet bifalls inte.", "rejected"),
    ("Omval av Lisa Berg som kassör på två år.", "elected"),
    ("Till ledamöter valdes enligt valberedningens förslag Eva och Jon.", "elected"),
    ("Utskottet noterar informationen.", "noted"),
    ("Styrelsen förklarar paragrafen omedelbart justerad.", "decided"),
    ("Vi avvaktar besked från regionen.", "postponed"),
    ("Ref.gruppen ok med detta.", "approved"),
    ("Bokföring - Styrelsen föredrar det nya programmet.", "decided"),
    ("Beslut för att förenkla: mötena flyttas till tisdagar.", "decided"),
    ("Arbetsgruppen återsamlas i mars för att gå igenom förslagen.", "scheduled"),
    ("Anna Lind valdes till ordförande.", "elected"),
    ("Till justerare valdes Per Ek.", "elected"),
    ("Mötet valde Olle Nyberg till revisor.", "elected"),
    ("Leila Haddad (V) utses till ersättare i pensionärsrådet.", "elected"),
    ("Rapporten lades till handlingarna.", "noted"),
    ("Anmälningsärendena läggs till handlingarna.", "noted"),
    ("Vi bildar en arbetsgrupp.", "formed"),
    ("En referensgrupp tillsätts.", "formed"),
    ("Nämnden beslutar att inrätta ett brukarråd.", "formed"),
    ("Nästa möte hålls den 3 maj kl. 13.", "scheduled"),
    ("Nästa möte: 14 december", "scheduled"),
    # OCR damage: å/ä/ö lost
    ("Styrelsen beslot att hoja avgiften.", "decided"),
    ("Dagordningen godkandes.", "approved"),
])
def test_decision_sentences_and_their_kind(sentence, kind, cues):
    hit = classify(sentence, cues)
    assert hit is not None, sentence
    assert hit.kind == kind
    assert fold(hit.cue) in fold(sentence)


@pytest.mark.parametrize("sentence", [
    # opinions, wishes, possibilities
    "Vi bör se över rutinerna.",
    "Det är viktigt att brukarna får vara med.",
    "Vi kan bilda en arbetsgrupp om det behövs.",
    "Förslaget skulle kunna bordläggas.",
    "Vi önskar att fler föreningar vill vara med.",
    # questions
    "Kan vi bilda en ny liten arbetsgrupp kring detta?",
    "Ska frågan bordläggas?",
    # status and conditions
    "En arbetsgrupp håller på att bildas.",
    "Om vi bildar en grupp behövs fler deltagare.",
    # reports of decisions made elsewhere or earlier
    "Förra året beslutade styrelsen att höja avgiften.",
    "Kommunen har beslutat att stänga träffpunkten.",
    "Nämnden beslutade den 12 oktober 2020 att ställa sig bakom förslaget.",
    "Vid förra mötet beslutade vi att byta lokal.",
    "Lars berättade att nämnden beslutat att spara.",
    "Gruppen diskuterade om frågan ska bordläggas.",
    "Det är oklart om förslaget antogs i nämnden.",
    # proposals and negation
    "Ordföranden föreslår att nämnden beslutar att anta planen.",
    "Kommunstyrelsen föreslås besluta att anta riktlinjerna.",
    "Det är inte beslutat ännu.",
    "Inget beslut fattades.",
    # look-alikes
    "Ekonomin sköts av kassören.",
    "Kostnaden antas bli 100 000 kr.",
    "Vi antar att fler kommer.",
    "Mötet startar med en presentationsrunda.",
    "Där väljer man att begränsa sig till ett diagram som visar klasserna.",
    # hedges, goals and needs
    "Jag tror vi är överens om detta.",
    "Målet i februari är att komma överens om en första version.",
    "Vi behöver kanske inte alla vara överens om detaljerna.",
])
def test_not_decisions(sentence, cues):
    assert classify(sentence, cues) is None


def test_a_report_verb_in_an_earlier_clause_does_not_block_the_decision(cues):
    hit = classify("Gruppen diskuterade frågan om lokaler och beslutade att hyra Folkets hus.", cues)
    assert hit is not None and hit.kind == "decided"
    hit = classify("Anna föreslår att vi bildar en arbetsgrupp, vilket mötet godkänner.", cues)
    assert hit is not None and hit.kind == "approved" and hit.cue == "godkänner"
    hit = classify("Vi kan inte ta ställning i dag, frågan bordläggs.", cues)
    assert hit is not None and hit.kind == "postponed"


def test_blockers_are_not_read_where_the_place_says_it_is_a_decision(cues):
    """Under 'Beslut' only the kind is asked for: a proposal verb or a hedge does not hide the cue."""
    assert classify("Nämnden föreslår att kommunfullmäktige godkänner planen.", cues) is None
    hit = classify("Nämnden föreslår att kommunfullmäktige godkänner planen.", cues, strict=False)
    assert hit is not None and hit.kind == "approved"


def test_is_question():
    assert is_question("Ska vi bordlägga frågan?")
    assert is_question("Hur gör vi med lokalen?”")
    assert not is_question("Frågan (vem betalar?) bordläggs.")
