"""One attendee entry as minutes write it, read into name, organisation, role, presence and paragraphs.

Forms: 'Per Norbeck, Bryggan', 'Anna Ek (S), ordförande', 'Ivan Stipic, förvaltningschef, § 105',
'Lisa Berg, RSMH (ej närvarande)', 'Matthias Palmér, konsult Digg', 'Ulrika Ek, Mattias Ekhem, Digg'
(two people of one organisation), 'Kassör: Erik Johnsson', 'gunnar@kallas.se (styrelsens ordf)',
'Conny Loftander (S) tjänstgör för Maj-Britt Rane-Andersson (S)' (the one replaced is absent).
"""
from __future__ import annotations

import re
from dataclasses import dataclass, replace

from pipeline.lang.attendance import (
    ABSENT_MARKS,
    PARTIAL_MARKS,
    ROLES,
    attendance_heading,
    is_group_label,
    is_job_title,
    is_party,
    is_role_word,
    normalise_role,
)
from pipeline.lang.names import is_first_name
from pipeline.stages.segment.names import FINITE_VERB, NAME_TOKEN, is_handle, is_person_name, is_single_name


@dataclass(frozen=True)
class Entry:
    name: str | None
    organisation: str | None = None
    role: str | None = None
    present: bool = True
    paragraphs: str | None = None   # the items attended, as written ('§§ 46-59', 'ärende 1-20')
    replaced: bool = False          # named as the member a substitute served for


PARAGRAPH_REF = re.compile(r"(?:§§?|\b[äa]rende(?:n|na)?|\bpunkt(?:erna)?|\bp\.)\s*\d+[a-z]?(?:\s*(?:[-–,]|och)\s*\d+[a-z]?)*(?:\s?[-–])?"
                           r"|(?<=[,\s])\d+[-–]\d+(?:\s*,\s*\d+(?:[-–]\d+)?)*$", re.IGNORECASE)
SUBSTITUTION = re.compile(r"\s*\b(?:tj[äa]nstg[öo]r(?:ande)?\s+f[öo]r|tjg\.?\s+f[öo]r|ers[äa]tter|ers[äa]ttare\s+f[öo]r|i\s+st[äa]llet\s+f[öo]r|"
                          r"ist[äa]llet\s+f[öo]r|ers\.\s+f[öo]r)\b\s*", re.IGNORECASE)
# in a list of serving substitutes a bare 'för' says whom they serve for ('Bo Berg (M) för Anna Ek (M)')
_SUBSTITUTE_FOR = re.compile(SUBSTITUTION.pattern.replace("(?:tj[äa]nstg[öo]r", "(?:f[öo]r|tj[äa]nstg[öo]r", 1), re.IGNORECASE)
_SPLIT = re.compile(r"\s*(?:[,;]|\s[–—-]\s|\t+|\s{3,}|\.\s+(?=[A-ZÅÄÖ]))\s*")
_ROLE_PREFIX = re.compile(r"^(?P<role>[A-ZÅÄÖa-zåäö][\wåäö./ -]{1,30}?)\s*:\s*(?P<rest>\S.*)$")
# a role written before the name without a colon ('Ordförande Anna Ek (S)', 'Vice ordförande Bo Berg')
_ROLE_BEFORE_NAME = re.compile(r"^(?P<role>(?:(?:[Vv]ice|1:e\s+vice|2:e\s+vice|[Ff]örste|[Aa]ndre)\s+)?(?:[Oo]rdf[öo]rande|"
                               r"[Ll]edamot|[Ee]rsättare|[Ss]ekreterare|[Jj]usterare|[Kk]assör|[Ss]uppleant|"
                               r"[Aa]djungerad|[Tt]jänstgörande\s+ers[äa]ttare))\s+(?P<rest>[A-ZÅÄÖ].*)$")
# an academic or medical honorific before a name ('Dr. Shirin Farahani', 'Prof. Eva Lind'): not part of the name
_HONORIFIC = re.compile(r"^(?:(?:med|fil|tekn?|jur|ekon)\.?\s*)?(?:dr|doktor|prof|professor|docent|leg)\.?\s+(?=[A-ZÅÄÖ])",
                        re.IGNORECASE)
_WRITER = re.compile(r"(?:jag|undertecknad|undertecknade)(?:\s*\([^)]*\))?", re.IGNORECASE)
_QUOTED_NICKNAME = re.compile(r"(?<=\w)\s+[\"“”'][A-ZÅÄÖ][\wåäö-]*[\"“”']\s+(?=[A-ZÅÄÖ])")
_MASKED = re.compile(r"^\[(?:namn|NN|nn|X|x|…|\.\.\.)[\])]", re.IGNORECASE)
_LEADING_NAME = re.compile(r"^(?:" + NAME_TOKEN + r")(?:\s+(?:(?:von|af|av|de|van|der|den|da|di|la|le|du)\s+)?"
                           + NAME_TOKEN + r"){1,3}")


def split_top(text: str) -> list[str]:
    """Split at commas, semicolons, dashes and column gaps that are not inside parentheses."""
    parts, depth, last = [], 0, 0
    for i, ch in enumerate(text):
        depth += ch == "("
        depth -= ch == ")" and depth > 0
        if depth == 0:
            m = _SPLIT.match(text, i)
            if m and m.end() > i and (i == 0 or not text[i - 1].isdigit() or ch not in ",-–"):
                parts.append(text[last:i])
                last = m.end()
    parts.append(text[last:])
    return [p.strip() for p in parts if p.strip()]


def _note(note: str) -> tuple[str, str]:
    """('party'|'role'|'absent'|'partial'|'paragraphs'|'org', value) for a parenthesised note."""
    n = note.strip()
    if is_party(n):
        return "party", n
    if ABSENT_MARKS.search(n):
        return "absent", n
    if PARTIAL_MARKS.search(n):
        return "partial", n
    if PARAGRAPH_REF.fullmatch(n) or re.fullmatch(r"[§\d\s,–-]+", n):
        return "paragraphs", n
    role = normalise_role(n) or next((normalise_role(w) for w in reversed(n.split()) if normalise_role(w)), None)
    if role:
        return "role", role
    return "org", n


def leading_name(text: str) -> tuple[str | None, str]:
    """The person's name at the start of a part and what follows it ('Kerstin Ohlsson ordinarie');
    a masked name ('[namn]') and an e-mail address or handle are names too."""
    s = text.strip()
    masked = _MASKED.match(s)
    if masked:
        return "[namn]" if masked.group(0).lower().startswith("[namn") else masked.group(0), s[masked.end():].strip()
    if is_handle(s.split()[0] if s.split() else ""):
        return s.split()[0], s[len(s.split()[0]):].strip()
    m = _LEADING_NAME.match(s)
    if not m:
        return None, s
    words = m.group(0).split()
    for k in range(len(words), 1, -1):
        cand = " ".join(words[:k])
        if is_person_name(cand):
            if k == 4 and is_person_name(" ".join(words[:2])) and is_person_name(" ".join(words[2:])):
                cand = " ".join(words[:2])  # two names side by side (two columns run together)
            return cand, s[len(cand):].strip()
    return None, s


def title_before_name(text: str) -> tuple[str | None, str]:
    """A role or job title written before the name ('rektor Susanne Lind', 'Kommundirektör Lars Holm',
    'föräldrarepresentanter Josefin Ek'): (normalised role, the text from the name on)."""
    words = text.split()
    for n in (1, 2, 3):
        if len(words) <= n:
            break
        prefix = " ".join(words[:n])
        role = normalise_role(prefix)
        if role and leading_name(" ".join(words[n:]))[0]:
            return role, text.split(None, n)[n]
    return None, text


def _attributes(parts: list[str]) -> dict:
    """Organisation and role from the parts after a name: 'Bryggan', 'förvaltningschef', 'konsult Digg'."""
    org, role, noted = None, None, None
    for p in parts:
        for note in re.findall(r"\(([^()]*)\)", p):
            r = normalise_role(note)
            if r in ROLES:
                noted = r   # '(antecknar)', '(ordf.)' after a job title: the role at this meeting
        p = re.sub(r"\s*\([^)]*\)", "", p).strip(" .")
        p = re.sub(r"^(?:samt|och|från)\s+", "", p)   # 'Hiba från Stadsmissionen'
        if not p or p.lower() in ("x", "ja", "✓", "✔", "närvarande"):
            continue  # a presence mark of a table row
        r = normalise_role(p)
        if r or is_role_word(p):
            role = role or r
            continue
        m = re.match(r"^(?P<title>[a-zåäö][\wåäö-]*(?:\s+[a-zåäö][\wåäö-]*)?)\s+(?P<org>[A-ZÅÄÖ].*)$", p)
        if m and normalise_role(m.group("title")):
            role = role or normalise_role(m.group("title"))
            org = org or m.group("org").strip()
            continue
        if is_party(p) and len(p) <= 3:
            org = org or p
            continue
        org = p if org is None else f"{org}, {p}"
    return {"organisation": org, "role": noted or role}


_ABSENT_AFTER_ORG = re.compile(r"^(?:(?P<org>[^:]+):\s*)?(?P<mark>" + ABSENT_MARKS.pattern + r")$", re.IGNORECASE)


def _named_in_note(bare: str, notes: list[str]) -> Entry | None:
    """'@jocke_s (Joakim Strand)': the person the parentheses name; 'Stroke-Riksförbundet: förhinder
    (Agnes Lind)': an absent person of that organisation."""
    inner = next((n.strip() for n in notes if leading_name(n)[0] and not leading_name(n)[1]), None)
    if inner is None:
        return None
    if is_handle(bare.split()[0] if bare.split() else ""):
        return Entry(inner)
    m = _ABSENT_AFTER_ORG.match(bare.strip(" ,"))
    if m:
        return Entry(inner, organisation=(m.group("org") or "").strip() or None, present=False)
    return None


def _as_written(name: str, text: str) -> str:
    """The name with a nickname in quotes as the text writes it ('Mohammed "Mo" Kareem')."""
    first, _, last = name.partition(" ")
    m = re.search(re.escape(first) + r"\s+[\"“”'][^\"“”']+[\"“”']\s+" + re.escape(last), text) if last else None
    return m.group(0) if m else name


def _sentence_after(rest: str) -> bool:
    """'Anna Ek redovisade läget.': a sentence about a person, not an entry ('Kerstin Ek ordinarie',
    'Ola Ek förvaltningschef' are)."""
    r = rest.strip()
    if not r or not r[:1].islower():
        return False
    first = r.split()[0].strip(".,;:")
    return not (normalise_role(first) or normalise_role(r.rstrip(".")) or is_role_word(first)
                or PARAGRAPH_REF.match(r) or ABSENT_MARKS.match(r) or PARTIAL_MARKS.match(r)
                or first in ("och", "samt", "från", "för", "på", "i", "ärende", "ärendena", "punkt", "punkterna",
                             "via", "digitalt", "distans", "kl", "fr.o.m", "t.o.m", "deltog", "närvarande"))


def _person(part: str, single: bool = False) -> tuple[Entry | None, list[str]]:
    """The person a part names (with what its notes say) and the attribute words left after the name."""
    written = part
    part = _QUOTED_NICKNAME.sub(" ", part)   # 'Mohammed "Mo" Kareem'
    notes = re.findall(r"\(([^()]*(?:\([^()]*\)[^()]*)*)\)", part)
    bare = _HONORIFIC.sub("", re.sub(r"\s*\([^()]*(?:\([^()]*\)[^()]*)*\)", " ", part).strip())
    named = _named_in_note(bare, notes)
    if named is not None:
        return named, []
    role_first = None
    m = _ROLE_PREFIX.match(bare) or _ROLE_BEFORE_NAME.match(bare)
    if m and (leading_name(m.group("rest"))[0]):
        role_first = normalise_role(m.group("role"))
        bare = m.group("rest")
    elif not leading_name(bare)[0]:
        role_first, bare = title_before_name(bare)
    name, rest = leading_name(bare)
    if name is None and single and is_single_name(bare.split()[0] if bare.split() else ""):
        k = 2 if re.fullmatch(r"[A-ZÅÄÖ]\.?", (bare.split() + ["", ""])[1]) else 1   # 'Birgitta S': an initial
        name, rest = " ".join(bare.split()[:k]).rstrip("."), " ".join(bare.split()[k:])
    if name is None or _sentence_after(rest):
        return None, []
    e = Entry(_as_written(name, written), role=role_first)
    for note in notes:
        kind, value = _note(note)
        if kind == "party" or (kind == "org" and e.organisation is None):
            e = replace(e, organisation=value)
        elif kind == "role":
            e = replace(e, role=e.role or value)
        elif kind == "absent":
            e = replace(e, present=False)
        elif kind == "paragraphs":
            e = replace(e, paragraphs=value)
    if rest and leading_name(rest)[0]:
        rest = ""  # another column's name run into this one: not an attribute of this person
    return e, [rest] if rest else []


def parse_entries(text: str, role: str | None = None, present: bool = True, per_line: bool = False,
                  single: bool = False) -> list[Entry]:
    """The people one attendee line or entry names; [] when it names no one. ``per_line``: the line
    is one entry of a list, so 'Ivan Kuzhikov, Vorta Drom' is a person and an organisation.
    ``single``: a name may be one word ('Närvarande: Anna, Bo, Cia' in a small association)."""
    s = re.sub(r"[ \t]*\n[ \t]*|(?<! ) (?! )| {2}(?! )", " ", text.replace("\u00a0", " ")).strip().strip("•·*").strip()
    s = _HONORIFIC.sub("", s)
    if not s:
        return []
    refs = [m.group(0).strip(" ,") for m in PARAGRAPH_REF.finditer(s)]
    s = PARAGRAPH_REF.sub(" ", s).strip(" ,")
    org_prefix, s = _organisation_prefix(s, per_line)
    marker = _SUBSTITUTE_FOR if role == "tjänstgörande ersättare" else SUBSTITUTION
    halves = marker.split(s, maxsplit=1)
    absent = bool(ABSENT_MARKS.search(halves[0]))
    people = _people(halves[0], role, per_line and org_prefix is None, single)
    if org_prefix:
        people = [p if p.organisation else replace(p, organisation=org_prefix) for p in people]
    if not people:
        return []
    if len(halves) == 2:
        replaced = _people(halves[1], "ledamot", single=single)
        people = [replace(p, role="tjänstgörande ersättare" if p.role in (None, "ersättare", "ledamot") else p.role)
                  for p in people]
        people += [replace(p, present=False, replaced=True, role="ledamot") for p in replaced[:1]]
    out = []
    for p in people:
        p = replace(p, present=not p.replaced and p.present and present and not absent)
        if refs and p.paragraphs is None and not p.replaced:
            p = replace(p, paragraphs=", ".join(refs))
        out.append(p)
    return out


_ORG_PREFIX = re.compile(r"^(?P<role>[A-ZÅÄÖ][\wåäöÅÄÖ.&/ -]{1,60}?)\s*:\s*(?P<rest>\S.*)$")   # a longer name
# labels of a form or a list that are no organisation ('Tid: …', 'Gäst: Anna Sköld')
_LABEL_WORDS = re.compile(r"^(?:tid|plats|datum|lokal|ämne|ärende|punkt|gäst|gäster|inbjuden|inbjudna|föredragande|"
                          r"närvarande|frånvarande|deltagare|kontakt|kontaktperson|moderator|samtalsledare|"
                          r"mötesledare|talare|observatör|bisittare)$", re.IGNORECASE)


def _organisation_prefix(text: str, per_line: bool = False) -> tuple[str | None, str]:
    """'Hjärnkoll: Sam Öberg, Kim Ek' -> ('Hjärnkoll', 'Sam Öberg, Kim Ek'): several people of one
    organisation on one line (one person where the line is an entry of a list: '- DHR Norrby: Eva Ek').
    A post before one name ('Kassör: Erik Ek') is not an organisation."""
    m = _ROLE_PREFIX.match(text) or _ORG_PREFIX.match(text)
    if not m or normalise_role(m.group("role")) or is_role_word(m.group("role")):
        return None, text
    if is_group_label(m.group("role")):
        return None, m.group("rest")   # 'Vuxna: Jessica Ek (fritidsledare), …': a group, no organisation
    rest = m.group("rest")
    names = [p for p in split_top(rest) for q in _split_and(p) if leading_name(q)[0]]
    one = per_line and attendance_heading(m.group("role")) is None and not _LABEL_WORDS.match(m.group("role"))
    if len(names) < (1 if one else 2) or not m.group("role")[:1].isupper():
        return None, text
    return re.sub(r"^(?:Från|För|Representanter\s+för|Representanter\s+från)\s+", "", m.group("role").strip()), rest


def _people(text: str, role: str | None, per_line: bool = False, single: bool = False) -> list[Entry]:
    """The people of a text without a substitution: one name, or several sharing what follows them."""
    parts = split_top(text)
    second = re.sub(r"\([^)]*\)", "", parts[1]).split() if len(parts) == 2 else []
    if per_line and second and leading_name(parts[0])[0] and not is_first_name(second[0]) \
            and not re.search(r"\s(?:och|samt)\s", parts[1]):
        person, extra = _person(parts[0])
        if person is not None and not extra:
            a = _attributes([parts[1]])
            r = person.role or a["role"] or role
            return [replace(person, organisation=person.organisation or a["organisation"], role=normalise_role(r) or r)]
    parts = [q for p in parts for q in _split_and(p, single)]
    groups: list[tuple[list[Entry], list[str]]] = []
    for part in parts:
        if _WRITER.fullmatch(part.strip()):
            continue   # 'Vi var: jag (socialtjänsten), …': the writer, named by the signature, not here
        person, extra = _person(part, single)
        if person is not None:
            if not groups or groups[-1][1]:
                groups.append(([], []))
            groups[-1][0].append(person)
            groups[-1][1].extend(extra)
        elif groups:
            groups[-1][1].append(part)
        else:
            return []
    out = []
    for people, attrs in groups:
        a = _attributes(attrs)
        for p in people:
            r = p.role or a["role"] or role
            if a["role"] in ROLES and p.role not in ROLES:
                r = a["role"]   # 'Assistent Gun-Britt Axelsson, sekreterare': the role at this meeting
            out.append(replace(p, organisation=p.organisation or a["organisation"], role=normalise_role(r) or r))
    return out


def _split_and(part: str, single: bool = False) -> list[str]:
    """'Anna Ek och Bo Berg' -> two parts; 'HR- och kommunikationschef' stays one."""
    pieces = re.split(r"\s+(?:och|samt|&)\s+", part)
    bare = [re.sub(r"\s+från\s+.*$", "", re.sub(r"\([^)]*\)", "", x)).strip(" .") for x in pieces]
    if len(pieces) > 1 and all(leading_name(x)[0] or (single and is_single_name(x)) for x in bare):
        return pieces
    return [part]


def organisation_only(text: str) -> Entry | None:
    """An organisation listed without a person ('Bryggan', 'RSMH Helsingborg'), name null."""
    s = re.sub(r"\s+", " ", text).strip(" .;,")
    if not s or len(s) > 50 or len(s.split()) > 5 or not s[0].isupper() or re.search(r"[.!?:]", s):
        return None
    if is_person_name(s) or is_job_title(s.lower()) or re.search(r"\d", s) or FINITE_VERB.search(s):
        return None
    return Entry(None, organisation=s)
