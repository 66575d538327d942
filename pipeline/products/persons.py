"""People across the archive: link every way the minutes name a person to one person_id.

Inputs: the attendee rows and PER entities of every meeting (and the body that met, which
scopes first-name mentions). Output: the ``persons`` table and a lookup from each mention
to its person_id.

* A mention is cleaned first (``pipeline.lang.person_names``): a form label, a role or a job title
  is never a person ('Datum Plats', 'Verksamhetschef'), a title is not part of the name
  ('Professor Per Skålén' is Per Skålén), and two names glued together ('Anna Berg Per Lund') are
  two people (the glued mention itself gets no person_id).
* Full names are keyed by the first name and the surnames, a hyphenated surname read as two
  ('Domellöf-Mattsson' = 'Domellöf Mattsson'), a table's 'Surname Firstname' turned round. The
  same key, or a spelling variant of it (rapidfuzz), is the same person across the archive.
* A name with and without a middle name or a second surname ('Maj-Britt Rane Andersson' and
  'Maj-Britt Andersson', 'Karin Knutsson Friberg' and 'Karin Friberg'), or with the surname as its
  initial ('Thomas K'), is the same person only when
  the circle says so: both are named in one meeting, or in meetings of one body, or in meetings
  that share other people.
* First names, surnames, nicknames and genitives are resolved to a full name of the same meeting,
  else of the same body, else of the archive when the circle of people overlaps, when that is
  unambiguous; a first name that cannot be resolved stays a person of its own within its body,
  never merged on a guess.
"""
from __future__ import annotations

import hashlib
import re
import sys
from collections import Counter, defaultdict
from dataclasses import dataclass, field

from rapidfuzz import fuzz

from pipeline.contract.stage import Params, StageSpec, param
from pipeline.lang.fold import fold_name_key as fold
from pipeline.lang.names import is_first_name, nicknames
from pipeline.lang.person_names import name_parts

FULL_NAME_SIMILARITY = 90  # rapidfuzz ratio on folded name keys
ARCHIVE_LINK_MIN_SHARED = 2  # people a meeting must share with a person's other meetings to link a short name


def _tokens(name: str) -> list[str]:
    return [t for t in re.split(r"\s+", name.strip()) if t]


def name_key(name: str) -> str | None:
    """'Ulrika Domellöf-Mattsson' -> 'ulrika domellof mattsson'; 'Ekhem Mattias' -> 'mattias ekhem';
    None for one word."""
    toks = _tokens(name)
    if len(toks) < 2:
        return None
    if len(toks) == 2 and not is_first_name(toks[0]) and is_first_name(toks[1]):
        toks = [toks[1], toks[0]]  # a table's 'Surname Firstname'
    rest = [p for t in toks[1:] for p in t.split("-") if p]
    return " ".join([fold(toks[0])] + [fold(p) for p in rest])


def _core(key: str) -> tuple[str, frozenset[str]]:
    first, *rest = key.split(" ")
    return first, frozenset(rest)


def _initial_of(short: frozenset[str], full: frozenset[str]) -> bool:
    """'Thomas K' (or 'Thomas K.') beside 'Thomas Kvist': the surname written as its initial."""
    letters = {p.rstrip(".") for p in short}
    return len(short) == 1 and all(len(x) == 1 for x in letters) and any(f[:1] in letters and len(f) > 1 for f in full)


def clean_mention(text: str) -> list[str]:
    """The names a mention holds: [] for a label or title, two for a glued pair."""
    return [text[s:e] for s, e in name_parts(text, 0, len(text))]


def person_id(key: str) -> str:
    return "p-" + hashlib.sha1(key.encode("utf-8")).hexdigest()[:10]


@dataclass(slots=True)
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


@dataclass(frozen=True)
class PersonsParams(Params):
    full_name_similarity: int = param(FULL_NAME_SIMILARITY, "rapidfuzz ratio on folded name keys")
    archive_link_min_shared: int = param(ARCHIVE_LINK_MIN_SHARED, "people a meeting must share with a person's "
                                                                  "other meetings to link a short name or a variant")


class PersonIndex:
    """Builds the persons of an archive from its mentions; then answers mention → person_id.

    Use: ``add_record`` for every record (first pass), ``build()``, then ``annotate`` every
    record (second pass) and write ``rows()`` as the persons table. Identical mentions (same
    meeting, text and resolution) are stored once, so memory grows with distinct names, not
    with the number of mentions.
    """

    def __init__(self, params: PersonsParams | None = None) -> None:
        params = params or PersonsParams()
        self.full_name_similarity = params.full_name_similarity
        self.archive_link_min_shared = params.archive_link_min_shared
        self._mentions: list[Mention] = []
        self._index: dict[tuple, int] = {}
        self._counts: list[int] = []
        self._not_people: set[tuple[str, str]] = set()  # (meeting, text): labels, titles, glued pairs
        self._link: dict[int, str] = {}  # mention -> how it was linked (person_mentions.link)
        self._via: dict[str, str] = {}   # name key -> 'spelling' or 'variant': how it joined another key

    def add(self, mention: Mention) -> int | None:
        if not (mention.text and mention.text.strip()):
            return None
        parts = clean_mention(mention.text)
        if len(parts) != 1:
            self._not_people.add((mention.meeting_id, mention.text))
            for part in parts:  # 'Anna Berg Per Lund': two people, each a mention of its own
                self._add(Mention(mention.meeting_id, mention.body, part, None, mention.organisation))
            return None
        if parts[0] != mention.text.strip():  # 'Professor Per Skålén' is a mention of 'Per Skålén'
            written = (mention.meeting_id, mention.text, mention.resolved)
            i = self._add(Mention(mention.meeting_id, mention.body, parts[0], mention.resolved, mention.organisation))
            self._index.setdefault(written, i)
            return i
        return self._add(mention)

    def _add(self, mention: Mention) -> int:
        # names repeat across thousands of meetings: one string object each keeps the index small
        mention.text = sys.intern(mention.text)
        mention.resolved = sys.intern(mention.resolved) if mention.resolved else None
        mention.body = sys.intern(mention.body) if mention.body else None
        key = (mention.meeting_id, mention.text, mention.resolved)
        i = self._index.get(key)
        if i is None:
            i = self._index[key] = len(self._mentions)
            self._mentions.append(mention)
            self._counts.append(0)
        elif mention.organisation and not self._mentions[i].organisation:
            self._mentions[i].organisation = mention.organisation
        self._counts[i] += 1
        return i

    @staticmethod
    def _resolution(row: dict) -> str | None:
        norm = row.get("normalized")
        return norm if norm and norm != row.get("text") else None

    def add_record(self, rec) -> None:
        """The attendee rows and PER entities of one record."""
        m = rec.meeting
        if m is None:
            return
        body = m.get("body")
        for a in rec.attendees:
            if a.get("name"):
                self.add(Mention(a["meeting_id"], body, a["name"], None, a.get("organisation")))
        for e in rec.entities:
            if e.get("label") == "PER":
                self.add(Mention(e["meeting_id"], body, e["text"], self._resolution(e)))

    def _lookup(self, meeting_id: str, text: str | None, resolved: str | None) -> str | None:
        return self._linked(meeting_id, text, resolved)[0]

    def _linked(self, meeting_id: str, text: str | None, resolved: str | None) -> tuple[str | None, str | None]:
        """(person_id, how it was linked) of a mention; (None, None) when it names no person."""
        if not text or (meeting_id, text) in self._not_people:
            return None, None
        i = self._index.get((meeting_id, text, resolved if resolved != text else None))
        if i is None:
            i = self._index.get((meeting_id, text, None))
        if i is not None:
            pid = self.person_id_of(i)
            return pid, self._link.get(i) if pid else None
        parts = clean_mention(text)
        k = name_key(resolved or "") or (name_key(parts[0]) if len(parts) == 1 else None)
        lead = self._canonical_key.get(k) if k else None
        if not (lead and lead in self._persons):
            return None, None
        return person_id(lead), "name" if lead == k else self._via.get(k, "spelling")

    def link_of(self, meeting_id: str, text: str | None, resolved: str | None = None) -> str | None:
        """How a mention was tied to its person (the evidence of its confidence; see person_mentions.link)."""
        return self._linked(meeting_id, text, resolved)[1]

    def person_of(self, meeting_id: str, text: str | None) -> str | None:
        """The person_id of a name written in a meeting (the author, say); None when none fits."""
        return self._lookup(meeting_id, text, None)

    def annotate(self, rec) -> None:
        """Set person_id on attendees and PER entities, assignee_person_ids on action items."""
        for a in rec.attendees:
            a["person_id"] = self._lookup(a["meeting_id"], a.get("name"), None)
        for e in rec.entities:
            e["person_id"] = self._lookup(e["meeting_id"], e["text"], self._resolution(e)) \
                if e.get("label") == "PER" else None
        for item in rec.action_items:
            names = item.get("assignees") or []
            resolved = item.get("assignees_resolved") or [None] * len(names)
            item["assignee_person_ids"] = [self._lookup(item["meeting_id"], n, r) for n, r in zip(names, resolved)]

    def build(self) -> None:
        self._cluster_full_names()
        self._resolve_short_mentions()

    # -- full names ------------------------------------------------------------------------
    def _mention_key(self, m: Mention) -> str | None:
        return name_key(m.resolved or "") or name_key(m.text)

    def _cluster_full_names(self) -> None:
        keys: Counter = Counter()
        meetings_of: dict[str, set[str]] = defaultdict(set)
        bodies_of: dict[str, set] = defaultdict(set)
        for m in self._mentions:
            for name in (m.resolved, m.text):
                k = name_key(name) if name else None
                if k:
                    keys[k] += 1
                    meetings_of[k].add(m.meeting_id)
                    bodies_of[k].add(m.body)
        parent = {k: k for k in keys}

        def find(k: str) -> str:
            while parent[k] != k:
                parent[k] = parent[parent[k]]
                k = parent[k]
            return k

        def union(a: str, b: str) -> None:
            ra, rb = find(a), find(b)
            if ra != rb:  # the most frequent spelling leads
                lead, other = sorted((ra, rb), key=lambda k: (-keys[k], k))
                parent[other] = lead

        self._link_spellings(keys, union)
        self._link_variants(keys, meetings_of, bodies_of, union)
        self._canonical_key = {k: find(k) for k in keys}
        self._persons: dict[str, _Person] = {}
        # full-name persons per meeting and per body, for resolving short mentions
        self._in_meeting: dict[str, set[str]] = defaultdict(set)
        self._in_body: dict[str | None, set[str]] = defaultdict(set)
        self._of_mention: dict[int, str] = {}
        for i, m in enumerate(self._mentions):
            k = self._mention_key(m)
            if not k:
                continue
            lead = self._canonical_key[k]
            self._attach(i, m, lead)
            self._link[i] = "name" if lead == k else self._via.get(k, "spelling")
            self._in_meeting[m.meeting_id].add(lead)
            self._in_body[m.body].add(lead)

    def _link_spellings(self, keys: Counter, union) -> None:
        """OCR and spelling variants ('Näslund'/'Nässlund'); blocking by initials keeps it cheap."""
        blocks: dict[tuple[str, str], list[str]] = defaultdict(list)
        for k in keys:
            first, _, rest = k.partition(" ")
            blocks[(first[:1], rest[:1])].append(k)
        for block in blocks.values():
            block.sort(key=lambda k: (-keys[k], k))
            leaders: list[str] = []
            for k in block:
                lead = next((ld for ld in leaders if fuzz.ratio(k, ld) >= self.full_name_similarity
                             and fuzz.ratio(k.split(" ")[0], ld.split(" ")[0]) >= 80), None)
                if lead is None:
                    leaders.append(k)
                else:
                    union(lead, k)
                    self._via.setdefault(k, "spelling")
                    self._via.setdefault(lead, "spelling")

    def _link_variants(self, keys: Counter, meetings_of: dict, bodies_of: dict, union) -> None:
        """With and without a middle name or second surname, where the circle says so."""
        by_first: dict[str, list[str]] = defaultdict(list)
        for k in keys:
            by_first[k.split(" ")[0]].append(k)
        people_in: dict[str, set[str]] = defaultdict(set)
        for k, ms in meetings_of.items():
            for mid in ms:
                people_in[mid].add(k)
        for group in by_first.values():
            if len(group) < 2:
                continue
            for a in group:
                sa = _core(a)[1]
                for b in group:
                    sb = _core(b)[1]
                    if a == b or not (sa < sb or _initial_of(sa, sb)):
                        continue
                    if self._same_circle(a, b, meetings_of, bodies_of, people_in):
                        union(b, a)
                        self._via.setdefault(a, "variant")
                        self._via.setdefault(b, "variant")

    def _same_circle(self, a: str, b: str, meetings_of: dict, bodies_of: dict, people_in: dict) -> bool:
        if meetings_of[a] & meetings_of[b] or (bodies_of[a] & bodies_of[b]) - {None}:
            return True
        around_a = set().union(*(people_in[mid] for mid in meetings_of[a])) - {a, b}
        around_b = set().union(*(people_in[mid] for mid in meetings_of[b])) - {a, b}
        return len(around_a & around_b) >= self.archive_link_min_shared

    def _attach(self, i: int, m: Mention, key: str) -> None:
        p = self._persons.setdefault(key, _Person(key))
        p.forms[m.text.strip()] += self._counts[i]
        if m.resolved:
            p.forms[m.resolved.strip()] += 0  # known as a form, does not outvote what is written
        if m.organisation:
            p.organisations.add(m.organisation)
        p.meetings.add(m.meeting_id)
        p.mentions += self._counts[i]
        self._of_mention[i] = key

    # -- first names, surnames, nicknames ----------------------------------------------------
    def _matches(self, token: str, key: str) -> bool:
        first, *rest = key.split(" ")
        t = fold(token)
        if t.endswith("s") and len(t) > 3 and t != first and t not in rest:
            t = t[:-1]  # genitive: 'Davids', 'Bergströms'
        if t == first or t in rest:
            return True
        formal = {fold(f) for f in nicknames().get(token.strip(), [])}
        return first in formal

    def _archive_candidate(self, token: str, meeting_id: str, by_part: dict[str, list[str]]) -> str | None:
        """The one full-name person of the whole archive the short name fits, provided the people
        of the mention's meeting and of that person's meetings overlap (the same circle of people):
        'David' in one group's notes is the David Bergström who sits with the same people elsewhere."""
        t = fold(token)
        keys = set(by_part.get(t, []) + by_part.get(t[:-1], []))
        for formal in nicknames().get(token, []):
            keys.update(by_part.get(fold(formal), []))
        cands = [k for k in keys if self._matches(token, k)]
        if len(cands) != 1:
            return None
        key = cands[0]
        here = self._in_meeting[meeting_id] - {key}
        there = set().union(*(self._in_meeting[mid] for mid in self._persons[key].meetings)) - {key}
        return key if len(here & there) >= self.archive_link_min_shared else None

    def _scoped_candidate(self, token: str, m: Mention) -> tuple[str | None, bool]:
        """The one full name of the mention's meeting, else of its body, that the short name fits;
        (None, True) when several fit (ambiguous: no guess)."""
        for scope in (self._in_meeting[m.meeting_id], self._in_body[m.body]):
            cands = [k for k in scope if self._matches(token, k)]
            if len(cands) == 1:
                return cands[0], False
            if len(cands) > 1:
                return None, True
        return None, False

    def _resolve_short_mentions(self) -> None:
        by_part: dict[str, list[str]] = defaultdict(list)
        for k in list(self._persons):
            for part in set(k.split(" ")):
                by_part[part].append(k)
        pending, alone = [], []
        for i, m in enumerate(self._mentions):
            if i in self._of_mention:
                continue
            key, ambiguous = self._scoped_candidate(m.text.strip(), m)
            if key is not None:
                self._attach(i, m, key)
                self._link[i] = "meeting" if key in self._in_meeting[m.meeting_id] else "body"
            else:
                (alone if ambiguous else pending).append(i)
        # across the archive in rounds: a link widens the person's circle of meetings for the next
        # round, and no link depends on the order in which the mentions came
        while pending:
            found = {i: k for i in pending
                     if (k := self._archive_candidate(self._mentions[i].text.strip(), self._mentions[i].meeting_id,
                                                      by_part))}
            for i, key in found.items():
                self._attach(i, self._mentions[i], key)
                self._link[i] = "archive"
            if not found:
                break
            pending = [i for i in pending if i not in found]
        for i in sorted(alone + pending):
            m = self._mentions[i]
            self._attach(i, m, f"{fold(m.text.strip())} @ {fold(m.body or '')}")
            self._link[i] = "alone"

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


def link_persons(records: list, params: PersonsParams | None = None) -> list[dict]:
    """Give the records their person_ids in place; returns the persons table's rows."""
    index = PersonIndex(params)
    for rec in records:
        index.add_record(rec)
    index.build()
    for rec in records:
        index.annotate(rec)
    return index.rows()


STAGE = StageSpec(
    name="persons",
    params=PersonsParams,
    requires=("meetings", "attendees", "entities", "action_items"),
    assigns=("persons", "attendees.person_id", "entities.person_id", "action_items.assignee_person_ids"),
    code=("pipeline/products/persons.py", "pipeline/lang/person_names.py", "pipeline/lang/roles.py"),
    resources=("pipeline/lang/nicknames.json", "pipeline/lang/first_names.txt"),
    kind="archive",
    description="people across the archive: one person_id per person, every name form",
)
