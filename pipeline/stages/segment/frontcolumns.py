"""The columns of a front-page form: entries cut into fragments and placed in their column.

A fragment is a stretch of a line that is one column's part of that line: a new entry ('name':
it starts with a person's name), half a name ('half': 'Schölander (L)', the end of a name that
wrapped) or the continuation of an entry left open on the line above ('cont': 'ordförande',
'förvaltningschef, § 105', '36, 38-41').
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from itertools import pairwise

from pipeline.lang.attendance import AttendanceKind, is_job_title, is_party, is_role_word
from pipeline.stages.segment.attendees import Attendee
from pipeline.stages.segment.entry import SUBSTITUTION, leading_name, parse_entries, title_before_name
from pipeline.stages.segment.lines import Segment
from pipeline.stages.segment.names import NAME_TOKEN

_PARTY_COLUMNS = frozenset({"ledamöter", "beslutande", "tjänstgörande ersättare", "ersättare", "närvarande ersättare",
                            "beslutande ledamöter", "närvarande ledamöter", "ordinarie ledamöter", "suppleanter",
                            "icke tjänstgörande ersättare", "ej tjänstgörande ersättare"})
_SUBSTITUTE_COLUMNS = frozenset({"tjänstgörande ersättare"})
# an entry that the next line completes
_OPEN_END = re.compile(r"(?:,|\bf[öo]r|\bers[äa]tter|\bvice|\bbitr[äa]dande|\bbitr\.?|[-–]|\boch|\b[äa]rende|\b[äa]rendena|§§?|"
                       r"\b1:e|\b2:e|\b(?:tj[äa]nstg[öo]r|ers[äa]tter)\s+" + NAME_TOKEN + r")$", re.IGNORECASE)
_WANTS_NAME = re.compile(r"(?:\btj[äa]nstg[öo]r\s+f[öo]r|\bers[äa]tter|\bi\s+st[äa]llet\s+f[öo]r|\bist[äa]llet\s+f[öo]r|"
                         r"\b(?:f[öo]r|ers[äa]tter)\s+" + NAME_TOKEN + r")$", re.IGNORECASE)
_NAME_START = re.compile(r"(?<![\w(])(?=" + NAME_TOKEN + r")")
_HALF = re.compile(r"^" + NAME_TOKEN + r"\s*\([A-ZÅÄÖ]{1,4}\)")
_AFTER_NUMBER = re.compile(r"(?<=\d)\s+(?=[A-ZÅÄÖ][a-zåäö])")


@dataclass
class Fragment:
    seg: Segment
    kind: str              # name, half or cont
    x: float | None        # its column position where the line's gaps give one


@dataclass
class Column:
    label: str
    kind: AttendanceKind
    x: float | None = None
    entries: list[list[Segment]] = field(default_factory=list)
    stamp: int = 0          # when the column last took a fragment (the latest is where a lone continuation goes)

    @property
    def party(self) -> bool:
        return self.label in _PARTY_COLUMNS

    @property
    def substitutes(self) -> bool:
        return self.label in _SUBSTITUTE_COLUMNS

    def last_text(self) -> str:
        return " ".join(s.text for s in self.entries[-1]) if self.entries else ""

    @property
    def closed(self) -> bool:
        """The column says it is empty ('-')."""
        return len(self.entries) == 1 and self.last_text() in ("-", "–")

    def open_entry(self) -> bool:
        return bool(self.entries) and bool(_OPEN_END.search(self.last_text()))

    def wants_name(self) -> bool:
        return bool(self.entries) and bool(_WANTS_NAME.search(self.last_text()))

    def add(self, seg: Segment, new: bool, stamp: int = 0) -> None:
        self.stamp = stamp
        if new or not self.entries:
            self.entries.append([seg])
        else:
            self.entries[-1].append(seg)

    def attendees(self) -> list[Attendee]:
        out = []
        for pieces in self.entries:
            text = re.sub(r"(\w)- (?=[a-zåäö])", r"\1-", " ".join(p.text for p in pieces))
            for e in parse_entries(text, self.kind.role, self.kind.present):
                out.append(Attendee(e, pieces[0].start, pieces[-1].end, self.kind.invited))
        return out


def _cut(seg: Segment, a: int, b: int) -> Segment:
    part = seg.text[a:b]
    lead = len(part) - len(part.lstrip())
    text = part.strip()
    return Segment(seg.start + a + lead, seg.start + a + lead + len(text), text, seg.col + a + lead)


def fragments(seg: Segment, has_gaps: bool = False) -> list[Fragment]:
    """The fragments of a segment: a cut before each name that follows a complete entry."""
    text, cuts = seg.text, [0]
    for m in _NAME_START.finditer(text):
        p = m.start()
        if p == 0:
            continue
        before = text[:p].rstrip()
        last_word = before.split()[-1] if before.split() else ""
        if not before or re.search(r"(?:\bf[öo]r|\bers[äa]tter)$", before, re.IGNORECASE):
            continue  # the member a substitute serves for: the same entry
        titled = title_before_name(text[p:])[0] is not None and text[p:p + 1].isupper()
        if last_word[:1].isupper() and not is_role_word(last_word) and not last_word.endswith((")", ",")) \
                and not titled:
            continue  # inside a name ('Anna Lena Johnson')
        name, _ = leading_name(text[p:])
        if titled and is_job_title(text[p:].split()[0].lower()):
            cuts.append(p)   # 'Lars Holm Ekonomichef Petra Wik': a job title opens the next entry
        elif name or _HALF.match(text[p:]):
            cuts.append(p)
    for m in _AFTER_NUMBER.finditer(text):
        if m.end() not in cuts and not leading_name(text[m.end():])[0]:
            cuts.append(m.end())
    cuts = sorted(set(cuts)) + [len(text)]
    out = []
    for k, (a, b) in enumerate(pairwise(cuts)):
        piece = _cut(seg, a, b)
        if not piece.text:
            continue
        named = leading_name(piece.text)[0] or title_before_name(piece.text)[0] and piece.text[:1].isupper()
        kind = "name" if named else "half" if _HALF.match(piece.text) else "cont"
        out.append(Fragment(piece, kind, seg.col if (k == 0 and has_gaps) else None))
    return out


def _by_content(columns: list[Column], frag: Fragment, ptr: int) -> int:
    """The column of a lone new entry on a line without gaps: by party letters and substitution."""
    text = frag.seg.text
    if SUBSTITUTION.search(text + " "):
        for k, c in enumerate(columns):
            if c.substitutes:
                return k
    has_party = any(is_party(p) for p in re.findall(r"\(([^)]*)\)", text))
    for k in range(ptr, len(columns)):
        c = columns[k]
        if c.closed:
            continue
        if (has_party and c.party and not c.substitutes) or (not has_party and not c.party):
            return k
    return min(ptr, len(columns) - 1)


def _by_position(columns: list[Column], x: float, left: float) -> int:
    """The column of a fragment the line's gaps place: the first at the form's left edge, else the
    column whose label is nearest."""
    if len(columns) == 1 or x <= left + 2:
        return 0
    rest = [(abs((c.x if c.x is not None else x) - x), k) for k, c in enumerate(columns) if k > 0]
    return min(rest)[1]


_AFTER_PARTY = re.compile(r"\)\s+(?=[a-zåäö])")


def _split_tail(f: Fragment, columns: list[Column], k: int) -> tuple[Fragment, Segment | None]:
    """'Hampus Jägnert (SD) förvaltningschef' where a column to the right waits for its job title
    ('Emelie Sandberg, biträdande'): the title is that column's."""
    m = _AFTER_PARTY.search(f.seg.text)
    if f.kind != "name" or not m or not any(c.open_entry() for c in columns[k + 1:]):
        return f, None
    tail = f.seg.text[m.end():]
    if not is_job_title(tail.split(",")[0].strip()):
        return f, None
    head = _cut(f.seg, 0, m.start() + 1)
    return Fragment(head, f.kind, f.x), _cut(f.seg, m.end(), len(f.seg.text))


def assign_fragments(columns: list[Column], frags: list[Fragment], left: float | None = None) -> None:
    """Put each fragment of one line into its column (``left``: the form's left edge, when the
    fragments carry positions)."""
    if not columns:
        return
    ptr, n_names = 0, sum(f.kind == "name" for f in frags)
    for f in frags:
        if f.x is not None and left is not None:
            k = _by_position(columns, f.x, left)
        elif f.kind == "cont":
            k = next((j for j in range(ptr, len(columns)) if columns[j].open_entry()), None)
            if k is None:
                latest = max(range(len(columns)), key=lambda j: columns[j].stamp)
                k = latest if ptr == 0 and len(frags) == 1 else min(ptr, len(columns) - 1)
        elif f.kind == "half":
            k = next((j for j in range(ptr, len(columns)) if columns[j].wants_name()), min(ptr, len(columns) - 1))
        elif n_names == 1:
            k = _by_content(columns, f, ptr)
        else:
            k = min(ptr, len(columns) - 1)
        col = columns[k]
        new = f.kind == "name" and not col.wants_name()
        f, tail = _split_tail(f, columns, k)
        stamp = max(c.stamp for c in columns) + 1
        col.add(f.seg, new, stamp)
        if tail is not None:
            j = next(j for j in range(k + 1, len(columns)) if columns[j].open_entry())
            columns[j].add(tail, False, stamp + 1)
            k = j
        ptr = min(k + 1, len(columns) - 1) if k + 1 < len(columns) else k
