"""Names read from the structure of minutes, before any model: who sits where on the form.

A protocol states its people in fixed places, and those places say what a word is with more
certainty than any context model:

* **party tags**: 'Tommy Rydfeldt (L)', 'Eva Ek (s)': the words before a party abbreviation in
  parentheses are a person, and the abbreviation is the person's party, never an entity of its
  own (:func:`party_tags` returns both);
* **title lines**: 'Ivan Stipic, förvaltningschef', 'Sekreterare Maria Forsberg', 'Ordförande:
  William Levén': a name before a comma and a job title, or after a role label, is a person;
* **signature blocks**: the name under a signature line ('______' then 'Per Gunnarsson');
* **tables**: in an attendance table the column headed 'Namn' / 'Närvarande' holds people and the
  one headed 'Organisation' / 'Myndighet' organisations (from the reader's ``table_cell`` blocks);
* **the venue**: the value of a 'Plats' / 'Plats och tid' / 'Lokal' field, and the meeting's
  ``place``, are places.

Every function returns :class:`StructureSpan` items (offsets into the text); the names are cut
with :func:`pipeline.lang.person_names.name_parts`, so a form line holding two columns gives
two people.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from pipeline.lang.dates import find_dates
from pipeline.lang.names import is_first_name
from pipeline.lang.person_names import name_parts
from pipeline.lang.roles import is_label_word, is_party_code, is_title_word
from pipeline.lang.words import whole_words


@dataclass(frozen=True)
class StructureSpan:
    start: int
    end: int
    label: str   # PER, ORG, LOC, or NONE (never an entity: a party tag)
    why: str


_PARTY_TAG = re.compile(r"\(\s*([A-Za-zÅÄÖåäö]{1,4}(?:-[A-Za-z]{1,2})?)\s*\)")
_COMMA_TITLE = re.compile(r"[ \t]*,[ \t]*(?P<title>[^\W\d_][\w-]*)")
_ROLE_LABEL = re.compile(r"(?im)(?:^|[ \t]{2,}|[•●○■▪*-][ \t]*)(?P<label>(?:mötets[ \t]+)?(?:vice[ \t]+|1:e[ \t]+|2:e[ \t]+)?"
                         r"(?:ordförande|sekreterare|justerare|protokolljusterare|kassör|ledamot|ersättare|"
                         r"suppleant|adjungerad|revisor|samordnare|föredragande|vid[ \t]+pennan|vid[ \t]+protokollet|antecknare|"
                         r"justeras|justerat|protokollförare|mötesordförande|mötessekreterare)"
                         r")[ \t]*:?(?:[ \t]+|[ \t]*\n(?:[ \t]*\n)?[ \t]*)(?=[A-ZÅÄÖ])")
_SIGNATURE_LINE = re.compile(r"(?m)^.*(?:_{5,}|\.{8,}).*$")
_VENUE_FIELD = re.compile(r"(?im)^[ \t]*(?:[-–•*●○■▪][ \t]*)?(?:plats(?:[ \t]+och[ \t]+tid)?(?:[ \t]+för[ \t]+sammanträdet?)?|"
                          r"tid[ \t]+och[ \t]+plats|lokal|mötesplats|sammanträdesplats|plats[ \t]+för[ \t]+mötet|"
                          r"justeringens[ \t]+plats(?:[ \t]+och[ \t]+tid)?|förvaringsplats)"
                          r"[ \t]*[:\t]?[ \t]+(?P<value>[^\n]+)")
_PERSON_HEADERS = {"namn", "närvarande", "deltagare", "ledamot", "ledamöter", "person", "representant",
                   "representanter", "kontaktperson", "ansvarig", "deltagare/namn", "närvarande ledamöter"}
_ORG_HEADERS = {"organisation", "myndighet", "förening", "företag", "verksamhet", "förvaltning",
                "organisation/myndighet", "arbetsgivare", "representerar", "från"}


def party_tags(text: str) -> list[StructureSpan]:
    """'Anna Ek (S)': PER 'Anna Ek' and NONE '(S)'. Only abbreviations of parties count."""
    out: list[StructureSpan] = []
    for m in _PARTY_TAG.finditer(text):
        if not is_party_code(m.group(1)):
            continue
        if not re.search(r"[^\W\d_][\w'’-]*[ \t]*$", text[max(0, m.start() - 40):m.start()]):
            continue  # '(S)' after a name, not an item letter '(a)' after a number or a bracket
        out.append(StructureSpan(m.start(), m.end(), "NONE", "party tag"))
        ls = max(text.rfind("\n", 0, m.start()) + 1, m.start() - 80)
        parts = name_parts(text, ls, m.start())
        if not parts or text[parts[-1][1]:m.start()].strip():
            continue
        s, e = parts[-1]
        if not any(is_first_name(w) for w in text[s:e].split()) and len(text[s:e].split()) < 2:
            continue
        out.append(StructureSpan(s, e, "PER", "party tag"))
    return out


def titled_names(text: str) -> list[StructureSpan]:
    """'Ivan Stipic, förvaltningschef' and 'Sekreterare Maria Forsberg': people by their titles."""
    out: list[StructureSpan] = []
    for m in _COMMA_TITLE.finditer(text):
        if not is_title_word(m.group("title")) or is_label_word(m.group("title")):
            continue
        ls = max(text.rfind("\n", 0, m.start()) + 1, m.start() - 80)
        parts = name_parts(text, ls, m.start())
        if parts and not text[parts[-1][1]:m.start()].strip() and len(text[parts[-1][0]:parts[-1][1]].split()) >= 2:
            out.append(StructureSpan(*parts[-1], "PER", "name, title"))
    for m in _ROLE_LABEL.finditer(text):
        le = text.find("\n", m.end())
        le = len(text) if le < 0 else le
        parts = name_parts(text, m.end(), min(le, m.end() + 80))
        if parts and parts[0][0] == m.end() and len(text[parts[0][0]:parts[0][1]].split()) >= 2:
            out.append(StructureSpan(*parts[0], "PER", "role label"))
    return out


def signatures(text: str) -> list[StructureSpan]:
    """The name written under (or beside) a signature line."""
    out: list[StructureSpan] = []
    for m in _SIGNATURE_LINE.finditer(text):
        nxt = text.find("\n", m.end())
        while 0 <= nxt < len(text) - 1 and not text[nxt + 1:text.find("\n", nxt + 1) if text.find("\n", nxt + 1) >= 0
                                                     else len(text)].strip():
            nxt = text.find("\n", nxt + 1)
        if nxt < 0:
            continue
        le = text.find("\n", nxt + 1)
        le = len(text) if le < 0 else le
        for s, e in name_parts(text, nxt + 1, le):
            if len(text[s:e].split()) >= 2:
                out.append(StructureSpan(s, e, "PER", "signature"))
    return out


def table_columns(text: str, blocks: list[dict]) -> list[StructureSpan]:
    """People and organisations from the columns of attendance tables."""
    out: list[StructureSpan] = []
    rows: dict[tuple[int, int], list[dict]] = {}
    tables = [b for b in blocks if b.get("kind") == "table"]
    cells = [b for b in blocks if b.get("kind") == "table_cell"]
    for row in (b for b in blocks if b.get("kind") == "table_row"):
        rows[(row["start_char"], row["end_char"])] = [c for c in cells if row["start_char"] <= c["start_char"]
                                                      and c["end_char"] <= row["end_char"]]
    for t in tables:
        in_table = [cs for (s, e), cs in sorted(rows.items()) if t["start_char"] <= s and e <= t["end_char"] and cs]
        if len(in_table) < 2:
            continue
        header = [text[c["start_char"]:c["end_char"]].strip(" *:").lower() for c in in_table[0]]
        kinds = ["PER" if h in _PERSON_HEADERS else "ORG" if h in _ORG_HEADERS else None for h in header]
        if "PER" not in kinds and "ORG" not in kinds:
            continue
        for cs in in_table[1:]:
            for kind, c in zip(kinds, cs):
                s, e = c["start_char"], c["end_char"]
                if kind == "PER":
                    out.extend(StructureSpan(ps, pe, "PER", "table column") for ps, pe in name_parts(text, s, e))
                elif kind == "ORG":
                    out.extend(_org_cell(text, s, e))
    return out


def _org_cell(text: str, s: int, e: int) -> list[StructureSpan]:
    """'DIFI (Norge)' -> ORG 'DIFI' (the parenthesis is left to the other layers)."""
    cell = text[s:e]
    cut = cell.find("(")
    core = cell[:cut] if cut > 0 else cell
    core_end = s + len(core.rstrip(" \t,;"))
    core_start = s + len(core) - len(core.lstrip(" \t"))
    if core_end - core_start >= 2 and not is_label_word(text[core_start:core_end]):
        return [StructureSpan(core_start, core_end, "ORG", "table column")]
    return []


def venues(text: str, place: str | None = None) -> list[StructureSpan]:
    """The places of a 'Plats' field, and of the meeting's place where it is written in the text."""
    out: list[StructureSpan] = []
    for m in _VENUE_FIELD.finditer(text[:6000]):
        out.extend(_venue_parts(text, m.start("value"), m.end("value")))
    if place:
        for part in re.split(r"\s*,\s*|\s+(?:i|samt|och)\s+", place):
            part = re.sub(r"^(?:för|i|på|via|samt)\s+", "", part.strip())
            if len(part) >= 3 and part[0].isupper() and not is_label_word(part.split()[0]):
                for m in whole_words(part).finditer(text[:6000]):
                    if _inside_longer_name(text, m.start(), m.end()):
                        continue  # 'Östra Tallåsen', 'PRO Tallåsen': part of another name
                    out.append(StructureSpan(m.start(), m.end(), "LOC", "meeting place"))
    return out


def _inside_longer_name(text: str, s: int, e: int) -> bool:
    """A capitalised word right before or after: the match is part of a longer name."""
    before = re.search(r"([^\W\d_][\w-]*)[ \t]$", text[max(0, s - 30):s])
    after = re.match(r"[ \t]([^\W\d_][\w-]*)", text[e:e + 30])
    return bool(before and before.group(1)[0].isupper()) or bool(after and after.group(1)[0].isupper())


def _venue_parts(text: str, s: int, e: int) -> list[StructureSpan]:
    """'Kungsbackarummet, Storgatan 37 Klockan 15:30' -> 'Kungsbackarummet', 'Storgatan 37'; the
    date and time in a 'Tid och plats' field are left out."""
    value = text[s:e]
    masked = list(value)
    for d in find_dates(value):
        masked[d.start:d.end] = "," * (d.end - d.start)
    for m in re.finditer(r"(?i)(?<!\w)(?:kl\.?|klockan)(?!\w)", value):
        masked[m.start():m.end()] = "," * (m.end() - m.start())
    out = []
    for m in re.finditer(r"[^,;]+", "".join(masked)):
        piece = m.group()
        for part in re.finditer(r"\S(?:.*?\S)?(?=[ \t]{3,}|\s+(?:och|i|samt|via|samt\s+via)\s+|$)", piece):
            word = part.group()
            lead = re.match(r"(?i:för|i|på|via|samt|samt\s+via|digitalt\s+via|digitalt\s+i)\s+", word)
            off = s + m.start() + part.start() + (lead.end() if lead else 0)
            word = word[lead.end():] if lead else word
            word = re.sub(r"[ \t]*\(.*$", "", word)  # 'sal Bryggan (hörslinga finns)'
            if len(word) < 3 or "@" not in word and is_label_word(word.split()[0]) or "@" in word:
                continue
            if word[0].isupper() or re.match(r"[a-zåäö]+\s+[A-ZÅÄÖ]", word) or _ROOM_PHRASE.fullmatch(word):
                out.append(StructureSpan(off, off + len(word), "LOC", "venue field"))  # 'sal Tallen', 'personalrummet'
    return out


# a room or hall named by what it is, with a word that tells it apart ('personalrummet' alone is
# generic): 'lilla sessionssalen', 'bibliotekets hörsal', 'konferensrummet plan 2', 'sammanträdesrum 3'
_ROOM_PHRASE = re.compile(r"(?:[a-zåäö]+s[ \t]+|lilla[ \t]+|stora[ \t]+)[a-zåäö]*(?:rum|rummet|sal|salen|lokal|lokalen)"
                          r"|[a-zåäö]*(?:rum|rummet|sal|salen|lokal|lokalen)[ \t]+(?:plan[ \t]+)?\d+")
# where a meeting is, after its time: 'kl. 13.00, Hallbäcka kommunhus, sal Forsen', 'kl. 09.30 på
# Träffpunkt Linden', 'kl. 13.15–14.30 i personalrummet, Bäckvägen 3'
_TIME_VENUE = re.compile(r"(?i:kl\.?|klockan)[ \t]*\d{1,2}(?:[.:]\d{2})?(?:[ \t]*[-–][ \t]*\d{1,2}(?:[.:]\d{2})?)?"
                         r"(?:,[ \t]*|[ \t]+(?:i|på)[ \t]+)(?P<value>[^\n.;()]+)")


def time_venues(text: str) -> list[StructureSpan]:
    """The venue written after a meeting's clock time; a part is taken only when it is a room or a
    name of capitalised words ('kl. 19.00, Mötet avslutas' is no venue)."""
    out = []
    for m in _TIME_VENUE.finditer(text):
        for sp in _venue_parts(text, m.start("value"), m.end("value")):
            words = text[sp.start:sp.end].split()
            if _ROOM_PHRASE.fullmatch(text[sp.start:sp.end]) or (len(words) <= 3 and all(w[0].isupper() or w.isdigit()
                                                                                          for w in words)):
                out.append(sp)
    return out


def structure_spans(text: str, blocks: list[dict] | None = None, place: str | None = None) -> list[StructureSpan]:
    """Everything above, in text order (overlaps are resolved by the caller)."""
    spans = party_tags(text) + titled_names(text) + signatures(text) + table_columns(text, blocks or [])
    spans += venues(text, place) + time_venues(text)
    return sorted(spans, key=lambda x: (x.start, -x.end))
