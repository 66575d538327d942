"""Swedish lexical knowledge for the repair: wordfreq frequencies, hunspell-sv stems and
compounds, and an index of words by their diacritic-folded form (å/ä→a, ö→o, é→e)."""
from __future__ import annotations

import os
from functools import lru_cache
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
FLOOR = 1e-9            # probability of an unknown word
STEM_PROB = 3e-9        # hunspell stem not in wordfreq
HUNSPELL_DIRS = [ROOT / ".venv" / "share" / "hunspell", Path("/usr/share/hunspell")]

_FOLD = str.maketrans({"å": "a", "ä": "a", "ö": "o", "é": "e", "è": "e", "ü": "u",
                       "Å": "a", "Ä": "a", "Ö": "o", "É": "e", "È": "e", "Ü": "u"})


def fold(s: str) -> str:
    return s.lower().translate(_FOLD)


def _hunspell_base() -> Path | None:
    env = os.environ.get("MINUTES_HUNSPELL_SV")
    cands = [Path(env)] if env else []
    cands += [d / "sv_SE" for d in HUNSPELL_DIRS]
    for c in cands:
        if c.with_suffix(".dic").exists() and c.with_suffix(".aff").exists():
            return c
    return None


class Lexicon:
    def __init__(self, freqs: dict[str, float]):
        self.freqs = freqs
        index: dict[str, list[str]] = {}
        tr = _FOLD
        for w in freqs:  # keys are lower-case already
            k = w.translate(tr)
            lst = index.get(k)
            if lst is None:
                index[k] = [w]
            else:
                lst.append(w)
        self.index = index

    def prob(self, w: str) -> float:
        return self.freqs.get(w, FLOOR)

    def known(self, w: str) -> bool:
        return w in self.freqs

    def by_fold(self, key: str) -> list[str]:
        return self.index.get(key, ())


@lru_cache(maxsize=1)
def load_lexicon() -> Lexicon:
    freqs: dict[str, float] = {}
    try:
        import wordfreq
        for w, f in wordfreq.get_frequency_dict("sv", "large").items():
            if w.replace("-", "").isalpha():
                freqs[w] = f
    except Exception:  # pragma: no cover - wordfreq is a declared dependency
        pass
    base = _hunspell_base()
    if base is not None:
        with open(base.with_suffix(".dic"), encoding="utf-8", errors="replace") as fh:
            next(fh, None)
            for line in fh:
                w = line.split("/", 1)[0].strip().lower()
                if w not in freqs and w.isalpha():
                    freqs[w] = STEM_PROB
    return Lexicon(freqs)


@lru_cache(maxsize=1)
def _hunspell():
    base = _hunspell_base()
    if base is None:
        return None
    try:
        from spylls.hunspell import Dictionary
        return Dictionary.from_files(str(base))
    except Exception:
        return None


@lru_cache(maxsize=200_000)
def hunspell_ok(word: str) -> bool | None:
    """True/False from hunspell-sv (with its compounding rules); None when unavailable."""
    d = _hunspell()
    if d is None:
        return None
    try:
        return bool(d.lookup(word))
    except Exception:
        return None
