"""Where the hunspell-sv dictionary is: shared by the repair (its lexicon) and NER (proper nouns).

The ``hunspell-sv`` distribution installs ``sv_SE.dic``/``.aff`` under the environment's
``share/hunspell``; Debian's ``hunspell-sv`` under ``/usr/share/hunspell``. The environment
variable ``MINUTES_HUNSPELL_SV`` (a path without the suffix) names another copy.
"""
from __future__ import annotations

import os
import sys
from pathlib import Path

HUNSPELL_DIRS = [Path(sys.prefix) / "share" / "hunspell", Path("/usr/share/hunspell")]


def hunspell_sv_base() -> Path | None:
    """The dictionary's path without suffix (``…/sv_SE``), or None when it is not installed."""
    env = os.environ.get("MINUTES_HUNSPELL_SV")
    cands = [Path(env)] if env else []
    cands += [d / "sv_SE" for d in HUNSPELL_DIRS]
    for c in cands:
        if c.with_suffix(".dic").exists() and c.with_suffix(".aff").exists():
            return c
    return None
