"""First names the model misses, and a check for phrases that are English rather than names.

* :func:`find_first_names`: capitalised first names from a list of common first names in Sweden
  (``first_names.txt``, plus the nicknames of ``nicknames.json``), alone ('Pernilla är inte
  med.') or with the capitalised surname after them ('Anna Åkerman'). News-trained models
  often miss a lone first name at the start of a sentence, which minutes are full of. Names
  that are also ordinary words (Per, Bo, Hans, Björn …) are not in the list.
* :func:`is_english_phrase`: 'Take action!', 'Open College Network': words far more frequent in
  English than in Swedish (wordfreq), so not a Swedish person's name.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from pipeline.lang.names import first_names, is_first_name

_CAP_WORD = r"[A-ZÅÄÖÉÜ][a-zåäöéüï]+(?:-[A-ZÅÄÖÉÜ][a-zåäöéüï]+)?"
# a capitalised word, optionally followed on the same line by a second one (the surname)
_NAME_RUN = re.compile(rf"(?<![\w-])({_CAP_WORD})(?:[ \t]+({_CAP_WORD}))?(?![\w-])")
# words that follow a first name with a capital but are not its surname
_NOT_SURNAME = {"Och", "Att", "Det", "Den", "Som", "Har", "Är", "Ska", "Kan", "Vill", "Tar", "Berättar"}


@dataclass(frozen=True)
class NameMatch:
    start: int
    end: int
    label: str
    text: str


@lru_cache(maxsize=1)
def _dictionary_stems() -> tuple[frozenset[str], frozenset[str]]:
    """(capitalised stems, lower-case stems) of the hunspell-sv dictionary; empty when the
    dictionary is not installed."""
    from pipeline.lang.hunspell import hunspell_sv_base

    base = hunspell_sv_base()
    if base is None:
        return frozenset(), frozenset()
    upper, lower = set(), set()
    with open(base.with_suffix(".dic"), encoding="utf-8", errors="replace") as fh:
        for line in fh:
            w = line.split("/", 1)[0].strip()
            if w[:1].isupper() and not w.isupper():
                upper.add(w)
            elif w.islower():
                lower.add(w)
    return frozenset(upper), frozenset(lower)


def proper_nouns() -> frozenset[str]:
    """Capitalised stems of the hunspell-sv dictionary ('Sverige', 'Malmö', 'Olsson')."""
    return _dictionary_stems()[0]


_INFLECTIONS = ("erna", "arna", "orna", "en", "et", "an", "na", "er", "ar", "or", "s", "n", "t")


def is_common_noun(word: str, inflected: bool = False) -> bool:
    """The word, lower-cased, is an ordinary Swedish dictionary word ('kommunal', 'vision', 'mark'),
    or a common English one ('attention'); with ``inflected`` also a definite or plural form of one
    ('Promemorian', 'Åtgärder')."""
    low = word.lower()
    lower = _dictionary_stems()[1]
    if low in lower or (low.endswith("s") and low[:-1] in lower) or is_english_word(word, min_en=4.0):
        return True
    if inflected:
        for suffix in _INFLECTIONS:
            stem = low[:-len(suffix)]
            if low.endswith(suffix) and len(stem) >= 4 and (stem in lower or stem + "a" in lower or stem + "e" in lower):
                return True
    return False


def is_proper_noun(word: str) -> bool:
    """A listed first name or a capitalised dictionary stem, also in the genitive."""
    if is_first_name(word):
        return True
    nouns = proper_nouns()
    return word in nouns or (word.endswith("s") and word[:-1] in nouns) or (
        word.endswith(":s") and word[:-2] in nouns)


@lru_cache(maxsize=4096)
def _freqs(word: str) -> tuple[float, float]:
    from wordfreq import zipf_frequency
    w = word.lower()
    return zipf_frequency(w, "en"), zipf_frequency(w, "sv")


def is_english_word(word: str, min_en: float = 3.0, margin: float = 0.8) -> bool:
    """A word that is common in English and clearly more common there than in Swedish."""
    en, sv = _freqs(word)
    return en >= min_en and en - sv >= margin


def is_english_phrase(text: str) -> bool:
    """Every word of ``text`` is an English word and none is a known first name."""
    words = re.findall(r"[^\W\d_]+", text)
    if not words or any(is_first_name(w) for w in words):
        return False
    return all(is_english_word(w) for w in words)


def _surname_like(word: str, stop_words: frozenset[str]) -> bool:
    """The capitalised word after a first name can be its surname ('Anna Åkerman', 'Karin Ek')."""
    return word not in _NOT_SURNAME and word.lower() not in stop_words and not is_english_word(word)


def find_first_names(text: str) -> list[NameMatch]:
    """PER candidates: a listed first name, with the capitalised word after it when that looks
    like a surname. Both the full name and the first name alone are returned, so that the caller
    can fall back on the first name where another layer claims the second word."""
    from spacy.lang.sv.stop_words import STOP_WORDS

    stop = frozenset(STOP_WORDS)
    names = first_names()
    out: list[NameMatch] = []
    pos = 0
    while text:
        m = _NAME_RUN.search(text, pos)
        if not m:
            break
        pos = m.end(1)
        first, second = m.group(1), m.group(2)
        if not is_first_name(first) or first.lower() in stop:
            continue
        s1, e1 = m.span(1)
        genitive = first not in names
        if genitive:
            e1 -= 1  # 'Pernillas' -> 'Pernilla'
        elif second and _surname_like(second, stop):
            out.append(NameMatch(s1, m.end(2), "PER", text[s1:m.end(2)]))
        out.append(NameMatch(s1, e1, "PER", text[s1:e1]))
    return out
