"""Run the declared stages over one document: ingest, then identifiers → repair → segment → ner → extract.

The stages are the ``STAGE`` declarations collected in :mod:`pipeline.run.registry`; each one's
``run`` reads the record fields it declares and assigns its own. A failure inside a stage turns
into an error row for that document (status 'error', the stage named in the message), so one
bad document never stops a batch. Each stage runs within its per-document budget of time and
text size (:mod:`pipeline.run.budget`).
"""
from __future__ import annotations

import traceback
from pathlib import Path

from pipeline import __version__
from pipeline.contract.ids import assign_row_ids
from pipeline.contract.record import MinutesRecord
from pipeline.run.budget import BudgetExceeded, size_problem, time_budget
from pipeline.run.registry import BY_NAME, DOCUMENT_STAGES, SOURCE, RunParams, load_params, parse_params
from pipeline.stages.ingest import doc_id_for, source_path_for

# after ingest, in order; each name is also the params.yaml section and the DVC stage
STAGES: dict[str, object] = {s.name: s.run for s in DOCUMENT_STAGES}

__all__ = ["STAGES", "load_params", "run_stages", "process_document", "error_record", "fail"]


def fail(rec: MinutesRecord, message: str) -> MinutesRecord:
    """The document as an error row: what was read is kept, nothing half-extracted is."""
    return MinutesRecord(document={**rec.document, "status": "error", "error": message})


def run_stages(rec: MinutesRecord, params: RunParams | dict | None, stages: list[str] | None = None) -> MinutesRecord:
    """The document stages (all of them, or those named) over one record, in order."""
    if not rec.ok:
        return rec
    params = parse_params(params)
    for name in list(STAGES) if stages is None else stages:
        spec = BY_NAME[name]
        over = size_problem(rec.document.get("text"), params[name], name)
        if over:
            return fail(rec, over)
        try:
            with time_budget(params[name], name):
                spec.run(rec, params[name])
        except BudgetExceeded as exc:  # a document over the stage's budget: an error row, the batch goes on
            return fail(rec, str(exc))
        except Exception as exc:  # a bug or a pathological text: record it, go on with the batch
            detail = traceback.format_exception_only(type(exc), exc)[-1].strip()
            return fail(rec, f"{name} stage failed: {detail}")
    assign_row_ids(rec)
    return rec


def process_document(path: Path, root: Path, params: RunParams | dict | None,
                     stages: list[str] | None = None) -> MinutesRecord:
    """Everything the pipeline knows about one file: ingest, then the document stages (all, or those named)."""
    params = parse_params(params)
    try:
        rec = SOURCE.run(Path(path), Path(root), params[SOURCE.name])
    except Exception as exc:  # ingest does not raise; this is the last line of defence
        detail = traceback.format_exception_only(type(exc), exc)[-1].strip()
        return error_record(path, root, f"ingest stage failed: {detail}")
    return run_stages(rec, params, stages)


def error_record(path: Path, root: Path, message: str) -> MinutesRecord:
    """A document that could not be processed at all: its row carries the reason, nothing else."""
    path = Path(path)
    return MinutesRecord(document={
        "doc_id": doc_id_for(path), "source_path": source_path_for(path, root),
        "format": path.suffix.lstrip(".").lower() or None, "n_pages": None, "ocr": False, "ocr_pages": [],
        "ocr_engine": None, "text_raw": None, "text": None, "status": "error", "error": message, "warnings": [],
        "pipeline_version": __version__, "meta_title": None, "meta_date": None, "meta_author": None,
        "metadata": None})
