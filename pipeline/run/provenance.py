"""What made an output: pipeline version, git commit, parameters, models and libraries.

Recorded in ``run.json`` and in the Parquet schema metadata of every table (key
``minutes_provenance``, JSON), so a table that travels alone still says what produced it.
"""
from __future__ import annotations

import hashlib
import json
import subprocess
from functools import lru_cache
from pathlib import Path

import pipeline
from pipeline import __version__
from pipeline.contract.resources import model_path
from pipeline.run import registry
from pipeline.run.cache import library_versions

METADATA_KEY = b"minutes_provenance"


@lru_cache(maxsize=1)
def git_commit() -> str | None:
    """The commit of the source checkout the package runs from (None for an installed wheel)."""
    root = Path(pipeline.__file__).resolve().parent.parent
    if not (root / ".git").exists():
        return None
    try:
        out = subprocess.run(["git", "-C", str(root), "rev-parse", "HEAD"], capture_output=True, text=True, timeout=10)
        dirty = subprocess.run(["git", "-C", str(root), "status", "--porcelain", "--untracked-files=no"],
                               capture_output=True, text=True, timeout=10).stdout.strip()
    except (OSError, subprocess.SubprocessError):
        return None
    commit = out.stdout.strip()
    return (commit + ("-dirty" if dirty else "")) if out.returncode == 0 and commit else None


def _checksum(path: Path) -> str:
    h = hashlib.sha256()
    files = [path] if path.is_file() else sorted(p for p in path.rglob("*") if p.is_file())
    for f in files:
        h.update(f.relative_to(path).as_posix().encode() if f != path else b"")
        h.update(f.read_bytes())
    return h.hexdigest()


@lru_cache(maxsize=8)
def _model(declared: str) -> dict:
    path = model_path(declared)
    meta_file = (path if path.is_dir() else path.parent) / "meta.json"
    meta = json.loads(meta_file.read_text(encoding="utf-8")) if meta_file.is_file() else {}
    return {"name": meta.get("name") or path.name, "version": meta.get("version"), "path": declared,
            "sha256": _checksum(path) if path.exists() else None}


def models() -> list[dict]:
    """Every shipped model a stage declares, with its version and checksum."""
    declared = sorted({r for s in registry.ALL_STAGES if s.kind != "train" for r in s.resources
                       if r.startswith("models/")})
    return [_model(d) for d in declared]


def run_provenance(params) -> dict:
    return {"pipeline_version": __version__, "git_commit": git_commit(),
            "params": registry.parse_params(params).as_dict(), "models": models(), "libraries": library_versions()}
