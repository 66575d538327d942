"""Tables in minutes: the cells of a row, and what a header row says its columns are.

An action table names its columns in a header row (Vad | Vem | När, Åtgärd / Ansvar / Klart,
Uppgift / Ansvarig / Deadline, Punkt / Föredragande); a row below it is a task whose doer is the
cell of the Vem / Ansvar column, never the row's other text (``walk``). A follow-up column (Fråga |
Svar | Vad händer nu) holds a task sentence in each cell, its doer the sentence's subject. A Beslut column gives a
decision; a header with Ja / Nej / Avstår columns is a voting table (``formal``). Rows are read in
three layouts: '|'-separated (markdown included, an empty cell keeps its place), tab-separated,
and columns separated by runs of three or more spaces (a cell belongs to the header column it
starts under).
"""
from __future__ import annotations

import re

from pipeline.lang.fold import fold_cue_text as fold
from pipeline.stages.extract.cues import Cues

CELL_SPLIT_RE = re.compile(r"[ \t]*\|[ \t]*|\t+|[ \t]{3,}")
RULE_RE = re.compile(r"^[\s|:+=-]+$")
DECISION_COLUMN_RE = re.compile(r"^(beslut|beslutet|beslutades)$")


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


def cell_role(cell: str, cues: Cues) -> str | None:
    """The column role a header cell names ('what', 'who', 'when', 'decision'), or None."""
    return _role(cell, cues)


VOTE_COLUMN_RES = {"yes": re.compile(r"^ja(-?\s?röst(er)?|-?\s?röstar)?$"),
                   "no": re.compile(r"^nej(-?\s?röst(er)?|-?\s?röstar)?$"),
                   "abstain": re.compile(r"^(avstår|avstod|avstående|avstår från att rösta|nedlagd(a)?( röst(er)?)?)$")}


def vote_columns(header: list[str]) -> list[str | None] | None:
    """The roles of a voting table's header ('Ledamot | Ja | Nej | Avstår'), or None when it is none."""
    roles: list[str | None] = []
    for cell in header:
        c = " ".join(cell.strip(" *:_#").lower().split())
        roles.append(next((r for r, rx in VOTE_COLUMN_RES.items() if rx.match(c)), None))
    return roles if sum(r is not None for r in roles) >= 2 and "yes" in roles and "no" in roles else None


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
    if roles.count("followup") == 1 and len(roles) >= 2 and roles[0] != "followup":
        return roles   # 'Fråga | Svar | Vad händer nu': the last column says what is to be done
    return None


def is_header_line(line: str, cues: Cues) -> bool:
    """Is this line (on its own) the header row of an action table?"""
    return header_roles(cells(line, 0, len(line)), cues) is not None
