"""docx with python-docx: paragraph styles and tables in document order, core properties as metadata.

'Heading N' / 'Rubrik N' → heading level N, 'Title' / 'Rubrik' → level 1; a numbered paragraph
(numPr, or a 'List …' / 'Liststycke' style) → list item, depth from the numbering level, bullet or
ordered from the numbering definition. Tables → rows and cells (a merged cell once). Section
headers and footers are page furniture.
"""
from __future__ import annotations

import re
from io import BytesIO

from pipeline.contract.document import TextBuilder
from pipeline.stages.ingest.formats import ReadFailed, Reading, list_marker, put_meta
from pipeline.stages.ingest.text import clean_text

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_HEADING_STYLE = re.compile(r"^(?:heading|rubrik|overskrift|überschrift)\s*(\d)$", re.IGNORECASE)
_TITLE_STYLE = re.compile(r"^(?:title|rubrik|titel)$", re.IGNORECASE)
_LIST_STYLE = re.compile(r"^(?:list|liststycke|punktlista|numrerad lista)", re.IGNORECASE)


def _num_formats(document) -> dict[tuple[str, int], str]:
    """(numId, ilvl) -> numFmt ('bullet', 'decimal', …) from the numbering part."""
    try:
        numbering = document.part.numbering_part.element
    except (KeyError, AttributeError, NotImplementedError):
        return {}
    abstract = {}
    for an in numbering.findall(f"{_W}abstractNum"):
        lvls = {}
        for lvl in an.findall(f"{_W}lvl"):
            fmt = lvl.find(f"{_W}numFmt")
            lvls[int(lvl.get(f"{_W}ilvl", "0"))] = fmt.get(f"{_W}val") if fmt is not None else "bullet"
        abstract[an.get(f"{_W}abstractNumId")] = lvls
    out = {}
    for num in numbering.findall(f"{_W}num"):
        ref = num.find(f"{_W}abstractNumId")
        if ref is not None:
            for ilvl, fmt in abstract.get(ref.get(f"{_W}val"), {}).items():
                out[(num.get(f"{_W}numId"), ilvl)] = fmt
    return out


class _Reader:
    def __init__(self, document):
        self.doc = document
        self.b = TextBuilder()
        self.formats = _num_formats(document)
        self.counters: dict[tuple[str, int], int] = {}

    def paragraph(self, p) -> None:
        text = clean_text(p.text)
        if not text.strip():
            return
        style = (p.style.name if p.style is not None else "") or ""
        attrs = {"style": style} if style and style != "Normal" else {}
        runs = [r for r in p.runs if r.text.strip()]
        if runs and all(r.bold or (r.style is not None and r.style.font.bold) for r in runs):
            attrs["bold"] = True
        m = _HEADING_STYLE.match(style)
        if m or _TITLE_STYLE.match(style):
            self.b.heading(text.replace("\n", " "), int(m.group(1)) if m else 1, **attrs)
            return
        num = p._p.find(f"{_W}pPr/{_W}numPr")
        if num is not None or _LIST_STYLE.match(style):
            self.list_item(text, num, attrs)
            return
        self.b.paragraph(text, **attrs)

    def list_item(self, text: str, num, attrs: dict) -> None:
        ilvl, num_id = 0, None
        if num is not None:
            lvl_el, id_el = num.find(f"{_W}ilvl"), num.find(f"{_W}numId")
            ilvl = int(lvl_el.get(f"{_W}val")) if lvl_el is not None else 0
            num_id = id_el.get(f"{_W}val") if id_el is not None else None
        style = attrs.get("style", "")
        if num is None:   # numbering from the style ('List Bullet 2', 'List Number')
            m = re.search(r"(\d)$", style)
            ilvl = int(m.group(1)) - 1 if m else 0
            num_id = style
            fmt = "decimal" if re.search(r"number|numrerad", style, re.IGNORECASE) else "bullet"
        else:
            fmt = self.formats.get((num_id, ilvl), "bullet")
        number = None
        if fmt not in ("bullet", "none"):
            key = (num_id, ilvl)
            number = self.counters.get(key, 0) + 1
            self.counters[key] = number
            for k in [k for k in self.counters if k[0] == num_id and k[1] > ilvl]:
                del self.counters[k]   # a deeper level restarts under a new parent
            attrs.update(ordered=True, number=number)
        self.b.list_item(text, ilvl + 1, list_marker(ilvl + 1, number), **attrs)

    def table(self, table) -> None:
        self.b.open("table")
        for row in table.rows:
            cells: list[str] = []
            seen: set[int] = set()
            for cell in row.cells:
                if id(cell._tc) in seen:   # a merged cell repeats across its span
                    continue
                seen.add(id(cell._tc))
                parts = [p.text for p in cell.paragraphs]
                for inner in cell.tables:
                    parts += [c.text for r in inner.rows for c in r.cells]
                cells.append(clean_text(" ".join(x.strip() for x in parts if x.strip())))
            if any(cells):
                self.b.row(cells)
        self.b.close("table")

    def body(self) -> None:
        from docx.table import Table
        from docx.text.paragraph import Paragraph
        for child in self.doc.element.body.iterchildren():
            tag = child.tag.rsplit("}", 1)[-1]
            if tag == "p":
                self.paragraph(Paragraph(child, self.doc))
            elif tag == "tbl":
                self.table(Table(child, self.doc))
            elif tag == "sdt":   # content controls (e.g. a table of contents) hold paragraphs
                for p in child.iter(f"{_W}p"):
                    self.paragraph(Paragraph(p, self.doc))

    def furniture(self) -> None:
        seen = set()
        for section in self.doc.sections:
            for part, kind in ((section.header, "running_header"), (section.footer, "running_footer")):
                try:
                    text = "\n".join(p.text for p in part.paragraphs if p.text.strip())
                except Exception:  # noqa: BLE001 - a missing header part
                    continue
                if text and text not in seen:
                    seen.add(text)
                    self.b.furniture(clean_text(text), at=0, kind=kind)

    def metadata(self) -> None:
        cp = self.doc.core_properties
        put_meta(self.b, [("title", cp.title), ("author", cp.author), ("subject", cp.subject),
                          ("keywords", cp.keywords), ("last_modified_by", cp.last_modified_by),
                          ("date", cp.created.date().isoformat() if cp.created else None),
                          ("modified", cp.modified.isoformat() if cp.modified else None)])


def read_docx(data: bytes) -> Reading:
    import docx
    try:
        document = docx.Document(BytesIO(data))
    except Exception as e:
        raise ReadFailed(f"corrupt .docx file ({type(e).__name__}: {str(e)[:200]})") from e
    r = _Reader(document)
    r.metadata()
    r.body()
    r.furniture()
    return Reading.of(r.b)
