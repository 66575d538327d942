"""Named entities in meeting minutes: PER, ORG, LOC (model + minutes rules) and DATE/TIME.

The orchestrator calls :func:`recognise_entities`; the work is done in
``pipeline.ner.recognise`` (layers: dates, attendees, patterns, model, first names; then the
context rules of ``pipeline.ner.context``). The model in ``models/sv_minutes_ner`` is trained by
``python -m pipeline.ner.train`` (DVC stage ``train_ner``; see models/README.md).
"""
from __future__ import annotations

from pipeline.ner.recognise import recognise_entities

__all__ = ["recognise_entities"]
