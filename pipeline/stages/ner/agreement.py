"""How many layers proposed an entity: the evidence its confidence is read from.

A name that the form (a party tag), the attendee list and the spaCy model all propose is surer
than one only the model saw; the trained model gives no span scores, so agreement between the
layers is the score. Counted over the candidates of every layer before the merge keeps one of them.
"""
from __future__ import annotations

from bisect import bisect_left
from collections import defaultdict

from pipeline.stages.ner.context import Entity

# the layers' own names folded to the sources written out (propagated model names are the model)
_SAME_AS = {"propagated": "model", "weak": "patterns", "names": "patterns", "gazetteer_place": "gazetteer"}


def count_layers(candidates: list[Entity], entities: list[Entity]) -> list[int]:
    """For each entity, the number of distinct layers with a candidate of its label that overlaps it
    (at least 1: an entity made by post-processing counts its own source)."""
    by_label: dict[str, list[tuple[int, int, str]]] = defaultdict(list)
    for c in candidates:
        by_label[c.label].append((c.start, c.end, _SAME_AS.get(c.source, c.source)))
    longest: dict[str, int] = {}
    starts: dict[str, list[int]] = {}
    for label, spans in by_label.items():
        spans.sort()
        longest[label] = max(e - s for s, e, _ in spans)
        starts[label] = [s for s, _, _ in spans]
    out = []
    for e in entities:
        spans = by_label.get(e.label, [])
        sources = {_SAME_AS.get(e.source, e.source)}
        if spans:
            i = bisect_left(starts[e.label], e.start - longest[e.label])
            while i < len(spans) and spans[i][0] < e.end:
                s, end, source = spans[i]
                if end > e.start:
                    sources.add(source)
                i += 1
        out.append(len(sources))
    return out
