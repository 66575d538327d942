"""Parameters of the ingest stage (the ``ingest`` section of params.yaml)."""
from __future__ import annotations

from dataclasses import dataclass

from pipeline.contract.stage import Params, param


@dataclass(frozen=True)
class IngestParams(Params):
    # limits: one pathological file must not stall or sink a batch (it gets an error row)
    max_bytes: int = param(200 * 1024 * 1024, "larger files are not read at all (status 'error')")
    timeout_s: float = param(600.0, "wall-clock limit per PDF/image/office/HTML file, read in a worker process "
                                    "that is killed at the limit; 0 = no limit")
    isolate: bool = param(True, "read those formats in the supervised worker (false: in-process, no hard time "
                                "limit; only for debugging)")
    inline_text_max_bytes: int = param(2 * 1024 * 1024, "plain-text files up to this size are read in the calling "
                                                        "process (linear-time, milliseconds each)")
    max_memory_mb: int = param(0, "address-space limit of the worker process; 0 = none")
    max_pages: int = param(2000, "pages (or image frames) read per document; the rest is skipped with a warning")
    max_line_chars: int = param(100_000, "a longer line makes the document an error: not line-structured text")
    ocr: bool = param(True, "OCR (Tesseract) for images and PDF pages without a usable text layer")
    ocr_lang: str = param("swe", "Tesseract language(s), e.g. swe or swe+eng")
    ocr_dpi: int = param(300, "PDF pages are rendered at this resolution for OCR")
    ocr_osd: bool = param(True, "detect and correct page orientation (needs Tesseract's 'osd' data)")
    min_page_chars: int = param(20, "fewer letters in a page's text layer = no text layer")
    min_swedish_share: float = param(0.6, "a text layer whose share of letters in known (Swedish or English) words "
                                          "is lower is garbage (an old OCR) and is OCR'd again")
    min_dictionary_share: float = param(0.5, "a text layer (20 words or more) whose share of Swedish dictionary words "
                                             "(hunspell-sv stems, wordfreq) is lower is garbage too and is OCR'd; the "
                                             "OCR replaces it when it has clearly more dictionary words")
