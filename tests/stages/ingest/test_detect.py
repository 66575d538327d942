from __future__ import annotations

import io
from pathlib import Path

import pytest

from pipeline.stages.ingest.detect import detect_format, sniff
from pipeline.stages.ingest.samples import docx_bytes, render_page, text_pdf


def _png() -> bytes:
    buf = io.BytesIO()
    render_page(["Åsa"], width=200, height=60, font_size=20, margin=5).save(buf, format="PNG")
    return buf.getvalue()


def test_sniff_magic_numbers():
    assert sniff(b"%PDF-1.7\n...") == "pdf"
    assert sniff(b"\n\n%PDF-1.4") == "pdf"  # junk before the header is tolerated
    assert sniff(_png()) == "image"
    assert sniff(b"\xff\xd8\xff\xe0\x00\x10JFIF") == "image"
    assert sniff(b"II*\x00\x08\x00") == "image"
    assert sniff(b"MM\x00*\x00\x00") == "image"
    assert sniff(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 8) == "ole"
    assert sniff(b"{\\rtf1\\ansi") == "rtf"
    assert sniff(b"<!DOCTYPE html><html>") == "html"
    assert sniff("<html><body>".encode("utf-16")) == "html"
    assert sniff("Protokoll för mötet".encode()) is None
    assert sniff("BMW-gruppen sammanträdde".encode()) is None  # 'BM' text is not a bitmap


def test_sniff_zip_docx_or_not():
    d = docx_bytes(["Hej"])
    assert sniff(d[:2048], d) == "docx"
    buf = io.BytesIO()
    import zipfile
    with zipfile.ZipFile(buf, "w") as zf:
        zf.writestr("a.txt", "x")
    assert sniff(buf.getvalue()[:2048], buf.getvalue()) == "zip"


@pytest.mark.parametrize("name,data,fmt", [
    ("protokoll.txt", b"Protokoll", "txt"),
    ("protokoll.md", b"# Protokoll", "md"),
    ("protokoll.org", b"* Protokoll", "org"),
    ("protokoll.htm", b"<html><body>x</body></html>", "html"),
    ("scan.TIF", b"II*\x00\x08\x00\x00\x00", "image"),
])
def test_detect_by_suffix_and_content(name, data, fmt):
    assert detect_format(Path(name), data) == (fmt, None)


def test_extension_lies_pdf_named_txt():
    fmt, warning = detect_format(Path("protokoll.txt"), text_pdf([["Hej"]]))
    assert fmt == "pdf"
    assert "does not match" in warning


def test_extension_lies_docx_named_pdf():
    fmt, warning = detect_format(Path("protokoll.pdf"), docx_bytes(["Hej"]))
    assert fmt == "docx"
    assert ".pdf" in warning


def test_html_saved_as_txt_is_read_as_html():
    fmt, warning = detect_format(Path("sida.txt"), b"<!doctype html><html><p>Hej</p></html>")
    assert fmt == "html" and warning


def test_legacy_office_is_read_as_doc_unless_named_otherwise():
    ole = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 100
    assert detect_format(Path("gammal.doc"), ole) == ("doc", None)
    fmt, warning = detect_format(Path("budget.xls"), ole)
    assert fmt is None and ".xls" in warning


def test_new_formats_by_suffix_and_content():
    assert detect_format(Path("p.tex"), b"\\section{Protokoll}") == ("tex", None)
    assert detect_format(Path("p.rtf"), b"{\\rtf1\\ansi Protokoll}") == ("rtf", None)
    assert detect_format(Path("p.txt"), b"{\\rtf1\\ansi Protokoll}")[0] == "rtf"


def test_unknown_suffix_text():
    fmt, warning = detect_format(Path("protokoll.xyz"), b"Protokoll")
    assert fmt == "txt" and "unknown file extension" in warning
