"""Export: records → Parquet tables of the data contract, written atomically.

Rows are streamed into one Parquet writer per table (row groups of ``row_group_size``
rows) under a temporary name and renamed into place only when the whole run has
finished, so a reader never sees a half-written table and memory does not grow with
the archive.
"""
from __future__ import annotations

import json
import os
import tempfile
from collections.abc import Iterable
from pathlib import Path

import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq

from pipeline.record import MinutesRecord
from pipeline.schema import TABLES


class OutputError(RuntimeError):
    """The output folder cannot be written: the run cannot proceed."""


class TableSetWriter:
    """Streams records into ``<out>/<table>.parquet`` for every table of the contract."""

    def __init__(self, out_dir: Path, row_group_size: int = 50_000):
        self.out_dir = Path(out_dir)
        try:
            self.out_dir.mkdir(parents=True, exist_ok=True)
            self._tmp = Path(tempfile.mkdtemp(prefix=".writing-", dir=self.out_dir))
        except OSError as exc:
            raise OutputError(f"cannot write to {self.out_dir}: {exc}") from exc
        self.row_group_size = row_group_size
        self._buffers: dict[str, list[dict]] = {name: [] for name in TABLES}
        self._writers: dict[str, pq.ParquetWriter] = {}
        self.counts: dict[str, int] = {name: 0 for name in TABLES}

    def __enter__(self) -> TableSetWriter:
        return self

    def __exit__(self, exc_type, exc, tb) -> None:
        if exc_type is None:
            self.commit()
        else:
            self.abort()

    def add(self, record: MinutesRecord) -> None:
        for name in TABLES:
            rows = record.rows(name)
            self._buffers[name].extend(rows)
            self.counts[name] += len(rows)
            if len(self._buffers[name]) >= self.row_group_size:
                self._flush(name)

    def _flush(self, name: str) -> None:
        rows, self._buffers[name] = self._buffers[name], []
        schema = TABLES[name]
        table = pa.Table.from_pylist([{f: r.get(f) for f in schema.names} for r in rows], schema=schema)
        if name not in self._writers:
            self._writers[name] = pq.ParquetWriter(self._tmp / f"{name}.parquet", schema, compression="zstd")
        self._writers[name].write_table(table, row_group_size=self.row_group_size)

    def commit(self) -> None:
        """Close every table and move them into place (each rename is atomic)."""
        for name in TABLES:
            self._flush(name)  # also creates empty tables with their schema
            self._writers.pop(name).close()
        for name in TABLES:
            os.replace(self._tmp / f"{name}.parquet", self.out_dir / f"{name}.parquet")
        self._tmp.rmdir()

    def abort(self) -> None:
        for w in self._writers.values():
            w.close()
        for p in self._tmp.glob("*"):
            p.unlink()
        self._tmp.rmdir()


def write_tables(records: Iterable[MinutesRecord], out_dir: Path) -> dict[str, int]:
    """Write all records; returns the row count per table."""
    with TableSetWriter(out_dir) as writer:
        for rec in records:
            writer.add(rec)
    return writer.counts


def write_json_atomic(path: Path, data: dict) -> None:
    tmp = path.with_name(f".{path.name}.tmp")
    tmp.write_text(json.dumps(data, indent=2, ensure_ascii=False, default=str), encoding="utf-8")
    os.replace(tmp, path)


def read_tables(out_dir: Path) -> dict[str, pd.DataFrame]:
    """The tables of an output folder as pandas DataFrames (for stages, tests and notebooks)."""
    return {name: pd.read_parquet(Path(out_dir) / f"{name}.parquet") for name in TABLES}


def read_records(out_dir: Path) -> list[MinutesRecord]:
    """Tables written by ``write_tables`` back into per-document records (for DVC stages)."""
    out_dir = Path(out_dir)
    tables = {name: pq.read_table(out_dir / f"{name}.parquet").to_pylist() for name in TABLES}
    by_doc: dict[str, MinutesRecord] = {}
    for row in tables["documents"]:
        by_doc[row["doc_id"]] = MinutesRecord(document=row)
    for row in tables["corrections"]:
        by_doc[row["doc_id"]].corrections.append(row)
    meeting_doc = {}
    for row in tables["meetings"]:
        by_doc[row["doc_id"]].meetings.append(row)
        meeting_doc[row["meeting_id"]] = row["doc_id"]
    for name in ("attendees", "sections", "entities", "decisions", "action_items"):
        for row in tables[name]:
            getattr(by_doc[meeting_doc[row["meeting_id"]]], name).append(row)
    return list(by_doc.values())
