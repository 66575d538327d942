"""Text files (.txt, .md, .org, .tex): encoding, mojibake, line ends. The markup of md/org/tex is read
by their readers (:mod:`pipeline.stages.ingest.formats`).

Guarantee: a clean UTF-8 (NFC) text file comes through unchanged apart from CRLF/CR -> LF,
so that character offsets downstream index into exactly the file's text.

A UTF-8 file in which the non-ASCII letters were lost to U+FFFD (a file once saved through a wrong
encoding: 'N\ufffdmnden beslutade att godk\ufffdnna') is text, not binary data: the replacement
characters are counted apart from control characters, and the repair stage restores them.
"""
from __future__ import annotations

import codecs
import re
import unicodedata

import ftfy
from ftfy.badness import is_bad

# Only the encoding repairs: no quote uncurling, no width or ligature changes, no
# normalisation (we do NFC ourselves), so clean text is never touched.
_FTFY_CONFIG = ftfy.TextFixerConfig(
    unescape_html=False, remove_terminal_escapes=False, fix_encoding=True,
    restore_byte_a0=True, replace_lossy_sequences=True, decode_inconsistent_utf8=True,
    fix_c1_controls=True, fix_latin_ligatures=False, fix_character_width=False,
    uncurl_quotes=False, fix_line_breaks=False, fix_surrogates=True,
    remove_control_chars=False, normalization=None, explain=False,
)

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32-le"), (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"), (codecs.BOM_UTF16_LE, "utf-16-le"), (codecs.BOM_UTF16_BE, "utf-16-be"),
)


class NotText(ValueError):
    """The bytes are not text in any encoding we can read."""


class LineTooLong(ValueError):
    """A line longer than the limit: not line-structured text (e.g. an enormous one-line file)."""

    def __init__(self, length: int, limit: int):
        super().__init__(f"a line of {length} characters exceeds max_line_chars={limit} "
                         f"(not line-structured text)")
        self.length, self.limit = length, limit


def longest_line(text: str) -> int:
    return max((len(line) for line in text.split("\n")), default=0)


def _utf16_without_bom(data: bytes) -> str | None:
    """UTF-16 without a BOM shows as NUL bytes in every other position (ASCII-heavy text)."""
    sample = data[:4096]
    if len(sample) < 4:
        return None
    even_nul = sample[0::2].count(0) / max(1, len(sample[0::2]))
    odd_nul = sample[1::2].count(0) / max(1, len(sample[1::2]))
    enc = ("utf-16-le" if odd_nul > 0.3 and even_nul < 0.05
           else "utf-16-be" if even_nul > 0.3 and odd_nul < 0.05 else None)
    if enc is None:
        return None
    try:
        return data.decode(enc)
    except UnicodeDecodeError:
        return None


# characters outside printable ASCII and Latin-1/Latin Extended-A/B (none of which is a control,
# surrogate, private-use or unassigned character): only these need a category look-up
_UNCOMMON = re.compile("[^\t\n\r\f\v\x20-\x7e\xa0-\u024f]")


def _control_share(text: str) -> float:
    sample = text[:20000]
    if not sample:
        return 0.0
    bad = sum(1 for m in _UNCOMMON.finditer(sample)
              if m.group() != "\ufffd" and unicodedata.category(m.group()) in ("Cc", "Cs", "Co", "Cn"))
    return bad / len(sample)


MAX_REPLACEMENT_SHARE = 0.25   # more U+FFFD than this is not text that lost its letters


def _replacement_share(text: str) -> float:
    sample = text[:20000]
    return sample.count("\ufffd") / len(sample) if sample else 0.0


def decode_bytes(data: bytes) -> tuple[str, str]:
    """(text, encoding). Raises NotText for binary data."""
    for bom, enc in _BOMS:
        if data.startswith(bom):
            try:
                return data[len(bom):].decode(enc), enc + " (BOM)"
            except UnicodeDecodeError:
                break
    try:
        text, enc = data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        text = _utf16_without_bom(data)
        enc = "utf-16"
        if text is None:
            text, enc = _legacy_decode(data)
    if _control_share(text) > 0.02 or _replacement_share(text) > MAX_REPLACEMENT_SHARE:
        raise NotText("binary data, not text (control characters in the content)")
    return text, enc


def _legacy_decode(data: bytes) -> tuple[str, str]:
    """Not UTF-8: cp1252 (the Windows office default; a superset of latin-1's printable
    range) unless charset-normalizer is confident of something else."""
    if data.count(0) > len(data[:100000]) * 0.01:
        raise NotText("binary data, not text (NUL bytes in the content)")
    try:
        from charset_normalizer import from_bytes
        best = from_bytes(data[:200000]).best()
    except Exception:  # noqa: BLE001
        best = None
    candidates = []
    if best is not None and best.encoding not in ("utf_8", "ascii"):
        candidates.append(best.encoding)
    candidates += ["cp1252", "latin-1"]
    # Swedish offices: prefer cp1252 when it decodes and yields å/ä/ö, or when the
    # detector's pick is exotic (e.g. cp1250 / mac_roman guesses on short files).
    for enc in ["cp1252"] + candidates:
        try:
            text = data.decode(enc)
        except (UnicodeDecodeError, LookupError):
            continue
        if enc == "cp1252" and candidates and candidates[0] not in ("cp1252", "latin_1", "iso8859_15", "latin-1"):
            if not re.search("[åäöÅÄÖé]", text):
                continue
        return text, enc
    return data.decode("latin-1"), "latin-1"


def normalise_newlines(text: str) -> str:
    return text.replace("\r\n", "\n").replace("\r", "\n")


# what the enabled ftfy fixes act on besides mojibake: C1 controls and surrogates
_FTFY_TOUCHES = re.compile("[\x80-\x9f\ud800-\udfff]")


def fix_mojibake(text: str) -> str:
    """Repair UTF-8 read as cp1252/latin-1 ('fÃ¶r' -> 'för'); clean text is unchanged.

    ftfy works line by line and costs milliseconds per document; text in which ftfy's own
    mojibake detector (``is_bad``) finds nothing, and that has no C1 control or surrogate, would
    come back unchanged, so it is returned at once."""
    if text.isascii() or (not is_bad(text) and not _FTFY_TOUCHES.search(text)):
        return text
    return ftfy.fix_text(text, config=_FTFY_CONFIG)


def clean_text(text: str) -> str:
    text = normalise_newlines(text)
    text = fix_mojibake(text)
    if not unicodedata.is_normalized("NFC", text):
        text = unicodedata.normalize("NFC", text)
    return text


def read_text(data: bytes, fmt: str = "txt", max_line_chars: int = 0) -> tuple[str, list[str]]:
    """(text, warnings) for the bytes of a text file: decoded, mojibake fixed, NFC, LF line ends.
    Raises NotText for binary data and, when ``max_line_chars`` is set, LineTooLong before any
    markup is parsed."""
    warnings: list[str] = []
    text, enc = decode_bytes(data)
    if max_line_chars:
        n = longest_line(normalise_newlines(text))
        if n > max_line_chars:
            raise LineTooLong(n, max_line_chars)
    if not enc.startswith("utf-8"):
        warnings.append(f"decoded as {enc}")
    fixed = clean_text(text)
    if fixed != normalise_newlines(text) and fix_mojibake(normalise_newlines(text)) != normalise_newlines(text):
        warnings.append("mojibake repaired (text was double-encoded)")
    n_fffd = fixed.count("\ufffd")
    if n_fffd:
        warnings.append(f"{n_fffd} characters were lost to U+FFFD (replacement character) in the file; "
                        f"repair restores them from context")
    return fixed, warnings
