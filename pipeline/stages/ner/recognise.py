"""Combine the NER layers into entity rows for one document.

Layers, in order of precedence where spans overlap:

1. ``rules``     DATE/TIME from :func:`pipeline.lang.dates.find_dates` (dates always win);
2. ``attendees`` the meeting's own attendee list (pipeline.stages.ner.people);
3. ``patterns``  Swedish organisation/place patterns (pipeline.stages.ner.patterns);
4. ``model``     the trained spaCy NER (pipeline.stages.ner.model), filtered for minutes;
5. ``names``     listed first names the model missed (pipeline.stages.ner.names);
6. ``weak``      a capitalised name after 'på' (a place cue).

Then the context rules of pipeline.stages.ner.context (acronym expansions, 'Värmestugan (Monika Freij)',
'forskare vid X', enumerations of organisations …) fix labels and spans.

Within a document, one string gets one label: a model span whose text another layer labelled
takes that label, and otherwise the majority label of the model's spans for that text.
"""
from __future__ import annotations

import datetime as dt
import re
from bisect import bisect_left
from collections import Counter, defaultdict
from functools import lru_cache

from pipeline.contract.record import LabelledSpan, section_at
from pipeline.lang.dates import find_dates
from pipeline.stages.ner.context import Entity, apply_context
from pipeline.stages.ner.model import DEFAULT_MODEL, load_model, run_model
from pipeline.stages.ner.names import find_first_names, is_english_phrase, is_proper_noun
from pipeline.stages.ner.patterns import NOT_ORG_ACRONYMS, find_patterns, find_weak_places
from pipeline.stages.ner.people import AttendeeGazetteer, clean_name, fold

LABELS = ("PER", "ORG", "LOC", "DATE", "TIME")
PRIORITY = {"rules": 0, "attendees": 1, "patterns": 2, "model": 3, "propagated": 4, "names": 5, "weak": 6}
SOURCE_OUT = {"propagated": "model", "weak": "patterns", "names": "patterns"}

# titles and roles written before names: 'Professor Per Skålén', 'ordförande Anna Ek'
_TITLE = re.compile(r"^(?:(?:[Pp]rofessor|[Pp]rof\.|[Dd]ocent|[Dd]r\.?|[Dd]oktor|[Ff]il\.?\s?dr\.?|[Rr]ektor|"
                    r"[Oo]rdförande|[Ss]ekreterare|[Vv]ice|[Cc]hef|[Ss]tatsminister|[Mm]inister|[Bb]iskop|"
                    r"[Kk]ommunalråd(?:et)?|[Ff]orskare(?:n)?|[Hh]err|[Ff]ru|[Ff]röken)\s+)+")
# generic or anaphoric nouns that are not names, and meeting words the model confuses
GENERIC = {
    "förvaltningen", "staden", "kommunen", "regionen", "föreningen", "föreningarna", "organisationen",
    "organisationerna", "brukarorganisationerna", "brukarorganisationer", "nämnden", "styrelsen", "gruppen",
    "arbetsgruppen", "myndigheten", "myndigheter", "landstinget", "centrum", "stan", "byn", "regeringen",
    "närvarande", "frånvarande", "beslut", "övrigt", "mötet", "protokoll", "dagordning", "ordförande",
    "sekreterare", "justerare", "vid pennan", "ej närvarande", "fasta ledamöter", "ledamöter", "ersättare",
}
_HAS_UPPER = re.compile(r"[A-ZÅÄÖÉÜ]")
_LINE_START = re.compile(r"(?:^|\n)[ \t]*(?:[-–•*e][ \t]+|\d+[.)][ \t]+)?$")
_SENT_START = re.compile(r"[.!?:][\s\"'”»)]*$")
# 'Jörgen Wahlström (HelSam)': an organisation in parentheses right after a person
_PAREN_ORG = re.compile(r"\s*\(([A-ZÅÄÖ][\w&-]*(?:\s[A-ZÅÄÖ][\w&-]*){0,3})\)")


_GENERIC_FOLDED = {fold(g) for g in GENERIC}


@lru_cache(maxsize=1)
def _stop_words() -> frozenset[str]:
    from spacy.lang.sv.stop_words import STOP_WORDS
    return frozenset(STOP_WORDS)


def _at_sentence_start(text: str, start: int) -> bool:
    before = text[max(0, start - 40):start]
    return start == 0 or bool(_LINE_START.search(before) or _SENT_START.search(before))


def is_common_word(text: str, start: int, end: int, strict: bool = True) -> bool:
    """A single capitalised word that is a common word, not a name: a stop word, a whole line
    (a heading), a plural definite noun ('Volontärerna'), or (``strict``) a word at a line or
    sentence start that the text never writes capitalised in mid-sentence."""
    word = text[start:end]
    if " " in word or "\n" in word:
        return False
    low = word.lower()
    if low in _stop_words():
        return True
    ls = text.rfind("\n", 0, start) + 1
    le = text.find("\n", end)
    le = len(text) if le < 0 else le
    if not text[ls:start].strip(" \t-–•*/") and not text[end:le].strip(" \t.:!?"):
        return True
    if is_proper_noun(word):
        return False  # 'Sverige', 'Olsson', 'Pernilla' at the start of a sentence
    if word[1:].islower() and len(word) > 6 and low.endswith(("erna", "arna", "orna")):
        return True
    if strict and _at_sentence_start(text, start):
        if text[end:end + 1] == ":":
            return True
        for m in re.finditer(r"(?<![\w-])" + re.escape(word) + r"(?![\w-])", text):
            if m.start() != start and not _at_sentence_start(text, m.start()):
                return False
        return True
    return False


class _Taken:
    """Spans already taken, sorted by start: 'does [s, e) overlap one?' in O(log n).

    A scan of every taken span per candidate made long documents quadratic (issue 16). Holds
    disjoint spans (what ``_select`` keeps) or, built at once from any spans, their running
    maximum end, which answers the same question.
    """

    def __init__(self, spans: list[tuple[int, int]] = ()):
        spans = sorted(spans)
        self.starts = [s for s, _ in spans]
        self.max_end, m = [], -1
        for _, e in spans:
            m = max(m, e)
            self.max_end.append(m)

    def overlaps(self, a) -> bool:
        i = bisect_left(self.starts, a.end)  # the spans that start before a ends
        return i > 0 and self.max_end[i - 1] > a.start

    def add(self, start: int, end: int) -> None:
        """Add a span (in ``_select`` one that overlaps none taken: then nothing after it changes)."""
        i = bisect_left(self.starts, start)
        self.starts.insert(i, start)
        self.max_end.insert(i, max(end, self.max_end[i - 1] if i else -1))
        j = i + 1
        while j < len(self.max_end) and self.max_end[j] < self.max_end[i]:
            self.max_end[j] = self.max_end[i]
            j += 1


def clean_model_span(text: str, start: int, end: int, label: str) -> tuple[int, int] | None:
    """Trim titles and punctuation from a model span; None when what is left is not a name."""
    s_txt = text[start:end]
    if label == "PER":
        m = _TITLE.match(s_txt)
        if m:
            start += m.end()
    while start < end and text[start] in " \t\n\"'“”‘’«»()[]{}*•-–—,.:;!?/":
        start += 1
    while end > start and text[end - 1] in " \t\n\"'“”‘’«»()[]{}*•-–—,.:;!?/":
        end -= 1
    span = text[start:end]
    if len(span) < 2 or len(span) > 60 or "\n\n" in span or span.count("\n") > 1:
        return None
    if not _HAS_UPPER.search(span[0]) and label in ("PER", "LOC"):
        return None
    if not _HAS_UPPER.search(span):
        return None
    if fold(span) in _GENERIC_FOLDED or any(ch.isdigit() for ch in span) and label == "PER":
        return None
    if span.upper() in NOT_ORG_ACRONYMS:
        return None
    if span.isupper() and len(span) > 1 and label == "PER":
        # all-capital text: keep multi-word names only
        if " " not in span:
            return None
    return start, end


def _select(cands: list[Entity]) -> list[Entity]:
    """Non-overlapping: by layer precedence, then longer, then earlier."""
    chosen: list[Entity] = []
    taken = _Taken()
    for c in sorted(cands, key=lambda x: (PRIORITY[x.source], -(x.end - x.start), x.start)):
        if taken.overlaps(c):
            continue
        chosen.append(c)
        taken.add(c.start, c.end)
    return sorted(chosen, key=lambda x: x.start)


def _harmonise_labels(ents: list[Entity]) -> None:
    """One label per string in a document (case-insensitive)."""
    fixed: dict[str, str] = {}
    for e in ents:
        if e.source in ("attendees", "patterns", "propagated") and e.label in ("PER", "ORG", "LOC"):
            fixed.setdefault(e.text.casefold(), e.label)
    votes: dict[str, Counter] = defaultdict(Counter)
    for e in ents:
        if e.source == "model":
            votes[e.text.casefold()][e.label] += 1
    for e in ents:
        if e.source not in ("model", "weak", "names"):
            continue
        key = e.text.casefold()
        base = key[:-1] if key.endswith("s") and len(key) > 3 else None  # genitive: 'Vorta Droms'
        e.label = (fixed.get(key) or (base and fixed.get(base))
                   or (votes[key].most_common(1)[0][0] if votes[key] else e.label))


def find_entities(text: str, meeting: dict | None, attendees: list[dict], params: dict | None = None) -> list[Entity]:
    """All entities of one document, non-overlapping, sorted by offset."""
    params = params or {}
    if not text or not text.strip():
        return []
    cands: list[Entity] = []
    anchor = _date_anchor((meeting or {}).get("date"))
    if params.get("dates", True):
        for d in find_dates(text, anchor):
            cands.append(Entity(d.start, d.end, d.label, d.text, d.normalized, "rules"))

    exclude = set()
    body = (meeting or {}).get("body")
    if body:
        exclude.add(str(body).strip().casefold())

    if params.get("attendees", True):
        gaz = AttendeeGazetteer(attendees or [], fuzzy_threshold=float(params.get("fuzzy_threshold", 86)))
        for m in gaz.find(text):
            if m.text.casefold() not in exclude:
                cands.append(Entity(m.start, m.end, m.label, m.text, m.normalized, "attendees"))
    else:
        gaz = AttendeeGazetteer([])

    if params.get("patterns", True):
        for m in find_patterns(text, exclude):
            cands.append(Entity(m.start, m.end, m.label, m.text, None, "patterns"))

    weak = find_weak_places(text) if params.get("patterns", True) else []
    weak_spans = {(m.start, m.end) for m in weak}
    model_people: list[dict] = []
    if params.get("model", True):
        path = params.get("model")
        nlp = load_model(str(path) if isinstance(path, str) else DEFAULT_MODEL)
        labels = set(params.get("model_labels", ["PER", "ORG", "LOC"]))
        for sp in run_model(nlp, text, batch_size=int(params.get("batch_size", 64)),
                            max_chars=int(params.get("max_chars", 3000))):
            if sp.label not in labels:
                continue
            se = clean_model_span(text, sp.start, sp.end, sp.label)
            if se is None:
                continue
            s, e = se
            t = text[s:e]
            if t.casefold() in exclude or any(t.casefold() in x for x in exclude if len(t) > 3):
                continue
            if is_common_word(text, s, e):
                continue
            if sp.label == "PER" and (s, e) in weak_spans:
                continue  # 'på Adolfsberg': a place
            if sp.label == "PER" and is_english_phrase(t):
                continue  # 'Take action!', 'Open College Network'
            if sp.label == "PER" and _common_word_name(t):
                sp = LabelledSpan(sp.start, sp.end, "ORG", sp.text)  # 'Hela Människan': a name of a body
            norm = gaz.resolve(t) if sp.label == "PER" else None
            cands.append(Entity(s, e, sp.label, t, norm, "model"))
            if sp.label == "PER" and " " in t and clean_name(t) == t and norm is None:
                model_people.append({"name": t})
        # first names and surnames of people the model found elsewhere in the document
        if model_people and params.get("propagate", True):
            known = {fold(n) for n in gaz.full_names}
            others = AttendeeGazetteer([p for p in model_people if fold(p["name"]) not in known])
            for m in others.find(text):
                if m.label == "PER" and not is_common_word(text, m.start, m.end, strict=False):
                    cands.append(Entity(m.start, m.end, "PER", m.text, None, "propagated"))
    if params.get("first_names", True):
        for m in find_first_names(text):
            if m.text.casefold() in exclude or is_common_word(text, m.start, m.end, strict=False):
                continue
            cands.append(Entity(m.start, m.end, "PER", m.text, gaz.resolve(m.text), "names"))
    if weak:
        for m in weak:
            if m.text.casefold() in exclude or is_common_word(text, m.start, m.end, strict=False):
                continue
            if body and _starts_with(text, m.start, str(body)):
                continue  # 'på Gemensam utvecklingsgrupp': the meeting's own body
            cands.append(Entity(m.start, m.end, "LOC", m.text, None, "weak"))

    ents = _select(cands)
    ents = _paren_orgs(text, ents)
    if params.get("context", True):
        ents = apply_context(text, ents)
    _harmonise_labels(ents)
    for e in ents:
        e.source = SOURCE_OUT.get(e.source, e.source)
    return ents


def _common_word_name(t: str) -> bool:
    """A multi-word 'person' made of ordinary capitalised words ('Hela Människan'): no word is a
    listed first name or a proper noun, and the first is a frequent Swedish word."""
    from wordfreq import zipf_frequency

    words = t.split()
    if len(words) < 2 or not all(w[:1].isupper() and w[1:].islower() for w in words):
        return False
    if any(is_proper_noun(w) for w in words):
        return False
    return zipf_frequency(words[0].lower(), "sv") >= 4.5


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


def _starts_with(text: str, pos: int, phrase: str) -> bool:
    """``text`` at ``pos`` begins with ``phrase`` (case- and white-space-insensitive)."""
    words = phrase.split()
    got = text[pos:pos + len(phrase) + 20].split()
    return bool(words) and [w.strip(".,:;!?)").casefold() for w in got[:len(words)]] == [
        w.casefold() for w in words]


def _paren_orgs(text: str, ents: list[Entity]) -> list[Entity]:
    """'Anna Ek (Bryggan)': the parenthesised name after a person is an organisation."""
    taken = _Taken([(e.start, e.end) for e in ents])
    by_span = defaultdict(list)
    for x in ents:
        by_span[(x.start, x.end)].append(x)
    extra = []
    for e in ents:
        if e.label != "PER":
            continue
        m = _PAREN_ORG.match(text, e.end)
        if not m:
            continue
        cand = Entity(m.start(1), m.end(1), "ORG", m.group(1), None, "patterns")
        if m.group(1).upper() not in NOT_ORG_ACRONYMS and not taken.overlaps(cand):
            extra.append(cand)
        else:
            for x in by_span.get((cand.start, cand.end), ()):
                if x.source in ("model", "weak"):
                    x.label, x.source = "ORG", "patterns"
    return sorted(ents + extra, key=lambda x: x.start)


def recognise_entities(text: str, meeting: dict | None, attendees: list[dict], sections: list[dict],
                       params: dict) -> list[dict]:
    """Entity rows (pipeline.contract.schema.ENTITIES) for one document; never raises on odd text."""
    meeting_id = meeting.get("meeting_id") if meeting else None
    text = text or ""
    ents = find_entities(text, meeting, attendees or [], params or {})
    sections = sections or []
    return [{"meeting_id": meeting_id, "section_id": section_at(sections, e.start), "label": e.label,
             "text": text[e.start:e.end], "start_char": e.start, "end_char": e.end,
             "normalized": e.normalized, "source": e.source} for e in ents]
