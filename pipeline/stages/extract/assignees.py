"""Resolve assignees as written ('David', 'Bosse', 'Davids', 'sekreteraren') to attendees' full names.

A mention resolves only when exactly one attendee fits:
  1. the full name (case- and diacritic-insensitive), also in the genitive ('Anna Svenssons');
  2. the first name, its genitive, or a nickname of it ('Bosse' -> Bo) from cues.yaml and from
     the one nickname list (pipeline/lang/nicknames.json);
  3. the surname alone;
  4. a role written in the attendee list ('sekreteraren' -> the attendee whose role is
     'sekreterare'; 'socialchefen' -> 'Maria Ek, socialchef');
  5. a fuzzy match (rapidfuzz) for OCR-damaged or misspelt names of five letters or more.
Otherwise the mention is kept as written (organisations, guests, ambiguous first names).
"""
from __future__ import annotations

from functools import lru_cache

from rapidfuzz import fuzz

from pipeline.lang.fold import fold_cue_text as fold
from pipeline.lang.names import nicknames

DEFINITE_SUFFIXES = ("en", "n", "et")


@lru_cache(maxsize=1)
def _nicknames() -> dict[str, set[str]]:
    """Nickname -> formal first names (both folded), from the one nickname list (pipeline.lang.names)."""
    out: dict[str, set[str]] = {}
    for nick, formal in nicknames().items():
        out.setdefault(fold(nick), set()).update(fold(f) for f in formal)
    return out


def _aliases(first: str) -> set[str]:
    """Other first names the folded first name ``first`` can stand for (nickname <-> formal)."""
    ner = _nicknames()
    out = set(ner.get(first, set()))
    out |= {nick for nick, formal in ner.items() if first in formal}
    out.discard(first)
    return out


def _unique(cands: list[str]) -> str | None:
    uniq = list(dict.fromkeys(cands))
    return uniq[0] if len(uniq) == 1 else None


def _role_match(m: str, attendees: list[dict]) -> str | None:
    """'sekreteraren' -> the one attendee with role 'sekreterare' (or organisation 'socialchef')."""
    stems = {m} | {m[: -len(suf)] for suf in DEFINITE_SUFFIXES if m.endswith(suf) and len(m) > len(suf) + 3}
    cands = []
    for a in attendees:
        for key in ("role", "organisation"):
            v = fold((a.get(key) or "").strip())
            if v and v in stems:
                cands.append(a["name"])
    return _unique(cands)


def resolve_one(mention: str, attendees: list[dict], threshold: float = 88.0) -> str:
    attendees = [a for a in attendees or [] if a.get("name")]
    names = [a["name"] for a in attendees]
    if not names or not mention:
        return mention
    m = fold(mention.strip())
    forms = [m] + ([m[:-1]] if m.endswith("s") and len(m) > 3 else [])  # genitive: 'Davids'
    for f in forms:
        full = [n for n in names if fold(n) == f]
        if full:
            return _unique(full) or mention
    words = m.split()
    if len(words) == 1:
        for f in forms:
            first = [n for n in names if fold(n).split()[0] == f]
            if first:
                return _unique(first) or mention
        for f in forms:
            aliases = _aliases(f)
            nick = [n for n in names if fold(n).split()[0] in aliases]
            if nick:
                return _unique(nick) or mention
        for f in forms:
            last = [n for n in names if len(fold(n).split()) > 1 and fold(n).split()[-1] == f]
            if last:
                return _unique(last) or mention
        if mention[:1].islower():  # a role noun, not a name
            return _role_match(m, attendees) or mention
        if len(m) >= 5:
            fuzzy = [n for n in names if fuzz.ratio(fold(n).split()[0], m) >= threshold]
            return _unique(fuzzy) or mention
        return mention
    fuzzy = [n for n in names if fuzz.ratio(fold(n), m) >= threshold]
    return _unique(fuzzy) or mention


def resolve(mentions: list[str], attendees: list[dict], threshold: float = 88.0) -> list[str]:
    out = [resolve_one(x, attendees, threshold) for x in mentions]
    return list(dict.fromkeys(out))
