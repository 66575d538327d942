"""Batch runs over an archive: find the files, process the ones not already done (in-process,
on a pool of worker processes, or on a Dask cluster), link people across the archive, and
stream everything into the output datasets.

Three passes, none of which holds the archive in memory:

1. every document whose result is not in the cache (``pipeline.run.cache``) is processed and its
   record stored there as soon as it arrives, so a killed run resumes where it stopped and an
   unchanged re-run processes nothing;
2. the records' attendee and PER mentions build the archive's person index (``pipeline.products.persons``);
3. the records are read back in input order, given their person_ids and written out.

Records come back in input order whatever the scheduler, so the same archive always gives the
same rows in the same order. With ``--scheduler`` the Dask workers must see the input files at
the same paths (a shared file system); the parameters are sent to the cluster once, and every
worker process loads the models once, on first use.
"""
from __future__ import annotations

import fcntl
import hashlib
import json
import logging
import os
import shutil
import time
import traceback
from collections import deque
from collections.abc import Callable, Iterator
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, field
from pathlib import Path

from pipeline import __version__
from pipeline.run.cache import RecordCache
from pipeline.run.export import OutputError, TableSetWriter, remove_stale_writes, write_json_atomic
from pipeline.stages.ingest import discover, doc_id_for, source_path_for
from pipeline.products.persons import PersonIndex
from pipeline.run.process import error_record, process_document
from pipeline.products.overrides import OverrideSet, PersonRelinker
from pipeline.run.provenance import METADATA_KEY, run_provenance
from pipeline.run.registry import RunParams, parse_params

log = logging.getLogger("minutes")
OVERRIDES_FILE = "overrides.yaml"  # picked up from the output folder when --overrides is not given
from pipeline.contract.record import MinutesRecord
from pipeline.contract.schema import ALL_TABLES

Item = tuple[Path, Path]  # (file, the input root it was found under)


@dataclass
class RunSummary:
    documents: int = 0
    failed: int = 0
    processed: int = 0  # documents processed in this run (the others came from the cache)
    words: int = 0
    seconds: float = 0.0
    counts: dict[str, int] = field(default_factory=dict)
    errors: list[tuple[str, str]] = field(default_factory=list)
    warnings: int = 0               # non-fatal problems reported on documents (documents.warnings)
    documents_with_warnings: int = 0
    overrides: dict | None = None  # which hand corrections applied, which targets no longer exist

    @property
    def reused(self) -> int:
        return self.documents - self.processed

    def as_dict(self) -> dict:
        return {"pipeline_version": __version__, "documents": self.documents, "failed": self.failed,
                "processed": self.processed, "reused": self.reused, "words": self.words,
                "seconds": round(self.seconds, 3), "rows": self.counts, "warnings": self.warnings,
                "documents_with_warnings": self.documents_with_warnings,
                "errors": [{"source_path": p, "error": e} for p, e in self.errors],
                **({"overrides": self.overrides} if self.overrides else {})}


# -- processing, where the work runs -------------------------------------------------------------

_WORKER_PARAMS: dict = {}


def _init_worker(params: dict) -> None:
    """Runs once per worker process: params arrive once, models load on first use and stay."""
    global _WORKER_PARAMS
    _WORKER_PARAMS = params


def _process_in_worker(item: Item) -> MinutesRecord:
    return process_document(item[0], item[1], _WORKER_PARAMS)


def _process_on_cluster(item: Item, params: dict) -> MinutesRecord:
    return process_document(item[0], item[1], params)



def _ordered(items: list[Item], submit: Callable[[Item], object], window: int,
             restart: Callable[[], None] | None = None) -> Iterator[MinutesRecord]:
    """Results in input order with at most ``window`` documents in flight (flat memory)."""
    queue: deque = deque()
    attempts: dict[int, int] = {}
    it = iter(enumerate(items))

    def fill() -> None:
        while len(queue) < window:
            nxt = next(it, None)
            if nxt is None:
                return
            queue.append((nxt[0], nxt[1], submit(nxt[1])))

    fill()
    while queue:
        i, item, fut = queue.popleft()
        try:
            rec = fut.result()
        except BrokenProcessPool:
            # a worker died (a native crash or the OOM killer): restart the pool, retry what was in flight once
            attempts[i] = attempts.get(i, 0) + 1
            pending = [(i, item)] + [(j, it_) for j, it_, _ in queue]
            queue.clear()
            restart()
            for j, it_ in pending:
                if attempts.get(j, 0) >= 2:
                    queue.append((j, it_, None))
                else:
                    queue.append((j, it_, submit(it_)))
            continue
        except Exception as exc:  # noqa: BLE001 - one document's failure never stops the batch
            detail = traceback.format_exception_only(type(exc), exc)[-1].strip()
            rec = error_record(*item, f"worker failed: {detail}")
        yield rec
        fill()
        while queue and queue[0][2] is None:  # gave up on it: a worker died on it twice
            j, it_, _ = queue.popleft()
            yield error_record(*it_, "the worker process died while reading this document (twice)")
            fill()


def _records(items: list[Item], params: dict, workers: int, scheduler: str | None) -> Iterator[MinutesRecord]:
    if not items:
        return
    if scheduler:
        from dask.distributed import Client

        client = scheduler if isinstance(scheduler, Client) else Client(scheduler)
        try:
            [params_future] = client.scatter([params], broadcast=True)  # a list: a dict would be scattered per key
            window = max(4, 4 * sum(client.nthreads().values()))
            yield from _ordered(items, lambda it: client.submit(_process_on_cluster, it, params_future, pure=False),
                                window)
        finally:
            if client is not scheduler:
                client.close()
    elif workers > 1:
        pool = [ProcessPoolExecutor(max_workers=workers, initializer=_init_worker, initargs=(params,))]

        def restart() -> None:
            pool[0].shutdown(wait=False, cancel_futures=True)
            pool[0] = ProcessPoolExecutor(max_workers=workers, initializer=_init_worker, initargs=(params,))

        try:
            yield from _ordered(items, lambda it: pool[0].submit(_process_in_worker, it), 4 * workers, restart)
        finally:
            pool[0].shutdown(wait=True, cancel_futures=True)
    else:
        for path, root in items:
            yield process_document(path, root, params)


# -- the run ---------------------------------------------------------------------------------------

def _manifest(fingerprint: str, ids: list[str], items: list[Item], overrides_digest: str = "") -> str:
    """Identifies a run's input: the files (content and place) and everything else that decides results."""
    h = hashlib.sha256(fingerprint.encode() + overrides_digest.encode())
    for doc_id, (path, root) in zip(ids, items):
        h.update(f"{doc_id}\t{source_path_for(path, root)}\n".encode())
    return h.hexdigest()


def _unchanged_output(out_dir: Path, manifest: str) -> RunSummary | None:
    """The previous run's summary when it wrote exactly what this run would write, and it is all there."""
    try:
        prev = json.loads((out_dir / "run.json").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    if prev.get("manifest") != manifest or not all((out_dir / f"{t}.parquet").exists() for t in ALL_TABLES):
        return None
    return RunSummary(documents=prev["documents"], failed=prev["failed"], processed=0, words=prev["words"],
                      counts=prev["rows"], errors=[(e["source_path"], e["error"]) for e in prev["errors"]],
                      overrides=prev.get("overrides"))


class _OutputLock:
    """One run per output folder at a time."""

    def __init__(self, out_dir: Path):
        try:
            out_dir.mkdir(parents=True, exist_ok=True)
            self._f = open(out_dir / ".lock", "w")
        except OSError as exc:
            raise OutputError(f"cannot write to {out_dir}: {exc}") from exc

    def __enter__(self) -> _OutputLock:
        try:
            fcntl.flock(self._f, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError as exc:
            self._f.close()
            raise OutputError("another run is writing to this output folder") from exc
        return self

    def __exit__(self, *exc) -> None:
        fcntl.flock(self._f, fcntl.LOCK_UN)
        self._f.close()


def run_archive(inputs: list[Path], out_dir: Path, params: RunParams | dict | None, workers: int = 1, scheduler=None,
                on_document: Callable[[MinutesRecord], None] | None = None,
                on_start: Callable[[int], None] | None = None, fresh: bool = False,
                overrides: Path | None = None) -> RunSummary:
    """Process every file under ``inputs`` and write the datasets to ``out_dir``.

    ``scheduler``: a Dask scheduler address (or a ``dask.distributed.Client``). ``fresh``:
    ignore results kept from earlier runs and process everything again. ``overrides``: a file of
    hand corrections (default ``OUT/overrides.yaml`` when it exists), applied after extraction.
    """
    started = time.perf_counter()
    params = parse_params(params)
    out_dir = Path(out_dir)
    summary = RunSummary()
    with _OutputLock(out_dir):
        remove_stale_writes(out_dir)
        items = discover([Path(p) for p in inputs])
        cache = RecordCache(out_dir, params)
        if fresh:
            shutil.rmtree(cache.root, ignore_errors=True)
        if on_start:
            on_start(len(items))
        ids = [doc_id_for(path) for path, _ in items]
        first_of: dict[str, int] = {}
        for i, doc_id in enumerate(ids):
            first_of.setdefault(doc_id, i)
        todo = [items[i] for doc_id, i in first_of.items() if doc_id not in cache]
        todo_ids = {ids[first_of[doc_id]] for doc_id in first_of if doc_id not in cache}
        overrides_path = overrides or (out_dir / OVERRIDES_FILE if (out_dir / OVERRIDES_FILE).is_file() else None)
        corrections = OverrideSet.from_file(overrides_path)
        digest = hashlib.sha256(Path(overrides_path).read_bytes()).hexdigest() if overrides_path else ""
        manifest = _manifest(cache.fingerprint, ids, items, digest)
        if not todo and not fresh:
            previous = _unchanged_output(out_dir, manifest)
            if previous is not None:  # same files, same results: the output on disk is already this run's
                previous.seconds = time.perf_counter() - started
                return previous

        # pass 1: process what the cache does not have
        try:
            for rec in _records(todo, params, workers, scheduler):
                cache.put(rec)
                summary.processed += 1
                if on_document:
                    on_document(rec)
        except OSError as exc:
            raise OutputError(f"cannot write to {out_dir}: {exc}") from exc

        def load(i: int) -> MinutesRecord:
            rec = cache.get(ids[i])
            if rec is None:  # unreadable cache entry: do it again
                rec = process_document(items[i][0], items[i][1], params)
                cache.put(rec)
            return corrections.apply(rec)  # hand corrections on a copy: the cache keeps the pipeline's own

        # pass 2: the people of the archive
        index = PersonIndex(params["persons"])
        for i in first_of.values():
            index.add_record(load(i))
        index.build()
        relinker = PersonRelinker.of(corrections, index.rows())

        # pass 3: write, in input order
        export_options = params["export"].as_dict()
        provenance = run_provenance(params)
        metadata = {METADATA_KEY: json.dumps(provenance, ensure_ascii=False, default=str).encode()}
        with TableSetWriter(out_dir, **export_options, metadata=metadata) as writer:
            for i, (path, root) in enumerate(items):
                rec = load(first_of[ids[i]])
                doc = rec.document
                source = source_path_for(path, root)
                if first_of[ids[i]] != i:  # the same bytes twice: keep one copy of the extractions
                    first = source_path_for(*items[first_of[ids[i]]])
                    rec = MinutesRecord(document={**doc, "doc_id": f"{doc['doc_id']}-dup{i}", "source_path": source,
                                                  "status": "error",
                                                  "error": f"duplicate of {first}: same content, processed once"})
                else:
                    doc["source_path"] = source  # the same bytes may have moved since they were cached
                    index.annotate(rec)
                    relinker.relink(rec)
                if on_document and not (first_of[ids[i]] == i and ids[i] in todo_ids):
                    on_document(rec)  # progress for documents not processed in pass 1
                writer.add(rec)
                summary.documents += 1
                _count(summary, rec)
            writer.add_archive_table("persons", relinker.persons(index.rows()))
        cache.prune(set(ids))
        summary.counts = dict(writer.counts)
        summary.seconds = time.perf_counter() - started
        log.info("run finished: %d documents (%d failed, %d processed) in %.1f s", summary.documents, summary.failed,
                 summary.processed, summary.seconds)
        summary.overrides = corrections.report() if corrections else None
        write_json_atomic(out_dir / "run.json", {**summary.as_dict(), "provenance": provenance, "manifest": manifest})
    return summary


def _count(summary: RunSummary, rec: MinutesRecord) -> None:
    """One written document in the summary (and the log)."""
    doc = rec.document
    warnings = doc.get("warnings") or []
    summary.warnings += len(warnings)
    summary.documents_with_warnings += bool(warnings)
    for w in warnings:
        log.info("%s: warning: %s", doc["source_path"], w)
    if not rec.ok:
        summary.failed += 1
        summary.errors.append((doc["source_path"], doc["error"]))
        log.warning("%s: %s", doc["source_path"], doc["error"])
    else:
        summary.words += len((doc.get("text") or "").split())
        log.debug("%s: ok (%d sections, %d decisions, %d action items)", doc["source_path"], len(rec.sections),
                  len(rec.decisions), len(rec.action_items))


def process_count() -> int:
    """Usable cores (respects CPU affinity and container limits where the OS reports them)."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # pragma: no cover - not Linux
        return os.cpu_count() or 1
