"""Format detection: magic bytes first, the file name's suffix second.

A file whose extension lies (a PDF saved as ``.txt``, a Word file saved as ``.pdf``) is
read by its real format; the mismatch is reported as a warning by the caller.
"""
from __future__ import annotations

import zipfile
from io import BytesIO
from pathlib import Path

#: suffix -> format for the formats the ingest stage reads
SUFFIX_FORMATS: dict[str, str] = {
    ".txt": "txt", ".text": "txt", ".asc": "txt", ".csv": "txt", ".tsv": "txt",
    ".md": "md", ".markdown": "md", ".mdown": "md", ".mkd": "md",
    ".org": "org",
    ".tex": "tex", ".latex": "tex", ".ltx": "tex",
    ".rtf": "rtf",
    ".odt": "odt",
    ".doc": "doc", ".dot": "doc",
    ".html": "html", ".htm": "html", ".xhtml": "html",
    ".docx": "docx", ".docm": "docx",
    ".pdf": "pdf",
    ".png": "image", ".jpg": "image", ".jpeg": "image", ".tif": "image", ".tiff": "image",
    ".bmp": "image", ".gif": "image", ".webp": "image",
}

TEXT_FORMATS = {"txt", "md", "org", "tex"}

_IMAGE_MAGIC = (
    b"\x89PNG\r\n\x1a\n",       # PNG
    b"\xff\xd8\xff",             # JPEG
    b"II*\x00", b"MM\x00*",      # TIFF
    b"BM",                       # BMP (checked with care below)
    b"GIF87a", b"GIF89a",
)


def sniff(head: bytes, data: bytes | None = None) -> str | None:
    """The format the leading bytes announce, or None when they name none we know.

    Returns one of 'pdf', 'docx', 'odt', 'zip' (a zip archive that is neither), 'ole'
    (legacy MS Office: .doc/.xls), 'rtf', 'image', 'html', or None (probably text).
    ``data`` (the whole file, when available) lets a zip archive be inspected.
    """
    if not head:
        return None
    stripped = head.lstrip(b"\xef\xbb\xbf").lstrip()
    if b"%PDF-" in head[:1024]:
        return "pdf"
    if head.startswith(b"PK\x03\x04") or head.startswith(b"PK\x05\x06"):
        if data is not None:
            try:
                with zipfile.ZipFile(BytesIO(data)) as zf:
                    names = set(zf.namelist())
                    if "word/document.xml" in names:
                        return "docx"
                    mimetype = zf.read("mimetype")[:60] if "mimetype" in names else b""
                    if "content.xml" in names and mimetype.startswith(b"application/vnd.oasis.opendocument.text"):
                        return "odt"
            except (zipfile.BadZipFile, Exception):  # noqa: BLE001 - corrupt zip: let the reader say so
                if b"word/" in data[:65536]:
                    return "docx"
                return "odt" if b"opendocument.text" in data[:200] else "zip"
            return "zip"
        return "docx"
    if head.startswith(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"):
        return "ole"
    if head.startswith(b"{\\rtf"):
        return "rtf"
    for magic in _IMAGE_MAGIC:
        if head.startswith(magic):
            if magic == b"BM" and not (len(head) >= 14 and head[6:10] == b"\x00\x00\x00\x00"):
                continue  # 'BM' is also the start of ordinary text; require the reserved zeros
            return "image"
    if head[:4] == b"RIFF" and head[8:12] == b"WEBP":
        return "image"
    low = stripped[:1024].lower()
    if low.startswith((b"<!doctype html", b"<html")) or (low.startswith(b"<?xml") and b"<html" in low):
        return "html"
    # UTF-16 encoded HTML
    for bom, enc in ((b"\xff\xfe", "utf-16-le"), (b"\xfe\xff", "utf-16-be")):
        if head.startswith(bom):
            try:
                t = head[2:1024].decode(enc, errors="ignore").lstrip().lower()
            except Exception:  # noqa: BLE001
                t = ""
            if t.startswith(("<!doctype html", "<html")):
                return "html"
    return None


def detect_format(path: Path, data: bytes) -> tuple[str | None, str | None]:
    """(format, warning): the format to read the file as, and a warning if the suffix lies.

    format is None when the file is of a kind the stage does not read (the warning then
    says what it looked like).
    """
    suffix = path.suffix.lower()
    by_suffix = SUFFIX_FORMATS.get(suffix)
    magic = sniff(data[:2048], data)
    if magic in {"pdf", "docx", "odt", "image", "rtf"}:
        fmt = magic
    elif magic == "ole":
        # legacy Office: read as Word (.doc) unless the name says it is another Office kind
        if suffix in (".xls", ".ppt", ".msg", ".xlt", ".pps"):
            return None, f"content is a legacy MS Office file ({suffix}), which is not supported"
        fmt = "doc"
    elif magic == "html":
        fmt = "html"
        if by_suffix in TEXT_FORMATS and suffix != ".txt":
            fmt = by_suffix  # Markdown may legitimately start with an HTML block
    elif magic == "zip":
        return None, "content is a zip archive that is neither a .docx nor an .odt, which is not supported"
    else:
        # no magic number: text of some kind
        if by_suffix in TEXT_FORMATS or by_suffix == "html":
            fmt = by_suffix
        else:
            fmt = "txt"
    warning = None
    if by_suffix is not None and by_suffix != fmt and not (by_suffix in TEXT_FORMATS and fmt in TEXT_FORMATS):
        warning = f"file extension {suffix!r} does not match its content; read as {fmt}"
    elif by_suffix is None and suffix and fmt:
        warning = f"unknown file extension {suffix!r}; content read as {fmt}"
    return fmt, warning
