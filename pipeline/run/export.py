"""Export: records → the Parquet datasets of the data contract, written atomically.

Layout of an output folder::

    <out>/<table>.parquet/<year>/part-00000.parquet    per-document tables, partitioned by meeting year
    <out>/<table>.parquet/unknown/part-00000.parquet   documents whose meeting year is not known
    <out>/persons.parquet                              archive tables: one file
    <out>/run.json                                     counts, timing, failed documents

``pandas.read_parquet(out / "meetings.parquet")`` reads a whole dataset (the year is also a
column, ``meeting_year``, so no partition parsing is needed). Rows are streamed: each
(table, year) buffer is flushed as a row group when it reaches ``row_group_size`` rows or
``row_group_bytes`` bytes, and the largest buffer is flushed whenever all buffers together
pass ``max_buffered_bytes``, so memory stays flat however large the archive. Everything is
written under ``<out>/.writing-*`` and moved into place table by table only when the run has
finished, so a reader never sees a half-written table and a stopped run leaves the previous
output intact.
"""
from __future__ import annotations

import json
import os
import shutil
import tempfile
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq

from pipeline.contract.record import MinutesRecord
from pipeline.contract.schema import ALL_TABLES, ARCHIVE_TABLES, PARTITION_COLUMN, TABLES
from pipeline.contract.stage import Params, StageSpec, param

UNKNOWN_YEAR = "unknown"


@dataclass(frozen=True)
class ExportParams(Params):
    row_group_size: int = param(50_000, "rows per Parquet row group at most")
    row_group_bytes: int = param(32 << 20, "... and about this many bytes of text at most")
    max_buffered_bytes: int = param(64 << 20, "rows held for all tables and years together before the largest "
                                              "is written")


STAGE = StageSpec(
    name="export",
    params=ExportParams,
    requires=("document", "blocks", "meetings", "attendees", "sections", "entities", "decisions", "action_items",
              "corrections", "identifiers", "persons", "person_mentions"),
    code=("pipeline/run/export.py", "pipeline/contract"),
    libraries=("pyarrow",),
    kind="archive",
    description="records -> partitioned Parquet datasets, written atomically",
)


class OutputError(RuntimeError):
    """The output folder cannot be written: the run cannot proceed."""


def _row_bytes(row: dict) -> int:
    """Rough size of a buffered row in memory: a dict of boxed values costs far more than its text."""
    n = 100 + 70 * len(row)
    for v in row.values():
        if isinstance(v, str):
            n += len(v)
        elif isinstance(v, list):
            n += 16 * len(v) + sum(len(x) for x in v if isinstance(x, str))
    return n


def meeting_year(record: MinutesRecord) -> int | None:
    m = record.meeting
    d = m.get("date") if m else None
    return getattr(d, "year", None) if d is not None else None


class TableSetWriter:
    """Streams records into the partitioned datasets of every table of the contract."""

    def __init__(self, out_dir: Path, row_group_size: int = 50_000, row_group_bytes: int = 32 << 20,
                 max_buffered_bytes: int = 64 << 20):
        self.out_dir = Path(out_dir)
        try:
            self.out_dir.mkdir(parents=True, exist_ok=True)
            self._tmp = Path(tempfile.mkdtemp(prefix=".writing-", dir=self.out_dir))
        except OSError as exc:
            raise OutputError(f"cannot write to {self.out_dir}: {exc}") from exc
        self.row_group_size = row_group_size
        self.row_group_bytes = row_group_bytes
        self.max_buffered_bytes = max_buffered_bytes
        self._buffers: dict[tuple[str, str], list[dict]] = {}
        self._buffer_bytes: dict[tuple[str, str], int] = {}
        self._buffered = 0
        self._writers: dict[tuple[str, str], pq.ParquetWriter] = {}
        self._archive: dict[str, list[dict]] = {}
        self.counts: dict[str, int] = {name: 0 for name in ALL_TABLES}

    def __enter__(self) -> TableSetWriter:
        return self

    def __exit__(self, exc_type, exc, tb) -> None:
        if exc_type is None:
            self.commit()
        else:
            self.abort()

    def add(self, record: MinutesRecord) -> None:
        year = meeting_year(record)
        part = str(year) if year is not None else UNKNOWN_YEAR
        for name in TABLES:
            rows = record.rows(name)
            if not rows:
                continue
            key = (name, part)
            buf = self._buffers.setdefault(key, [])
            size = 0
            for r in rows:
                buf.append({**r, PARTITION_COLUMN: year})
                size += _row_bytes(r)
            self._buffer_bytes[key] = self._buffer_bytes.get(key, 0) + size
            self._buffered += size
            self.counts[name] += len(rows)
            if len(buf) >= self.row_group_size or self._buffer_bytes[key] >= self.row_group_bytes:
                self._flush(key)
        while self._buffered > self.max_buffered_bytes and self._buffer_bytes:
            self._flush(max(self._buffer_bytes, key=self._buffer_bytes.get))

    def add_archive_table(self, name: str, rows: list[dict]) -> None:
        """A table built across the archive (e.g. persons), written as one file."""
        self._archive[name] = rows
        self.counts[name] = len(rows)

    def _flush(self, key: tuple[str, str]) -> None:
        rows = self._buffers.pop(key, [])
        self._buffered -= self._buffer_bytes.pop(key, 0)
        if not rows:
            return
        name, part = key
        schema = TABLES[name]
        table = pa.Table.from_pylist([{f: r.get(f) for f in schema.names} for r in rows], schema=schema)
        if key not in self._writers:
            folder = self._tmp / f"{name}.parquet" / part
            folder.mkdir(parents=True, exist_ok=True)
            self._writers[key] = pq.ParquetWriter(folder / "part-00000.parquet", schema, compression="zstd")
        self._writers[key].write_table(table, row_group_size=self.row_group_size)

    def commit(self) -> None:
        """Close every dataset and move them into place, table by table."""
        for key in list(self._buffers):
            self._flush(key)
        for w in self._writers.values():
            w.close()
        self._writers.clear()
        for name, schema in TABLES.items():
            folder = self._tmp / f"{name}.parquet"
            if not folder.exists():  # an empty table still carries its schema
                (folder / UNKNOWN_YEAR).mkdir(parents=True)
                pq.write_table(schema.empty_table(), folder / UNKNOWN_YEAR / "part-00000.parquet")
        for name, schema in ARCHIVE_TABLES.items():
            rows = self._archive.get(name, [])
            pq.write_table(pa.Table.from_pylist([{f: r.get(f) for f in schema.names} for r in rows], schema=schema),
                           self._tmp / f"{name}.parquet", compression="zstd")
        for name in ALL_TABLES:
            _replace(self._tmp / f"{name}.parquet", self.out_dir / f"{name}.parquet", self._tmp)
        shutil.rmtree(self._tmp, ignore_errors=True)

    def abort(self) -> None:
        for w in self._writers.values():
            try:
                w.close()
            except Exception:  # noqa: BLE001 - we are discarding it anyway
                pass
        shutil.rmtree(self._tmp, ignore_errors=True)


def _replace(new: Path, target: Path, scratch: Path) -> None:
    """Put ``new`` (file or folder) at ``target``: a file by one atomic rename, a folder by moving
    the old one aside first (a reader sees the old table, briefly none, then the new one)."""
    if new.is_file() and not target.is_dir():
        os.replace(new, target)
        return
    if target.exists() or target.is_symlink():
        old = scratch / f"old-{target.name}"
        os.replace(target, old)
    os.replace(new, target)


def remove_stale_writes(out_dir: Path) -> None:
    """Temporary folders left by a run that was killed (the caller holds the output lock)."""
    for p in Path(out_dir).glob(".writing-*"):
        shutil.rmtree(p, ignore_errors=True)


def write_tables(records: Iterable[MinutesRecord], out_dir: Path, archive_tables: dict[str, list[dict]] | None = None,
                 **options) -> dict[str, int]:
    """Write all records (and any archive tables); returns the row count per table."""
    with TableSetWriter(out_dir, **options) as writer:
        for rec in records:
            writer.add(rec)
        for name, rows in (archive_tables or {}).items():
            writer.add_archive_table(name, rows)
    return writer.counts


def write_json_atomic(path: Path, data: dict) -> None:
    tmp = path.with_name(f".{path.name}.tmp")
    tmp.write_text(json.dumps(data, indent=2, ensure_ascii=False, default=str), encoding="utf-8")
    os.replace(tmp, path)


def read_arrow(out_dir: Path, name: str) -> pa.Table:
    """One table of an output folder, in the order it was written (years ascending, unknown last)."""
    path = Path(out_dir) / f"{name}.parquet"
    if path.is_dir():
        parts = sorted((p for p in path.iterdir() if p.is_dir()),
                       key=lambda p: (not p.name.isdigit(), int(p.name) if p.name.isdigit() else 0, p.name))
        files = [f for part in parts for f in sorted(part.glob("*.parquet"))]
        return pa.concat_tables([pq.read_table(f) for f in files]) if files else ALL_TABLES[name].empty_table()
    return pq.read_table(path)


def read_tables(out_dir: Path) -> dict[str, pd.DataFrame]:
    """The tables of an output folder as pandas DataFrames (for stages, tests and notebooks)."""
    out = {}
    for name in ALL_TABLES:
        if (Path(out_dir) / f"{name}.parquet").exists():
            out[name] = read_arrow(out_dir, name).to_pandas()
    return out


def read_records(out_dir: Path) -> list[MinutesRecord]:
    """Tables written by ``write_tables`` back into per-document records (for DVC stages)."""
    tables = {name: read_arrow(out_dir, name).drop_columns([PARTITION_COLUMN]).to_pylist() for name in TABLES}
    by_doc: dict[str, MinutesRecord] = {}
    for row in tables["documents"]:
        by_doc[row["doc_id"]] = MinutesRecord(document=row)
    for row in tables["corrections"]:
        by_doc[row["doc_id"]].corrections.append(row)
    for name in ("blocks", "identifiers"):
        for row in tables[name]:
            getattr(by_doc[row["doc_id"]], name).append(row)
    meeting_doc = {}
    for row in tables["meetings"]:
        by_doc[row["doc_id"]].meetings.append(row)
        meeting_doc[row["meeting_id"]] = row["doc_id"]
    for name in ("attendees", "sections", "entities", "decisions", "action_items", "person_mentions"):
        for row in tables[name]:
            getattr(by_doc[meeting_doc[row["meeting_id"]]], name).append(row)
    return list(by_doc.values())
