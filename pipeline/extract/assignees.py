"""Resolve assignees as written ('David', 'Bosse', 'Ia') to attendees' full names.

A mention resolves only when exactly one attendee fits:
  1. the full name (case- and diacritic-insensitive);
  2. the first name, or a nickname of it ('Bosse' -> Bo) from cues.yaml;
  3. the surname alone;
  4. a fuzzy match (rapidfuzz) for OCR-damaged or misspelt names of five letters or more.
Otherwise the mention is kept as written (organisations, guests, ambiguous first names).
"""
from __future__ import annotations

from rapidfuzz import fuzz

from pipeline.extract.sentences import fold


def _unique(cands: list[str]) -> str | None:
    uniq = list(dict.fromkeys(cands))
    return uniq[0] if len(uniq) == 1 else None


def resolve_one(mention: str, attendees: list[dict], nicknames: dict[str, str] | None = None,
                threshold: float = 88.0) -> str:
    names = [a["name"] for a in attendees or [] if a.get("name")]
    if not names or not mention:
        return mention
    nicknames = nicknames or {}
    m = fold(mention.strip())
    full = [n for n in names if fold(n) == m]
    if full:
        return full[0]
    words = m.split()
    if len(words) == 1:
        first = [n for n in names if fold(n).split()[0] == m]
        if first:
            return _unique(first) or mention
        alias = nicknames.get(m)
        if alias:
            nick = [n for n in names if fold(n).split()[0] == alias]
            if nick:
                return _unique(nick) or mention
        last = [n for n in names if len(fold(n).split()) > 1 and fold(n).split()[-1] == m]
        if last:
            return _unique(last) or mention
        if len(m) >= 5:
            fuzzy = [n for n in names if fuzz.ratio(fold(n).split()[0], m) >= threshold]
            return _unique(fuzzy) or mention
        return mention
    fuzzy = [n for n in names if fuzz.ratio(fold(n), m) >= threshold]
    return _unique(fuzzy) or mention


def resolve(mentions: list[str], attendees: list[dict], nicknames: dict[str, str] | None = None,
            threshold: float = 88.0) -> list[str]:
    out = [resolve_one(x, attendees, nicknames, threshold) for x in mentions]
    return list(dict.fromkeys(out))
