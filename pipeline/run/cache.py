"""Per-document results kept between runs: what makes runs incremental and resumable.

A processed document is stored as ``<out>/.cache/<fingerprint>/<doc_id[:2]>/<doc_id>.json``
(written to a temporary name, then renamed: a killed run leaves whole entries or none). The
fingerprint covers everything that can change a result besides the file's bytes (which the
doc_id hashes): the pipeline version, the parameters, the source and resource files the stages
declare (models included) and the versions of the libraries they declare. A re-run finds unchanged
documents here and does not process them again; a run that was killed resumes where it stopped.

**No code from a cache.** An output folder is something people hand over, so its cache is
untrusted input. Entries are JSON (a format that can only describe data: strings, numbers,
lists, maps; dates are tagged), never pickles. Each entry starts with a header line that names
the format, the fingerprint, the doc_id and the SHA-256 of the payload; the payload is two JSON
lines, the fields the person pass reads and the rest, so that pass parses only its part. An entry whose header,
checksum, fingerprint, doc_id or shape does not fit — truncated, corrupt, written by another
version, copied from another document — is ignored, and the document is processed again. (The
checksum finds damage, not a forger: whoever can write the folder can also write a matching
checksum, but what they can write is data, never code.)

**Disk full.** A failed write removes its temporary file and raises; entries of other
fingerprints and temporary files left by a stopped run are removed at the start of a run
(:meth:`RecordCache.sweep`), so failed runs do not pile up.
"""
from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
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


MAGIC = b"minutes-cache/2"
_FIELDS = tuple(f for f in MinutesRecord.__dataclass_fields__ if f != "document")
# the record fields the archive's person pass reads (its declared requirements): the first line of an
# entry's payload, so that pass parses them alone and every record is parsed in full only once, when written
PERSON_FIELDS = tuple(f for f in registry.BY_NAME["persons"].requires if f in _FIELDS)
_REST = tuple(f for f in _FIELDS if f not in PERSON_FIELDS)


def _encode(value):
    if isinstance(value, dt.date):
        return {"$date": value.isoformat()}
    raise TypeError(f"not JSON-serialisable in a cache entry: {type(value).__name__}")


def _decode(obj: dict):
    if len(obj) == 1 and "$date" in obj and isinstance(obj["$date"], str):
        return dt.date.fromisoformat(obj["$date"])
    return obj


def _json(data: dict) -> bytes:
    return json.dumps(data, ensure_ascii=False, default=_encode, separators=(",", ":")).encode("utf-8",
                                                                                               "surrogatepass")


def dump_record(record: MinutesRecord, fp: str) -> bytes:
    """A cache entry: header line (format, fingerprint, doc_id, SHA-256 of the payload), then the payload:
    a JSON line of the PERSON_FIELDS, a JSON line of the rest (the document and the other rows)."""
    head = _json({f: getattr(record, f) for f in PERSON_FIELDS})
    payload = head + b"\n" + _json({"document": record.document, **{f: getattr(record, f) for f in _REST}})
    doc_id = str(record.document["doc_id"])
    header = b" ".join([MAGIC, fp.encode(), doc_id.encode(), hashlib.sha256(payload).hexdigest().encode()])
    return header + b"\n" + payload


def _parse(line: bytes, keys: set[str]) -> dict | None:
    try:
        data = json.loads(line.decode("utf-8", "surrogatepass"), object_hook=_decode)
    except (UnicodeDecodeError, ValueError, RecursionError):
        return None
    if not isinstance(data, dict) or set(data) != keys:
        return None
    for f in keys - {"document"}:
        if not isinstance(data[f], list) or not all(isinstance(r, dict) for r in data[f]):
            return None
    return data


def load_record(blob: bytes, fp: str, doc_id: str, persons_only: bool = False) -> MinutesRecord | None:
    """The record of a cache entry, or None when anything about it does not fit (never trusted).
    ``persons_only``: only the PERSON_FIELDS are parsed (the document is just its doc_id)."""
    header, sep, payload = blob.partition(b"\n")
    parts = header.split(b" ")
    if not sep or len(parts) != 4 or parts[0] != MAGIC or parts[1] != fp.encode() or parts[2] != doc_id.encode():
        return None
    if hashlib.sha256(payload).hexdigest().encode() != parts[3]:
        return None
    head_line, sep, rest_line = payload.partition(b"\n")
    head = _parse(head_line, set(PERSON_FIELDS)) if sep else None
    if head is None:
        return None
    if persons_only:
        return MinutesRecord(document={"doc_id": doc_id}, **head)
    rest = _parse(rest_line, {"document", *_REST})
    if rest is None:
        return None
    doc = rest["document"]
    if not isinstance(doc, dict) or doc.get("doc_id") != doc_id:
        return None
    return MinutesRecord(**head, **rest)


class RecordCache:
    """The processed records of one output folder, for one fingerprint."""

    def __init__(self, out_dir: Path, params: dict):
        self.root = Path(out_dir) / ".cache"
        self.fingerprint = fingerprint(params)
        self.dir = self.root / self.fingerprint

    def _path(self, doc_id: str) -> Path:
        return self.dir / doc_id[:2] / f"{doc_id}.json"

    def __contains__(self, doc_id: str) -> bool:
        return self._path(doc_id).is_file()

    def get(self, doc_id: str, persons_only: bool = False) -> MinutesRecord | None:
        """The stored record (``persons_only``: just the fields the person pass reads), or None when it is
        missing or cannot be trusted (process the document again)."""
        path = self._path(doc_id)
        try:
            if path.is_symlink() or not path.is_file():
                return None  # a link could point anywhere: an entry is a plain file or nothing
            blob = path.read_bytes()
        except OSError:
            return None
        return load_record(blob, self.fingerprint, doc_id, persons_only)

    def put(self, record: MinutesRecord) -> None:
        """Store a record (atomically). On failure, disk full included, nothing is left behind and it raises."""
        path = self._path(record.document["doc_id"])
        tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            with open(tmp, "wb") as f:
                f.write(dump_record(record, self.fingerprint))
            os.replace(tmp, path)
        except BaseException:
            tmp.unlink(missing_ok=True)
            raise

    def clear(self) -> None:
        """Forget every entry (``--fresh``)."""
        shutil.rmtree(self.root, ignore_errors=True)

    def sweep(self) -> int:
        """Remove what no run of this fingerprint can use: other fingerprints, temporary files of a stopped
        run, anything that is not an entry (so a failed run does not leave the disk fuller)."""
        removed = 0
        if self.root.is_symlink():
            self.root.unlink()
            return 1
        if self.root.is_dir():
            for other in self.root.iterdir():
                if other != self.dir:
                    if other.is_dir() and not other.is_symlink():
                        shutil.rmtree(other, ignore_errors=True)
                    else:
                        other.unlink(missing_ok=True)
                    removed += 1
        if self.dir.is_dir():
            for p in self.dir.rglob("*"):
                if (p.is_file() or p.is_symlink()) and (p.name.startswith(".") or p.suffix != ".json"):
                    p.unlink(missing_ok=True)
                    removed += 1
        return removed

    def prune(self, keep: set[str]) -> int:
        """Drop other fingerprints' entries and documents no longer in the archive."""
        removed = self.sweep()
        if self.dir.is_dir():
            for p in self.dir.rglob("*.json"):
                if p.is_file() and p.stem not in keep:
                    p.unlink(missing_ok=True)
                    removed += 1
        return removed
