from __future__ import annotations

import pytest

from pipeline.stages.extract.cues import load_cues


@pytest.fixture(scope="session")
def cues():
    return load_cues()
