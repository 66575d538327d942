"""Per-document results kept between runs: what makes runs incremental and resumable.

A processed document is stored as ``<out>/.cache/<fingerprint>/<doc_id[:2]>/<doc_id>.pkl``
(written to a temporary name, then renamed: a killed run leaves whole entries or none). The
fingerprint covers everything that can change a result besides the file's bytes (which the
doc_id hashes): the pipeline version, the parameters, the source and resource files the stages
declare (models included) and the versions of the libraries they declare. A re-run finds
unchanged documents here and does not process them again; a run that was killed resumes where
it stopped.
"""
from __future__ import annotations

import hashlib
import json
import os
import pickle
import shutil
from functools import lru_cache
from importlib import metadata
from pathlib import Path

import pipeline
from pipeline import __version__
from pipeline.contract.record import MinutesRecord
from pipeline.contract.resources import model_path
from pipeline.run import registry

REPO_DIR = Path(pipeline.__file__).resolve().parent.parent   # the folder holding the package
CODE_SUFFIXES = {".py", ".yaml", ".yml", ".json", ".tsv", ".txt", ".gz", ".cfg"}


def declared_path(path: str) -> Path:
    """A path of a stage declaration: 'models/…' inside the shipped models, the rest beside the package."""
    return model_path(path) if path.startswith("models/") else REPO_DIR / path


def _files(path: Path, code_only: bool) -> list[Path]:
    if path.is_file():
        return [path]
    if not path.is_dir():
        return []
    return sorted(p for p in path.rglob("*") if p.is_file() and "__pycache__" not in p.parts
                  and (not code_only or p.suffix in CODE_SUFFIXES))


@lru_cache(maxsize=1)
def _code_and_resources_digest() -> str:
    """The source of every per-document and archive stage, the shared code, and their resources."""
    h = hashlib.sha256()
    stages = [registry.SOURCE, *registry.DOCUMENT_STAGES, *registry.ARCHIVE_STAGES]
    code = sorted({c for s in stages for c in s.code} | set(registry.SHARED_CODE))
    resources = sorted({r for s in stages for r in s.resources})
    for declared, code_only in [*((c, True) for c in code), *((r, False) for r in resources)]:
        base = declared_path(declared)
        for f in _files(base, code_only):
            h.update(f"{declared}/{f.relative_to(base).as_posix() if f != base else ''}".encode())
            h.update(f.read_bytes())
    return h.hexdigest()


def library_versions() -> dict[str, str]:
    """The versions of the libraries the stages declare (spaCy, hunspell-sv, wordfreq, …)."""
    out = {}
    for lib in sorted({lib for s in registry.ALL_STAGES for lib in s.libraries}):
        try:
            out[lib] = metadata.version(lib)
        except metadata.PackageNotFoundError:
            out[lib] = "not installed"
    return out


def fingerprint(params) -> str:
    """What, besides a document's bytes, decides its result: version, parameters, code, resources, libraries."""
    h = hashlib.sha256()
    h.update(__version__.encode())
    h.update(json.dumps(registry.parse_params(params).as_dict(), sort_keys=True, default=str).encode())
    h.update(_code_and_resources_digest().encode())
    h.update(json.dumps(library_versions(), sort_keys=True).encode())
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
