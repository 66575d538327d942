"""Attendance tables: a header row naming the columns (Namn / Närvarande | Organisation | Roll)
and one person per row. Read from the reader's table_row/table_cell blocks, or from pipe-table
lines where the reader gave none. Voting tables (Ja / Nej columns) are not attendance.
"""
from __future__ import annotations

import re

from pipeline.lang.attendance import ABSENT_MARKS, attendance_heading, normalise_role
from pipeline.stages.segment.attendees import Attendee
from pipeline.stages.segment.entry import Entry, leading_name, split_top
from pipeline.stages.segment.lines import Line, block_attrs
from pipeline.stages.segment.names import is_handle

_NAME_COLS = re.compile(r"^(?:namn|name|person|deltagare|närvarande|ledamot|ledamöter|mötesdeltagare|"
                        r"deltagare\s+och\s+roll|representant|kontaktperson|användare|user)$", re.IGNORECASE)
_ORG_COLS = re.compile(r"^(?:organisation|org\.?|myndighet|förening|företag|förvaltning|verksamhet|representerar|"
                       r"parti|enhet|avdelning|bolag|organisation/förening|kommun|region|from|affiliation)$", re.IGNORECASE)
_ROLE_COLS = re.compile(r"^(?:roll|mötesroll|funktion|befattning|titel|uppdrag|role|position|roll i gruppen)$", re.IGNORECASE)
_PRESENT_COLS = re.compile(r"^(?:närvaro|närvarande|deltog|närvarande\s*\(ja/nej\)|present)$", re.IGNORECASE)
_VOTE_COLS = re.compile(r"\b(?:ja|nej|avstår|ja-röst|nej-röst)\b", re.IGNORECASE)
_NO = re.compile(r"^(?:nej|no|-|–|frånvarande|ej\s+närvarande|anmält\s+förhinder|x?\s*förhinder)$", re.IGNORECASE)
_SEPARATOR = re.compile(r"^[\s:|-]+$")


def _columns(header: list[str]) -> dict[str, int] | None:
    """Which column holds the name, organisation, role and presence; None if not an attendance table."""
    if any(_VOTE_COLS.search(h) for h in header):
        return None
    cols: dict[str, int] = {}
    for k, h in enumerate(header):
        h = h.strip(" *_:")
        for key, rx in (("name", _NAME_COLS), ("org", _ORG_COLS), ("role", _ROLE_COLS)):
            if key not in cols and rx.match(h):
                cols[key] = k
                break
        else:
            if "present" not in cols and _PRESENT_COLS.match(h) and "name" in cols:
                cols["present"] = k
    return cols if "name" in cols else None


def _row_attendee(cells: list[tuple[str, int, int]], cols: dict[str, int]) -> Attendee | None:
    def cell(key):
        k = cols.get(key)
        return cells[k][0].strip() if k is not None and k < len(cells) else ""
    name_cell = re.sub(r"<br\s*/?>", " ", cell("name"))
    name, rest = leading_name(re.sub(r"\s*\([^)]*\)", "", name_cell))
    if name is None and is_handle(name_cell):
        name = name_cell
    org = re.sub(r"\s*\([^)]*\)", "", cell("org")).strip() or None
    if name is None and not org:
        return None
    if name is None and name_cell:
        return None  # a row that names no one ('Summa', a note)
    role = normalise_role(cell("role")) or (normalise_role(rest) if rest else None)
    present = not (cols.get("present") is not None and _NO.match(cell("present") or "")) \
        and not any(ABSENT_MARKS.search(c[0]) for c in cells)
    if role is None and ABSENT_MARKS.search(cell("role")):
        role = None
    start, end = cells[0][1], cells[-1][2]
    return Attendee(Entry(name, org, role, present), start, end)


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
    out = []
    for r in body:
        a = _row_attendee(r, cols)
        if a is not None:
            out.append(a)
    return out


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
