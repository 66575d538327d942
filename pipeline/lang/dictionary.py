"""Where the Swedish hunspell dictionary (hunspell-sv) is: one place for every stage that reads it.

``MINUTES_HUNSPELL_SV=/path/to/sv_SE`` (without suffix) points at another copy.
"""
from __future__ import annotations

import os
import sys
from pathlib import Path

HUNSPELL_DIRS = [Path(sys.prefix) / "share" / "hunspell", Path("/usr/share/hunspell")]


def hunspell_sv_base() -> Path | None:
    """The dictionary's path without suffix (``.dic`` and ``.aff`` beside it), or None."""
    env = os.environ.get("MINUTES_HUNSPELL_SV")
    cands = [Path(env)] if env else []
    cands += [d / "sv_SE" for d in HUNSPELL_DIRS]
    for c in cands:
        if c.with_suffix(".dic").exists() and c.with_suffix(".aff").exists():
            return c
    return None
