"""Batch runs over an archive: find the files, process them (in-process, on a local pool of
worker processes, or on a Dask cluster), stream the records into the output tables.

Records come back in input order whatever the scheduler, so the same archive always gives
the same rows in the same order.
"""
from __future__ import annotations

import time
from collections.abc import Callable, Iterator
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

from pipeline import __version__
from pipeline.export import TableSetWriter, write_json_atomic
from pipeline.ingest import discover
from pipeline.process import process_document
from pipeline.record import MinutesRecord


@dataclass
class RunSummary:
    documents: int = 0
    failed: int = 0
    words: int = 0
    seconds: float = 0.0
    counts: dict[str, int] = field(default_factory=dict)
    errors: list[tuple[str, str]] = field(default_factory=list)

    def as_dict(self) -> dict:
        return {"pipeline_version": __version__, "documents": self.documents, "failed": self.failed,
                "words": self.words, "seconds": round(self.seconds, 3), "rows": self.counts,
                "errors": [{"source_path": p, "error": e} for p, e in self.errors]}


_WORKER_PARAMS: dict = {}


def _init_worker(params: dict) -> None:
    """Runs once per worker process: params arrive once, models load on first use and stay."""
    global _WORKER_PARAMS
    _WORKER_PARAMS = params


def _process_in_worker(item: tuple[Path, Path]) -> MinutesRecord:
    return process_document(item[0], item[1], _WORKER_PARAMS)


def _records(items: list[tuple[Path, Path]], params: dict, workers: int,
             scheduler: str | None) -> Iterator[MinutesRecord]:
    if scheduler:
        from dask.distributed import Client

        with Client(scheduler) as client:
            params_future = client.scatter(params, broadcast=True)
            futures = client.map(lambda it, p: process_document(it[0], it[1], p), items,
                                 [params_future] * len(items), pure=False)
            for fut in futures:  # in input order
                yield fut.result()
                fut.release()
    elif workers > 1:
        with ProcessPoolExecutor(max_workers=workers, initializer=_init_worker, initargs=(params,)) as pool:
            yield from pool.map(_process_in_worker, items, chunksize=2)
    else:
        for path, root in items:
            yield process_document(path, root, params)


def run_archive(inputs: list[Path], out_dir: Path, params: dict, workers: int = 1, scheduler: str | None = None,
                on_document: Callable[[MinutesRecord], None] | None = None,
                on_start: Callable[[int], None] | None = None) -> RunSummary:
    """Process every file under ``inputs`` and write the tables to ``out_dir``."""
    started = time.perf_counter()
    items = discover([Path(p) for p in inputs])
    if on_start:
        on_start(len(items))
    summary = RunSummary()
    seen: dict[str, str] = {}
    with TableSetWriter(Path(out_dir), **(params.get("export") or {})) as writer:
        for rec in _records(items, params, workers, scheduler):
            doc = rec.document
            first = seen.setdefault(doc["doc_id"], doc["source_path"])
            if first != doc["source_path"]:  # the same bytes twice: keep one copy of the extractions
                rec = MinutesRecord(document={**doc, "doc_id": f"{doc['doc_id']}-dup{summary.documents}", "status": "error",
                                              "error": f"duplicate of {first}: same content, processed once"})
            writer.add(rec)
            summary.documents += 1
            if not rec.ok:
                summary.failed += 1
                summary.errors.append((doc["source_path"], rec.document["error"]))
            else:
                summary.words += len((doc.get("text") or "").split())
            if on_document:
                on_document(rec)
    summary.counts = dict(writer.counts)
    summary.seconds = time.perf_counter() - started
    write_json_atomic(Path(out_dir) / "run.json", summary.as_dict())
    return summary
