"""A pseudonymised copy of a written dataset: every person's name becomes 'Person N'.

``pseudonymize_dataset(src_dir, dst_dir)`` reads an output folder of ``minutes run`` and
writes a copy (same tables, schemas and file layout; written atomically) in which every
person name in every string column is replaced by a stable pseudonym:

* **Who is a person.** The persons the pipeline found: the ``persons`` table (when present),
  attendee names, PER entities, action-item assignees that resolve to a person (or look like
  a personal name), the minutes' author, and full names written in the text whose first name
  is one of these or a common first name (``pipeline.stages.ner.names``): 'Professor Per Skålén'
  when 'Per' is a known first name. Names that no layer recognises as a name cannot be
  replaced: the pseudonymisation is as good as the NER's recall of people.
* **What stays.** Organisations and places: ORG/LOC entity spans are never rewritten; a PER
  mention that the attendee lists give as an organisation ('Vorta Drom', written after a name)
  is an organisation; a one-word ORG/LOC ('Helsingborg') is not taken for a surname on its own
  unless it is part of an attendee's name.
* **Same person, same number.** A person is identified by the ``persons`` table's person_id
  when present, else by the folded full name (first and last name). A first name, surname,
  nickname ('Bosse' → Bo) or genitive ('Bengts') is resolved like the person linker does:
  to the one person of the same meeting with that name, else of the same body, else of the
  archive; PER entities whose ``normalized`` gives the full name resolve to that person. A
  short name that stays ambiguous becomes a pseudonym of its own (per meeting or body) —
  never a guess. Numbers are assigned in the order of a hash of the person key, so they
  reveal nothing about names or the order of meetings.
* **What changes.** Every string and list-of-string column of every table (documents.text,
  text_raw and source_path, meetings.title/author, attendees.name, sections.title, entity
  text/normalized, decision and action-item text, assignees, corrections original/replacement,
  persons name/variants, ...) and the strings of ``run.json``. Matching is case-sensitive on
  the first letter (the preposition 'per' is not the name 'Per') and diacritics-insensitive
  ('Bergstrom' from OCR is Bergström). E-mail addresses whose local part contains a person's
  name become ``[e-post Person N]``; a genitive becomes ``Person N:s``. ``person_id`` values
  are replaced too (the originals are a hash of the name,
  which a dictionary attack would reverse); they stay consistent across tables.
* **Offsets.** Text changes length, so every ``start_char``/``end_char`` (and
  ``meetings.title_start_char``) is recomputed to index the pseudonymised ``documents.text``;
  a span that began or ended inside a replaced name now begins or ends at the pseudonym.
  Where a row's text was the slice of the document at its offsets, it is again exactly that
  slice. ``corrections.start_char`` is recomputed for the pseudonymised ``text_raw``; the
  same names are replaced in ``text_raw`` and ``text``, so ``text`` is still ``text_raw``
  with the corrections applied. Corrections *inside* a person's name are dropped (they would
  disclose the spelling of the name); their number is reported.
* **Not copied.** ``.cache`` (it holds the original records), lock and temporary files, and
  any file that is not a table or JSON. Pseudonymising in place (``dst_dir == src_dir``)
  leaves ``.cache`` where it is: share a separate folder.
"""
from __future__ import annotations

import hashlib
import json
import os
import re
import shutil
import tempfile
from bisect import bisect_left, bisect_right
from collections import defaultdict
from dataclasses import dataclass, field
from functools import lru_cache
from itertools import pairwise
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq

from pipeline.contract.schema import ALL_TABLES
from pipeline.lang.fold import fold_name as fold

PSEUDONYM = "Person {n}"
EMAIL_PSEUDONYM = "[e-post {pseudonym}]"
ID_COLUMNS = {"doc_id", "meeting_id", "section_id", "person_id", "assignee_person_ids"}
OFFSET_TABLES = ("attendees", "sections", "entities", "decisions", "action_items")
PROTECTED_LABELS = {"ORG", "LOC"}
MIN_SHORT = 2        # shortest name token matched (only where the meeting itself names the person)
MIN_ARCHIVE = 3      # shortest name token matched in meetings where the person is not known
COMMON_WORD_ZIPF = 4.5  # a capitalised word this frequent in Swedish is not taken for a surname

_TOKEN = re.compile(r"[^\W\d_]+(?:[-'’][^\W\d_]+)*")
_GAP = re.compile(r"[ \t\u00a0]*\n?[ \t\u00a0]*")
_USED = re.compile(PSEUDONYM.format(n=r"\d+"))
_EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")


# -- helpers ---------------------------------------------------------------------------------
def name_tokens(s: str | None) -> tuple[str, ...]:
    """Folded word tokens of a name: 'Anna-Karin Ek' -> ('anna-karin', 'ek')."""
    return tuple(fold(t) for t in _TOKEN.findall(s or ""))


def _name_like(tok: str) -> bool:
    """'Skålén' yes; 'PO', 'och', '12' no."""
    return tok[:1].isupper() and any(c.islower() for c in tok[1:])


@lru_cache(maxsize=1)
def _nicknames() -> dict[str, list[str]]:
    try:
        from pipeline.stages.ner.people import nicknames
        return nicknames()
    except Exception:  # noqa: BLE001 - nicknames are a nicety; pseudonymisation works without
        return {}


@lru_cache(maxsize=1)
def _common_first_names() -> frozenset[str]:
    """Common first names in Sweden (pipeline.stages.ner.names), folded; empty where unavailable."""
    try:
        from pipeline.stages.ner.names import first_names
        return frozenset(fold(n) for n in first_names())
    except Exception:  # noqa: BLE001 - an optional list: names the NER found are used anyway
        return frozenset()


@lru_cache(maxsize=4096)
def _common_word(tok: str) -> bool:
    try:
        from wordfreq import zipf_frequency
    except ImportError:
        return False
    return zipf_frequency(tok.lower(), "sv") >= COMMON_WORD_ZIPF


def _pid_for(pseudonym: str) -> str:
    return "p-" + hashlib.sha1(f"pseudonym:{pseudonym}".encode()).hexdigest()[:10]


@dataclass(frozen=True)
class Alignment:
    """One correction placed in both texts: text_raw[raw_start:raw_end] became text[start:end]."""
    raw_start: int
    raw_end: int
    start: int
    end: int
    original: str
    replacement: str


def align_corrections(text_raw: str | None, corrections: list[dict]) -> list[Alignment]:
    """Where each correction is in ``documents.text`` (corrections index ``text_raw``).

    ``text`` is ``text_raw`` with the corrections applied in order of ``start_char``, so the
    offset of a correction in ``text`` is its raw offset plus the length change of the
    corrections before it. Corrections that do not match ``text_raw`` are skipped.
    """
    out: list[Alignment] = []
    if not text_raw:
        return out
    delta, pos = 0, 0
    for c in sorted(corrections, key=lambda c: c["start_char"]):
        s, orig, rep = c["start_char"], c.get("original") or "", c.get("replacement") or ""
        if s is None or s < pos or text_raw[s:s + len(orig)] != orig:
            continue
        out.append(Alignment(s, s + len(orig), s + delta, s + delta + len(rep), orig, rep))
        delta += len(rep) - len(orig)
        pos = s + len(orig)
    return out


class OffsetMap:
    """Maps offsets of an old text into a new one in which spans were replaced.

    ``spans``: sorted, non-overlapping (old_start, old_end, new_start, new_end). An offset
    inside a replaced span maps to the new span's start (for starts) or end (for ends).
    """

    def __init__(self, spans: list[tuple[int, int, int, int]]):
        self.spans = spans
        self._starts = [s[0] for s in spans]

    def start(self, p: int | None) -> int | None:
        if p is None:
            return None
        i = bisect_right(self._starts, p) - 1
        if i < 0:
            return p
        _, oe, ns, ne = self.spans[i]
        return ns if p < oe else p + ne - oe

    def end(self, p: int | None) -> int | None:
        if p is None:
            return None
        i = bisect_left(self._starts, p) - 1
        if i < 0:
            return p
        _, oe, _, ne = self.spans[i]
        return ne if p <= oe else p + ne - oe


# -- finding names in strings ----------------------------------------------------------------
@dataclass
class Hit:
    start: int
    end: int
    key: str
    genitive: bool = False
    email: bool = False


class _Intervals:
    """Answers 'does [s, e) overlap any of these spans?' in O(log n)."""

    def __init__(self, spans: list[tuple[int, int]]):
        spans = sorted(spans)
        self.starts = [a for a, _ in spans]
        self.max_end, m = [], -1
        for _, b in spans:
            m = max(m, b)
            self.max_end.append(m)

    def overlaps(self, s: int, e: int) -> bool:
        i = bisect_left(self.starts, e)  # spans starting before e
        return i > 0 and self.max_end[i - 1] > s


class NameMatcher:
    """Finds the names of one scope (a meeting, or the whole archive) in strings.

    ``forms``: folded token tuples -> person key; multi-word forms first, then single words.
    """

    def __init__(self, forms: dict[tuple[str, ...], str], email_tokens: dict[str, str]):
        self.forms = forms
        self.maxn = max((len(k) for k in forms), default=0)
        self.email_tokens = email_tokens

    def _lookup(self, toks: list[tuple[int, int, str]], text: str) -> tuple[str, bool, int] | None:
        """The person of these tokens (key, genitive, end) if they form a known name."""
        first = toks[0][2]
        folded = [fold(t) for _, _, t in toks]
        firsts = []
        if first[:1].isupper():
            firsts.append(folded[0])
        if len(toks) > 1 and first[:1] == "l" and len(first) > 1:  # OCR: 'la Jonsson' is 'Ia Jonsson'
            firsts.append("i" + folded[0][1:])
        end = toks[-1][1]
        for f in firsts:
            tup = (f, *folded[1:])
            key = self.forms.get(tup)
            if key:
                if text[end:end + 2] == ":s" and not text[end + 2:end + 3].isalnum():
                    return key, True, end + 2
                return key, False, end
            last = tup[-1]
            for suffix in ("'s", "’s", "s"):
                if last.endswith(suffix) and len(last) > len(suffix) + 1:
                    key = self.forms.get((*tup[:-1], last[:-len(suffix)]))
                    if key:
                        return key, True, end
        return None

    def find(self, text: str | None, protected: list[tuple[int, int]] = ()) -> list[Hit]:
        if not text:
            return []
        hits: list[Hit] = []
        for m in _EMAIL.finditer(text):
            key = self._email_key(m.group(0))
            if key:
                hits.append(Hit(m.start(), m.end(), key, email=True))
        taken = _Intervals([(h.start, h.end) for h in hits] + list(protected))
        toks = [(m.start(), m.end(), m.group(0)) for m in _TOKEN.finditer(text)]
        i = 0
        while i < len(toks):
            s = toks[i][0]
            if taken.overlaps(s, toks[i][1]):
                i += 1
                continue
            found = None
            for n in range(min(self.maxn, len(toks) - i), 0, -1):
                group = toks[i:i + n]
                if any(not _GAP.fullmatch(text[group[j][1]:group[j + 1][0]]) for j in range(n - 1)):
                    continue
                if taken.overlaps(s, group[-1][1]):
                    continue
                r = self._lookup(group, text)
                if r:
                    found = (n, r)
                    break
            if found:
                n, (key, gen, end) = found
                hits.append(Hit(s, end, key, gen))
                i += n
            else:
                i += 1
        return sorted(hits, key=lambda h: h.start)

    def _email_key(self, address: str) -> str | None:
        local = address.split("@", 1)[0]
        parts = [fold(p) for p in re.split(r"[._+-]+", local) if p]
        keys = [self.email_tokens[p] for p in parts if p in self.email_tokens]
        if not keys:
            return None
        best = max(set(keys), key=keys.count)
        return best

    def sub(self, text, pseudonyms: dict[str, str]):
        """The string with every name replaced (None and non-strings pass through)."""
        if not isinstance(text, str):
            return text
        return apply_hits(text, self.find(text), pseudonyms)[0]


def render(hit: Hit, pseudonyms: dict[str, str]) -> str:
    p = pseudonyms[hit.key]
    if hit.email:
        return EMAIL_PSEUDONYM.format(pseudonym=p)
    return p + (":s" if hit.genitive else "")


def apply_hits(text: str, hits: list[Hit], pseudonyms: dict[str, str]):
    """(new text, offset spans (old_start, old_end, new_start, new_end))."""
    out, spans, pos, delta = [], [], 0, 0
    for h in hits:
        if h.start < pos:
            continue
        rep = render(h, pseudonyms)
        out.append(text[pos:h.start])
        out.append(rep)
        spans.append((h.start, h.end, h.start + delta, h.start + delta + len(rep)))
        delta += len(rep) - (h.end - h.start)
        pos = h.end
    out.append(text[pos:])
    return "".join(out), spans


# -- who is who --------------------------------------------------------------------------------
@dataclass
class _Meeting:
    meeting_id: str
    doc_id: str
    body: str | None
    keys: set = field(default_factory=set)                 # persons named in the meeting
    mentions: dict = field(default_factory=dict)           # folded single token -> key (explicit)
    unresolved: set = field(default_factory=set)           # folded single tokens still to resolve
    protected_texts: set = field(default_factory=set)      # folded ORG/LOC texts


class PersonKeys:
    """Every person of a dataset, their name forms, and the pseudonyms."""

    def __init__(self, rows: dict[str, list[dict]]):
        self.rows = rows
        self.full: dict[tuple[str, ...], str] = {}        # multi-word form -> key
        self.names_of: dict[str, set[tuple[str, ...]]] = defaultdict(set)
        self.meetings: dict[str, _Meeting] = {}
        self._pid_of_fullkey: dict[tuple[str, str], str] = {}
        self.pids: set[str] = set()
        self.org_pids: set[str] = set()
        self.organisations = self._organisations(rows)
        self._build()

    @staticmethod
    def _organisations(rows: dict[str, list[dict]]) -> set[str]:
        """Organisations written after names in attendee lists ('Ria/G7'), never a person's name."""
        try:
            from pipeline.stages.ner.people import split_organisations
        except ImportError:  # pragma: no cover
            def split_organisations(org):
                return [p.strip(" .-–") for p in re.split(r"\s*(?:/|,|;|\boch\b|&)\s*", org or "") if p.strip()]
        orgs = {" ".join(name_tokens(o)) for a in rows.get("attendees", [])
                for o in split_organisations(a.get("organisation"))}
        people = {" ".join(name_tokens(a.get("name"))) for a in rows.get("attendees", [])}
        return {o for o in orgs - people if o}

    def is_organisation(self, text: str | None) -> bool:
        """A PER mention that the attendee lists name as an organisation ('Vorta Drom', 'Vorta Droms')."""
        f = " ".join(name_tokens(text))
        return bool(f) and (f in self.organisations or any(f.endswith(g) and f[:-len(g)] in self.organisations
                                                           for g in ("'s", "’s", "s")))

    # keys -----------------------------------------------------------------------------------
    def _full_key(self, toks: tuple[str, ...]) -> str:
        pid = self._pid_of_fullkey.get((toks[0], toks[-1]))
        return pid or "name:" + " ".join((toks[0], toks[-1]))

    def _add_full(self, toks: tuple[str, ...], key: str) -> None:
        if len(toks) >= 2:
            self.full.setdefault(toks, key)
            self.names_of[key].add(toks)

    def _mention(self, m: _Meeting, text: str | None, key: str | None = None, resolved: str | None = None) -> None:
        toks = name_tokens(text)
        if not toks or self.is_organisation(text):
            return
        rtoks = name_tokens(resolved)
        if key is None and len(rtoks) >= 2:
            key = self._full_key(rtoks)
        if key is None and len(toks) >= 2:
            key = self._full_key(toks)
        if key is not None:
            self._add_full(toks, key)
            self._add_full(rtoks, key)
            m.keys.add(key)
            if len(toks) == 1:
                m.mentions[toks[0]] = key
        elif len(toks) == 1:
            m.unresolved.add(toks[0])

    def _build(self) -> None:
        rows = self.rows
        for p in rows.get("persons", []):
            pid = p["person_id"]
            self.pids.add(pid)
            if self.is_organisation(p.get("name")):
                self.org_pids.add(pid)  # an organisation the NER took for a person: it stays
                continue
            for form in [p.get("name"), *(p.get("variants") or [])]:
                toks = name_tokens(form)
                if len(toks) >= 2:
                    self._pid_of_fullkey.setdefault((toks[0], toks[-1]), pid)
                    self._add_full(toks, pid)
        for mt in rows.get("meetings", []):
            self.meetings[mt["meeting_id"]] = _Meeting(mt["meeting_id"], mt["doc_id"], mt.get("body"))
        get = self._meeting
        for e in rows.get("entities", []):
            if e.get("label") in PROTECTED_LABELS and e.get("text"):
                get(e["meeting_id"]).protected_texts.add(fold(e["text"]))
        # one-word organisations and places ('Helsingborg') are never taken for a name on their own,
        # unless they are the first or last name of someone in an attendee list
        attendee_tokens = {t for a in rows.get("attendees", []) for t in name_tokens(a.get("name"))[:1]
                           + name_tokens(a.get("name"))[-1:]}
        self.place_words = {toks[0] for e in rows.get("entities", []) if e.get("label") in PROTECTED_LABELS
                            and len(toks := name_tokens(e.get("text"))) == 1} - attendee_tokens
        for a in rows.get("attendees", []):
            if a.get("person_id"):
                self.pids.add(a["person_id"])
            self._mention(get(a["meeting_id"]), a.get("name"), a.get("person_id"))
        for e in rows.get("entities", []):
            if e.get("label") != "PER":
                continue
            if e.get("person_id"):
                self.pids.add(e["person_id"])
            norm = e.get("normalized")
            self._mention(get(e["meeting_id"]), e.get("text"), e.get("person_id"), norm)
        for mt in rows.get("meetings", []):
            if mt.get("author"):
                self._mention(get(mt["meeting_id"]), mt["author"])
        for it in rows.get("action_items", []):
            names = it.get("assignees") or []
            resolved = it.get("assignees_resolved") or [None] * len(names)
            pids = it.get("assignee_person_ids") or [None] * len(names)
            for name, res, pid in zip(names, resolved, pids):
                if pid:
                    self.pids.add(pid)
                    self._mention(get(it["meeting_id"]), name, pid, res)
        known_first = {t[0] for forms in self.names_of.values() for t in forms} | _common_first_names()
        nick = _nicknames()
        nick_keys = {fold(k) for k in nick}
        known_first |= {fold(v) for vs in nick.values() for v in vs}
        # assignees that are not linked but look like people: 'Sara Nilsson', 'Anki'
        for it in rows.get("action_items", []):
            m = get(it["meeting_id"])
            names = it.get("assignees") or []
            pids = it.get("assignee_person_ids") or [None] * len(names)
            resolved = it.get("assignees_resolved") or [None] * len(names)
            for name, res, pid in zip(names, resolved, pids):
                if pid or not name:
                    continue
                if self._looks_like_person(name, m, known_first | nick_keys):
                    self._mention(m, name, None, res if res != name else None)
        # full names in the text whose first name is a known first name: 'Per Skålén'
        doc_meeting = {m.doc_id: m for m in self.meetings.values()}
        for d in rows.get("documents", []):
            m = doc_meeting.get(d["doc_id"])
            if m is not None and d.get("text"):
                self._derive_from_text(d["text"], m, known_first)

    def _meeting(self, meeting_id: str) -> _Meeting:
        m = self.meetings.get(meeting_id)
        if m is None:
            m = self.meetings[meeting_id] = _Meeting(meeting_id, meeting_id.rsplit("-", 1)[0], None)
        return m

    @staticmethod
    def _looks_like_person(name: str, m: _Meeting, first_names: set[str]) -> bool:
        raw = _TOKEN.findall(name)
        if not raw or len(raw) > 4 or fold(name) in m.protected_texts:
            return False
        if not all(_name_like(t) for t in raw) or "".join(raw) != re.sub(r"[\s.]", "", name):
            return False
        return len(raw) >= 2 or fold(raw[0]) in first_names  # one word: only a known first name or nickname

    def _derive_from_text(self, text: str, m: _Meeting, known_first: set[str]) -> None:
        toks = [(x.start(), x.end(), x.group(0)) for x in _TOKEN.finditer(text)]
        surnames = {t[-1] for forms in self.names_of.values() for t in forms}
        for (_, e1, t1), (s2, _, t2) in pairwise(toks):
            if not (_name_like(t1) and _name_like(t2)) or fold(t1) not in known_first:
                continue
            if not _GAP.fullmatch(text[e1:s2]) or "\n" in text[e1:s2]:
                continue
            f2 = fold(t2)
            if f2 in m.protected_texts or fold(f"{t1} {t2}") in m.protected_texts:
                continue
            if f2 in known_first and f2 not in surnames:
                continue  # 'Allan Per ...' is two first names, not a full name
            if _common_word(t2) and f2 not in surnames:
                continue
            toks2 = (fold(t1), f2)
            if toks2 in self.full or any((toks2[0], f2[:-len(g)]) in self.full
                                         for g in ("'s", "’s", "s") if f2.endswith(g)):
                continue  # a known name, or its genitive ('Anna Svenssons')
            key = self._full_key(toks2)
            self._add_full(toks2, key)
            m.keys.add(key)

    # name forms per scope ---------------------------------------------------------------------
    def _tokens_of(self, key: str) -> set[str]:
        out = set()
        nick = _nicknames()
        for toks in self.names_of.get(key, ()):
            out.add(toks[0])
            out.add(toks[-1])
            for n, formal in nick.items():
                if toks[0] in {fold(f) for f in formal}:
                    out.add(fold(n))
        return out

    def build_forms(self) -> None:
        """Single-word forms for each meeting, resolved by meeting, then body, then archive."""
        def index(keys) -> dict[str, set[str]]:
            idx: dict[str, set[str]] = defaultdict(set)
            for k in keys:
                for t in self._tokens_of(k):
                    idx[t].add(k)
            return idx

        for m in self.meetings.values():  # explicit single-word mentions count for their person
            for k in m.mentions.values():
                self.names_of.setdefault(k, set())
        by_body: dict[str | None, set[str]] = defaultdict(set)
        for m in self.meetings.values():
            by_body[m.body].update(m.keys)
        archive_keys = set(self.names_of)
        archive = index(archive_keys)
        for m in self.meetings.values():
            for t, k in m.mentions.items():
                archive.setdefault(t, set()).add(k)
        body_idx = {b: index(ks) for b, ks in by_body.items()}
        self.forms_of: dict[str, dict[tuple[str, ...], str]] = {}
        self.archive_forms: dict[tuple[str, ...], str] = dict(self.full)
        for t, ks in archive.items():
            if len(t) >= MIN_ARCHIVE and t not in self.place_words:
                self.archive_forms[(t,)] = next(iter(ks)) if len(ks) == 1 else f"first:*:{t}"
        for m in self.meetings.values():
            forms: dict[tuple[str, ...], str] = {}
            for t, ks in archive.items():
                if len(t) >= MIN_ARCHIVE:
                    forms[(t,)] = next(iter(ks)) if len(ks) == 1 else f"first:{fold(m.body or '')}:{t}"
            for t, ks in body_idx.get(m.body, {}).items():
                if len(t) >= MIN_ARCHIVE:
                    forms[(t,)] = next(iter(ks)) if len(ks) == 1 else f"ambiguous:{fold(m.body or '')}:{t}"
            mine = index(m.keys)
            for t, k in m.mentions.items():
                mine.setdefault(t, set()).add(k)
            for t, ks in mine.items():
                if len(t) >= MIN_SHORT:
                    forms[(t,)] = next(iter(ks)) if len(ks) == 1 else f"ambiguous:{m.meeting_id}:{t}"
            for t in m.unresolved:
                if (t,) not in forms:
                    forms[(t,)] = f"first:{fold(m.body or '')}:{t}"
            for t, k in m.mentions.items():
                forms[(t,)] = k
            forms.update(self.full)
            for t in self.place_words:
                forms.pop((t,), None)
            self.forms_of[m.meeting_id] = forms

    def number(self) -> dict[str, str]:
        keys = set(self.full.values()) | set(self.names_of) | set(self.pids)
        keys |= set(self.archive_forms.values())
        for forms in self.forms_of.values():
            keys |= set(forms.values())
        order = sorted(keys, key=lambda k: hashlib.sha256(k.encode()).hexdigest())
        self.pseudonyms = {k: PSEUDONYM.format(n=i + 1) for i, k in enumerate(order)}
        return self.pseudonyms

    def matcher(self, meeting_id: str | None) -> NameMatcher:
        forms = self.forms_of.get(meeting_id) if meeting_id else None
        forms = forms if forms is not None else self.archive_forms
        email = {}
        for toks, k in forms.items():
            for t in toks:
                if len(t) >= MIN_ARCHIVE:
                    email.setdefault(t, k)
        return NameMatcher(forms, email)


# -- the plan: what every row becomes ----------------------------------------------------------
@dataclass
class _Doc:
    text: str | None
    raw: str | None
    new_text: str | None
    new_raw: str | None
    text_map: OffsetMap
    raw_map: OffsetMap
    dropped: set  # raw start_char of corrections inside names


class Plan:
    def __init__(self, rows: dict[str, list[dict]]):
        self.rows = rows
        self.people = PersonKeys(rows)
        self.people.build_forms()
        self.pseudonyms = self.people.number()
        self.new_pid = {pid: _pid_for(self.pseudonyms[pid]) for pid in self.people.pids}
        self.meeting_doc = {m["meeting_id"]: m["doc_id"] for m in rows.get("meetings", [])}
        self.doc_meeting = {d: m for m, d in self.meeting_doc.items()}
        self._matchers: dict[str | None, NameMatcher] = {}
        self.docs: dict[str, _Doc] = {}
        self.replacements = 0
        self.used: set[str] = set()
        self.dropped_corrections = 0
        self._plan_documents()

    def matcher(self, meeting_id: str | None) -> NameMatcher:
        if meeting_id not in self._matchers:
            self._matchers[meeting_id] = self.people.matcher(meeting_id)
        return self._matchers[meeting_id]

    def _plan_documents(self) -> None:
        ents = defaultdict(list)
        for e in self.rows.get("entities", []):
            ents[e["meeting_id"]].append(e)
        corrs = defaultdict(list)
        for c in self.rows.get("corrections", []):
            corrs[c["doc_id"]].append(c)
        for d in self.rows.get("documents", []):
            doc_id = d["doc_id"]
            meeting_id = self.doc_meeting.get(doc_id)
            text, raw = d.get("text"), d.get("text_raw")
            matcher = self.matcher(meeting_id)
            if not isinstance(text, str):
                new_raw = matcher.sub(raw, self.pseudonyms)
                self.docs[doc_id] = _Doc(text, raw, text, new_raw, OffsetMap([]), OffsetMap([]), set())
                continue
            meeting_ents = ents.get(meeting_id, [])
            protected = [(e["start_char"], e["end_char"]) for e in meeting_ents
                         if e.get("label") in PROTECTED_LABELS and e.get("start_char") is not None]
            hits = self._forced_hits(text, meeting_ents, matcher)
            taken = [(h.start, h.end) for h in hits]
            hits += matcher.find(text, protected + taken)
            aligned = align_corrections(raw, corrs.get(doc_id, [])) if isinstance(raw, str) else []
            # a correction that changed a name in text_raw into something else: the name must go too
            for a in aligned:
                if a.end > a.start and matcher.find(a.original) and not matcher.find(a.replacement):
                    hits.append(Hit(a.start, a.end, matcher.find(a.original)[0].key))
            hits = self._merge(hits, aligned)
            new_text, text_spans = apply_hits(text, hits, self.pseudonyms)
            self.replacements += len(text_spans)
            if isinstance(raw, str):
                to_raw = OffsetMap([(a.start, a.end, a.raw_start, a.raw_end) for a in aligned])
                raw_hits = [Hit(to_raw.start(h.start), to_raw.end(h.end), h.key, h.genitive, h.email) for h in hits]
                new_raw, raw_spans = apply_hits(raw, raw_hits, self.pseudonyms)
                dropped = {a.raw_start for a in aligned
                           if any(h.start < a.raw_end and a.raw_start < h.end or h.start == a.raw_start == a.raw_end
                                  for h in raw_hits)}
                self.dropped_corrections += len(dropped)
            else:
                new_raw, raw_spans, dropped = raw, [], set()
            self.docs[doc_id] = _Doc(text, raw, new_text, new_raw, OffsetMap(text_spans), OffsetMap(raw_spans), dropped)

    def _forced_hits(self, text: str, entities: list[dict], matcher: NameMatcher) -> list[Hit]:
        """PER entity spans are names even where the forms would not match them."""
        out = []
        for e in entities:
            if e.get("label") != "PER" or e.get("start_char") is None or self.people.is_organisation(e.get("text")):
                continue
            s, t = e["start_char"], e["end_char"]
            if not (0 <= s < t <= len(text)):
                continue
            found = matcher.find(text[s:t])
            if len(found) == 1 and found[0].start == 0 and found[0].end == t - s:
                out.append(Hit(s, t, found[0].key, found[0].genitive))
                continue
            key = self._entity_key(e, matcher)
            if key:
                out.append(Hit(s, t, key))
        out.sort(key=lambda h: (h.start, -h.end))
        kept, end = [], -1
        for h in out:
            if h.start >= end:
                kept.append(h)
                end = h.end
        return kept

    def _entity_key(self, e: dict, matcher: NameMatcher) -> str | None:
        if e.get("person_id") in self.pseudonyms:
            return e["person_id"]
        for s in (e.get("normalized"), e.get("text")):
            toks = name_tokens(s)
            if toks and toks in matcher.forms:
                return matcher.forms[toks]
        toks = name_tokens(e.get("text"))
        return matcher.forms.get(toks[:1]) if toks else None

    @staticmethod
    def _merge(hits: list[Hit], aligned: list[Alignment]) -> list[Hit]:
        """Sorted, non-overlapping hits, each widened to whole corrections (so the same text is
        replaced in text_raw and text)."""
        widened = []
        starts = [a.start for a in aligned]
        for h in hits:
            s, e = h.start, h.end
            i = bisect_right(starts, e)
            for a in aligned[max(0, bisect_left(starts, s) - 1):i]:
                if a.start < e and a.end > s:
                    s, e = min(s, a.start), max(e, a.end)
            widened.append(Hit(s, e, h.key, h.genitive and e == h.end, h.email))
        widened.sort(key=lambda h: (h.start, -h.end))
        out: list[Hit] = []
        for h in widened:
            if out and h.start < out[-1].end:
                out[-1].end = max(out[-1].end, h.end)
                continue
            out.append(h)
        return out

    # rows ---------------------------------------------------------------------------------------
    def _sub(self, value, meeting_id: str | None):
        m = self.matcher(meeting_id)
        if isinstance(value, str):
            return m.sub(value, self.pseudonyms)
        if isinstance(value, list):
            return [m.sub(v, self.pseudonyms) for v in value]
        return value

    def _person_name(self, name, meeting_id: str | None, pid: str | None = None):
        """A whole-name column (attendee name, author, assignee): the pseudonym of the person."""
        if not isinstance(name, str) or not name.strip():
            return name
        if pid and pid in self.pseudonyms:
            return self.pseudonyms[pid]
        forms = self.matcher(meeting_id).forms
        toks = name_tokens(name)
        key = forms.get(toks) or (forms.get(toks[:1]) if len(toks) == 1 else None)
        if key is None and len(toks) >= 2:
            key = self.people.full.get(toks)
        if key:
            return self.pseudonyms[key]
        return self._sub(name, meeting_id)

    def transform(self, table: str, row: dict) -> dict | None:
        r = dict(row)
        meeting_id = r.get("meeting_id") if "meeting_id" in r else self.doc_meeting.get(r.get("doc_id"))
        doc_id = r.get("doc_id") or self.meeting_doc.get(r.get("meeting_id"))
        doc = self.docs.get(doc_id)
        special = set(ID_COLUMNS)
        if table == "documents" and doc is not None:
            r["text"], r["text_raw"] = doc.new_text, doc.new_raw
            special |= {"text", "text_raw"}
        elif table == "corrections" and doc is not None:
            if r.get("start_char") in doc.dropped:
                return None
            r["start_char"] = doc.raw_map.start(r.get("start_char"))
        elif table == "meetings":
            if doc is not None:
                r["title_start_char"] = doc.text_map.start(r.get("title_start_char"))
            r["author"] = self._person_name(r.get("author"), meeting_id)
            special.add("author")
        elif table in OFFSET_TABLES and doc is not None and isinstance(doc.text, str):
            s, e = r.get("start_char"), r.get("end_char")
            old_slice = doc.text[s:e] if s is not None and e is not None else None
            r["start_char"], r["end_char"] = doc.text_map.start(s), doc.text_map.end(e)
            if "text" in r and old_slice is not None and r.get("text") == old_slice:
                r["text"] = doc.new_text[r["start_char"]:r["end_char"]]
                special.add("text")
        if table == "attendees":
            r["name"] = self._person_name(r.get("name"), meeting_id, r.get("person_id"))
            special.add("name")
        elif table == "entities" and r.get("label") == "PER":
            key = r.get("person_id") if r.get("person_id") in self.pseudonyms else None
            if r.get("normalized"):
                r["normalized"] = self.pseudonyms[key] if key else self._person_name(r["normalized"], meeting_id)
                special.add("normalized")
            if "text" not in special:
                r["text"] = self._person_name(r.get("text"), meeting_id, r.get("person_id"))
                special.add("text")
        elif table == "action_items":
            names = r.get("assignees") or []
            pids = r.get("assignee_person_ids") or [None] * len(names)
            resolved = r.get("assignees_resolved") or [None] * len(names)
            r["assignees"] = [self._assignee(n, p, meeting_id) for n, p in zip(names, pids)]
            r["assignees_resolved"] = [self._assignee(n, p, meeting_id) for n, p in zip(resolved, pids)]
            special |= {"assignees", "assignees_resolved"}
        elif table == "persons":
            pid = r.get("person_id")
            pseudonym = self.pseudonyms.get(pid)
            if pid in self.people.org_pids:
                pass
            elif pseudonym:
                r["name"] = pseudonym
                r["variants"] = [pseudonym] if r.get("variants") is not None else None
            else:
                r["name"] = self._person_name(r.get("name"), None)
                r["variants"] = self._sub(r.get("variants"), None)
            special |= {"name", "variants"}
        for col, value in list(r.items()):
            if col not in special:
                r[col] = self._sub(value, meeting_id)
        for value in r.values():
            for v in (value if isinstance(value, list) else [value]):
                if isinstance(v, str) and "Person " in v:
                    self.used.update(_USED.findall(v))
        for col in ("person_id",):
            if r.get(col) in self.new_pid:
                r[col] = self.new_pid[r[col]]
        if r.get("assignee_person_ids"):
            r["assignee_person_ids"] = [self.new_pid.get(p, p) for p in r["assignee_person_ids"]]
        return r

    def _assignee(self, name, pid, meeting_id):
        if not isinstance(name, str):
            return name
        toks = name_tokens(name)
        forms = self.matcher(meeting_id).forms
        if pid in self.pseudonyms:
            return self.pseudonyms[pid]
        if toks in forms:
            return self.pseudonyms[forms[toks]]
        return self._sub(name, meeting_id)

    def sub_json(self, value):
        if isinstance(value, str):
            return self._sub(value, None)
        if isinstance(value, list):
            return [self.sub_json(v) for v in value]
        if isinstance(value, dict):
            return {k: self.sub_json(v) for k, v in value.items()}
        return value


# -- reading and writing -------------------------------------------------------------------------
def _table_files(root: Path, name: str) -> list[Path]:
    """The Parquet files of one table: a single file, or every file of a dataset folder."""
    p = root / f"{name}.parquet"
    if p.is_file():
        return [p]
    if p.is_dir():
        return sorted(f for f in p.rglob("*.parquet") if f.is_file() and not f.name.startswith("."))
    return []


def _read_file(path: Path) -> pa.Table:
    return pq.ParquetFile(path).read()


def read_rows(root: str | Path) -> dict[str, list[dict]]:
    """Every table of an output folder as lists of row dicts (nulls as None), whatever the layout
    (one file per table, or a partitioned dataset folder)."""
    root = Path(root)
    return {name: [r for f in fs for r in _read_file(f).to_pylist()]
            for name in ALL_TABLES if (fs := _table_files(root, name))}


def _replace(new: Path, target: Path, scratch: Path) -> None:
    if new.is_file() and not target.is_dir():
        os.replace(new, target)
        return
    if target.exists() or target.is_symlink():
        os.replace(target, scratch / f"old-{target.name}")
    os.replace(new, target)


def pseudonymize_dataset(src_dir: str | Path, dst_dir: str | Path) -> dict:
    """Write a pseudonymised copy of the dataset in ``src_dir`` to ``dst_dir`` (may be the same
    folder). Returns counts: rows per table, persons, names replaced in documents.text,
    corrections dropped. Every table is moved into place only when all are written."""
    src, dst = Path(src_dir), Path(dst_dir)
    files = {name: _table_files(src, name) for name in ALL_TABLES}
    if not files.get("documents"):
        raise FileNotFoundError(f"no documents table in {src}")
    tables = {name: [_read_file(f) for f in fs] for name, fs in files.items() if fs}
    rows = {name: [r for t in ts for r in t.to_pylist()] for name, ts in tables.items()}
    plan = Plan(rows)
    dst.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(prefix=".pseudonymizing-", dir=dst))
    counts: dict[str, int] = {}
    try:
        for name, fs in files.items():
            for f, table in zip(fs, tables.get(name, [])):
                new_rows = [x for x in (plan.transform(name, r) for r in table.to_pylist()) if x is not None]
                out = tmp / f.relative_to(src)
                out.parent.mkdir(parents=True, exist_ok=True)
                pq.write_table(pa.Table.from_pylist(new_rows, schema=table.schema), out, compression="zstd")
                counts[name] = counts.get(name, 0) + len(new_rows)
        for j in sorted(src.glob("*.json")):
            data = json.loads(j.read_text(encoding="utf-8"))
            data = plan.sub_json(data)
            if isinstance(data, dict):
                data["pseudonymized"] = True
            (tmp / j.name).write_text(json.dumps(data, indent=2, ensure_ascii=False), encoding="utf-8")
        for entry in sorted(tmp.iterdir()):
            if entry.name.startswith("old-"):
                continue
            _replace(entry, dst / entry.name, tmp)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    return {"tables": counts, "persons": len(plan.used), "names_replaced": plan.replacements,
            "corrections_dropped": plan.dropped_corrections}


__all__ = ["Alignment", "OffsetMap", "align_corrections", "fold", "name_tokens", "pseudonymize_dataset", "read_rows"]
