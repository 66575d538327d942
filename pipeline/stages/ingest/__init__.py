"""Ingest: one documents row per input file, and the document model (blocks).

Formats: plain text (.txt; encoding detected, mojibake fixed, page furniture removed), Markdown
(markdown-it-py), org (orgparse), LaTeX (pylatexenc), .html (BeautifulSoup), .docx (python-docx),
.odt (odfpy), .rtf (striprtf), .doc (antiword/catdoc), .pdf (pdfplumber's characters: headings,
lists, columns, tables; OCR for pages without a usable text layer) and images (OCR with Tesseract,
Swedish model, orientation corrected): one reader per format in
:mod:`pipeline.stages.ingest.formats`, all writing text and blocks through
:class:`pipeline.contract.document.TextBuilder`. The real format is found by magic bytes, so a file
whose extension lies is read by its content. Metadata in the file (front matter, document
properties) goes to ``meta_title`` / ``meta_date`` / ``meta_author`` / ``metadata``, never into the text.

``read_document`` never raises: unreadable files get status 'error' and a message; readable
text that does not look Swedish gets status 'ok' and a warning. A file larger than
``max_bytes`` is not read at all. PDFs, images (OCR), .docx and .html are read in a supervised
worker process with a time limit (``timeout_s``), so one pathological file cannot stall a
batch (see :mod:`pipeline.stages.ingest.worker`). Plain text (txt/md/org, judged by the content, not
the suffix) up to ``inline_text_max_bytes`` is read in the calling process: its parsing is
linear in the file's size (milliseconds per document), and the worker's round trip would
only cost time; larger text files go through the worker like the rest.

PDF and image pages are joined with ``"\\n\\f\\n"`` (a blank line holding a form feed).

Params (the ``ingest`` section of params.yaml; all optional): see
:data:`pipeline.stages.ingest.reader.DEFAULT_PARAMS`.
"""
from __future__ import annotations

import hashlib
import json
import os
import stat
from pathlib import Path

from pipeline.contract.document import Block, block_rows
from pipeline.contract.record import MinutesRecord
from pipeline.contract.stage import StageSpec
from pipeline.stages.ingest.detect import SUFFIX_FORMATS, TEXT_FORMATS, detect_format
from pipeline.stages.ingest.params import IngestParams
from pipeline.stages.ingest.plain import plain_text_blocks
from pipeline.stages.ingest.reader import DEFAULT_PARAMS, deadline_for, extract, resolve_params

__all__ = [
    "DEFAULT_PARAMS",
    "SUPPORTED_SUFFIXES",
    "doc_id_for",
    "ingest_document",
    "read_document",
    "source_path_for",
]

SUPPORTED_SUFFIXES: set[str] = set(SUFFIX_FORMATS)

_HASH_CHUNK = 1 << 20


def _pipeline_version() -> str:
    try:
        import pipeline
        return str(getattr(pipeline, "__version__", "0+unknown"))
    except Exception:  # noqa: BLE001
        return "0+unknown"


def doc_id_for(path: Path) -> str:
    """First 16 hex digits of the SHA-256 of the file's bytes (of the path when unreadable)."""
    h = hashlib.sha256()
    try:
        # O_NONBLOCK: a fifo put in the file's place is not waited on; only a regular file is read
        fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK)
        with open(fd, "rb") as f:
            if not stat.S_ISREG(os.fstat(fd).st_mode):
                raise OSError("not a regular file")
            while chunk := f.read(_HASH_CHUNK):
                h.update(chunk)
    except OSError:
        h = hashlib.sha256(str(path).encode("utf-8", "surrogateescape"))
    return h.hexdigest()[:16]


def source_path_for(path: Path, root: Path) -> str:
    """The path as recorded in documents.source_path: relative to the input root it was found under,
    as valid UTF-8 (bytes of a file name that are not UTF-8 are shown as '\\xNN')."""
    try:
        rel = Path(path).relative_to(root).as_posix()
    except ValueError:
        try:
            rel = Path(os.path.relpath(path, root)).as_posix()
        except ValueError:
            rel = Path(path).as_posix()
    return os.fsencode(rel).decode("utf-8", "backslashreplace")


def ingest_document(path: Path, root: Path, params: dict | None = None) -> MinutesRecord:
    """The document's row and its blocks (the document model, pipeline.contract.document). Never raises."""
    row, blocks = _document_row(Path(path), Path(root), params)
    return MinutesRecord(document=row, blocks=block_rows(row["doc_id"], blocks) if row["status"] == "ok" else [])


def read_document(path: Path, root: Path, params: dict | None = None) -> dict:
    """One documents row (the keys of ``pipeline.contract.schema.DOCUMENTS``). Never raises."""
    return ingest_document(path, root, params).document


def _document_row(path: Path, root: Path, params: dict | None) -> tuple[dict, list[Block]]:
    row = {"doc_id": None, "source_path": None, "format": SUFFIX_FORMATS.get(path.suffix.lower()),
           "n_pages": None, "ocr": False, "ocr_pages": [], "ocr_engine": None, "text_raw": None,
           "text": None, "status": "error", "error": None, "warnings": [],
           "pipeline_version": _pipeline_version(), **_metadata_columns({})}
    blocks: list[Block] = []
    try:
        row["source_path"] = source_path_for(path, root)
        row["doc_id"] = doc_id_for(path)
        p = resolve_params(params)
        result = _read(path, p)
        row.update({k: v for k, v in result.items() if k in row})
        row.update(_metadata_columns(result.get("metadata") or {}))
        if row["status"] == "ok":
            blocks = _blocks_of(result, row["text_raw"], row["format"])
    except Exception as e:  # noqa: BLE001 - never raise
        row.update(status="error", error=f"unexpected error: {type(e).__name__}: {e}", text_raw=None)
    row["text"] = row["text_raw"]
    row["ocr_pages"] = list(row["ocr_pages"] or [])
    row["warnings"] = list(row["warnings"] or [])
    if row["status"] != "ok":
        row["status"] = "error"
        row["error"] = row["error"] or "unknown error"
    return row, blocks


def _metadata_columns(meta: dict) -> dict:
    """The documents columns for metadata found in the file (front matter, document properties)."""
    meta = {str(k): str(v) for k, v in meta.items() if v not in (None, "")}
    return {"meta_title": meta.get("title"), "meta_date": meta.get("date"), "meta_author": meta.get("author"),
            "metadata": json.dumps(meta, ensure_ascii=False, sort_keys=True) if meta else None}


def _blocks_of(result: dict, text: str, fmt: str | None) -> list[Block]:
    """The reader's blocks, or, for a reader that gives none, the blocks plain text shows."""
    given = result.get("blocks")
    if given:
        return [b if isinstance(b, Block) else Block(**b) for b in given]
    return plain_text_blocks(text, paged=fmt in ("pdf", "image"))


def _read(path: Path, p: dict) -> dict:
    fmt = SUFFIX_FORMATS.get(path.suffix.lower())
    try:
        if path.is_dir():
            return {"status": "error", "error": "is a directory", "format": None}
        st = path.stat()
        size = st.st_size
        if not stat.S_ISREG(st.st_mode):  # a fifo or a device is never opened: reading it may never end
            return {"status": "error", "error": "not a regular file (a fifo, socket or device): not read",
                    "format": fmt}
    except OSError as e:
        return {"status": "error", "error": f"cannot read file: {e.strerror or e}"}
    if p["max_bytes"] and size > p["max_bytes"]:
        return {"status": "error", "format": fmt,
                "error": f"file too large: {size} bytes > max_bytes={p['max_bytes']}"}
    if not p["isolate"]:
        return extract(path, p, deadline_for(p))
    if size <= p["inline_text_max_bytes"]:
        result = _read_inline(path, p)
        if result is not None:
            return result
    from pipeline.stages.ingest import worker
    try:
        return worker.run(path.resolve(), p)
    except TimeoutError:
        return {"status": "error", "format": fmt,
                "error": f"time limit exceeded: reading took longer than timeout_s={p['timeout_s']:g} s"}
    except worker.WorkerFailed as e:
        return {"status": "error", "format": fmt, "error": str(e)}


def _read_inline(path: Path, p: dict) -> dict | None:
    """A small file whose content is plain text (or that is empty, binary junk or of a kind
    that is refused anyway) read here, without the worker; None for every other file (PDF,
    image, .docx, .html), which then goes to the worker."""
    limit = p["inline_text_max_bytes"]
    try:
        with open(path, "rb") as f:
            data = f.read(limit + 1)
    except OSError as e:
        return {"status": "error", "format": SUFFIX_FORMATS.get(path.suffix.lower()),
                "error": f"cannot read file: {e.strerror or e}"}
    if len(data) > limit:  # grew since stat()
        return None
    fmt, _ = detect_format(path, data)
    if fmt is not None and fmt not in TEXT_FORMATS:
        return None
    return extract(path, p, deadline_for(p), data=data)


STAGE = StageSpec(
    name="ingest",
    params=IngestParams,
    requires=(),
    assigns=("document", "blocks"),
    code=("pipeline/stages/ingest",),
    libraries=("pdfplumber", "pypdfium2", "pytesseract", "python-docx", "beautifulsoup4", "ftfy",
               "charset-normalizer", "wordfreq", "hunspell-sv", "markdown-it-py", "mdit-py-plugins", "orgparse",
               "pylatexenc", "odfpy", "striprtf"),
    run=ingest_document,
    kind="source",
    description="files -> documents rows (text, format, OCR) and the document model (blocks)",
)
