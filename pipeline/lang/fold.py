"""Fold functions: one per meaning of "the same word, written differently".

Each stage compares Swedish text under one of these, never a private copy:

* :func:`fold_cue_text`   lower case, diacritics and OCR's '6'/'&' for ö/å removed, *same length*
  as the input, so a match in the folded text is a match at the same offsets in the original;
* :func:`fold_name`       a name compared case- and diacritic-insensitively ('Bergström' = 'Bergstrom');
* :func:`fold_name_key`   :func:`fold_name` plus spacing and stray punctuation: a person-index key;
* :func:`fold_swedish_lower` å/ä/ö/é/è/ü to their base letter in text that is already lower case
  (the OCR repair's lexicon index: fast, no Unicode normalisation).
"""
from __future__ import annotations

import re
import unicodedata
from functools import lru_cache


class _FoldTable(dict):
    """str.translate table: each character -> its lower-case base letter (one character)."""

    def __missing__(self, code: int) -> str:
        c = chr(code)
        base = unicodedata.normalize("NFKD", c)[0].lower()
        self[code] = base if len(base) == 1 else c
        return self[code]


_FOLD_TABLE = _FoldTable()
_OCR_O = re.compile(r"(?<!\d)6(?=[^\W\d_])")
_OCR_A = re.compile(r"(?<!\d)&(?=[^\W\d_])")


def fold_cue_text(s: str) -> str:
    """Lower-case and strip diacritics character by character (same length as the input).

    OCR confusions for å/ä/ö ('6vriga', '&r') are folded too, so cues match damaged text.
    """
    out = s.translate(_FOLD_TABLE)
    if "6" in out:
        out = _OCR_O.sub("o", out)
    if "&" in out:
        out = _OCR_A.sub("a", out)
    return out


@lru_cache(maxsize=65536)
def fold_name(s: str) -> str:
    """Case- and diacritic-insensitive form of a name: 'Bergström' and OCR'd 'Bergstrom' meet."""
    s = unicodedata.normalize("NFKD", s.casefold())
    return "".join(c for c in s if not unicodedata.combining(c))


def fold_name_key(s: str) -> str:
    """A name folded for comparison (case, diacritics), spacing and stray punctuation removed."""
    return re.sub(r"\s+", " ", fold_name(s)).strip(" .,:;")


def fold_swedish_lower(s: str) -> str:
    """å/ä/ö/é/è/ü -> a/a/o/e/e/u in a lower-case string (chained replace: ~8x faster than translate)."""
    if s.isascii():
        return s
    return (s.replace("å", "a").replace("ä", "a").replace("ö", "o").replace("é", "e")
            .replace("è", "e").replace("ü", "u"))
