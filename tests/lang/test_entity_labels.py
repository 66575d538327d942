"""pipeline/lang/entity_labels.py: the labels of entities.label, and the date examples read as dates."""
from __future__ import annotations

from pipeline.lang.dates import find_dates
from pipeline.lang.entity_labels import ENTITY_LABELS, LABELS
from pipeline.stages.ner import recognise


def test_the_labels_are_those_the_ner_stage_writes():
    assert LABELS == ("PER", "ORG", "LOC", "DATE", "TIME") and recognise.LABELS is LABELS


def test_date_and_time_examples_are_found_with_their_label():
    for term in ENTITY_LABELS:
        if term.name not in ("DATE", "TIME"):
            continue
        for example in term.examples:
            found = find_dates(f"Mötet hålls {example} i Stadshuset.", 2024)
            assert len(found) == 1 and found[0].label == term.name and found[0].text in example, example
