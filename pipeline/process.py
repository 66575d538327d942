"""Run the stages over one document: ingest → repair → segment → ner → extract.

Each stage adapter reads the record fields its stage needs and stores what the stage
returns; the stage functions themselves are pure. A failure inside a stage turns into
an error row for that document (status 'error', the stage named in the message), so
one bad document never stops a batch.
"""
from __future__ import annotations

import traceback
from collections.abc import Callable
from pathlib import Path

import yaml

from pipeline import __version__
from pipeline.extract import extract_decisions_and_actions
from pipeline.ingest import doc_id_for, read_document, source_path_for
from pipeline.ner import recognise_entities
from pipeline.record import MinutesRecord
from pipeline.repair import repair_text
from pipeline.segment import segment_document

REPO_ROOT = Path(__file__).resolve().parents[1]
DEFAULT_PARAMS = REPO_ROOT / "params.yaml"


def load_params(path: Path | None = None) -> dict:
    """The parameters file (one section per stage); missing sections mean the stage's defaults."""
    path = Path(path) if path else DEFAULT_PARAMS
    if not path.exists():
        return {}
    return yaml.safe_load(path.read_text(encoding="utf-8")) or {}


def repair_stage(rec: MinutesRecord, params: dict) -> None:
    result = repair_text(rec.document["text_raw"], params)
    rec.document["text"] = result.text
    rec.corrections = [{"doc_id": rec.document["doc_id"], **c} for c in result.corrections]


def segment_stage(rec: MinutesRecord, params: dict) -> None:
    seg = segment_document(rec.document["doc_id"], rec.document["text"], params)
    rec.meetings, rec.attendees, rec.sections = [seg.meeting], seg.attendees, seg.sections


def ner_stage(rec: MinutesRecord, params: dict) -> None:
    rec.entities = recognise_entities(rec.document["text"], rec.meeting, rec.attendees, rec.sections, params)


def extract_stage(rec: MinutesRecord, params: dict) -> None:
    rec.decisions, rec.action_items = extract_decisions_and_actions(
        rec.document["text"], rec.meeting, rec.sections, rec.entities, rec.attendees, params)


# after ingest, in order; each name is also the params.yaml section and the DVC stage
STAGES: dict[str, Callable[[MinutesRecord, dict], None]] = {
    "repair": repair_stage,
    "segment": segment_stage,
    "ner": ner_stage,
    "extract": extract_stage,
}


def fail(rec: MinutesRecord, message: str) -> MinutesRecord:
    """The document as an error row: what was read is kept, nothing half-extracted is."""
    return MinutesRecord(document={**rec.document, "status": "error", "error": message})


def run_stages(rec: MinutesRecord, params: dict, stages: list[str] | None = None) -> MinutesRecord:
    if not rec.ok:
        return rec
    for name in stages or list(STAGES):
        try:
            STAGES[name](rec, params.get(name) or {})
        except Exception as exc:  # a bug or a pathological text: record it, go on with the batch
            detail = traceback.format_exception_only(type(exc), exc)[-1].strip()
            return fail(rec, f"{name} stage failed: {detail}")
    return rec


def process_document(path: Path, root: Path, params: dict) -> MinutesRecord:
    """Everything the pipeline knows about one file."""
    try:
        doc = read_document(Path(path), Path(root), params.get("ingest") or {})
    except Exception as exc:  # read_document does not raise; this is the last line of defence
        detail = traceback.format_exception_only(type(exc), exc)[-1].strip()
        return error_record(path, root, f"ingest stage failed: {detail}")
    return run_stages(MinutesRecord(document=doc), params)


def error_record(path: Path, root: Path, message: str) -> MinutesRecord:
    """A document that could not be processed at all: its row carries the reason, nothing else."""
    path = Path(path)
    return MinutesRecord(document={
        "doc_id": doc_id_for(path), "source_path": source_path_for(path, root),
        "format": path.suffix.lstrip(".").lower() or None, "n_pages": None, "ocr": False, "ocr_pages": [],
        "ocr_engine": None, "text_raw": None, "text": None, "status": "error", "error": message, "warnings": [],
        "pipeline_version": __version__})
