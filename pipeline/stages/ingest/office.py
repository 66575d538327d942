""".docx and .html: text with the block structure kept as lines.

Tables come out one row per line, cells joined by ' | '.
"""
from __future__ import annotations

import re
from io import BytesIO

from pipeline.stages.ingest.text import clean_text, decode_bytes

CELL_SEP = " | "


# --- docx ---------------------------------------------------------------------------

def _docx_table_rows(table) -> list[str]:
    rows = []
    for row in table.rows:
        cells: list[str] = []
        seen: set[int] = set()
        for cell in row.cells:
            if id(cell._tc) in seen:  # a merged cell repeats across the span
                continue
            seen.add(id(cell._tc))
            parts = [p.text for p in cell.paragraphs]
            for inner in cell.tables:
                parts += _docx_table_rows(inner)
            cells.append(" ".join(x.strip() for x in parts if x.strip()))
        if any(cells):
            rows.append(CELL_SEP.join(cells))
    return rows


def read_docx(data: bytes) -> tuple[str, list[str]]:
    """(text, warnings): body paragraphs and tables in document order."""
    import docx
    from docx.table import Table
    from docx.text.paragraph import Paragraph

    document = docx.Document(BytesIO(data))
    lines: list[str] = []
    body = document.element.body
    for child in body.iterchildren():
        tag = child.tag.rsplit("}", 1)[-1]
        if tag == "p":
            lines.append(Paragraph(child, document).text)
        elif tag == "tbl":
            lines += _docx_table_rows(Table(child, document))
        elif tag == "sdt":  # content controls (e.g. a table of contents) hold paragraphs
            for p in child.iter("{http://schemas.openxmlformats.org/wordprocessingml/2006/main}p"):
                lines.append(Paragraph(p, document).text)
    text = clean_text("\n".join(lines))
    return text, []


# --- html ---------------------------------------------------------------------------

_BLOCK_TAGS = {
    "address", "article", "aside", "blockquote", "body", "caption", "dd", "details", "div", "dl",
    "dt", "fieldset", "figcaption", "figure", "footer", "form", "h1", "h2", "h3", "h4", "h5", "h6",
    "header", "hr", "li", "main", "nav", "ol", "p", "pre", "section", "summary", "table", "tbody",
    "thead", "tfoot", "tr", "ul", "title", "center", "font-block",
}
_DROP_TAGS = {"script", "style", "noscript", "template", "svg", "head", "iframe", "object", "button", "select"}


def _html_decode(data: bytes) -> str:
    from bs4 import UnicodeDammit

    m = re.search(rb"""<meta[^>]+charset\s*=\s*["']?([\w-]+)""", data[:4096], re.I)
    declared = [m.group(1).decode("ascii", "ignore")] if m else []
    try:
        text, _ = decode_bytes(data)
        if not declared or text.isascii() or declared[0].lower().replace("_", "-") in ("utf-8", "utf8"):
            return text
    except Exception:  # noqa: BLE001
        pass
    dammit = UnicodeDammit(data, declared + ["utf-8", "cp1252"], is_html=True)
    if dammit.unicode_markup is None:
        return data.decode("cp1252", errors="replace")
    return dammit.unicode_markup


def html_to_text(markup: str) -> str:
    from bs4 import BeautifulSoup, Comment, NavigableString, Tag

    try:
        soup = BeautifulSoup(markup, "lxml")
    except Exception:  # noqa: BLE001 - lxml missing
        soup = BeautifulSoup(markup, "html.parser")
    title = soup.title.get_text(" ", strip=True) if soup.title else ""
    for t in soup.find_all(_DROP_TAGS):
        t.decompose()
    for c in soup.find_all(string=lambda s: isinstance(s, Comment)):
        c.extract()

    lines: list[str] = []
    buf: list[str] = []

    def flush() -> None:
        line = re.sub(r"[ \t\r\n\f\v\u00a0]+", " ", "".join(buf)).strip()
        buf.clear()
        if line:
            lines.append(line)

    def walk(node) -> None:
        for child in node.children:
            if isinstance(child, NavigableString):
                buf.append(str(child))
            elif isinstance(child, Tag):
                name = child.name
                if name == "br":
                    flush()
                elif name == "tr":
                    flush()
                    cells = [re.sub(r"\s+", " ", c.get_text(" ", strip=True))
                             for c in child.find_all(["td", "th"], recursive=False)]
                    if any(cells):
                        lines.append(CELL_SEP.join(cells))
                elif name == "pre":
                    flush()
                    lines.extend(x.rstrip() for x in child.get_text().split("\n") if x.strip())
                elif name in _BLOCK_TAGS:
                    flush()
                    if name in ("h1", "h2", "h3", "h4", "h5", "h6") and lines and lines[-1] != "":
                        lines.append("")
                    walk(child)
                    flush()
                    if name in ("p", "h1", "h2", "h3", "h4", "h5", "h6", "table", "ul", "ol"):
                        lines.append("")
                else:
                    walk(child)

    walk(soup.body or soup)
    flush()
    text = "\n".join(lines)
    text = re.sub(r"\n{3,}", "\n\n", text).strip("\n")
    if title and text.split("\n", 1)[0].strip() != title:  # a <title> repeating the first heading is dropped
        text = title + "\n\n" + text if text else title
    return text


def read_html(data: bytes) -> tuple[str, list[str]]:
    markup = _html_decode(data)
    return clean_text(html_to_text(markup)), []
