"""OpenDocument text (.odt) with odfpy: headings (outline level), paragraphs, nested lists, tables,
and the meta.xml properties (title, creator, dates) as metadata."""
from __future__ import annotations

from io import BytesIO

from pipeline.contract.document import TextBuilder
from pipeline.stages.ingest.formats import ReadFailed, Reading, list_marker, put_meta
from pipeline.stages.ingest.text import clean_text

_TEXT = "urn:oasis:names:tc:opendocument:xmlns:text:1.0"
_TABLE = "urn:oasis:names:tc:opendocument:xmlns:table:1.0"


def _qname(node) -> tuple[str, str] | None:
    return getattr(node, "qname", None)


def _text_of(node) -> str:
    """The text of a paragraph-like element: spaces (text:s), tabs and line breaks honoured."""
    out: list[str] = []
    for child in node.childNodes:
        if child.nodeType == child.TEXT_NODE:
            out.append(str(child.data))
            continue
        q = _qname(child)
        if q == (_TEXT, "s"):
            out.append(" " * int(child.getAttribute("c") or 1))
        elif q == (_TEXT, "tab"):
            out.append("\t")
        elif q == (_TEXT, "line-break"):
            out.append("\n")
        elif q in ((_TEXT, "note"), (_TEXT, "bookmark"), (_TEXT, "annotation")):
            continue
        else:
            out.append(_text_of(child))
    return "".join(out)


class _Reader:
    def __init__(self) -> None:
        self.b = TextBuilder()

    def walk(self, node, depth: int = 0) -> None:
        for child in node.childNodes:
            q = _qname(child)
            if q == (_TEXT, "h"):
                level = int(child.getAttribute("outlinelevel") or 1)
                self.b.heading(clean_text(_text_of(child)).replace("\n", " ").strip(), min(level, 6))
            elif q == (_TEXT, "p"):
                text = clean_text(_text_of(child)).strip()
                if depth:
                    self.b.list_item(text, depth, list_marker(depth))
                else:
                    self.b.paragraph(text)
            elif q == (_TEXT, "list"):
                self.walk(child, depth + 1)
            elif q in ((_TEXT, "list-item"), (_TEXT, "list-header"), (_TEXT, "section")):
                self.walk(child, depth)
            elif q == (_TABLE, "table"):
                self.table(child)
            elif q is not None and q[1] in ("table-header-rows", "table-rows", "soft-page-break"):
                self.walk(child, depth)

    def table(self, node) -> None:
        self.b.open("table")
        for row in _rows(node):
            cells = [clean_text(" ".join(_text_of(p) for p in c.childNodes
                                         if _qname(p) in ((_TEXT, "p"), (_TEXT, "h"))))
                     for c in row.childNodes if _qname(c) == (_TABLE, "table-cell")]
            if any(c.strip() for c in cells):
                self.b.row(cells)
        self.b.close("table")


def _rows(table):
    for child in table.childNodes:
        q = _qname(child)
        if q == (_TABLE, "table-row"):
            yield child
        elif q is not None and q[0] == _TABLE and q[1] in ("table-header-rows", "table-rows", "table-row-group"):
            yield from _rows(child)


def _metadata(doc) -> list[tuple[str, str]]:
    items = []
    for node in doc.meta.childNodes:
        q = _qname(node)
        if q is None:
            continue
        value = "".join(str(c.data) for c in node.childNodes if c.nodeType == c.TEXT_NODE).strip()
        key = {"creator": "author", "initial-creator": "initial_creator", "creation-date": "created"}.get(q[1], q[1])
        if value and key not in ("generator", "editing-cycles", "editing-duration"):
            items.append((key, value))
    created = dict(items).get("created")
    if created:
        items.append(("date", created[:10]))
    return items


def read_odt(data: bytes) -> Reading:
    from odf.opendocument import load
    try:
        doc = load(BytesIO(data))
    except Exception as e:
        raise ReadFailed(f"corrupt .odt file ({type(e).__name__}: {str(e)[:200]})") from e
    r = _Reader()
    put_meta(r.b, _metadata(doc))
    r.walk(doc.text)
    return Reading.of(r.b)
