"""Read one file into the format-dependent part of a documents row (in-process).

``extract`` never raises for bad input: every failure becomes status 'error' with a
message. Time limits are enforced around it by :mod:`pipeline.stages.ingest.worker`; here only
cooperative checks (between pages, Tesseract's own timeout) exist.
"""
from __future__ import annotations

import time
import traceback
from pathlib import Path

from pipeline.stages.ingest import lang as langmod
from pipeline.stages.ingest.detect import SUFFIX_FORMATS, detect_format
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
    """The format-dependent columns: format, n_pages, ocr, ocr_pages, ocr_engine, text_raw,
    status, error, warnings."""
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


def _extract(path: Path, data: bytes, params: dict, deadline: float | None) -> dict:
    suffix_fmt = SUFFIX_FORMATS.get(path.suffix.lower())
    if len(data) == 0:
        return _fail(suffix_fmt, "empty file (0 bytes)")
    fmt, warning = detect_format(path, data)
    warnings = [warning] if warning else []
    if fmt is None:
        return _fail(suffix_fmt, warning or "unsupported format", [])

    n_pages = None
    ocr_pages: list[int] = []
    engine = None
    if fmt in ("txt", "md", "org"):
        from pipeline.stages.ingest.text import LineTooLong, NotText, read_text
        try:
            text, w = read_text(data, fmt, params["max_line_chars"])
        except LineTooLong as e:
            return _fail(fmt, str(e), warnings)
        except NotText as e:
            if suffix_fmt in ("pdf", "docx", "image"):
                # e.g. random bytes named .pdf: say what it is not, not how it was read
                return _fail(suffix_fmt, f"not a valid {suffix_fmt} file (no {suffix_fmt} signature), "
                                         f"and not text either: {e}")
            return _fail(fmt, f"{e}; not a supported format", warnings)
        warnings += w
    elif fmt == "html":
        from pipeline.stages.ingest.office import read_html
        text, w = read_html(data)
        warnings += w
    elif fmt == "docx":
        from pipeline.stages.ingest.office import read_docx
        try:
            text, w = read_docx(data)
        except Exception as e:  # noqa: BLE001
            return _fail(fmt, f"corrupt .docx file ({type(e).__name__}: {str(e)[:200]})", warnings)
        warnings += w
    elif fmt == "pdf":
        from pipeline.stages.ingest.pdf import PAGE_SEPARATOR, BrokenPDF, EncryptedPDF, read_pdf
        try:
            pages, ocr_pages, engine, n_pages, w = read_pdf(data, params, deadline)
        except EncryptedPDF as e:
            return _fail(fmt, str(e), warnings)
        except BrokenPDF as e:
            return _fail(fmt, str(e), warnings)
        warnings += w
        text = PAGE_SEPARATOR.join(pages)
    elif fmt == "image":
        from PIL import UnidentifiedImageError

        from pipeline.stages.ingest.ocr import OCRUnavailable, engine_name, read_image
        if not params["ocr"]:
            return _fail(fmt, "image file and OCR is switched off", warnings)
        try:
            pages, w = read_image(data, params, deadline)
        except TimeoutError:
            raise  # a time limit, not a corrupt image (TimeoutError is an OSError)
        except UnidentifiedImageError:
            return _fail(fmt, "corrupt or unreadable image (the image data cannot be identified)", warnings)
        except (OSError, SyntaxError, ValueError) as e:
            return _fail(fmt, f"corrupt or unreadable image ({type(e).__name__}: {str(e)[:200]})", warnings)
        except OCRUnavailable as e:
            return _fail(fmt, str(e), warnings)
        from pipeline.stages.ingest.pdf import PAGE_SEPARATOR
        warnings += w
        n_pages = len(pages)
        ocr_pages = list(range(1, n_pages + 1))
        engine = engine_name(params["ocr_lang"])
        text = PAGE_SEPARATOR.join(pages)
    else:  # pragma: no cover - detect_format only returns the above
        return _fail(fmt, f"unsupported format {fmt}", warnings)

    if not text.strip():
        what = "whitespace only" if fmt in ("txt", "md", "org") else "no text found"
        if fmt in ("pdf", "image") and not ocr_pages and params["ocr"] is False:
            what = "no text layer and OCR is switched off"
        return _fail(fmt, f"no text: {what}", warnings, n_pages)
    from pipeline.stages.ingest.text import LineTooLong, longest_line
    longest = longest_line(text)
    if params["max_line_chars"] and longest > params["max_line_chars"]:
        return _fail(fmt, str(LineTooLong(longest, params["max_line_chars"])), warnings, n_pages)
    not_sv = langmod.not_swedish_warning(text)
    if not_sv:
        warnings.append(not_sv)
    return {"format": fmt, "n_pages": n_pages, "ocr": bool(ocr_pages), "ocr_pages": ocr_pages,
            "ocr_engine": engine, "text_raw": text, "status": "ok", "error": None, "warnings": warnings}


def deadline_for(params: dict) -> float | None:
    t = params.get("timeout_s") or 0
    return time.monotonic() + t if t > 0 else None
