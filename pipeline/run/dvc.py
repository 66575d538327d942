"""One pipeline stage at a time, for DVC (``minutes stage NAME``): each stage reads the previous
stage's folder of tables (``data/interim/<stage>/``) and writes its own; ``export`` writes
``data/processed``. The stages run through the same passes as ``minutes run``
(:mod:`pipeline.run.runner`), streaming: a stage holds a batch of rows and the records in flight,
never the archive.

The DVC stages are the declared ones (:mod:`pipeline.run.registry`): ``ingest`` (files → records),
one per document stage, and ``export``, which runs the archive passes (the persons and organisations of
the archive, then the datasets). ``dvc.yaml`` is generated from the same declarations (:mod:`pipeline.run.generate`).
"""
from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from pipeline.contract.record import MinutesRecord
from pipeline.run.discover import discover
from pipeline.run.export import TableSetWriter, iter_records, write_json_atomic
from pipeline.run.registry import ARCHIVE_STAGES, DOCUMENT_STAGES, SOURCE, RunParams, load_params
from pipeline.run.runner import Plan, RunSummary, Work, document_pass, organisation_index, person_pass, write_pass

EXPORT = "export"  # the DVC stage of the archive passes (persons, export)
ORDER = [SOURCE.name, *(s.name for s in DOCUMENT_STAGES), EXPORT]


def run_stage(name: str, inp: Path, out: Path, params_path: Path | None = None, workers: int = 1) -> dict[str, int]:
    """Run stage ``name`` from ``inp`` into ``out``; returns the row count per table."""
    if name not in ORDER:
        raise KeyError(f"unknown stage {name!r}; stages are {', '.join(ORDER)}")
    params = load_params(params_path)
    inp, out = Path(inp), Path(out)
    summary = RunSummary()
    with TableSetWriter(out, **params[EXPORT].as_dict()) as writer:
        if name == SOURCE.name:
            write_pass(_source_records(inp, params, workers), writer, None, summary)
        elif name == EXPORT:
            organisations = organisation_index(params)
            index = person_pass(iter_records(inp), params, organisations)
            write_pass(iter_records(inp), writer, index, summary, organisations=organisations)
        else:
            write_pass(document_pass(iter_records(inp), params, Work(source=False, stages=(name,)), workers),
                       writer, None, summary)
    summary.processed = summary.documents
    summary.counts = dict(writer.counts)
    if name == EXPORT:
        write_json_atomic(out / "run.json", summary.as_dict())
    return summary.counts


def _source_records(inp: Path, params: RunParams, workers: int) -> Iterator[MinutesRecord]:
    """Every path ingested, in the order found; a path that is not read (or a duplicate) is a skipped row."""
    plan = Plan.of(discover([inp]))
    ingested = document_pass((plan.item(i) for i in plan.unique()), params, Work(stages=()), workers)
    for i in range(len(plan.found)):
        skipped = plan.skipped_row(i)
        yield next(ingested) if skipped is None else skipped


assert ARCHIVE_STAGES[-1].name == EXPORT
