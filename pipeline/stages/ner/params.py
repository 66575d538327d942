"""Parameters of the NER stage (the ``ner`` section of params.yaml): one switch per layer."""
from __future__ import annotations

from dataclasses import dataclass

from pipeline.contract.stage import Budget, param


@dataclass(frozen=True)
class NerParams(Budget):
    dates: bool = param(True, "layer: DATE/TIME rules (pipeline.lang.dates)")
    structure: bool = param(True, "layer: names from the form (party tags, titles, signatures, tables, venue)")
    attendees: bool = param(True, "layer: the meeting's own attendee list as a gazetteer")
    patterns: bool = param(True, "layer: Swedish organisation and place patterns")
    gazetteer: bool = param(True, "layer: names of public bodies, parties, organisations, places (models/gazetteer)")
    model: bool = param(True, "layer: the trained spaCy model")
    propagate: bool = param(True, "a name the model found once is found everywhere in the document")
    first_names: bool = param(True, "layer: listed first names the model missed")
    weak_places: bool = param(True, "layer: a capitalised name after 'på' as a place")
    split_names: bool = param(True, "cut person spans at columns, lines, labels, titles and glued names")
    context: bool = param(True, "context rules over the merged entities")
    model_path: str = param("sv_minutes_ner", "the spaCy model: a name inside the shipped models, or a path")
    model_labels: list = param(["PER", "ORG", "LOC"], "labels taken from the model")  # noqa: RUF009
    batch_size: int = param(64, "texts per spaCy batch")
    max_chars: int = param(3000, "characters per piece of text given to the model")
    fuzzy_threshold: float = param(86.0, "rapidfuzz ratio for OCR/inflected variants of attendee names")

    @classmethod
    def coerce(cls, params: NerParams | dict | None) -> NerParams:
        """A NerParams from itself, a params.yaml section, or None (the defaults)."""
        if isinstance(params, cls):
            return params
        return cls.from_mapping(params or {}, "ner")
