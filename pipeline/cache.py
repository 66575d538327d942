"""Per-document results kept between runs: what makes runs incremental and resumable.

A processed document is stored as ``<out>/.cache/<fingerprint>/<doc_id[:2]>/<doc_id>.pkl``
(written to a temporary name, then renamed: a killed run leaves whole entries or none). The
fingerprint covers everything that can change a result besides the file's bytes (which the
doc_id hashes): the pipeline version, the parameters, the pipeline's source files and the
shipped models. A re-run finds unchanged documents here and does not process them again;
a run that was killed resumes where it stopped.
"""
from __future__ import annotations

import hashlib
import json
import os
import pickle
import shutil
from functools import lru_cache
from pathlib import Path

from pipeline import __version__
from pipeline.record import MinutesRecord

PACKAGE_DIR = Path(__file__).resolve().parent
MODELS_DIR = PACKAGE_DIR.parent / "models"
CODE_SUFFIXES = {".py", ".yaml", ".yml", ".json", ".tsv", ".txt", ".gz", ".cfg"}


@lru_cache(maxsize=1)
def _code_and_models_digest() -> str:
    h = hashlib.sha256()
    for base in (PACKAGE_DIR, MODELS_DIR):
        if not base.is_dir():
            continue
        for p in sorted(base.rglob("*")):
            if p.is_file() and "__pycache__" not in p.parts and (base == MODELS_DIR or p.suffix in CODE_SUFFIXES):
                h.update(p.relative_to(base.parent).as_posix().encode())
                h.update(p.read_bytes())
    return h.hexdigest()


def fingerprint(params: dict) -> str:
    """What, besides a document's bytes, decides its result."""
    h = hashlib.sha256()
    h.update(__version__.encode())
    h.update(json.dumps(params, sort_keys=True, default=str).encode())
    h.update(_code_and_models_digest().encode())
    return h.hexdigest()[:16]


class RecordCache:
    """The processed records of one output folder, for one fingerprint."""

    def __init__(self, out_dir: Path, params: dict):
        self.root = Path(out_dir) / ".cache"
        self.fingerprint = fingerprint(params)
        self.dir = self.root / self.fingerprint

    def _path(self, doc_id: str) -> Path:
        return self.dir / doc_id[:2] / f"{doc_id}.pkl"

    def __contains__(self, doc_id: str) -> bool:
        return self._path(doc_id).exists()

    def get(self, doc_id: str) -> MinutesRecord | None:
        try:
            with open(self._path(doc_id), "rb") as f:
                return pickle.load(f)
        except (OSError, EOFError, pickle.UnpicklingError, AttributeError, ImportError):
            return None  # missing or unreadable: process the document again

    def put(self, record: MinutesRecord) -> None:
        path = self._path(record.document["doc_id"])
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
        with open(tmp, "wb") as f:
            pickle.dump(record, f, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(tmp, path)

    def prune(self, keep: set[str]) -> int:
        """Drop other fingerprints' entries and documents no longer in the archive."""
        removed = 0
        if self.root.is_dir():
            for other in self.root.iterdir():
                if other != self.dir:
                    shutil.rmtree(other, ignore_errors=True)
        if self.dir.is_dir():
            for p in self.dir.rglob("*"):
                if p.is_file() and (p.name.startswith(".") or p.stem not in keep):
                    p.unlink(missing_ok=True)
                    removed += 1
        return removed
