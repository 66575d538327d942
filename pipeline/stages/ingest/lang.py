"""Is this plausible Swedish? Judged by the share of words wordfreq's Swedish list knows.

The share is weighted by word length, so a garbage OCR layer such as
'Stcnäldcrns sa ml?i I lighctslii' (long unknown tokens, short known ones) scores low
while real minutes (long compounds such as 'samfällighetsförening' are in the list) score
high. Digits and punctuation do not count.
"""
from __future__ import annotations

import functools
import re

_WORD = re.compile(r"[^\W\d_]+(?:[-'’][^\W\d_]+)*")


@functools.lru_cache(maxsize=4)
def _lexicon(lang: str) -> frozenset[str]:
    import wordfreq
    return frozenset(wordfreq.get_frequency_dict(lang))


def words(text: str) -> list[str]:
    return _WORD.findall(text)


def known_share(text: str, lang: str = "sv", max_words: int = 5000) -> tuple[float, int]:
    """(share of letters in known words, number of words); (0.0, 0) for text with no words."""
    lex = _lexicon(lang)
    total = known = n = 0
    for w in words(text)[:max_words]:
        w_l = w.lower()
        parts = [w_l] if w_l in lex else re.split(r"[-'’]", w_l)
        for p in parts:
            if not p:
                continue
            n += 1
            total += len(p)
            if p in lex and (len(p) > 1 or p in {"i", "å", "ö", "o", "a"}):
                known += len(p)
    return (known / total if total else 0.0), n


def swedish_share(text: str) -> float:
    return known_share(text, "sv")[0]


def looks_swedish(text: str, min_share: float = 0.6) -> bool:
    return swedish_share(text) >= min_share


def plausible_text(text: str, min_share: float = 0.6, other_langs: tuple[str, ...] = ("en",)) -> bool:
    """Readable words in Swedish (or, so that a clean foreign document is not re-OCR'd, in
    one of ``other_langs``)."""
    if known_share(text, "sv")[0] >= min_share:
        return True
    return any(known_share(text, lg)[0] >= min_share for lg in other_langs)


#: languages Swedish is told apart from (closest neighbours and the usual suspects)
CANDIDATES: tuple[str, ...] = ("sv", "en", "de", "da", "nb", "fi", "nl", "fr")


@functools.lru_cache(maxsize=200_000)
def _likeliest_language(word: str) -> str | None:
    """The candidate language whose word list gives ``word`` (lower case) the highest
    frequency; None when no list knows it. Cached: minutes reuse their vocabulary, and eight
    wordfreq look-ups per word were most of the time spent reading a plain text file."""
    from wordfreq import zipf_frequency

    z = {lg: zipf_frequency(word, lg, wordlist="small") for lg in CANDIDATES}
    best = max(z, key=z.get)
    return best if z[best] > 0 else None


def language_votes(text: str, max_words: int = 1000) -> dict[str, float]:
    """Share of words for which each language's word list gives the highest frequency."""
    return _votes(words(text)[:max_words])


def _votes(ws: list[str]) -> dict[str, float]:
    from collections import Counter

    votes: Counter[str] = Counter()
    for w in ws:
        best = _likeliest_language(w.lower())
        if best is not None:
            votes[best] += 1
    n = sum(votes.values())
    return {lg: v / n for lg, v in votes.most_common()} if n else {}


def not_swedish_warning(text: str, min_words: int = 20, max_words: int = 1000) -> str | None:
    """A warning when a readable text is (most likely) in another language; None otherwise.
    Judged by the first ``max_words`` words (found in the first 20,000 characters when there
    are enough there)."""
    ws = words(text[:20000])
    if len(ws) < max_words and len(text) > 20000:
        ws = words(text)
    if len(ws) < min_words:
        return None
    votes = _votes(ws[:max_words])
    if not votes:
        return None
    best = next(iter(votes))
    sv = votes.get("sv", 0.0)
    if best == "sv" and sv >= 0.35:
        return None
    return (f"text does not look Swedish: most words are likeliest {best!r} "
            f"({votes[best]:.0%}); Swedish {sv:.0%}")


# --- Swedish dictionary words: is a text layer real text or the junk of an old OCR? --------------

_DICT_WORD = re.compile(r"[^\W\d_]{2,}")
@functools.lru_cache(maxsize=1)
def _dictionary() -> frozenset[str]:
    """Swedish words: the stems of hunspell-sv's dictionary and the words wordfreq's Swedish list
    has seen at least once in ten million (the rarest of its entries are often OCR junk)."""
    import wordfreq

    from pipeline.lang.hunspell import hunspell_sv_base

    words = {w for w, f in wordfreq.get_frequency_dict("sv").items() if f >= 1e-7}
    base = hunspell_sv_base()
    if base is not None:
        with open(base.with_suffix(".dic"), encoding="utf-8", errors="ignore") as f:
            next(f, None)
            words.update(line.split("/", 1)[0].strip().lower() for line in f)
    return frozenset(words)


@functools.lru_cache(maxsize=1)
def _english_dictionary() -> frozenset[str]:
    """English words common enough to be words (wordfreq's English list also holds every string the
    web has seen, OCR junk such as 'tcl' or 'mrn' among them)."""
    import wordfreq

    return frozenset(w for w, f in wordfreq.get_frequency_dict("en").items() if f >= 1e-6)


def english_dictionary_share(text: str, max_words: int = 5000) -> float:
    """The share of the words of two or more letters that are common English words."""
    lex = _english_dictionary()
    ws = [w.lower() for w in _DICT_WORD.findall(text)[:max_words]]
    return sum(1 for w in ws if w in lex) / len(ws) if ws else 0.0


def dictionary_share(text: str, max_words: int = 5000) -> tuple[float, int]:
    """(share of the words of two or more letters that are Swedish dictionary words, number of words)."""
    lex = _dictionary()
    ws = [w.lower() for w in _DICT_WORD.findall(text)[:max_words]]
    if not ws:
        return 0.0, 0
    return sum(1 for w in ws if w in lex) / len(ws), len(ws)
