"""RTF with striprtf: the text, one paragraph per \\par, bullets as list items; \\info title/author/
creation time as metadata."""
from __future__ import annotations

import re

from pipeline.contract.document import TextBuilder
from pipeline.stages.ingest.formats import ReadFailed, Reading, put_meta, write_lines
from pipeline.stages.ingest.text import clean_text

_INFO = re.compile(r"\{\\(title|author|subject|operator|keywords)\s+((?:[^{}\\]|\\[^a-z]|\\[a-z]+-?\d* ?)*)\}")
_RTF_BULLET = re.compile(r"^[ \t]*[•·\-–]\s*\t\s*|^[ \t]*[•·]\s+")
_CREATIM = re.compile(r"\{\\creatim\\yr(\d{4})\\mo(\d{1,2})\\dy(\d{1,2})")


def _decode_info(value: str) -> str:
    from striprtf.striprtf import rtf_to_text
    return rtf_to_text("{\\rtf1 " + value + "}").strip()


def read_rtf(data: bytes) -> Reading:
    from striprtf.striprtf import rtf_to_text
    raw = data.decode("latin-1")   # RTF is 7-bit; \\'xx escapes and \\uN carry the rest
    if not raw.lstrip().startswith("{\\rtf"):
        raise ReadFailed("not an RTF file (no {\\rtf header)")
    try:
        text = rtf_to_text(raw, errors="ignore")
    except Exception as e:
        raise ReadFailed(f"corrupt RTF file ({type(e).__name__}: {str(e)[:200]})") from e
    b = TextBuilder()
    put_meta(b, [(m.group(1).replace("operator", "last_modified_by"), _decode_info(m.group(2)))
                 for m in _INFO.finditer(raw[:20000])])
    m = _CREATIM.search(raw[:20000])
    if m:
        b.meta("date", f"{m.group(1)}-{int(m.group(2)):02d}-{int(m.group(3)):02d}")
    # every \\par is a paragraph: a line of its own in striprtf's output
    lines: list[str] = []
    for line in clean_text(text).split("\n"):
        if _RTF_BULLET.match(line):
            lines.append(_RTF_BULLET.sub("- ", line))   # consecutive items stay one list
        else:
            lines += [line, ""]
    write_lines(b, lines)
    return Reading.of(b)
