"""The units extraction reads: headings, sub-headings, labels, list items, paragraphs and table rows.

They come from the document's blocks (``rec.blocks``): a reader that knows the structure (Markdown,
HTML, docx, …) gives real headings, list items with their depth and table rows with their cells,
and those are taken as they are. A block can still hold several units — a PDF page or a plain-text
paragraph is one block today — so inside a block the lines are read once more: a line that starts
with a bullet glyph ('●', '○', '■', '•', '-', OCR's 'e', the arrow 'à' of an answer) is a list item
(its depth from the glyph), a line that is a formal sub-heading (``pipeline.lang.protocol``) or a
label ('Beslut:', 'Att göra:') stands alone, a '§ 12' line opens a formal item, '|'/tab lines are
table rows, and the other lines are joined into paragraphs where one line continues the last
(a wrapped line, a lower-case start). Without blocks the whole text is read that way.

All offsets are character offsets into the document text.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache

from pipeline.lang.fold import fold_cue_text as fold
from pipeline.lang.protocol import subheading
from pipeline.stages.extract import tables
from pipeline.stages.extract.cues import Cues
from pipeline.stages.extract.sentences import SPACED_SPLIT_RE, WRAP_END_RE, full_line, is_table_line

# list markers; the depth a glyph stands for where the layout does not say (Google Docs: ● ○ ■)
GLYPH_DEPTH = {"->": 2, "=>": 2, "●": 1, "•": 1, "-": 1, "–": 1, "—": 1, "*": 1, "·": 1, "►": 1, "➢": 1, "➤": 1,
               "✓": 1, "✔": 1,
               "○": 2, "◦": 2, "■": 3, "▪": 3, "□": 3, "◆": 1, "❖": 1, "→": 2, "⇒": 2, "à": 2}
BULLET_RE = re.compile(r"^[ \t]*(?:(?P<glyph>->|=>|[-–—•*·▪◦►➢➤✓✔●○■□◆❖→⇒])|(?P<ocr>e)(?=[ \t]+\S)"
                       r"|(?P<arrow>à)(?=[ \t]*[A-ZÅÄÖ])|\(?(?P<enum>[a-z0-9]{1,2})\))[ \t]*")
GLYPH_BEFORE_RE = re.compile("([" + re.escape("".join(g for g in GLYPH_DEPTH if len(g) == 1)) + r"])[ \t\u00a0]*$")
NUMBERED_RE = re.compile(r"^[ \t]*(?P<num>\d{1,2})\.[ \t]+(?=[A-ZÅÄÖ])")
# '§ 12', 'forts. § 12'; OCR reads '§' as '$' or '&'
PARAGRAPH_RE = re.compile(r"^[ \t]*(?:forts(?:\.|ättning)?\s+)?[§$&]\s*(?P<num>\d{1,4})\b(?![.,:]?\s*\d)")
# a diary number on the '§' line: 'Dnr KS 2021/4', 'Dnr IF-2023-00055', 'KS 2024/31'
DNR_RE = re.compile(r"\b(?:Dnr|Diarienr|Diarienummer)\b\.?:?|\b[A-ZÅÄÖ]{1,6}[\s-]?\d{2,4}[/:.-]\d+[\w./-]*"
                    r"|\b\d{4}[/:.-]\d+\b")
NEXT_MEETING_LINE_RE = re.compile(r"^[ \t]*(?:\d{1,2}[.)]?[ \t]*|§[ \t]*\d+[ \t]*)?(?:tid och plats för[ \t]+)?"
                                  r"(?:nästa|kommande)[ \t]+\w*(?:möte|sammanträde|träff)\w*[ \t]*$", re.IGNORECASE)
MD_HEADING_RE = re.compile(r"^[ \t]*#{1,6}[ \t]*(?=\S)")
BARE_NUMBER_RE = re.compile(r"^[ \t]*(?P<num>\d{1,3})[ \t]*$")
ATT_LINE_RE = re.compile(r"^[ \t]*att[ \t]+\S")
LABEL_LINE_RE = re.compile(r"^[ \t]*(?P<label>[A-ZÅÄÖa-zåäö][\w åäöÅÄÖé/.-]{0,60}?)[ \t]*:[ \t]*$")
INLINE_LABEL_RE = re.compile(r"^(?P<label>[A-ZÅÄÖa-zåäö][\w åäöÅÄÖé/.-]{0,30}?)[ \t]*(?::|\s[–-])[ \t]+(?=\S)")
TERMINAL_END = (".", "!", "?", ":", ";")
LABEL_KINDS = ("decision", "task", "report", "opinion")


@lru_cache(maxsize=4)
def line_width(text: str) -> int:
    """The width of a full line when the text is hard-wrapped (PDF, OCR, e-mail), else 0.

    Many lines ending near one width show it; so does a text of 20 lines or more none of which is
    longer than a printed line (a PDF of short items and a few wrapped ones): then the width is
    that of its longest lines.
    """
    full = full_line(text)
    if full:
        return full
    widths = sorted(len(line.rstrip()) for line in text.splitlines() if line.strip())
    if len(widths) >= 20 and widths[-1] <= 130:
        return widths[int(0.97 * (len(widths) - 1))]
    return 0


@dataclass
class Unit:
    kind: str  # heading | subheading | label | item | para | row | form (a line laid out as a form)
    start: int
    end: int
    lines: list[tuple[int, int]] = field(default_factory=list)
    depth: int = 0  # list depth of an item (1 = top level)
    name: str | None = None  # sub-heading: its canonical name; label: the label as written
    label: str | None = None  # an inline label that opens the unit ('Beslut: Ja' -> 'Beslut')
    label_end: int | None = None  # where the text after the inline label starts
    att: bool = False  # an 'att …' clause line of a list of decisions
    paragraph: str | None = None  # heading: the § number it opens ('§ 12' -> '12'); 'forts. § 12' too
    cells: list[tuple[int, int]] = field(default_factory=list)  # row: its cells
    table: int = -1  # row: which table (rows of one table share it)
    subsection: str | None = None  # blocks.subsection of the block the unit came from, when set
    section_id: str | None = None  # blocks.section_id of that block, when set
    glyph: bool = False  # an item marked by a glyph in the text (not by the reader)
    block_heading: bool = False  # a heading the reader marked as one (not a line read as one)
    title: bool = False  # the title line of a formal item, below its '§ 12' line


@dataclass
class _Leaf:
    kind: str
    start: int
    end: int
    level: int | None = None
    subsection: str | None = None
    section_id: str | None = None
    cells: list[tuple[int, int]] = field(default_factory=list)


def _leaves(text: str, blocks: list[dict] | None) -> list[_Leaf]:
    """The leaf blocks in document order; text no block covers becomes paragraphs (blank-line separated)."""
    leaves: list[_Leaf] = []
    rows: list[_Leaf] = []
    for b in sorted(blocks or [], key=lambda b: (b["start_char"], -b["end_char"])):
        kind, s, e = b.get("kind"), b.get("start_char"), b.get("end_char")
        if s is None or e is None or e <= s or kind not in ("heading", "paragraph", "list_item", "table_row",
                                                             "table_cell"):
            continue
        if kind == "table_cell":
            if rows and rows[-1].start <= s and e <= rows[-1].end:
                rows[-1].cells.append((s, e))
            continue
        leaf = _Leaf(kind, s, e, b.get("level"), b.get("subsection"), b.get("section_id"))
        if leaves and s < leaves[-1].end:  # overlapping leaves: keep the first
            continue
        leaves.append(leaf)
        if kind == "table_row":
            rows.append(leaf)
    out: list[_Leaf] = []
    pos = 0
    for leaf in leaves + [None]:
        gap_end = leaf.start if leaf else len(text)
        for m in re.finditer(r"(?:[^\n]*\S[^\n]*(?:\n|$))+", text[pos:gap_end]):
            if not re.search(r"\w", m.group()):
                continue  # a list glyph left outside its item ('●'), a rule
            out.append(_Leaf("paragraph", pos + m.start(), pos + m.start() + len(m.group().rstrip())))
        if leaf:
            out.append(leaf)
            pos = leaf.end
    return out


def _lines(text: str, start: int, end: int):
    """(start, end) of each non-blank line of text[start:end], white space trimmed."""
    pos = start
    for line in text[start:end].split("\n"):
        body = line.rstrip()
        lead = len(body) - len(body.lstrip())
        if body.strip():
            yield pos + lead, pos + len(body)
        pos += len(line) + 1


class _Parser:
    """Turns the lines of the leaves into units (one pass, keeping the unit being built)."""

    def __init__(self, text: str, heading_starts: set[int], cues: Cues | None):
        self.text = text
        self.heading_starts = heading_starts
        self.cues = cues
        self.out: list[Unit] = []
        self.cur: Unit | None = None
        self.table = 0
        self.next_no = 1  # the number the next formal item will have ('§ 12' or a bare '12' line)
        width = line_width(text)
        self.width = width
        self.wrap = 0.8 * width if width else 70

    def close(self) -> None:
        if self.cur is not None:
            self.out.append(self.cur)
            self.cur = None

    def emit(self, unit: Unit, leaf: _Leaf, keep_open: bool = False) -> None:
        self.close()
        unit.subsection, unit.section_id = leaf.subsection, leaf.section_id
        if unit.kind == "row":
            prev = self.out[-1] if self.out else None
            if prev is None or prev.kind != "row" or "\n\n" in self.text[prev.end:unit.start].replace(" ", ""):
                self.table += 1
            unit.table = self.table
        if keep_open:
            self.cur = unit
        else:
            self.out.append(unit)

    def is_label(self, line: str) -> bool:
        if self.cues is None:
            return False
        bare = line.strip().rstrip(":").strip()
        return any(self.cues.is_label(bare, k) for k in LABEL_KINDS)

    def row(self, leaf: _Leaf) -> None:
        m = PARAGRAPH_RE.match(self.text[leaf.start:leaf.end])
        if m and len(self.text[leaf.start:leaf.end].split("|")) <= 3:  # '§ 45 | KS 2024/31' laid out as a table
            self.next_no = int(m.group("num")) + 1
            self.emit(Unit("heading", leaf.start, leaf.end, [(leaf.start, leaf.end)], paragraph=m.group("num")), leaf)
            return
        placed = [(a, b) for _, a, b in tables.cells(self.text, leaf.start, leaf.end, keep_empty=True)]
        # a reader that leaves out empty cells loses their place ('Cecilia Rahm (L) |  |  | X')
        cells = leaf.cells if len(leaf.cells) >= len(placed) else placed
        self.emit(Unit("row", leaf.start, leaf.end, [(leaf.start, leaf.end)], cells=cells), leaf)

    def heading(self, leaf: _Leaf) -> None:
        s, e = leaf.start, leaf.end
        self.emit(self._standalone(s, e) or Unit("heading", s, e, [(s, e)], depth=leaf.level or 0, block_heading=True,
                                                   paragraph=_paragraph_no(self.text[s:e])), leaf)

    def _standalone(self, s: int, e: int) -> Unit | None:
        """A line that stands alone: a formal sub-heading or a label ('Beslut:', 'Att göra:')."""
        line = self.text[s:e]
        name = subheading(line)
        # 'Beslut:' with a colon introduces the list or paragraph below it (a label); a formal
        # sub-heading ('Beslut', 'Beslutsgång:') holds until the next one
        if name is not None and not (name == "Beslut" and line.rstrip().endswith(":")):
            return Unit("subheading", s, e, [(s, e)], name=name)
        if NEXT_MEETING_LINE_RE.match(line):
            return Unit("heading", s, e, [(s, e)])  # 'Nästa möte' on a line of its own
        m = LABEL_LINE_RE.match(line)
        if (m and len(m.group("label").split()) <= 5) or self.is_label(line):
            label = (m.group("label") if m else line).strip().rstrip(":").strip()
            return Unit("label", s, e, [(s, e)], name=label)
        return None

    def line(self, s: int, e: int, leaf: _Leaf, first: bool) -> None:
        text = self.text
        body = text[s:e]
        ls = text.rfind("\n", 0, s) + 1
        m = BULLET_RE.match(body)
        cs = s + m.end() if m and s + m.end() < e else s
        alone = self._standalone(cs, e)
        if alone is not None:
            if m or leaf.kind == "list_item":
                alone.depth = self._depth(m, leaf, first)
            self.emit(alone, leaf)
            return
        nm = NUMBERED_RE.match(body)
        if nm and leaf.kind != "list_item" and _numbered_clause(body[nm.end():]):
            # '1. Kommunstyrelsen godkänner delårsrapporten.': a numbered clause, not a numbered heading
            self.emit(Unit("item", s + nm.end(), e, [(s + nm.end(), e)], depth=1), leaf, keep_open=True)
            return
        md = MD_HEADING_RE.match(body)
        if md and leaf.kind == "paragraph":  # '##§7 Nästa möte' that the reader left as a paragraph
            hs = s + md.end()
            self.emit(Unit("heading", hs, e, [(hs, e)], paragraph=_paragraph_no(body[md.end():])), leaf)
            return
        if (s in self.heading_starts or ls in self.heading_starts) and leaf.kind != "list_item":
            self.emit(Unit("heading", s, e, [(s, e)], paragraph=_paragraph_no(body)), leaf)
            return
        m = PARAGRAPH_RE.match(body) or BARE_NUMBER_RE.match(body)
        if m and self._starts_item(s) and (m.re is PARAGRAPH_RE or int(m.group("num")) == self.next_no):
            self.next_no = int(m.group("num")) + 1
            self.emit(Unit("heading", s, e, [(s, e)], paragraph=m.group("num")), leaf)
            return
        if leaf.kind == "paragraph" and (is_table_line(body) or self._in_text_table(s, body)
                                         or self._spaced_header(body)):
            cells = [(a, b) for _, a, b in tables.cells(text, s, e, keep_empty=True)]
            self.emit(Unit("row", s, e, [(s, e)], cells=cells), leaf)
            return
        if self._item_line(s, e, leaf, first):
            return
        if self._item_title(body):
            self.emit(Unit("heading", s, e, [(s, e)], title=True), leaf)
            return
        if SPACED_SPLIT_RE.search(body.strip()) and leaf.kind == "paragraph":
            self.emit(Unit("form", s, e, [(s, e)]), leaf)  # 'Utses att justera      Robert Sjögren'
            return
        cur = self.cur
        if cur is not None and self._continues(cur, body) and (not first or (
                body.lstrip()[:1].islower() and "\n\n" not in self.text[cur.end:s].replace(" ", ""))):
            cur.end = e  # (a lower-case first line goes on across a block the reader cut off)
            cur.lines.append((s, e))
            return
        self.emit(Unit("para", s, e, [(s, e)]), leaf, keep_open=True)

    def _item_title(self, body: str) -> bool:
        """The title line right below '§ 45 Dnr KS 2024/31': short, unpunctuated, part of the heading."""
        prev = self.out[-1] if self.out and self.cur is None else None
        if prev is None or prev.kind != "heading" or not prev.paragraph or prev.title:
            return False
        rest = BARE_NUMBER_RE.sub("", PARAGRAPH_RE.sub("", self.text[prev.start:prev.end], count=1))
        if DNR_RE.sub("", rest).strip(" \t|:-–"):
            return False  # the '§' line has its title already
        line = body.strip()
        return not line.endswith(TERMINAL_END) and len(line.split()) <= 14 and line[:1].isupper() \
            and subheading(line) is None

    def _depth(self, m: re.Match | None, leaf: _Leaf, first: bool) -> int:
        """The list depth of a line: the reader's level, deeper by the glyph's depth inside an item."""
        glyph = GLYPH_DEPTH.get(_glyph(m), 1) if m else 0
        if leaf.kind == "list_item":
            return (leaf.level or 1) + (0 if first else glyph or 1)
        return glyph

    def _item_line(self, s: int, e: int, leaf: _Leaf, first: bool) -> bool:
        """A list item: the first line of a list_item block, a glyph bullet, or an 'att …' clause."""
        body = self.text[s:e]
        m = BULLET_RE.match(body)
        if leaf.kind == "list_item" and first:
            cs = s + (m.end() if m and m.group("glyph") else 0)
            depth = leaf.level or 1
            g = GLYPH_BEFORE_RE.search(self.text[self.text.rfind("\n", 0, s) + 1:s])
            if depth == 1 and g:  # the glyph the reader left before the item says its depth ('○' = 2)
                depth = GLYPH_DEPTH[g.group(1)]
            self.emit(Unit("item", cs, e, [(cs, e)], depth=depth), leaf, keep_open=True)
            return True
        if m and s + m.end() < e:
            cs = s + m.end()
            unit = Unit("item", cs, e, [(cs, e)], depth=self._depth(m, leaf, first), glyph=True)
            self.emit(unit, leaf, keep_open=True)
            return True
        if ATT_LINE_RE.match(body) and self._att_list_open():
            self.emit(Unit("item", s, e, [(s, e)], depth=1, att=True), leaf, keep_open=True)
            return True
        return False

    def _att_list_open(self) -> bool:
        """Does an 'att …' line here start a clause of a list ('beslutar:' / 'att A,' / 'att B')?"""
        prev = self.cur or (self.out[-1] if self.out else None)
        if prev is None:
            return False
        if prev.kind in ("label", "subheading") or (prev.kind == "item" and prev.att):
            return True
        last = self.text[prev.lines[-1][0]:prev.end].rstrip() if prev.lines else ""
        return last.endswith(":") or re.search(r"\b(beslutar|beslutade|beslöt|besluta)$", last) is not None

    def _starts_item(self, s: int) -> bool:
        """Is a '§ 12' line the start of an item, not a wrapped reference ('… beslut 2023-11-16,\\n§ 138.')?"""
        cur = self.cur
        if cur is None or not cur.lines:
            return True
        prev = self.text[cur.lines[-1][0]:cur.end].rstrip()
        if prev.endswith((".", "!", "?", ":")):
            return True
        return not (prev.endswith((",", "kap")) or len(prev) >= self.wrap or WRAP_END_RE.search(prev))

    def _spaced_header(self, body: str) -> bool:
        """'Åtgärd        Ansvar        Klart': the header of a table laid out with spaces."""
        return self.cues is not None and SPACED_SPLIT_RE.search(body.strip()) is not None \
            and tables.is_header_line(body, self.cues)

    def _in_text_table(self, s: int, body: str) -> bool:
        """A space-aligned row right below a row of a text table."""
        prev = self.out[-1] if self.out and self.cur is None else None
        return prev is not None and prev.kind == "row" and self.text.count("\n", prev.end, s) == 1 \
            and is_table_line(body, spaced=True)

    def _continues(self, cur: Unit, body: str) -> bool:
        """Does a line continue the unit above: a wrapped line, a lower-case start, an unfinished line?"""
        if cur.kind not in ("item", "para"):
            return False
        first = body.lstrip()[:1]
        ps, pe = cur.lines[-1]
        prev = self.text[self.text.rfind("\n", 0, ps) + 1:pe].rstrip()
        if prev.endswith(":"):
            return False
        if first.islower() or first in "(–\"”":
            return not prev.endswith((".", "!", "?"))
        if prev.endswith(TERMINAL_END):
            return False
        if WRAP_END_RE.search(prev) is not None:
            return True
        if cur.kind == "item":
            return len(prev) >= self.wrap
        return bool(self.width) and len(prev) >= 0.75 * self.width


def _numbered_clause(content: str) -> bool:
    """After '1. ': a sentence (it ends in '.', ';' or ',', or runs eight words or more), not a heading."""
    content = content.strip()
    return content.endswith((".", ";", ",")) or len(content.split()) >= 8


def _glyph(m: re.Match) -> str:
    return m.group("glyph") or ("•" if m.group("ocr") else "à" if m.group("arrow") else "-")


def _paragraph_no(line: str) -> str | None:
    m = PARAGRAPH_RE.match(line)
    return m.group("num") if m else None


def units(text: str, blocks: list[dict] | None = None, heading_starts: set[int] | None = None,
          cues: Cues | None = None) -> list[Unit]:
    """The units of a document, in order: from its blocks, the lines inside them read again."""
    p = _Parser(text, heading_starts or set(), cues)
    for leaf in _leaves(text, blocks):
        if leaf.kind == "table_row":
            p.row(leaf)
        elif leaf.kind == "heading":
            p.heading(leaf)
        else:
            for i, (s, e) in enumerate(_lines(text, leaf.start, leaf.end)):
                p.line(s, e, leaf, first=i == 0)
    p.close()
    for u in p.out:
        _inline_label(text, u, cues)
    return p.out


def _inline_label(text: str, u: Unit, cues: Cues | None) -> None:
    """'Beslut: Ja', 'Åtgärd: Anna ringer', 'Uppgift - Matthias …': the label that opens a unit."""
    if cues is None or u.kind not in ("item", "para"):
        return
    m = INLINE_LABEL_RE.match(text[u.start:u.end])
    if m is None:
        return
    label = m.group("label").strip()
    sep_dash = m.group()[m.end("label"):].strip().startswith(("-", "–"))
    kinds = ("task",) if sep_dash else ("decision", "task", "due", "who")
    if any(_is_label(cues, label, k) for k in kinds):
        u.label, u.label_end = label, u.start + m.end()


def _is_label(cues: Cues, label: str, which: str) -> bool:
    """Is ``label`` a label of that kind ('due' and 'who' are the names of table columns: 'Klart', 'Ansvarig')?"""
    if which in ("due", "who"):
        rx = cues.table_columns.get("when" if which == "due" else "who")
        return rx is not None and rx.match(fold(label)) is not None
    return cues.is_label(label, which)
