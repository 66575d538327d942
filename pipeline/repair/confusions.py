"""OCR confusion model: which true characters an observed character may stand for, at what
cost (in nats, i.e. -log P(observed | true)), and candidate generation against the lexicon.

The table covers what Swedish text read with an English OCR model (or a lossy encoding)
produces: å/ä/ö stripped to a/o, read as '6', '&', '@', 'é', 'd', 'b', 'i'; two-glyph
readings such as 'oé' for ö; '|' for l; U+FFFD for any of å/ä/ö/§.
"""
from __future__ import annotations

import itertools
import math
from dataclasses import dataclass, field

from pipeline.repair.lexicon import FLOOR, Lexicon, fold

KEEP_SYMBOL_COST = 12.0     # keeping '6', '&', '|', U+FFFD inside a word


@dataclass
class ConfusionModel:
    strip_cost: float = 0.3             # a→å/ä, o→ö  (set from the estimated strip rate)
    single: dict[str, list[tuple[str, float]]] = field(default_factory=dict)
    double: dict[str, list[tuple[str, float]]] = field(default_factory=dict)

    def options(self, ch: str) -> list[tuple[str, float]]:
        o = self.single.get(ch)
        if o is not None:
            return o
        return [(ch, 0.0)]


def default_tables(strip_cost: float, params: dict | None = None) -> ConfusionModel:
    p = params or {}
    s = strip_cost
    d_cost = float(p.get("d_cost", 3.0))
    b_cost = float(p.get("b_cost", 3.5))
    i_cost = float(p.get("i_cost", 6.0))
    single = {
        "a": [("a", 0.0), ("ä", s), ("å", s + 0.1)],
        "o": [("o", 0.0), ("ö", s)],
        "6": [("ö", 0.1), ("ä", 1.0), ("å", 1.5), ("6", KEEP_SYMBOL_COST)],
        "&": [("ä", 0.1), ("å", 0.4), ("&", KEEP_SYMBOL_COST)],
        "@": [("ä", 0.4), ("å", 0.8), ("@", KEEP_SYMBOL_COST)],
        "é": [("ö", 0.4), ("ä", 0.7), ("é", 1.0), ("å", 2.0), ("o", 4.0), ("e", 6.0)],
        "è": [("ö", 0.6), ("ä", 0.6), ("è", 1.5), ("e", 6.0)],
        "d": [("d", 0.0), ("ä", d_cost), ("ö", d_cost + 0.5), ("å", d_cost + 0.5)],
        "b": [("b", 0.0), ("ö", b_cost)],
        "i": [("i", 0.0), ("ä", i_cost)],
        "|": [("l", 0.1), ("|", KEEP_SYMBOL_COST)],
        "\ufffd": [("ä", 0.3), ("ö", 0.3), ("å", 0.3), ("\ufffd", KEEP_SYMBOL_COST)],
    }
    for k, v in p.get("extra_single", {}).items():
        single[k] = [tuple(x) for x in v]
    double = {
        "oé": [("ö", 1.5)],
        "éa": [("ä", 1.5)],
        "ée": [("ä", 2.0)],
        "@a": [("ä", 0.5), ("å", 1.0)],
        "da": [("ä", d_cost + 1.0)],
        "ad": [("ä", d_cost + 1.0)],
        "\ufffd\ufffd": [("ä", 1.0), ("ö", 1.0), ("å", 1.0)],
    }
    return ConfusionModel(strip_cost=s, single=single, double=double)


def _segmentations(low: str, cm: ConfusionModel, max_merges: int = 2):
    """Yield lists of option-lists (one per output character), allowing 2→1 merges."""
    n = len(low)
    merge_at = [i for i in range(n - 1) if low[i:i + 2] in cm.double]
    yield [cm.options(c) for c in low]
    if not merge_at:
        return
    for k in range(1, min(max_merges, len(merge_at)) + 1):
        for combo in itertools.combinations(merge_at, k):
            if any(b - a < 2 for a, b in zip(combo, combo[1:])):
                continue
            out, i, cs = [], 0, set(combo)
            while i < n:
                if i in cs:
                    out.append(cm.double[low[i:i + 2]])
                    i += 2
                else:
                    out.append(cm.options(low[i]))
                    i += 1
            yield out


def _match(word: str, opts: list[list[tuple[str, float]]]) -> float | None:
    if len(word) != len(opts):
        return None
    total = 0.0
    for ch, o in zip(word, opts):
        for c, cost in o:
            if c == ch:
                total += cost
                break
        else:
            return None
    return total


def lexicon_candidates(low: str, cm: ConfusionModel, lex: Lexicon, extra: dict[str, float] | None = None,
                       max_keys: int = 96) -> dict[str, float]:
    """Words w (lower-case) the token `low` may stand for, with channel cost."""
    out: dict[str, float] = {}
    for opts in _segmentations(low, cm):
        fold_sets = []
        for o in opts:
            fs = []
            for c, _ in o:
                f = fold(c)
                if f not in fs:
                    fs.append(f)
            fold_sets.append(fs)
        n_keys = 1
        for fs in fold_sets:
            n_keys *= len(fs)
        if n_keys > max_keys:  # drop the costly alternatives (first option is the cheapest fold)
            fold_sets = [fs[:1] if len(fs) > 1 and o[0][1] == 0.0 else fs for fs, o in zip(fold_sets, opts)]
            n_keys = 1
            for fs in fold_sets:
                n_keys *= len(fs)
            if n_keys > max_keys:
                fold_sets = [fs[:1] for fs in fold_sets]
        for key_chars in itertools.product(*fold_sets):
            key = "".join(key_chars)
            words = list(lex.by_fold(key))
            if extra:
                words += [w for w in extra.get("__fold__" + key, ())]
            for w in words:
                c = _match(w, opts)
                if c is not None and (w not in out or c < out[w]):
                    out[w] = c
    return out


def keep_cost(low: str, cm: ConfusionModel) -> float:
    """Channel cost of reading the token as itself."""
    total = 0.0
    for ch in low:
        for c, cost in cm.options(ch):
            if c == ch:
                total += cost
                break
        else:
            total += KEEP_SYMBOL_COST
    return total


def compound_candidate(low: str, cm: ConfusionModel, lex: Lexicon, min_part: int = 3,
                       split_penalty: float = 2.0) -> tuple[str, float] | None:
    """Best decomposition of an unknown token into lexicon words (with optional linking 's'),
    each part repaired through the confusion model.  Returns (word, cost) or None."""
    n = len(low)
    if n < 2 * min_part or n > 60:
        return None
    INF = float("inf")
    best: list[tuple[float, str]] = [(INF, "")] * (n + 1)
    best[0] = (0.0, "")
    seg_cache: dict[tuple[int, int], tuple[float, str] | None] = {}

    def seg(i: int, j: int):
        k = (i, j)
        if k in seg_cache:
            return seg_cache[k]
        sub = low[i:j]
        cands = lexicon_candidates(sub, cm, lex, max_keys=16)
        r = None
        for w, c in cands.items():
            f = lex.prob(w)
            if f <= FLOOR:
                continue
            sc = c - math.log(f)
            if r is None or sc < r[0]:
                r = (sc, w)
        seg_cache[k] = r
        return r

    for j in range(min_part, n + 1):
        for i in range(0, j - min_part + 1):
            if best[i][0] == INF:
                continue
            if i > 0 and i < min_part:
                continue
            s = seg(i, j)
            if s is None:
                continue
            cost = best[i][0] + s[0] + (split_penalty if i > 0 else 0.0)
            if cost < best[j][0]:
                best[j] = (cost, best[i][1] + s[1])
            # linking s: part + 's'
            if j < n and low[j] == "s" and j + 1 <= n:
                c2 = cost + 0.5
                if c2 < best[j + 1][0] and j + 1 < n:
                    best[j + 1] = (c2, best[i][1] + s[1] + "s")
    if best[n][0] == INF:
        return None
    return best[n][1], best[n][0]
