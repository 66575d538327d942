"""The repair decoder: tokenise, generate candidates, Viterbi over bigram context."""
from __future__ import annotations

import math
import re
from functools import lru_cache

from pipeline.repair.confusions import (ConfusionModel, compound_candidate, default_tables,
                                        keep_cost, lexicon_candidates)
from pipeline.repair.detect import DIAC, WORD_RE, document_plan, quick_clean, strip_cost
from pipeline.repair.lexicon import FLOOR, fold, hunspell_ok, load_lexicon
from pipeline.repair.lm import BOS, load_lm, normalise_token

TOKEN_RE = re.compile(WORD_RE.pattern + r"|[^\s\w]", re.UNICODE)
SENT_END = {".", "!", "?"}
MOJIBAKE_RE = re.compile(r"\S*(?:Ã.|Â.|â€)\S*")
SYMBOLS = set("6&@|\ufffdéè")
COMPOUND_PROB = 1e-8
MAX_CANDS = 5
_IDENTITY = ConfusionModel(strip_cost=99.0, single={}, double={})
URLISH_RE = re.compile(r"\S+@\S+\.\w+|(?:https?://|www\.)\S+|\S+\.(?:se|com|nu|org|net)\b\S*")


def _case_like(src: str, cand: str) -> str:
    cased = [c for c in src if c.isalpha() and c.lower() != c.upper()]
    if len(cased) > 1 and all(c.isupper() for c in cased):
        return cand.upper()
    first = src[0]
    if first.isupper():
        return cand[:1].upper() + cand[1:]
    return cand


def _fix_mojibake(text: str) -> list[tuple[int, int, str, str, float]]:
    if "Ã" not in text and "Â" not in text and "â€" not in text:
        return []
    try:
        import ftfy
    except Exception:  # pragma: no cover
        return []
    edits = []
    for m in MOJIBAKE_RE.finditer(text):
        s = m.group()
        try:
            fixed = ftfy.fix_encoding(s)
        except Exception:
            continue
        if fixed != s:
            edits.append((m.start(), m.end(), fixed, "ftfy", 1.0))
    return edits


class Decoder:
    def __init__(self, params: dict, doc_words: dict[str, int]):
        self.p = params
        self.lex = load_lexicon()
        self.lm = load_lm(params.get("lm_path"), float(params.get("lm_mu", 1.0)))
        self.lm_weight = float(params.get("lm_weight", 1.0))
        self.use_hunspell = bool(params.get("hunspell_compounds", False))
        self.doc_bonus: dict[str, float] = {}
        self.doc_index: dict[str, list[str]] = {}
        # words written with intact å/ä/ö elsewhere in the document (names in particular)
        for w, n in doc_words.items():
            if any(c in DIAC for c in w) or (n >= 2 and not self.lex.known(w) and w.isalpha()):
                self.doc_index.setdefault("__fold__" + fold(w), []).append(w)
                self.doc_bonus[w] = math.log(1e-5 / max(self.lex.prob(w), 1e-12)) if self.lex.prob(w) < 1e-5 else 0.0
        self._cache: dict[tuple, list] = {}

    def candidates(self, tok: str, cm: ConfusionModel, frozen: bool) -> list[tuple[str, str, float]]:
        """[(output form, lm form, cost)] — cost is channel cost minus any lexical bonus."""
        key = (tok, cm.strip_cost, frozen)
        r = self._cache.get(key)
        if r is not None:
            return r
        low = tok.lower()
        keep = (tok, low, keep_cost(low, cm))
        if frozen and "\ufffd" not in tok:
            r = [(tok, low, 0.0)]
            self._cache[key] = r
            return r
        if tok.isdigit() or len(low) > 60:
            r = [(tok, low, 0.0)]
            self._cache[key] = r
            return r
        cands = lexicon_candidates(low, cm, self.lex, self.doc_index or None)
        scored = []
        for w, c in cands.items():
            bonus = self.doc_bonus.get(w, 0.0)
            scored.append((math.log(max(self.lex.prob(w), FLOOR)) + bonus - c, w, c - bonus))
        keep_known = self.lex.known(low)
        if not keep_known and len(low) >= 6 and low.isalpha() or (not keep_known and len(low) >= 6
                                                                   and not any(w != low for w in cands)):
            comp = compound_candidate(low, cm, self.lex)
            if comp is not None and comp[0] != low:
                cw, cc = comp
                ident = compound_candidate(low, _IDENTITY, self.lex)
                base = self.oov_cost(low) if ident is None else ident[1]
                ok = cc + float(self.p.get("compound_margin", 1.0)) < base
                if ok and self.use_hunspell:
                    ok = hunspell_ok(cw) is not False
                if ok:
                    scored.append((math.log(FLOOR) + (base - cc), cw, cc - base))
            elif comp is not None:  # the token itself is a plausible compound
                keep = (tok, low, keep[2] - 2.0)
        scored.sort(reverse=True)
        out = []
        for _, w, c in scored[:MAX_CANDS]:
            if w == low:
                continue
            out.append((_case_like(tok, w), w, c))
        out.append(keep)
        self._cache[key] = out
        return out

    def oov_cost(self, low: str) -> float:
        return float(self.p.get("oov_base_cost", 8.0)) + float(self.p.get("oov_char_cost", 2.2)) * len(low)

    def decode(self, toks: list[tuple[int, int, str, bool]], cm: ConfusionModel) -> list[tuple[int, int, str, str, float]]:
        """Viterbi over one stretch of tokens; returns edits."""
        edits = []
        lattice = []
        for s, e, t, frozen in toks:
            if WORD_RE.fullmatch(t):
                lattice.append(self.candidates(t, cm, frozen))
            else:
                lattice.append([(t, normalise_token(t), 0.0)])
        # Viterbi
        lw = self.lm_weight
        prev_states = [(0.0, BOS, -1, None)]   # score, lm form, backptr, cand
        back: list[list[tuple[float, str, int, tuple]]] = []
        for i, cands in enumerate(lattice):
            cur = []
            for cand in cands:
                lmf = normalise_token(cand[1]) if cand[1] else cand[1]
                best, arg = -1e18, 0
                for j, (ps, plm, _, _) in enumerate(prev_states):
                    sc = ps + lw * self.lm.logprob(plm, lmf)
                    if sc > best:
                        best, arg = sc, j
                cur.append((best - cand[2], lmf, arg, cand))
            back.append(cur)
            prev_states = cur
            if toks[i][2] in SENT_END:
                # close the sentence: collapse to the best state then restart at BOS
                pass
        # final transition to end of sentence
        best, arg = -1e18, 0
        for j, (ps, plm, _, _) in enumerate(prev_states):
            sc = ps + lw * self.lm.logprob(plm, BOS)
            if sc > best:
                best, arg = sc, j
        # backtrack
        choice = [0] * len(lattice)
        k = arg
        for i in range(len(lattice) - 1, -1, -1):
            choice[i] = k
            k = back[i][k][2]
        for i, k in enumerate(choice):
            cand = back[i][k][3]
            s, e, t, _ = toks[i]
            out_form = cand[0]
            if out_form != t and t[0] in _CASELESS_SYMBOLS and _sentence_start(toks, i):
                out_form = out_form[:1].upper() + out_form[1:]
            cand = (out_form,) + tuple(cand[1:])
            if cand[0] != t:
                keep_idx = len(lattice[i]) - 1
                margin = back[i][k][0] - back[i][keep_idx][0] if keep_idx != k else 0.0
                method = "fffd" if "\ufffd" in t else "confusion+lm"
                edits.append((s, e, cand[0], method, round(float(margin), 3)))
        return edits


_CASELESS_SYMBOLS = set("6&@|\ufffd")


def _sentence_start(toks, i: int) -> bool:
    if i == 0:
        return True
    prev = toks[i - 1][2]
    return prev in SENT_END


def _path_cost(low: str, w: str, cm: ConfusionModel) -> float:
    """Approximate channel cost of reading `low` as `w` (equal length: per char; else flat)."""
    if len(low) != len(w):
        return 2.0
    tot = 0.0
    for a, b in zip(low, w):
        if a == b:
            continue
        for c, cost in cm.options(a):
            if c == b:
                tot += cost
                break
        else:
            tot += 3.0
    return tot


def _fffd_standalone(text: str, s: int, e: int) -> str | None:
    return "§"


def repair_text_impl(text_raw: str, params: dict) -> tuple[str, list[dict]]:
    if not isinstance(text_raw, str) or not text_raw:
        return (text_raw if isinstance(text_raw, str) else ""), []
    if not params.get("enabled", True):
        return text_raw, []
    edits: list[tuple[int, int, str, str, float]] = _fix_mojibake(text_raw)
    taken = [(s, e) for s, e, *_ in edits]

    if quick_clean(text_raw):
        return _finish(text_raw, edits)

    plan = document_plan(text_raw, params)
    if not any(b.damaged or b.fffd for b in plan) and not any(b.symbols for b in plan):
        return _finish(text_raw, edits)

    doc_words: dict[str, int] = {}
    for m in WORD_RE.finditer(text_raw):
        w = m.group()
        if w[0].isupper() or any(c in DIAC for c in w):
            if not any(c in SYMBOLS for c in w):
                lw = w.lower()
                doc_words[lw] = doc_words.get(lw, 0) + 1
    dec = Decoder(params, doc_words)
    clean_cost = float(params.get("clean_strip_cost", 9.0))
    for b in plan:
        if not (b.damaged or b.fffd):
            continue
        cm = default_tables(strip_cost(b.strip_rate) if b.damaged else clean_cost, params)
        frozen = not b.damaged
        toks: list[tuple[int, int, str, bool]] = []
        urls = [(m.start(), m.end()) for m in URLISH_RE.finditer(text_raw, b.start, b.end)]
        for m in TOKEN_RE.finditer(text_raw, b.start, b.end):
            s, e = m.start(), m.end()
            if any(ts < e and s < te for ts, te in taken):
                continue
            t = m.group()
            if t == "\ufffd":
                edits.append((s, e, _fffd_standalone(text_raw, s, e), "fffd", 1.0))
                continue
            toks.append((s, e, t, frozen or any(us <= s and e <= ue for us, ue in urls)))
        # decode sentence by sentence
        start = 0
        for i, (_, _, t, _) in enumerate(toks):
            if t in SENT_END or i == len(toks) - 1:
                chunk = toks[start:i + 1]
                if chunk and not (frozen and not any("\ufffd" in x[2] for x in chunk)):
                    edits.extend(dec.decode(chunk, cm))
                start = i + 1
    return _finish(text_raw, edits)


def _finish(text_raw: str, edits) -> tuple[str, list[dict]]:
    edits = sorted(edits)
    out, pos, corrections = [], 0, []
    for s, e, rep, method, score in edits:
        if s < pos:
            continue
        out.append(text_raw[pos:s])
        out.append(rep)
        corrections.append({"start_char": s, "original": text_raw[s:e], "replacement": rep,
                            "method": method, "score": float(score)})
        pos = e
    out.append(text_raw[pos:])
    return "".join(out), corrections


def preload(params: dict | None = None) -> None:
    """Load the lexicon, the stripped-form table and the context model (once per process)."""
    from pipeline.repair.detect import stripped_forms

    p = params or {}
    load_lexicon()
    stripped_forms()
    load_lm(p.get("lm_path"), float(p.get("lm_mu", 1.0)))
