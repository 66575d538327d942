"""read_document end to end: every format, every kind of bad input, the limits in params.yaml,
the worker (time limit, crash) and the in-process path for plain text."""
from __future__ import annotations

import io
import os
import signal
import threading
import time
import zipfile
from pathlib import Path

import pytest
import yaml

from pipeline.contract.schema import DOCUMENTS, PARTITION_COLUMN
from pipeline.stages.ingest import read_document, worker
from pipeline.stages.ingest.reader import DEFAULT_PARAMS, resolve_params
from pipeline.stages.ingest.samples import (
    MINUTES_PAGES,
    cer,
    docx_bytes,
    image_pdf,
    render_page,
    swedish_letter_error_rate,
    text_pdf,
)

REPO = Path(__file__).resolve().parents[3]
PAGE_TEXT = "\n".join(MINUTES_PAGES[0])
# the documents table's columns; the partition column is added by the export
COLUMNS = [c for c in DOCUMENTS.names if c != PARTITION_COLUMN]


def _write(tmp_path: Path, name: str, data: bytes | str) -> Path:
    p = tmp_path / name
    p.write_bytes(data.encode("utf-8") if isinstance(data, str) else data)
    return p


def _read(tmp_path: Path, name: str, data: bytes | str, **params) -> dict:
    return read_document(_write(tmp_path, name, data), tmp_path, params)


def _png(img) -> bytes:
    buf = io.BytesIO()
    img.save(buf, format="PNG", dpi=(300, 300))
    return buf.getvalue()


# --- the row ---------------------------------------------------------------------------------

def test_rows_have_exactly_the_contract_columns(tmp_path, swedish):
    ok = _read(tmp_path, "a.txt", swedish)
    bad = _read(tmp_path, "b.txt", b"")
    assert ok["status"] == "ok" and bad["status"] == "error"
    for row in (ok, bad):
        assert list(row) == COLUMNS
    assert ok["error"] is None and ok["text"] == ok["text_raw"] == swedish
    assert ok["source_path"] == "a.txt" and len(ok["doc_id"]) == 16
    assert bad["text_raw"] is None and bad["error"]


# --- formats, through read_document (the worker for everything but plain text) -----------------

def _html() -> bytes:
    return ("<!DOCTYPE html><html><head><meta charset='windows-1252'><title>Protokoll</title></head><body>"
            "<h1>Protokoll för styrelsemöte</h1><p>Närvarande: Åsa Öberg och Björn Ängström.</p>"
            "<table><tr><td>Vem</td><td>Vad</td></tr><tr><td>Märta</td><td>Offerter</td></tr></table>"
            "</body></html>").encode("cp1252")


PAGE_LINES = MINUTES_PAGES[0]
# the text conventions: blocks separated by a blank line, a paragraph's lines kept, headings on a line of
# their own, table rows 'a | b', pages joined by '\n\f\n'
FORMATS = {
    "protokoll.txt": (lambda: PAGE_TEXT.replace("\n", "\r\n").encode("cp1252"), "txt", PAGE_TEXT),
    "protokoll.md": (lambda: ("# " + PAGE_TEXT.replace("§ 1.", "## § 1.")).encode("utf-8-sig"), "md",
                     "\n\n".join([PAGE_LINES[0], "\n".join(PAGE_LINES[1:4]), PAGE_LINES[4],
                                 "\n".join(PAGE_LINES[5:])])),
    "protokoll.org": (lambda: ("* " + PAGE_TEXT).encode("utf-16"), "org",
                      PAGE_LINES[0] + "\n\n" + "\n".join(PAGE_LINES[1:])),
    "protokoll.html": (_html, "html", ("Protokoll för styrelsemöte\n\nNärvarande: Åsa Öberg och "
                                        "Björn Ängström.\n\nVem | Vad\nMärta | Offerter")),
    "protokoll.docx": (lambda: docx_bytes(MINUTES_PAGES[0][1:], table=[["Vem", "Vad"], ["Märta", "Offerter"]],
                                          heading=MINUTES_PAGES[0][0]), "docx",
                       "\n\n".join(PAGE_LINES[:2] + ["Vem | Vad\nMärta | Offerter"] + PAGE_LINES[2:])),
    # the running header stays on page 1 (the title block), goes on page 2; the page numbers go
    "protokoll.pdf": (lambda: text_pdf(MINUTES_PAGES, header="Stenålderns samfällighetsförening",
                                       page_numbers=True), "pdf",
                      "Stenålderns samfällighetsförening\n\n" + "\n\f\n".join("\n".join(p) for p in MINUTES_PAGES)),
}


@pytest.mark.parametrize("name", list(FORMATS))
def test_formats(tmp_path, name):
    make, fmt, expected = FORMATS[name]
    row = _read(tmp_path, name, make())
    assert row["status"] == "ok", row["error"]
    assert row["format"] == fmt
    assert row["text_raw"] == expected
    assert row["ocr"] is False and row["ocr_pages"] == [] and row["ocr_engine"] is None
    assert not any("Swedish" in w for w in row["warnings"])


@pytest.mark.parametrize("name", ["scan.png", "scan.pdf"])
def test_scans_through_read_document(tmp_path, name):
    img = render_page(MINUTES_PAGES[0], height=1100, margin=120, line_gap=1.5)
    data = _png(img.rotate(90, expand=True)) if name.endswith(".png") else image_pdf([img])
    row = _read(tmp_path, name, data)
    assert row["status"] == "ok", row["error"]
    assert row["format"] == ("image" if name.endswith(".png") else "pdf")
    assert row["ocr"] is True and row["ocr_pages"] == [1] and row["n_pages"] == 1
    assert row["ocr_engine"].startswith("tesseract ") and row["ocr_engine"].endswith(" swe")
    assert cer(PAGE_TEXT, row["text_raw"]) < 0.03
    assert swedish_letter_error_rate(PAGE_TEXT, row["text_raw"]) <= 0.05
    if name.endswith(".png"):
        assert "page 1 was rotated 90° (corrected)" in row["warnings"]


# --- bad input: one error row each, with a clear message ------------------------------------------

def _bad_inputs() -> dict[str, tuple[bytes, str]]:
    pdf = text_pdf(MINUTES_PAGES)
    dx = docx_bytes(["Närvarande: Åsa Öberg"])
    broken_part = io.BytesIO()
    with zipfile.ZipFile(broken_part, "w") as zf:
        zf.writestr("[Content_Types].xml", "<Types/>")
        zf.writestr("word/document.xml", "<w:document><w:body><w:p>")
    rnd = os.urandom(20000)
    png = _png(render_page(MINUTES_PAGES[0], width=1240, height=600, font_size=21, margin=60))
    return {
        "empty.txt": (b"", "empty file (0 bytes)"),
        "empty.pdf": (b"", "empty file (0 bytes)"),
        "whitespace.txt": (b"  \r\n\t\n   \n", "no text: whitespace only"),
        "whitespace.md": ("\u00a0\n \n".encode(), "no text: whitespace only"),
        "random.txt": (rnd, "binary data, not text"),
        "random.pdf": (rnd, "not a valid pdf file"),
        "random.docx": (rnd, "not a valid docx file"),
        "truncated.pdf": (pdf[: len(pdf) // 2], "corrupt or truncated PDF"),
        "corrupt.pdf": (b"%PDF-1.4\n" + rnd, "corrupt or truncated PDF"),
        "encrypted.pdf": (text_pdf(MINUTES_PAGES, password="hemligt"), "encrypted PDF: a password is required"),
        "corrupt.docx": (dx[: len(dx) // 2], "corrupt .docx file"),
        "broken-part.docx": (broken_part.getvalue(), "corrupt .docx file"),
        "corrupt.png": (b"\x89PNG\r\n\x1a\n" + rnd[:2000], "corrupt or unreadable image (the image data cannot"),
        "truncated.png": (png[: len(png) // 2], "corrupt or unreadable image (OSError: image file is truncated"),
        "oneline.txt": (("ord " * 300_000).encode(), "a line of 1200000 characters exceeds max_line_chars=100000"),
        "oneline.md": (("*a " * 100_000).encode(), "a line of 300000 characters exceeds max_line_chars=100000"),
        "legacy.doc": (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + rnd[:4000], "cannot read this legacy Word (.doc/OLE2)"),
        "archive.docx": (_zip(), "a zip archive that is neither a .docx nor an .odt"),
        "empty.html": (b"<!DOCTYPE html><html><body><script>x()</script></body></html>", "no text"),
    }


def _zip() -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as zf:
        zf.writestr("protokoll.txt", "Protokoll")
    return buf.getvalue()


BAD = _bad_inputs()


@pytest.mark.timeout(120)  # a hang guard, not a speed measurement (see benchmarks/ingest_bench.py)
@pytest.mark.parametrize("name", list(BAD))
def test_bad_input_is_an_error_row(tmp_path, name):
    data, message = BAD[name]
    row = _read(tmp_path, name, data)
    assert row["status"] == "error", row["text_raw"]
    assert message in row["error"]
    assert row["text_raw"] is None and row["text"] is None
    assert list(row) == COLUMNS


@pytest.mark.timeout(60)  # catastrophic backtracking took minutes here; linear patterns take milliseconds
def test_pathological_markup_line_is_read_in_linear_time(tmp_path):
    # just under max_line_chars: every markup pattern must stay linear in the line's length
    line = "*a _b [c](<d ~~e `f /g <http:h [[i]" * 3000
    for suffix in ("md", "org"):
        row = _read(tmp_path, f"lang.{suffix}", line[:99_000].encode())
        assert row["status"] == "ok", row["error"]


@pytest.mark.parametrize("name,data,fmt", [
    ("protokoll.txt", text_pdf(MINUTES_PAGES), "pdf"),
    ("protokoll.pdf", docx_bytes(MINUTES_PAGES[0]), "docx"),
    ("protokoll.docx", PAGE_TEXT.encode(), "txt"),
])
def test_lying_extension_is_read_by_content(tmp_path, name, data, fmt):
    row = _read(tmp_path, name, data)
    assert row["status"] == "ok", row["error"]
    assert row["format"] == fmt
    assert "Stenålderns samfällighetsförening" in row["text_raw"]
    assert any("does not match its content" in w for w in row["warnings"])


@pytest.mark.parametrize("name", ["minutes.txt", "minutes.docx"])
def test_non_swedish_text_is_ok_with_a_warning(tmp_path, english, name):
    data = english.encode() if name.endswith(".txt") else docx_bytes(english.splitlines())
    row = _read(tmp_path, name, data)
    assert row["status"] == "ok" and row["error"] is None
    expected = english.strip() if name.endswith(".txt") else "\n\n".join(english.strip().splitlines())
    assert row["text_raw"].strip() == expected   # docx: one paragraph each, a blank line between
    assert [w for w in row["warnings"] if "does not look Swedish" in w and "'en'" in w]


def test_the_batch_goes_on(tmp_path, swedish):
    """Every bad kind in one folder, a good file between each: all good files are read."""
    names = []
    for i, (name, (data, _)) in enumerate(BAD.items()):
        _write(tmp_path, name, data)
        _write(tmp_path, f"good{i:02d}.txt", swedish)
        names += [name, f"good{i:02d}.txt"]
    rows = [read_document(tmp_path / n, tmp_path, {}) for n in names]
    assert [r["status"] for r in rows] == ["error", "ok"] * len(BAD)
    assert all(r["text_raw"] == swedish for r in rows[1::2])


# --- limits: params.yaml ----------------------------------------------------------------------------

def test_params_yaml_ingest_section():
    section = yaml.safe_load((REPO / "params.yaml").read_text(encoding="utf-8"))["ingest"]
    assert {"max_bytes", "timeout_s", "inline_text_max_bytes", "max_line_chars"} <= set(section)
    assert set(section) <= set(DEFAULT_PARAMS), "unknown key (typo?) in params.yaml ingest"
    p = resolve_params(section)
    assert p["timeout_s"] > 0 and p["max_bytes"] > 0
    assert {k: p[k] for k in section} == section
    # the comments say what each limit does
    text = (REPO / "params.yaml").read_text(encoding="utf-8")
    block = text.split("\ningest:", 1)[1].split("\nrepair:", 1)[0]
    for key in ("max_bytes", "timeout_s"):
        line = next(ln for ln in block.splitlines() if ln.strip().startswith(key + ":"))
        assert "#" in line


def test_size_limit(tmp_path, swedish):
    data = swedish.encode()
    row = _read(tmp_path, "a.txt", data, max_bytes=len(data) - 1)
    assert row["status"] == "error"
    assert row["error"] == f"file too large: {len(data)} bytes > max_bytes={len(data) - 1}"
    assert _read(tmp_path, "b.txt", data, max_bytes=len(data))["status"] == "ok"
    big = _read(tmp_path, "big.pdf", text_pdf(MINUTES_PAGES), max_bytes=1000)
    assert big["status"] == "error" and big["error"].startswith("file too large")


def test_time_limit_kills_a_slow_document_and_the_batch_goes_on(tmp_path, swedish):
    scan = image_pdf([render_page(MINUTES_PAGES[0], height=1100)])  # OCR takes about a second
    t0 = time.perf_counter()
    row = _read(tmp_path, "scan.pdf", scan, timeout_s=0.3)
    assert row["status"] == "error"
    assert "time limit" in row["error"] and "0.3 s" in row["error"]
    assert time.perf_counter() - t0 < 0.3 + 10  # the limit (plus one worker start-up at most)
    # the next documents are read: in-process text and, in a fresh worker, a PDF
    assert _read(tmp_path, "next.txt", swedish)["status"] == "ok"
    assert _read(tmp_path, "next.pdf", text_pdf(MINUTES_PAGES), timeout_s=60)["status"] == "ok"


def test_crashed_worker_gives_an_error_row(tmp_path, monkeypatch):
    taken = []
    real_take = worker._take

    def take(max_memory_mb):
        w = real_take(max_memory_mb)
        w.wait_ready()
        taken.append(w)
        return w

    monkeypatch.setattr(worker, "_take", take)
    scan = image_pdf([render_page(MINUTES_PAGES[0], height=1100)])

    def kill_when_busy():
        deadline = time.monotonic() + 20
        while not taken and time.monotonic() < deadline:
            time.sleep(0.01)
        time.sleep(0.2)
        os.killpg(taken[0].proc.pid, signal.SIGKILL)

    t = threading.Thread(target=kill_when_busy)
    t.start()
    row = _read(tmp_path, "scan.pdf", scan)
    t.join()
    assert row["status"] == "error"
    assert row["error"] == "worker process crashed (killed by signal 9)"
    monkeypatch.undo()
    assert _read(tmp_path, "next.pdf", text_pdf(MINUTES_PAGES))["status"] == "ok"


# --- where documents are read --------------------------------------------------------------------------

def test_plain_text_is_read_in_process_other_formats_in_the_worker(tmp_path, swedish, monkeypatch):
    calls = []

    def fake_run(path, params):
        calls.append(Path(path).name)
        return {"status": "error", "error": "sent to the worker"}

    monkeypatch.setattr(worker, "run", fake_run)
    for name, data in [("a.txt", swedish), ("b.md", "# " + swedish), ("c.org", "* " + swedish),
                       ("d.pdf", b""), ("e.txt", os.urandom(100))]:
        row = _read(tmp_path, name, data)
        assert row["error"] != "sent to the worker", name
    assert calls == []
    for name, data in [("f.txt", text_pdf([["Hej"]])), ("g.pdf", text_pdf([["Hej"]])), ("h.html", "<p>Hej</p>"),
                       ("i.docx", docx_bytes(["Hej"])), ("j.png", _png(render_page(["Hej"], 200, 60, 20, 5)))]:
        assert _read(tmp_path, name, data)["error"] == "sent to the worker", name
    # a text file over inline_text_max_bytes goes to the worker too (for its time limit)
    assert _read(tmp_path, "k.txt", swedish, inline_text_max_bytes=100)["error"] == "sent to the worker"
    assert calls == ["f.txt", "g.pdf", "h.html", "i.docx", "j.png", "k.txt"]


def test_large_text_through_the_worker_is_the_same(tmp_path, swedish):
    data = (swedish * 50).replace("\n", "\r\n").encode("cp1252")
    inline = _read(tmp_path, "a.txt", data)
    isolated = _read(tmp_path, "a.txt", data, inline_text_max_bytes=100)
    assert inline == isolated
    assert inline["text_raw"] == swedish * 50 and inline["warnings"] == ["decoded as cp1252"]
