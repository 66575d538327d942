"""Named entities in meeting minutes: PER, ORG, LOC (model + minutes rules) and DATE/TIME.

The orchestrator calls :func:`ner_stage`; the work is done in ``pipeline.stages.ner.recognise``
(the layers of ``pipeline.stages.ner.layers``: dates, structure, attendees, patterns, gazetteer,
model, first names, weak places; then the context rules of ``pipeline.stages.ner.context``). The
model in ``models/sv_minutes_ner`` is trained by ``python -m pipeline.stages.ner.train`` (DVC stage
``train_ner``; see models/README.md).
"""
from __future__ import annotations

from pipeline.contract.record import MinutesRecord
from pipeline.contract.stage import StageSpec
from pipeline.lang.identifiers import NOT_ENTITIES
from pipeline.stages.ner.params import NerParams


def ner_stage(rec: MinutesRecord, params: NerParams) -> None:
    from pipeline.stages.ner.recognise import recognise_entities  # spaCy: imported when a document needs it

    ents = recognise_entities(rec.document["text"], rec.meeting, rec.attendees, rec.sections, params, rec.blocks)
    ids = [(i["start_char"], i["end_char"]) for i in rec.identifiers if i["kind"] in NOT_ENTITIES]  # never an ORG
    rec.entities = [e for e in ents if not any(s < e["end_char"] and e["start_char"] < t for s, t in ids)]


STAGE = StageSpec(
    name="ner",
    params=NerParams,
    requires=("document.text", "meetings", "attendees", "sections", "blocks", "identifiers"),
    assigns=("entities",),
    code=("pipeline/stages/ner",),
    resources=("models/sv_minutes_ner", "models/gazetteer", "pipeline/lang/first_names.txt",
               "pipeline/lang/nicknames.json"),
    libraries=("spacy", "numpy", "rapidfuzz", "hunspell-sv", "wordfreq"),
    run=ner_stage,
    description="PER, ORG, LOC, DATE and TIME entities",
)

__all__ = ["STAGE", "NerParams", "ner_stage", "recognise_entities"]


def __getattr__(name: str):
    """``recognise_entities`` on first use: a run that reads everything from its cache never imports spaCy."""
    if name == "recognise_entities":
        from pipeline.stages.ner.recognise import recognise_entities
        return recognise_entities
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
