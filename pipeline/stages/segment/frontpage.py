"""The front page of a formal protocol: a form of labels and values, in one or two columns.

    Plats och tid   Kungsbackarummet, Storgatan 37 kl. 15:30
    Beslutande      Ledamöter                     Tjänstgörande ersättare
    Anna Ek (S), ordförande                       Bo Berg (M) tjänstgör för
    Kim Lind (M)                                  Ulla Ros (M)
    Övriga närvarande  Ersättare                  Tjänstepersoner
    ...
    Utses att justera  Kim Lind            Paragrafer  §§ 12-20

A row of labels opens columns; the rows under it are read column by column
(:mod:`pipeline.stages.segment.frontcolumns`). A label with its value on the line (Sekreterare,
Ordförande, Utses att justera, Plats och tid, Datum) fills a field; its value may go on over the
next lines. The attendees get the roles these fields give (justerare, sekreterare, ordförande).
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field, replace

from pipeline.lang.attendance import ATTENDANCE_HEADINGS
from pipeline.lang.fold import fold_cue_text
from pipeline.lang.protocol import FRONT_LABELS, LABEL_TAILS, TOC_HEADING
from pipeline.stages.segment.attendees import Attendee
from pipeline.stages.segment.entry import parse_entries
from pipeline.stages.segment.frontcolumns import Column, assign_fragments, fragments
from pipeline.stages.segment.items import is_item
from pipeline.stages.segment.lines import Line, LineIndex, Segment
from pipeline.stages.segment.names import FINITE_VERB

_LABEL_KEYS = sorted({*FRONT_LABELS, *ATTENDANCE_HEADINGS}, key=len, reverse=True)
_FOLDED_KEYS = {fold_cue_text(k): k for k in _LABEL_KEYS}
# matched on the folded text (same length as the text): OCR's lost diacritics are forgiven
_LABEL = re.compile(r"(?P<label>" + "|".join(re.escape(k) for k in sorted(_FOLDED_KEYS, key=len, reverse=True))
                    + r")(?=$|\s|:)\s*:?\s*")
_MID_LABEL = re.compile(r"\s(?P<label>Paragrafer|Paragraf|Justeringens plats och tid|Plats och tid för justering)"
                        r"(?=$|\s|:)")
# group labels: the heading over several columns ('Beslutande  Ledamöter  Tjänstgörande ersättare')
_GROUPS = frozenset({"beslutande", "övriga närvarande", "närvarande", "övriga deltagare"})
_FORM_START_LINES = 40   # a form starts among the first lines of the text
_GAP_LINES = 3           # lines of something else (a page header) that a form may span
_PROTOCOL_FIELDS = frozenset({"place_time", "adjusters", "secretary", "chair", "paragraphs", "adjust_place",
                              "signatures", "body"})
# the field roles given to the people named in them
FIELD_ROLES = {"secretary": "sekreterare", "chair": "ordförande", "adjusters": "justerare"}


@dataclass
class FrontPage:
    attendees: list[Attendee] = field(default_factory=list)
    fields: dict[str, list[Segment]] = field(default_factory=dict)
    lines: set[int] = field(default_factory=set)     # the lines of the form
    columns: list[Column] = field(default_factory=list)   # every column read
    form_rows: int = 0   # rows of several labels, or a label with its value: what a form has and a heading has not

    def value(self, name: str) -> str | None:
        segs = self.fields.get(name) or []
        return " ".join(s.text for s in segs).strip() or None


@dataclass
class _State:
    columns: list[Column] = field(default_factory=list)
    field_name: str | None = None


def _labels(seg: Segment) -> tuple[list[tuple[str, float]], Segment | None]:
    """The labels a segment starts with (key, position) and the value after them (None if none)."""
    out, pos, text = [], 0, seg.text
    folded = fold_cue_text(text)
    while pos < len(text):
        m = _LABEL.match(folded, pos)
        if not m or not text[pos].isupper():
            break
        rest = text[m.end():]
        if rest[:1].islower() or (rest[:1] and rest[:1] in "|="):
            break  # 'Ordförande hälsade alla välkomna.', 'Närvarande | Organisation': no label
        out.append((_FOLDED_KEYS[m.group("label")], seg.col + pos))
        pos = m.end()
    if pos >= len(text):
        return out, None
    return out, Segment(seg.start + pos, seg.end, text[pos:], seg.col + pos)


def _split_mid(seg: Segment) -> list[Segment]:
    """A segment holding a second label ('Josefine Jönsson Paragrafer §§ 105, 121') as two segments."""
    m = _MID_LABEL.search(seg.text)
    if not m or not seg.text[:m.start()].strip():
        return [seg]
    b = m.start("label")
    return [Segment(seg.start, seg.start + m.start(), seg.text[:m.start()].strip(), seg.col),
            Segment(seg.start + b, seg.end, seg.text[b:], seg.col + b)]


def _open_columns(labels: list[tuple[str, float]]) -> list[Column]:
    att = [(k, x) for k, x in labels if k in ATTENDANCE_HEADINGS]
    if len(att) > 1 and att[0][0] in _GROUPS:
        att = att[1:]
    return [Column(k, ATTENDANCE_HEADINGS[k], x) for k, x in att]


def _values(state: _State, segs: list[Segment]) -> bool:
    """A line of values under the open columns; False when it holds none (the form has ended).
    Its segments are placed by position when the line shows its columns (gaps, an indent)."""
    left = min(c.x for c in state.columns if c.x is not None) if any(c.x is not None for c in state.columns) else None
    positioned = left is not None and (len(segs) > 1 or segs[0].col > left + 2)
    frags = [f for seg in segs for f in fragments(seg, positioned)]
    text = " ".join(s.text for s in segs)
    if not any(f.kind != "cont" for f in frags) and not any(c.open_entry() for c in state.columns) \
            and (text.endswith(".") or FINITE_VERB.search(text) or len(text.split()) > 12):
        return False  # prose: the form has ended
    assign_fragments(state.columns, frags, left if positioned else None)
    return True


def _field_line(name: str, text: str) -> bool:
    """A line that goes on with a field's value: people for the people fields, a short value otherwise."""
    if name in FIELD_ROLES:
        return bool(parse_entries(text))
    return len(text) <= 70 and not text.endswith(".") and not text[:1].islower()


def _label_line(state: _State, fp: FrontPage, parsed: list) -> None:
    """A line that starts with labels: a row of column labels, or field labels with their values."""
    labels = [lab for labs, _, _ in parsed for lab in labs]
    if any(k in ATTENDANCE_HEADINGS for k, _ in labels) and not any(
            k in FRONT_LABELS and k not in ATTENDANCE_HEADINGS for k, _ in labels):
        state.columns, state.field_name = _open_columns(labels), None
        fp.columns.extend(state.columns)
        values = [v for _, v, _ in parsed if v is not None]
        fp.form_rows += len(labels) > 1 or bool(values)
        if values and state.columns:
            _values(state, values)
        return
    state.columns, current = [], None
    for labs, value, _ in parsed:
        if labs:
            current = FRONT_LABELS.get(labs[-1][0], current)
            if current:
                fp.fields.setdefault(current, [])
        if value is not None and current:
            fp.fields[current].append(value)
    state.field_name = current


# 'Sekreterare ........ Paragrafer 45–51 Elin Ek Ordförande ........ Anna Lind': the signature lines of a
# form run together (a word processor's table cell)
_SIGN_RUN = re.compile(r"(?P<label>Sekreterare|Ordförande|Justerande|Justerare|Protokolljusterare)\s*[._…]{3,}\s*"
                       r"(?:Paragrafer\s*(?P<paragraphs>[§\d\s,–-]+?)\s*)?(?P<name>[A-ZÅÄÖ][^.…_]*?)?"
                       r"(?=\s*(?:Sekreterare|Ordförande|Justerande|Justerare|Protokolljusterare)\s*[._…]{3,}|$)")
_SIGN_FIELDS = {"sekreterare": "secretary", "ordförande": "chair", "justerande": "adjusters", "justerare": "adjusters",
                "protokolljusterare": "adjusters"}


def _signature_run(fp: FrontPage, segs: list[Segment]) -> bool:
    """Signature lines run together in one segment: each name to its field."""
    found = False
    for seg in segs:
        runs = list(_SIGN_RUN.finditer(seg.text))
        if len(runs) < 2 or not all(m.group("name") for m in runs):
            continue
        for m in runs:
            name = m.group("name").strip()
            fp.fields.setdefault(_SIGN_FIELDS[m.group("label").lower()], []).append(
                Segment(seg.start + m.start("name"), seg.start + m.start("name") + len(name), name, seg.col))
            if m.group("paragraphs"):
                fp.fields.setdefault("paragraphs", []).append(Segment(seg.start, seg.end, m.group("paragraphs").strip(),
                                                                      seg.col))
        found = True
    return found


def _read_line(state: _State, fp: FrontPage, ln: Line, segs: list[Segment]) -> bool:
    """Read one line of the form; False when the line is no part of it."""
    if ln.text.lower().strip(":") in LABEL_TAILS:
        return True
    if _signature_run(fp, segs):
        state.columns, state.field_name = [], None
        return True
    parsed = []
    for seg in [s for g in segs for s in _split_mid(g)]:
        labs, value = _labels(seg)
        parsed.append((labs, value if labs else seg, seg))
    if any(p[0] for p in parsed):
        _label_line(state, fp, parsed)
        return True
    if state.columns:
        if _values(state, segs):
            return True
        state.columns = []
        return False
    if state.field_name and _field_line(state.field_name, ln.text):
        fp.fields[state.field_name].append(Segment(ln.start, ln.end, ln.text, float(ln.indent)))
        return True
    return False


def _region_end(lines: list[Line]) -> int:
    """The form ends at the first § item or table of contents."""
    for i, ln in enumerate(lines):
        if TOC_HEADING.match(ln.text) or (ln.no > 3 and is_item(lines, i)):
            return ln.no
    return len(lines)


def _field_attendees(fp: FrontPage) -> list[Attendee]:
    """The people named in the Sekreterare / Ordförande / Justerare fields, with those roles."""
    out = []
    for name, role in FIELD_ROLES.items():
        for seg in fp.fields.get(name, []):
            for part in re.split(r"\s*/\s*|\s+och\s+(?=[A-ZÅÄÖ])", seg.text):
                for e in parse_entries(part):
                    r = None if role == "justerare" and e.role == "ersättare" else role
                    out.append(Attendee(replace(e, role=r or e.role), seg.start, seg.end))
    return out


def read_front_page(lines: list[Line], index: LineIndex, skip: set[int] | frozenset = frozenset()) -> FrontPage | None:
    """The form of a formal protocol's front page, or None when the text has none (``skip``: lines
    read elsewhere, such as an attendance table)."""
    fp, state, started, seen, outside = FrontPage(), _State(), False, 0, 0
    for ln in lines[:_region_end(lines)]:
        if ln.page_break:
            state.columns, state.field_name = [], None
        if ln.blank or ln.no in skip:
            state.field_name = None
            continue
        seen += 1
        segs = index.segments(ln)
        if not started and not (segs and _labels(segs[0])[0]):
            if seen > _FORM_START_LINES:
                break
            continue
        started = True
        if _read_line(state, fp, ln, segs):
            fp.lines.add(ln.no)
            outside = 0
        else:
            state.field_name = None
            outside += 1
            if outside > _GAP_LINES:
                break  # the form is over: running text follows
    if not _is_form(fp):
        return None
    fp.attendees = [a for c in fp.columns for a in c.attendees()] + _field_attendees(fp)
    return fp


def _is_form(fp: FrontPage) -> bool:
    """A protocol's form: two protocol fields, or one and attendance columns under a row of labels (a
    lone 'Närvarande' over a list is the heading of informal notes, not a form)."""
    fields = set(fp.fields) & _PROTOCOL_FIELDS
    return len(fields) >= 2 or (len(fields) >= 1 and fp.form_rows > 0 and any(c.entries for c in fp.columns))

