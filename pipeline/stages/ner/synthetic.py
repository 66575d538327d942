"""Silver training sentences in the shape of Swedish minutes, for the NER model.

News corpora have few attendance lines, form fields or 'Beslutet skickas till' lines, and almost
no municipal administrations, nämnder, units or venues. This module writes sentences from
templates of such lines, with the slots filled from the shipped gazetteer (public bodies,
municipalities, parties written out, organisations), generated body names ('Nämnden för Vård &
Omsorg', 'socialförvaltningen', 'Familjehemsenheten'), the first-name list and surnames seen in the
training corpora, and generated venues ('Kungsbackarummet', 'Storgatan 37'). Party letters, job
titles and form labels stay outside every entity, as the gold conventions say.

:func:`sentences` is deterministic for a seed; ``pipeline.stages.ner.corpus`` adds them to the
training split only (never to dev or test).
"""
from __future__ import annotations

import random
import re

from pipeline.lang.names import first_names

Sentence = tuple[list[str], list[str]]
_TOKEN = re.compile(r"\w+(?:[-:.&']\w+)*|[^\w\s]")

AREAS = ["Individ & Familjeomsorg", "Vård & Omsorg", "Kultur & Fritid", "Förskola & Grundskola", "Teknik",
         "Service", "Gymnasium & Arbetsmarknad", "Miljö & Hälsoskydd", "Samhällsbyggnad", "Funktionsstöd",
         "Barn och Unga", "Social omsorg", "Utbildning", "Arbetsmarknad och Integration"]
COMPOUND_BODIES = ["socialnämnden", "socialförvaltningen", "socialtjänsten", "kommunstyrelsen", "kommunfullmäktige",
                   "Kulturnämnden", "Utbildningsförvaltningen", "Arbetsmarknadsförvaltningen", "Omsorgsnämnden",
                   "Byggnadsnämnden", "Miljöförvaltningen", "Överförmyndarnämnden", "Valnämnden", "Kommunrevisionen",
                   "Stadsledningskontoret", "Kommunledningskontoret", "Barn- och utbildningsnämnden",
                   "Vård- och omsorgsförvaltningen", "Hälso- och sjukvårdsnämnden", "Individutskottet"]
UNITS = ["Familjehemsenheten", "Vuxenenheten", "Öppenvårdsenheten", "Funktionsstödsenheten", "Mottagningsenheten",
         "Ekonomienheten", "HR-avdelningen", "Barn- och familjeenheten", "Socialjouren", "Biståndsenheten",
         "Myndighetsavdelningen", "Försörjningsstödsenheten", "Utredningsenheten", "Kvalitetsavdelningen"]
ROOM_PARTS = ["Kungsbacka", "Ek", "Björk", "Lind", "Sess", "Fjärås", "Tofsvipe", "Sjö", "Hav", "Ljung", "Stor", "Rådhus",
              "Kommunfullmäktige", "Styrelse", "Ängs", "Ås", "Vall", "Berg", "Strand", "Hamn"]
STREET_PARTS = ["Stor", "Kyrko", "Skol", "Järnvägs", "Rådhus", "Drottning", "Kungs", "Hamn", "Torg", "Park", "Ny",
                "Öster", "Väster", "Sjö", "Ängs", "Björk", "Lin", "Mölle", "Bruks", "Tull"]
PLACE_NOUNS = ["rummet", "salen", "salongen"]
STREET_NOUNS = ["gatan", "vägen", "torget", "gränd", "allén"]
TITLES = ["förvaltningschef", "verksamhetschef", "enhetschef", "nämndsekreterare", "utvecklingsledare", "controller",
          "socialchef", "ekonom", "kommundirektör", "samordnare", "jurist", "kvalitetsstrateg", "MAS", "HR-chef"]
ROLES = ["ordförande", "vice ordförande", "ledamot", "ersättare", "sekreterare", "justerare", "tjänstgörande ersättare"]
PARTIES = ["S", "M", "SD", "C", "V", "KD", "L", "MP"]
DATES = ["2024-03-21", "den 14 maj", "15 februari 2023", "18 december", "2023-11-16"]

# templates: {PER} {ORG} {LOC} are entities; {TITLE} {ROLE} {PARTY} {DATE} {NUM} are not
TEMPLATES = [
    "{PER} ({PARTY}), {ROLE}", "{PER} ({PARTY})", "{PER} ({PARTY}) tjänstgör för {PER} ({PARTY})",
    "{PER}, {TITLE}", "{PER}, {TITLE}, § {NUM}", "{ROLE} {PER}", "Sekreterare {PER}", "Justerare : {PER}",
    "Beslutet skickas till {ORG}", "Beslutet skickas till {ORG} och {ORG}", "{ORG} har inkommit med ett yttrande .",
    "{ORG} föreslår att nämnden godkänner redovisningen .", "Information från {ORG} om läget i verksamheten .",
    "{PER} från {ORG} informerar om arbetet .", "{PER} ({ORG}) berättar om projektet .",
    "Plats och tid : {LOC} , {LOC} kl. 15.30 – 17.00", "Sammanträdet hölls i {LOC} .", "Mötet hålls i {LOC} den {DATE} .",
    "Närvarande : {PER} , {PER} och {PER}", "{ORG} ( {ABBR} ) har granskat ärendet .",
    "Remiss från {ORG} angående {NOUN} .", "Nämnden ger {ORG} i uppdrag att återkomma .",
    "{ORG} och {ORG} samverkar kring {NOUN} .", "Dom från {ORG} meddelad {DATE} .",
    "Representanter för {ORG} deltog i mötet .", "{PER} , {TITLE} , {ORG}", "{PER} | {ORG} | {ROLE}",
    "- {ORG}", "Ärendet har beretts av {ORG} .", "Kontakt har tagits med {ORG} i {LOC} .",
    "Yttrande över remiss från {ORG}", "{ORG} har beslutat att anta riktlinjerna .",
    "Ordföranden {PER} hälsar alla välkomna .", "{PER} yrkar bifall till förvaltningens förslag .",
    "Besök på {LOC} , {LOC} .", "Utbildningen genomförs på {LOC} i {LOC} .", "Justering {DATE} på {LOC}",
    "Anmälan till {ORG} enligt lex Sarah .", "{ORG} : synpunkter på förslaget .", "Frånvarande : {PER} ({PARTY})",
]
NOUNS = ["föräldraskapsstöd", "hemlöshet", "budget 2025", "barnets bästa", "beroendevård", "digitalisering", "SIP"]


def _tokens(s: str) -> list[str]:
    return _TOKEN.findall(s)


class _Slots:
    """Fillers for the slots, drawn with one random generator."""

    def __init__(self, rng: random.Random, surnames: list[str], orgs: list[str], places: list[str],
                 abbreviations: list[str]):
        self.rng = rng
        self.first = sorted(n for n in first_names() if n.isalpha() and n[0].isupper() and len(n) > 2)
        self.surnames = surnames or ["Andersson", "Berg", "Lund"]
        self.orgs = orgs
        self.places = places
        self.abbreviations = abbreviations or ["IVO", "SKR"]

    def per(self) -> str:
        r = self.rng
        first = r.choice(self.first) + (("-" + r.choice(self.first)) if r.random() < 0.05 else "")
        last = r.choice(self.surnames) + ((" " + r.choice(self.surnames)) if r.random() < 0.1 else "")
        return f"{first} {last}" if r.random() < 0.9 else first

    def org(self) -> str:
        r = self.rng
        k = r.random()
        if k < 0.2:
            return f"{r.choice(['Nämnden för', 'Förvaltningen för', 'Utskottet för', 'nämnden för'])} {r.choice(AREAS)}"
        if k < 0.35:
            return r.choice(COMPOUND_BODIES)
        if k < 0.45:
            return r.choice(UNITS)
        if k < 0.5:
            return r.choice(AREAS)
        return r.choice(self.orgs)

    def loc(self) -> str:
        r = self.rng
        k = r.random()
        if k < 0.3:
            return r.choice(ROOM_PARTS) + r.choice(PLACE_NOUNS)
        if k < 0.55:
            return f"{r.choice(STREET_PARTS)}{r.choice(STREET_NOUNS)} {r.randint(1, 60)}"
        if k < 0.65:
            return r.choice(["Stadshuset", "Kommunhuset", "Rådhuset", "Folkets hus", "Teams", "Medborgarhuset"])
        return r.choice(self.places)


def _fill(template: str, slots: _Slots) -> Sentence:
    words: list[str] = []
    tags: list[str] = []
    r = slots.rng
    for part in re.split(r"(\{[A-Z]+\})", template):
        if not part:
            continue
        label, text = None, part
        if part == "{PER}":
            label, text = "PER", slots.per()
        elif part == "{ORG}":
            label, text = "ORG", slots.org()
        elif part == "{LOC}":
            label, text = "LOC", slots.loc()
        elif part == "{ABBR}":
            label, text = "ORG", r.choice(slots.abbreviations)
        elif part in ("{TITLE}", "{ROLE}", "{PARTY}", "{DATE}", "{NUM}", "{NOUN}"):
            text = {"{TITLE}": TITLES, "{ROLE}": ROLES, "{PARTY}": PARTIES, "{DATE}": DATES,
                    "{NUM}": [str(r.randint(1, 60))], "{NOUN}": NOUNS}[part]
            text = r.choice(text)
        toks = _tokens(text)
        words.extend(toks)
        tags.extend(["O"] * len(toks) if label is None else
                    [("B-" if i == 0 else "I-") + label for i in range(len(toks))])
    return words, tags


def sentences(n: int, surnames: list[str], seed: int = 0) -> list[Sentence]:
    """``n`` template sentences; organisations and places from the shipped gazetteer."""
    from pipeline.stages.ner.gazetteer import read_entries

    entries = read_entries()
    orgs = sorted({e.name for e in entries if e.label == "ORG" and " " in e.name or e.label == "ORG" and len(e.name) > 5})
    places = sorted({e.name for e in entries if e.label == "LOC"})
    abbreviations = sorted({e.name for e in entries if e.label == "ORG" and e.name.isupper() and len(e.name) >= 3})
    rng = random.Random(seed)
    slots = _Slots(rng, surnames, orgs, places, abbreviations)
    return [_fill(rng.choice(TEMPLATES), slots) for _ in range(n)]


def surnames_from(sents: list[Sentence]) -> list[str]:
    """The last word of every two-word-or-longer person in the corpora: a list of real surnames."""
    out = set()
    for words, tags in sents:
        i = 0
        while i < len(tags):
            if tags[i] == "B-PER":
                j = i + 1
                while j < len(tags) and tags[j] == "I-PER":
                    j += 1
                last = words[j - 1]
                if j - i >= 2 and last.isalpha() and last[:1].isupper() and not last.isupper() and len(last) > 2:
                    out.add(last)
                i = j
            else:
                i += 1
    return sorted(out)
