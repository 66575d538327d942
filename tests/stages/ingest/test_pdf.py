from __future__ import annotations

import os
import re
from pathlib import Path

import pytest

from pipeline.stages.ingest.pdf import PAGE_SEPARATOR, needs_ocr
from pipeline.stages.ingest.reader import extract, resolve_params
from pipeline.stages.ingest.samples import (
    GARBAGE_LINES,
    MINUTES_PAGES,
    cer,
    garbage_layer_pdf,
    image_pdf,
    mixed_pdf,
    render_page,
    swedish_letter_error_rate,
    text_pdf,
)

P = resolve_params({"isolate": False})
REFERENCE = "\n".join(line for page in MINUTES_PAGES for line in page)


def assert_swedish_ocr(reference: str, text: str) -> None:
    """CER under 3 % against the rendered text, å/ä/ö included."""
    assert cer(reference, text) < 0.03, text
    assert swedish_letter_error_rate(reference, text) <= 0.05, text  # at most 1 in 20 å/ä/ö wrong


def _read(data: bytes, **params) -> dict:
    return extract(Path("protokoll.pdf"), resolve_params({"isolate": False, **params}), data=data)


# --- unit: when a page is OCR'd ----------------------------------------------------------

def test_needs_ocr():
    assert needs_ocr("", True, P) == "no text layer"
    assert needs_ocr("  12 ", False, P) is None  # a (nearly) blank vector page
    assert needs_ocr("\n".join(GARBAGE_LINES), True, P) == "garbage text layer"
    assert needs_ocr(REFERENCE, True, P) is None
    assert needs_ocr("(cid:12)(cid:13)(cid:14) " * 20 + "och att", False, P).startswith("unmapped glyphs")


# --- born-digital PDFs ---------------------------------------------------------------------

def test_text_layer_pdf_reading_order_headers_removed():
    data = text_pdf(MINUTES_PAGES, header="Stenålderns samfällighetsförening – styrelseprotokoll",
                    page_numbers=True)
    row = _read(data)
    assert row["status"] == "ok", row["error"]
    assert row["format"] == "pdf" and row["n_pages"] == 2
    assert row["ocr"] is False and row["ocr_pages"] == [] and row["ocr_engine"] is None
    header = "Stenålderns samfällighetsförening – styrelseprotokoll"
    assert row["text_raw"] == header + "\n\n" + PAGE_SEPARATOR.join("\n".join(p) for p in MINUTES_PAGES)
    assert row["warnings"] == []
    furniture = [b for b in row["blocks"] if b["kind"] == "furniture"]
    assert [(b["page"], b["text"]) for b in furniture] == [(1, "Sida 1 av 2"), (2, header), (2, "Sida 2 av 2")]


def test_text_layer_pdf_hyphenation_joined():
    data = text_pdf([["Styrelsen beslöt att anlita en entreprenör för att åt-", "gärda gropar på Skogsstigen.",
                      "Ärendet gäller kultur- och fritidsnämnden."]])
    row = _read(data)
    assert row["text_raw"].split("\n") == ["Styrelsen beslöt att anlita en entreprenör för att åtgärda",
                                           "gropar på Skogsstigen.", "Ärendet gäller kultur- och fritidsnämnden."]


def test_page_separator_is_a_blank_line_with_form_feed():
    row = _read(text_pdf(MINUTES_PAGES))
    pages = row["text_raw"].split(PAGE_SEPARATOR)
    assert len(pages) == 2
    assert "\n\f\n" in row["text_raw"] and "\f".strip() == ""


def test_encrypted_pdf_with_password_is_an_error():
    row = _read(text_pdf(MINUTES_PAGES, password="hemligt"))
    assert row["status"] == "error"
    assert "encrypted" in row["error"] and "password" in row["error"]


def test_encrypted_pdf_without_user_password_is_read():
    row = _read(text_pdf(MINUTES_PAGES, owner_password="ägare"))
    assert row["status"] == "ok"
    assert "Stenålderns samfällighetsförening" in row["text_raw"]


@pytest.mark.parametrize("fraction", [0.2, 0.5, 0.9])
def test_truncated_pdf_is_an_error(fraction):
    data = text_pdf(MINUTES_PAGES)
    row = _read(data[: int(len(data) * fraction)])
    assert row["status"] == "error"
    assert "corrupt or truncated PDF" in row["error"]


def test_corrupt_pdf_is_an_error():
    row = _read(b"%PDF-1.4\n" + os.urandom(5000))
    assert row["status"] == "error" and "PDF" in row["error"]


def test_pdf_with_broken_xref_is_still_read():
    data = text_pdf(MINUTES_PAGES)
    broken = re.sub(rb"startxref\s+\d+", b"startxref\n999999", data)
    assert broken != data
    row = _read(broken)
    assert row["status"] == "ok"
    assert "Stenålderns samfällighetsförening" in row["text_raw"]


def test_image_only_pdf_without_ocr_is_an_error():
    data = image_pdf([render_page(MINUTES_PAGES[0], width=1240, font_size=21, margin=60)], dpi=150)
    row = _read(data, ocr=False)
    assert row["status"] == "error" and "no text" in row["error"]


# --- scans: OCR -------------------------------------------------------------------------------

@pytest.mark.slow
def test_image_only_pdf_is_ocrd():
    data = image_pdf([render_page(p) for p in MINUTES_PAGES])
    row = _read(data)
    assert row["status"] == "ok", row["error"]
    assert row["ocr"] is True and row["ocr_pages"] == [1, 2] and row["n_pages"] == 2
    assert re.fullmatch(r"tesseract \d+\.\d+(\.\d+)? swe", row["ocr_engine"])
    assert PAGE_SEPARATOR in row["text_raw"]
    assert_swedish_ocr(REFERENCE, row["text_raw"])


@pytest.mark.slow
def test_garbage_text_layer_is_ocrd_again():
    page = render_page(MINUTES_PAGES[0])
    data = garbage_layer_pdf(page, GARBAGE_LINES)
    # the layer really is garbage
    import io

    import pdfplumber
    with pdfplumber.open(io.BytesIO(data)) as pdf:
        assert "Stcnäldcrns" in pdf.pages[0].extract_text()
    row = _read(data)
    assert row["status"] == "ok"
    assert row["ocr_pages"] == [1]
    assert "Stcnäldcrns" not in row["text_raw"]
    assert_swedish_ocr("\n".join(MINUTES_PAGES[0]), row["text_raw"])
    assert any("garbage text layer" in w for w in row["warnings"])


def test_mixed_pdf_only_scanned_page_is_ocrd():
    data = mixed_pdf(MINUTES_PAGES[0], render_page(MINUTES_PAGES[1]))
    row = _read(data)
    assert row["status"] == "ok"
    assert row["n_pages"] == 2 and row["ocr_pages"] == [2]
    first, second = row["text_raw"].split(PAGE_SEPARATOR)
    assert first == "\n".join(MINUTES_PAGES[0])
    assert_swedish_ocr("\n".join(MINUTES_PAGES[1]), second)


def test_sideways_scan_in_pdf_is_turned():
    data = image_pdf([render_page(MINUTES_PAGES[1]).rotate(90, expand=True)])
    row = _read(data)
    assert row["ocr_pages"] == [1]
    assert_swedish_ocr("\n".join(MINUTES_PAGES[1]), row["text_raw"])
    assert any("rotated" in w for w in row["warnings"])


def test_text_layer_in_reading_order_not_drawing_order():
    """Lines drawn bottom-up (as some generators write them) come out top to bottom."""
    from pipeline.stages.ingest.samples import _fpdf

    pdf = _fpdf()
    pdf.add_page()
    lines = MINUTES_PAGES[0]
    for i in reversed(range(len(lines))):
        pdf.set_xy(20, 25 + 7 * i)
        pdf.cell(text=lines[i])
    row = _read(bytes(pdf.output()))
    assert row["text_raw"] == "\n".join(lines)


def test_scanned_pages_are_rendered_at_300_dpi():
    from pipeline.stages.ingest.pdf import _render_pdfium

    assert P["ocr_dpi"] >= 300
    img = _render_pdfium(text_pdf([["Sida"]]), 0, P["ocr_dpi"])
    assert abs(img.width - 2480) <= 2 and abs(img.height - 3508) <= 2  # A4 at 300 dpi


def test_blank_scanned_pages_are_not_ocrd(monkeypatch):
    from PIL import Image

    from pipeline.stages.ingest import ocr

    calls = []
    monkeypatch.setattr(ocr, "ocr_image", lambda img, **kw: (calls.append(1), ("", 0))[1])
    page = render_page(MINUTES_PAGES[0], width=1240, font_size=21, margin=60)
    data = image_pdf([Image.new("L", (1240, 1754), 255)] * 20 + [page], dpi=150)
    row = _read(data)
    assert len(calls) == 1  # only the page with ink
    assert "20 blank page(s) not OCR'd" in row["warnings"]


def _old_ocr(lines: list[str]) -> str:
    """An old OCR layer: every word read, and between them the fragments such a layer is full of
    ('tcl', 'mrn', …: letters split off and misread). About a third of its words are real."""
    junk = ["tcl", "mrn", "hnl", "cnr", "rnc", "lcn", "tcn", "nrl", "sbc", "cdt", "mnr", "lnc", "ccn", "nnc"]
    out = []
    for i, w in enumerate(" ".join(lines).split()):
        out += [w, junk[i % len(junk)], junk[(i + 5) % len(junk)]]
    return "\n".join(" ".join(out[k:k + 14]) for k in range(0, len(out), 14))


def test_a_layer_with_a_third_of_its_words_real_is_garbage_and_the_ocr_wins():
    """An old OCR layer keeps the real words among its junk: most of its letters are in known words,
    so the letter test passes it, but only about a third of its words are Swedish dictionary words.
    It is OCR'd again, and a fresh OCR with more dictionary words replaces it; clean text never loses
    to such a layer, and an English page is not junk."""
    from pipeline.stages.ingest.lang import dictionary_share, plausible_text
    from pipeline.stages.ingest.pdf import ocr_is_better

    clean = "\n".join(MINUTES_PAGES[0] + MINUTES_PAGES[1])
    layer = _old_ocr(MINUTES_PAGES[0] + MINUTES_PAGES[1])
    share, n = dictionary_share(layer)
    assert n >= 20 and share < 0.4 and plausible_text(layer, P["min_swedish_share"])
    assert needs_ocr(layer, True, P) == "garbage text layer"
    assert needs_ocr(clean, True, P) is None
    assert ocr_is_better(layer, clean) and not ocr_is_better(clean, layer)
    english = "The meeting was opened by the chair. The board decided to approve the budget for next year.\n" * 4
    assert needs_ocr(english, True, P) is None
