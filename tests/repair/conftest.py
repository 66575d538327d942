from __future__ import annotations

from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
MINUTES = REPO.parent / "shared" / "dev" / "minutes"
CORPORA = REPO.parent / "shared" / "corpora"


@pytest.fixture(scope="session")
def minutes_dir() -> Path:
    if not MINUTES.is_dir():
        pytest.skip("../shared/dev/minutes is not beside this clone")
    return MINUTES


@pytest.fixture(scope="session")
def corpora_dir() -> Path:
    if not CORPORA.is_dir():
        pytest.skip("../shared/corpora is not beside this clone")
    return CORPORA
