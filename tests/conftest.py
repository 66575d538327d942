from __future__ import annotations

from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"


@pytest.fixture(scope="session")
def repo() -> Path:
    return REPO


@pytest.fixture(scope="session")
def shared() -> Path:
    """../shared beside the clone (CI has it; a user's clone does not)."""
    if not (SHARED / "dev" / "gold").is_dir():
        pytest.skip("../shared is not beside this clone")
    return SHARED


@pytest.fixture(scope="session")
def corpora_dir() -> Path:
    """The NER-annotated corpora in ../shared/corpora (training and held-out evaluation)."""
    if not (SHARED / "corpora").is_dir():
        pytest.skip("../shared/corpora is not beside this clone")
    return SHARED / "corpora"


@pytest.fixture(scope="session")
def minutes_dir() -> Path:
    """The development minutes in ../shared/dev/minutes."""
    if not (SHARED / "dev" / "minutes").is_dir():
        pytest.skip("../shared/dev/minutes is not beside this clone")
    return SHARED / "dev" / "minutes"
