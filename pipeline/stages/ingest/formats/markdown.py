"""Markdown with markdown-it-py (CommonMark + GFM tables, front matter via mdit-py-plugins).

Headings (also '#Rubrik' without the space, as people write it), paragraphs, nested bullet and
ordered lists, pipe tables, blockquotes and code become blocks; inline markup (emphasis, links,
code spans, HTML tags) is removed from the text. Front matter (YAML, TOML, an HTML comment) is
metadata.
"""
from __future__ import annotations

import functools
import re

from pipeline.contract.document import TextBuilder
from pipeline.stages.ingest.formats import Reading, list_marker, put_meta
from pipeline.stages.ingest.formats.frontmatter import split_front_matter

_TIGHT_HEADING = re.compile(r"^( {0,3})(#{1,6})(?=[^\s#])", re.MULTILINE)
_FENCE = re.compile(r"^ {0,3}(`{3,}|~{3,})")


@functools.lru_cache(maxsize=1)
def _parser():
    from markdown_it import MarkdownIt
    from mdit_py_plugins.front_matter import front_matter_plugin

    return MarkdownIt("commonmark").use(front_matter_plugin).enable(["table", "strikethrough"])


def _space_tight_headings(src: str) -> str:
    """'#Rubrik' -> '# Rubrik' outside code fences (CommonMark needs the space)."""
    out, fence = [], None
    for line in src.split("\n"):
        m = _FENCE.match(line)
        if m:
            fence = None if fence and m.group(1)[0] == fence else (fence or m.group(1)[0])
        elif fence is None:
            line = _TIGHT_HEADING.sub(r"\1\2 ", line)
        out.append(line)
    return "\n".join(out)


def inline_text(token) -> tuple[str, bool]:
    """(text of an inline token without markup, whether all of it is bold)."""
    parts: list[str] = []
    bold = depth = 0
    all_bold = True
    for t in token.children or []:
        if t.type == "strong_open":
            depth += 1
        elif t.type == "strong_close":
            depth -= 1
        elif t.type in ("text", "code_inline"):
            parts.append(t.content)
            if t.content.strip():
                bold += 1
                all_bold &= depth > 0
        elif t.type in ("softbreak", "hardbreak"):
            parts.append("\n")
        elif t.type == "image":
            parts.append(t.content or "")
        elif t.type == "html_inline" and t.content.lower().startswith("<br"):
            parts.append("\n")
    text = "\n".join(line.strip() for line in "".join(parts).split("\n"))
    return text.strip("\n"), bool(bold) and all_bold


class _Walker:
    def __init__(self, b: TextBuilder):
        self.b = b
        self.lists: list[list] = []     # per open list: [ordered, next number]
        self.item: list[str] | None = None
        self.item_attrs: dict = {}
        self.quote = 0
        self.row: list[str] | None = None

    def flush_item(self) -> None:
        if self.item is not None and self.lists:
            ordered, number = self.lists[-1][0], self.item_attrs.get("number")
            text = "\n".join(p for p in self.item if p.strip())
            attrs = {"ordered": True, "number": number} if ordered else {}
            self.b.list_item(text, len(self.lists), list_marker(len(self.lists), number if ordered else None),
                             **attrs)
        self.item = None

    def token(self, t) -> None:
        b = self.b
        kind = t.type
        if kind in ("bullet_list_open", "ordered_list_open"):
            self.flush_item()
            start = int(t.attrGet("start") or 1) if kind == "ordered_list_open" else None
            self.lists.append([kind == "ordered_list_open", start])
        elif kind in ("bullet_list_close", "ordered_list_close"):
            self.flush_item()
            self.lists.pop()
        elif kind == "list_item_open":
            self.flush_item()
            number = None
            if self.lists and self.lists[-1][0]:
                number = int(t.info) if t.info.isdigit() else self.lists[-1][1]
                self.lists[-1][1] = number + 1
            self.item, self.item_attrs = [], {"number": number}
        elif kind == "list_item_close":
            self.flush_item()
        elif kind == "blockquote_open":
            self.quote += 1
        elif kind == "blockquote_close":
            self.quote -= 1
        elif kind == "table_open":
            b.open("table")
        elif kind == "table_close":
            b.close("table")
        elif kind == "tr_open":
            self.row = []
        elif kind == "tr_close":
            b.row(self.row or [], **({"header": True} if t.level <= 2 and self._in_head else {}))
            self.row = None
        elif kind == "thead_open":
            self._in_head = True
        elif kind == "thead_close":
            self._in_head = False
        elif kind in ("fence", "code_block"):
            self.flush_item()
            b.paragraph(t.content.rstrip("\n"), code=True)
        elif kind == "html_block":
            self.html_block(t.content)
        elif kind == "inline":
            self.inline(t)

    _in_head = False
    _heading: int | None = None

    def html_block(self, content: str) -> None:
        from bs4 import BeautifulSoup, Comment
        soup = BeautifulSoup(content, "html.parser")
        for c in soup.find_all(string=lambda s: isinstance(s, Comment)):
            c.extract()
        text = "\n".join(x.strip() for x in soup.get_text("\n").split("\n") if x.strip())
        if text:
            self.b.paragraph(text)

    def inline(self, t) -> None:
        text, bold = inline_text(t)
        attrs = {"bold": True} if bold else {}
        if self.row is not None:
            self.row.append(text)
        elif self._heading is not None:
            self.b.heading(text.replace("\n", " "), self._heading)
        elif self.item is not None:
            self.item.append(text)
        else:
            if self.quote:
                attrs["quote"] = True
            self.b.paragraph(text, **attrs)


def read_markdown(text: str) -> Reading:
    """Text and blocks of a Markdown document (its text already decoded)."""
    b = TextBuilder()
    meta, body, _ = split_front_matter(text)
    put_meta(b, meta.items())
    w = _Walker(b)
    for t in _parser().parse(_space_tight_headings(body)):
        if t.type == "heading_open":
            w.flush_item()
            w._heading = int(t.tag[1])
        elif t.type == "heading_close":
            w._heading = None
        elif t.type == "front_matter":
            continue
        else:
            w.token(t)
    return Reading.of(b)
