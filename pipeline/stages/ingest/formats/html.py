"""HTML with BeautifulSoup: h1–h6, p/div, ul/ol/li (depth), table/tr/td/th, <br>, <strong> labels.

Scripts, styles and comments are dropped; <title> and <meta> (author, date, description, dc.*)
and a leading HTML-comment front matter are metadata, never text.
"""
from __future__ import annotations

import re

from pipeline.contract.document import TextBuilder
from pipeline.stages.ingest.formats import Reading, list_marker, put_meta
from pipeline.stages.ingest.formats.frontmatter import _key_values
from pipeline.stages.ingest.text import clean_text, decode_bytes

_HEADINGS = {"h1": 1, "h2": 2, "h3": 3, "h4": 4, "h5": 5, "h6": 6}
_BLOCK_TAGS = {
    "address", "article", "aside", "blockquote", "body", "caption", "dd", "details", "div", "dl",
    "dt", "fieldset", "figcaption", "figure", "footer", "form", "header", "hr", "main", "nav", "p",
    "section", "summary", "center", "html",
}
_DROP_TAGS = {"script", "style", "noscript", "template", "svg", "head", "iframe", "object", "button", "select",
              "title", "meta"}
_BOLD = {"strong", "b"}
_BR = "\x00"   # a <br> while inline text is gathered (source line breaks are plain spaces)
_SPACE = re.compile(r"[ \t\r\n\f\v\u00a0]+")


def html_decode(data: bytes) -> str:
    from bs4 import UnicodeDammit

    m = re.search(rb"""<meta[^>]+charset\s*=\s*["']?([\w-]+)""", data[:4096], re.IGNORECASE)
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


class _Walker:
    def __init__(self, b: TextBuilder):
        self.b = b
        self.buf: list[tuple[str, bool]] = []   # (text, inside <strong>)
        self.bold = 0
        self.depth = 0                           # list nesting
        self.ordered: list[list] = []            # per open list: [ordered, next number]
        self.in_item = False

    def _gathered(self) -> tuple[str, dict]:
        raw = "".join(t for t, _ in self.buf)
        text = "\n".join(_SPACE.sub(" ", line).strip() for line in raw.split(_BR))
        text = re.sub(r"\n{2,}", "\n", text.strip("\n ")).strip()
        attrs: dict = {}
        visible = [(t, bd) for t, bd in self.buf if t.strip(" \t\r\n\u00a0" + _BR)]
        if visible and all(bd for _, bd in visible):
            attrs["bold"] = True
        elif visible and visible[0][1]:
            attrs["label"] = _SPACE.sub(" ", visible[0][0]).strip()
        self.buf.clear()
        return text, attrs

    def flush(self) -> None:
        text, attrs = self._gathered()
        if not text:
            return
        if self.in_item and self.ordered:
            ordered, number = self.ordered[-1]
            if ordered:
                self.ordered[-1][1] = number + 1
                attrs.update(ordered=True, number=number)
            self.b.list_item(text, self.depth, list_marker(self.depth, number if ordered else None), **attrs)
            self.in_item = False   # text after a nested list in the same <li> is a paragraph
        else:
            self.b.paragraph(text, **attrs)

    def walk(self, node) -> None:
        from bs4 import Comment, NavigableString, Tag
        for child in node.children:
            if isinstance(child, Comment):
                continue
            if isinstance(child, NavigableString):
                self.buf.append((str(child), self.bold > 0))
            elif isinstance(child, Tag):
                self.element(child)

    def element(self, el) -> None:
        name = el.name
        if name in _DROP_TAGS:
            return
        if name == "br":
            self.buf.append((_BR, self.bold > 0))
        elif name in _HEADINGS:
            self.flush()
            self.b.heading(_SPACE.sub(" ", el.get_text(" ")).strip(), _HEADINGS[name])
        elif name in ("ul", "ol"):
            self.flush()
            start = el.get("start")
            self.ordered.append([name == "ol", int(start) if str(start or "").isdigit() else 1])
            self.depth += 1
            self.walk(el)
            self.depth -= 1
            self.ordered.pop()
        elif name == "li":
            self.flush()
            if not self.ordered:
                self.ordered.append([False, 1])
                self.depth = 1
            self.in_item = True
            self.walk(el)
            self.flush()
            self.in_item = False
        elif name == "table":
            self.flush()
            self.table(el)
        elif name == "pre":
            self.flush()
            self.b.paragraph(el.get_text().strip("\n"), code=True)
        elif name in _BLOCK_TAGS or name in ("tr", "td", "th"):
            self.flush()
            self.walk(el)
            self.flush()
        else:
            bold = name in _BOLD or "font-weight:bold" in (el.get("style") or "").replace(" ", "")
            self.bold += bold
            self.walk(el)
            self.bold -= bold

    def table(self, el) -> None:
        rows = [tr for tr in el.find_all("tr") if tr.find_parent("table") is el]
        if not rows:
            return
        self.b.open("table")
        for tr in rows:
            cells = [_SPACE.sub(" ", c.get_text(" ")).strip() for c in tr.find_all(["td", "th"], recursive=False)]
            if any(cells):
                header = all(c.name == "th" for c in tr.find_all(["td", "th"], recursive=False))
                self.b.row(cells, **({"header": True} if header else {}))
        self.b.close("table")


def _metadata(soup) -> list[tuple[str, str]]:
    from bs4 import Comment
    items = []
    if soup.title and soup.title.get_text(strip=True):
        items.append(("title", soup.title.get_text(" ", strip=True)))
    for m in soup.find_all("meta"):
        key = (m.get("name") or m.get("property") or "").lower()
        if key and m.get("content"):
            key = key.split(".")[-1].split(":")[-1]
            items.append((key, m["content"]))
    first = next((c for c in soup.find_all(string=True) if c.strip()), None)
    if isinstance(first, Comment):
        items += list((_key_values(str(first)) or {}).items())
    return items


def html_reading(markup: str) -> Reading:
    from bs4 import BeautifulSoup
    try:
        soup = BeautifulSoup(markup, "lxml")
    except Exception:  # noqa: BLE001 - lxml missing
        soup = BeautifulSoup(markup, "html.parser")
    b = TextBuilder()
    put_meta(b, _metadata(soup))
    w = _Walker(b)
    w.walk(soup.body or soup)
    w.flush()
    return Reading.of(b)


def read_html(data: bytes) -> Reading:
    return html_reading(clean_text(html_decode(data)))
