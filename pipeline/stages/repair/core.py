"""The repair decoder: tokenise, generate candidates, Viterbi over bigram context.

Per sentence of a damaged block, every word token gets candidates — itself, and the lexicon
words the confusion model says it may stand for — and the decoder picks the sequence that
maximises

    sum_i  lm_weight * log P_lm(w_i | w_{i-1})  -  cost_i

where cost_i is the channel cost (``confusions``) adjusted by what the document itself says:
forms written intact elsewhere in it (with å/ä/ö, or with a capital I) are likelier (a cache
model: P = P_lex + doc_weight * n_doc / N_doc), a capitalised word inside a sentence is likelier
a name (so an unknown one is kept, and a common word put in its place costs extra), and a
sentence that starts in lower case ('la Jonsson fick …') is evidence for an 'I' read as 'l'.
"""
from __future__ import annotations

import itertools
import math
import re
from functools import lru_cache

from pipeline.stages.repair.confusions import Channel, match_lexicon, price
from pipeline.stages.repair.detect import DIAC, WORD_RE, document_plan, quick_clean, strip_cost
from pipeline.stages.repair.lexicon import FLOOR, fold_lower, load_lexicon
from pipeline.stages.repair.lm import BOS, load_lm, normalise_token
from pipeline.stages.repair.paragraph_sign import paragraph_sign_edits

TOKEN_RE = re.compile(WORD_RE.pattern + r"|[^\s\w]", re.UNICODE)
SENT_END = {".", "!", "?"}
OPENERS = set("\"'“”‘’«»„([{-–—•*·")      # may stand between a sentence end and its first word
MOJIBAKE_RE = re.compile(r"\S*(?:Ã.|Â.|â€)\S*")
SYMBOLS = set("6&@|\ufffdéè")
CASELESS_SYMBOLS = set("6&@|\ufffd")
MAX_CANDS = 5
URLISH_RE = re.compile(r"\S+@\S+\.\w+|(?:https?://|www\.)\S+|\S+\.(?:se|com|nu|org|net|eu|io)\b\S*")
_OTHER_DIGIT_RE = re.compile(r"[0-57-9]|6.*6.*\d")


def _case_like(src: str, cand: str) -> str:
    cased = [c for c in src if c.isalpha() and c.lower() != c.upper()]
    if cased and all(c.isupper() for c in cased) and (len(cased) > 1 or not src[0].isalpha()):
        return cand.upper()
    if src[0].isupper():
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


@lru_cache(maxsize=8)
def _channel(key: tuple) -> Channel:
    return Channel(dict(key))


def get_channel(params: dict) -> Channel:
    keys = ("d_cost", "b_cost", "i_cost", "cap_i_cost", "compound_margin", "split_penalty")
    key = tuple((k, params[k]) for k in keys if k in params)
    if params.get("extra_single"):
        return Channel(params)
    return _channel(key)


class Decoder:
    def __init__(self, params: dict, channel: Channel, text: str):
        p = params
        self.p = p
        self.ch = channel
        self.lex = load_lexicon()
        self.lm = load_lm(p.get("lm_path"), float(p.get("lm_mu", 1.5)), float(p.get("lm_classes", 0.5)))
        self.lm_weight = float(p.get("lm_weight", 1.0))
        name_prob = float(p.get("name_prob", 0.0))       # 0: no special prior for names
        self.name_cost = -math.log(name_prob) if name_prob > 0 else float("inf")
        self.cap_common_cost = float(p.get("cap_common_cost", 0.0))
        self.lower_start_cost = float(p.get("lower_start_cost", 2.5))
        self.oov_base = float(p.get("oov_base_cost", 8.0))
        self.oov_char = float(p.get("oov_char_cost", 2.2))
        # the document's own evidence: forms OCR damage cannot have produced
        self.doc_counts: dict[str, int] = {}
        self.doc_cased: set[str] = set()
        n = 0
        for m in WORD_RE.finditer(text):
            n += 1
            w = m.group()
            if any(c in CASELESS_SYMBOLS for c in w) or not w.isalpha():
                continue
            if any(c in DIAC for c in w) or w[0] == "I":
                lw = w.lower()
                self.doc_counts[lw] = self.doc_counts.get(lw, 0) + 1
                if w[0].isupper():
                    self.doc_cased.add(lw)
        self.doc_n = max(n, 1)
        self.doc_weight = float(p.get("doc_weight", 0.5))
        self.doc_index: dict[str, list[str]] = {}
        for w in self.doc_counts:
            self.doc_index.setdefault(fold_lower(w), []).append(w)
        self._cache: dict[tuple, list] = {}

    # -- lexical scores ------------------------------------------------------------------
    def doc_bonus(self, w: str) -> float:
        c = self.doc_counts.get(w)
        if not c:
            return 0.0
        p = self.lex.prob(w)
        return math.log((p + self.doc_weight * c / self.doc_n) / p)

    def oov_cost(self, low: str) -> float:
        return self.oov_base + self.oov_char * len(low)

    def _restorations(self, low: str) -> dict[str, tuple]:
        """{word: (strips, fixed)} from the lexicon and from the document's own forms."""
        cands = dict(self.ch.candidates(low, self.lex))
        if self.doc_index:
            for w, c in match_lexicon(low, self.ch._segmentations(low), self._doc_by_fold).items():
                if w not in cands:
                    cands[w] = c
        return cands

    def _doc_by_fold(self, key: str):
        return self.doc_index.get(key, ())

    def candidates(self, tok: str, s: float, frozen: bool, start: bool, cased_block: bool
                   ) -> list[tuple[str, str, float]]:
        """[(output form, lm form, cost)], the token itself last."""
        key = (tok, s, frozen, start, cased_block)
        r = self._cache.get(key)
        if r is not None:
            return r
        low = tok.lower()
        if (frozen and "\ufffd" not in tok) or len(low) > 60 or tok.isdigit():
            r = [(tok, normalise_token(tok), 0.0)]
            self._cache[key] = r
            return r
        lex = self.lex
        known = lex.known(low)
        keep_cost = self.ch.keep_cost(low)
        # a capitalised word inside a sentence is likely a name
        cap_mid = (not start and tok[:1].isupper() and not tok.isupper())
        comp = None
        if not known:
            # an unknown token: as a compound of words, as a name, or as a string of letters
            # (the context model gives it P = FLOOR; the difference goes into its cost)
            own = self.oov_cost(low)
            if len(low) >= 6:
                comp = self.ch.compound(low, lex)
                if comp is not None and comp[3] is not None:
                    own = min(own, comp[3])
            if cap_mid:
                own = min(own, self.name_cost)
            keep_cost += own + math.log(FLOOR)
        elif cap_mid and not lex.proper(low):
            keep_cost += self.cap_common_cost
        if tok[:1].isupper() and not known:
            # a name written with å/ä/ö (or é) elsewhere in the document is kept as it is
            keep_cost -= self.doc_bonus(low)
        scored: list[tuple[float, str, str, float]] = []   # rank, output, lm form, cost
        restorations = self._restorations(low)
        for w, c in restorations.items():
            if w == low:
                continue
            cost = price(c, s) - self.doc_bonus(w)
            if cap_mid and not lex.proper(w) and w not in self.doc_cased:
                cost += self.cap_common_cost
            out = _case_like(tok, w)
            scored.append((math.log(lex.prob(w)) - cost, out, w, cost))
        # 'I' read as 'l' at the start of a word: 'la Jonsson' -> 'Ia Jonsson', 'lnte' -> 'Inte'
        if low[:1] == "l" and tok[:1] == "l":
            rest = "i" + low[1:]
            for w, c in self.ch.candidates(rest, lex).items():
                if start or lex.proper(w) or w in self.doc_cased:
                    cost = price(c, s) + self.ch.cap_i_cost - self.doc_bonus(w)
                    out = "I" + _case_like(tok[1:] or "x", w[1:]) if len(w) > 1 else "I"
                    scored.append((math.log(lex.prob(w)) - cost, out, w, cost))
        # an unknown token that splits into lexicon words once repaired
        if comp is not None and comp[0] != low and comp[0] not in restorations:
            cw, cc, lexcost, _ident = comp
            cost = lexcost + price(cc, s) + math.log(FLOOR) + self.ch.compound_margin
            if cap_mid and not lex.proper(cw):
                cost += self.cap_common_cost
            scored.append((math.log(FLOOR) - cost, _case_like(tok, cw), cw, cost))
        if start and cased_block and tok[:1].islower():
            keep_cost += self.lower_start_cost
            scored = [(r - self.lower_start_cost, o, w, c + self.lower_start_cost)
                      if o[:1].islower() else (r, o, w, c) for r, o, w, c in scored]
        scored.sort(reverse=True)
        out, seen = [], set()
        for _, o, w, c in scored:
            if o in seen or o == tok:
                continue
            seen.add(o)
            out.append((o, w, c))
            if len(out) >= MAX_CANDS:
                break
        out.append((tok, low, keep_cost))
        self._cache[key] = out
        return out

    # -- decoding ------------------------------------------------------------------------
    def decode(self, toks: list[tuple[int, int, str, bool, bool]], s: float, cased_block: bool
               ) -> list[tuple[int, int, str, str, float]]:
        """Viterbi (max-product forward and backward) over one sentence; returns edits with
        their margin: how much better the best path is than the best one keeping the token."""
        lattice = []
        for _s, _e, t, frozen, start in toks:
            if WORD_RE.fullmatch(t):
                lattice.append(self.candidates(t, s, frozen, start, cased_block))
            else:
                lattice.append([(t, normalise_token(t), 0.0)])
        if all(len(c) == 1 for c in lattice):
            return []
        lw = self.lm_weight
        lp = self.lm.logprob
        lm_forms = [[normalise_token(c[1]) for c in cands] for cands in lattice]
        n = len(lattice)
        # forward
        alpha: list[list[float]] = []
        back: list[list[int]] = []
        prev_forms, prev_scores = [BOS], [0.0]
        for i in range(n):
            a_row, b_row = [], []
            for k, cand in enumerate(lattice[i]):
                f = lm_forms[i][k]
                best, arg = -1e18, 0
                for j, pf in enumerate(prev_forms):
                    sc = prev_scores[j] + lw * lp(pf, f)
                    if sc > best:
                        best, arg = sc, j
                a_row.append(best - cand[2])
                b_row.append(arg)
            alpha.append(a_row)
            back.append(b_row)
            prev_forms, prev_scores = lm_forms[i], a_row
        # backward (max over continuations, including the sentence end)
        beta: list[list[float]] = [[0.0] * len(c) for c in lattice]
        beta[n - 1] = [lw * lp(f, BOS) for f in lm_forms[n - 1]]
        for i in range(n - 2, -1, -1):
            nxt = lattice[i + 1]
            row = []
            for f in lm_forms[i]:
                best = -1e18
                for k2, cand2 in enumerate(nxt):
                    sc = lw * lp(f, lm_forms[i + 1][k2]) - cand2[2] + beta[i + 1][k2]
                    best = max(best, sc)
                row.append(best)
            beta[i] = row
        # best path
        final = [alpha[n - 1][k] + beta[n - 1][k] for k in range(len(lattice[n - 1]))]
        k = max(range(len(final)), key=final.__getitem__)
        total = final[k]
        choice = [0] * n
        for i in range(n - 1, -1, -1):
            choice[i] = k
            k = back[i][k]
        edits = []
        for i, k in enumerate(choice):
            cand = lattice[i][k]
            s0, e0, t, _, start = toks[i]
            out_form = cand[0]
            if out_form == t:
                continue
            if start and t[0] in CASELESS_SYMBOLS and out_form[:1].islower():
                out_form = out_form[:1].upper() + out_form[1:]
            keep = len(lattice[i]) - 1
            margin = total - (alpha[i][keep] + beta[i][keep])
            method = "fffd" if "\ufffd" in t else "confusion+lm"
            edits.append((s0, e0, out_form, method, round(float(margin), 3)))
        return edits


_FFFD_WORD_RE = re.compile(r"[^\W\d_]*\ufffd[\w\ufffd]*")
_FFFD_LETTERS = "äöå"
_MAX_FFFD_IN_WORD = 4


def _cased_start(text: str, s: int) -> bool:
    """Does a word at offset s begin a sentence, a line, an item or a parenthesis (so a lost first
    letter was a capital)?"""
    before = text[max(0, s - 12):s].rstrip(" \t")
    if not before or before[-1] in "\n.!?:(\"”•-–\f":
        return True
    return re.search(r"(?:^|\n)\s*(?:§\s*|\ufffd\s*)?\d+[.)]?$", before) is not None


def _fffd_case(text: str, s: int, word: str, lex) -> str:
    if not word[:1].isalpha() or word[:1].isupper():
        return word
    prev = re.search(r"((?:[^\W\d_]|\ufffd)+)[ \t]+$", text[max(0, s - 40):s])
    after_name = prev is not None and prev.group(1)[:1].isupper() and (
        lex.proper(word) or not lex.known(word) or lex.proper(prev.group(1).lower().replace("\ufffd", "o")))
    if _cased_start(text, s) or after_name or (lex.proper(word) and lex.prob(word) < 1e-5):
        return word[:1].upper() + word[1:]
    return word


def _fffd_leftovers(text: str, edits: list, lex) -> list:
    """U+FFFD in words the decoder left alone (a rare word, several lost letters): the reading with
    å/ä/ö that the lexicon knows best, else 'ä' (the commonest); a word-initial loss at the start of
    a sentence, line or item, or in a name, is a capital. Edits already made get the same casing."""
    done = []
    out = []
    for s0, e0, rep, method, score in edits:
        if method == "fffd" and text[s0:s0 + 1] == "\ufffd" and rep[:1].isalpha() and len(rep) > 1:
            rep = _fffd_case(text, s0, rep.lower() if rep[:1].isupper() and not rep.isupper() else rep, lex) \
                if _cased_start(text, s0) or rep[:1].islower() else rep
        out.append((s0, e0, rep, method, score))
        if "\ufffd" not in rep:
            done.append((s0, e0))
    for m in _FFFD_WORD_RE.finditer(text):
        s0, e0 = m.span()
        tok = m.group()
        if len(tok) < 2 or any(s <= s0 and e0 <= e for s, e in done) or tok.count("\ufffd") > _MAX_FFFD_IN_WORD:
            continue
        best, best_p = None, 0.0
        for combo in itertools.product(_FFFD_LETTERS, repeat=tok.count("\ufffd")):
            it = iter(combo)
            cand = "".join(next(it) if c == "\ufffd" else c for c in tok.lower())
            p = lex.prob(cand) if lex.known(cand) else 0.0
            if p > best_p:
                best, best_p = cand, p
        if best is None:
            best = tok.lower().replace("\ufffd", "ä")
        if tok.startswith("\ufffd"):
            rep = _fffd_case(text, s0, best, lex)
        else:
            rep = _case_like(tok.replace("\ufffd", "a"), best)
        out = [x for x in out if not (x[0] < e0 and s0 < x[1])]
        out.append((s0, e0, rep, "fffd", 0.5 if best_p else 0.1))
    return out


def _fffd_standalone(text: str, s: int, e: int) -> str:
    """A lone U+FFFD: '§' before a number ('� 1 Mötet öppnas'), else 'å' (the word 'å')."""
    nxt = text[e:e + 4].lstrip(" \t")
    return "§" if nxt[:1].isdigit() else "å"


def _sentence_cased(toks: list[tuple[int, int, str, bool, bool]]) -> bool:
    firsts = [t for _s, _e, t, _f, start in toks if start and t[:1].isalpha()]
    if len(firsts) < 3:
        return True
    return sum(1 for t in firsts if t[0].isupper()) >= 0.8 * len(firsts)


def repair_text_impl(text_raw: str, params: dict) -> tuple[str, list[dict]]:
    if not isinstance(text_raw, str) or not text_raw:
        return (text_raw if isinstance(text_raw, str) else ""), []
    if not params.get("enabled", True):
        return text_raw, []
    edits: list[tuple[int, int, str, str, float]] = _fix_mojibake(text_raw)
    edits += paragraph_sign_edits(text_raw)
    taken = [(s, e) for s, e, *_ in edits]

    if quick_clean(text_raw):
        return _finish(text_raw, edits)

    plan = document_plan(text_raw, params)
    if not any(b.damaged or b.fffd for b in plan):
        return _finish(text_raw, edits)

    dec = Decoder(params, get_channel(params), text_raw)
    clean_cost = float(params.get("clean_strip_cost", 9.0))
    for b in plan:
        if not (b.damaged or b.fffd):
            continue
        s = strip_cost(b.strip_rate) if b.damaged else clean_cost
        frozen_block = not b.damaged
        urls = [(m.start(), m.end()) for m in URLISH_RE.finditer(text_raw, b.start, b.end)]
        words = [m.group() for m in WORD_RE.finditer(text_raw, b.start, b.end)]
        caps_text = sum(1 for w in words if w.isupper() and len(w) > 1) > 0.5 * max(len(words), 1)
        toks: list[tuple[int, int, str, bool, bool]] = []
        start = True
        for m in TOKEN_RE.finditer(text_raw, b.start, b.end):
            s0, e0 = m.start(), m.end()
            t = m.group()
            if t in SENT_END:
                toks.append((s0, e0, t, True, False))
                start = True
                continue
            if any(ts < e0 and s0 < te for ts, te in taken):
                start = False
                continue
            if t == "\ufffd":
                edits.append((s0, e0, _fffd_standalone(text_raw, s0, e0), "fffd", 1.0))
                continue
            if t in OPENERS or not WORD_RE.fullmatch(t):
                toks.append((s0, e0, t, True, False))
                continue
            frozen = (frozen_block or any(us <= s0 and e0 <= ue for us, ue in urls)
                      or _OTHER_DIGIT_RE.search(t) is not None
                      or (not caps_text and t.isupper() and len(t) > 1 and not (set(t) & SYMBOLS)))
            toks.append((s0, e0, t, frozen, start))
            start = False
        cased = _sentence_cased(toks)
        # decode sentence by sentence
        lo = 0
        for i, tok in enumerate(toks):
            if tok[2] in SENT_END or i == len(toks) - 1:
                chunk = toks[lo:i + 1]
                lo = i + 1
                if chunk and not all(x[3] and "\ufffd" not in x[2] for x in chunk):
                    edits.extend(dec.decode(chunk, s, cased))
    if "\ufffd" in text_raw:
        edits = _fffd_leftovers(text_raw, edits, dec.lex)
    return _finish(text_raw, edits)


def _finish(text_raw: str, edits) -> tuple[str, list[dict]]:
    edits = sorted(edits)
    out, pos, corrections = [], 0, []
    for s, e, rep, method, score in edits:
        if s < pos or rep == text_raw[s:e]:
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
    from pipeline.stages.repair.detect import stripped_forms

    p = params or {}
    load_lexicon()
    stripped_forms()
    load_lm(p.get("lm_path"), float(p.get("lm_mu", 1.5)), float(p.get("lm_classes", 0.5)))
