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
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

import pyarrow as pa
import pyarrow.parquet as pq

from pipeline.contract.record import MinutesRecord
from pipeline.contract.schema import ALL_TABLES, ARCHIVE_TABLES, PARTITION_COLUMN, TABLES
from pipeline.contract.stage import Params, StageSpec, param

if TYPE_CHECKING:
    import pandas as pd

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
    code=("pipeline/run/export.py", "pipeline/contract", "pipeline/products/confidence.py"),
    resources=("models/confidence",),  # the confidence of each row is set as it is written
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
                 max_buffered_bytes: int = 64 << 20, metadata: dict[bytes, bytes] | None = None):
        self.out_dir = Path(out_dir)
        # extra schema metadata of every table (the run's provenance)
        self._schemas = {name: s.with_metadata({**(s.metadata or {}), **(metadata or {})})
                         for name, s in ALL_TABLES.items()}
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
        schema = self._schemas[name]
        table = pa.Table.from_pylist(rows, schema=schema)  # the schema's columns; a missing key is null
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
        for name in TABLES:
            schema = self._schemas[name]
            folder = self._tmp / f"{name}.parquet"
            if not folder.exists():  # an empty table still carries its schema
                (folder / UNKNOWN_YEAR).mkdir(parents=True)
                pq.write_table(schema.empty_table(), folder / UNKNOWN_YEAR / "part-00000.parquet")
        for name in ARCHIVE_TABLES:
            schema = self._schemas[name]
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
        parts = sorted((p for p in path.iterdir() if p.is_dir()), key=lambda p: _partition_order(p.name))
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


def _partition_order(name: str) -> tuple:
    return (not name.isdigit(), int(name) if name.isdigit() else 0, name)


def _partition_rows(out_dir: Path, name: str, part: str, batch_size: int = 2048) -> Iterator[dict]:
    """The rows of one table's partition, a batch at a time, without the partition column."""
    folder = Path(out_dir) / f"{name}.parquet" / part
    for f in sorted(folder.glob("*.parquet")) if folder.is_dir() else []:
        for batch in pq.ParquetFile(f).iter_batches(batch_size=batch_size):
            for row in batch.to_pylist():
                row.pop(PARTITION_COLUMN, None)
                yield row


class _Rows:
    """A table's rows in write order, taken a document at a time."""

    def __init__(self, rows: Iterator[dict], key: str):
        self._rows, self.key = rows, key
        self._next = next(self._rows, None)

    def take(self, values: set) -> list[dict]:
        out = []
        while self._next is not None and self._next[self.key] in values:
            out.append(self._next)
            self._next = next(self._rows, None)
        return out

    @property
    def left(self) -> bool:
        return self._next is not None


def iter_records(out_dir: Path) -> Iterator[MinutesRecord]:
    """Tables written by :class:`TableSetWriter` back into per-document records, one at a time.

    The writer adds all rows of a record to the same partition, in record order, so the rows of
    each document follow each other in every table of a partition: one pass over each table,
    a batch in memory at a time, rebuilds the records (in the order :func:`read_arrow` reads).
    """
    out_dir = Path(out_dir)
    by_doc = [n for n in TABLES if n != "documents" and "doc_id" in TABLES[n].names]  # meetings among them
    by_meeting = [n for n in TABLES if n != "documents" and n not in by_doc]
    folder = out_dir / "documents.parquet"
    if not folder.is_dir():
        raise FileNotFoundError(f"no documents table in {out_dir}")
    for part in sorted((p.name for p in folder.iterdir() if p.is_dir()), key=_partition_order):
        streams = {n: _Rows(_partition_rows(out_dir, n, part), "doc_id") for n in by_doc}
        streams.update({n: _Rows(_partition_rows(out_dir, n, part), "meeting_id") for n in by_meeting})
        for doc in _partition_rows(out_dir, "documents", part):
            rec = MinutesRecord(document=doc)
            for n in by_doc:
                getattr(rec, n).extend(streams[n].take({doc["doc_id"]}))
            meeting_ids = {m["meeting_id"] for m in rec.meetings}
            for n in by_meeting:
                getattr(rec, n).extend(streams[n].take(meeting_ids))
            yield rec
        stray = [n for n, rows in streams.items() if rows.left]
        if stray:
            raise ValueError(f"{out_dir}: rows of {', '.join(stray)} in partition {part} that follow no document "
                             "in write order (not written by this pipeline?)")


def read_records(out_dir: Path) -> list[MinutesRecord]:
    """Every record of an output folder (small folders and tests; stages stream :func:`iter_records`)."""
    return list(iter_records(out_dir))
