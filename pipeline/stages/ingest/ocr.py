"""Optical character recognition with Tesseract (pytesseract), Swedish model by default.

Pages are OCR'd at ``ocr_dpi`` (300) in greyscale, handed to Tesseract as raw PGM (no PNG
encoding). Scans are often stored sideways or upside down: a page whose recognition does not vouch
for it being upright (confident words in horizontal boxes) gets Tesseract's OSD model (``osd``
traineddata, Debian package tesseract-ocr-osd) and, when turned, is rotated and read again. An
upright page costs one Tesseract call, about what plain ``tesseract -l swe`` costs
(benchmarks/ocr_bench.py).
"""
from __future__ import annotations

import functools
import os
import re
import time
from pathlib import Path

from PIL import Image, ImageOps

# Tesseract's OpenMP threads fight over shared cores; one thread per process is faster
# overall when documents are processed in parallel.
os.environ.setdefault("OMP_THREAD_LIMIT", "1")

Image.MAX_IMAGE_PIXELS = 300_000_000  # large scans are legitimate; the size limit is max_bytes


class OCRUnavailable(RuntimeError):
    pass


@functools.lru_cache(maxsize=1)
def tesseract_version() -> str:
    import pytesseract
    try:
        return str(pytesseract.get_tesseract_version()).split()[0]
    except Exception as e:  # noqa: BLE001
        raise OCRUnavailable(f"tesseract is not installed or not runnable: {e}") from e


@functools.lru_cache(maxsize=1)
def available_languages() -> frozenset[str]:
    import pytesseract
    try:
        return frozenset(pytesseract.get_languages(config=""))
    except Exception:  # noqa: BLE001
        return frozenset()


def engine_name(lang: str = "swe") -> str:
    return f"tesseract {tesseract_version()} {lang}"


def check_ready(lang: str = "swe") -> None:
    tesseract_version()
    langs = available_languages()
    missing = [lg for lg in lang.split("+") if lg not in langs]
    if missing:
        raise OCRUnavailable(f"tesseract language data missing: {', '.join(missing)} "
                             f"(install tesseract-ocr-{missing[0]})")


def detect_rotation(img: Image.Image, timeout: float = 0) -> int:
    """Degrees (0/90/180/270) to rotate the image clockwise to make it upright; 0 when OSD
    is not installed or not sure (too little text)."""
    import pytesseract
    if "osd" not in available_languages():
        return 0
    small = img
    # OSD needs only enough glyphs; a smaller image is much faster
    if max(img.size) > 2500:
        scale = 2500 / max(img.size)
        small = img.resize((max(1, int(img.width * scale)), max(1, int(img.height * scale))))
    try:
        osd = pytesseract.image_to_osd(small, config="--psm 0 -c min_characters_to_try=10",
                                       timeout=timeout or 0)
    except pytesseract.TesseractError:  # "Too few characters", empty page ...
        return 0
    except RuntimeError:
        raise  # timeout
    except Exception:  # noqa: BLE001
        return 0
    m = re.search(r"Rotate:\s*(\d+)", osd)
    conf = re.search(r"Orientation confidence:\s*([\d.]+)", osd)
    if not m:
        return 0
    rot = int(m.group(1)) % 360
    if conf and float(conf.group(1)) < 1.0:
        return 0
    return rot


def prepare(img: Image.Image) -> Image.Image:
    img = ImageOps.exif_transpose(img) if hasattr(img, "getexif") else img
    if img.mode in ("RGBA", "LA", "P"):
        bg = Image.new("RGB", img.size, "white")
        rgba = img.convert("RGBA")
        bg.paste(rgba, mask=rgba.split()[-1])
        img = bg
    if img.mode != "L":
        img = img.convert("L")
    return img


BLANK_SIDE = 400        # px: a page is judged blank on a thumbnail this large
BLANK_MAX_INK = 30     # dark pixels (< BLANK_INK_LEVEL) of the thumbnail a blank page may have (dust, specks)
BLANK_INK_LEVEL = 160


def is_blank(img: Image.Image) -> bool:
    """A page with (almost) no ink: nothing for Tesseract to read (a PDF of 500 blank scanned
    pages is not OCR'd for ten minutes)."""
    thumb = img.convert("L")
    thumb.thumbnail((BLANK_SIDE, BLANK_SIDE))
    return sum(thumb.histogram()[:BLANK_INK_LEVEL]) <= BLANK_MAX_INK


def ocr_image(img: Image.Image, lang: str = "swe", osd: bool = True, deadline: float | None = None,
              psm: int = 3) -> tuple[str, int]:
    """(text, rotation applied). ``deadline`` is a time.monotonic() value.

    One Tesseract call where the page is upright: the recognition itself says so (confident words
    in horizontal boxes). Only a page it does not vouch for gets the orientation model (OSD) and,
    when that says it is turned, a second recognition of the turned page."""
    img = prepare(img)
    text, upright = recognise(img, lang, psm, _remaining(deadline))
    if not osd or upright:
        return tidy_ocr_text(text), 0
    rot = detect_rotation(img, timeout=_remaining(deadline))
    if rot:
        text, _ = recognise(img.rotate(-rot, expand=True, fillcolor=255), lang, psm, _remaining(deadline))
    return tidy_ocr_text(text), rot


UPRIGHT_MIN_CHARS = 40      # letters of confident words needed to vouch for the orientation
UPRIGHT_MIN_CONF = 70.0     # mean word confidence (weighted by length); upside-down text scores about 20
UPRIGHT_MIN_HORIZONTAL = 0.9  # share of words (4 letters or more) in boxes wider than tall


def recognise(img: Image.Image, lang: str, psm: int = 3, timeout: float = 0) -> tuple[str, bool]:
    """(Tesseract's text, whether its words vouch for an upright page), from one call that writes
    the text and the word table (TSV). The page goes to Tesseract as raw greyscale (PGM), so no
    PNG is encoded on the way. Tesseract reads a page turned 90° by itself (vertical text lines),
    so boxes taller than wide mean sideways: not upright, OSD decides."""
    from pytesseract import pytesseract as tess

    img.format = "PPM"  # pytesseract writes the image in this format: PGM for a greyscale page
    with tess.save(img) as (base, path):
        tess.run_tesseract(path, base, extension="txt", lang=lang, timeout=timeout,
                           config=f"--psm {psm} -c tessedit_create_tsv=1")
        text = Path(f"{base}.txt").read_text(encoding="utf-8")
        tsv = Path(f"{base}.tsv").read_text(encoding="utf-8")
    return text, vouches_upright(tsv)


def vouches_upright(tsv: str) -> bool:
    """Whether Tesseract's word table (TSV) shows an upright page: enough confident words, and
    those of four letters or more lie in boxes wider than tall."""
    letters = weighted = long_words = horizontal = 0
    for line in tsv.splitlines()[1:]:
        cols = line.split("\t")
        if len(cols) < 12 or not cols[11].strip():
            continue
        word, width, height, conf = cols[11].strip(), int(cols[8]), int(cols[9]), float(cols[10])
        if conf < 0:
            continue
        n = sum(c.isalpha() for c in word)
        letters += n
        weighted += n * conf
        if n >= 4:
            long_words += 1
            horizontal += width > height
    return (letters >= UPRIGHT_MIN_CHARS and weighted / letters >= UPRIGHT_MIN_CONF
            and horizontal >= UPRIGHT_MIN_HORIZONTAL * long_words)


def _remaining(deadline: float | None) -> float:
    if deadline is None:
        return 0
    left = deadline - time.monotonic()
    if left <= 0:
        raise TimeoutError("time limit reached during OCR")
    return max(1.0, left)


def tidy_ocr_text(text: str) -> str:
    """Tesseract output: form feeds and trailing blanks removed, runs of blank lines
    collapsed to one (paragraphs stay separated by a blank line)."""
    text = text.replace("\f", "").replace("\r\n", "\n")
    lines = [ln.rstrip() for ln in text.split("\n")]
    text = "\n".join(lines)
    text = re.sub(r"\n{3,}", "\n\n", text)
    return text.strip("\n")


def image_frames(data: bytes):
    """The pages of an image file (multi-page TIFF/GIF give several)."""
    from io import BytesIO

    img = Image.open(BytesIO(data))
    n = getattr(img, "n_frames", 1)
    for i in range(n):
        img.seek(i)
        frame = img.copy()
        if i == 0:
            frame = ImageOps.exif_transpose(frame)
        yield frame


MAX_UPSCALED_SIDE = 4200  # px: an A4 page at 360 dpi; no image is enlarged beyond this


def upscale_factor(img: Image.Image, target_dpi: int = 300) -> float:
    """How much to enlarge a low-resolution image so glyphs reach the size Tesseract expects.

    A resolution of 50-199 dpi in the file is trusted (scaled towards ``target_dpi``, at most
    4x) when it gives a page size of at most 17 inches (A3); a missing or implausible one (TIFFs
    written with 1 dpi, a 72 dpi default on a 300 dpi scan) is not, and then only a small image
    (longest side under 1200 px) is doubled. Never beyond MAX_UPSCALED_SIDE."""
    try:
        dpi = float((img.info.get("dpi") or (0, 0))[0] or 0)
    except (TypeError, ValueError, IndexError):
        dpi = 0.0
    longest = max(img.size)
    plausible = 50 <= dpi and longest / dpi <= 17
    if plausible and dpi < 200:
        f = min(4.0, target_dpi / dpi)
    elif not plausible and longest < 1200:
        f = 2.0
    else:
        return 1.0
    return max(1.0, min(f, MAX_UPSCALED_SIDE / longest))


def read_image(data: bytes, params: dict, deadline: float | None = None) -> tuple[list[str], list[str]]:
    """(page texts, warnings) for an image file, every frame OCR'd."""
    lang = params["ocr_lang"]
    check_ready(lang)
    pages: list[str] = []
    warnings: list[str] = []
    blank = 0
    for i, frame in enumerate(image_frames(data), start=1):
        _remaining(deadline)  # a time limit ends a long multi-frame file between frames too
        if is_blank(frame):
            blank += 1
            pages.append("")
            continue
        f = upscale_factor(frame, params["ocr_dpi"])
        if f > 1.0:
            frame = frame.resize((int(frame.width * f), int(frame.height * f)), Image.LANCZOS)
        text, rot = ocr_image(frame, lang=lang, osd=params["ocr_osd"], deadline=deadline)
        if rot:
            warnings.append(f"page {i} was rotated {rot}° (corrected)")
        pages.append(text)
        if len(pages) >= params["max_pages"]:
            warnings.append(f"only the first {params['max_pages']} frames were read")
            break
    if blank:
        warnings.append(f"{blank} blank page(s) not OCR'd")
    return pages, warnings
