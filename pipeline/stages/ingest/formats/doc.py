"""Legacy Word (.doc, OLE2) through a Debian converter: antiword, else catdoc (both installed by the
Makefile). Where neither can read the file, a clear error."""
from __future__ import annotations

import os
import shutil
import subprocess
import tempfile

from pipeline.contract.document import TextBuilder
from pipeline.stages.ingest.formats import ReadFailed, Reading, write_lines
from pipeline.stages.ingest.text import clean_text

CONVERTERS = (("antiword", ["antiword", "-w", "0", "-m", "UTF-8.txt"]), ("catdoc", ["catdoc", "-w", "-d", "utf-8"]))


def convert(data: bytes, timeout: float = 120.0) -> tuple[str, str]:
    """(text, converter name). Raises ReadFailed when no converter is installed or none reads it."""
    tried = []
    with tempfile.TemporaryDirectory(prefix="minutes-doc-") as tmp:
        path = os.path.join(tmp, "in.doc")
        with open(path, "wb") as f:
            f.write(data)
        for name, argv in CONVERTERS:
            if shutil.which(argv[0]) is None:
                tried.append(f"{name}: not installed")
                continue
            try:
                out = subprocess.run([*argv, path], capture_output=True, timeout=timeout, check=False)
            except subprocess.TimeoutExpired:
                tried.append(f"{name}: timed out")
                continue
            text = out.stdout.decode("utf-8", errors="replace")
            if out.returncode == 0 and text.strip():
                return text, name
            err = out.stderr.decode("utf-8", errors="replace").strip().split("\n")[0][:150]
            tried.append(f"{name}: {err or f'exit code {out.returncode}'}")
    raise ReadFailed("cannot read this legacy Word (.doc/OLE2) file: " + "; ".join(tried))


def read_doc(data: bytes) -> Reading:
    text, _ = convert(data)
    b = TextBuilder()
    # converters write one paragraph per line (antiword -w 0) or blank-line separated paragraphs
    lines: list[str] = []
    for line in clean_text(text).replace("\f", "\n").split("\n"):
        lines += [line, ""] if line.strip() and not line.lstrip().startswith(("•", "- ", "* ")) else [line]
    write_lines(b, (ln.replace("•", "-", 1) if ln.lstrip().startswith("•") else ln for ln in lines))
    return Reading.of(b)
