"""How many NER layers proposed an entity: the evidence of its confidence."""
from __future__ import annotations

from pipeline.stages.ner.agreement import count_layers
from pipeline.stages.ner.context import Entity
from pipeline.stages.ner.recognise import find_entities

TEXT = ("Socialnämnden 2024-03-12\n\nNärvarande:\nAnna Ek (S), ordförande\nPer Lund (M)\n\n"
        "§ 5 Samverkan\nAnna Ek redogör för samverkan med Försäkringskassan och Region Uppsala.\n")


def _e(text: str, label: str, source: str, nth: int = 0) -> Entity:
    i = -1
    for _ in range(nth + 1):
        i = TEXT.index(text, i + 1)
    return Entity(i, i + len(text), label, text, None, source)


def test_distinct_layers_with_an_overlapping_span_of_the_label_are_counted():
    chosen = _e("Anna Ek", "PER", "structure")
    cands = [chosen, _e("Anna Ek", "PER", "attendees"), _e("Anna", "PER", "model"),
             _e("Anna Ek", "PER", "propagated"),           # the model's name found again: the model
             _e("Anna Ek", "ORG", "patterns"),             # another label does not agree
             _e("Anna Ek", "PER", "attendees", nth=1)]     # the same name elsewhere is not this span
    assert count_layers(cands, [chosen]) == [3]


def test_an_entity_no_candidate_covers_counts_its_own_source():
    made = _e("Region Uppsala", "ORG", "patterns")
    assert count_layers([], [made]) == [1]
    assert count_layers([_e("Försäkringskassan", "ORG", "gazetteer")], [made]) == [1]


def test_the_stage_writes_the_count_on_every_entity():
    ents = find_entities(TEXT, {"meeting_id": "d1-1", "body": "Socialnämnden"},
                         [{"name": "Anna Ek", "organisation": "S"}, {"name": "Per Lund", "organisation": "M"}])
    by_text = {e.text: e.layers for e in ents}
    assert all(e.layers >= 1 for e in ents)
    assert by_text.get("Anna Ek", 0) >= 2  # the form (party tag) and the attendee list at least
