"""Decide whether a text (or a block of it) needs repair, and estimate how much of its
å/ä/ö was stripped.  Cheap: a clean modern text is recognised from character counts alone.
"""
from __future__ import annotations

import math
import re
from dataclasses import dataclass
from functools import lru_cache

from pipeline.stages.repair.lexicon import fold, load_lexicon

WORD_RE = re.compile(r"[^\W_]+(?:[&@|\ufffd6é][^\W_]*)*|[&@|\ufffd]+[^\W_]+", re.UNICODE)
DIAC = set("åäöÅÄÖ")
# an OCR symbol glued to letters: '6ver', '&r', '|6sningar', 'fér'
SYMBOL_WORD_RE = re.compile(r"(?:(?<=[^\W\d_])[6&@|]|[6&@|](?=[^\W\d_]))")
BLOCK_RE = re.compile(r"\n[ \t\r]*\n|\f")


@dataclass
class BlockStats:
    start: int
    end: int
    words: int
    letters: int
    diacritics: int
    stripped: int        # tokens that look like a frequent word with å/ä/ö stripped ('ar', 'pa')
    intact: int          # tokens of those words written with their diacritics
    symbols: int         # tokens with an OCR symbol glued to letters
    fffd: int
    strip_rate: float
    damaged: bool


_DIAC_RE = re.compile("[åäö]")


def _has_diac(w: str) -> bool:
    return _DIAC_RE.search(w) is not None


@lru_cache(maxsize=1)
def stripped_forms() -> tuple[frozenset, frozenset]:
    """(folded forms that are mostly a stripped frequent word, the frequent originals)."""
    lex = load_lexicon()
    best: dict[str, float] = {}
    frequent = [(w, f) for w, f in lex.freqs.items() if f >= 2e-6 and _has_diac(w)]
    for w, f in frequent:
        k = fold(w)
        if f > best.get(k, 0.0):
            best[k] = f
    stripped, orig = set(), set()
    for k, f in best.items():
        if lex.prob(k) * 8 < f:
            stripped.add(k)
    for w, _f in frequent:
        if fold(w) in stripped:
            orig.add(w)
    return frozenset(stripped), frozenset(orig)


def blocks(text: str) -> list[tuple[int, int]]:
    out, pos = [], 0
    for m in BLOCK_RE.finditer(text):
        out.append((pos, m.end()))
        pos = m.end()
    out.append((pos, len(text)))
    return [b for b in out if b[1] > b[0]]


# the most frequent Swedish words with å/ä/ö and their stripped forms (cheap first check)
_COMMON = {"är": "ar", "på": "pa", "för": "for", "när": "nar", "från": "fran", "också": "ocksa",
           "även": "aven", "måste": "maste", "något": "nagot", "någon": "nagon", "några": "nagra",
           "där": "dar", "två": "tva", "mötet": "motet", "möte": "mote", "göra": "gora",
           "efterföljande": "efterfoljande", "därför": "darfor", "så": "sa", "då": "da", "år": "ar"}
_COMMON_RE = re.compile(r"(?<![^\W\d_])(" + "|".join(sorted(set(_COMMON) | set(_COMMON.values()),
                                                              key=len, reverse=True)) + r")(?![^\W\d_])",
                        re.IGNORECASE)
_STRIPPED_COMMON = set(_COMMON.values())


def quick_clean(text: str, min_diac_share: float = 0.015) -> bool:
    """Near-instant test for clean modern Swedish: plenty of å/ä/ö, no OCR symbols in words,
    and the most frequent å/ä/ö words written with their diacritics."""
    if "\ufffd" in text:
        return False
    letters = sum(1 for c in text if c.isalpha())
    if letters == 0:
        return True
    diac = sum(text.count(c) for c in DIAC)
    if diac / letters < min_diac_share:
        return False
    if "é" in text or SYMBOL_WORD_RE.search(text):
        return False
    stripped = intact = 0
    for m in _COMMON_RE.finditer(text):
        if m.group().lower() in _STRIPPED_COMMON:
            stripped += 1
        else:
            intact += 1
    return stripped <= max(2, 0.1 * intact)


def block_stats(text: str, start: int, end: int, params: dict | None = None) -> BlockStats:
    p = params or {}
    seg = text[start:end]
    toks = WORD_RE.findall(seg)
    letters = sum(1 for c in seg if c.isalpha())
    diac = sum(seg.count(c) for c in DIAC)
    fffd = seg.count("\ufffd")
    stripped_set, orig_set = stripped_forms()
    lex = load_lexicon()
    stripped = intact = symbols = 0
    for t in toks:
        low = t.lower()
        if low in stripped_set:
            stripped += 1
        elif low in orig_set:
            intact += 1
        if SYMBOL_WORD_RE.search(t) and not t.isdigit():
            symbols += 1
        elif ("é" in low or "è" in low) and not lex.known(low):
            symbols += 1
    rate = (stripped + 0.5) / (stripped + intact + 1.0)
    n = max(len(toks), 1)
    damage = (stripped + symbols) / n
    damaged = ((stripped + symbols) >= int(p.get("min_damaged_tokens", 3))
               and damage >= float(p.get("min_damage_share", 0.01))
               and (rate >= float(p.get("min_strip_rate", 0.08)) or symbols / n >= 0.01))
    return BlockStats(start, end, len(toks), letters, diac, stripped, intact, symbols, fffd,
                      rate, damaged)


def document_plan(text: str, params: dict | None = None) -> list[BlockStats]:
    """Per-block decisions, pooled with the whole document's evidence for short blocks."""
    p = params or {}
    doc = block_stats(text, 0, len(text), p)
    out = []
    min_words = int(p.get("min_block_words", 40))
    for s, e in blocks(text):
        b = block_stats(text, s, e, p)
        if b.words < min_words:
            # too little evidence: pool with the document (Bayesian-ish shrinkage)
            st, it = b.stripped + doc.stripped * 0.2, b.intact + doc.intact * 0.2
            b.strip_rate = (st + 0.5) / (st + it + 1.0)
            b.damaged = doc.damaged and not (b.intact > 0 and b.stripped == 0 and b.symbols == 0)
        elif doc.damaged and not b.damaged and (b.stripped + b.symbols) > 0:
            # lightly damaged part of a damaged document: repair it, priced by its own (low)
            # strip rate, so that only what is clearly damage changes
            b.damaged = True
        out.append(b)
    return out


def strip_cost(rate: float) -> float:
    rate = min(max(rate, 1e-4), 0.98)
    return -math.log(rate)
