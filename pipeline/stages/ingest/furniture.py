"""Page furniture: what a page carries that is not the document's text.

Running headers and footers (the municipality, document type and page number, and the body and
date repeated under them on later pages: "KUNGSBACKA KOMMUN   SAMMANTRÄDESPROTOKOLL   4 (25)"), page
numbers, signature and certification lines ("Justerandes signatur", "Utdragsbestyrkande",
"Expedierat/bestyrkt", "Det här dokumentet är digitalt signerat", "Transaktionsidentitet: …") and
whole digital-signature certificate pages (Visma, Scrive, … "Undertecknat av följande personer").

Works on pages as lists of line strings, so the PDF reader (lines from the layout) and the plain-text
reader (renderings of such PDFs, pages found from their running headers) share it. The first page's
title block is never furniture: the body and date under the first header are the document's title,
even though they repeat under the headers of later pages.
"""
from __future__ import annotations

import math
import re

HEADER_REGION = 6     # content lines at the top of a page that can be a running header
FOOTER_REGION = 3
MIN_SHARE = 0.6       # a running line repeats on at least this share of the pages (and on two)

_SIGNATURE_PHRASE = re.compile(
    r"(?:justerandes?\s+sign(?:atur|\.)?|justerares\s+signatur|ordförandes\s+signatur|sekreterarens?\s+signatur|"
    r"utdragsbestyrkande|expedierat\s*/\s*bestyrkt|expedierat|bestyrkt|"
    r"det\s+här\s+dokumentet\s+är\s+(?:digitalt|elektroniskt)\s+signerat|"
    r"transaktionsidentitet\s*:?\s*[0-9A-Z]{16,}|transaktion\s+[0-9A-Z]{16,})", re.IGNORECASE)
_CERTIFICATE = re.compile(
    r"undertecknat\s+av\s+följande\s+personer|underskriftstjänst|signerat\s+med\s+(?:svenskt\s+)?bankid|"
    r"^\s*verifikat\s*$|dokumentet\s+är\s+(?:digitalt\s+)?signerat\s+av|signing\s+certificate|"
    r"^\s*(?:scrive|visma\s+addo|assently|oneflow)\b", re.IGNORECASE | re.MULTILINE)
_PAGE_NO = re.compile(r"^\s*(?:(?:sida|sid\.?|s\.|page|blad)\s*)?[-–—]?\s*\d{1,4}\s*[-–—]?\s*"
                      r"(?:(?:av|of|/|\()\s*\d{1,4}\)?)?\s*$", re.IGNORECASE)
# a header line that carries the page number: '… SAMMANTRÄDESPROTOKOLL   4 (25)', '… Sida 3 av 9'
_NUMBERED_HEADER = re.compile(r"(?:\b\d{1,4}\s*\(\s*\d{1,4}\s*\)|\b(?:sida|page|s\.)\s*\d{1,4}\s*(?:av|of|/)\s*\d{1,4})"
                              r"\s*$", re.IGNORECASE)
_SPACES = re.compile(r"\s+")
_DIGITS = re.compile(r"\d+")


def _exact(line: str) -> str:
    return _SPACES.sub(" ", line.strip().lower())


def _shape(line: str) -> str:
    return _DIGITS.sub("#", _exact(line))


def is_signature_line(line: str) -> bool:
    """A line made only of signature/certification phrases ('Justerandes signatur   Utdragsbestyrkande')."""
    rest = _SIGNATURE_PHRASE.sub(" ", line)
    return rest.strip(" \t|:.,-–_") == "" and bool(line.strip())


def is_page_number(line: str) -> bool:
    return bool(_PAGE_NO.match(line)) and bool(line.strip())


def is_certificate(lines: list[str]) -> int | None:
    """Index of the line where a digital-signature certificate begins on this page, or None."""
    for i, line in enumerate(lines):
        if _CERTIFICATE.search(line):
            return i
    return None


def _content(lines: list[str], marks: dict[int, str]) -> list[int]:
    return [i for i, ln in enumerate(lines) if ln.strip() and i not in marks]


def _running_keys(pages: list[list[str]], marks: list[dict[int, str]], top: bool) -> tuple[set, set]:
    """(exact lines, page-number-bearing line shapes) repeating at the top (bottom) of enough pages."""
    exact: dict[str, int] = {}
    shaped: dict[str, int] = {}
    n = 0
    for lines, m in zip(pages, marks):
        idx = _content(lines, m)
        if not idx:
            continue
        n += 1
        region = idx[:HEADER_REGION] if top else idx[-FOOTER_REGION:]
        for key in {_exact(lines[i]) for i in region}:
            exact[key] = exact.get(key, 0) + 1
        for key in {_shape(lines[i]) for i in region if _NUMBERED_HEADER.search(lines[i])}:
            shaped[key] = shaped.get(key, 0) + 1
    need = max(2, math.ceil(MIN_SHARE * max(n - 1, 1)))   # page 1 may carry its own header
    return ({k for k, c in exact.items() if c >= need and len(k) <= 150 and not k.startswith("§")},
            {k for k, c in shaped.items() if c >= need})


def _page_number_is(token: str, page: int) -> bool:
    numbers = [int(x) for x in _DIGITS.findall(token)]
    return bool(numbers) and numbers[0] == page and (len(numbers) < 2 or numbers[1] >= page)


def page_furniture(pages: list[list[str]]) -> list[dict[int, str]]:
    """Per page, {line index: furniture kind} for the lines that are page furniture."""
    marks: list[dict[int, str]] = [{} for _ in pages]
    for p, lines in enumerate(pages):
        if p > 0:
            start = is_certificate(lines)
            if start is not None:
                first = _content(lines, {})
                begin = 0 if first and start <= first[0] + max(3, len(first) // 3) else start
                marks[p].update({i: "certificate_page" for i in range(begin, len(lines)) if lines[i].strip()})
        for i, line in enumerate(lines):
            if i not in marks[p] and is_signature_line(line):
                marks[p][i] = "signature_line"
    if len([m for m in marks if not any(v == "certificate_page" for v in m.values())]) >= 2:
        _mark_running(pages, marks)
    _mark_page_numbers(pages, marks)
    return marks


def _mark_running(pages: list[list[str]], marks: list[dict[int, str]]) -> None:
    top_exact, top_shaped = _running_keys(pages, marks, top=True)
    bot_exact, bot_shaped = _running_keys(pages, marks, top=False)

    def running(line: str, exact: set, shaped: set, page: int | None = None) -> bool:
        numbered = _NUMBERED_HEADER.search(line)
        if numbered and page is not None and _page_number_is(numbered.group(), page):
            return True   # 'N (M)' with this page's own number: a header even on two pages
        return _exact(line) in exact or (numbered is not None and _shape(line) in shaped)

    for p, lines in enumerate(pages):
        idx = _content(lines, marks[p])
        if p > 0:   # the first page's title block is content
            for i in idx[:HEADER_REGION]:
                if not running(lines[i], top_exact, top_shaped, p + 1):
                    break
                marks[p][i] = "running_header"
        for i in reversed(idx[-FOOTER_REGION:]):
            if i in marks[p] or not running(lines[i], bot_exact, bot_shaped):
                break
            marks[p][i] = "running_footer"


def _mark_page_numbers(pages: list[list[str]], marks: list[dict[int, str]]) -> None:
    """A lone page number at the top or bottom edge of a page."""
    for p, lines in enumerate(pages):
        idx = _content(lines, marks[p])
        for i in idx[:1] + idx[-1:]:
            if is_page_number(lines[i]) and (len(pages) > 1 or _NUMBERED_HEADER.search(lines[i])):
                marks[p][i] = "page_number"


# --- plain text renderings: pages found from their running headers ---------------------------------

def split_pages(lines: list[str]) -> list[int]:
    """Line indices where a page begins in a text without form feeds: a line carrying a page number
    ('… 2 (4)', 'Sida 2 av 9') whose shape repeats. The first page begins at 0."""
    shapes: dict[str, list[int]] = {}
    for i, line in enumerate(lines):
        if _NUMBERED_HEADER.search(line) and len(line.strip()) <= 150:
            shapes.setdefault(_shape(line), []).append(i)
    starts = sorted({i for idx in shapes.values() if len(idx) >= 2 for i in idx})
    return [0] + [i for i in starts if i > 0]
