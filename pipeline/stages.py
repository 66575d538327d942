"""One pipeline stage at a time, for DVC: each stage reads the previous stage's tables and
writes its own folder of tables (data/interim/<stage>/), export writes data/processed."""
from __future__ import annotations

import shutil
from pathlib import Path

from pipeline.export import read_records, write_tables
from pipeline.ingest import discover, read_document
from pipeline.persons import link_persons
from pipeline.process import STAGES, load_params, run_stages
from pipeline.record import MinutesRecord

ORDER = ["ingest", *STAGES, "export"]


def run_stage(name: str, inp: Path, out: Path, params_path: Path | None = None) -> dict[str, int]:
    """Run stage ``name`` from ``inp`` into ``out``; returns the row count per table."""
    if name not in ORDER:
        raise KeyError(f"unknown stage {name!r}; stages are {', '.join(ORDER)}")
    params = load_params(params_path)
    archive_tables = None
    if name == "ingest":
        records = (MinutesRecord(document=read_document(p, root, params.get("ingest") or {}))
                   for p, root in discover([Path(inp)]))
    elif name == "export":  # people are linked across the archive, so export sees all records at once
        records = read_records(Path(inp))
        archive_tables = {"persons": link_persons(records)}
    else:
        records = (run_stages(rec, params, [name]) for rec in read_records(Path(inp)))
    counts = write_tables(records, Path(out), archive_tables, **(params.get("export") or {}))
    if name == "export" and (Path(inp) / "run.json").exists():
        shutil.copy(Path(inp) / "run.json", Path(out) / "run.json")
    return counts
