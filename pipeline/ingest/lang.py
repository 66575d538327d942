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


def language_votes(text: str, max_words: int = 1000) -> dict[str, float]:
    """Share of words for which each language's word list gives the highest frequency."""
    from collections import Counter

    from wordfreq import zipf_frequency

    votes: Counter[str] = Counter()
    for w in words(text)[:max_words]:
        w = w.lower()
        z = {lg: zipf_frequency(w, lg) for lg in CANDIDATES}
        best = max(z, key=z.get)
        if z[best] > 0:
            votes[best] += 1
    n = sum(votes.values())
    return {lg: v / n for lg, v in votes.most_common()} if n else {}


def not_swedish_warning(text: str, min_words: int = 20) -> str | None:
    """A warning when a readable text is (most likely) in another language; None otherwise."""
    votes = language_votes(text)
    n_words = len(words(text))
    if n_words < min_words or not votes:
        return None
    best = next(iter(votes))
    sv = votes.get("sv", 0.0)
    if best == "sv" and sv >= 0.35:
        return None
    return (f"text does not look Swedish: most words are likeliest {best!r} "
            f"({votes[best]:.0%}); Swedish {sv:.0%}")
