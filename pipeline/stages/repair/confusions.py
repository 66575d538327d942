"""OCR confusion model: which true characters an observed character may stand for, at what
cost (in nats, i.e. -log P(observed | true)), and candidate generation against the lexicon.

The table covers what Swedish text read with an English OCR model (or a lossy encoding)
produces: å/ä/ö stripped to a/o, read as '6', '&', '@', 'é', 'd', 'b', 'i'; two-glyph
readings such as 'oé' for ö; '|' for l; U+FFFD for any of å/ä/ö/§.

A stripped diacritic ('a' read for 'ä') costs ``strips * s`` where ``s = -log(strip rate)`` is
estimated per text block (``detect``), so every cost is kept as a pair (strips, fixed) and
priced at decode time; that lets candidates be computed once per process and reused by every
block and document (``Channel`` caches them).
"""
from __future__ import annotations

import itertools
import math

from pipeline.stages.repair.lexicon import FLOOR, STEM_PROB, Lexicon, fold_lower

KEEP_SYMBOL_COST = 12.0     # keeping '6', '&', '|', U+FFFD inside a word
NOMINAL_STRIP = 0.3         # strip cost used to pick a compound's best split

Opt = tuple[str, float, int]            # (true char, fixed cost, strips)
Cost = tuple[int, float]                # (strips, fixed cost)


def price(cost: Cost, s: float) -> float:
    return cost[0] * s + cost[1]


class Channel:
    """The confusion table (from params) and per-process caches of candidates."""

    def __init__(self, params: dict | None = None):
        p = params or {}
        d = float(p.get("d_cost", 3.0))
        b = float(p.get("b_cost", 3.5))
        i = float(p.get("i_cost", 6.0))
        k = KEEP_SYMBOL_COST
        self.single: dict[str, list[Opt]] = {
            "a": [("a", 0.0, 0), ("ä", 0.0, 1), ("å", 0.1, 1)],
            "e": [("e", 0.0, 0), ("é", 5.0, 0)],      # only with evidence: a name seen with é
            "o": [("o", 0.0, 0), ("ö", 0.0, 1)],
            "6": [("ö", 0.1, 0), ("ä", 1.0, 0), ("å", 1.5, 0), ("6", k, 0)],
            "&": [("ä", 0.1, 0), ("å", 0.4, 0), ("&", k, 0)],
            "@": [("ä", 0.4, 0), ("å", 0.8, 0), ("@", k, 0)],
            "é": [("ö", 0.4, 0), ("ä", 0.7, 0), ("é", 1.0, 0), ("å", 2.0, 0), ("o", 4.0, 0), ("e", 9.0, 0)],
            "è": [("ö", 0.6, 0), ("ä", 0.6, 0), ("è", 1.5, 0), ("e", 6.0, 0)],
            "d": [("d", 0.0, 0), ("ä", d, 0), ("ö", d + 0.5, 0), ("å", d + 0.5, 0)],
            "b": [("b", 0.0, 0), ("ö", b, 0)],
            "i": [("i", 0.0, 0), ("ä", i, 0)],
            "|": [("l", 0.1, 0), ("|", k, 0)],
            "\ufffd": [("ä", 0.3, 0), ("ö", 0.3, 0), ("å", 0.3, 0), ("\ufffd", k, 0)],
        }
        for ch, v in (p.get("extra_single") or {}).items():
            self.single[ch] = [(x[0], float(x[1]), int(x[2]) if len(x) > 2 else 0) for x in v]
        self.double: dict[str, list[Opt]] = {
            "oé": [("ö", 1.5, 0)],
            "éa": [("ä", 1.5, 0)],
            "ée": [("ä", 2.0, 0)],
            "@a": [("ä", 0.5, 0), ("å", 1.0, 0)],
            "da": [("ä", d + 1.0, 0)],
            "ad": [("ä", d + 1.0, 0)],
            "\ufffd\ufffd": [("ä", 1.0, 0), ("ö", 1.0, 0), ("å", 1.0, 0)],
        }
        self.cap_i_cost = float(p.get("cap_i_cost", 3.5))
        self.compound_margin = float(p.get("compound_margin", 1.0))
        self.split_penalty = float(p.get("split_penalty", 2.0))
        self._cands: dict[str, dict[str, Cost]] = {}
        self._compound: dict[str, tuple | None] = {}

    # -- characters -------------------------------------------------------------------
    def options(self, ch: str) -> list[Opt]:
        o = self.single.get(ch)
        if o is not None:
            return o
        return [(ch, 0.0, 0)]

    def keep_cost(self, low: str) -> float:
        """Channel cost of reading the token as itself (symbols kept as symbols are dear)."""
        total = 0.0
        for ch in low:
            o = self.single.get(ch)
            if o is None:
                continue
            for c, cost, _ in o:
                if c == ch:
                    total += cost
                    break
            else:
                total += KEEP_SYMBOL_COST
        return total

    def _segmentations(self, low: str, max_merges: int = 2):
        """Yield lists of option-lists (one per output character), allowing 2→1 merges."""
        n = len(low)
        yield [self.options(c) for c in low]
        merge_at = [i for i in range(n - 1) if low[i:i + 2] in self.double]
        if not merge_at:
            return
        for k in range(1, min(max_merges, len(merge_at)) + 1):
            for combo in itertools.combinations(merge_at, k):
                if any(b - a < 2 for a, b in zip(combo, combo[1:])):
                    continue
                out, i, cs = [], 0, set(combo)
                while i < n:
                    if i in cs:
                        out.append(self.double[low[i:i + 2]])
                        i += 2
                    else:
                        out.append(self.options(low[i]))
                        i += 1
                yield out

    # -- candidates ---------------------------------------------------------------------
    def candidates(self, low: str, lex: Lexicon, max_keys: int = 96) -> dict[str, Cost]:
        """Lexicon words (lower-case) the token `low` may stand for, with channel cost.
        Cached per process: the result does not depend on the document."""
        r = self._cands.get(low)
        if r is None:
            r = match_lexicon(low, self._segmentations(low), lex.by_fold, max_keys)
            if len(self._cands) > 300_000:
                self._cands.clear()
            self._cands[low] = r
        return r

    def compound(self, low: str, lex: Lexicon) -> tuple[str, Cost, float, float | None] | None:
        """Best reading of an unknown token as a compound of lexicon words (with linking
        's'), each part repaired through the confusion model.  Returns (word, channel cost,
        compound cost of that word, compound cost of the token read as it is, or None when
        the token does not split into words as it is)."""
        if low in self._compound:
            return self._compound[low]
        best = compound_split(low, self, lex)
        r = None
        if best is not None:
            word, cost, lexcost = best
            ident = compound_split(low, None, lex)
            r = (word, cost, lexcost, None if ident is None else ident[2])
        if len(self._compound) > 100_000:
            self._compound.clear()
        self._compound[low] = r
        return r


def match_lexicon(low: str, segmentations, by_fold, max_keys: int = 96) -> dict[str, Cost]:
    out: dict[str, Cost] = {}
    for opts in segmentations:
        fold_sets = []
        for o in opts:
            fs = []
            for c, _, _ in o:
                f = fold_lower(c)
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
        keys = ["".join(k) for k in itertools.product(*fold_sets)] if n_keys > 1 else ["".join(f[0] for f in fold_sets)]
        for key in keys:
            for w in by_fold(key):
                c = _match(w, opts)
                if c is not None and (w not in out
                                      or c[0] * NOMINAL_STRIP + c[1] < out[w][0] * NOMINAL_STRIP + out[w][1]):
                    out[w] = c
    return out


def _match(word: str, opts: list[list[Opt]]) -> Cost | None:
    if len(word) != len(opts):
        return None
    fixed, strips = 0.0, 0
    for ch, o in zip(word, opts):
        for c, cost, st in o:
            if c == ch:
                fixed += cost
                strips += st
                break
        else:
            return None
    return strips, fixed


def compound_split(low: str, ch: Channel | None, lex: Lexicon, min_part: int = 3):
    """Best decomposition of `low` into lexicon words: parts before the last must be allowed
    to begin a compound (hunspell flags), a linking 's' may follow them.  With a channel,
    parts are repaired through it; without, they must match as they are.
    Returns (word, (strips, fixed), compound cost) or None."""
    n = len(low)
    if n < 2 * min_part or n > 60:
        return None
    split_penalty = ch.split_penalty if ch is not None else 2.0
    INF = float("inf")
    best: list[tuple[float, str, int, float, float]] = [(INF, "", 0, 0.0, 0.0)] * (n + 1)
    best[0] = (0.0, "", 0, 0.0, 0.0)     # total, word, strips, fixed, lexical cost
    seg_cache: dict[tuple[int, int, bool], tuple | None] = {}

    def seg(i: int, j: int, last: bool):
        k = (i, j, last)
        if k in seg_cache:
            return seg_cache[k]
        sub = low[i:j]
        by_fold = lex.by_fold if last else lex.compound_parts_by_fold
        if ch is None:
            cands = {sub: (0, 0.0)} if sub in by_fold(fold_lower(sub)) else {}
        else:
            cands = match_lexicon(sub, ch._segmentations(sub, 1), by_fold, max_keys=16)
        r = None
        for w, c in cands.items():
            f = lex.prob(w)
            if f <= FLOOR:
                if last:
                    continue
                f = STEM_PROB      # a compound-only form ('invånar-')
            lc = -math.log(f)
            sc = c[0] * NOMINAL_STRIP + c[1] + lc
            if r is None or sc < r[0]:
                r = (sc, w, c[0], c[1], lc)
        seg_cache[k] = r
        return r

    for j in range(min_part, n + 1):
        last = j == n
        for i in range(0, j - min_part + 1):
            if best[i][0] == INF or (0 < i < min_part):
                continue
            s = seg(i, j, last)
            if s is None:
                continue
            pen = split_penalty if i > 0 else 0.0
            b = best[i]
            cost = b[0] + s[0] + pen
            if cost < best[j][0]:
                best[j] = (cost, b[1] + s[1], b[2] + s[2], b[3] + s[3], b[4] + s[4] + pen)
            # linking s: part + 's' (not after the last part)
            if not last and j + 1 < n and low[j] == "s":
                c2 = cost + 0.5
                if c2 < best[j + 1][0]:
                    best[j + 1] = (c2, b[1] + s[1] + "s", b[2] + s[2], b[3] + s[3], b[4] + s[4] + pen + 0.5)
    if best[n][0] == INF or "-" in best[n][1] and best[n][1].count("-") != low.count("-"):
        return None
    _, word, strips, fixed, lexcost = best[n]
    return word, (strips, fixed), lexcost
