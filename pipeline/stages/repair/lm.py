"""Context model: a bigram table built from Swedish corpora, smoothed towards wordfreq
through a word-class bigram, so that unseen word pairs are still told apart.

    P(w | v) = (c(v, w) + b(v) * B(w | v)) / (c(v) + b(v))         b(v) = mu * T(v) + 1
    B(w | v) = P0(w) * R(v, class(w))
    R(v, k)  = P(k | v) / P(k),   P(k | v) = (c(v, k) + (Tk(v) + 1) P(k)) / (c(v) + Tk(v) + 1)

Witten-Bell smoothing: c are corpus counts, T(v) the number of distinct words seen after v,
Tk(v) the number of distinct classes.  P0 is the wordfreq Swedish unigram frequency (the
corpus frequency for punctuation, numbers and sentence ends).  The class of a word is the
word itself when it is short (function words: 'är', 'på', 'vår', 'här') and its last three
letters otherwise, which stands in for part of speech and inflection: 'våra' is followed by
plural nouns ('-are', '-rna', '-ter'), 'vara' by adjectives and participles; 'de här' by
definite nouns, 'de har' by supines ('-att', '-it').  R is clipped to [1/50, 50].

The table is built by ``python -m pipeline.stages.repair.build_lm`` into
``models/repair/bigrams.tsv.gz``; when the file is missing, the model degrades to the
wordfreq unigram.
"""
from __future__ import annotations

import gzip
import math
import re
from functools import lru_cache
from pathlib import Path

from pipeline.contract.resources import model_path

DEFAULT_LM_NAME = "repair/bigrams.tsv.gz"  # inside the shipped models (pipeline.contract.resources)
BOS = "<s>"
NUM = "<num>"
SHORT = 4            # words up to this length are their own class
R_MIN, R_MAX = 1 / 50, 50.0
_NUM_RE = re.compile(r"^[\d.,:/\-–]*\d[\d.,:/\-–]*$")


def normalise_token(tok: str) -> str:
    """Lower-case; numbers (and number-like tokens such as 13.30) become <num>."""
    if _NUM_RE.match(tok):
        return NUM
    return tok.lower()


def word_class(w: str) -> str:
    """The class of a normalised token without clusters: itself when short or not a word,
    else '~' + its last three letters."""
    if len(w) > SHORT and w.isalpha():
        return "~" + w[-3:]
    return w


class BigramLM:
    def __init__(self, unigrams: dict[str, int], bigrams: dict[tuple[str, str], int],
                 base_prob, mu: float = 1.0, classes: dict[tuple[str, str], int] | None = None,
                 known=None, class_power: float = 1.0, clusters: dict[str, int] | None = None):
        self.class_power = class_power
        self.min_own = 10          # a word seen fewer times is described by its class
        self.uni = unigrams
        self.bi = bigrams
        self.cls = classes or {}
        self.clusters = {w: f"C{k}" for w, k in (clusters or {}).items()}
        self.lexprob = base_prob
        self.known = known or (lambda w: False)
        self.mu = mu
        self.n = max(sum(unigrams.values()), 1)
        types: dict[str, int] = {}
        ctypes: dict[str, int] = {}
        pair: dict[tuple[str, str], int] = {}      # class -> class counts
        pair_from: dict[str, int] = {}
        for (a, b), c in bigrams.items():
            types[a] = types.get(a, 0) + 1
            kb = self.word_class(b)
            if kb == b:
                ctypes[a] = ctypes.get(a, 0) + 1
            key = (self.word_class(a), kb)
            pair[key] = pair.get(key, 0) + c
            pair_from[key[0]] = pair_from.get(key[0], 0) + c
        for (a, _k) in self.cls:
            ctypes[a] = ctypes.get(a, 0) + 1
        self.types = types
        self.ctypes = ctypes
        self.pair = pair
        self.pair_from = pair_from
        pair_types: dict[str, int] = {}
        for (ka, _kb) in pair:
            pair_types[ka] = pair_types.get(ka, 0) + 1
        self.pair_types = pair_types
        cuni: dict[str, int] = {}
        for w, c in unigrams.items():
            k = self.word_class(w)
            cuni[k] = cuni.get(k, 0) + c
        self.cuni = cuni
        self.n_classes = len(cuni)
        self._cache: dict[tuple[str, str], float] = {}

    def word_class(self, w: str) -> str:
        """A distributional cluster ('C17') for words seen in the corpora, else the last three
        letters of a long word ('~ing'), else the token itself."""
        k = self.clusters.get(w)
        if k is not None:
            return k
        return word_class(w)

    def p0(self, w: str) -> float:
        if self.known(w) or w.isalpha():
            return self.lexprob(w)
        c = self.uni.get(w)
        if c:
            return c / self.n
        return self.lexprob(w)

    def class_ratio(self, prev: str, k: str) -> float:
        """R = P(class k | prev) / P(k), from the word's own counts when it has some, else
        from its class's counts."""
        if not self.cls and not self.clusters:
            return 1.0
        pk = (self.cuni.get(k, 0) + 0.5) / (self.n + 0.5 * self.n_classes)
        cv = self.uni.get(prev, 0)
        if cv >= self.min_own:
            cvk = self.cls.get((prev, k), self.bi.get((prev, k), 0))
            tk = self.ctypes.get(prev, 0) + 1.0
        else:
            kp = self.word_class(prev)
            cv = self.pair_from.get(kp, 0)
            if cv < 2:
                return 1.0
            cvk = self.pair.get((kp, k), 0)
            tk = self.pair_types.get(kp, 0) + 1.0
        r = (cvk + tk * pk) / (cv + tk) / pk
        return min(max(r, R_MIN), R_MAX) ** self.class_power

    def logprob(self, prev: str, w: str) -> float:
        key = (prev, w)
        r = self._cache.get(key)
        if r is None:
            cv = self.uni.get(prev, 0)
            cvw = self.bi.get(key, 0)
            t = self.mu * self.types.get(prev, 0) + 1.0
            base = self.p0(w) * self.class_ratio(prev, self.word_class(w))
            r = math.log((cvw + t * base) / (cv + t))
            if len(self._cache) < 200_000:  # bounded: memory must stay flat over an archive
                self._cache[key] = r
        return r


def read_table(path: Path):
    """(unigrams, bigrams, (word, next class) counts, clusters) from the model file."""
    uni: dict[str, int] = {}
    bi: dict[tuple[str, str], int] = {}
    cls: dict[tuple[str, str], int] = {}
    clusters: dict[str, int] = {}
    section = None
    with gzip.open(path, "rt", encoding="utf-8") as fh:
        for line in fh:
            line = line.rstrip("\n")
            if line.startswith("#") and "\t" not in line:
                section = line[1:]
                continue
            parts = line.split("\t")
            if section == "unigrams" and len(parts) == 2:
                uni[parts[0]] = int(parts[1])
            elif section == "bigrams" and len(parts) == 3:
                bi[(parts[0], parts[1])] = int(parts[2])
            elif section == "classes" and len(parts) == 3:
                cls[(parts[0], parts[1])] = int(parts[2])
            elif section == "clusters" and len(parts) == 2:
                clusters[parts[0]] = int(parts[1])
    return uni, bi, cls, clusters


@lru_cache(maxsize=4)
def load_lm(path: str | None = None, mu: float = 1.0, classes: float = 1.0) -> BigramLM:
    """The context model; `classes` is the weight (power) of the class ratio R, 0 for none."""
    from pipeline.stages.repair.lexicon import load_lexicon

    lex = load_lexicon()
    p = Path(path) if path else model_path(DEFAULT_LM_NAME)
    if p.exists():
        uni, bi, cls, clusters = read_table(p)
    else:  # degrade gracefully: unigram only
        uni, bi, cls, clusters = {}, {}, {}, {}
    if not classes:
        cls, clusters = {}, {}
    return BigramLM(uni, bi, lex.prob, mu=mu, classes=cls, known=lex.known,
                    class_power=float(classes), clusters=clusters)
