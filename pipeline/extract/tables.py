"""Action tables in text form: a header row naming the columns (Vad | Vem | När, or
Åtgärd / Ansvar / Klart, separated by '|', tabs or three or more spaces) and one task per row."""
from __future__ import annotations

import re
from dataclasses import dataclass

from pipeline.extract.cues import Cues
from pipeline.extract.sentences import fold

CELL_SPLIT_RE = re.compile(r"[ \t]*\|[ \t]*|\t+|[ \t]{3,}")
RULE_RE = re.compile(r"^[\s|:+=-]+$")


@dataclass
class Row:
    start: int
    end: int
    cells: dict[str, tuple[str, int, int]]  # column role -> (text, start, end)


def cells(text: str, start: int, end: int) -> list[tuple[str, int, int]]:
    """The non-empty cells of one line with their offsets."""
    line = text[start:end]
    out, pos = [], 0
    for m in list(CELL_SPLIT_RE.finditer(line)) + [None]:
        cend = m.start() if m else len(line)
        raw = line[pos:cend]
        if raw.strip():
            lead = len(raw) - len(raw.lstrip())
            out.append((raw.strip(), start + pos + lead, start + pos + lead + len(raw.strip())))
        pos = m.end() if m else len(line)
    return out


def header_roles(cs: list[tuple[str, int, int]], cues: Cues) -> list[str | None] | None:
    """Column roles ('what', 'who', 'when') of a header row, or None when it is no header."""
    roles = []
    for c, _, _ in cs:
        f = fold(c.strip(" *:"))
        role = next((r for r, rx in cues.table_columns.items() if rx.match(f)), None)
        roles.append(role)
    if "who" in roles and sum(r is not None for r in roles) >= 2:
        return roles
    return None


def rows(text: str, lines: list[tuple[int, int]], cues: Cues) -> list[Row]:
    """Task rows of the tables among consecutive table lines (header first)."""
    out: list[Row] = []
    roles = None
    for s, e in lines:
        if RULE_RE.match(text[s:e]):
            continue
        cs = cells(text, s, e)
        hr = header_roles(cs, cues)
        if hr is not None:
            roles = hr
            continue
        if roles is None or len(cs) < 2:
            continue
        row = {}
        for role, c in zip(roles, cs):
            if role and role not in row:
                row[role] = c
        if "what" not in row and cs:
            row["what"] = cs[0]
        # the row's text: from the first to the last cell
        out.append(Row(cs[0][1], cs[-1][2], row))
    return out
