from __future__ import annotations

import io
import re

import pytest
from PIL import Image

from pipeline.stages.ingest import ocr
from pipeline.stages.ingest.ocr import (
    available_languages,
    check_ready,
    detect_rotation,
    engine_name,
    ocr_image,
    read_image,
    tidy_ocr_text,
    upscale_factor,
)
from pipeline.stages.ingest.reader import resolve_params
from pipeline.stages.ingest.samples import MINUTES_PAGES, cer, render_page, swedish_letter_error_rate

LINES = MINUTES_PAGES[0]
REF = "\n".join(LINES)
P = resolve_params({})




def assert_swedish_ocr(reference: str, text: str) -> None:
    """CER under 3 % against the rendered text, and the å/ä/ö (about a tenth of the
    reference's letters) recognised as such, not as a/o."""
    assert sum(reference.count(c) for c in "åäöÅÄÖ") >= 10
    assert cer(reference, text) < 0.03, text
    assert swedish_letter_error_rate(reference, text) <= 0.05, text  # at most 1 in 20 å/ä/ö wrong


@pytest.fixture(scope="module")
def page() -> Image.Image:
    # half an A4 page at 300 dpi keeps the tests quick
    return render_page(LINES, width=2480, height=1100, font_size=42, margin=120, line_gap=1.5)


def test_tesseract_swedish_and_osd_installed():
    check_ready("swe")
    assert {"swe", "osd"} <= available_languages()
    assert re.fullmatch(r"tesseract \d+\.\d+(\.\d+)? swe", engine_name("swe"))


def test_missing_language_is_reported():
    from pipeline.stages.ingest.ocr import OCRUnavailable
    with pytest.raises(OCRUnavailable, match="tesseract-ocr-xx"):
        check_ready("xx")


def test_tidy_ocr_text():
    assert tidy_ocr_text("Rad ett  \n\n\n\nRad två\n\f") == "Rad ett\n\nRad två"


def test_upscale_factor():
    def img(w, h, dpi=None):
        im = Image.new("L", (w, h), 255)
        if dpi:
            im.info["dpi"] = (dpi, dpi)
        return im
    assert upscale_factor(img(2480, 3508, 300)) == 1.0
    assert upscale_factor(img(1240, 1754, 150)) == 2.0
    assert upscale_factor(img(2480, 3508, 1)) == 1.0    # bogus resolution (TIFF default): not trusted
    assert upscale_factor(img(2480, 3508, 72)) == 1.0   # a 49-inch page: the resolution lies
    assert upscale_factor(img(595, 842, 72)) == 4.0      # an A4 page at 72 dpi
    assert upscale_factor(img(1200, 1700, 100)) == 4200 / 1700  # 3x, capped in size
    assert upscale_factor(img(800, 300)) == 2.0          # no resolution, small: doubled
    assert upscale_factor(img(2000, 2800)) == 1.0


def test_blank_page_has_no_rotation():
    assert detect_rotation(Image.new("L", (1000, 1400), 255)) == 0


def test_ocr_swedish_characters(page):
    text, rot = ocr_image(page)
    assert rot == 0
    assert_swedish_ocr(REF, text)
    for word in ("Stenålderns", "samfällighetsförening", "Föreningslokalen", "Ängsvägen", "Växjö", "Åsa", "Öberg"):
        assert word in text


@pytest.mark.parametrize("angle", [90, 180, 270])
def test_rotated_scans_are_turned_upright(page, angle):
    text, rot = ocr_image(page.rotate(angle, expand=True))
    assert rot == angle
    assert_swedish_ocr(REF, text)


def test_an_upright_page_takes_one_tesseract_call(page, monkeypatch):
    """The recognition vouches for an upright page: no orientation model, no second call, and the text
    is what Tesseract alone reads from the page."""
    import pytesseract

    calls = []
    real = pytesseract.pytesseract.run_tesseract
    monkeypatch.setattr(pytesseract.pytesseract, "run_tesseract", lambda *a, **kw: (calls.append(1), real(*a, **kw))[1])
    text, rot = ocr_image(page)
    assert (rot, len(calls)) == (0, 1)
    monkeypatch.setattr(pytesseract.pytesseract, "run_tesseract", real)
    assert text == tidy_ocr_text(pytesseract.image_to_string(ocr.prepare(page), lang="swe", config="--psm 3"))


def _office_scan(img: Image.Image) -> Image.Image:
    """Black and white like an office scanner: a little skew, speckle, thresholded."""
    import random

    rng = random.Random(4)
    img = img.rotate(0.6, expand=True, fillcolor=255)
    for _ in range(4000):
        img.putpixel((rng.randrange(img.width), rng.randrange(img.height)), 0)
    return img.point(lambda v: 0 if v < 150 else 255).convert("1").convert("L")


def test_an_upside_down_office_scan_is_turned(page):
    """An upside-down scan reads as junk of low confidence, so the page goes to the orientation model,
    which turns it."""
    text, rot = ocr_image(_office_scan(page).rotate(180, expand=True))
    assert rot == 180
    assert cer(REF, text) < 0.05, text


def test_vouches_upright_needs_confident_horizontal_words():
    head = "level\tpage_num\tblock_num\tpar_num\tline_num\tword_num\tleft\ttop\twidth\theight\tconf\ttext"

    def tsv(words):
        return "\n".join([head] + [f"5\t1\t1\t1\t1\t{i}\t0\t0\t{w}\t{h}\t{c}\t{t}"
                                    for i, (t, w, h, c) in enumerate(words)])
    line = [("Styrelsen", 200, 40, 95.1), ("beslöt", 130, 40, 93.0), ("att", 60, 30, 96.0),
            ("anlita", 120, 40, 91.2), ("entreprenör", 240, 40, 90.0)]
    assert ocr.vouches_upright(tsv(line * 2))
    assert not ocr.vouches_upright(tsv(line[:2]))                                     # too little text
    assert not ocr.vouches_upright(tsv([(t, w, h, 25.0) for t, w, h, _ in line * 2]))  # upside-down junk
    assert not ocr.vouches_upright(tsv([(t, h, w, c) for t, w, h, c in line * 2]))     # sideways lines
    assert not ocr.vouches_upright(head)                                              # nothing read


def _encode(img: Image.Image, fmt: str, **kw) -> bytes:
    buf = io.BytesIO()
    img.save(buf, format=fmt, **kw)
    return buf.getvalue()


@pytest.mark.parametrize("fmt", ["PNG", "JPEG", "TIFF"])
def test_image_files(page, fmt):
    pages, warnings = read_image(_encode(page, fmt, dpi=(300, 300)), P)
    assert len(pages) == 1
    assert_swedish_ocr(REF, pages[0])
    assert warnings == []


@pytest.mark.slow
def test_multipage_tiff_gives_pages(page):
    second = render_page(MINUTES_PAGES[1], width=2480, height=1100, font_size=42, margin=120, line_gap=1.5)
    data = _encode(page, "TIFF", save_all=True, append_images=[second.rotate(90, expand=True)],
                   compression="tiff_lzw")
    pages, warnings = read_image(data, P)
    assert len(pages) == 2
    assert_swedish_ocr(REF, pages[0])
    assert_swedish_ocr("\n".join(MINUTES_PAGES[1]), pages[1])
    assert warnings == ["page 2 was rotated 90° (corrected)"]


def test_low_resolution_image_is_upscaled():
    small = render_page(LINES[:3], width=1100, height=260, font_size=19, margin=40, line_gap=1.6)
    pages, _ = read_image(_encode(small, "PNG", dpi=(130, 130)), P)
    assert cer("\n".join(LINES[:3]), pages[0]) < 0.03


def test_blank_frames_are_not_ocrd_and_a_time_limit_is_not_a_corrupt_image(page, monkeypatch):
    from pipeline.stages.ingest import ocr
    from pipeline.stages.ingest.ocr import is_blank

    blank = Image.new("L", (2480, 3508), 255)
    specks = blank.copy()
    for x in range(0, 2400, 400):
        specks.putpixel((x, 100), 0)  # dust on a blank scan
    assert is_blank(blank) and is_blank(specks) and not is_blank(page)
    calls = []
    monkeypatch.setattr(ocr, "ocr_image", lambda img, **kw: (calls.append(1), ("text", 0))[1])
    frames = [Image.new("L", (1240, 1754), 255) for _ in range(5)]
    data = _encode(frames[0], "TIFF", save_all=True, append_images=frames[1:], compression="tiff_lzw")
    pages, warnings = read_image(data, P)
    assert pages == [""] * 5 and calls == [] and warnings == ["5 blank page(s) not OCR'd"]


def test_a_multi_frame_tiff_over_its_time_limit_says_so(page, tmp_path):
    from pathlib import Path

    from pipeline.stages.ingest.reader import extract

    frames = [page.copy() for _ in range(30)]
    data = _encode(frames[0], "TIFF", save_all=True, append_images=frames[1:], compression="tiff_lzw")
    from pipeline.stages.ingest.reader import deadline_for

    params = resolve_params({"isolate": False, "timeout_s": 2})
    row = extract(Path("skanning.tif"), params, deadline_for(params), data=data)
    assert row["status"] == "error"
    assert row["error"].startswith("time limit of 2 s exceeded"), row["error"]
    assert "corrupt" not in row["error"]
