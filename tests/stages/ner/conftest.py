from __future__ import annotations

from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[3]
MODEL = REPO / "models" / "sv_minutes_ner"


@pytest.fixture(scope="session")
def nlp():
    """The shipped model (it is committed, so this never skips in a clone)."""
    from pipeline.stages.ner.model import load_model
    model = load_model()
    assert model is not None, "models/sv_minutes_ner is missing"
    return model


def spans(ents, label=None) -> list[str]:
    """Texts of entities (objects or rows), optionally of one label."""
    out = []
    for e in ents:
        lab = e["label"] if isinstance(e, dict) else e.label
        txt = e["text"] if isinstance(e, dict) else e.text
        if label is None or lab == label:
            out.append(txt)
    return out
