"""Reading an output folder: the on-disk layout of the data contract, in one place.

``<out>/<table>.parquet/<year>/part-*.parquet`` (per-document tables, partitioned by the meeting's
year, ``unknown/`` last) or ``<out>/<table>.parquet`` (one file: the archive tables). Rows come back
in the order the run wrote them: years ascending, then ``unknown``.
"""
from __future__ import annotations

from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq

from pipeline.contract.schema import ALL_TABLES


def table_files(root: str | Path, name: str) -> list[Path]:
    """The Parquet files of one table, in write order; empty when the table is not there."""
    path = Path(root) / f"{name}.parquet"
    if path.is_file():
        return [path]
    if not path.is_dir():
        return []
    parts = sorted((p for p in path.iterdir() if p.is_dir()),
                   key=lambda p: (not p.name.isdigit(), int(p.name) if p.name.isdigit() else 0, p.name))
    return [f for part in parts for f in sorted(part.glob("*.parquet"))]


def read_table(root: str | Path, name: str) -> pa.Table:
    """One table as Arrow (the contract's empty table when it has no rows)."""
    files = table_files(root, name)
    if not files:
        if not (Path(root) / f"{name}.parquet").exists():
            raise FileNotFoundError(f"no table {name} in {root}")
        return ALL_TABLES[name].empty_table()
    return pa.concat_tables([pq.read_table(f) for f in files], promote_options="default")


def present_tables(root: str | Path) -> list[str]:
    """The contract's tables found in an output folder, in contract order."""
    return [name for name in ALL_TABLES if (Path(root) / f"{name}.parquet").exists()]
