"""Context rules over the combined entities of one document.

After the layers are merged (pipeline.stages.ner.recognise), a few regularities of Swedish minutes
fix labels and spans that no single layer sees:

* **acronym expansions**: 'OCN-metoden (Open College Network)', 'IPS (Individual Placement and
  Support)': the words whose initials spell the acronym are the acronym's name. They are an
  organisation unless the acronym is a method or law (``NOT_ORG_ACRONYMS``), in which case they
  are no entity at all (the model tends to read them as a person);
* **organisation before its representative**: 'Värmestugan (Monika Freij) jobbar …',
  'IFS/Schizofreniföreningen (Margareta Gustavi) tycker …' (the name in front is an organisation);
* **a name in parentheses after an organisation**: 'Puff (Placerade ungas föräldraförening)';
* **employer after 'vid'/'hos'**: 'forskare vid Campus Helsingborg', 'Anna Ek vid Lunds
  universitet';
* **acronym + place**: 'PO Skåne', 'RFSU Malmö' are one organisation;
* **enumerations**: in 'Bryggan, Ria, Vorta Drom, Schizofreniföreningen' and in vertical lists of
  the same shape ('- 8 mars (G7)', '- 12 april (Vorta Drom)') a model 'person' among
  organisations is an organisation;
* organisations found by these rules are also labelled where the same name occurs elsewhere in
  the document.

Every function takes and returns a list of :class:`Entity` sorted by offset, without overlaps.
"""
from __future__ import annotations

import re
from collections import Counter, defaultdict
from dataclasses import dataclass

from pipeline.lang.words import bounded
from pipeline.stages.ner.names import is_first_name, is_proper_noun
from pipeline.stages.ner.patterns import NOT_ORG_ACRONYMS

# sources whose labels a context rule may overrule (statistical or weak evidence)
SOFT = {"model", "propagated", "weak", "names"}


@dataclass
class Entity:
    start: int
    end: int
    label: str
    text: str
    normalized: str | None
    source: str
    layers: int = 1  # how many layers proposed it (pipeline.stages.ner.agreement), set at the end


_FUNCTION_WORDS = {"och", "and", "of", "for", "för", "i", "in", "av", "the", "&", "to", "on", "at", "med", "with"}
_ACRONYM_PAREN = re.compile(r"(?<![\w/-])([A-ZÅÄÖ]{2,6})(?:-[\wåäöÅÄÖ]+)?[ \t]*\([ \t]*")
_WORD = re.compile(r"[^\W\d_][\w'’-]*")
_CAP_PHRASE_END = re.compile(r"((?:[A-ZÅÄÖÉ][\w&'’-]*)(?:(?:[ \t]|[ \t]?/[ \t]?)[A-ZÅÄÖÉ][\w&'’-]*){0,3})[ \t]*$")
_BEFORE_SUBJECT = re.compile(r"(?:^|\n)[ \t]*(?:[-–•*e][ \t]+|\d+[.)][ \t]+)?$|[.!?:][ \t]+$")
_PAREN_AFTER = re.compile(r"[ \t]*\(([A-ZÅÄÖ][a-zåäöéü]+(?:[ \t][\wåäöÅÄÖ-]+){0,5})\)")
_EMPLOYER = re.compile(
    r"(?<![\w-])(?:forskare|forskaren|professor|professorn|lektor|docent|doktorand|doktoranden|student|"
    r"anställd|anställda|verksam|verksamma|lärare|rektor|chef|enhetschef|handläggare|samordnare|"
    r"projektledare|processledare|utvecklare|kurator|psykolog|konsult|ombud|representant|ordförande|"
    r"sekreterare|praktikant|volontär)\s+(?:vid|på|hos|inom|från)\s+"
    r"([A-ZÅÄÖ][\w&-]*(?:\s[A-ZÅÄÖ][\w&-]*){0,3})(?![\w-])")
_PER_EMPLOYER = re.compile(r"[ \t]*,?[ \t]*(?:vid|hos)[ \t]+([A-ZÅÄÖ][\w&-]*(?:[ \t][A-ZÅÄÖ][\w&-]*){0,3})(?![\w-])")
_BLANK_LINE = re.compile(r"\n[ \t]*\n(?=[ \t]*\S)")
_LIST_SEP = re.compile(r"^[ \t]*(?:,|;|/|&|och|eller|samt|,[ \t]*och)[ \t]*$")


def _overlapping(ents: list[Entity], s: int, e: int) -> list[Entity]:
    return [x for x in ents if x.start < e and s < x.end]


def _put(ents: list[Entity], new: Entity, keep_labels: tuple[str, ...] = ()) -> bool:
    """Add ``new``, replacing soft entities it overlaps; refuse where a firm entity overlaps
    (unless it is an ORG that ``new`` covers, which is then replaced too)."""
    clash = _overlapping(ents, new.start, new.end)
    for x in clash:
        if x.source in SOFT:
            continue
        if x.label == "ORG" and new.label == "ORG" and new.start <= x.start and x.end <= new.end:
            continue
        return False
    for x in clash:
        ents.remove(x)
    ents.append(new)
    ents.sort(key=lambda x: x.start)
    return True


def _initials(words: list[str]) -> str:
    return "".join(w[0].upper() for w in words if w.lower() not in _FUNCTION_WORDS)


def acronym_expansions(text: str, ents: list[Entity]) -> list[Entity]:
    """'OCN-metoden (Open College Network)' → ORG; 'IPS (Individual Placement and Support)' → none."""
    for m in _ACRONYM_PAREN.finditer(text):
        acr = m.group(1)
        words: list[re.Match] = []
        for w in _WORD.finditer(text, m.end(), min(len(text), m.end() + 200)):
            gap = text[(words[-1].end() if words else m.end()):w.start()]
            if words and (")" in gap or "\n\n" in gap or re.search(r"[,.;:]", gap)):
                break
            if not words and gap.strip():
                break
            words.append(w)
            if len(_initials([x.group() for x in words])) >= len(acr):
                break
        if not words or not words[0].group()[0].isupper():
            continue
        if _initials([w.group() for w in words]) != acr or any(
                not w.group()[0].isupper() for w in words if w.group().lower() not in _FUNCTION_WORDS):
            continue
        s, e = words[0].start(), words[-1].end()
        if acr in NOT_ORG_ACRONYMS:
            for x in _overlapping(ents, s, e):
                if x.source in SOFT:
                    ents.remove(x)
        else:
            _put(ents, Entity(s, e, "ORG", text[s:e], None, "patterns"))
    return ents


def _phrase_before(text: str, pos: int) -> tuple[int, int] | None:
    """The capitalised phrase ending right before ``pos`` when it is a subject (line or sentence start)."""
    ls = text.rfind("\n", 0, pos) + 1
    m = _CAP_PHRASE_END.search(text, ls, pos)
    if not m or not m.group(1):
        return None
    s = m.start(1)
    if not _BEFORE_SUBJECT.search(text[max(0, s - 40):s]) and s != 0:
        return None
    return s, m.end(1)


def _is_common(word: str) -> bool:
    from wordfreq import zipf_frequency

    from pipeline.stages.ner.names import is_common_noun, is_proper_noun
    from pipeline.stages.ner.people import _NOT_NAMES
    return word in _NOT_NAMES or zipf_frequency(word.lower(), "sv") >= 4.0 or (
        is_common_noun(word, inflected=True) and not is_proper_noun(word))  # 'Innehavaren (Harald Francén)'


def orgs_before_representatives(text: str, ents: list[Entity]) -> list[Entity]:
    """'Värmestugan (Monika Freij) jobbar …': the subject before a parenthesised person is an ORG."""
    for p in [x for x in ents if x.label == "PER"]:
        before = text[max(0, p.start - 8):p.start].rstrip(" \t")
        after = text[p.end:p.end + 8].lstrip(" \t")
        if not before.endswith("(") or not after.startswith(")"):
            continue
        open_paren = max(0, p.start - 8) + len(before) - 1
        span = _phrase_before(text, open_paren)
        if span is None:
            continue
        s0, e0 = span
        for part in re.finditer(r"[^/]+", text[s0:e0]):
            ps, pe = s0 + part.start(), s0 + part.end()
            while pe > ps and text[pe - 1] in " \t":
                pe -= 1
            while ps < pe and text[ps] in " \t":
                ps += 1
            phrase = text[ps:pe]
            if len(phrase) < 2 or (" " not in phrase and _is_common(phrase)):
                continue
            if any(x.label == "PER" and x.source not in SOFT for x in _overlapping(ents, ps, pe)):
                continue
            _put(ents, Entity(ps, pe, "ORG", phrase, None, "patterns"))
    return ents


def paren_names_after_orgs(text: str, ents: list[Entity]) -> list[Entity]:
    """'Puff (Placerade ungas föräldraförening)': a parenthesised name after an ORG is its full name."""
    for o in [x for x in ents if x.label == "ORG"]:
        m = _PAREN_AFTER.match(text, o.end)
        if not m:
            continue
        s, e = m.span(1)
        inner = _overlapping(ents, s, e)
        if any(x.label in ("PER", "DATE", "TIME") for x in inner):
            continue
        if any(x.label == "LOC" and x.start <= s and x.end >= e for x in inner):
            continue  # 'DIFI (Norge)': a place in parentheses stays a place
        if inner and all(x.label == "ORG" for x in inner):
            continue
        _put(ents, Entity(s, e, "ORG", text[s:e], None, "patterns"))
    return ents


def employers(text: str, ents: list[Entity]) -> list[Entity]:
    """'forskare vid Campus Helsingborg', 'Anna Ek vid Lunds universitet' → ORG."""
    spans = [m.span(1) for m in _EMPLOYER.finditer(text)]
    for p in [x for x in ents if x.label == "PER"]:
        m = _PER_EMPLOYER.match(text, p.end)
        if m:
            spans.append(m.span(1))
    for s, e in spans:
        phrase = text[s:e]
        if " " not in phrase and _is_common(phrase):
            continue
        inner = _overlapping(ents, s, e)
        if any(x.label == "PER" and x.source not in SOFT for x in inner):
            continue
        if any(x.label == "ORG" and x.source not in SOFT for x in inner):
            continue  # already an organisation (e.g. 'socialhögskolan')
        _put(ents, Entity(s, e, "ORG", phrase, None, "patterns"))
    return ents


_NEXT_WORD = re.compile(r" ([A-ZÅÄÖ][a-zåäöé]+)(?![\w-])")


def acronym_places(text: str, ents: list[Entity]) -> list[Entity]:
    """'PO Skåne', 'NSPH Halland': an acronym ORG followed by a place is one organisation."""
    ents.sort(key=lambda x: x.start)
    for a in list(ents):
        if a.label != "ORG" or not a.text.isupper():
            continue
        m = _NEXT_WORD.match(text, a.end)
        if not m or is_first_name(m.group(1)) or not is_proper_noun(m.group(1)):
            continue
        if _overlapping(ents, m.start(1), m.end(1)):
            continue  # a place the layers found is merged below
        a_new = Entity(a.start, m.end(1), "ORG", text[a.start:m.end(1)], None, "patterns")
        ents[ents.index(a)] = a_new
    i = 0
    while i < len(ents) - 1:
        a, b = ents[i], ents[i + 1]
        if (a.label == "ORG" and a.text.isupper() and b.label == "LOC" and b.source in SOFT | {"patterns"}
                and text[a.end:b.start] == " " and "\n" not in b.text):
            ents[i] = Entity(a.start, b.end, "ORG", text[a.start:b.end], None, "patterns")
            del ents[i + 1]
        i += 1
    return ents


def _chains(text: str, ents: list[Entity]) -> list[list[Entity]]:
    """Runs of entities on one line separated only by list separators (',', 'och', '/')."""
    chains: list[list[Entity]] = []
    cur: list[Entity] = []
    for x in sorted((x for x in ents if x.label in ("PER", "ORG", "LOC")), key=lambda x: x.start):
        if cur and _LIST_SEP.match(text[cur[-1].end:x.start]) and "\n" not in text[cur[-1].end:x.start]:
            cur.append(x)
        else:
            if len(cur) >= 3:
                chains.append(cur)
            cur = [x]
    if len(cur) >= 3:
        chains.append(cur)
    return chains


def _line_templates(text: str, ents: list[Entity]) -> dict[int, str]:
    """For lines with exactly one PER/ORG/LOC entity: id(entity) -> the line with that entity as
    '§', other entities (dates) as '#' and digits as '0', keyed by its paragraph."""
    import bisect

    blanks = [m.start() for m in _BLANK_LINE.finditer(text)]
    by_line: dict[int, list[Entity]] = defaultdict(list)
    for y in ents:
        by_line[text.rfind("\n", 0, y.start) + 1].append(y)
    out: dict[int, str] = {}
    for ls, on_line in by_line.items():
        names = [y for y in on_line if y.label in ("PER", "ORG", "LOC")]
        le = text.find("\n", ls)
        le = len(text) if le < 0 else le
        if len(names) != 1 or le - ls > 120 or any(y.end > le for y in on_line):
            continue
        x = names[0]
        parts, pos = [], ls
        for y in sorted(on_line, key=lambda y: y.start):
            parts.append(text[pos:y.start])
            parts.append("§" if y is x else "#")
            pos = y.end
        parts.append(text[pos:le])
        block = bisect.bisect_left(blanks, ls)  # lines of one list are in one paragraph
        out[id(x)] = f"{block}\t" + re.sub(r"\d+", "0", "".join(parts)).strip()
    return out


def enumerations(text: str, ents: list[Entity]) -> list[Entity]:
    """A model 'person' listed among organisations is an organisation."""
    def relabel(group: list[Entity]) -> None:
        labels = Counter(y.label for y in group)  # counted once per group: per member it was quadratic
        for x in group:
            if x.label not in ("PER", "LOC") or x.source not in SOFT or x.normalized:
                continue
            if x.label == "PER" and is_first_name(x.text.split()[0]):
                continue  # 'Eva Åström' in a list of organisations is still a person
            others = labels - Counter([x.label])
            if others["ORG"] >= 2 and others["ORG"] > others["PER"] + others["LOC"]:
                labels[x.label] -= 1
                labels["ORG"] += 1
                x.label, x.source = "ORG", "patterns"

    for chain in _chains(text, ents):
        relabel(chain)
    groups: dict[str, list[Entity]] = defaultdict(list)
    templates = _line_templates(text, ents)
    for x in ents:
        if id(x) in templates:
            groups[templates[id(x)]].append(x)
    for group in groups.values():
        if len(group) >= 3:
            relabel(group)
    return ents


def propagate_orgs(text: str, ents: list[Entity], names: set[str]) -> list[Entity]:
    """Label other occurrences of organisation names found by the context rules."""
    for name in sorted(names, key=len, reverse=True):
        if len(name) < 3:
            continue
        pat = re.compile(bounded(re.escape(name), "(?:s)?"))
        for m in pat.finditer(text):
            s, e = m.start(), m.start() + len(name)
            clash = _overlapping(ents, s, e)
            if not clash:
                ents.append(Entity(s, e, "ORG", text[s:e], None, "patterns"))
            elif all(x.source in SOFT and x.start >= s and x.end <= m.end() for x in clash):
                for x in clash:
                    ents.remove(x)
                ents.append(Entity(s, e, "ORG", text[s:e], None, "patterns"))
    ents.sort(key=lambda x: x.start)
    return ents


def apply_context(text: str, ents: list[Entity]) -> list[Entity]:
    """All context rules, in order; returns the new list (sorted, without overlaps)."""
    ents = sorted(ents, key=lambda x: x.start)
    before = {(x.start, x.end, x.label) for x in ents}
    for rule in (acronym_expansions, orgs_before_representatives, paren_names_after_orgs, employers,
                 acronym_places, enumerations):
        ents = rule(text, ents)
    new_orgs = {x.text for x in ents if x.label == "ORG" and (x.start, x.end, x.label) not in before}
    if new_orgs:
        ents = propagate_orgs(text, ents, new_orgs)
    return sorted(ents, key=lambda x: x.start)
