"""Read one file into the format-dependent part of a documents row (in-process).

``extract`` never raises for bad input: every failure becomes status 'error' with a message. Each
format has one handler (bytes -> :class:`~pipeline.stages.ingest.formats.Reading`, or
:class:`~pipeline.stages.ingest.formats.ReadFailed`); the checks every reading gets (no text, a line
too long, not Swedish) follow in one place. Time limits are enforced around it by
:mod:`pipeline.stages.ingest.worker`; here only cooperative checks (between pages, Tesseract's own
timeout) exist.
"""
from __future__ import annotations

import time
import traceback
from collections.abc import Callable
from dataclasses import asdict
from pathlib import Path

from pipeline.stages.ingest import lang as langmod
from pipeline.stages.ingest.detect import SUFFIX_FORMATS, TEXT_FORMATS, detect_format
from pipeline.stages.ingest.formats import ReadFailed, Reading
from pipeline.stages.ingest.params import IngestParams

DEFAULT_PARAMS: dict = IngestParams.defaults()


def resolve_params(params: dict | IngestParams | None) -> dict:
    """The ingest parameters as a dict, defaults filled in; an unknown key or a wrong type is a ParamsError."""
    if isinstance(params, IngestParams):
        return params.as_dict()
    return IngestParams.from_mapping(params, "ingest").as_dict()


def _fail(fmt: str | None, message: str, warnings: list[str] | None = None, n_pages=None) -> dict:
    return {"format": fmt, "n_pages": n_pages, "ocr": False, "ocr_pages": [], "ocr_engine": None,
            "text_raw": None, "status": "error", "error": message, "warnings": warnings or []}


def extract(path: Path, params: dict, deadline: float | None = None, data: bytes | None = None) -> dict:
    """The format-dependent columns: format, n_pages, ocr, ocr_pages, ocr_engine, text_raw, status,
    error, warnings; and ``blocks`` (dicts of Block fields) and ``metadata`` (the file's own)."""
    suffix_fmt = SUFFIX_FORMATS.get(path.suffix.lower())
    try:
        if data is None:
            data = Path(path).read_bytes()
    except OSError as e:
        return _fail(suffix_fmt, f"cannot read file: {e.strerror or e}")
    try:
        return _extract(path, data, params, deadline)
    except TimeoutError as e:
        return _fail(suffix_fmt, f"time limit of {params['timeout_s']:g} s exceeded ({e})")
    except MemoryError:
        return _fail(suffix_fmt, "out of memory while reading the file")
    except Exception as e:  # noqa: BLE001 - a batch must not stop for one file
        if isinstance(e, RuntimeError) and "timeout" in str(e).lower():  # pytesseract's own time-out
            return _fail(suffix_fmt, f"time limit of {params['timeout_s']:g} s exceeded (OCR: {e})")
        tb = traceback.extract_tb(e.__traceback__)
        where = f" at {Path(tb[-1].filename).name}:{tb[-1].lineno}" if tb else ""
        return _fail(suffix_fmt, f"unexpected error: {type(e).__name__}: {e}{where}")


# --- one handler per format -------------------------------------------------------------------------

def _decoded(data: bytes, fmt: str, suffix_fmt: str | None, params: dict) -> tuple[str, list[str]]:
    from pipeline.stages.ingest.text import LineTooLong, NotText, read_text
    try:
        return read_text(data, fmt, params["max_line_chars"])
    except LineTooLong as e:
        raise ReadFailed(str(e)) from e
    except NotText as e:
        if suffix_fmt in ("pdf", "docx", "image", "odt", "doc"):
            # e.g. random bytes named .pdf: say what it is not, not how it was read
            raise ReadFailed(f"not a valid {suffix_fmt} file (no {suffix_fmt} signature), and not text either: {e}",
                             ) from e
        raise ReadFailed(f"{e}; not a supported format") from e


def _text_handler(parse: Callable[[str], Reading]):
    def handler(data: bytes, fmt: str, suffix_fmt: str | None, params: dict, deadline) -> Reading:
        text, warnings = _decoded(data, fmt, suffix_fmt, params)
        reading = parse(text)
        reading.warnings = warnings + reading.warnings
        return reading
    return handler


def _plain(text: str) -> Reading:
    from pipeline.stages.ingest.formats.plain import read_plain
    return read_plain(text)


def _markdown(text: str) -> Reading:
    from pipeline.stages.ingest.formats.markdown import read_markdown
    return read_markdown(text)


def _org(text: str) -> Reading:
    from pipeline.stages.ingest.formats.org import org_reading
    return org_reading(text)


def _latex(text: str) -> Reading:
    from pipeline.stages.ingest.formats.latex import latex_reading
    return latex_reading(text)


def _html(data: bytes, fmt, suffix_fmt, params, deadline) -> Reading:
    from pipeline.stages.ingest.formats.html import read_html
    return read_html(data)


def _docx(data: bytes, fmt, suffix_fmt, params, deadline) -> Reading:
    from pipeline.stages.ingest.formats.docx import read_docx
    return read_docx(data)


def _odt(data: bytes, fmt, suffix_fmt, params, deadline) -> Reading:
    from pipeline.stages.ingest.formats.odt import read_odt
    return read_odt(data)


def _rtf(data: bytes, fmt, suffix_fmt, params, deadline) -> Reading:
    from pipeline.stages.ingest.formats.rtf import read_rtf
    return read_rtf(data)


def _doc(data: bytes, fmt, suffix_fmt, params, deadline) -> Reading:
    from pipeline.stages.ingest.formats.doc import read_doc
    return read_doc(data)


def _pdf(data: bytes, fmt, suffix_fmt, params, deadline) -> Reading:
    from pipeline.stages.ingest.pdf import BrokenPDF, EncryptedPDF, read_pdf
    try:
        return read_pdf(data, params, deadline)
    except (EncryptedPDF, BrokenPDF) as e:
        raise ReadFailed(str(e)) from e


def _image(data: bytes, fmt, suffix_fmt, params, deadline) -> Reading:
    from PIL import UnidentifiedImageError

    from pipeline.contract.document import TextBuilder
    from pipeline.stages.ingest.formats import write_lines
    from pipeline.stages.ingest.ocr import OCRUnavailable, engine_name, read_image
    if not params["ocr"]:
        raise ReadFailed("image file and OCR is switched off")
    try:
        pages, warnings = read_image(data, params, deadline)
    except TimeoutError:
        raise  # a time limit, not a corrupt image (TimeoutError is an OSError)
    except UnidentifiedImageError as e:
        raise ReadFailed("corrupt or unreadable image (the image data cannot be identified)") from e
    except (OSError, SyntaxError, ValueError) as e:
        raise ReadFailed(f"corrupt or unreadable image ({type(e).__name__}: {str(e)[:200]})") from e
    except OCRUnavailable as e:
        raise ReadFailed(str(e)) from e
    b = TextBuilder()
    for number, page in enumerate(pages, start=1):
        b.open("page", number, source="ocr")
        write_lines(b, page.split("\n"), source="ocr")
        b.close("page")
    return Reading.of(b, warnings, n_pages=len(pages), ocr_pages=list(range(1, len(pages) + 1)),
                      engine=engine_name(params["ocr_lang"]))


HANDLERS: dict[str, Callable] = {
    "txt": _text_handler(_plain), "md": _text_handler(_markdown), "org": _text_handler(_org),
    "tex": _text_handler(_latex), "html": _html, "docx": _docx, "odt": _odt, "rtf": _rtf, "doc": _doc,
    "pdf": _pdf, "image": _image,
}
assert set(HANDLERS) == set(SUFFIX_FORMATS.values())


def _extract(path: Path, data: bytes, params: dict, deadline: float | None) -> dict:
    suffix_fmt = SUFFIX_FORMATS.get(path.suffix.lower())
    if len(data) == 0:
        return _fail(suffix_fmt, "empty file (0 bytes)")
    fmt, warning = detect_format(path, data)
    warnings = [warning] if warning else []
    if fmt is None:
        return _fail(suffix_fmt, warning or "unsupported format", [])
    try:
        reading = HANDLERS[fmt](data, fmt, suffix_fmt, params, deadline)
    except ReadFailed as e:
        return _fail(fmt, str(e), warnings)
    return _checked(fmt, reading, params, warnings + reading.warnings)


def _checked(fmt: str, r: Reading, params: dict, warnings: list[str]) -> dict:
    """The row for a reading, or an error row when it has no text or a line that is too long."""
    from pipeline.stages.ingest.text import LineTooLong, longest_line
    text = r.text
    if not text.strip():
        what = "whitespace only" if fmt in TEXT_FORMATS else "no text found"
        if fmt in ("pdf", "image") and not r.ocr_pages and params["ocr"] is False:
            what = "no text layer and OCR is switched off"
        return _fail(fmt, f"no text: {what}", warnings, r.n_pages)
    longest = longest_line(text)
    if params["max_line_chars"] and longest > params["max_line_chars"]:
        return _fail(fmt, str(LineTooLong(longest, params["max_line_chars"])), warnings, r.n_pages)
    not_sv = langmod.not_swedish_warning(text)
    if not_sv:
        warnings.append(not_sv)
    return {"format": fmt, "n_pages": r.n_pages, "ocr": bool(r.ocr_pages), "ocr_pages": r.ocr_pages,
            "ocr_engine": r.engine, "text_raw": text, "status": "ok", "error": None, "warnings": warnings,
            "blocks": [asdict(b) for b in r.blocks], "metadata": r.metadata}


def deadline_for(params: dict) -> float | None:
    t = params.get("timeout_s") or 0
    return time.monotonic() + t if t > 0 else None
