"""Attendance in informal minutes: the people under a heading (Närvarande, Deltagare, Kallade,
Frånvarande, …), an inline list ('Närvarande: A (ordf), B, C'), and the merge of all of them.

A block runs from its heading over the lines that name people (blank lines allowed) and ends at
the first line that names no one. 'Kallade' (invited) alone is not attendance: its people count
only next to a list of those present, and then one who is only invited is absent.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field, replace

from pipeline.lang.attendance import (
    ABSENT_MARKS,
    AttendanceKind,
    attendance_heading,
    attendance_heading_words,
    is_group_label,
    more_specific_role,
    normalise_role,
)
from pipeline.lang.fold import fold_name_key
from pipeline.lang.names import is_first_name
from pipeline.stages.segment.entry import Entry, organisation_only, parse_entries
from pipeline.stages.segment.lines import Line
from pipeline.stages.segment.names import NAME_TOKEN, is_handle, is_person_name

BULLET = re.compile(r"^\s*(?:[-–—*•·▪●○◦■►➢]|e(?=\s+\S)|\d{1,2}[.)](?=\s))\s*")
# a sentence that lists people ('Dessutom närvarade Anders Holm, förvaltare, och revisor Eva Ek.')
_INLINE_PHRASE = re.compile(r"^(?P<head>dessutom närvarade|närvarade även|även närvarade)\s+(?P<rest>\S.*?)\.?$",
                            re.IGNORECASE)
# a meeting role and who held it ('Sekreterare: Tuva Nyman (kårsekreterare)', 'Justerare: Anna Ek')
_ROLE_INLINE = re.compile(r"^(?P<head>(?:mötes)?ordförande|(?:mötes)?sekreterare|protokollförare|justerare|justerande|"
                          r"kassör|vice\s+ordförande)\s*:\s*(?P<rest>\S.*)$", re.IGNORECASE)
_INLINE = re.compile(r"^(?P<head>" + "|".join(map(re.escape, attendance_heading_words())) + r")\s*[:–-]\s*(?P<rest>\S.*)$",
                     re.IGNORECASE)
# a line inside a block that changes the role of what follows ('Samt styrelseledamöter som fick kopia')
# the people of one side or organisation, with no attendance heading ('För föreningen: Aisha Ek (ordförande),
# Per Kvist', 'Från Nordhamnshem AB: Fredrik Ek, områdeschef; Natalia Wójcik, förvaltare')
_ORG_INLINE = re.compile(r"^(?:för|från)\s+(?P<org>[\wÅÄÖåäö][^:]{1,60}?)\s*:\s*(?P<rest>\S.*)$", re.IGNORECASE)
_ORG_ABSENT = re.compile(r"^(?P<org>[^:]{2,60}):\s*(?:" + ABSENT_MARKS.pattern + r")\.?$", re.IGNORECASE)
_GENERIC_SIDES = frozenset({"föreningen", "kommunen", "styrelsen", "nämnden", "förvaltningen", "regionen", "bolaget",
                            "rådet", "gruppen", "hyresvärden", "brukarna", "personalen"})   # a side, no organisation
_SUB_HEADING = re.compile(r"^(?:samt|och|även|dessutom|plus)?\s*[\w ]{0,30}?(?P<word>ledamöter|ersättare|suppleanter|"
                          r"tjänstemän|tjänstepersoner|deltagare|gäster)\b[^.!?]{0,40}$", re.IGNORECASE)
_SUB_ROLES = {"ledamöter": "ledamot", "ersättare": "ersättare", "suppleanter": "suppleant"}


@dataclass
class Attendee:
    entry: Entry
    start: int
    end: int
    invited: bool = False


@dataclass
class AttendanceBlock:
    heading: Line            # the heading line
    last: int                # line number of the block's last line
    attendees: list[Attendee] = field(default_factory=list)
    inline: bool = False     # the people stand on the heading line ('Närvarande: A, B')


def strip_markup(text: str) -> str:
    """A line without Markdown/org emphasis and heading marks ('## Närvarande:' -> 'Närvarande:')."""
    s = re.sub(r"^#{1,6}\s*|^\*+\s+(?=\S)", "", text.strip())
    return s.replace("**", "").replace("__", "").strip()


def heading_kind(text: str) -> tuple[AttendanceKind, str] | None:
    """(what the heading says, the rest of the line) for an attendance heading line."""
    s = strip_markup(text)
    kind = attendance_heading(s)
    if kind is not None:
        return kind, ""
    m = _INLINE.match(s) or _INLINE_PHRASE.match(s)
    if m:
        return attendance_heading(m.group("head")), m.group("rest")
    m = _ROLE_INLINE.match(s)
    if m and parse_entries(m.group("rest")):
        return AttendanceKind(normalise_role(m.group("head")), True), m.group("rest")
    m = _ORG_INLINE.match(s)
    if m and _all_people(m.group("rest")):
        org = m.group("org").strip()
        return AttendanceKind(None, True, organisation=None if org.lower() in _GENERIC_SIDES else org), m.group("rest")
    return None


def _all_people(text: str) -> bool:
    """Every part of a list names a person ('Fredrik Ek, områdeschef; Natalia Wójcik, förvaltare')."""
    parts = [p for p in re.split(r";", text) if p.strip()]
    return bool(parts) and all(parse_entries(p, single=_all_single(p)) for p in parts)


def _line_entries(ln: Line, kind: AttendanceKind, role: str | None, first: bool) -> list[Attendee]:
    text = BULLET.sub("", ln.text)
    if text in ("-", "–", ""):
        return []
    people = parse_entries(text, role or kind.role, kind.present, per_line=True,
                           single=is_first_name(text.split()[0]) if len(text.split()) == 1 else False)
    if not people and BULLET.match(ln.text) and not re.match(r"\s*\d", ln.text):   # a numbered line is no bullet
        m = _ORG_ABSENT.match(text)   # '- Reumatikerföreningen: anmält förhinder': the organisation sent no one
        org = organisation_only(m.group("org") if m else text)
        people = [replace(org, role=role or kind.role, present=kind.present and not m)] if org else []
    return [Attendee(p, ln.start, ln.end, kind.invited) for p in people]


_FIRST_NAME_ITEM = re.compile(NAME_TOKEN + r"(?:\s+[A-ZÅÄÖ]\.?)?")   # 'Anna-Karin', 'Birgitta S'


def _all_single(text: str) -> bool:
    """An inline list that names people by first name ('Anna, Bo, Cia och Dan', 'Jenny (enhetschef),
    Birgitta S, Hiba från Stadsmissionen'): every item a first name (with an initial) or a full name,
    at least two of them first names alone."""
    items = [re.sub(r"\s+från\s+.*$", "", x).strip(" .") for x in
             re.split(r",|\s+och\s+|\s+samt\s+", re.sub(r"\([^)]*\)", "", text))]
    items = [x for x in items if x and x.lower() not in ("jag", "undertecknad")]
    singles = sum(1 for x in items if _FIRST_NAME_ITEM.fullmatch(x))
    return len(items) >= 2 and singles >= 2 and all(_FIRST_NAME_ITEM.fullmatch(x) or is_person_name(x) for x in items)


def _form_label(text: str) -> bool:
    """A short label line ('Mötets ordförande', 'StyrIT'): no digits, question or sentence."""
    return len(text.split()) <= 3 and not re.search(r"[\d?.:!]", text)


def _names_follow(lines: list[Line], j: int) -> bool:
    """The next lines (within three) name people."""
    seen = 0
    for ln in lines[j + 1:]:
        if ln.blank:
            continue
        if parse_entries(BULLET.sub("", ln.text)):
            return True
        seen += 1
        if seen >= 2:
            return False
    return False


def _inline(lines: list[Line], i: int, kind: AttendanceKind, rest: str, block: AttendanceBlock) -> int:
    """The people on the heading line ('Närvarande: A, B,' and the lines its list goes on over);
    the number of the next line to read."""
    head, j = lines[i], i + 1
    while re.search(r"(?:,|\boch|\bsamt|\bfrån|\bför|\()$", rest.strip()) and j < len(lines) and not lines[j].blank:
        rest, block.last, j = f"{rest.strip()} {lines[j].text}", j, j + 1  # the list goes on over the next line
    for part in rest.split(";") if ";" in rest else [rest]:   # entries separated by ';': each one person
        block.attendees += [Attendee(replace(p, organisation=p.organisation or kind.organisation), head.start,
                                     lines[block.last].end, kind.invited)
                            for p in parse_entries(part, kind.role, kind.present, per_line=";" in rest,
                                                   single=_all_single(part))]
    return j


def _group(ln: Line, lines: list[Line], j: int) -> tuple[str | None, str | None] | None:
    """A line inside a block that heads a group of the people under it: a label ('Förtroendevalda',
    'Vuxna:') or an organisation whose people follow indented. (role, organisation), or None."""
    text = BULLET.sub("", ln.text).strip()
    nxt = next((x for x in lines[j + 1:j + 3] if not x.blank), None)
    if nxt is None or not parse_entries(BULLET.sub("", nxt.text), per_line=True):
        return None
    if _SUB_HEADING.match(text):
        return _SUB_ROLES.get(_SUB_HEADING.match(text).group("word").lower()), None
    if is_group_label(text) or (text.endswith(":") and _form_label(text.rstrip(":"))):
        return normalise_role(text.rstrip(":")), None
    if BULLET.match(ln.text) and nxt.indent > ln.indent and organisation_only(text.split(",")[0]):
        return None, text   # '- Region Rödsjö, Rödsjö sjukhus' over '  - Katja Lind, vårdplanerare'
    return None


def read_block(lines: list[Line], i: int, kind: AttendanceKind, rest: str,
               skip: set[int] | frozenset = frozenset()) -> AttendanceBlock:
    """The block whose heading is line ``i`` (it ends at a line read elsewhere: ``skip``)."""
    block = AttendanceBlock(lines[i], i, inline=bool(rest))
    j = _inline(lines, i, kind, rest, block) if rest else i + 1
    role, org, org_indent, skipped, groups = kind.role, None, None, 0, [0]
    while j < len(lines):
        ln = lines[j]
        j += 1
        if ln.no in skip:
            break
        if ln.blank:
            if rest:
                break   # an inline list goes on over the next lines, not past a blank line
            continue
        sub = heading_kind(ln.text)
        if sub and (rest or sub[1] or not block.attendees or sub[0].present != kind.present
                    or sub[0].invited != kind.invited):
            break
        if sub:   # 'Tjänstepersoner' inside 'Närvarande': a group of those present, not a list of its own
            role, org, org_indent, block.last = sub[0].role, None, None, j - 1
            groups.append(len(block.attendees))
            continue
        if re.fullmatch(r"[-–]", BULLET.sub("", ln.text) or "-"):
            if not block.attendees:
                break  # '-': the list is empty
            continue
        if org is not None and ln.indent <= org_indent:
            org = None
        group = _group(ln, lines, j - 1) if not parse_entries(BULLET.sub("", ln.text), per_line=True) else None
        found = [] if group else _line_entries(ln, kind, role, not block.attendees)
        if found:
            block.attendees += [replace(a, entry=replace(a.entry, organisation=a.entry.organisation or org))
                                for a in found]
            block.last = j - 1
        elif group is not None:
            role = group[0] or kind.role
            org, org_indent = (group[1], ln.indent) if group[1] else (None, None)
            block.last = j - 1
        elif not block.attendees and not rest and skipped < 2 and _form_label(ln.text) and _names_follow(lines, j - 1):
            skipped += 1  # a form label between the heading and its list ('Mötets ordförande')
        else:
            break
    bounds = [*groups, len(block.attendees)]
    block.attendees = [a for k in range(len(groups)) for a in _organisations_among(block.attendees[bounds[k]:bounds[k + 1]])]
    return block


def _organisations_among(found: list[Attendee]) -> list[Attendee]:
    """In a list of organisations ('RSMH', 'Hjärnkoll'), a two-word entry without a known first
    name ('Attention Helsingborg') is an organisation too."""
    orgs = sum(1 for a in found if a.entry.name is None)
    if orgs * 2 <= len(found):
        return found
    out = []
    for a in found:
        e = a.entry
        if e.name and not is_first_name(e.name.split()[0]) and e.organisation is None and not is_handle(e.name):
            e = replace(e, name=None, organisation=e.name)
        out.append(replace(a, entry=e))
    return out


def attendance_blocks(lines: list[Line], skip: set[int]) -> list[AttendanceBlock]:
    """Every attendance block of the text, in order (lines in ``skip`` are read elsewhere)."""
    out, i = [], 0
    while i < len(lines):
        ln = lines[i]
        hk = None if ln.no in skip or ln.blank else heading_kind(ln.text)
        if hk is None:
            i += 1
            continue
        block = read_block(lines, i, hk[0], hk[1], skip)
        if block.attendees:
            out.append(block)
        i = max(block.last, i) + 1
    return out


def merge_attendees(found: list[Attendee]) -> list[Attendee]:
    """One row per person: present if any list has them present (an invited person only in 'Kallade'
    is absent; 'Kallade' alone is no attendance), the most specific role, the first organisation."""
    if found and all(a.invited for a in found):
        return []
    merged: dict[str, Attendee] = {}
    order: list[str] = []
    for a in found:
        e = a.entry
        key = fold_name_key(e.name) if e.name else "org:" + fold_name_key(e.organisation or "")
        if e.name and e.name.startswith("["):
            key = f"{key}@{a.start}"   # masked names ('[namn]') are different people
        if key not in merged:
            merged[key] = replace(a, entry=replace(e, present=e.present and not a.invited))
            order.append(key)
            continue
        old = merged[key]
        o = old.entry
        present = o.present or (e.present and not a.invited)
        if a.invited and not old.invited:
            present = o.present
        merged[key] = replace(old, invited=old.invited and a.invited, entry=replace(
            o, present=present, role=more_specific_role(o.role, e.role), organisation=o.organisation or e.organisation,
            paragraphs=o.paragraphs or e.paragraphs, replaced=o.replaced and e.replaced))
    return [merged[k] for k in order]
