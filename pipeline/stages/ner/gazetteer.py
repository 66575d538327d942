"""Names of Swedish public bodies, parties, organisations and places: a gazetteer layer.

Two tables ship in ``models/gazetteer/`` (see models/README.md for their sources):
``public_bodies.tsv`` (state agencies, courts, municipalities, counties, parties; built by
``python -m pipeline.stages.ner.build_gazetteer``) and ``curated.tsv`` (written for this project:
associations of municipalities, unions, user organisations, international bodies, companies,
countries, and ``NONE`` entries — platforms, technical standards and laws — that are never a
person, organisation or place).

Matching is on word sequences, case- and diacritic-insensitive, longest first, with a genitive
's' allowed on the last word ('Försäkringskassans'). Where a match may be an ordinary word it
must look like a name:

* abbreviations ('IVO', 'SKR') match only as written (upper case), and two-letter ones only from
  the curated list;
* a name whose lower-case form is a common word or a first name ('Vision', 'Kommunal', 'Mark',
  'Nora') must be capitalised, not be followed by a number ('Sida 1 av 6'), and, where it stands
  first in its sentence or line, not be written in lower case elsewhere in the document;
* a single lower-case compound ('försäkringskassan') matches only for public bodies.
"""
from __future__ import annotations

import csv
import re
from dataclasses import dataclass
from functools import lru_cache

from pipeline.contract.resources import model_path
from pipeline.lang.fold import fold_name

FILES = ("gazetteer/public_bodies.tsv", "gazetteer/curated.tsv")
MAX_WORDS = 12
_TOKEN = re.compile(r"[^\W_](?:[\w'’.]*[^\W_])?-?|&")
_CURATED_SHORT = {"EU", "FN", "KF", "KS", "LO", "EY", "JO", "SJ"}
_PUBLIC_KINDS = {"agency", "court", "municipal_organ", "municipality", "association_of_municipalities", "state"}


@dataclass(frozen=True)
class Entry:
    name: str
    label: str   # ORG, LOC or NONE
    kind: str


@dataclass(frozen=True)
class GazMatch:
    start: int
    end: int
    label: str
    kind: str
    text: str
    genitive: bool = False  # matched with a genitive 's' ('Försäkringskassans')


def _key(words: list[str]) -> tuple[str, ...]:
    return tuple(fold_name(w) for w in words)


def _is_abbreviation(name: str) -> bool:
    return " " not in name and sum(c.isupper() for c in name) >= 2


def _ambiguous(name: str) -> bool:
    """A one-word name that is also an ordinary word or a first name ('Vision', 'Mark', 'Nora')."""
    from pipeline.lang.names import is_first_name
    from pipeline.stages.ner.names import is_common_noun

    if " " in name or _is_abbreviation(name):
        return False
    return is_common_noun(name) or is_first_name(name)


class Gazetteer:
    """The shipped name tables, indexed for longest-match lookup."""

    def __init__(self, entries: list[Entry]):
        self.phrases: dict[tuple[str, ...], Entry] = {}
        self.abbreviations: dict[str, Entry] = {}
        self.ambiguous: set[str] = set()
        for e in entries:
            if _is_abbreviation(e.name):
                if len(e.name) >= 3 or e.name in _CURATED_SHORT or e.label == "NONE":
                    self.abbreviations.setdefault(e.name, e)
                continue
            words = _TOKEN.findall(e.name)
            if not words or len(words) > MAX_WORDS:
                continue
            key = _key(words)
            # a curated entry (read last) overrides; NONE never loses to a name
            if key not in self.phrases or e.label == "NONE" or self.phrases[key].kind not in _PUBLIC_KINDS:
                self.phrases[key] = e
            if len(key) == 1 and _ambiguous(e.name):
                self.ambiguous.add(key[0])
        self.max_words = max((len(k) for k in self.phrases), default=1)
        self.starts: dict[str, int] = {}  # first word -> the most words a phrase with it has
        for k in self.phrases:
            self.starts[k[0]] = max(self.starts.get(k[0], 0), len(k))

    def find(self, text: str) -> list[GazMatch]:
        """Non-overlapping matches, longest first, left to right."""
        toks = [(m.start(), m.end(), m.group()) for m in _TOKEN.finditer(text)]
        folded = [fold_name(t[2]) for t in toks]
        self._lower_words = {f for f, t in zip(folded, toks) if t[2].islower()}
        out: list[GazMatch] = []
        i = 0
        while i < len(toks):
            hit = self._phrase_at(text, toks, folded, i) or self._abbreviation_at(text, toks[i])
            if hit is None:
                i += 1
                continue
            out.append(hit[0])
            i = hit[1] if hit[1] is not None else i + 1
        return out

    def _abbreviation_at(self, text: str, tok: tuple[int, int, str]):
        s, e, w = tok
        base = w.removesuffix(":s")
        entry = self.abbreviations.get(base) or (self.abbreviations.get(w[:-1]) if w.endswith("s") else None)
        if entry is None:
            return None
        return GazMatch(s, e, entry.label, entry.kind, text[s:e], base != w or w not in self.abbreviations), None

    def _phrase_at(self, text: str, toks, folded: list[str], i: int):
        w = folded[i]
        longest = max(self.starts.get(w, 0), 1 if w.endswith("s") and w[:-1] in self.starts else 0)
        if not longest:
            return None
        for n in range(min(longest, len(toks) - i), 0, -1):
            words = folded[i:i + n]
            if "\n\n" in text[toks[i][0]:toks[i + n - 1][1]]:
                continue
            entry = self.phrases.get(tuple(words))
            last = words[-1]
            genitive = False
            if entry is None and len(last) > 3 and last.endswith("s"):  # genitive on the last word
                entry = self.phrases.get(tuple(words[:-1] + [last[:-1]]))
                genitive = True
            if entry is None or not self._looks_like_name(text, toks, i, n, entry):
                continue
            s, e = toks[i][0], toks[i + n - 1][1]
            e = e - 1 if text[e - 1] == "-" else e
            return GazMatch(s, e, entry.label, entry.kind, text[s:e], genitive), i + n
        return None

    def _looks_like_name(self, text: str, toks, i: int, n: int, entry: Entry) -> bool:
        first = toks[i][2]
        if not first[:1].isupper():
            return n == 1 and entry.kind in _PUBLIC_KINDS and len(first) >= 8 and entry.label == "ORG"
        key = fold_name(first)
        if n == 1 and (key in self.ambiguous or (key.endswith("s") and key[:-1] in self.ambiguous)):
            if re.match(r"\s*\d", text[toks[i][1]:toks[i][1] + 3]):
                return False  # 'Sida 1 av 6'
            # first in a sentence, an ordinary word unless the document never writes it in lower case
            return not _starts_sentence(text, toks[i][0]) or key not in self._lower_words
        return True

    @property
    def none_names(self) -> set[str]:
        """Folded names that are never an entity (platforms, standards, laws)."""
        out = {fold_name(a) for a, e in self.abbreviations.items() if e.label == "NONE"}
        out.update(" ".join(k) for k, e in self.phrases.items() if e.label == "NONE")
        return out


_SENTENCE_BEFORE = re.compile(r"(?:^|\n|[ \t]{3,})[ \t>*#•·●○■▪–-]*(?:\d+[.)]\s*)?$|[.!?:]\s*[\"'”»]?\s*$")


def _starts_sentence(text: str, pos: int) -> bool:
    return bool(_SENTENCE_BEFORE.search(text[max(0, pos - 30):pos]))


def read_entries(paths: tuple[str, ...] = FILES) -> list[Entry]:
    entries: list[Entry] = []
    for name in paths:
        p = model_path(name)
        if not p.exists():
            continue
        with open(p, encoding="utf-8") as fh:
            rows = csv.DictReader((ln for ln in fh if not ln.startswith("#")), delimiter="\t")
            entries.extend(Entry(r["name"], r["label"], r["kind"]) for r in rows if r.get("name"))
    return entries


@lru_cache(maxsize=1)
def load_gazetteer() -> Gazetteer:
    """The shipped gazetteer, loaded once per process."""
    return Gazetteer(read_entries())
