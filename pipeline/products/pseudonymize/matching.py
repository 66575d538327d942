"""Matching: where a string names a person the pipeline linked, or holds an identifier.

A :class:`NameMatcher` holds the name forms of one scope (a meeting: its people's first names,
surnames, nicknames and full names, and the full names of everyone in the archive) as folded
token tuples → person key, plus the literal forms the linker saw that are not plain capitalised
words (a handle 'kalle_s', a lower-case 'anna'). It finds them in any string:

* case-sensitive on the first letter (the preposition 'per' is not the name 'Per') unless the
  lower-case spelling itself was linked to the person; diacritics-insensitive ('Bergstrom' from
  OCR is Bergström); 'la Jonsson' from OCR is 'Ia Jonsson';
* genitives ('Annas', 'Anna:s', "Anna's") are the person, rendered 'Person N:s';
* an e-mail address whose local part names a person becomes '[e-post Person N]';
* identifiers (:mod:`pipeline.lang.identifiers`: personnummer, phone numbers, e-mail and street
  addresses, handles) become their typed placeholder, whatever the scope.
"""
from __future__ import annotations

import re
from collections.abc import Callable, Mapping

from pipeline.lang.fold import fold_name as fold
from pipeline.lang.identifiers import EMAIL, KINDS, find_identifiers, placeholder
from pipeline.lang.names import first_names
from pipeline.products.pseudonymize.offsets import Hit, Intervals, apply_hits

PSEUDONYM = "Person {n}"
EMAIL_PSEUDONYM = "[e-post {pseudonym}]"
MIN_EMAIL_TOKEN = 3  # shortest name token that ties an e-mail address to a person

TOKEN = re.compile(r"[^\W\d_]+(?:[-'’][^\W\d_]+)*")
GAP = re.compile(r"[ \t\u00a0]*\n?[ \t\u00a0]*")
_GENITIVES = ("'s", "’s", "s")


def name_tokens(s: str | None) -> tuple[str, ...]:
    """Folded word tokens of a name: 'Anna-Karin Ek' -> ('anna-karin', 'ek')."""
    return tuple(fold(t) for t in TOKEN.findall(s or ""))


def name_like(tok: str) -> bool:
    """'Skålén' yes; 'PO', 'och', '12' no."""
    return tok[:1].isupper() and any(c.islower() for c in tok[1:])


class NameMatcher:
    """Finds the names of one scope in strings (see the module docstring).

    ``forms``: folded token tuples -> person key (a mapping; several may be chained with
    ``fallback``). ``lower``: folded tuples whose lower-case spelling was linked. ``literals``:
    exact strings -> key, matched as written.
    """

    def __init__(self, forms: Mapping[tuple[str, ...], str], fallback: Mapping[tuple[str, ...], str] | None = None,
                 lower: set[tuple[str, ...]] | frozenset = frozenset(), literals: Mapping[str, str] | None = None,
                 maxn: int = 4):
        self.forms = forms
        self.fallback = fallback or {}
        self.lower = lower
        self.literals = dict(literals or {})
        self.maxn = maxn
        self._literal_re = (re.compile(r"(?<![\w@])(?:" + "|".join(map(re.escape, sorted(self.literals, key=len,
                                                                                         reverse=True)))
                                       + r")(?![\w])") if self.literals else None)

    def key_of(self, toks: tuple[str, ...]) -> str | None:
        return self.forms.get(toks) or self.fallback.get(toks)

    def _lower_linked(self, tup: tuple[str, ...]) -> bool:
        """A lower-case spelling the linker tied to the person ('anna'), also in the genitive ('annas')."""
        if tup in self.lower:
            return True
        last = tup[-1]
        return any(last.endswith(g) and (*tup[:-1], last[:-len(g)]) in self.lower for g in _GENITIVES)

    def _lookup(self, toks: list[tuple[int, int, str]], text: str) -> tuple[str, bool, int] | None:
        """The person of these tokens (key, genitive, end) if they form a known name."""
        first = toks[0][2]
        folded = [fold(t) for _, _, t in toks]
        firsts = []
        if first[:1].isupper() or self._lower_linked(tuple(folded)):
            firsts.append(folded[0])
        if len(toks) > 1 and first[:1] == "l" and len(first) > 1:  # OCR: 'la Jonsson' is 'Ia Jonsson'
            firsts.append("i" + folded[0][1:])
        end = toks[-1][1]
        for f in firsts:
            tup = (f, *folded[1:])
            key = self.key_of(tup)
            if key:
                if text[end:end + 2] == ":s" and not text[end + 2:end + 3].isalnum():
                    return key, True, end + 2
                return key, False, end
            last = tup[-1]
            for suffix in _GENITIVES:
                if last.endswith(suffix) and len(last) > len(suffix) + 1:
                    key = self.key_of((*tup[:-1], last[:-len(suffix)]))
                    if key:
                        return key, True, end
        return None

    def find(self, text: str | None, protected: list[tuple[int, int]] = (),
             taken: list[tuple[int, int]] = ()) -> list[Hit]:
        """Name hits in ``text`` (identifiers are :func:`identifier_hits`) outside ``taken``. A ``protected``
        span (an organisation or a place) keeps its single words; a full name or a form the linker saw as
        written ('kalle_b') is replaced inside it too ('Anna Lindh' in an ORG 'Anna Lindhs fond')."""
        if not text:
            return []
        hits: list[Hit] = []
        if self._literal_re:
            busy = Intervals(list(taken))
            for m in self._literal_re.finditer(text):
                if not busy.overlaps(m.start(), m.end()):
                    hits.append(Hit(m.start(), m.end(), self.literals[m.group(0)]))
        busy = Intervals([(h.start, h.end) for h in hits] + list(taken))
        guarded = Intervals(list(protected))
        toks = [(m.start(), m.end(), m.group(0)) for m in TOKEN.finditer(text)]
        i = 0
        while i < len(toks):
            found = None if busy.overlaps(toks[i][0], toks[i][1]) else self._longest(toks, i, text, busy, guarded)
            if found:
                n, (key, gen, end) = found
                hits.append(Hit(toks[i][0], end, key, gen))
                i += n
            else:
                i += 1
        return sorted(hits, key=lambda h: h.start)

    def _longest(self, toks, i: int, text: str, busy: Intervals, guarded: Intervals):
        for n in range(min(self.maxn, len(toks) - i), 0, -1):
            group = toks[i:i + n]
            if any(not GAP.fullmatch(text[group[j][1]:group[j + 1][0]]) for j in range(n - 1)):
                continue
            if busy.overlaps(group[0][0], group[-1][1]):
                continue
            if n == 1 and guarded.overlaps(group[0][0], group[0][1]) and not (
                    group[0][2] in first_names() and (group[0][0], group[0][1]) in guarded.spans):
                continue  # a word of an organisation or place stays; a first name taken for a place does not
            r = self._lookup(group, text)
            if r:
                return n, r
        return None

    def email_key(self, address: str) -> str | None:
        """The person an e-mail address names in its local part ('anna.svensson@…'), if any."""
        local = re.split(r"@|\s?[(\[]at[)\]]", address, maxsplit=1)[0]
        keys = [k for p in re.split(r"[._+-]+", local) if len(p) >= MIN_EMAIL_TOKEN
                for k in [self.key_of((fold(p),))] if k]
        return max(sorted(set(keys)), key=keys.count) if keys else None


def identifier_hits(text: str | None, matcher: NameMatcher | None = None, kinds=KINDS) -> list[Hit]:
    """Every identifier in ``text`` as a hit rendered by its placeholder (an e-mail address that
    names a person: '[e-post Person N]')."""
    out = []
    for ident in find_identifiers(text, kinds):
        key = matcher.email_key(ident.text) if matcher is not None and ident.kind == EMAIL else None
        if key:
            out.append(Hit(ident.start, ident.end, key, email=True))
        else:
            out.append(Hit(ident.start, ident.end, "", placeholder=placeholder(ident.kind)))
    return out


def renderer(pseudonyms: Mapping[str, str]) -> Callable[[Hit], str]:
    def render(hit: Hit) -> str:
        if hit.placeholder is not None:
            return hit.placeholder
        p = pseudonyms[hit.key]
        if hit.email:
            return EMAIL_PSEUDONYM.format(pseudonym=p)
        return p + (":s" if hit.genitive else "")
    return render


def combine(first: list[Hit], *more: list[Hit]) -> list[Hit]:
    """Hits of several layers, the earlier layers winning where they overlap; sorted by start."""
    kept = sorted(first, key=lambda h: (h.start, -h.end))
    for layer in more:
        taken = Intervals([(h.start, h.end) for h in kept])
        kept += [h for h in layer if not taken.overlaps(h.start, h.end) and h.end > h.start]
        kept.sort(key=lambda h: (h.start, -h.end))
    out: list[Hit] = []
    for h in kept:
        if not out or h.start >= out[-1].end:
            out.append(h)
    return out


def substitute(value: str, matcher: NameMatcher, pseudonyms: Mapping[str, str]) -> str:
    """A string with every identifier and every name of the scope replaced."""
    ids = identifier_hits(value, matcher)
    hits = combine(ids, matcher.find(value, taken=[(h.start, h.end) for h in ids]))
    return apply_hits(value, hits, renderer(pseudonyms))[0] if hits else value


__all__ = [
    "EMAIL_PSEUDONYM",
    "PSEUDONYM",
    "NameMatcher",
    "combine",
    "identifier_hits",
    "name_like",
    "name_tokens",
    "renderer",
    "substitute",
]
