"""pipeline/stages/extract/decisions.py: is a sentence a decision, and of which kind?"""
from __future__ import annotations

import pytest

from pipeline.stages.extract.decisions import classify, is_question, kind_of_att_clause, refine_kind
from pipeline.stages.extract.sentences import fold


@pytest.mark.parametrize("sentence, kind", [
    ("Vi beslutar att ha nästa möte på biblioteket.", "decided"),
    ("Gruppen beslutade att skriva ett brev till nämnden.", "decided"),
    ("Mötet beslutade att temat för hösten blir ensamhet.", "decided"),
    ("Styrelsen beslöt att höja medlemsavgiften.", "decided"),
    ("Beslutades att föreningen deltar i Pride.", "decided"),
    ("Vi har beslutat att byta lokal.", "decided"),
    ("Vi är överens om att fortsätta samarbetet nästa år.", "agreed"),
    ("Gruppen enades om att skicka en skrivelse.", "agreed"),
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
    ("Förslaget antogs.", "approved"),
    ("Motionen bifölls.", "approved"),
    ("Styrelsen beviljades ansvarsfrihet.", "approved"),
    ("Kommunstyrelsen beslutar att anta riktlinjerna.", "approved"),
    ("Anna Lind valdes till ordförande.", "elected"),
    ("Till justerare valdes Per Ek.", "elected"),
    ("Mötet valde Olle Nyberg till revisor.", "elected"),
    ("Leila Haddad (V) utses till ersättare i pensionärsrådet.", "elected"),
    ("Rapporten lades till handlingarna.", "other"),
    ("Anmälningsärendena läggs till handlingarna.", "other"),
    ("Vi bildar en arbetsgrupp.", "group_formed"),
    ("En referensgrupp tillsätts.", "group_formed"),
    ("Nämnden beslutar att inrätta ett brukarråd.", "group_formed"),
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


def test_the_verb_after_att_gives_the_kind(cues):
    f = fold("Nämnden beslutar att välja Anna till ordförande")
    assert refine_kind("decided", f, f.index("beslutar") + len("beslutar"), cues) == "elected"
    assert refine_kind("postponed", f, 0, cues) == "postponed"   # only 'decided' is refined
    assert kind_of_att_clause("att bordlägga frågan om ny logga", cues) == "postponed"
    assert kind_of_att_clause("att fastställa resultat- och balansräkningen", cues) == "approved"
    assert kind_of_att_clause("Att bilda en referensgrupp för frågan", cues) == "group_formed"
    assert kind_of_att_clause("att lägga informationen till handlingarna", cues) == "other"
    assert kind_of_att_clause("att höja medlemsavgiften till 100 kr", cues) == "decided"


def test_is_question():
    assert is_question("Ska vi bordlägga frågan?")
    assert is_question("Hur gör vi med lokalen?”")
    assert not is_question("Frågan (vem betalar?) bordläggs.")
