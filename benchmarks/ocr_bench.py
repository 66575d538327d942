"""OCR cost against plain Tesseract, per page (issue 15, item 3). Prints ratios; asserts nothing.

    .venv/bin/python benchmarks/ocr_bench.py               # 6 full A4 pages
    .venv/bin/python benchmarks/ocr_bench.py --pages 12

Pages of Swedish minutes (the text of data/raw, about 40 lines a page) are rendered at 300 dpi and
read three ways, one after the other in this process, with OMP_THREAD_LIMIT=1 throughout:

* plain ``tesseract PAGE.png stdout -l swe``: the floor, on the very image the pipeline OCRs (the
  PDF page as pdfium renders it at ocr_dpi; the PNG scan as it is);
* the pipeline's PDF reader (``pdf.read_pdf``) on an image-only PDF of the pages: blank check,
  rendering, orientation, recognition, layout;
* the pipeline's image reader (``ocr.read_image``) on the PNG scans.

CPU time (this process and its children: Tesseract runs as a child) is the headline, wall time
beside it. Upright pages are the ratio of issue 15 (<= 1.15x); rotated pages (90/180/270) are
printed too: they cost a second recognition after the orientation model, by design.
"""
from __future__ import annotations

import argparse
import io
import os
import resource
import subprocess
import sys
import tempfile
import textwrap
import time
from pathlib import Path

os.environ["OMP_THREAD_LIMIT"] = "1"
ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from pipeline.stages.ingest import ocr  # noqa: E402
from pipeline.stages.ingest.pdf import _render_pdfium, read_pdf  # noqa: E402
from pipeline.stages.ingest.reader import resolve_params  # noqa: E402
from pipeline.stages.ingest.samples import image_pdf, render_page  # noqa: E402

LINES_PER_PAGE = 40


def cpu() -> float:
    """CPU seconds of this process and its finished children (Tesseract)."""
    own = resource.getrusage(resource.RUSAGE_SELF)
    kids = resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + kids.ru_utime + kids.ru_stime


def measure(fn) -> tuple[float, float]:
    c, t = cpu(), time.perf_counter()
    fn()
    return cpu() - c, time.perf_counter() - t


def page_lines(n_pages: int) -> list[list[str]]:
    """Full pages of real-looking minutes: the sample archive's lines wrapped to 70 characters."""
    lines = []
    for p in sorted((ROOT / "data" / "raw").glob("*.txt")):
        for para in p.read_text(encoding="utf-8").splitlines():
            lines.extend(textwrap.wrap(para, 70) or [""])
    return [lines[i * LINES_PER_PAGE:(i + 1) * LINES_PER_PAGE] for i in range(n_pages)]


def png(img) -> bytes:
    buf = io.BytesIO()
    img.save(buf, format="PNG", dpi=(300, 300))
    return buf.getvalue()


def plain_tesseract(images, tmp: Path) -> tuple[float, float]:
    """CPU and wall seconds of ``tesseract page.png stdout -l swe`` over the images (files written untimed)."""
    files = []
    for i, img in enumerate(images):
        files.append(tmp / f"page{i}.png")
        files[-1].write_bytes(png(img))
    return measure(lambda: [subprocess.run(["tesseract", str(f), "stdout", "-l", "swe"], check=True,
                                           capture_output=True) for f in files])


def row(label: str, n: int, ours: tuple[float, float], floor: tuple[float, float]) -> None:
    print(f"{label:<34} {ours[0] / n:>7.2f} {floor[0] / n:>7.2f} {ours[0] / floor[0]:>6.2f}x "
          f"{ours[1] / n:>7.2f} {floor[1] / n:>7.2f} {ours[1] / floor[1]:>6.2f}x", flush=True)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--pages", type=int, default=6)
    args = ap.parse_args()
    params = resolve_params({})
    ocr.check_ready(params["ocr_lang"])
    pages = [render_page(lines) for lines in page_lines(args.pages)]
    n = len(pages)
    print(f"OCR benchmark — tesseract {ocr.tesseract_version()}, {n} A4 pages at 300 dpi, "
          f"{os.cpu_count()} cores, OMP_THREAD_LIMIT=1; per page in seconds")
    print(f"{'':<34} {'CPU':>7} {'floor':>7} {'ratio':>7} {'wall':>7} {'floor':>7} {'ratio':>7}")
    with tempfile.TemporaryDirectory(prefix="minutes-ocr-bench-") as d:
        tmp = Path(d)
        pdf = image_pdf(pages)
        rendered = [_render_pdfium(pdf, i, params["ocr_dpi"]) for i in range(n)]
        floor = plain_tesseract(rendered, tmp)
        row("image-only PDF, upright", n, measure(lambda: read_pdf(pdf, params)), floor)
        scans = [png(p) for p in pages]
        floor = plain_tesseract(pages, tmp)
        row("PNG scans, upright", n, measure(lambda scans=scans: [ocr.read_image(s, params) for s in scans]), floor)
        for angle in (90, 180, 270):
            turned = [p.rotate(angle, expand=True) for p in pages[:2]]
            floor = plain_tesseract(turned, tmp)
            scans = [png(p) for p in turned]
            row(f"PNG scans, turned {angle}°", len(turned),
                measure(lambda scans=scans: [ocr.read_image(s, params) for s in scans]), floor)


if __name__ == "__main__":
    main()
