"""One pipeline stage at a time, for DVC: each stage reads the previous stage's tables and
writes its own folder of tables (data/interim/<stage>/), export writes data/processed."""
from __future__ import annotations

import shutil
from pathlib import Path

from pipeline.products.mentions import mention_rows
from pipeline.products.persons import PersonIndex
from pipeline.run.discover import discover, skipped_record
from pipeline.run.export import read_records, write_tables
from pipeline.run.process import STAGES, load_params, run_stages
from pipeline.stages.ingest import ingest_document

ORDER = ["ingest", *STAGES, "export"]


def _link_persons(records: list, params) -> list[dict]:
    """The persons pass of ``minutes run``: person_ids, the person_mentions rows; the persons table."""
    index = PersonIndex(params["persons"])
    for rec in records:
        index.add_record(rec)
    index.build()
    for rec in records:
        index.annotate(rec)
        rec.person_mentions = mention_rows(rec, index.person_of)
    return index.rows()


def run_stage(name: str, inp: Path, out: Path, params_path: Path | None = None) -> dict[str, int]:
    """Run stage ``name`` from ``inp`` into ``out``; returns the row count per table."""
    if name not in ORDER:
        raise KeyError(f"unknown stage {name!r}; stages are {', '.join(ORDER)}")
    params = load_params(params_path)
    archive_tables = None
    if name == "ingest":
        records = (skipped_record(f, f.skip) if f.skip else ingest_document(f.path, f.root, params["ingest"])
                   for f in discover([Path(inp)]))
    elif name == "export":  # people are linked across the archive, so export sees all records at once
        records = read_records(Path(inp))
        archive_tables = {"persons": _link_persons(records, params)}
    else:
        records = (run_stages(rec, params, [name]) for rec in read_records(Path(inp)))
    counts = write_tables(records, Path(out), archive_tables, **params["export"].as_dict())
    if name == "export" and (Path(inp) / "run.json").exists():
        shutil.copy(Path(inp) / "run.json", Path(out) / "run.json")
    return counts
