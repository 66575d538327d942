from __future__ import annotations

import io
import re

import pytest
from PIL import Image

from pipeline.ingest.ocr import (available_languages, check_ready, detect_rotation, engine_name, ocr_image,
                                 read_image, tidy_ocr_text)
from pipeline.ingest.reader import resolve_params
from pipeline.ingest.samples import MINUTES_PAGES, cer, render_page

LINES = MINUTES_PAGES[0]
REF = "\n".join(LINES)
P = resolve_params({})


@pytest.fixture(scope="module")
def page() -> Image.Image:
    # half an A4 page at 300 dpi keeps the tests quick
    return render_page(LINES, width=2480, height=1100, font_size=42, margin=120, line_gap=1.5)


def test_tesseract_swedish_and_osd_installed():
    check_ready("swe")
    assert {"swe", "osd"} <= available_languages()
    assert re.fullmatch(r"tesseract \d+\.\d+(\.\d+)? swe", engine_name("swe"))


def test_missing_language_is_reported():
    from pipeline.ingest.ocr import OCRUnavailable
    with pytest.raises(OCRUnavailable, match="tesseract-ocr-xx"):
        check_ready("xx")


def test_tidy_ocr_text():
    assert tidy_ocr_text("Rad ett  \n\n\n\nRad två\n\f") == "Rad ett\n\nRad två"


def test_blank_page_has_no_rotation():
    assert detect_rotation(Image.new("L", (1000, 1400), 255)) == 0


@pytest.mark.slow
def test_ocr_swedish_characters(page):
    text, rot = ocr_image(page)
    assert rot == 0
    assert cer(REF, text) < 0.03
    for word in ("Stenålderns", "samfällighetsförening", "Föreningslokalen", "Ängsvägen", "Växjö", "Åsa", "Öberg"):
        assert word in text


@pytest.mark.slow
@pytest.mark.parametrize("angle", [90, 180, 270])
def test_rotated_scans_are_turned_upright(page, angle):
    text, rot = ocr_image(page.rotate(angle, expand=True))
    assert rot == angle
    assert cer(REF, text) < 0.03


def _encode(img: Image.Image, fmt: str, **kw) -> bytes:
    buf = io.BytesIO()
    img.save(buf, format=fmt, **kw)
    return buf.getvalue()


@pytest.mark.slow
@pytest.mark.parametrize("fmt", ["PNG", "JPEG", "TIFF"])
def test_image_files(page, fmt):
    pages, warnings = read_image(_encode(page, fmt, dpi=(300, 300)), P)
    assert len(pages) == 1
    assert cer(REF, pages[0]) < 0.03
    assert warnings == []


@pytest.mark.slow
def test_multipage_tiff_gives_pages(page):
    second = render_page(MINUTES_PAGES[1], width=2480, height=1100, font_size=42, margin=120, line_gap=1.5)
    data = _encode(page, "TIFF", save_all=True, append_images=[second.rotate(90, expand=True)],
                   compression="tiff_lzw")
    pages, warnings = read_image(data, P)
    assert len(pages) == 2
    assert cer(REF, pages[0]) < 0.03
    assert cer("\n".join(MINUTES_PAGES[1]), pages[1]) < 0.03
    assert warnings == ["page 2 was rotated 90° (corrected)"]


@pytest.mark.slow
def test_low_resolution_image_is_upscaled():
    small = render_page(LINES[:3], width=1100, height=260, font_size=19, margin=40, line_gap=1.6)
    pages, _ = read_image(_encode(small, "PNG", dpi=(130, 130)), P)
    assert cer("\n".join(LINES[:3]), pages[0]) < 0.03
