"""Where the shipped models are: one place, so an installed wheel finds them as a checkout does.

The repository's top-level ``models/`` folder is installed as the package ``minutes_models``
(see setup.py), so ``importlib.resources`` finds it in a wheel, an editable install or a source
checkout alike. ``MINUTES_MODELS=/path/to/models`` points the pipeline at another copy (a
retrained model, a read-only share on a cluster).
"""
from __future__ import annotations

import os
from importlib.resources import files
from pathlib import Path

MODELS_ENV = "MINUTES_MODELS"


def models_dir() -> Path:
    """The folder that holds ``sv_minutes_ner/``, ``repair/`` and the other shipped models."""
    env = os.environ.get(MODELS_ENV)
    if env:
        return Path(env)
    return Path(str(files("minutes_models")))


def model_path(name: str | Path) -> Path:
    """A shipped model by name ('sv_minutes_ner', 'repair/bigrams.tsv.gz'); an absolute path is
    taken as it is, and a path written as 'models/…' (the repository layout) is read inside
    :func:`models_dir`."""
    p = Path(name)
    if p.is_absolute():
        return p
    if p.parts and p.parts[0] == "models":
        p = Path(*p.parts[1:])
    return models_dir() / p
