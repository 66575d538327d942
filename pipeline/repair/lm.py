"""Context model: a bigram table built from Swedish corpora, smoothed towards wordfreq.

P(w | v) = (c(v, w) + k * T(v) * P_wf(w)) / (c(v) + k * T(v))      (Witten-Bell smoothing)

where T(v) is the number of distinct words seen after v, k a scaling factor (``mu``),

where P_wf is the wordfreq Swedish unigram frequency (floored).  The table is built by
``python -m pipeline.repair.build_lm`` into ``models/repair/bigrams.tsv.gz``; when the file is
missing, the model degrades to the wordfreq unigram.
"""
from __future__ import annotations

import gzip
import math
import re
from functools import lru_cache
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
DEFAULT_LM_PATH = ROOT / "models" / "repair" / "bigrams.tsv.gz"
BOS = "<s>"
NUM = "<num>"
_NUM_RE = re.compile(r"^[\d.,:/\-–]*\d[\d.,:/\-–]*$")


def normalise_token(tok: str) -> str:
    """Lower-case; numbers (and number-like tokens such as 13.30) become <num>."""
    if _NUM_RE.match(tok):
        return NUM
    return tok.lower()


class BigramLM:
    def __init__(self, unigrams: dict[str, int], bigrams: dict[tuple[str, str], int],
                 base_prob, mu: float = 1.0):
        self.uni = unigrams
        self.bi = bigrams
        self.base = base_prob
        self.mu = mu
        types: dict[str, int] = {}
        for (a, _b) in bigrams:
            types[a] = types.get(a, 0) + 1
        self.types = types
        self._cache: dict[tuple[str, str], float] = {}

    def logprob(self, prev: str, w: str) -> float:
        key = (prev, w)
        r = self._cache.get(key)
        if r is None:
            cv = self.uni.get(prev, 0)
            cvw = self.bi.get(key, 0)
            t = self.mu * self.types.get(prev, 0) + 1.0
            r = math.log((cvw + t * self.base(w)) / (cv + t))
            if len(self._cache) < 2_000_000:
                self._cache[key] = r
        return r


def read_table(path: Path) -> tuple[dict[str, int], dict[tuple[str, str], int]]:
    uni: dict[str, int] = {}
    bi: dict[tuple[str, str], int] = {}
    section = None
    with gzip.open(path, "rt", encoding="utf-8") as fh:
        for line in fh:
            line = line.rstrip("\n")
            if line.startswith("#"):
                section = line[1:]
                continue
            parts = line.split("\t")
            if section == "unigrams" and len(parts) == 2:
                uni[parts[0]] = int(parts[1])
            elif section == "bigrams" and len(parts) == 3:
                bi[(parts[0], parts[1])] = int(parts[2])
    return uni, bi


@lru_cache(maxsize=4)
def load_lm(path: str | None = None, mu: float = 1.0) -> BigramLM:
    from pipeline.repair.lexicon import load_lexicon

    lex = load_lexicon()
    p = Path(path) if path else DEFAULT_LM_PATH
    if p.exists():
        uni, bi = read_table(p)
    else:  # degrade gracefully: unigram only
        uni, bi = {}, {}
    return BigramLM(uni, bi, lex.prob, mu=mu)
