"""Swedish lexical knowledge for the repair: wordfreq frequencies, the hunspell-sv dictionary
(stems, every inflected form its suffix rules allow, and compound-part flags), and an index
of words by their diacritic-folded form (å/ä→a, ö→o, é→e).

Inflected forms are not listed in hunspell's .dic (it holds 'samlevnad/ADvY'); they are found
on demand by reverse suffix analysis, as hunspell does: 'samlevnaden' ends in the 'en' of one
of the stem's rules, so stem 'samlevnad' + that rule gives the form.  Looking up by folded form
finds the forms with å/ä/ö that a stripped token stands for ('inkomstprovat' → 'prövat').
"""
from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path

from pipeline.lang.fold import fold_swedish_lower as fold_lower
from pipeline.lang.hunspell import hunspell_sv_base as _hunspell_base

FLOOR = 1e-9            # probability of an unknown word
STEM_PROB = 3e-9        # hunspell stem or inflected form not in wordfreq
SKIP_FLAGS = set("¤Z%")          # NEEDAFFIX, ONLYINCOMPOUND, FORBIDDENWORD: not words on their own
COMPOUND_FIRST_FLAGS = set("XUW")  # COMPOUNDBEGIN, COMPOUNDMIDDLE, COMPOUNDPERMITFLAG
COMPOUND_LAST_FLAG = "Y"           # COMPOUNDEND

def fold(s: str) -> str:
    return fold_lower(s.lower())


class Affixes:
    """Hunspell-sv stems with their flags, and its suffix rules, for reverse lookup."""

    def __init__(self, stems: dict[str, str], rules: list[tuple[str, str, str, re.Pattern]],
                 compound_rules: list[tuple[str, str, str, re.Pattern]] = (),
                 proper: set[str] | frozenset = frozenset()):
        self.stems = stems                      # stem (lower-case) -> flags
        self.proper = proper                    # stems written with a capital: names, places
        self.compound_rules: dict[str, list[tuple[str, str, str, re.Pattern]]] = {}
        self.compound_rules_by_fold: dict[str, list[tuple[str, str, str, re.Pattern]]] = {}
        for flag, strip, add, cond in compound_rules:
            self.compound_rules.setdefault(add, []).append((flag, strip, add, cond))
            self.compound_rules_by_fold.setdefault(fold_lower(add), []).append((flag, strip, add, cond))
        by_fold: dict[str, list[str]] = {}   # only stems that fold to something else
        for s in stems:
            if not s.isascii():
                by_fold.setdefault(fold_lower(s), []).append(s)
        self.stems_by_fold = by_fold
        self.rules_by_add: dict[str, list[tuple[str, str, str, re.Pattern]]] = {}
        for flag, strip, add, cond in rules:
            self.rules_by_add.setdefault(fold_lower(add), []).append((flag, strip, add, cond))
        self.max_add = max((len(a) for a in self.rules_by_add), default=0)
        self._cache: dict[str, tuple[str, ...]] = {}

    def forms_by_fold(self, key: str) -> tuple[str, ...]:
        """Every dictionary word form (stem or stem + suffix rule) whose folded form is `key`."""
        r = self._cache.get(key)
        if r is not None:
            return r
        out: list[str] = []
        for s in self._stems_folding_to(key):
            if not (SKIP_FLAGS & set(self.stems[s])):
                out.append(s)
        out = self._reverse(key, self.rules_by_add, self.max_add, out)
        r = tuple(out)
        if len(self._cache) > 500_000:
            self._cache.clear()
        self._cache[key] = r
        return r

    def compound_parts_by_fold(self, key: str) -> tuple[str, ...]:
        """Forms that may begin a compound (also those that are no words on their own:
        'invånar-', 'familje-') whose folded form is `key`."""
        k2 = "\x00" + key
        r = self._cache.get(k2)
        if r is not None:
            return r
        out = [s for s in self._stems_folding_to(key) if COMPOUND_FIRST_FLAGS & set(self.stems[s])]
        out = self._reverse(key, self.compound_rules_by_fold, 3, out)
        r = tuple(out)
        self._cache[k2] = r
        return r

    def _reverse(self, key: str, rules_by_add, max_add: int, out: list[str]) -> list[str]:
        n = len(key)
        for L in range(0, min(max_add, n - 1) + 1):
            rules = rules_by_add.get(key[n - L:] if L else "")
            if not rules:
                continue
            head = key[:n - L]
            for flag, strip, add, cond in rules:
                for s in self._stems_folding_to(head + fold_lower(strip)):
                    flags = self.stems[s]
                    if flag not in flags or (strip and not s.endswith(strip)) or not cond.search(s):
                        continue
                    form = s[:len(s) - len(strip)] + add
                    if fold_lower(form) == key and form not in out:
                        out.append(form)
        return out

    def _stems_folding_to(self, key: str) -> list[str]:
        lst = self.stems_by_fold.get(key)
        if key in self.stems:
            return [key] + lst if lst else [key]
        return lst or []

    def compound_first(self, w: str) -> bool:
        """May `w` begin (or stand inside) a compound: a stem flagged for it, or a
        compound-forming suffix rule applied to a stem ('arbetsmarknad' → 'arbetsmarknads')."""
        f = self.stems.get(w)
        if f is not None and (COMPOUND_FIRST_FLAGS & set(f)):
            return True
        n = len(w)
        for L in range(0, min(3, n - 1) + 1):
            for flag, strip, _add, cond in self.compound_rules.get(w[n - L:], ()):
                stem = w[:n - L] + strip
                fl = self.stems.get(stem)
                if fl is not None and flag in fl and cond.search(stem):
                    return True
        return False


def _read_affixes(base: Path) -> Affixes:
    stems: dict[str, str] = {}
    proper: set[str] = set()
    with open(base.with_suffix(".dic"), encoding="utf-8", errors="replace") as fh:
        next(fh, None)
        for line in fh:
            line = line.strip()
            if not line:
                continue
            w, _, flags = line.partition("/")
            if w[:1].isupper():
                proper.add(w.lower())
            w = w.lower()
            if w and w.replace("-", "").isalpha():
                stems[w] = stems.get(w, "") + flags.split()[0] if flags else stems.get(w, "")
    rules, compound_rules = [], []
    with open(base.with_suffix(".aff"), encoding="utf-8", errors="replace") as fh:
        for line in fh:
            parts = line.split()
            if len(parts) < 5 or parts[0] != "SFX":
                continue
            flag, strip, add, cond = parts[1], parts[2], parts[3], parts[4]
            add, _, cont = add.partition("/")
            strip = "" if strip == "0" else strip
            add = "" if add == "0" else add
            try:
                pat = re.compile(("" if cond == "." else cond) + "$")
            except re.error:
                continue
            if "X" in cont or "U" in cont:       # a form that begins or continues a compound
                compound_rules.append((flag, strip, add, pat))
            if "Z" in cont or "¤" in cont:       # forms only for compounds
                continue
            rules.append((flag, strip, add, pat))
    return Affixes(stems, rules, compound_rules, proper)


class Lexicon:
    def __init__(self, freqs: dict[str, float], affixes: Affixes | None = None):
        self.freqs = freqs
        self.affixes = affixes
        index: dict[str, list[str]] = {}    # folded form -> words with å/ä/ö/é (keys lower-case)
        for w in freqs:
            if not w.isascii():
                index.setdefault(fold_lower(w), []).append(w)
        self.index = index
        self._fold_cache: dict[str, tuple[str, ...]] = {}

    def prob(self, w: str) -> float:
        p = self.freqs.get(w)
        if p is not None:
            return p
        if self.affixes is not None and w in self.affixes.forms_by_fold(fold_lower(w)):
            return STEM_PROB
        return FLOOR

    def known(self, w: str) -> bool:
        if w in self.freqs:
            return True
        return self.affixes is not None and w in self.affixes.forms_by_fold(fold_lower(w))

    def by_fold(self, key: str) -> tuple[str, ...]:
        """Known words (wordfreq, hunspell stems and inflected forms) whose folded form is key."""
        r = self._fold_cache.get(key)
        if r is None:
            words = list(self.index.get(key, ()))
            if key in self.freqs:
                words.insert(0, key)
            if self.affixes is not None and len(key) >= 3:
                words += [w for w in self.affixes.forms_by_fold(key) if w not in self.freqs]
            r = tuple(words)
            if len(self._fold_cache) > 500_000:
                self._fold_cache.clear()
            self._fold_cache[key] = r
        return r

    def compound_first(self, w: str) -> bool:
        """May `w` begin a compound (hunspell flags; without hunspell: a frequent word)?"""
        if self.affixes is not None:
            return self.affixes.compound_first(w)
        return self.freqs.get(w, 0.0) >= 1e-6

    def compound_parts_by_fold(self, key: str) -> tuple[str, ...]:
        """Words and compound-only forms that may begin a compound, by folded form."""
        r = self._fold_cache.get("\x00" + key)
        if r is None:
            if self.affixes is None:
                r = tuple(w for w in self.by_fold(key) if self.freqs.get(w, 0.0) >= 1e-6)
            else:
                r = self.affixes.compound_parts_by_fold(key)
            self._fold_cache["\x00" + key] = r
        return r

    def proper(self, w: str) -> bool:
        """Is `w` (lower-case) a name or place in hunspell-sv ('jönsson', 'åre', 'skåne')?"""
        return self.affixes is not None and w in self.affixes.proper


@lru_cache(maxsize=1)
def load_lexicon() -> Lexicon:
    import gc

    enabled = gc.isenabled()
    gc.disable()        # building ~10^6 small objects: the cyclic collector only slows it down
    try:
        return _load_lexicon()
    finally:
        if enabled:
            gc.enable()


def _load_lexicon() -> Lexicon:
    freqs: dict[str, float] = {}
    try:
        import wordfreq
        for w, f in wordfreq.get_frequency_dict("sv", "large").items():
            if w.replace("-", "").isalpha():
                freqs[w] = f
    except Exception:  # pragma: no cover - wordfreq is a declared dependency
        pass
    base = _hunspell_base()
    affixes = None
    if base is not None:
        affixes = _read_affixes(base)
        for w, flags in affixes.stems.items():
            if w not in freqs and w.isalpha() and not ("¤" in flags or "Z" in flags or "%" in flags):
                freqs[w] = STEM_PROB
    return Lexicon(freqs, affixes)
