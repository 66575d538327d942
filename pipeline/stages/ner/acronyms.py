"""Abbreviations that are organisations, told apart by what the document says about them.

Minutes are full of upper-case abbreviations, and most are not organisations: laws (LSS, SoL),
methods (SIP, BBIC), roles (MAS, SAS), technical standards (SHACL, UML), formats and words in
capitals. The gazetteer knows the public bodies ('IVO', 'SCB'); this module accepts any other
abbreviation only on evidence of its own, and then everywhere in the document:

* it is written as a short form of an organisation: 'Kammarrätten i Göteborg, KR', 'Dataskyddsombudet
  (DSO)', or explained by one in parentheses after it: 'NOA (Polisens nationella operativa avdelning)';
* it speaks in the notes: a line that begins 'SUHF:' or '- KB:';
* it acts or is where people come from: 'SCB har …', 'LM och SCB förordar …', 'hos SGS', 'från EY';
* it is an organ with paragraphs: 'KS § 43', 'SE § 24';
* it stands alone in parentheses right after a person or a date: 'Anna Ek (RK)', '- 8 mars (G7)'.
"""
from __future__ import annotations

import re

from pipeline.lang.roles import is_party_code, is_title_word
from pipeline.stages.ner.context import Entity
from pipeline.stages.ner.patterns import NOT_ORG_ACRONYMS

_ACRONYM = re.compile(r"(?<![\w/.-])(?P<acr>[A-ZÅÄÖ]{2,6}|[A-Z]\d{1,2}|[A-Z]{1,3}\d[A-Z]?)(?P<gen>:s|s)?(?![\w-]|\.\w)")
_SPEAKER = re.compile(r"^[ \t]*(?:[-–•*●○■▪][ \t]*)?$")
_ACTOR_BEFORE = re.compile(r"(?i:\b(?:från|hos|vid|inom|på\s+uppdrag\s+av|representant(?:er)?\s+för|företrädare\s+för|"
                           r"kontakt\s+med|samarbete\s+med|tillsammans\s+med)\s+)$")
_ACTOR_VERB = re.compile(r"^\s+(?:och\s+[A-ZÅÄÖ]{2,6}\s+)?(?:har|hade|ska|skall|kommer|förordar|beslutade|beslutat|"
                         r"tycker|anser|menar|vill|jobbar|arbetar|gör|gjorde|gjort|tar|säger|föreslår|informerar|"
                         r"berättar|deltar|ansvarar|äger|driver|erbjuder|meddelar|rekommenderar|undersöker|granskar|"
                         r"planerar|publicerar|förvaltar|svarar|återkommer|bjuder|har\s+gjort)\b")
_ORGAN_PARAGRAPH = re.compile(r"^\s*§")
_ORG_WORDS = re.compile(r"(?i)(?:kommission|myndighet|förbund|förening|polis|verket|institut|organisation|råd\b|rådet|"
                        r"byrå|avdelning|kommitté|nätverk|stiftelse|universitet|högskol|kommun|region|departement|"
                        r"styrelse|nämnd|förvaltning|agency|board|committee|council|office|association|union|"
                        r"organi[sz]ation|institute|university|commission|consortium)")


_SOFT = {"model", "propagated", "weak", "names", "gazetteer_place"}
_ABBREVIATION = re.compile(r"[A-ZÅÄÖ0-9]{2,6}")


class _UpperLines:
    """Whether the line around a position is written mostly in capitals (a heading), each line
    counted once."""

    def __init__(self, text: str):
        self.text = text
        self.cache: dict[int, bool] = {}

    def __call__(self, s: int) -> bool:
        ls = self.text.rfind("\n", 0, s) + 1
        if ls not in self.cache:
            le = self.text.find("\n", s)
            letters = [c for c in self.text[ls:le if le >= 0 else len(self.text)] if c.isalpha()]
            self.cache[ls] = len(letters) >= 8 and sum(c.isupper() for c in letters) > 0.6 * len(letters)
        return self.cache[ls]


def _evidence(text: str, m: re.Match, org_ends: set[int], orgs: list[Entity], after_ents: list[Entity]) -> bool:
    s, e = m.start("acr"), m.end()
    ls = text.rfind("\n", 0, s) + 1
    if text[e:e + 1] == ":" and m.group("gen") is None and _SPEAKER.match(text[ls:s]) \
            and not re.match(r":\s*(?:\d|[A-ZÅÄÖ][a-zåäö]+\s[A-ZÅÄÖ][a-zåäö]+\s*$)", text[e:text.find("\n", e) if "\n" in text[e:] else len(text)]):
        return True  # 'SUHF: Tagit del' (not 'SAMO: Johannes Mattsson', a role; not 'IP: 95.80.50.71')
    before = text[max(0, s - 40):s]
    if _ACTOR_BEFORE.search(before) or _ACTOR_VERB.match(text[e:e + 40]) or _ORGAN_PARAGRAPH.match(text[e:e + 4]):
        return True
    back = re.search(r"[ \t]*(?:,|\()[ \t\n]*$", before)
    if back and (s - len(back.group())) in org_ends:
        return True  # 'Kammarrätten i Göteborg, KR', 'Dataskyddsombudet (DSO)'
    if text[s - 1:s] == "(" and text[e:e + 1] == ")":
        inside_after = [x for x in after_ents if x.end <= s - 1 and not text[x.end:s - 1].strip(" \t")]
        if inside_after:
            return True  # '- 8 mars (G7)', 'Anna Ek (RK)': who stands behind a date or a person
    paren = re.match(r"[ \t]*\(([^()\n]{6,120})\)", text[e:e + 130])
    if paren and paren.group(1)[:1].isupper():
        ps, pe = e + paren.start(1), e + paren.end(1)
        if _ORG_WORDS.search(paren.group(1)) or any(ps <= o.start and o.end <= pe for o in orgs):
            return True  # 'NOA (Polisens nationella operativa avdelning)'
    return False


def acronym_orgs(text: str, ents: list[Entity], vetoed: list[tuple[int, int]] = ()) -> list[Entity]:
    """``ents`` with the abbreviations that are organisations added (where nothing else stands), and
    without the model's abbreviations that the document gives no evidence for."""
    import bisect

    orgs = [x for x in ents if x.label == "ORG"]
    org_ends = {x.end for x in orgs}
    firm = {x.text for x in orgs if x.source not in _SOFT and _ABBREVIATION.fullmatch(x.text)}
    found: dict[str, list[tuple[int, int]]] = {}
    accepted = set(firm)
    upper_line = _UpperLines(text)
    anchors = sorted((x for x in ents if x.label in ("PER", "DATE", "TIME")), key=lambda x: x.end)
    anchor_ends = [x.end for x in anchors]
    for m in _ACRONYM.finditer(text):
        acr = m.group("acr")
        if acr in NOT_ORG_ACRONYMS or is_party_code(acr) or is_title_word(acr) or upper_line(m.start()):
            continue
        found.setdefault(acr, []).append((m.start("acr"), m.end("acr")))
        if acr in accepted:
            continue
        lo, hi = bisect.bisect_right(anchor_ends, m.start() - 60), bisect.bisect_right(anchor_ends, m.start())
        if _evidence(text, m, org_ends, orgs, anchors[lo:hi]):
            accepted.add(acr)
    # the model's word is no evidence: its abbreviations stay only where the document gives some
    out = [x for x in ents if not (x.label == "ORG" and x.source in _SOFT and _ABBREVIATION.fullmatch(x.text)
                                   and x.text not in accepted)]
    taken = bytearray(len(text) + 1)
    for s, e in [(x.start, x.end) for x in out] + list(vetoed):
        taken[s:e] = b"\1" * (e - s)
    for acr in accepted:
        for s, e in found.get(acr, []):
            if not any(taken[s:e]):
                out.append(Entity(s, e, "ORG", acr, None, "patterns"))
    return sorted(out, key=lambda x: x.start)
