"""Who is who, from the one person model: the ``persons`` table (name forms) and the
``person_mentions`` table (which mention is which person), written by the archive pass of
``minutes run`` (:mod:`pipeline.products.persons`, :mod:`pipeline.products.mentions`).

Nothing is resolved here that the linker did not resolve: a meeting's name forms are the forms
of the people linked in that meeting — their first names, surnames, nicknames, genitives and
full names, the lower-case spellings and handles the linker tied to them — and, less surely, of
the people of the same body; the full names of everyone in the archive are matched everywhere.
A short name that fits two people of the scope gets a pseudonym of its own (never a guess).
Two additions cover what no mention row names: full names written in the text whose first name
is a common first name ('Professor Per Skålén'), and PER entities without a person.

For a dataset written before ``person_mentions`` existed, the same archive pass is run on the
dataset's rows (:class:`PersonIndex`), so the model stays the one model.
"""
from __future__ import annotations

import hashlib
import re
from collections import defaultdict
from collections.abc import Iterable
from functools import lru_cache
from itertools import pairwise

from pipeline.lang.fold import fold_name as fold
from pipeline.lang.names import first_names, nicknames
from pipeline.products.pseudonymize.matching import GAP, PSEUDONYM, TOKEN, NameMatcher, name_like, name_tokens

MIN_SHORT = 2        # shortest name token matched where the meeting itself names the person
MIN_SCOPE = 3        # shortest name token matched for people of the same body or the archive
COMMON_WORD_ZIPF = 4.5  # a capitalised word this frequent in Swedish is not taken for a surname
PROTECTED_LABELS = ("ORG", "LOC")
_LITERAL = re.compile(r"[\d_@#]|^(?=[^\W\d_])(?![A-ZÅÄÖÉÜ])")  # a handle, or a name written in lower case


@lru_cache(maxsize=8192)
def common_word(tok: str) -> bool:
    try:
        from wordfreq import zipf_frequency
    except ImportError:  # pragma: no cover
        return False
    return zipf_frequency(tok.lower(), "sv") >= COMMON_WORD_ZIPF


@lru_cache(maxsize=1)
def _nick_of() -> dict[str, set[str]]:
    """Folded formal first name -> folded nicknames ('bo' -> {'bosse'})."""
    out: dict[str, set[str]] = defaultdict(set)
    for nick, formal in nicknames().items():
        for f in formal:
            out[fold(f)].add(fold(nick))
    return out


@lru_cache(maxsize=1)
def _first_names() -> frozenset[str]:
    return frozenset(fold(n) for n in first_names())


def split_organisations(org: str | None) -> list[str]:
    return [p.strip(" .-–") for p in re.split(r"\s*(?:/|,|;|\boch\b|&)\s*", org or "") if p.strip()]


class PersonModel:
    """Every person of a dataset, their name forms per scope, and the pseudonyms."""

    def __init__(self) -> None:
        self.forms: dict[str, set[tuple[str, ...]]] = defaultdict(set)   # pid -> folded forms
        self.literals: dict[str, set[str]] = defaultdict(set)           # pid -> forms matched as written
        self.full: dict[tuple[str, ...], str] = {}                      # multi-word form -> pid (archive-wide)
        self.meeting_pids: dict[str, set[str]] = defaultdict(set)
        self.meeting_single: dict[str, dict[str, str]] = defaultdict(dict)  # explicit one-word mentions
        self.meeting_literals: dict[str, dict[str, str]] = defaultdict(dict)
        self.meeting_lower: dict[str, set[tuple[str, ...]]] = defaultdict(set)
        self.body: dict[str, str | None] = {}
        self.protected: dict[str, set[str]] = defaultdict(set)          # meeting -> folded ORG/LOC texts
        self.organisations: set[str] = set()
        self.org_pids: set[str] = set()
        self.place_words: set[str] = set()
        self.attendee_tokens: set[str] = set()
        self.extra: set[str] = set()                                     # keys of names no person row holds
        self.pseudonyms: dict[str, str] = {}
        self._overlays: dict[str | None, dict[tuple[str, ...], str]] = {}
        self._orgs_of_attendees: set[str] = set()
        self._known_first: frozenset[str] | set[str] = frozenset()
        self._surnames: set[str] = set()
        self._keys: set[str] = set()
        self._spelling: dict[str, str] = {}  # folded word -> as first written ('vard' -> 'Vård')
        self._attendee_names: set[str] = set()

    # -- reading ---------------------------------------------------------------------------------
    def add_person(self, row: dict) -> None:
        pid = row["person_id"]
        self.forms.setdefault(pid, set())
        for form in [row.get("name"), *(row.get("variants") or [])]:
            self._add_form(pid, form)

    def _add_form(self, pid: str, form: str | None) -> None:
        toks = name_tokens(form)
        if not toks:
            return
        self.forms[pid].add(toks)
        for raw in TOKEN.findall(form):
            self._spelling.setdefault(fold(raw), raw)
        if _LITERAL.search(form.strip()):
            self.literals[pid].add(form.strip())

    def add_mention(self, meeting_id: str, text: str | None, pid: str | None) -> None:
        if not pid or not text or not text.strip():
            return
        self.meeting_pids[meeting_id].add(pid)
        self._add_form(pid, text)
        toks = name_tokens(text)
        raw = text.strip()
        if len(toks) == 1:
            self.meeting_single[meeting_id][toks[0]] = pid
        if _LITERAL.search(raw):
            self.meeting_literals[meeting_id][raw] = pid
            if raw[:1].islower():
                self.meeting_lower[meeting_id].add(toks)

    def add_meeting(self, row: dict) -> None:
        self.body[row["meeting_id"]] = row.get("body")

    def add_attendee(self, row: dict) -> None:
        name = row.get("name")
        self._attendee_names.add(" ".join(name_tokens(name)))
        toks = name_tokens(name)
        self.attendee_tokens.update(toks[:1] + toks[-1:])
        for o in split_organisations(row.get("organisation")):
            self._orgs_of_attendees.add(" ".join(name_tokens(o)))
        self.add_mention(row["meeting_id"], name, row.get("person_id"))

    def add_entity(self, row: dict) -> None:
        label, text = row.get("label"), row.get("text")
        if label in PROTECTED_LABELS and text:
            self.protected[row["meeting_id"]].add(fold(text))
            toks = name_tokens(text)
            if len(toks) == 1:
                self.place_words.add(toks[0])
        elif label == "PER":
            self.add_mention(row["meeting_id"], text, row.get("person_id"))
            if row.get("person_id") and row.get("normalized"):
                self._add_form(row["person_id"], row["normalized"])

    # -- building ----------------------------------------------------------------------------------
    def build(self, meeting_ids: Iterable[str]) -> None:
        """After reading: organisations, full forms, the forms of every meeting; then number the people."""
        self.organisations = {o for o in self._orgs_of_attendees - self._attendee_names if o}
        self.place_words -= self.attendee_tokens | _first_names()  # 'Barbro' labelled LOC is still a name
        for pid, forms in self.forms.items():  # a form the attendee lists give as an organisation is not a name
            kept = {f for f in forms if not self.is_organisation(" ".join(f))}
            if forms and not kept:
                self.org_pids.add(pid)
            self.forms[pid] = kept
        for single in self.meeting_single.values():
            for t in [t for t in single if self.is_organisation(t)]:
                del single[t]
        for pid in sorted(self.forms):
            for toks in self.forms[pid]:
                if len(toks) >= 2 and pid not in self.org_pids:
                    self.full.setdefault(toks, pid)
        self._known_first = _first_names() | {t[0] for fs in self.forms.values() for t in fs}
        self._surnames = {t[-1] for fs in self.forms.values() for t in fs if len(t) >= 2}
        self._keys = set(self.forms) - self.org_pids
        for mid in [None, *meeting_ids]:
            self._keys.update(self.overlay(mid).values())

    def number(self) -> dict[str, str]:
        """Pseudonyms for every key (people, ambiguous short names, names nobody linked), numbered in the
        order of a hash of the key: the numbers say nothing about names or the order of meetings."""
        keys = self._keys | self.extra
        order = sorted(keys, key=lambda k: hashlib.sha256(k.encode()).hexdigest())
        self.pseudonyms = {k: PSEUDONYM.format(n=i + 1) for i, k in enumerate(order)}
        return self.pseudonyms

    def is_organisation(self, text: str | None) -> bool:
        """A PER mention that the attendee lists give as an organisation ('Vorta Drom', 'Vorta Droms')."""
        f = " ".join(name_tokens(text))
        return bool(f) and (f in self.organisations or any(f.endswith(g) and f[:-len(g)] in self.organisations
                                                           for g in ("'s", "’s", "s")))

    def tokens_of(self, pid: str, derived: bool = True) -> set[str]:
        """Single-word forms of a person: first names, surnames, one-word mentions, and (``derived``)
        the nicknames of their first names."""
        out = set()
        for toks in self.forms.get(pid, ()):
            out.add(toks[0])
            out.add(toks[-1])
            if derived:
                out.update(_nick_of().get(toks[0], ()))
        # a genitive form the linker saw ('Annas') is the name plus 's': the matcher renders it 'Person N:s'
        return {t for t in out if not any(t.endswith(g) and t[:-len(g)] in out for g in ("'s", "’s", "s"))}

    def _word_not_name(self, pid: str, t: str) -> bool:
        """A common Swedish word the linker took for a person on its own ('Vård'): it is replaced where it
        was linked (the mention's span), not wherever it is written. A first name ('Hans') or a word of
        the person's full name ('Hans Berg') is a name."""
        if t in _first_names() or any(len(f) >= 2 and t in f for f in self.forms.get(pid, ())):
            return False
        return common_word(self._spelling.get(t, t))

    def overlay(self, meeting_id: str | None) -> dict[tuple[str, ...], str]:
        """The single-word forms of a meeting (or, for None, of the archive), resolved by meeting,
        then body; a word that fits two people becomes a pseudonym of its own."""
        if meeting_id in self._overlays:
            return self._overlays[meeting_id]
        out: dict[tuple[str, ...], str] = {}
        if meeting_id is None:
            scopes = [("*", set(self.forms) - self.org_pids, MIN_SCOPE)]
        else:
            body = self.body.get(meeting_id)
            body_pids = {p for m, b in self.body.items() if b == body for p in self.meeting_pids.get(m, ())}
            scopes = [(f"body:{fold(body or '')}", body_pids - self.org_pids, MIN_SCOPE),
                      (meeting_id, self.meeting_pids.get(meeting_id, set()) - self.org_pids, MIN_SHORT)]
        for scope, pids, min_len in scopes:
            seen: dict[str, set[str]] = defaultdict(set)     # words the person was written as
            derived: dict[str, set[str]] = defaultdict(set)  # nicknames of their first names
            for pid in pids:
                own = {t for t in self.tokens_of(pid, derived=False) if not self._word_not_name(pid, t)}
                for t in own:
                    seen[t].add(pid)
                for t in self.tokens_of(pid) - own:
                    derived[t].add(pid)
            idx = {**derived, **seen}
            for t, ks in idx.items():
                if len(t) >= min_len and t not in self.place_words:
                    out[(t,)] = next(iter(ks)) if len(ks) == 1 else f"ambiguous:{scope}:{t}"
        if meeting_id is not None:
            for t, pid in self.meeting_single.get(meeting_id, {}).items():
                if pid not in self.org_pids and t not in self.place_words and not self._word_not_name(pid, t):
                    out[(t,)] = pid
        self._overlays[meeting_id] = out
        return out

    def matcher(self, meeting_id: str | None) -> NameMatcher:
        literals: dict[str, str] = {}
        pids = self.meeting_pids.get(meeting_id, set()) if meeting_id else set()
        for pid in sorted(pids - self.org_pids):
            for lit in self.literals.get(pid, ()):
                if not (lit[:1].islower() and common_word(lit)):  # 'per': only where it was linked
                    literals.setdefault(lit, pid)
        for lit, pid in self.meeting_literals.get(meeting_id, {}).items():
            if (pid not in self.org_pids and not self.is_organisation(lit)
                    and not (lit[:1].islower() and common_word(lit))):
                literals[lit] = pid
        return NameMatcher(self.overlay(meeting_id), self.full, self.meeting_lower.get(meeting_id, set()), literals)

    # -- names nobody linked ---------------------------------------------------------------------------
    def unlinked_names(self, text: str, meeting_id: str | None) -> list[tuple[int, int, str]]:
        """(start, end, key) of full names in the text whose first name is a known first name and that
        no person's forms hold: 'Per Skålén' when 'Per' is a first name."""
        known_first, surnames = self._known_first, self._surnames
        protected = self.protected.get(meeting_id, set())
        toks = [(x.start(), x.end(), x.group(0)) for x in TOKEN.finditer(text)]
        out = []
        for (s1, e1, t1), (s2, e2, t2) in pairwise(toks):
            if not (name_like(t1) and name_like(t2)) or fold(t1) not in known_first:
                continue
            if not GAP.fullmatch(text[e1:s2]) or "\n" in text[e1:s2]:
                continue
            f2 = fold(t2)
            if f2 in protected or fold(f"{t1} {t2}") in protected:
                continue
            if (f2 in known_first or common_word(t2)) and f2 not in surnames:
                continue  # 'Allan Per …' is two first names; 'Per Capita' no name
            pair = (fold(t1), f2)
            if pair in self.full or any((pair[0], f2[:-len(g)]) in self.full for g in ("'s", "’s", "s")
                                        if f2.endswith(g)):
                continue  # a known name (the matcher finds it), or its genitive
            out.append((s1, e2, "name:" + " ".join(pair)))
        return out


    def listed_names(self, text: str, meeting_id: str | None) -> list[tuple[int, int, str]]:
        """(start, end, key) of names in a list whose other lines name known people: in a run of lines
        such as 'Eva Holm (S)' / 'Ingegärd Salmose (MP)' or 'Anna Ek | Digg' / 'Kristine Ulander | Digg',
        where at least two lines begin with a name the linker knows, a line that begins with two
        capitalised words the same way is a name too (the NER missed it)."""
        out, run = [], []
        pos = 0
        for line in text.split("\n") + [""]:
            m = _LIST_NAME.match(line)
            if m and line.strip():
                run.append((pos + m.start(1), pos + m.end(1), m.group(1)))
            elif not line.strip() or not m:
                out += self._from_run(run, meeting_id)
                run = [] if not line.strip() else run
            pos += len(line) + 1
        return out

    def first_names_in(self, text: str, meeting_id: str | None) -> list[tuple[int, int, str]]:
        """(start, end, key) of listed first names ('Barbro', 'Ullas') that no person of the meeting
        holds: a person of their own in that meeting (the first-name list leaves out names that are
        also Swedish words, such as 'Per' or 'Bo')."""
        return _first_name_hits(self, text, meeting_id)

    def add_names_found(self, meeting_id: str | None, found: list[tuple[int, int, str]]) -> None:
        """Names found in a meeting's text give their first names and surnames to the meeting's forms
        ('Kristine Ulander' in the list, 'Kristine' in the text), where no one else holds them."""
        overlay = self.overlay(meeting_id)
        for _, _, key in found:
            self.extra.add(key)
            if key.startswith("name:"):
                for t in {key[5:].split()[0], key[5:].split()[-1]}:
                    if len(t) >= MIN_SCOPE and t not in self.place_words and not common_word(self._spelling.get(t, t)):
                        overlay.setdefault((t,), key)

    def _from_run(self, run: list[tuple[int, int, str]], meeting_id: str | None) -> list[tuple[int, int, str]]:
        if len(run) < 3:
            return []
        overlay = self.overlay(meeting_id)
        known = [name_tokens(n) in self.full or name_tokens(n)[:1] in overlay for _, _, n in run]
        if sum(known) < 2:
            return []
        protected = self.protected.get(meeting_id, set())
        out = []
        for (s, e, name), k in zip(run, known):
            toks = name_tokens(name)
            if k or fold(name) in protected or any(common_word(w) for w in TOKEN.findall(name)[1:]):
                continue
            out.append((s, e, "name:" + " ".join(toks)))
        return out


def _first_name_hits(model: PersonModel, text: str, meeting_id: str | None) -> list[tuple[int, int, str]]:
    names = first_names()
    overlay = model.overlay(meeting_id)
    out = []
    for m in TOKEN.finditer(text):
        w = m.group(0)
        base = w if w in names else w[:-1] if w.endswith("s") and w[:-1] in names else None
        if base is None:
            continue
        f = fold(base)
        if (f,) in overlay or f in model.place_words:
            continue
        out.append((m.start(), m.end(), f"first:{meeting_id}:{f}"))
    return out


# a line that begins with a name: two or three capitalised words, then '(', ',', '|', a dash or its end
_LIST_NAME = re.compile(r"^[ \t]*(?:[-–•*][ \t]+)?"
                        r"([A-ZÅÄÖÉØÜ][a-zåäöéüøæ'’-]+(?:[ \t]+[A-ZÅÄÖÉØÜ][a-zåäöéüøæ'’-]+){1,2})"
                        r"(?=[ \t]*(?:\(|,|\||–|-[ \t]|$))")


__all__ = ["PersonModel", "common_word", "split_organisations"]
