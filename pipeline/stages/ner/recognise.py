"""Combine the NER layers into entity rows for one document.

:func:`find_entities` runs the layers of ``pipeline.stages.ner.layers.LAYERS`` that the
:class:`~pipeline.stages.ner.params.NerParams` flags switch on, then:

1. drops candidates that overlap a vetoed span (a party tag '(S)', a platform, a law, a standard);
2. (``split_names``) cuts person candidates into the names they hold (columns, lines, labels,
   titles, glued pairs: ``pipeline.lang.person_names``);
3. keeps non-overlapping candidates by layer precedence (``layers.PRIORITY``), then longer, then earlier;
4. post-processing: an organisation in parentheses after a person ('Anna Ek (Bryggan)');
   abbreviations that the document shows to be organisations (``acronyms``); the context rules (``context``); two names of the document glued into one span are cut; a genitive
   is written in its base form where the base form occurs ('Försäkringskassans' → 'Försäkringskassan');
   one label per string in a document.
"""
from __future__ import annotations

import re
from collections import Counter, defaultdict
from functools import lru_cache

from pipeline.contract.record import section_at
from pipeline.lang.entity_labels import LABELS  # the vocabulary of entities.label, defined there
from pipeline.lang.names import is_first_name
from pipeline.lang.person_names import name_parts
from pipeline.lang.roles import is_party_code
from pipeline.lang.words import whole_words
from pipeline.stages.ner.acronyms import acronym_orgs
from pipeline.stages.ner.agreement import count_layers
from pipeline.stages.ner.context import Entity, apply_context
from pipeline.stages.ner.filters import clean_model_span, is_common_word
from pipeline.stages.ner.layers import LAYERS, PRIORITY, DocContext
from pipeline.stages.ner.names import is_english_word
from pipeline.stages.ner.params import NerParams
from pipeline.stages.ner.patterns import NOT_ORG_ACRONYMS, find_patterns

SOURCE_OUT = {"propagated": "model", "weak": "patterns", "names": "patterns", "gazetteer_place": "gazetteer"}
_SPLIT_SOURCES = {"model", "propagated", "names", "attendees", "weak"}
# 'Jörgen Wahlström (HelSam)': an organisation in parentheses right after a person
_PAREN_ORG = re.compile(r"\s*\(([A-ZÅÄÖ][\w&-]*(?:\s[A-ZÅÄÖ][\w&-]*){0,3})\)")
_GENITIVE = re.compile(r"(?:'s|’s|:s|s)$")
_GENITIVE_END = re.compile(r"(?:s|:s)$")

__all__ = ["LABELS", "clean_model_span", "find_entities", "is_common_word", "recognise_entities"]


class _Taken:
    """Character positions already covered: overlap tests in the time of the span, not of the
    number of spans (a list of 20,000 party tags stays linear)."""

    def __init__(self, spans=()):
        self.mask = bytearray()
        for s, e in spans:
            self.add(s, e)

    def add(self, s: int, e: int) -> None:
        if len(self.mask) < e:
            self.mask.extend(b"\0" * (e - len(self.mask)))
        self.mask[s:e] = b"\1" * (e - s)

    def overlaps(self, a) -> bool:
        return any(self.mask[a.start:a.end])


def _overlaps(a, taken) -> bool:
    if isinstance(taken, _Taken):
        return taken.overlaps(a)
    return any(a.start < e and s < a.end for s, e in taken)


def _veto(cands: list[Entity], vetoed: list[tuple[int, int]]) -> list[Entity]:
    if not vetoed:
        return cands
    taken = _Taken(vetoed)
    return [c for c in cands if c.source in ("rules", "structure") or not taken.overlaps(c)]


def _english_name(t: str) -> bool:
    """'Core Person', 'Style Guide': an English phrase, not a person (no listed first name in it)."""
    words = t.split()
    return len(words) >= 2 and not any(is_first_name(w) for w in words) and any(is_english_word(w) for w in words)


def _split_people(text: str, cands: list[Entity], doc: DocContext) -> list[Entity]:
    out = []
    english = [(c.start, c.end) for c in cands if c.label == "PER" and c.source in ("model", "propagated")
               and _english_name(c.text)]
    for c in cands:
        if c.label != "PER" or c.source not in _SPLIT_SOURCES:
            out.append(c)
            continue
        if c.source != "attendees" and (any(s <= c.start and c.end <= e for s, e in english)
                                        or not c.text[:1].isupper()):
            continue
        parts = name_parts(text, c.start, c.end)
        if parts == [(c.start, c.end)]:
            out.append(c)
            continue
        for s, e in parts:
            t = text[s:e]
            if len(t.split()) == 1 and is_common_word(text, s, e, strict=c.source != "attendees"):
                continue
            out.append(Entity(s, e, "PER", t, doc.gaz.resolve(t) or (c.normalized if t == c.text else None), c.source))
    return out


_PARTIAL_SOURCES = {"attendees", "names", "propagated", "gazetteer_place", "weak"}


def _prefer_whole_names(cands: list[Entity]) -> list[Entity]:
    """'Karin Knutsson Friberg' (model) over 'Karin' (first-name list) and 'Friberg' (an attendee's
    surname): a first name or surname inside a longer person span of another layer gives way, and
    so does one inside a longer place or organisation of the patterns ('Ekbacka torg')."""
    whole = [c for c in cands if " " in c.text.strip() and (
        c.label == "PER" and c.source in ("model", "structure", "attendees")
        or c.label in ("ORG", "LOC") and c.source in ("patterns", "gazetteer"))]
    if not whole:
        return cands
    import bisect
    whole.sort(key=lambda w: w.start)
    starts = [w.start for w in whole]
    reach, best = [], -1
    for w in whole:
        best = max(best, w.end)
        reach.append(best)
    out = []
    for c in cands:
        if c.source in _PARTIAL_SOURCES and " " not in c.text.strip():
            i = bisect.bisect_right(starts, c.start) - 1
            if i >= 0 and reach[i] >= c.end:
                continue  # inside a longer name of another layer
        out.append(c)
    return out


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


def _paren_orgs(text: str, ents: list[Entity], vetoed: list[tuple[int, int]]) -> list[Entity]:
    """'Anna Ek (Bryggan)': the parenthesised name after a person is an organisation (a party
    abbreviation there is the person's party, not an entity)."""
    taken = _Taken((e.start, e.end) for e in ents)
    veto = _Taken(vetoed)
    at = {(x.start, x.end): x for x in ents}
    extra = []
    for e in ents:
        if e.label != "PER":
            continue
        m = _PAREN_ORG.match(text, e.end)
        if not m or is_party_code(m.group(1)):
            continue
        cand = Entity(m.start(1), m.end(1), "ORG", m.group(1), None, "patterns")
        if m.group(1).upper() in NOT_ORG_ACRONYMS or veto.overlaps(cand):
            continue
        if not taken.overlaps(cand):
            extra.append(cand)
            taken.add(cand.start, cand.end)
        else:
            x = at.get((cand.start, cand.end))
            if x is not None and x.source in ("model", "weak", "gazetteer_place"):
                x.label, x.source = "ORG", "patterns"
    return sorted(ents + extra, key=lambda x: x.start)


def _person_tokens(ents: list[Entity]) -> None:
    """'Hravn' (model: a place) where the document names Hravn Forsne: a word of a person's name
    the model labelled otherwise is that person."""
    words = {w for x in ents if x.label == "PER" and " " in x.text for w in x.text.split()}
    for x in ents:
        if x.label in ("LOC", "ORG") and x.source in ("model", "gazetteer_place") and x.text in words:
            x.label = "PER"


def _join_wrapped_names(text: str, ents: list[Entity]) -> list[Entity]:
    """'för Magnus\nTörnqvists yrkande': a first name at a line end and a surname at the start of
    the next line are one name."""
    known = {x.text for x in ents if x.label == "PER" and " " in x.text}
    out: list[Entity] = []
    for x in ents:
        p = out[-1] if out else None
        if (p and p.label == x.label == "PER" and " " not in p.text and " " not in x.text
                and re.fullmatch(r"[ \t]*\n[ \t]*", text[p.end:x.start])
                and ((is_first_name(p.text) and not is_first_name(x.text)) or f"{p.text} {x.text}" in known)):
            out[-1] = Entity(p.start, x.end, "PER", text[p.start:x.end], p.normalized or x.normalized, p.source)
            continue
        out.append(x)
    return out


def _org_with_place(text: str, ents: list[Entity]) -> list[Entity]:
    """'Brottsofferjouren Kungsbacka', 'PRO Tallåsen': a one-word organisation and the place right
    after it on the same line are one organisation (the place inside its name is no place of its own)."""
    out: list[Entity] = []
    for x in ents:
        p = out[-1] if out else None
        if (p and p.label == "ORG" and x.label == "LOC" and " " not in p.text and text[p.end:x.start] == " "
                and " " not in x.text and x.source not in ("structure",) and not _GENITIVE_END.search(p.text)):
            out[-1] = Entity(p.start, x.end, "ORG", text[p.start:x.end], None, p.source)
            continue
        out.append(x)
    return out


_PLACE_OF_ORG = re.compile(r"(?:^|\s)(?:Region\s)?([A-ZÅÄÖ][\w-]+?)s?\s(?:[Kk]ommun|[Ss]tad|[Ll]än)$|^Region\s([A-ZÅÄÖ][\w-]+)$")
# 'DHR Stensjö', 'Polisen i Granåsa', 'Röda Korsets krets i Åsundby', 'Hyresgästföreningen region Nordhamn'
_BRANCH = re.compile(r"(?P<unit>[ \t]+(?:krets|avdelning|distrikt|lokalavdelning|lokalförening))?"
                     r"(?:[ \t]+(?:i|region)[ \t]+|[ \t]+)(?P<place>[A-ZÅÄÖ][\w-]+[ \t]+län(?![\w-])|[A-ZÅÄÖ][\w-]+"
                     r"(?![\w-]|[ \t]+[A-ZÅÄÖ]|[ \t]+(?:kommun|stad|län)\b))")


_ACRONYM_BRANCH = re.compile(r"[A-ZÅÄÖ]{2,6}[ \t]+([A-ZÅÄÖ][a-zåäö]{3,})")


@lru_cache(maxsize=4096)
def _org_word(word: str) -> bool:
    """'Socialförvaltningen', 'Försäkringskassan': a word that names a body on its own."""
    found = find_patterns(word)
    return len(found) == 1 and found[0].label == "ORG" and found[0].end - found[0].start == len(word)


def _doc_places(ents: list[Entity]) -> set[str]:
    """The place names of a document: its places, and the place in 'Xs kommun', 'Region X'."""
    out = {x.text for x in ents if x.label == "LOC" and " " not in x.text and x.source != "model"}
    out |= {w for x in ents if x.label == "LOC" and " " in x.text and x.source != "model" for w in x.text.split()
            if w[:1].isupper() and w.isalpha()}  # 'Polisstationen Ekbacka', 'Ekbacka torg'
    for x in ents:
        m = _PLACE_OF_ORG.search(x.text) if x.label == "ORG" else None
        if m:
            out.add(m.group(1) or m.group(2))
        m = _ACRONYM_BRANCH.fullmatch(x.text) if x.label == "ORG" else None
        if m:
            out.add(m.group(1))  # 'PRO Hallbäcka', 'DHR Stensjö': a national organisation's local branch
    return out


def _org_branches(text: str, ents: list[Entity]) -> list[Entity]:
    """A local branch is named by the organisation and its place ('PRO Hallbäcka', 'Polisen i
    Granåsa'): where the word after an organisation is a place the document names, it is one
    organisation; a place word the model took for a person ('Ekbacka') is dropped."""
    places = _doc_places(ents)
    by_start = {x.start: x for x in ents}
    drop: set[int] = set()
    for x in ents:
        m = _BRANCH.match(text, x.end) if x.label == "ORG" and id(x) not in drop else None
        county = m is not None and m.group("place").endswith(" län") and " i " in m.group()
        if m and (m.group("place") in places or county) and (m.group("unit") or not _GENITIVE_END.search(x.text)):
            nxt = by_start.get(m.start("place"))
            between = any(p in by_start for p in range(x.end + 1, m.start("place")))  # 'Röda Korsets krets i'
            if nxt is not None and (nxt.label == "ORG" and not county or nxt.source in ("structure", "attendees")) or between:
                continue
            if nxt is not None and nxt.end > m.end("place"):
                continue
            if nxt is not None:
                drop.add(id(nxt))
            x.end, x.text = m.end("place"), text[x.start:m.end("place")]
    out = []
    for x in ents:
        if id(x) in drop:
            continue
        if x.label == "PER" and x.source in ("model", "propagated", "attendees"):
            words = x.text.split()
            if len(words) == 1 and x.text in places:
                continue
            if len(words) == 2 and (any(w in places for w in words) or _org_word(words[0])) and not any(
                    is_first_name(w) for w in words):
                x.label = "ORG"  # 'Vuxenpsykiatrin Västerfors', 'Nattvandrarna Ekbacka', 'Socialförvaltningen Nordhamn'
        out.append(x)
    return out


def _split_known_pairs(text: str, ents: list[Entity]) -> list[Entity]:
    """'Anders Bäckelie Li Rönning': a span that is two names the document also writes apart."""
    names = {x.text for x in ents if x.label == "PER" and len(x.text.split()) >= 2}
    out = []
    for x in ents:
        words = x.text.split()
        if x.label == "PER" and len(words) >= 4:
            for i in range(2, len(words) - 1):
                a, b = " ".join(words[:i]), " ".join(words[i:])
                if a in names and b in names:
                    cut = x.start + text[x.start:x.end].index(b, len(a))
                    out.append(Entity(x.start, x.start + len(a), "PER", a, None, x.source))
                    out.append(Entity(cut, cut + len(b), "PER", b, None, x.source))
                    break
            else:
                out.append(x)
        else:
            out.append(x)
    return out


def _genitives(text: str, ents: list[Entity]) -> None:
    """'Försäkringskassans', 'Hravn Forsnes', 'Digg:s' -> the base form, where the document also
    writes the base form (a name that merely ends in s, 'Lars', 'Borås', is left alone)."""
    texts = {re.sub(r"\s+", " ", x.text.casefold()) for x in ents}
    surnames = {w.casefold() for x in ents if x.label == "PER" and " " in x.text for w in x.text.split()[1:]}
    for x in ents:
        if x.label not in ("PER", "ORG", "LOC") or len(x.text) < 4:
            continue
        m = _GENITIVE.search(x.text)
        if not m or x.text[m.start() - 1:m.start()] in ("s", "x", "z"):
            continue
        base = x.text[:m.start()]
        if x.label == "PER" and " " not in base and base.casefold() in surnames:
            x.end -= len(m.group())  # 'Hoels' where the document names Per Hoel
            x.text = base
        elif re.sub(r"\s+", " ", base.casefold()) in texts or (" " in base and whole_words(base).search(text)):
            x.end -= len(m.group())
            x.text = base


def _harmonise_labels(ents: list[Entity]) -> None:
    """One label per string in a document (case-insensitive)."""
    fixed: dict[str, str] = {}
    for e in ents:
        if e.source in ("structure", "attendees", "patterns", "gazetteer", "propagated") and e.label in ("PER", "ORG", "LOC"):
            fixed.setdefault(e.text.casefold(), e.label)
    for e in ents:  # 'på Dunkers': the place cue outweighs the model's guesses elsewhere
        if e.source == "weak":
            fixed.setdefault(e.text.casefold(), e.label)
    votes: dict[str, Counter] = defaultdict(Counter)
    for e in ents:
        if e.source == "model":
            votes[e.text.casefold()][e.label] += 1
    for e in ents:
        if e.source not in ("model", "names", "gazetteer_place"):
            continue
        key = e.text.casefold()
        base = key[:-1] if key.endswith("s") and len(key) > 3 else None  # genitive: 'Vorta Droms'
        e.label = (fixed.get(key) or (base and fixed.get(base))
                   or (votes[key].most_common(1)[0][0] if votes[key] else e.label))


def find_entities(text: str, meeting: dict | None, attendees: list[dict] | None,
                  params: NerParams | dict | None = None, blocks: list[dict] | None = None) -> list[Entity]:
    """All entities of one document, non-overlapping, sorted by offset."""
    p = NerParams.coerce(params)
    if not text or not text.strip():
        return []
    doc = DocContext.make(text, meeting, attendees, blocks, p)
    cands: list[Entity] = []
    for flag, layer in LAYERS:
        if getattr(p, flag):
            cands.extend(layer(doc))
    proposed = list(cands)
    cands = _veto(cands, doc.vetoed)
    if p.split_names:
        cands = _split_people(text, cands, doc)
    ents = _paren_orgs(text, _select(_prefer_whole_names(cands)), doc.vetoed)
    if p.patterns:
        ents = acronym_orgs(text, ents, doc.vetoed)
    if p.context:
        ents = apply_context(text, ents)
    _person_tokens(ents)
    if p.split_names:
        ents = _split_known_pairs(text, _join_wrapped_names(text, ents))
    ents = _org_branches(text, _org_with_place(text, ents))
    _genitives(text, ents)
    _harmonise_labels(ents)
    for e, n in zip(ents, count_layers(proposed, ents)):
        e.source, e.layers = SOURCE_OUT.get(e.source, e.source), n
    return ents


def recognise_entities(text: str, meeting: dict | None, attendees: list[dict], sections: list[dict],
                       params: NerParams | dict | None = None, blocks: list[dict] | None = None) -> list[dict]:
    """Entity rows (pipeline.contract.schema.ENTITIES) for one document; never raises on odd text."""
    meeting_id = meeting.get("meeting_id") if meeting else None
    text = text or ""
    ents = find_entities(text, meeting, attendees or [], params, blocks)
    sections = sections or []
    return [{"meeting_id": meeting_id, "section_id": section_at(sections, e.start), "label": e.label,
             "text": text[e.start:e.end], "start_char": e.start, "end_char": e.end,
             "normalized": e.normalized, "source": e.source, "layers": e.layers} for e in ents]
