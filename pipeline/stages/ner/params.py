"""Parameters of the NER stage (the ``ner`` section of params.yaml): one switch per layer."""
from __future__ import annotations

from dataclasses import dataclass

from pipeline.contract.stage import Budget, param


@dataclass(frozen=True)
class NerParams(Budget):
    dates: bool = param(True, "layer: DATE/TIME rules (pipeline.lang.dates)")
    attendees: bool = param(True, "layer: the meeting's own attendee list as a gazetteer")
    patterns: bool = param(True, "layer: Swedish organisation and place patterns")
    model: bool = param(True, "layer: the trained spaCy model")
    first_names: bool = param(True, "layer: listed first names the model missed")
    propagate: bool = param(True, "a name the model found once is found everywhere in the document")
    context: bool = param(True, "context rules over the merged entities")
    model_path: str = param("sv_minutes_ner", "the spaCy model: a name inside the shipped models, or a path")
    model_labels: list = param(["PER", "ORG", "LOC"], "labels taken from the model")
    batch_size: int = param(64, "texts per spaCy batch")
    max_chars: int = param(3000, "characters per piece of text given to the model")
    fuzzy_threshold: float = param(86.0, "rapidfuzz ratio for OCR/inflected variants of attendee names")

    def layer_options(self) -> dict:
        """The options as the layer functions read them (``model``: the model path, or False)."""
        d = self.as_dict()
        d["model"] = self.model_path if self.model else False
        return d
