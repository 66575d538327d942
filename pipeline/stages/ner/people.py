"""The meeting's own attendee list as a per-document gazetteer.

A news model cannot know that 'Bosse' in these minutes is Bo Pettersson, that 'Ria' is an
organisation, or that 'Vorta Droms' is the genitive of an attendee's association. This module
turns the attendee rows into patterns for that one document:

* full names (and their genitive) -> PER, ``normalized`` = the full name;
* first names, surnames and nicknames ('Bosse' -> Bo, from ``nicknames.json``) -> PER,
  resolved to the attendee's full name when exactly one attendee fits, else ``normalized=None``
  (nicknames are only reported when they resolve);
* the organisations written after the names ('Ria/G7' -> 'Ria', 'G7') -> ORG;
* OCR-damaged or inflected variants of full names and organisations, matched with rapidfuzz.

Matching is case-sensitive for names (so the preposition 'per' is not the name 'Per') and
respects word boundaries (so 'Ann' does not match inside 'Anne').
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from rapidfuzz import fuzz

from pipeline.lang.fold import fold_name as fold
from pipeline.lang.names import is_first_name, nicknames
from pipeline.lang.words import bounded

_WORD = re.compile(r"[^\W\d_](?:[\w'’-]*\w)?")
_NAME_TOKEN = re.compile(r"^[A-ZÅÄÖÉÜ][\w'’-]*$")
# words that look like names in attendee lines but are not
_NOT_NAMES = {"Närvarande", "Frånvarande", "Ordförande", "Sekreterare", "Ledamot", "Ledamöter", "Ersättare",
              "Justerare", "Adjungerad", "Adjungerade", "Tjänsteman", "Tjänstemän", "Fasta", "Övriga", "Gäst",
              "Gäster", "Ej", "Vid", "Pennan"}


# words written after a name that say where the person belongs without naming an organisation
_GENERIC_ORGS = {"styrelsen", "styrelse", "förvaltningen", "nämnden", "kommunen", "föreningen", "gruppen",
                 "arbetsgruppen", "ledningen", "personalen", "brukare", "anhörig", "medborgare", "boende", "gäst"}


@dataclass(frozen=True)
class Mention:
    start: int
    end: int
    label: str
    text: str
    normalized: str | None
    source: str = "attendees"


def split_organisations(org: str | None) -> list[str]:
    """'Ria/G7' -> ['Ria', 'G7']; 'Bryggan, Ria' and 'Bryggan och Ria' -> both ('Enheten för barn
    och familj' stays one); drops parentheses, party abbreviations ('S', 'KD') and job titles
    ('verksamhetschef barn och unga'), which are not organisations."""
    from pipeline.lang.roles import is_party_code, is_title_word

    if not org or not isinstance(org, str):
        return []
    org = re.sub(r"\(.*?\)", " ", org)
    parts = re.split(r"\s*(?:/|,|;|\s(?:och|&)\s(?=[A-ZÅÄÖ]))\s*", org)
    out = []
    for p in parts:
        p = re.sub(r"\s+(?:åk|årskurs|klass)\s*\d+\w?$", "", p.strip(" .-–"))  # 'Solbackaskolan åk 8': the school
        words = p.split()
        if len(p) < 2 or "§" in p or is_party_code(p) or any(is_title_word(w) for w in words):
            continue
        if len(words) == 2 and all(w[:1].isupper() and w[1:].islower() for w in words) and is_first_name(words[0]):
            continue  # 'Mattias Ekhem, Digg': a person written into the organisation column
        if p.casefold() in _GENERIC_ORGS or re.fullmatch(r"[a-zåäö]+ \d+\w?", p):
            continue  # 'styrelsen', 'hus 3': what the person belongs to, but no named organisation
        if _plain_word(p):
            continue  # 'Hamid (semester)', 'Nadia Karimi (barnmorska)': a reason or a job, no organisation
        out.append(p)
    return out


def _plain_word(p: str) -> bool:
    """One lower-case dictionary word that no organisation pattern takes ('semester', 'sjuk',
    'närstående'; not 'socialförvaltningen')."""
    from pipeline.stages.ner.names import is_common_noun
    from pipeline.stages.ner.patterns import find_patterns

    return (re.fullmatch(r"[a-zåäö]+", p) is not None and (is_common_noun(p, inflected=True) or len(p) <= 5)
            and not find_patterns(p))


def clean_name(name: str | None) -> str | None:
    """An attendee's name without roles, parentheses and punctuation; None if it is no name."""
    if not name:
        return None
    name = re.sub(r"\(.*?\)", " ", name)
    toks = [t for t in re.split(r"\s+", name.strip(" ,.:;-–")) if t]
    toks = [t.strip(",.;:") for t in toks if t.strip(",.;:") not in _NOT_NAMES]
    from pipeline.lang.roles import is_title_word

    while len(toks) > 2 and is_title_word(toks[0]):
        toks = toks[1:]  # 'Kommissarie Anders Wiklund'
    if not toks or not all(_NAME_TOKEN.match(t) for t in toks):
        return None
    return " ".join(toks)


@lru_cache(maxsize=8192)
def _needle_pattern(needle: str, flags: int) -> re.Pattern:
    words = [re.escape(w) for w in needle.split()] or [""]
    return re.compile(bounded(words[0], "".join(r"\s+" + w for w in words[1:]) + r"(?:s|'s|’s)?"), flags)


def _boundary_finditer(needle: str, text: str, flags: int = 0):
    """Matches of ``needle`` as whole words (a genitive s allowed and left out of the span); the
    words of a name may be split by any white space, a line break too ('Magnus\nTörnqvist')."""
    for m in _needle_pattern(needle, flags).finditer(text):
        end = m.end()
        if text[end - 2:end] in ("'s", "’s"):
            end -= 2
        elif not needle.endswith("s") and text[end - 1] == "s":
            end -= 1
        yield m.start(), end


class AttendeeGazetteer:
    """Patterns built from one document's attendee rows."""

    def __init__(self, attendees: list[dict], fuzzy_threshold: float = 86.0, fuzzy: bool = True):
        self.fuzzy_threshold = fuzzy_threshold
        self.fuzzy = fuzzy
        self.full_names: list[str] = []
        self.orgs: list[str] = []
        for a in attendees or []:
            n = clean_name(a.get("name"))
            if n and n not in self.full_names:
                self.full_names.append(n)
            for o in split_organisations(a.get("organisation")):
                if o not in self.orgs:
                    self.orgs.append(o)
        self.first: dict[str, set[str]] = {}
        self.last: dict[str, set[str]] = {}
        for n in self.full_names:
            toks = n.split()
            self.first.setdefault(toks[0], set()).add(n)
            if len(toks) > 1:
                self.last.setdefault(toks[-1], set()).add(n)
                for part in toks[0].split("-") if "-" in toks[0] else []:
                    self.first.setdefault(part, set()).add(n)
        self.nick: dict[str, set[str]] = {}
        for nick, formal in nicknames().items():
            hits = set().union(*(self.first.get(f, set()) for f in formal)) if formal else set()
            if hits:
                self.nick[nick] = hits

    def resolve(self, mention: str) -> str | None:
        """The full name a person mention refers to, when exactly one attendee fits."""
        mention = re.sub(r"(?:'s|’s|s)$", "", mention) if mention not in self.first else mention
        if mention in self.full_names:
            return mention
        for table in (self.first, self.last, self.nick):
            cands = table.get(mention)
            if cands and len(cands) == 1:
                return next(iter(cands))
        toks = mention.split()
        if len(toks) >= 2:
            best = max(self.full_names, key=lambda n: fuzz.ratio(n, mention), default=None)
            if best and fuzz.ratio(best, mention) >= self.fuzzy_threshold:
                return best
        return None

    def find(self, text: str) -> list[Mention]:
        out: list[Mention] = []
        if not text or not (self.full_names or self.orgs):
            return out
        for n in self.full_names:
            for s, e in _boundary_finditer(n, text):
                out.append(Mention(s, e, "PER", text[s:e], n))
        for table, resolve_only in ((self.first, False), (self.last, False), (self.nick, True)):
            for key, cands in table.items():
                if len(key) < 2:
                    continue
                norm = next(iter(cands)) if len(cands) == 1 else None
                if resolve_only and norm is None:
                    continue
                for s, e in _boundary_finditer(key, text):
                    out.append(Mention(s, e, "PER", text[s:e], norm))
        for o in self.orgs:
            flags = re.IGNORECASE if o.islower() or len(o) >= 6 else 0
            for s, e in _boundary_finditer(o, text, flags):
                out.append(Mention(s, e, "ORG", text[s:e], None))
        # fuzzy matching may start where only a first name matched exactly ('David Bergstrbm')
        if self.fuzzy:
            out.extend(self._fuzzy(text, {m.start for m in out if " " in m.text}))
        return out

    def _fuzzy(self, text: str, taken: set[int]) -> list[Mention]:
        """OCR-damaged and inflected variants of multi-word names and long organisation names:
        the document's runs of as many words as the target, of about its length."""
        targets = [(n, "PER", n) for n in self.full_names] + [(o, "ORG", None) for o in self.orgs if len(o) >= 6]
        if not targets:
            return []
        words = [(m.start(), m.end(), m.group()) for m in _WORD.finditer(text)]
        windows: dict[int, dict[int, list[tuple[int, int, str]]]] = {}
        out = []
        for target, label, norm in targets:
            k = len(target.split())
            if k not in windows:
                windows[k] = _windows_by_length(text, words, k)
            first_up = target[0].isupper()
            near = sorted(w for n in range(len(target) - 3, len(target) + 4) for w in windows[k].get(n, ()))
            for s, e, cand in near:
                if s in taken or (first_up and not cand[0].isupper()):
                    continue
                if cand.endswith("s") and not target.endswith("s"):
                    base = cand[:-1]
                    if fuzz.ratio(base, target, score_cutoff=self.fuzzy_threshold) >= self.fuzzy_threshold:
                        cand, e = base, e - 1
                if cand == target:
                    continue  # exact matches were found above
                if (fuzz.ratio(cand.casefold(), target.casefold(), score_cutoff=self.fuzzy_threshold)
                        >= self.fuzzy_threshold or fuzz.ratio(fold(cand), fold(target)) - 2 >= self.fuzzy_threshold):
                    out.append(Mention(s, e, label, text[s:e], norm))  # (folded: OCR loses å/ä/ö)
                    taken.add(s)
        return out


def _windows_by_length(text: str, words: list[tuple[int, int, str]], k: int) -> dict[int, list[tuple[int, int, str]]]:
    """Runs of ``k`` words within a paragraph, (start, end, text) by the length of their text."""
    out: dict[int, list[tuple[int, int, str]]] = {}
    for i in range(len(words) - k + 1):
        s, e = words[i][0], words[i + k - 1][1]
        cand = text[s:e]
        if "\n\n" not in cand:
            out.setdefault(len(cand), []).append((s, e, cand))
    return out
