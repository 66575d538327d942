"""LaTeX with pylatexenc: sectioning → headings, itemize/enumerate/description → list items (depth),
tabular → tables, \\title/\\date/\\author → metadata; other macros are kept as text: a macro the file
defines with \\newcommand is expanded (an attendance macro '\\narvarande{Anna Ek, Bo Berg}' defined as
'Närvarande: #1' reads as that text), an unknown one keeps its arguments ('\\ledamot{Anna Ek}{S}' →
'Anna Ek, S')."""
from __future__ import annotations

import re

from pipeline.contract.document import TextBuilder
from pipeline.stages.ingest.formats import Reading, list_marker, put_meta

SECTIONS = {"part": 1, "chapter": 1, "section": 1, "subsection": 2, "subsubsection": 3, "paragraph": 4,
            "subparagraph": 5}
META = {"title": "title", "date": "date", "author": "author", "subtitle": "subtitle"}
LISTS = {"itemize": False, "enumerate": True, "description": False, "list": False}
TABLES = {"tabular", "tabular*", "tabularx", "longtable", "tabulary", "array"}
SKIP_MACROS = {"documentclass", "usepackage", "maketitle", "tableofcontents", "label", "ref", "cite",
               "pagestyle", "thispagestyle", "setlength", "vspace", "hspace", "newpage", "clearpage",
               "hline", "cline", "toprule", "midrule", "bottomrule", "centering", "noindent", "footnote",
               "input", "include", "bibliography", "bibliographystyle", "geometry", "selectlanguage"}
DEFINERS = {"newcommand", "renewcommand", "providecommand", "newcommand*", "renewcommand*"}
_PARBREAK = re.compile(r"\n[ \t]*\n\s*")
_MAX_EXPANSION_DEPTH = 8


class _Reader:
    def __init__(self) -> None:
        from pylatexenc.latex2text import LatexNodes2Text
        self.b = TextBuilder()
        self.l2t = LatexNodes2Text(math_mode="verbatim", keep_braced_groups=False)
        self.buf: list[str] = []
        self.lists: list[list] = []     # [ordered, next number, item open]
        self.defs: dict[str, tuple[int, str]] = {}
        self.depth = 0

    def text(self, nodes) -> str:
        return " ".join(self.l2t.nodelist_to_text([n for n in nodes if n is not None]).split())

    def flush(self) -> None:
        raw = "".join(self.buf)
        self.buf.clear()
        text = "\n".join(" ".join(line.split()) for line in raw.split("\n"))
        text = re.sub(r"\n{2,}", "\n", text).strip()
        if not text:
            return
        if self.lists and self.lists[-1][2]:
            ordered, number, _ = self.lists[-1]
            self.lists[-1][2] = False
            if ordered:
                self.lists[-1][1] += 1
            depth = len(self.lists)
            self.b.list_item(text, depth, list_marker(depth, number if ordered else None),
                             **({"ordered": True, "number": number} if ordered else {}))
        else:
            self.b.paragraph(text)

    def walk(self, nodes) -> None:
        from pylatexenc import latexwalker as lw
        nodes = list(nodes or [])
        i = 0
        while i < len(nodes):
            n = nodes[i]
            i += 1
            if n is None or isinstance(n, lw.LatexCommentNode):
                continue
            if isinstance(n, lw.LatexCharsNode):
                parts = _PARBREAK.split(n.chars)
                for k, part in enumerate(parts):
                    if k:
                        self.flush()
                    self.buf.append(part)   # a source line break stays: the file's lines are kept
            elif isinstance(n, lw.LatexGroupNode):
                self.walk(n.nodelist)
            elif isinstance(n, lw.LatexEnvironmentNode):
                self.environment(n)
            elif isinstance(n, lw.LatexMacroNode):
                i = self.macro(n, nodes, i)
            else:   # math, specials ('--', '~', '&' outside tables)
                self.buf.append(self.l2t.nodelist_to_text([n]))

    def _args(self, n) -> list:
        return [a for a in (n.nodeargd.argnlist if n.nodeargd else []) if a is not None]

    def macro(self, n, nodes, i: int) -> int:
        from pylatexenc import latexwalker as lw
        name = n.macroname
        args = self._args(n)
        if name in SECTIONS:
            self.flush()
            self.b.heading(self.text(args[-1:]), SECTIONS[name])
        elif name in META:
            put_meta(self.b, [(META[name], self.text(args[-1:]).replace("\\\\", ", "))])
        elif name == "item":
            self.flush()
            if self.lists:
                self.lists[-1][2] = True
            if args:   # \item[label]
                self.buf.append(self.text(args) + " ")
        elif name in ("\\", "newline", "linebreak"):
            self.buf.append("\n")
        elif name == "par":
            self.flush()
        elif name in DEFINERS:
            self.define(args)
        elif name in SKIP_MACROS:
            pass
        elif name in self.defs and self.depth < _MAX_EXPANSION_DEPTH:
            nargs, body = self.defs[name]
            groups = []
            while len(groups) < nargs and i < len(nodes):
                if isinstance(nodes[i], lw.LatexGroupNode):
                    groups.append(nodes[i].latex_verbatim()[1:-1])
                elif not (isinstance(nodes[i], lw.LatexCharsNode) and not nodes[i].chars.strip()):
                    break
                i += 1
            for k, g in enumerate(groups, start=1):
                body = body.replace(f"#{k}", g)
            self.depth += 1
            self.walk(lw.LatexWalker(body).get_latex_nodes()[0])
            self.depth -= 1
        elif args:
            self.buf.append(self.l2t.nodelist_to_text([n]))
        else:   # an unknown macro: its brace groups are its arguments, kept as text
            groups = []
            while i < len(nodes) and isinstance(nodes[i], lw.LatexGroupNode):
                groups.append(self.text(nodes[i].nodelist))
                i += 1
            if groups:
                self.buf.append(", ".join(g for g in groups if g))
            else:
                self.buf.append(self.l2t.nodelist_to_text([n]))
        return i

    def define(self, args) -> None:
        from pylatexenc import latexwalker as lw
        if len(args) < 2:
            return
        target = args[0]
        names = [x.macroname for x in getattr(target, "nodelist", [target]) if isinstance(x, lw.LatexMacroNode)]
        nargs = 0
        for a in args[1:-1]:
            if isinstance(a, lw.LatexGroupNode) and a.delimiters[0] == "[":
                digits = self.text(a.nodelist)
                nargs = int(digits) if digits.isdigit() else nargs
                break
        if names:
            self.defs[names[0]] = (nargs, args[-1].latex_verbatim()[1:-1])

    def environment(self, n) -> None:
        name = n.environmentname
        if name in LISTS:
            self.flush()
            self.lists.append([LISTS[name], 1, False])
            self.walk(n.nodelist)
            self.flush()
            self.lists.pop()
        elif name in TABLES:
            self.flush()
            self.table(n)
        elif name in ("comment", "verbatim*", "figure") :
            return
        else:
            self.walk(n.nodelist)

    def table(self, n) -> None:
        from pylatexenc import latexwalker as lw
        rows: list[list[str]] = []
        row: list[str] = []
        cell: list = []
        for x in n.nodelist:
            if isinstance(x, lw.LatexSpecialsNode) and x.specials_chars == "&":
                row.append(self.text(cell))
                cell = []
            elif isinstance(x, lw.LatexMacroNode) and x.macroname in ("\\", "tabularnewline"):
                row.append(self.text(cell))
                rows.append(row)
                row, cell = [], []
            elif not (isinstance(x, lw.LatexMacroNode) and x.macroname in SKIP_MACROS):
                cell.append(x)
        if cell and self.text(cell):
            row.append(self.text(cell))
        if row:
            rows.append(row)
        rows = [r for r in rows if any(c.strip() for c in r)]
        if rows:
            self.b.open("table")
            for r in rows:
                self.b.row(r)
            self.b.close("table")


def latex_reading(source: str) -> Reading:
    from pylatexenc.latexwalker import LatexWalker
    r = _Reader()
    nodes = LatexWalker(source, tolerant_parsing=True).get_latex_nodes()[0]
    r.walk(nodes)
    r.flush()
    return Reading.of(r.b)
