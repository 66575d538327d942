"""Named entities in meeting minutes: PER, ORG, LOC (model + minutes rules) and DATE/TIME.

The orchestrator calls :func:`recognise_entities`; the work is done in
``pipeline.ner.recognise`` (layers: dates, attendees, patterns, model).
"""
from __future__ import annotations

from pipeline.ner.recognise import recognise_entities

__all__ = ["recognise_entities"]
