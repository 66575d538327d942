from __future__ import annotations

from pathlib import Path

import pytest

DEV_MINUTES = Path(__file__).resolve().parents[4] / "shared" / "dev" / "minutes"

SWEDISH = (
    "Protokoll fört vid sammanträde med kultur- och fritidsnämnden i Växjö kommun.\n"
    "Närvarande: Åsa Öberg, ordförande; Björn Ängström; Märta Söderlund, sekreterare.\n"
    "§ 1 Nämnden beslöt att godkänna dagordningen och att föregående protokoll "
    "läggs till handlingarna.\n"
    "§ 2 Förvaltningen får i uppdrag att före årsskiftet återkomma med förslag om "
    "öppettider för biblioteket i Åby.\n"
)

ENGLISH = (
    "Minutes of the meeting of the culture and leisure committee held on Tuesday.\n"
    "Present: the chair, the secretary and four members of the committee.\n"
    "The committee decided to approve the agenda and to file the previous minutes.\n"
    "The office was asked to return with a proposal about library opening hours before the end of the year.\n"
)


@pytest.fixture
def swedish() -> str:
    return SWEDISH


@pytest.fixture
def dev_minutes() -> list[Path]:
    files = sorted(DEV_MINUTES.glob("*.txt"))
    if not files:
        pytest.skip("../shared/dev/minutes is not beside this clone")
    return files


@pytest.fixture(scope="session")
def fast_params() -> dict:
    """In-process (no worker), for unit-level tests of the readers."""
    return {"isolate": False}


@pytest.fixture
def english() -> str:
    return ENGLISH
