"""Action tables in text form: a header row naming the columns (Vad | Vem | När, or
Åtgärd / Ansvar / Klart) and one task per row.

Three layouts are read:
  * '|'-separated rows, markdown tables included ('| Vad | Vem | När |' and a '|---|' rule);
  * tab-separated rows (tables pasted from a word processor);
  * columns separated by runs of three or more spaces, aligned under the header.
An empty cell keeps its column where the layout shows it ('| Boka lokal |  | 1 maj |').
A 'Beslut' column gives a decision for a row that names no one to do it.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from pipeline.lang.fold import fold_cue_text as fold
from pipeline.stages.extract.cues import Cues

CELL_SPLIT_RE = re.compile(r"[ \t]*\|[ \t]*|\t+|[ \t]{3,}")
RULE_RE = re.compile(r"^[\s|:+=-]+$")
DECISION_COLUMN_RE = re.compile(r"^(beslut|beslutet|beslutades)$")


@dataclass
class Row:
    start: int
    end: int
    cells: dict[str, tuple[str, int, int]]  # column role -> (text, start, end)
    who_column: bool = False  # the table has a 'Vem' / 'Ansvar' column


def _layout(line: str) -> str:
    if "|" in line:
        return "pipe"
    if "\t" in line.strip():
        return "tab"
    return "space"


def _split(text: str, start: int, end: int, rx: re.Pattern) -> list[tuple[str, int, int]]:
    """All cells of text[start:end] split on ``rx``, empty ones included, with their offsets."""
    line = text[start:end]
    out, pos = [], 0
    for m in list(rx.finditer(line)) + [None]:
        cend = m.start() if m else len(line)
        raw = line[pos:cend]
        lead = len(raw) - len(raw.lstrip())
        out.append((raw.strip(), start + pos + lead, start + pos + lead + len(raw.strip())))
        pos = m.end() if m else len(line)
    return out


def cells(text: str, start: int, end: int, keep_empty: bool = False) -> list[tuple[str, int, int]]:
    """The cells of one line with their offsets (non-empty ones unless ``keep_empty``).

    With '|' the outer pipes of a markdown row are dropped and every cell between pipes is
    kept in place; with tabs each tab separates two cells.
    """
    line = text[start:end]
    layout = _layout(line)
    if layout == "pipe":
        inner_s = start + (len(line) - len(line.lstrip()))
        inner_e = start + len(line.rstrip())
        if text[inner_s:inner_s + 1] == "|":
            inner_s += 1
        if inner_e > inner_s and text[inner_e - 1] == "|":
            inner_e -= 1
        out = _split(text, inner_s, inner_e, re.compile(r"\|"))
    elif layout == "tab":
        lead = len(line) - len(line.lstrip())
        out = _split(text, start + lead, start + len(line.rstrip()), re.compile(r"\t"))
    else:
        out = _split(text, start, end, CELL_SPLIT_RE)
    return out if keep_empty else [c for c in out if c[0]]


def _role(cell: str, cues: Cues) -> str | None:
    f = fold(cell.strip(" *:_#"))
    role = next((r for r, rx in cues.table_columns.items() if rx.match(f)), None)
    if role is None and DECISION_COLUMN_RE.match(f):
        role = "decision"
    return role


def header_roles(cs: list[tuple[str, int, int]], cues: Cues) -> list[str | None] | None:
    """Column roles ('what', 'who', 'when', 'decision') of a header row, or None when it is no header."""
    roles = [_role(c, cues) for c, _, _ in cs]
    known = [r for r in roles if r is not None]
    if ("who" in roles or "decision" in roles) and len(known) >= 2 and len(known) >= len(roles) - 1:
        return roles
    return None


def is_header_line(line: str, cues: Cues) -> bool:
    """Is this line (on its own) the header row of an action table?"""
    return header_roles(cells(line, 0, len(line)), cues) is not None


def has_header(text: str, lines: list[tuple[int, int]], cues: Cues) -> bool:
    return any(header_roles(cells(text, s, e), cues) is not None for s, e in lines)


def _assign_by_position(row_cells, header_cells, roles):
    """Space-aligned columns: a cell belongs to the header column it starts under."""
    out: dict[str, tuple[str, int, int]] = {}
    hcols = [(hs, role) for (_, hs, _), role in zip(header_cells, roles)]
    for c in row_cells:
        col = c[3]
        owner = None
        for hcol, role in hcols:
            if hcol <= col + 2:
                owner = role
        if owner is None and hcols:
            owner = hcols[0][1]
        if owner and owner not in out:
            out[owner] = c[:3]
    return out


def rows(text: str, lines: list[tuple[int, int]], cues: Cues) -> list[Row]:
    """Task rows of the tables among consecutive table lines (header first)."""
    out: list[Row] = []
    roles = None
    header_full: list[tuple[str, int, int]] = []
    header_line_start = 0
    for s, e in lines:
        if RULE_RE.match(text[s:e]):
            continue
        cs = cells(text, s, e)
        hr = header_roles(cs, cues)
        if hr is not None:
            full = cells(text, s, e, keep_empty=True)
            if _layout(text[s:e]) != "space" and len(full) != len(cs):
                hr_full = [_role(c, cues) if c else None for c, _, _ in full]
                roles, header_full = hr_full, full
            else:
                roles, header_full = hr, cs
            header_line_start = text.rfind("\n", 0, s) + 1
            continue
        if roles is None or len(cs) < 2:
            continue
        layout = _layout(text[s:e])
        row: dict[str, tuple[str, int, int]] = {}
        full = cells(text, s, e, keep_empty=True)
        if layout == "space":
            line_start = text.rfind("\n", 0, s) + 1
            with_col = [(c, a, b, a - line_start) for c, a, b in cs]
            hcells = [(c, a - header_line_start, b) for c, a, b in header_full]
            row = _assign_by_position(with_col, hcells, roles)
        elif len(full) == len(roles):
            for role, c in zip(roles, full):
                if role and role not in row and c[0]:
                    row[role] = c
        else:
            for role, c in zip([r for r in roles], cs):
                if role and role not in row:
                    row[role] = c
        if "what" not in row and cs:
            row["what"] = cs[0]
        # the row's text: from the task (a leading row number left out) to the last cell
        first = row["what"] if row["what"][1] >= cs[0][1] else cs[0]
        out.append(Row(first[1], cs[-1][2], row, who_column="who" in roles))
    return out
