"""I/O of pseudonymisation: the tables of an output folder read one document at a time, and the
pseudonymised copy written file for file.

An output folder of ``minutes run`` holds each per-document table as a dataset partitioned by
meeting year (``<table>.parquet/<year>/part-*.parquet``) or, in older or hand-made folders, as one
file. Within a partition every table holds its rows in the order of the documents (the runner
writes them record by record), so the rows of one document are read in step from every table
(:class:`DocumentStream`) and memory holds one document's rows, not the archive. A table whose
rows are not in that order (a folder written by another tool) is read whole and grouped by
document instead: slower, same result. Rows that belong to no document are kept, at the end.
"""
from __future__ import annotations

import os
from collections import defaultdict, deque
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq

from pipeline.contract.schema import ALL_TABLES, ARCHIVE_TABLES

BATCH_ROWS = 4096


def table_files(root: Path, name: str) -> list[Path]:
    """The Parquet files of one table: a single file, or every file of a dataset folder (in order:
    years ascending, 'unknown' last)."""
    p = root / f"{name}.parquet"
    if p.is_file():
        return [p]
    if not p.is_dir():
        return []
    files = [f for f in p.rglob("*.parquet") if f.is_file() and not f.name.startswith(".")]
    return sorted(files, key=lambda f: (_partition_rank(partition_of(root, name, f)), str(f)))


def partition_of(root: Path, name: str, f: Path) -> str:
    """'2024' for <root>/<name>.parquet/2024/part-00000.parquet; '' for a table in one file."""
    rel = f.relative_to(root / f"{name}.parquet") if f != root / f"{name}.parquet" else Path("")
    return rel.parent.as_posix() if rel.parts else ""


def _partition_rank(part: str) -> tuple:
    return (not part.isdigit(), int(part) if part.isdigit() else 0, part)


def read_rows(root: str | Path) -> dict[str, list[dict]]:
    """Every table of an output folder as lists of row dicts (nulls as None), whatever the layout."""
    root = Path(root)
    return {name: [r for f in fs for r in pq.ParquetFile(f).read().to_pylist()]
            for name in ALL_TABLES if (fs := table_files(root, name))}


def doc_key(row: dict) -> str | None:
    """The document a row belongs to: its doc_id, or the doc_id in its meeting_id ('<doc_id>-1')."""
    if row.get("doc_id") is not None:
        return row["doc_id"]
    mid = row.get("meeting_id")
    return mid.rsplit("-", 1)[0] if isinstance(mid, str) and "-" in mid else mid


def _rows(files: list[Path], columns: list[str] | None) -> Iterator[dict]:
    for f in files:
        pf = pq.ParquetFile(f)
        cols = [c for c in columns if c in pf.schema_arrow.names] if columns is not None else None
        for batch in pf.iter_batches(batch_size=BATCH_ROWS, columns=cols):
            yield from batch.to_pylist()


class _Peekable:
    def __init__(self, it: Iterator[dict]):
        self._it = it
        self._next: deque = deque()

    def peek(self) -> dict | None:
        if not self._next:
            nxt = next(self._it, None)
            if nxt is None:
                return None
            self._next.append(nxt)
        return self._next[0]

    def pop(self) -> dict:
        self.peek()
        return self._next.popleft()


@dataclass
class Document:
    """One document's rows from every per-document table."""
    partition: str
    row: dict
    rows: dict[str, list[dict]] = field(default_factory=dict)


class DocumentStream:
    """The documents of a folder in order, each with its rows of every other per-document table."""

    def __init__(self, root: Path, tables: list[str], columns: dict[str, list[str]] | None = None):
        self.root = Path(root)
        self.columns = columns or {}
        self.files = {t: table_files(self.root, t) for t in ["documents", *tables]}
        self.tables = [t for t in tables if self.files[t]]
        self.doc_part = {}  # doc_id -> (partition, ordinal)
        for i, d in enumerate(self._documents(["doc_id"])):
            self.doc_part[d.row["doc_id"]] = (d.partition, i)
        self.grouped = {t: self._group(t) for t in self.tables if not self._in_step(t)}

    def _documents(self, columns: list[str] | None) -> Iterator[Document]:
        for f in self.files["documents"]:
            part = partition_of(self.root, "documents", f)
            for row in _rows([f], columns):
                yield Document(part, row)

    def _in_step(self, table: str) -> bool:
        """Are the table's rows in the documents' order, each in its document's partition?"""
        last = -1
        for f in self.files[table]:
            part = partition_of(self.root, table, f)
            for row in _rows([f], ["doc_id", "meeting_id"]):
                where = self.doc_part.get(doc_key(row))
                if where is None or where[1] < last or (part and where[0] != part):
                    return False
                last = where[1]
        return True

    def _group(self, table: str) -> dict[str | None, list[dict]]:
        out: dict[str | None, list[dict]] = defaultdict(list)
        for row in _rows(self.files[table], self.columns.get(table)):
            out[doc_key(row) if doc_key(row) in self.doc_part else None].append(row)
        return out

    def __iter__(self) -> Iterator[Document]:
        readers = {t: _Peekable(_rows(self.files[t], self.columns.get(t)))
                   for t in self.tables if t not in self.grouped}
        for doc in self._documents(self.columns.get("documents")):
            doc_id = doc.row["doc_id"]
            for t in self.tables:
                if t in self.grouped:
                    doc.rows[t] = self.grouped[t].pop(doc_id, [])
                    continue
                rows, r = [], readers[t]
                while (nxt := r.peek()) is not None and doc_key(nxt) == doc_id:
                    rows.append(r.pop())
                doc.rows[t] = rows
            yield doc

    def orphans(self, table: str) -> list[dict]:
        """Rows of a table that belong to no document (kept, written after the rest)."""
        return self.grouped.get(table, {}).pop(None, []) if table in self.grouped else []


class TableWriter:
    """Writes the pseudonymised rows of one source file to the same place under another root."""

    def __init__(self, src_root: Path, src: Path, dst_root: Path):
        self.schema = pq.read_schema(src)
        self.path = dst_root / src.relative_to(src_root)
        self._rows: list[dict] = []
        self._writer: pq.ParquetWriter | None = None
        self.count = 0

    def add(self, rows: list[dict]) -> None:
        self._rows.extend(rows)
        self.count += len(rows)
        if len(self._rows) >= BATCH_ROWS:
            self._flush()

    def _flush(self) -> None:
        if self._writer is None:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            self._writer = pq.ParquetWriter(self.path, self.schema, compression="zstd")
        if self._rows:
            self._writer.write_table(pa.Table.from_pylist(self._rows, schema=self.schema))
            self._rows = []

    def close(self) -> None:
        self._flush()
        self._writer.close()


def replace_into(tmp: Path, dst: Path) -> None:
    """Move every table and JSON file written under ``tmp`` into ``dst`` (the old one aside first)."""
    for entry in sorted(tmp.iterdir()):
        if entry.name.startswith("old-"):
            continue
        target = dst / entry.name
        if entry.is_file() and not target.is_dir():
            os.replace(entry, target)
            continue
        if target.exists() or target.is_symlink():
            os.replace(target, tmp / f"old-{target.name}")
        os.replace(entry, target)


PER_DOCUMENT_TABLES = [t for t in ALL_TABLES if t not in ARCHIVE_TABLES and t != "documents"]

__all__ = [
    "PER_DOCUMENT_TABLES",
    "Document",
    "DocumentStream",
    "TableWriter",
    "doc_key",
    "partition_of",
    "read_rows",
    "replace_into",
    "table_files",
]
