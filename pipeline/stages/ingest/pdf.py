"""PDF: the text layer through pdfplumber's characters, OCR for pages without a usable one.

Per page: the layout (:mod:`pipeline.stages.ingest.pdf_layout`: lines with font size, bold and
x-position, column segments, ruled tables). A page is OCR'd (rendered at ``ocr_dpi`` with pdfium,
Tesseract ``ocr_lang``) when its text layer is missing or not plausible text (too few letters in
words wordfreq's Swedish or English lists know, or too few Swedish dictionary words — a garbage
layer from an old OCR); the OCR replaces the layer when it has more Swedish dictionary words. Then,
over the whole document, page furniture (:mod:`pipeline.stages.ingest.furniture`) is found, and
the pages are written as text and blocks (:mod:`pipeline.stages.ingest.pdf_blocks`); words
hyphenated at a line end are joined. The PDF's document information (Title, Author, dates) is
metadata.

Pages are joined with PAGE_SEPARATOR = "\\n\\f\\n": a blank line that holds a form feed,
so a page break is a paragraph break for line-based stages (``line.strip() == ''``) and
page boundaries stay recoverable (``text.split(PAGE_SEPARATOR)``).
"""
from __future__ import annotations

import math
import re
import time
from io import BytesIO

from pipeline.contract.document import TextBuilder
from pipeline.stages.ingest import lang as langmod
from pipeline.stages.ingest.formats import Reading, put_meta
from pipeline.stages.ingest.furniture import page_furniture
from pipeline.stages.ingest.hyphenation import join_hyphenated
from pipeline.stages.ingest.pdf_blocks import doc_style, write_page
from pipeline.stages.ingest.pdf_layout import PageLayout, page_layout, text_layout
from pipeline.stages.ingest.text import clean_text

__all__ = [
    "PAGE_SEPARATOR",
    "BrokenPDF",
    "EncryptedPDF",
    "join_hyphenated",
    "needs_ocr",
    "pdf_metadata",
    "read_pdf",
]

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
    share, n_words = langmod.dictionary_share(text)
    if n_words >= 20 and share < params["min_dictionary_share"] and langmod.english_dictionary_share(text) < 0.6:
        return "garbage text layer"  # an old OCR: real words among junk (English text is not junk)
    return None


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
    except Exception as e:
        if type(e).__name__ == "PdfminerException" and e.args and "Password" in type(e.args[0]).__name__:
            raise EncryptedPDF("encrypted PDF: a password is required to open it") from e
        raise BrokenPDF(f"{type(e).__name__}: {e}") from e


def _clean_word(text: str) -> str:
    return _CID.sub("", clean_text(text))


def pdf_metadata(info: dict) -> list[tuple[str, str]]:
    """The PDF's document information as metadata: Title, Author, Subject, Keywords, dates."""
    out = []
    for key, value in (info or {}).items():
        if isinstance(value, bytes):
            value = value.decode("utf-8", errors="replace")
        if not isinstance(value, str) or not value.strip():
            continue
        k = str(key).lower()
        m = re.match(r"^D:(\d{4})(\d{2})?(\d{2})?", value)
        if k in ("creationdate", "moddate") and m:
            value = "-".join(x for x in m.groups() if x)
            if k == "creationdate":
                out.append(("date", value))
            k = {"creationdate": "created", "moddate": "modified"}[k]
        out.append((k, value.strip()))
    return out


def _text_layer_pdfplumber(data: bytes, params: dict, deadline: float | None):
    """([(layout, has_images)] per page, number of pages, metadata), or raises EncryptedPDF/BrokenPDF."""
    pdf = _open_pdfplumber(data)
    out = []
    try:
        pages = pdf.pages
        meta = pdf_metadata(pdf.metadata)
        for i, page in enumerate(pages):
            if i >= params["max_pages"]:
                break
            _check(deadline)
            try:
                layout = page_layout(page, _clean_word)
            except Exception as e:
                if "Password" in type(e).__name__ or "Encrypt" in type(e).__name__:
                    raise EncryptedPDF(f"encrypted PDF: {type(e).__name__}") from e
                layout = PageLayout()
            try:
                has_images = bool(page.images)
            except Exception:  # noqa: BLE001
                has_images = True
            out.append((layout, has_images))
            page.flush_cache() if hasattr(page, "flush_cache") else None
        n = len(pages)
    except (EncryptedPDF, TimeoutError):
        raise
    except Exception as e:
        if "Password" in type(e).__name__ or "Encrypt" in type(e).__name__:
            raise EncryptedPDF("encrypted PDF: a password is required to open it") from e
        raise BrokenPDF(f"{type(e).__name__}: {e}") from e
    finally:
        pdf.close()
    return out, n, meta


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
            text = clean_text(tp.get_text_range().replace("\r\n", "\n").replace("\r", "\n"))
            has_images = any(obj.type == pdfium.raw.FPDF_PAGEOBJ_IMAGE for obj in page.get_objects())
            out.append((text_layout(_CID.sub("", text), "layer"), has_images))
    finally:
        pdf.close()
    return out, n, []


def _check(deadline: float | None) -> None:
    if deadline is not None and time.monotonic() > deadline:
        raise TimeoutError("time limit reached")


class _OCR:
    """OCR of the pages that need it, with the decision whether the OCR replaces the layer."""

    def __init__(self, data: bytes, params: dict, deadline: float | None, warnings: list[str]):
        self.data, self.params, self.deadline, self.warnings = data, params, deadline, warnings
        self.ready: bool | None = None
        self.pages: list[int] = []
        self.engine: str | None = None
        self.blank = 0  # blank scanned pages, not OCR'd

    def available(self) -> bool:
        from pipeline.stages.ingest import ocr as ocrmod
        if self.ready is None:
            try:
                ocrmod.check_ready(self.params["ocr_lang"])
                self.ready = True
            except ocrmod.OCRUnavailable as e:
                self.ready = False
                self.warnings.append(f"OCR unavailable: {e}")
        return self.ready

    def page(self, i: int, layout: PageLayout, reason: str) -> PageLayout:
        from pipeline.stages.ingest import ocr as ocrmod
        if not self.available():
            return layout
        _check(self.deadline)
        if ocrmod.is_blank(_render_pdfium(self.data, i, BLANK_CHECK_DPI)):
            self.blank += 1  # nothing to read, and OCR would take seconds
            return text_layout("", "ocr")
        img = _render_pdfium(self.data, i, self.params["ocr_dpi"])
        new, rot = ocrmod.ocr_image(img, lang=self.params["ocr_lang"], osd=self.params["ocr_osd"],
                                    deadline=self.deadline)
        new = clean_text(new)
        old = layout.plain_text()
        if reason == "garbage text layer" and letters(old) >= self.params["min_page_chars"] \
                and not ocr_is_better(old, new):
            self.warnings.append(f"page {i + 1}: OCR was no better than the text layer; layer kept")
            return layout
        self.pages.append(i + 1)
        self.engine = ocrmod.engine_name(self.params["ocr_lang"])
        if rot:
            self.warnings.append(f"page {i + 1} was rotated {rot}° (corrected)")
        if reason != "no text layer":
            self.warnings.append(f"page {i + 1}: {reason} replaced by OCR")
        return text_layout(new, "ocr")


def ocr_is_better(old: str, new: str) -> bool:
    """The OCR wins when it has more Swedish dictionary words than the old layer (a garbage layer of
    an old OCR keeps some real words among its junk; a fresh OCR of the page has many more)."""
    old_share, old_n = langmod.dictionary_share(old)
    new_share, new_n = langmod.dictionary_share(new)
    # as many dictionary words at least (an OCR that read half the page does not win), at a clearly higher share
    return new_share * new_n >= 0.95 * old_share * old_n and new_share > old_share + 0.05


def read_pdf(data: bytes, params: dict, deadline: float | None = None) -> Reading:
    """Text and blocks of a PDF (pages, OCR where the text layer is missing or garbage)."""
    warnings: list[str] = []
    try:
        layer, n_pages, meta = _text_layer_pdfplumber(data, params, deadline)
    except BrokenPDF as e:
        try:
            layer, n_pages, meta = _text_layer_pdfium(data, params, deadline)
        except BrokenPDF:
            raise BrokenPDF(f"corrupt or truncated PDF ({e})") from None
        warnings.append(f"damaged PDF read with the pdfium fallback ({str(e)[:120]})")
    if n_pages == 0:
        raise BrokenPDF("PDF has no pages")
    if n_pages > params["max_pages"]:
        warnings.append(f"only the first {params['max_pages']} of {n_pages} pages were read")
    ocr = _OCR(data, params, deadline, warnings)
    layouts: list[PageLayout] = []
    for i, (layout, has_images) in enumerate(layer):
        reason = needs_ocr(layout.plain_text(), has_images, params)
        if reason and not params["ocr"]:
            warnings.append(f"page {i + 1}: {reason}; OCR is switched off")
            reason = None
        layouts.append(ocr.page(i, layout, reason) if reason else layout)
    if ocr.blank:
        warnings.append(f"{ocr.blank} blank page(s) not OCR'd")
    marks = page_furniture([lay.line_texts for lay in layouts])
    style = doc_style(layouts)
    b = TextBuilder()
    put_meta(b, meta)
    for number, (layout, page_marks) in enumerate(zip(layouts, marks), start=1):
        write_page(b, layout, page_marks, style, number)
    return Reading.of(b, warnings, n_pages=n_pages, ocr_pages=ocr.pages, engine=ocr.engine)
