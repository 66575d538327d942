"""People across the archive: link every way the minutes name a person to one person_id.

Inputs: the attendee rows and PER entities of every meeting (and the body that met, which
scopes first-name mentions). Output: the ``persons`` table and a lookup from each mention
to its person_id. Full names are clustered with rapidfuzz (OCR and spelling variants,
middle names); first names, surnames, nicknames and genitives are resolved to a full name
of the same meeting, else of the same body, when that is unambiguous; a first name that
cannot be resolved stays a person of its own within its body, never merged on a guess.
"""
from __future__ import annotations

import hashlib
import re
import unicodedata
from collections import Counter, defaultdict
from dataclasses import dataclass, field

from rapidfuzz import fuzz

from pipeline.ner.people import nicknames

FULL_NAME_SIMILARITY = 90  # rapidfuzz ratio on folded 'first last' keys


def fold(s: str) -> str:
    """Case, diacritics and spacing folded: 'Pålsson' and OCR'd 'Palsson' meet."""
    s = unicodedata.normalize("NFKD", s)
    s = "".join(c for c in s if not unicodedata.combining(c)).casefold()
    return re.sub(r"\s+", " ", s).strip(" .,:;")


def _tokens(name: str) -> list[str]:
    return [t for t in re.split(r"\s+", name.strip()) if t]


def _full_key(name: str) -> str | None:
    """'Anna Maria Svensson' -> 'anna svensson' (first and last name); None for one word."""
    toks = _tokens(name)
    if len(toks) < 2:
        return None
    return f"{fold(toks[0])} {fold(toks[-1])}"


def person_id(key: str) -> str:
    return "p-" + hashlib.sha1(key.encode("utf-8")).hexdigest()[:10]


@dataclass
class Mention:
    """One naming of a person: an attendee row or a PER entity."""
    meeting_id: str
    body: str | None
    text: str
    resolved: str | None = None  # a full name the NER stage already resolved the mention to
    organisation: str | None = None


@dataclass
class _Person:
    key: str
    forms: Counter = field(default_factory=Counter)
    organisations: set = field(default_factory=set)
    meetings: set = field(default_factory=set)
    mentions: int = 0


class PersonIndex:
    """Builds the persons of an archive from its mentions; then answers mention → person_id."""

    def __init__(self) -> None:
        self._mentions: list[Mention] = []

    def add(self, mention: Mention) -> None:
        if mention.text and mention.text.strip():
            self._mentions.append(mention)

    def build(self) -> None:
        self._cluster_full_names()
        self._resolve_short_mentions()

    # -- full names ------------------------------------------------------------------------
    def _cluster_full_names(self) -> None:
        keys = Counter()
        for m in self._mentions:
            for name in (m.resolved, m.text):
                k = _full_key(name) if name else None
                if k:
                    keys[k] += 1
        # blocking by initials keeps the comparison cheap on large archives
        blocks: dict[tuple[str, str], list[str]] = defaultdict(list)
        for k in keys:
            first, last = k.split(" ", 1)
            blocks[(first[:1], last[:1])].append(k)
        self._canonical_key: dict[str, str] = {}
        for block in blocks.values():
            block.sort(key=lambda k: (-keys[k], k))  # the most frequent spelling leads its cluster
            leaders: list[str] = []
            for k in block:
                lead = next((ld for ld in leaders if fuzz.ratio(k, ld) >= FULL_NAME_SIMILARITY
                             and fuzz.ratio(k.split(" ")[0], ld.split(" ")[0]) >= 80), None)
                if lead is None:
                    leaders.append(k)
                    lead = k
                self._canonical_key[k] = lead
        self._persons: dict[str, _Person] = {}
        # full-name persons per meeting and per body, for resolving short mentions
        self._in_meeting: dict[str, set[str]] = defaultdict(set)
        self._in_body: dict[str | None, set[str]] = defaultdict(set)
        self._of_mention: dict[int, str] = {}
        for i, m in enumerate(self._mentions):
            k = _full_key(m.resolved or "") or _full_key(m.text)
            if not k:
                continue
            lead = self._canonical_key[k]
            self._attach(i, m, lead)
            self._in_meeting[m.meeting_id].add(lead)
            self._in_body[m.body].add(lead)

    def _attach(self, i: int, m: Mention, key: str) -> None:
        p = self._persons.setdefault(key, _Person(key))
        p.forms[m.text.strip()] += 1
        if m.resolved:
            p.forms[m.resolved.strip()] += 0  # known as a form, does not outvote what is written
        if m.organisation:
            p.organisations.add(m.organisation)
        p.meetings.add(m.meeting_id)
        p.mentions += 1
        self._of_mention[i] = key

    # -- first names, surnames, nicknames ----------------------------------------------------
    def _matches(self, token: str, key: str) -> bool:
        first, last = key.split(" ", 1)
        t = fold(token)
        if t.endswith("s") and len(t) > 3 and t not in (first, last):
            t = t[:-1]  # genitive: 'Davids', 'Bergströms'
        if t in (first, last):
            return True
        formal = {fold(f) for f in nicknames().get(token.strip(), [])}
        return first in formal

    def _resolve_short_mentions(self) -> None:
        for i, m in enumerate(self._mentions):
            if i in self._of_mention:
                continue
            token = m.text.strip()
            key = None
            for scope in (self._in_meeting[m.meeting_id], self._in_body[m.body]):
                cands = [k for k in scope if self._matches(token, k)]
                if len(cands) == 1:
                    key = cands[0]
                    break
                if len(cands) > 1:
                    break  # ambiguous: do not guess
            if key is None:
                key = f"{fold(token)} @ {fold(m.body or '')}"
            self._attach(i, m, key)

    # -- results -------------------------------------------------------------------------------
    def person_id_of(self, i: int) -> str | None:
        key = self._of_mention.get(i)
        return person_id(key) if key else None

    def rows(self) -> list[dict]:
        out = []
        for key, p in sorted(self._persons.items(), key=lambda kv: person_id(kv[0])):
            full = [f for f in p.forms if len(_tokens(f)) >= 2]
            pool = full or list(p.forms)
            name = max(pool, key=lambda f: (p.forms[f], len(f), f))
            out.append({"person_id": person_id(key), "name": name, "variants": sorted(p.forms),
                        "organisations": sorted(p.organisations), "n_meetings": len(p.meetings),
                        "n_mentions": p.mentions})
        return out
