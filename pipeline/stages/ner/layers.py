"""The NER layers: each reads one document and proposes candidate entities.

A layer is a function ``layer(doc: DocContext) -> list[Entity]``; :data:`LAYERS` lists them with
the :class:`~pipeline.stages.ner.params.NerParams` flag that switches each on. The candidates of
all layers are merged by ``pipeline.stages.ner.recognise`` (precedence by source, see
:data:`PRIORITY`). Sources:

``rules`` dates and times · ``structure`` the form (party tags, titles, signatures, tables, venue) ·
``attendees`` the meeting's attendee rows · ``patterns`` organisation/place patterns ·
``gazetteer`` public bodies, parties, organisations (``gazetteer_place``: places, weaker than the
model) · ``model`` the spaCy model (``propagated``: its names found again) · ``names`` listed
first names · ``weak`` a name after 'på'.
"""
from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from functools import lru_cache

from pipeline.contract.record import LabelledSpan
from pipeline.lang.dates import find_dates
from pipeline.lang.fold import fold_name
from pipeline.lang.names import is_first_name
from pipeline.lang.words import whole_words
from pipeline.stages.ner.context import Entity
from pipeline.stages.ner.filters import (
    clean_model_span,
    common_word_name,
    is_common_word,
    lead_word_end,
    plausible_place,
)
from pipeline.stages.ner.gazetteer import load_gazetteer
from pipeline.stages.ner.model import load_model, run_model
from pipeline.stages.ner.names import find_first_names, is_common_noun, is_english_phrase, is_proper_noun
from pipeline.stages.ner.params import NerParams
from pipeline.stages.ner.patterns import find_patterns, find_weak_places
from pipeline.stages.ner.people import AttendeeGazetteer, clean_name
from pipeline.stages.ner.structure import structure_spans

# names of bodies that meet (not municipalities or companies, which the body's name may contain)
_BODY_WORD = re.compile(r"(?:nämnden?|styrelsen?|utskott(?:et)?|fullmäktige|revisionen|rådet|beredningen|"
                        r"gruppen|presidiet|referensgrupp(?:en)?|kommittén|delegationen|årsmöte|stämma)$")
_BODY_LINE = re.compile(r"(?im)^[ \t]*(?P<body>[A-ZÅÄÖ][\w&-]*(?:[ \t](?:och|för|&|[A-ZÅÄÖ]?[\w-]+)){0,5})[ \t]*$")


_DOC_TYPE = re.compile(r"(?i)\b(?:sammanträdesprotokoll|sammanträdesanteckningar|minnesanteckningar|mötesanteckningar|"
                       r"anteckningar|protokoll|kallelse|dagordning)\b.*$")


# the abbreviations municipal minutes use for their own bodies
BODY_ABBREVIATIONS = {"KS": "kommunstyrelsen", "KF": "kommunfullmäktige", "KSAU": "kommunstyrelsens arbetsutskott",
                      "SN": "socialnämnden", "BUN": "barn- och utbildningsnämnden", "VON": "vård- och omsorgsnämnden",
                      "RS": "regionstyrelsen", "RF": "regionfullmäktige"}


def header_bodies(text: str) -> list[str]:
    """The body named on the title lines of a protocol ('KARLSVIKS KOMMUN' / 'Socialnämndens
    individutskott' / 'PROTOKOLL'): a line among the first three that is nothing but a body's name."""
    lines = [ln.strip() for ln in text[:400].splitlines() if ln.strip()][:3]
    out = []
    for ln in lines:
        for part in re.split(r"[ \t]{3,}", ln):
            part = _DOC_TYPE.sub("", part).strip(" -–:")
            if _BODY_LINE.fullmatch(part) and _BODY_WORD.search(part.casefold()) and len(part.split()) <= 6:
                out.append(part)
    return out
MEETING_PLATFORMS = {"Teams", "Microsoft Teams", "Zoom", "Skype", "Google Meet", "Webex", "Jitsi"}
PRIORITY = {"rules": 0, "structure": 1, "attendees": 2, "patterns": 3, "gazetteer": 3, "model": 5,
            "propagated": 6, "names": 7, "gazetteer_place": 8, "weak": 9}


@dataclass
class DocContext:
    """One document as the layers see it."""
    text: str
    meeting: dict
    attendees: list[dict]
    blocks: list[dict]
    params: NerParams
    exclude: set[str] = field(default_factory=set)   # case-folded strings never reported (the body)
    gaz: AttendeeGazetteer = field(default_factory=lambda: AttendeeGazetteer([]))
    vetoed: list[tuple[int, int]] = field(default_factory=list)   # spans no entity may overlap
    weak_spans: set[tuple[int, int]] = field(default_factory=set)

    @classmethod
    def make(cls, text: str, meeting: dict | None, attendees: list[dict] | None, blocks: list[dict] | None,
             params: NerParams) -> DocContext:
        meeting = meeting or {}
        doc = cls(text, meeting, attendees or [], blocks or [], params)
        if meeting.get("body"):
            doc.exclude.add(str(meeting["body"]).strip().casefold())
        doc.exclude.update(b.casefold() for b in header_bodies(text))
        if params.attendees:
            doc.gaz = AttendeeGazetteer(doc.attendees, fuzzy_threshold=float(params.fuzzy_threshold))
        return doc

    def excluded(self, t: str) -> bool:
        """The meeting's own body ('Socialnämnden' in its own protocol, also in the genitive), also
        where the body is written with more around it ('GRANVIKENS KOMMUN Socialnämnden'); never a
        municipality or region, which a body's title may name but which is no body that meets."""
        key = re.sub(r"\s+", " ", t.casefold().strip()).removesuffix(":s")
        forms = self._body_forms()
        for k in {key, key[:-1]} if key.endswith("s") else {key}:
            if k in forms:
                return True  # 'individutskottet' for 'Socialnämndens individutskott', 'KS' for Kommunstyrelsen
            if not _BODY_WORD.search(k):
                continue
            if k in self.exclude or any(re.search(r"(?<!\w)" + re.escape(k) + r"(?!\w)", b) for b in self.exclude):
                return True
        return False

    def _body_forms(self) -> set[str]:
        """Short forms of the meeting's own body: its last word in the definite form and its
        usual abbreviation."""
        forms: set[str] = set()
        for b in self.exclude:
            words = b.split()
            if not words or not _BODY_WORD.search(words[-1].removesuffix("s")) and b not in BODY_ABBREVIATIONS.values():
                continue
            head = words[-1]
            if len(words) > 1:
                forms |= {head, head + "et", head + "en", head + "n"}
            forms |= {a.casefold() for a, full in BODY_ABBREVIATIONS.items() if full == b}
        return forms


def _date_anchor(value) -> dt.date | int | None:
    """The meeting date as pipeline.lang.dates wants it (a date or a year); None when unusable."""
    if isinstance(value, dt.date):
        return value
    if isinstance(value, int) and 1000 <= value <= 9999:
        return value
    if isinstance(value, str):
        try:
            return dt.date.fromisoformat(value.strip()[:10])
        except ValueError:
            return None
    return None


def dates_layer(doc: DocContext) -> list[Entity]:
    """Dates, times, weeks and ranges; bare years ('sedan 2016') are not dates."""
    anchor = _date_anchor(doc.meeting.get("date"))
    return [Entity(d.start, d.end, d.label, d.text, d.normalized, "rules")
            for d in find_dates(doc.text, anchor) if d.kind != "year"]


def structure_layer(doc: DocContext) -> list[Entity]:
    out = []
    for s in structure_spans(doc.text, doc.blocks, doc.meeting.get("place")):
        if s.label == "NONE":
            doc.vetoed.append((s.start, s.end))
            continue
        t = doc.text[s.start:s.end]
        if doc.excluded(t):
            continue
        norm = doc.gaz.resolve(t) if s.label == "PER" else None
        out.append(Entity(s.start, s.end, s.label, t, norm, "structure"))
    return out


def attendees_layer(doc: DocContext) -> list[Entity]:
    """The attendee rows' names and organisations; a school or site written as a member's
    organisation ('Granåsa gymnasium') is a place."""
    out = []
    for m in doc.gaz.find(doc.text):
        if doc.excluded(m.text):
            continue
        label = "LOC" if m.label == "ORG" and _is_site(m.text) else m.label
        out.append(Entity(m.start, m.end, label, m.text, m.normalized, "attendees"))
    return out


@lru_cache(maxsize=4096)
def _is_site(name: str) -> bool:
    found = find_patterns(name)
    return len(found) == 1 and found[0].label == "LOC" and found[0].end - found[0].start == len(name)


def patterns_layer(doc: DocContext) -> list[Entity]:
    return [Entity(m.start, m.end, m.label, m.text, None, "patterns") for m in find_patterns(doc.text)
            if not doc.excluded(m.text)]


def gazetteer_layer(doc: DocContext) -> list[Entity]:
    """Public bodies and organisations (firm); places (weaker than the model); NONE names veto."""
    out = []
    for m in load_gazetteer().find(doc.text):
        if m.label == "NONE":
            if not (m.text in MEETING_PLATFORMS and _venue_cue(doc.text, m.start)):
                doc.vetoed.append((m.start, m.end))
            continue
        if doc.excluded(m.text) or (m.kind == "abbreviation" and _upper_line(doc.text, m.start, m.end)):
            continue
        if m.label == "LOC" and m.genitive:
            continue  # 'Sveriges', 'Göteborgs': an attribute of what follows, not the place
        out.append(Entity(m.start, m.end, m.label, m.text, None, "gazetteer" if m.label == "ORG" else "gazetteer_place"))
    return out


def _venue_cue(text: str, pos: int) -> bool:
    """'via Teams', 'på Zoom', 'Plats: Teams': a platform named as where the meeting is."""
    before = text[max(0, pos - 12):pos].lower()
    return before.rstrip().endswith(("via", "på", "i", "över", "plats:", "plats", "digitalt"))


def _upper_line(text: str, s: int, e: int) -> bool:
    ls = text.rfind("\n", 0, s) + 1
    le = text.find("\n", e)
    line = text[ls:le if le >= 0 else len(text)]
    letters = [c for c in line if c.isalpha()]
    return len(letters) >= 8 and sum(c.isupper() for c in letters) > 0.6 * len(letters)


def model_layer(doc: DocContext) -> list[Entity]:
    """The statistical model's spans, trimmed and filtered for minutes; then (``propagate``) the
    first names and surnames of the people it found, wherever else they stand."""
    p = doc.params
    nlp = load_model(p.model_path)
    labels = set(p.model_labels)
    text = doc.text
    weak = {(m.start, m.end) for m in find_weak_places(text)}
    out: list[Entity] = []
    people: list[dict] = []
    for sp in run_model(nlp, text, batch_size=int(p.batch_size), max_chars=int(p.max_chars)):
        if sp.label not in labels:
            continue
        se = clean_model_span(text, sp.start, sp.end, sp.label)
        if se is None:
            continue
        s, e = se
        if sp.label == "PER":
            s = lead_word_end(text, s, e)
        t = text[s:e]
        if doc.excluded(t) or any(t.casefold() in x for x in doc.exclude if len(t) > 3):
            continue
        if is_common_word(text, s, e):
            continue
        label = sp.label
        if label == "LOC" and not plausible_place(text, s, e, _gazetteer_places()):
            continue
        if label == "ORG" and (re.search(r"\d{4}", t) or (" " not in t and is_common_noun(t) and not t.isupper())):
            continue  # 'Regional transportplan 2026-2037', 'Parti': no organisation
        if label == "ORG" and " " in t:
            e = cut_after_acronym(text, s, _cut_at_function_word(text, s, e))
            t = text[s:e]
        if label == "LOC" and t.endswith("s") and not whole_words(t[:-1]).search(text):
            continue  # 'Sveriges digitala infrastruktur': a genitive place is an attribute
        if label == "PER" and ((s, e) in weak or is_english_phrase(t)):
            continue  # 'på Adolfsberg': a place; 'Take action!'
        if label == "PER" and common_word_name(t):
            label = "ORG"  # 'Hela Människan': the name of a body
        if label == "PER" and " " not in t and is_common_noun(t, inflected=True) and not (is_first_name(t)
                                                                                        or is_proper_noun(t)):
            continue  # 'Jour', 'Standard': an ordinary noun the model took for a name
        norm = doc.gaz.resolve(t) if label == "PER" else None
        out.append(Entity(s, e, label, t, norm, "model"))
        if label == "PER" and " " in t and clean_name(t) == t and norm is None:
            people.append({"name": t})
    if people and p.propagate:
        known = {fold_name(n) for n in doc.gaz.full_names}
        # the model's own names again, as written (no fuzzy variants: those are the attendee list's)
        others = AttendeeGazetteer([x for x in people if fold_name(x["name"]) not in known], fuzzy=False)
        for m in others.find(text):
            single = " " not in m.text
            strict = single and not is_first_name(m.text)  # 'Underskriftstjänst' of 'Visma Underskriftstjänst'
            if m.label == "PER" and not is_common_word(text, m.start, m.end, strict=strict):
                out.append(Entity(m.start, m.end, "PER", m.text, None, "propagated"))
    return out


def cut_after_acronym(text: str, s: int, e: int) -> int:
    """'SGS däremellan' -> 'SGS': an abbreviation and only lower-case words after it is the abbreviation."""
    acronym = re.match(r"[A-ZÅÄÖ]{2,6}(?=(?:[ \t]+[a-zåäö]+)+$)", text[s:e])
    return s + acronym.end() if acronym else e


_ORG_INNER_OK = {"för", "och", "i", "av", "&", "på", "vid", "med", "mot", "till", "de", "la", "du", "of", "the", "and"}


def _cut_at_function_word(text: str, s: int, e: int) -> int:
    """'Nämnden enligt Birgitta' -> 'Nämnden': a model organisation ends before a function word that
    a name does not hold ('enligt', 'som', 'har')."""
    from pipeline.stages.ner.filters import stop_words

    for m in re.finditer(r"\S+", text[s:e]):
        w = m.group().lower()
        if m.start() > 0 and w in stop_words() and w not in _ORG_INNER_OK:
            return s + len(text[s:s + m.start()].rstrip())
    return e


@lru_cache(maxsize=1)
def _gazetteer_places() -> frozenset[str]:
    g = load_gazetteer()
    return frozenset(e.name for e in g.phrases.values() if e.label == "LOC")


def first_names_layer(doc: DocContext) -> list[Entity]:
    out = []
    for m in find_first_names(doc.text):
        if doc.excluded(m.text) or is_common_word(doc.text, m.start, m.end, strict=False):
            continue
        out.append(Entity(m.start, m.end, "PER", m.text, doc.gaz.resolve(m.text), "names"))
    return out


def weak_places_layer(doc: DocContext) -> list[Entity]:
    body = str(doc.meeting.get("body") or "")
    out = []
    for m in find_weak_places(doc.text):
        if doc.excluded(m.text) or is_common_word(doc.text, m.start, m.end, strict=False):
            continue
        if body and _starts_with(doc.text, m.start, body):
            continue  # 'på Gemensam utvecklingsgrupp': the meeting's own body
        out.append(Entity(m.start, m.end, "LOC", m.text, None, "weak"))
    return out


def _starts_with(text: str, pos: int, phrase: str) -> bool:
    """``text`` at ``pos`` begins with ``phrase`` (case- and white-space-insensitive)."""
    words = phrase.split()
    got = text[pos:pos + len(phrase) + 20].split()
    return bool(words) and [w.strip(".,:;!?)").casefold() for w in got[:len(words)]] == [
        w.casefold() for w in words]


LAYERS = (
    ("dates", dates_layer),
    ("structure", structure_layer),
    ("attendees", attendees_layer),
    ("patterns", patterns_layer),
    ("gazetteer", gazetteer_layer),
    ("model", model_layer),
    ("first_names", first_names_layer),
    ("weak_places", weak_places_layer),
)

__all__ = ["LAYERS", "PRIORITY", "DocContext", "LabelledSpan"]
