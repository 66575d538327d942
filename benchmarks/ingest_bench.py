"""Ingest speed and OCR quality (issue 3). Prints figures; asserts nothing.

    .venv/bin/python benchmarks/ingest_bench.py              # the default sizes (about 2 minutes)
    .venv/bin/python benchmarks/ingest_bench.py --quick      # smaller sizes
    .venv/bin/python benchmarks/ingest_bench.py --txt 5000 --pdf-docs 50 --ocr-pages 16

Everything is generated here (nothing is downloaded): plain-text minutes with the variation of
benchmarks/pipeline_bench.py, born-digital PDFs (fpdf2, running header and 'Sida n av N'
footer on every page) and scans (Swedish text with å/ä/ö rendered at 300 dpi with
pipeline.stages.ingest.samples: PNG/JPEG/TIFF, rotated, image-only PDFs, a PDF with a garbage OCR
layer). All reading goes through ``pipeline.stages.ingest.read_document`` with the default params, one
document after the other in this process (plus its one ingest worker for PDF/OCR/office
files), so the figures are per core. Tesseract runs with OMP_THREAD_LIMIT=1.

Printed:
  1. plain text: documents/s and MB/s, read in-process (the default for .txt/.md/.org) and,
     for comparison, forced through the worker process and with isolation off;
  2. text-layer PDFs: pages/s;
  3. OCR'd pages: pages/s for image-only PDF pages (rendered at ocr_dpi=300) and PNG scans;
  4. OCR quality on the generated scans: character error rate (CER, edit distance over the
     reference length, whitespace runs as one space) and the error rate on å/ä/ö alone, per
     kind of scan (upright, rotated 90/180/270, JPEG, TIFF, low resolution, image-only PDF,
     sideways page in a PDF, garbage text layer re-OCR'd, mixed text/scan PDF);
  5. bad input: every kind tried, with the row's status, error and warnings.
"""
from __future__ import annotations

import argparse
import io
import os
import random
import shutil
import sys
import tempfile
import time
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

from pipeline.stages.ingest import read_document
from pipeline.stages.ingest import worker as ingest_worker
from pipeline.stages.ingest.pdf import PAGE_SEPARATOR
from pipeline.stages.ingest.samples import (
    GARBAGE_LINES,
    MINUTES_PAGES,
    cer,
    docx_bytes,
    garbage_layer_pdf,
    image_pdf,
    mixed_pdf,
    render_page,
    swedish_letter_error_rate,
    text_pdf,
)


def _hr(title: str) -> None:
    print(f"\n== {title} " + "=" * max(0, 76 - len(title)))


def _png(img, dpi: int = 300, fmt: str = "PNG", **kw) -> bytes:
    buf = io.BytesIO()
    img.save(buf, format=fmt, dpi=(dpi, dpi), **kw)
    return buf.getvalue()


def _timed(path: Path, root: Path, params: dict | None = None) -> tuple[dict, float]:
    t0 = time.perf_counter()
    row = read_document(path, root, params or {})
    return row, time.perf_counter() - t0


def _warm_worker(tmp: Path) -> float:
    """Start the ingest worker (imports, word lists) so it is not timed with the documents."""
    p = tmp / "warm.pdf"
    p.write_bytes(text_pdf([MINUTES_PAGES[0]]))
    _, dt = _timed(p, tmp)
    return dt


# --- 1. plain text ------------------------------------------------------------------------------

def bench_text(tmp: Path, n: int) -> None:
    from pipeline_bench import build_archive

    _hr(f"1. plain text: {n} generated minutes (.txt, UTF-8)")
    folder = tmp / "txt"
    words = build_archive(n, folder)
    files = sorted(folder.rglob("*.txt"))
    mb = sum(f.stat().st_size for f in files) / 1e6
    print(f"{len(files)} files, {mb:.1f} MB, {words} words, {mb * 1e6 / len(files) / 1000:.1f} kB per file")
    modes = [("in-process (default)", {}),
             ("through the worker (inline_text_max_bytes=0)", {"inline_text_max_bytes": 0}),
             ("isolate: false", {"isolate": False})]
    for label, params in modes:
        read_document(files[0], folder, params)  # word lists loaded, worker started
        c0, t0 = time.process_time(), time.perf_counter()
        rows = [read_document(f, folder, params) for f in files]
        dt, cpu = time.perf_counter() - t0, time.process_time() - c0
        ok = sum(r["status"] == "ok" for r in rows)
        cpu_rate = f"{len(files) / cpu:6.0f} docs/CPU-s" if "worker" not in label else " " * 16
        print(f"  {label:46s} {len(files) / dt:6.0f} docs/s {cpu_rate}  {mb / dt:5.1f} MB/s  "
              f"({ok}/{len(files)} ok)")
    print("  (docs/s: wall clock; docs/CPU-s: this process's CPU time, i.e. without other load on the machine)")


# --- 2. text-layer PDFs --------------------------------------------------------------------------

def bench_text_pdfs(tmp: Path, n_docs: int, pages_per_doc: int) -> None:
    _hr(f"2. text-layer PDFs: {n_docs} documents x {pages_per_doc} pages")
    folder = tmp / "pdf"
    folder.mkdir()
    rng = random.Random(3)
    for d in range(n_docs):
        pages = []
        for p in range(pages_per_doc):
            lines = list(MINUTES_PAGES[p % 2])
            rng.shuffle(lines)
            pages.append(lines + [f"§ {10 + p}. Övriga frågor från protokoll {d}"])
        (folder / f"protokoll_{d:03d}.pdf").write_bytes(
            text_pdf(pages, header="Stenålderns samfällighetsförening – styrelseprotokoll", page_numbers=True))
    files = sorted(folder.glob("*.pdf"))
    ingest_worker.shutdown()  # a fresh worker: time its start-up
    print(f"  worker start-up (imports, word lists; once per process): {_warm_worker(tmp):.2f} s")
    read_document(tmp / "warm.pdf", tmp, {"isolate": False})  # the same word lists in this process
    for label, params in [("through the worker (default)", {}), ("isolate: false", {"isolate": False})]:
        t0 = time.perf_counter()
        rows = [read_document(f, folder, params) for f in files]
        dt = time.perf_counter() - t0
        pages = sum(r["n_pages"] or 0 for r in rows)
        ok = sum(r["status"] == "ok" and not r["ocr_pages"] for r in rows)
        print(f"  {label:46s} {pages / dt:8.1f} pages/s  {len(files) / dt:6.1f} docs/s  "
              f"({ok}/{len(files)} ok without OCR)")
    row = read_document(files[0], folder, {})
    first = row["text_raw"].split(PAGE_SEPARATOR)[0].split("\n")
    removed = "Stenålderns samfällighetsförening – styrelseprotokoll" not in first and not any(
        ln.startswith("Sida ") for ln in first)
    print(f"  running header and 'Sida n av N' footer removed: {removed}")


# --- 3. OCR speed ----------------------------------------------------------------------------------

def _page(i: int):
    return render_page(MINUTES_PAGES[i % 2])  # A4 at 300 dpi


def bench_ocr_speed(tmp: Path, n_pages: int) -> None:
    _hr(f"3. OCR speed: {n_pages} A4 pages at 300 dpi (tesseract swe, orientation detection on)")
    folder = tmp / "ocr"
    folder.mkdir()
    per_doc = 2
    for d in range(max(1, n_pages // per_doc)):
        (folder / f"scan_{d:03d}.pdf").write_bytes(image_pdf([_page(d * per_doc + k) for k in range(per_doc)]))
    for i in range(n_pages):
        (folder / f"scan_{i:03d}.png").write_bytes(_png(_page(i)))
    _warm_worker(tmp)
    for suffix, label in ((".pdf", "image-only PDF pages"), (".png", "PNG scans")):
        files = sorted(folder.glob("*" + suffix))
        t0 = time.perf_counter()
        rows = [read_document(f, folder, {}) for f in files]
        dt = time.perf_counter() - t0
        pages = sum(len(r["ocr_pages"]) for r in rows)
        refs = [[0, 1] if suffix == ".pdf" else [int(f.stem.split("_")[1]) % 2] for f in files]
        worst = max(cer("\n".join(MINUTES_PAGES[k]), t) for r, ks in zip(rows, refs)
                    for k, t in zip(ks, r["text_raw"].split(PAGE_SEPARATOR)))
        print(f"  {label:46s} {pages / dt:8.2f} pages/s  ({dt / max(1, pages):.2f} s/page, "
              f"{pages} pages OCR'd, worst page CER {worst:.2%})")


# --- 4. OCR quality ----------------------------------------------------------------------------------

def bench_ocr_quality(tmp: Path) -> None:
    _hr("4. OCR quality on generated scans (reference: the rendered text, with å/ä/ö)")
    folder = tmp / "cer"
    folder.mkdir()
    ref0, ref1 = ("\n".join(p) for p in MINUTES_PAGES)
    both = PAGE_SEPARATOR.join([ref0, ref1])
    p0, p1 = render_page(MINUTES_PAGES[0]), render_page(MINUTES_PAGES[1])
    low = render_page(MINUTES_PAGES[0], width=1240, font_size=21, margin=75)  # 150 dpi
    tiff = io.BytesIO()
    p0.save(tiff, format="TIFF", dpi=(300, 300), save_all=True, append_images=[p1.rotate(90, expand=True)],
            compression="tiff_lzw")
    cases = [
        ("upright PNG", "upright.png", _png(p0), ref0),
        ("rotated 90° PNG", "rot90.png", _png(p0.rotate(90, expand=True)), ref0),
        ("rotated 180° PNG", "rot180.png", _png(p0.rotate(180, expand=True)), ref0),
        ("rotated 270° PNG", "rot270.png", _png(p0.rotate(270, expand=True)), ref0),
        ("JPEG (quality 75)", "scan.jpg", _png(p0.convert("RGB"), fmt="JPEG", quality=75), ref0),
        ("2-page TIFF, page 2 sideways", "scan.tif", tiff.getvalue(), both),
        ("low resolution PNG (150 dpi)", "low.png", _png(low, dpi=150), ref0),
        ("image-only PDF, 2 pages", "scan.pdf", image_pdf([p0, p1]), both),
        ("image-only PDF, rotated 90°", "sideways.pdf", image_pdf([p1.rotate(90, expand=True)]), ref1),
        ("image-only PDF, rotated 180°", "upside.pdf", image_pdf([p1.rotate(180, expand=True)]), ref1),
        ("garbage OCR layer, re-OCR'd", "garbage.pdf", garbage_layer_pdf(p0, GARBAGE_LINES), ref0),
        ("mixed PDF: text page + scan", "mixed.pdf", mixed_pdf(MINUTES_PAGES[0], p1), both),
    ]
    _warm_worker(tmp)
    print(f"  {'kind':32s} {'CER':>6s} {'å/ä/ö err':>9s} {'OCR pages':>9s} {'secs':>5s}  warnings")
    cers = []
    for label, name, data, ref in cases:
        path = folder / name
        path.write_bytes(data)
        row, dt = _timed(path, folder)
        if row["status"] != "ok":
            print(f"  {label:32s} ERROR {row['error']}")
            continue
        c = cer(ref, row["text_raw"])
        cers.append(c)
        sv = swedish_letter_error_rate(ref, row["text_raw"])
        print(f"  {label:32s} {c:6.2%} {sv:9.2%} {row['ocr_pages']!s:>9s} {dt:5.1f}  {'; '.join(row['warnings'])}")
    if cers:
        print(f"  mean CER {sum(cers) / len(cers):.2%}, worst {max(cers):.2%} (engine: {row['ocr_engine']})")


# --- 5. bad input ------------------------------------------------------------------------------------

def bench_bad_inputs(tmp: Path) -> None:
    _hr("5. input kinds tried, and the outcome of each")
    folder = tmp / "bad"
    folder.mkdir()
    rnd = random.Random(11).randbytes(20000)
    pdf = text_pdf(MINUTES_PAGES)
    dx = docx_bytes(MINUTES_PAGES[0])
    zbuf = io.BytesIO()
    with zipfile.ZipFile(zbuf, "w") as zf:
        zf.writestr("protokoll.txt", "Protokoll")
    broken_part = io.BytesIO()
    with zipfile.ZipFile(broken_part, "w") as zf:
        zf.writestr("[Content_Types].xml", "<Types/>")
        zf.writestr("word/document.xml", "<w:document><w:body><w:p>")
    english = ("Minutes of the meeting of the culture and leisure committee held on Tuesday. The committee "
               "decided to approve the agenda and to file the previous minutes. The office was asked to "
               "return with a proposal about library opening hours before the end of the year.\n")
    german = ("Der Ausschuss hat beschlossen, die Tagesordnung zu genehmigen und das vorherige Protokoll zu den "
              "Akten zu legen. Die Verwaltung wird gebeten, bis zum Jahresende einen Vorschlag über die "
              "Öffnungszeiten der Bibliothek vorzulegen.\n")
    danish = ("Udvalget besluttede at godkende dagsordenen og at tage det forrige referat til efterretning. "
              "Forvaltningen bedes inden årets udgang komme med et forslag om bibliotekets åbningstider.\n")
    sv = "\n".join(MINUTES_PAGES[0]) + "\n"
    scan = image_pdf([render_page(MINUTES_PAGES[0])])
    png = _png(render_page(MINUTES_PAGES[0], height=1100))
    kinds = [
        ("empty file", "empty.txt", b"", {}),
        ("empty file named .pdf", "empty.pdf", b"", {}),
        ("whitespace only", "blank.txt", b"  \r\n\t\n \n", {}),
        ("random bytes (.txt)", "random.txt", rnd, {}),
        ("random bytes (.pdf)", "random.pdf", rnd, {}),
        ("truncated PDF (half)", "truncated.pdf", pdf[: len(pdf) // 2], {}),
        ("corrupt PDF (header + junk)", "corrupt.pdf", b"%PDF-1.4\n" + rnd, {}),
        ("PDF with a broken xref table", "xref.pdf", pdf.replace(b"startxref", b"startxref\n9999999\n%"), {}),
        ("encrypted PDF (user password)", "encrypted.pdf", text_pdf(MINUTES_PAGES, password="hemligt"), {}),
        ("encrypted PDF (owner password only)", "owner.pdf", text_pdf(MINUTES_PAGES, owner_password="x"), {}),
        ("corrupt .docx (truncated)", "corrupt.docx", dx[: len(dx) // 2], {}),
        ("corrupt .docx (broken XML part)", "broken.docx", broken_part.getvalue(), {}),
        ("zip archive named .docx", "archive.docx", zbuf.getvalue(), {}),
        ("legacy .doc (OLE2)", "old.doc", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + rnd[:4000], {}),
        ("corrupt PNG", "corrupt.png", b"\x89PNG\r\n\x1a\n" + rnd[:2000], {}),
        ("truncated PNG scan (half)", "truncated.png", png[: len(png) // 2], {}),
        ("extension lies: PDF named .txt", "pdf.txt", pdf, {}),
        ("extension lies: .docx named .pdf", "docx.pdf", dx, {}),
        ("extension lies: text named .docx", "text.docx", sv.encode(), {}),
        ("HTML with no text", "empty.html", b"<!DOCTYPE html><html><body><script>x()</script></body></html>", {}),
        ("enormous one-line file (1.2 MB)", "oneline.txt", ("ord " * 300_000).encode(), {}),
        ("one 99k-char line of markdown markup", "markup.md", ("*a _b [c]( <d " * 8000)[:99_000].encode(), {}),
        ("cp1252 text with CRLF", "cp1252.txt", sv.replace("\n", "\r\n").encode("cp1252"), {}),
        ("UTF-16 text", "utf16.txt", sv.encode("utf-16"), {}),
        ("mojibake (UTF-8 read as cp1252)", "mojibake.txt", sv.encode("utf-8").decode("cp1252").encode("utf-8"), {}),
        ("English text", "english.txt", english.encode(), {}),
        ("German text", "german.txt", german.encode(), {}),
        ("Danish text", "danish.txt", danish.encode(), {}),
        ("file over max_bytes (max_bytes=10000)", "big.pdf", pdf, {"max_bytes": 10000}),
        ("image-only PDF with ocr: false", "noocr.pdf", scan, {"ocr": False}),
        ("scan over the time limit (timeout_s=0.5)", "slow.pdf", scan, {"timeout_s": 0.5}),
        ("next file after the time-out (worker restarted)", "after.pdf", pdf, {}),
    ]
    _warm_worker(tmp)
    width = max(len(k[0]) for k in kinds)
    for label, name, data, params in kinds:
        path = folder / name
        path.write_bytes(data)
        row, dt = _timed(path, folder, params)
        what = row["error"] if row["status"] == "error" else f"format={row['format']}"
        warn = ("  | warnings: " + "; ".join(row["warnings"])) if row["warnings"] else ""
        print(f"  {label:{width}s}  {row['status']:5s} {dt:5.2f}s  {what}{warn}")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--quick", action="store_true", help="small sizes")
    ap.add_argument("--txt", type=int, default=None, help="plain-text documents (default 2000)")
    ap.add_argument("--pdf-docs", type=int, default=None, help="text-layer PDFs (default 40, 10 pages each)")
    ap.add_argument("--ocr-pages", type=int, default=None, help="pages to OCR per kind (default 8)")
    args = ap.parse_args()
    n_txt = args.txt or (300 if args.quick else 2000)
    n_pdf = args.pdf_docs or (10 if args.quick else 40)
    n_ocr = args.ocr_pages or (4 if args.quick else 8)
    os.environ.setdefault("OMP_THREAD_LIMIT", "1")
    import pytesseract
    print(f"ingest benchmark — python {sys.version.split()[0]}, tesseract {pytesseract.get_tesseract_version()}, "
          f"{os.cpu_count()} CPUs (load average {os.getloadavg()[0]:.1f} at start); one document at a time")
    tmp = Path(tempfile.mkdtemp(prefix="ingest_bench_"))
    try:
        bench_text(tmp, n_txt)
        bench_text_pdfs(tmp, n_pdf, 10)
        bench_ocr_speed(tmp, n_ocr)
        bench_ocr_quality(tmp)
        bench_bad_inputs(tmp)
    finally:
        ingest_worker.shutdown()
        shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    main()
