"""PDF: the text layer through pdfplumber, OCR for pages without a usable one.

Per page: the text layer in reading order with its line structure. A page is OCR'd
(rendered at ``ocr_dpi`` with pdfium, Tesseract ``ocr_lang``) when its text layer is
missing or not plausible text (too few letters in words wordfreq's Swedish or English
lists know — a garbage layer from an old OCR). Then, over the whole document, running
headers/footers and page numbers that repeat at the top or bottom of most pages are
removed, and words hyphenated at a line end are joined.

Pages are joined with PAGE_SEPARATOR = "\\n\\f\\n": a blank line that holds a form feed,
so a page break is a paragraph break for line-based stages (``line.strip() == ''``) and
page boundaries stay recoverable (``text.split(PAGE_SEPARATOR)``).
"""
from __future__ import annotations

import math
import re
import time
from collections import Counter
from io import BytesIO

from pipeline.stages.ingest import lang as langmod
from pipeline.stages.ingest.text import clean_text

PAGE_SEPARATOR = "\n\f\n"


class EncryptedPDF(Exception):
    pass


class BrokenPDF(Exception):
    pass


# --- per-page decisions ------------------------------------------------------------

_CID = re.compile(r"\(cid:\d+\)")


def letters(text: str) -> int:
    return sum(1 for c in text if c.isalpha())


def needs_ocr(text: str, has_images: bool, params: dict) -> str | None:
    """Why the page should be OCR'd ('no text layer', 'garbage text layer'), or None."""
    n = letters(_CID.sub("", text))
    n_cid = len(_CID.findall(text))
    if n_cid >= 10 and n_cid * 5 > n:
        return "unmapped glyphs (cid) in the text layer"
    if n < params["min_page_chars"]:
        return "no text layer" if has_images else None
    if not langmod.plausible_text(_CID.sub(" ", text), params["min_swedish_share"]):
        return "garbage text layer"
    return None


# --- cleanup over pages --------------------------------------------------------------

_PAGE_NO = re.compile(r"^\s*(?:(?:sida|sid\.?|s\.|page|blad)\s*)?[-–—]?\s*\d{1,4}\s*[-–—]?\s*"
                      r"(?:(?:av|of|/|\()\s*\d{1,4}\)?)?\s*$", re.I)


def _key(line: str) -> str:
    return re.sub(r"\s+", " ", re.sub(r"\d+", "#", line.strip().lower()))


def strip_running_lines(pages: list[str], region: int = 3, min_share: float = 0.6) -> list[str]:
    """Remove headers/footers (and page numbers) repeating in the top or bottom ``region``
    lines of at least ``min_share`` of the pages (and at least two pages). Digits count as
    equal so 'Sida 3 av 9' and 'Sida 4 av 9' match."""
    n = sum(1 for p in pages if p.strip())
    if n < 2:
        return pages
    need = max(2, math.ceil(min_share * n))
    split = [p.split("\n") for p in pages]

    def regions(lines: list[str]) -> tuple[list[int], list[int]]:
        idx = [i for i, ln in enumerate(lines) if ln.strip()]
        return idx[:region], idx[-region:]

    top_c: Counter[str] = Counter()
    bot_c: Counter[str] = Counter()
    for lines in split:
        top, bot = regions(lines)
        top_c.update({_key(lines[i]) for i in top})
        bot_c.update({_key(lines[i]) for i in bot})

    def removable(key: str, counter: Counter[str]) -> bool:
        if counter[key] < need or not key or len(key) > 150 or key.startswith("§"):
            return False
        return True

    out = []
    for lines in split:
        top, bot = regions(lines)
        drop = {i for i in top if removable(_key(lines[i]), top_c)}
        drop |= {i for i in bot if removable(_key(lines[i]), bot_c)}
        # a lone page number at the very top/bottom also goes when most pages have one
        kept = [ln for i, ln in enumerate(lines) if i not in drop]
        out.append("\n".join(kept).strip("\n"))
    # page numbers that vary in form (e.g. '- 2 -' on some, '3' on others)
    with_no = sum(1 for p in out if p.strip() and (_PAGE_NO.match(_edge(p, 0)) or _PAGE_NO.match(_edge(p, -1))))
    if with_no >= need:
        out = [_drop_edge_page_numbers(p) for p in out]
    return out


def _edge(page: str, which: int) -> str:
    lines = [ln for ln in page.split("\n") if ln.strip()]
    return lines[which] if lines else ""


def _drop_edge_page_numbers(page: str) -> str:
    lines = page.split("\n")
    nonempty = [i for i, ln in enumerate(lines) if ln.strip()]
    drop = {i for i in (nonempty[:1] + nonempty[-1:]) if _PAGE_NO.match(lines[i])}
    return "\n".join(ln for i, ln in enumerate(lines) if i not in drop).strip("\n")


# Swedish coordination: 'kultur- och fritidsnämnden', 'barn- eller ungdomsverksamhet'
_KEEP_HYPHEN_BEFORE = {"och", "eller", "samt", "respektive", "resp", "till", "som", "men", "and", "or", "&"}
_HYPH_END = re.compile(r"([^\W\d_]*[^\W\d_])[-\u00ad]$")
_LOWER_START = re.compile(r"^\s*([^\W\d_]+)(.*)$")


def join_hyphenated(text: str) -> str:
    """'sam-\\nfällighet är' -> 'samfällighet\\när': the word is joined on the first line and
    the rest of the second line stays on its own line. Hyphens before 'och'/'eller' and
    after capitals/digits ('IT-', 'Covid-19-') are kept."""
    lines = text.split("\n")
    i = 0
    while i < len(lines) - 1:
        cur = lines[i].rstrip()
        m = _HYPH_END.search(cur)
        nxt = lines[i + 1]
        m2 = _LOWER_START.match(nxt)
        if m and m2:
            head = m.group(1)
            word2, rest = m2.group(1), m2.group(2)
            if (head[-1].islower() and word2[0].islower() and word2.lower() not in _KEEP_HYPHEN_BEFORE
                    and cur.endswith(("-", "\u00ad"))):
                lines[i] = cur[:-1] + word2
                lines[i + 1] = rest.lstrip()
                if not lines[i + 1]:
                    del lines[i + 1]
                continue
        i += 1
    return "\n".join(lines)


# --- readers ----------------------------------------------------------------------------

BLANK_CHECK_DPI = 50  # a page to OCR is first rendered this small to see whether it is blank


def _render_pdfium(data: bytes, index: int, dpi: int, max_pixels: int = 80_000_000):
    import pypdfium2 as pdfium

    pdf = pdfium.PdfDocument(data)
    try:
        page = pdf[index]
        w, h = page.get_size()
        scale = dpi / 72
        if w * h * scale * scale > max_pixels:
            scale = math.sqrt(max_pixels / (w * h))
        bitmap = page.render(scale=scale, grayscale=True)
        return bitmap.to_pil()
    finally:
        pdf.close()


def _open_pdfplumber(data: bytes):
    import pdfplumber
    from pdfminer.pdfdocument import PDFEncryptionError, PDFPasswordIncorrect

    try:
        return pdfplumber.open(BytesIO(data))
    except PDFPasswordIncorrect as e:
        raise EncryptedPDF("encrypted PDF: a password is required to open it") from e
    except PDFEncryptionError as e:
        raise EncryptedPDF(f"encrypted PDF with an unsupported encryption scheme: {e}") from e
    except Exception as e:  # noqa: BLE001
        if type(e).__name__ == "PdfminerException" and e.args and "Password" in type(e.args[0]).__name__:
            raise EncryptedPDF("encrypted PDF: a password is required to open it") from e
        raise BrokenPDF(f"{type(e).__name__}: {e}") from e


def _text_layer_pdfplumber(data: bytes, params: dict, deadline: float | None):
    """[(text, has_images)] per page, or raises EncryptedPDF/BrokenPDF."""
    pdf = _open_pdfplumber(data)
    out = []
    try:
        pages = pdf.pages
        for i, page in enumerate(pages):
            if i >= params["max_pages"]:
                break
            _check(deadline)
            try:
                text = page.extract_text(x_tolerance=2, y_tolerance=3) or ""
            except Exception as e:  # noqa: BLE001
                if "Password" in type(e).__name__ or "Encrypt" in type(e).__name__:
                    raise EncryptedPDF(f"encrypted PDF: {type(e).__name__}") from e
                text = ""
            try:
                has_images = bool(page.images)
            except Exception:  # noqa: BLE001
                has_images = True
            out.append((text, has_images))
            page.flush_cache() if hasattr(page, "flush_cache") else None
        n = len(pages)
    except (EncryptedPDF, TimeoutError):
        raise
    except Exception as e:  # noqa: BLE001
        if "Password" in type(e).__name__ or "Encrypt" in type(e).__name__:
            raise EncryptedPDF("encrypted PDF: a password is required to open it") from e
        raise BrokenPDF(f"{type(e).__name__}: {e}") from e
    finally:
        pdf.close()
    return out, n


def _text_layer_pdfium(data: bytes, params: dict, deadline: float | None):
    """Fallback for files pdfminer cannot parse (pdfium repairs broken cross-references)."""
    import pypdfium2 as pdfium

    try:
        pdf = pdfium.PdfDocument(data)
    except pdfium.PdfiumError as e:
        msg = str(e)
        if "password" in msg.lower():
            raise EncryptedPDF("encrypted PDF: a password is required to open it") from e
        raise BrokenPDF(msg) from e
    out = []
    try:
        n = len(pdf)
        for i in range(min(n, params["max_pages"])):
            _check(deadline)
            page = pdf[i]
            tp = page.get_textpage()
            text = tp.get_text_range().replace("\r\n", "\n").replace("\r", "\n")
            has_images = any(obj.type == pdfium.raw.FPDF_PAGEOBJ_IMAGE for obj in page.get_objects())
            out.append((text, has_images))
    finally:
        pdf.close()
    return out, n


def _check(deadline: float | None) -> None:
    if deadline is not None and time.monotonic() > deadline:
        raise TimeoutError("time limit reached")


def read_pdf(data: bytes, params: dict, deadline: float | None = None):
    """(page texts, ocr_pages (1-based), ocr_engine or None, n_pages, warnings)."""
    warnings: list[str] = []
    try:
        layer, n_pages = _text_layer_pdfplumber(data, params, deadline)
    except BrokenPDF as e:
        try:
            layer, n_pages = _text_layer_pdfium(data, params, deadline)
        except BrokenPDF:
            raise BrokenPDF(f"corrupt or truncated PDF ({e})") from None
        warnings.append(f"damaged PDF read with the pdfium fallback ({str(e)[:120]})")
    if n_pages == 0:
        raise BrokenPDF("PDF has no pages")
    if n_pages > params["max_pages"]:
        warnings.append(f"only the first {params['max_pages']} of {n_pages} pages were read")

    texts: list[str] = []
    ocr_pages: list[int] = []
    engine = None
    ocr_ok = None
    blank = 0
    for i, (text, has_images) in enumerate(layer):
        text = clean_text(text)
        reason = needs_ocr(text, has_images, params)
        if reason and not params["ocr"]:
            warnings.append(f"page {i + 1}: {reason}; OCR is switched off")
            reason = None
        if not reason:
            text = _CID.sub("", text)
        if reason:
            from pipeline.stages.ingest import ocr as ocrmod
            if ocr_ok is None:
                try:
                    ocrmod.check_ready(params["ocr_lang"])
                    ocr_ok = True
                except ocrmod.OCRUnavailable as e:
                    ocr_ok = False
                    warnings.append(f"OCR unavailable: {e}")
            if ocr_ok:
                _check(deadline)
            if ocr_ok and ocrmod.is_blank(_render_pdfium(data, i, BLANK_CHECK_DPI)):
                blank += 1  # a blank scanned page: nothing to read, and OCR would take seconds
                text = ""
            elif ocr_ok:
                _check(deadline)
                img = _render_pdfium(data, i, params["ocr_dpi"])
                new, rot = ocrmod.ocr_image(img, lang=params["ocr_lang"], osd=params["ocr_osd"], deadline=deadline)
                new = clean_text(new)
                old_clean = _CID.sub("", text)
                # keep the old layer when it was readable (in some language) and OCR is worse
                if (letters(old_clean) >= params["min_page_chars"] and reason == "garbage text layer"
                        and langmod.swedish_share(new) + 0.05 < langmod.swedish_share(old_clean)):
                    warnings.append(f"page {i + 1}: OCR was no better than the text layer; layer kept")
                else:
                    text = new
                    ocr_pages.append(i + 1)
                    engine = ocrmod.engine_name(params["ocr_lang"])
                    if rot:
                        warnings.append(f"page {i + 1} was rotated {rot}° (corrected)")
                    if reason != "no text layer":
                        warnings.append(f"page {i + 1}: {reason} replaced by OCR")
            else:
                text = _CID.sub("", text)
        texts.append(text)
    if blank:
        warnings.append(f"{blank} blank page(s) not OCR'd")
    texts = strip_running_lines(texts)
    texts = [join_hyphenated(t) for t in texts]
    return texts, ocr_pages, engine, n_pages, warnings
