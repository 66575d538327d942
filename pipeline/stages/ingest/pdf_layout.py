"""A PDF page's layout from pdfplumber's words: lines, their column segments, and ruled tables.

Words carry their font size, font name (bold) and x-position. A line is the words at one height;
a gap wider than a column gap (1.5 em, or two character widths in a monospace font) splits it
into segments: the columns of a form such as a formal protocol's front page (labels on the left,
names in one or two columns on the right). Ruled tables come from pdfplumber's table finder
(at least two rows and two columns with text); their words are not read again as lines.
"""
from __future__ import annotations

import re
import statistics
from dataclasses import dataclass, field

from pipeline.contract.document import COLUMN_GAP

_BOLD_FONT = re.compile(r"bold|black|heavy|semibold|demibold|,b$|-b$", re.IGNORECASE)
_MONO_FONT = re.compile(r"mono|courier|consol|typewriter|fixed", re.IGNORECASE)
BULLETS = set("•●▪■◦○–-*·►➢✓\uf0b7\uf0a7\uf0d8\uf076o")
Y_TOLERANCE = 3.0


@dataclass
class Word:
    text: str
    x0: float
    x1: float
    top: float
    bottom: float
    size: float
    bold: bool
    mono: bool = False


@dataclass
class Line:
    segments: list[list[Word]]
    top: float
    bottom: float

    @property
    def words(self) -> list[Word]:
        return [w for seg in self.segments for w in seg]

    @property
    def texts(self) -> list[str]:
        return [" ".join(w.text for w in seg) for seg in self.segments]

    @property
    def text(self) -> str:
        return COLUMN_GAP.join(self.texts)

    @property
    def x0(self) -> float:
        return self.segments[0][0].x0

    @property
    def size(self) -> float:
        sizes = [w.size for w in self.words for _ in w.text]
        return statistics.median(sizes) if sizes else 0.0

    @property
    def bold(self) -> bool:
        letters = [w.bold for w in self.words for c in w.text if c.isalnum()]
        return bool(letters) and all(letters)


@dataclass
class TableItem:
    rows: list[list[str]]
    top: float
    bottom: float
    x0: float = 0.0

    @property
    def text(self) -> str:
        return "\n".join(" | ".join(r) for r in self.rows)


@dataclass
class TextLine:
    """A line with no geometry (an OCR'd page, the pdfium fallback)."""
    text: str


@dataclass
class PageLayout:
    items: list = field(default_factory=list)   # Line | TableItem | TextLine, in reading order
    width: float = 0.0
    source: str = "layer"                        # 'layer' or 'ocr'

    @property
    def line_texts(self) -> list[str]:
        return [it.text for it in self.items]

    def plain_text(self) -> str:
        return "\n".join(self.line_texts)


def _tables(page) -> list:
    """Ruled tables worth reading as tables: two rows and two columns with text, not the page frame."""
    try:
        found = page.find_tables()
    except Exception:  # noqa: BLE001 - a table finder failure leaves the words to the lines
        return []
    out = []
    for t in found:
        try:
            rows = [[" ".join((c or "").split()) for c in r] for r in t.extract()]
        except Exception:  # noqa: BLE001
            continue
        rows = [r for r in rows if any(r)]
        width = max((len(r) for r in rows), default=0)
        cols = sum(1 for k in range(width) if any(k < len(r) and r[k] for r in rows))
        if len(rows) >= 2 and cols >= 2 and all(len(r) >= 2 for r in rows[:1]):
            x0, top, x1, bottom = t.bbox
            if (x1 - x0) * (bottom - top) < 0.9 * page.width * page.height:
                out.append((t.bbox, rows))
    return out


def _inside(w: dict, bbox) -> bool:
    x0, top, x1, bottom = bbox
    cx, cy = (w["x0"] + w["x1"]) / 2, (w["top"] + w["bottom"]) / 2
    return x0 <= cx <= x1 and top <= cy <= bottom


def _words(page, tables) -> list[Word]:
    raw = page.extract_words(x_tolerance=2, y_tolerance=Y_TOLERANCE, keep_blank_chars=False,
                             use_text_flow=False, extra_attrs=["size", "fontname"])
    out = []
    for w in raw:
        if any(_inside(w, bbox) for bbox, _ in tables):
            continue
        font = w.get("fontname") or ""
        out.append(Word(w["text"], w["x0"], w["x1"], w["top"], w["bottom"], float(w.get("size") or 0),
                        bool(_BOLD_FONT.search(font)), bool(_MONO_FONT.search(font))))
    return out


def _column_gap(w: Word) -> float:
    char = (w.x1 - w.x0) / max(len(w.text), 1)
    return 1.9 * char if w.mono else 1.5 * max(w.size, 1.0)


def _is_bullet(w: Word) -> bool:
    return len(w.text) == 1 and w.text in BULLETS or bool(re.fullmatch(r"\(?\d{1,2}[.)]|[a-z][.)]", w.text))


def _segments(words: list[Word]) -> list[list[Word]]:
    segs: list[list[Word]] = [[words[0]]]
    for prev, w in zip(words, words[1:]):
        first_is_bullet = len(segs[-1]) == 1 and _is_bullet(segs[-1][0])
        if w.x0 - prev.x1 > _column_gap(prev) and not first_is_bullet:
            segs.append([w])
        else:
            segs[-1].append(w)
    return segs


def lines_of(words: list[Word]) -> list[Line]:
    """Words grouped into lines (by their top within Y_TOLERANCE), left to right, split into segments."""
    lines: list[list[Word]] = []
    for w in sorted(words, key=lambda w: (w.top, w.x0)):
        if lines and abs(w.top - lines[-1][0].top) <= Y_TOLERANCE:
            lines[-1].append(w)
        else:
            lines.append([w])
    out = []
    for ws in lines:
        ws.sort(key=lambda w: w.x0)
        out.append(Line(_segments(ws), min(w.top for w in ws), max(w.bottom for w in ws)))
    return out


def page_layout(page, clean=lambda s: s) -> PageLayout:
    """The lines and tables of a pdfplumber page, top to bottom."""
    tables = _tables(page)
    words = _words(page, tables)
    for w in words:
        w.text = clean(w.text)
    words = [w for w in words if w.text.strip()]
    items: list = lines_of(words) if words else []
    for bbox, rows in tables:
        items.append(TableItem([[clean(c) for c in r] for r in rows], bbox[1], bbox[3], bbox[0]))
    items.sort(key=lambda it: it.top)
    return PageLayout(items, float(page.width))


def text_layout(text: str, source: str = "ocr") -> PageLayout:
    """A page known only by its text (OCR, the pdfium fallback): one TextLine per line."""
    return PageLayout([TextLine(line) for line in text.split("\n")], 0.0, source)
