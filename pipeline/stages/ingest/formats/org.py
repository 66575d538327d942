"""Org-mode with orgparse: headlines (level; TODO keywords, priorities and tags dropped), lists,
tables and paragraphs of each body; '#+TITLE', '#+DATE', '#+AUTHOR' and the other file keywords
are metadata; drawers and block delimiters are dropped, links reduced to their description."""
from __future__ import annotations

import re

from pipeline.contract.document import TextBuilder
from pipeline.stages.ingest.formats import Reading, put_meta, write_lines

_ORG_LINK = re.compile(r"\[\[([^\]\n]*)\](?:\[([^\]\n]*)\])?\]")
# one pattern per marker (*bold* /italic/ =verbatim= ~code~ +strike+ _underline_), linear time
_ORG_EMPH = [re.compile(rf"(?<!\w){re.escape(c)}(?=\S)([^{re.escape(c)}\n]*?[^{re.escape(c)}\s]){re.escape(c)}(?!\w)")
             for c in "*/=~+_"]
_KEYWORD = re.compile(r"^\s*#\+(\w+):\s*(.*)$")
_DRAWER = re.compile(r"^\s*:[A-Za-z_]+:\s*$")
_PLANNING = re.compile(r"^\s*(?:SCHEDULED|DEADLINE|CLOSED):")


def org_inline(s: str) -> str:
    s = _ORG_LINK.sub(lambda m: m.group(2) or m.group(1), s)
    for pattern in _ORG_EMPH:
        s = pattern.sub(r"\1", s)
    return s


def _body_lines(body: str, b: TextBuilder) -> list[str]:
    """Body lines without keywords (kept as metadata), drawers, planning lines and block delimiters."""
    out, in_drawer = [], False
    for line in body.split("\n"):
        st = line.strip()
        if in_drawer:
            in_drawer = st.upper() != ":END:"
            continue
        if _DRAWER.match(line) and st.upper() != ":END:":
            in_drawer = True
            continue
        m = _KEYWORD.match(line)
        if m:
            if not m.group(1).upper().startswith(("BEGIN", "END")):
                b.meta(m.group(1).lower(), m.group(2))
            continue
        if (re.match(r"^#\+(BEGIN|END)_\w+", st, re.IGNORECASE) or st.startswith("# ") or st == "#"
                or _PLANNING.match(line)):
            continue
        out.append(line)
    return out


def org_reading(text: str) -> Reading:
    import orgparse

    b = TextBuilder()
    root = orgparse.loads(text)
    lines = _body_lines(root.body, b)
    for key in ("TITLE", "DATE", "AUTHOR"):
        value = root.get_file_property(key)
        if value:
            put_meta(b, [(key.lower(), org_inline(value))])
    write_lines(b, lines, org_inline)
    for node in root[1:]:
        b.heading(org_inline(node.heading).strip(), min(node.level, 6),
                  **({"todo": node.todo} if node.todo else {}))
        write_lines(b, _body_lines(node.body, b), org_inline)
    return Reading.of(b)
