"""Attendance tables: a header row naming the columns (Namn / Närvarande | Organisation | Roll)
and one person per row. Read from the reader's table_row/table_cell blocks, or from pipe-table
lines where the reader gave none. Voting tables (Ja / Nej columns) are not attendance.
"""
from __future__ import annotations

import re
from dataclasses import replace

from pipeline.lang.attendance import ABSENT_MARKS, attendance_heading, normalise_role
from pipeline.stages.segment.attendees import Attendee
from pipeline.stages.segment.entry import Entry, parse_entries, split_top
from pipeline.stages.segment.lines import Line, Segment, block_attrs
from pipeline.stages.segment.names import is_handle

_NAME_COLS = re.compile(r"^(?:namn|name|person|personer|deltagare|närvarande|ledamot|ledamöter|mötesdeltagare|"
                        r"deltagare\s+och\s+roll|representant|representanter|kontaktperson|kontaktpersoner|användare|"
                        r"user|ordinarie\s+ledamot)$",
                        re.IGNORECASE)
_ORG_COLS = re.compile(r"^(?:organisation|org\.?|myndighet|förening|företag|förvaltning|verksamhet|representerar|"
                       r"parti|enhet|avdelning|bolag|organisation/förening|kommun|region|from|affiliation|"
                       r"organisation\s*/\s*funktion)$", re.IGNORECASE)
_ROLE_COLS = re.compile(r"^(?:roll|mötesroll|funktion|befattning|titel|uppdrag|role|position|roll i gruppen|post)$",
                        re.IGNORECASE)
_PRESENT_COLS = re.compile(r"^(?:närvaro|närvarande|närv\.?|deltog|närvarande\s*\(ja/nej\)|present)$", re.IGNORECASE)
_SUBSTITUTE_COLS = re.compile(r"^(?:tjänstgörande\s+ersättare|tjg\.?\s+ers\.?|ersättare)$", re.IGNORECASE)
_VOTE_COLS = re.compile(r"\b(?:ja|nej|avstår|ja-röst|nej-röst)\b", re.IGNORECASE)
_NO = re.compile(r"^(?:nej|no|-|–|frånvarande|ej\s+närvarande|anmält\s+förhinder|x?\s*förhinder)$", re.IGNORECASE)
_SEPARATOR = re.compile(r"^[\s:|-]+$")
_GRID_RULE = re.compile(r"^\+[-=+]{3,}\+$")
_KEYS = (("name", _NAME_COLS), ("org", _ORG_COLS), ("role", _ROLE_COLS), ("present", _PRESENT_COLS),
         ("substitute", _SUBSTITUTE_COLS))


def _columns(header: list[str]) -> dict[str, int] | None:
    """Which column holds the name, organisation, role, presence and serving substitute; None if it is
    no attendance table (a table of votes alone — Ja / Nej — is none; a list of those present that
    also records a vote is one)."""
    cols: dict[str, int] = {}
    for k, h in enumerate(header):
        h = h.strip(" *_:")
        for key, rx in _KEYS:
            if key not in cols and rx.match(h) and (key == "name" or "name" in cols or key == "org"):
                cols[key] = k
                break
    if "name" not in cols:
        return None
    if any(_VOTE_COLS.search(h) for h in header) and not ({"present", "substitute"} & set(cols)):
        return None
    return cols


def _cell(cells: list[tuple[str, int, int]], cols: dict[str, int], key: str) -> str:
    k = cols.get(key)
    return re.sub(r"<br\s*/?>", " ", cells[k][0]).strip() if k is not None and k < len(cells) else ""


def _row_attendees(cells: list[tuple[str, int, int]], cols: dict[str, int]) -> list[Attendee]:
    """The person of a row (and the substitute who served for them)."""
    name_cell = _cell(cells, cols, "name")
    if ";" in name_cell and "substitute" not in cols:   # 'Kerstin Lundh, vice ordförande; Rolf Ahlgren'
        parts = [p for p in name_cell.split(";") if p.strip()]
        if len(parts) > 1 and all(parse_entries(p, per_line=True) for p in parts):
            return [a for p in parts for a in _row_attendees([*cells[:cols["name"]], (p, cells[cols["name"]][1],
                                                              cells[cols["name"]][2]), *cells[cols["name"] + 1:]], cols)]
    people = parse_entries(name_cell)
    person = people[0] if people else None
    if person is None and is_handle(name_cell):
        person = Entry(name_cell)
    org = re.sub(r"\s*\([^)]*\)", "", _cell(cells, cols, "org")).strip() or None
    if person is None:
        return [Attendee(Entry(None, org), cells[0][1], cells[-1][2])] if org and not name_cell else []
    role = normalise_role(_cell(cells, cols, "role")) or person.role
    absent = (cols.get("present") is not None and _NO.match(_cell(cells, cols, "present"))) \
        or any(ABSENT_MARKS.search(c[0]) for c in cells) \
        or (cols.get("present") is None and _cell(cells, cols, "substitute") in ("-", "–"))  # '-': no one served
    sub = parse_entries(_cell(cells, cols, "substitute"))
    start, end = cells[0][1], cells[-1][2]
    out = [Attendee(Entry(person.name, org or person.organisation, role, not absent and not sub,
                          person.paragraphs), start, end)]
    if sub:
        out[0] = Attendee(replace(out[0].entry, present=False, role=role or "ledamot"), start, end)
        out.append(Attendee(replace(sub[0], role="tjänstgörande ersättare", present=True,
                                       organisation=sub[0].organisation or org), start, end))  # the member's party
    return out


def table_attendees(rows: list[list[tuple[str, int, int]]], heading: str | None = None) -> list[Attendee]:
    """The attendees of one table (rows of (cell text, start, end)); [] when it is not attendance.
    A table under an attendance heading whose header names no columns is read as Namn | Organisation."""
    rows = [r for r in rows if not all(_SEPARATOR.match(c[0]) or not c[0].strip() for c in r)]
    if not rows:
        return []
    cols = _columns([c[0] for c in rows[0]])
    body = rows[1:]
    if cols is None:
        if not heading or attendance_heading(heading) is None or any(_VOTE_COLS.search(c[0]) for c in rows[0]):
            return []
        cols, body = {"name": 0, "org": 1}, rows
    return [a for r in body for a in _row_attendees(r, cols)]


def tables_from_blocks(text: str, blocks: list[dict]) -> list[list[list[tuple[str, int, int]]]]:
    """The tables of the reader's blocks: rows of (cell text, start, end)."""
    tables: list[list[list[tuple[str, int, int]]]] = []
    row: list[tuple[str, int, int]] | None = None
    row_end = -1
    layout = False
    for b in blocks:
        kind = b.get("kind")
        if kind == "table":
            layout = block_attrs(b).get("layout") == "columns"   # a page region in columns: not a data table
            tables.append([])
        elif layout:
            continue
        elif kind == "table_row":
            if not tables:
                tables.append([])
            row = []
            tables[-1].append(row)
            row_end = b["end_char"]
        elif kind == "table_cell" and row is not None and b["start_char"] <= row_end:
            row.append((text[b["start_char"]:b["end_char"]], b["start_char"], b["end_char"]))
    return [t for t in tables if t]


def tables_from_lines(lines: list[Line]) -> list[list[list[tuple[str, int, int]]]]:
    """Pipe tables in the text ('Namn | Organisation'), for text whose reader gave no table blocks."""
    tables, current = [], []
    for ln in lines:
        if current and _GRID_RULE.match(ln.text):
            continue   # the rule between the rows of an ASCII grid table ('+------+------+')
        if ln.text.count("|") >= 1 and not ln.text.startswith("http") and len(split_top(ln.text)) <= 12 \
                and (ln.text.count("|") >= 2 or " | " in ln.text):
            cells = []
            for m in re.finditer(r"[^|]+", ln.text):
                part = m.group(0)
                lead = len(part) - len(part.lstrip())
                if part.strip() or cells:
                    cells.append((part.strip(), ln.start + m.start() + lead, ln.start + m.start() + lead + len(part.strip())))
            current.append(cells)
        elif current:
            tables.append(current)
            current = []
    if current:
        tables.append(current)
    return tables


_MARK_AT_END = re.compile(r"^(?P<text>.*\S)\s+(?P<mark>[Xx✓✔–-])$")


def _gap_row(segs: list, header: list) -> list[tuple[str, int, int]]:
    """A row of a table laid out with spaces: each segment in the column whose heading starts nearest
    left of it ('… 1:e vice ordf X' where the name ran into the presence column: the mark split off)."""
    cells: list[tuple[str, int, int] | None] = [None] * len(header)
    for seg in segs:
        k = max([j for j, h in enumerate(header) if h.col <= seg.col + 2] or [0])
        m = _MARK_AT_END.match(seg.text)
        if m and k + 1 < len(header) and cells[k] is None and _PRESENT_COLS.match(header[k + 1].text.strip(" :")):
            cells[k] = (m.group("text"), seg.start, seg.start + len(m.group("text")))
            cells[k + 1] = (m.group("mark"), seg.end - 1, seg.end)
            continue
        cells[k] = (seg.text, seg.start, seg.end) if cells[k] is None else \
            (cells[k][0] + " " + seg.text, cells[k][1], seg.end)
    return [c or ("", seg.start, seg.start) for c in cells]


def _gap_segments(line: Line) -> list[Segment]:
    """A table line's cells: stretches between runs of two or more spaces (a header's 'Närv.  Tjänstg…')."""
    out, base = [], line.start - line.indent
    for m in re.finditer(r"\S+(?: \S+)*", line.raw):
        out.append(Segment(base + m.start(), base + m.end(), m.group(0), float(m.start())))
    return out


def _is_column_label(text: str) -> bool:
    """A header label of a column other than the name ('Parti', 'Tjänstgörande ersättare', 'Ja')."""
    text = text.strip(" *_:")
    return (any(rx.match(text) for key, rx in _KEYS if key != "name") or bool(_VOTE_COLS.fullmatch(text))) \
        and not _NAME_COLS.match(text)


def _header_segments(line: Line) -> list[Segment]:
    """A header line's column labels: a segment that is no label of its own but two labels one space
    apart ('Parti Tjänstgörande ersättare', a narrow column) is split into them."""
    out = []
    for seg in _gap_segments(line):
        spaces = [m.start() for m in re.finditer(" ", seg.text)]
        cut = next((k for k in spaces if not _is_column_label(seg.text) and _is_column_label(seg.text[:k])
                    and _is_column_label(seg.text[k + 1:])), None)
        if cut is None:
            out.append(seg)
            continue
        out += [Segment(seg.start, seg.start + cut, seg.text[:cut], seg.col),
                Segment(seg.start + cut + 1, seg.end, seg.text[cut + 1:], seg.col + cut + 1)]
    return out


def tables_from_gaps(lines: list[Line]) -> list[list[list[tuple[str, int, int]]]]:
    """Tables laid out with runs of spaces under a header that names its columns ('Ledamot   Närv.
    Tjänstgörande ersättare   Ja   Nej'): a list of those present at the end of a protocol."""
    tables, i = [], 0
    while i < len(lines):
        header = _header_segments(lines[i])
        cols = _columns([s.text for s in header]) if len(header) >= 3 else None
        if cols is None or cols["name"] != 0 or not ({"present", "substitute", "org", "role"} & set(cols)):
            i += 1
            continue
        rows, j = [[(s.text, s.start, s.end) for s in header]], i + 1
        while j < len(lines) and not lines[j].blank and not lines[j].text.lower().startswith("summa"):
            rows.append(_gap_row(_gap_segments(lines[j]), header))
            j += 1
        if len(rows) > 1:
            tables.append(rows)
        i = j
    return tables
