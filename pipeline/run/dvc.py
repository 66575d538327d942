"""One pipeline stage at a time, for DVC: each stage reads the previous stage's tables and
writes its own folder of tables (data/interim/<stage>/), export writes data/processed."""
from __future__ import annotations

import shutil
from pathlib import Path

from pipeline.products.persons import link_persons
from pipeline.run.export import read_records, write_tables
from pipeline.run.process import STAGES, load_params, run_stages
from pipeline.stages.ingest import discover, ingest_document

ORDER = ["ingest", *STAGES, "export"]


def run_stage(name: str, inp: Path, out: Path, params_path: Path | None = None) -> dict[str, int]:
    """Run stage ``name`` from ``inp`` into ``out``; returns the row count per table."""
    if name not in ORDER:
        raise KeyError(f"unknown stage {name!r}; stages are {', '.join(ORDER)}")
    params = load_params(params_path)
    archive_tables = None
    if name == "ingest":
        records = (ingest_document(p, root, params["ingest"]) for p, root in discover([Path(inp)]))
    elif name == "export":  # people are linked across the archive, so export sees all records at once
        records = read_records(Path(inp))
        archive_tables = {"persons": link_persons(records, params["persons"])}
    else:
        records = (run_stages(rec, params, [name]) for rec in read_records(Path(inp)))
    counts = write_tables(records, Path(out), archive_tables, **params["export"].as_dict())
    if name == "export" and (Path(inp) / "run.json").exists():
        shutil.copy(Path(inp) / "run.json", Path(out) / "run.json")
    return counts
