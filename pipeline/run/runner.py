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
import os
import time
import traceback
from collections import deque
from collections.abc import Callable, Iterator
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, field
from pathlib import Path

from pipeline import __version__
from pipeline.contract.record import MinutesRecord
from pipeline.contract.schema import ALL_TABLES
from pipeline.products.mentions import mention_rows
from pipeline.products.persons import PersonIndex
from pipeline.run.cache import RecordCache
from pipeline.run.discover import Found, discover, skipped_record
from pipeline.run.export import OutputError, TableSetWriter, remove_stale_writes, write_json_atomic
from pipeline.run.process import error_record, process_document
from pipeline.run.registry import RunParams, parse_params
from pipeline.stages.ingest import doc_id_for

Item = tuple[Path, Path]  # (file, the input root it was found under)


@dataclass
class RunSummary:
    documents: int = 0  # documents rows: one per path found under the inputs
    failed: int = 0     # rows with status 'error'
    skipped: int = 0    # rows with status 'skipped' (not read: unsupported kind, outside the tree, duplicate, ...)
    processed: int = 0  # documents processed in this run (the others came from the cache)
    words: int = 0
    seconds: float = 0.0
    counts: dict[str, int] = field(default_factory=dict)
    errors: list[tuple[str, str]] = field(default_factory=list)
    skips: list[tuple[str, str]] = field(default_factory=list)

    @property
    def ok(self) -> int:
        return self.documents - self.failed - self.skipped

    @property
    def reused(self) -> int:
        return self.documents - self.skipped - self.processed

    def add(self, rec: MinutesRecord) -> None:
        doc = rec.document
        self.documents += 1
        if doc.get("status") == "skipped":
            self.skipped += 1
            self.skips.append((doc["source_path"], doc["error"]))
        elif not rec.ok:
            self.failed += 1
            self.errors.append((doc["source_path"], doc["error"]))
        else:
            self.words += len((doc.get("text") or "").split())

    def as_dict(self) -> dict:
        return {"pipeline_version": __version__, "documents": self.documents,
                "status": {"ok": self.ok, "error": self.failed, "skipped": self.skipped}, "failed": self.failed,
                "skipped": self.skipped, "processed": self.processed, "reused": self.reused, "words": self.words,
                "seconds": round(self.seconds, 3), "rows": self.counts,
                "errors": [{"source_path": p, "error": e} for p, e in self.errors],
                "skips": [{"source_path": p, "reason": r} for p, r in self.skips]}

    @classmethod
    def from_dict(cls, d: dict) -> RunSummary:
        return cls(documents=d["documents"], failed=d["failed"], skipped=d.get("skipped", 0), processed=0,
                   words=d["words"], counts=d["rows"], errors=[(e["source_path"], e["error"]) for e in d["errors"]],
                   skips=[(e["source_path"], e["reason"]) for e in d.get("skips", [])])


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

def _manifest(fingerprint: str, found: list[Found], ids: dict[int, str]) -> str:
    """Identifies a run's input: the paths found (content, place, or why skipped) and everything else
    that decides results."""
    h = hashlib.sha256(fingerprint.encode())
    for i, f in enumerate(found):
        h.update(f"{ids.get(i, '-')}\t{f.source_path}\t{f.skip or ''}\n".encode())
    return h.hexdigest()


def _unchanged_output(out_dir: Path, manifest: str) -> RunSummary | None:
    """The previous run's summary when it wrote exactly what this run would write, and it is all there."""
    try:
        prev = json.loads((out_dir / "run.json").read_text(encoding="utf-8"))
        if prev.get("manifest") != manifest or not all((out_dir / f"{t}.parquet").exists() for t in ALL_TABLES):
            return None
        return RunSummary.from_dict(prev)
    except (OSError, ValueError, KeyError, TypeError):
        return None


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


@dataclass
class _Plan:
    """What a run does: the paths found, which of them are read, and which are the first copy of their bytes."""
    found: list[Found]
    ids: dict[int, str]                       # index in found -> doc_id, for the paths that are read
    first_of: dict[str, int]                  # doc_id -> index in found of its first path
    todo: list[int]                           # indices in found to process in this run

    @classmethod
    def make(cls, found: list[Found], cache: RecordCache) -> _Plan:
        ids = {i: doc_id_for(f.path) for i, f in enumerate(found) if f.skip is None}
        first_of: dict[str, int] = {}
        for i, doc_id in ids.items():
            first_of.setdefault(doc_id, i)
        todo = [i for doc_id, i in first_of.items() if doc_id not in cache]
        return cls(found, ids, first_of, todo)

    def item(self, i: int) -> Item:
        return self.found[i].path, self.found[i].root


def run_archive(inputs: list[Path], out_dir: Path, params: RunParams | dict | None, workers: int = 1, scheduler=None,
                on_document: Callable[[MinutesRecord], None] | None = None,
                on_start: Callable[[int], None] | None = None, fresh: bool = False,
                follow_symlinks: bool = False) -> RunSummary:
    """Process every file under ``inputs`` and write the datasets to ``out_dir``.

    ``scheduler``: a Dask scheduler address (or a ``dask.distributed.Client``). ``fresh``:
    ignore results kept from earlier runs and process everything again. ``follow_symlinks``:
    also read symlinks that point outside the input folders (see :mod:`pipeline.run.discover`).
    """
    started = time.perf_counter()
    params = parse_params(params)
    out_dir = Path(out_dir)
    summary = RunSummary()
    with _OutputLock(out_dir):
        remove_stale_writes(out_dir)
        found = discover([Path(p) for p in inputs], follow_external=follow_symlinks)
        cache = RecordCache(out_dir, params)
        if fresh:
            cache.clear()
        cache.sweep()  # other fingerprints and half-written entries of a run that was stopped
        if on_start:
            on_start(len(found))
        plan = _Plan.make(found, cache)
        manifest = _manifest(cache.fingerprint, found, plan.ids)
        if not plan.todo and not fresh:
            previous = _unchanged_output(out_dir, manifest)
            if previous is not None:  # same files, same results: the output on disk is already this run's
                previous.seconds = time.perf_counter() - started
                return previous
        try:  # pass 1: process what the cache does not have
            for rec in _records([plan.item(i) for i in plan.todo], params, workers, scheduler):
                cache.put(rec)
                summary.processed += 1
                if on_document:
                    on_document(rec)
        except OSError as exc:
            raise OutputError(f"cannot write to {out_dir}: {exc}") from exc
        _write_output(plan, cache, params, out_dir, summary, on_document)
        cache.prune(set(plan.ids.values()))
        summary.seconds = time.perf_counter() - started
        write_json_atomic(out_dir / "run.json", {**summary.as_dict(), "manifest": manifest})
    return summary


def _write_output(plan: _Plan, cache: RecordCache, params: RunParams, out_dir: Path, summary: RunSummary,
                  on_document: Callable[[MinutesRecord], None] | None) -> None:
    """Pass 2 (the people of the archive) and pass 3 (every path's rows, in the order found)."""
    def load(i: int) -> MinutesRecord:
        rec = cache.get(plan.ids[i])
        if rec is None:  # unreadable, foreign or tampered cache entry: do it again
            rec = process_document(*plan.item(i), params)
            try:
                cache.put(rec)
            except OSError:  # the record is in hand; the next pass processes it again if need be
                pass
        return rec

    index = PersonIndex(params["persons"])
    for i in plan.first_of.values():
        index.add_record(load(i))
    index.build()
    processed = set(plan.todo)
    with TableSetWriter(out_dir, **params["export"].as_dict()) as writer:
        for i, f in enumerate(plan.found):
            if f.skip is not None:
                rec = skipped_record(f, f.skip)
            elif plan.first_of[plan.ids[i]] != i:  # the same bytes twice: keep one copy of the extractions
                first = plan.found[plan.first_of[plan.ids[i]]].source_path
                rec = skipped_record(f, f"duplicate of {first}: same content, processed once",
                                     doc_id=f"{plan.ids[i]}-dup{i}")
            else:
                rec = load(i)
                rec.document["source_path"] = f.source_path  # the same bytes may have moved since they were cached
                index.annotate(rec)
                rec.person_mentions = mention_rows(rec, index.person_of)
            if on_document and i not in processed:
                on_document(rec)  # progress for documents not processed in pass 1
            writer.add(rec)
            summary.add(rec)
        writer.add_archive_table("persons", index.rows())
    summary.counts = dict(writer.counts)


def process_count() -> int:
    """Usable cores (respects CPU affinity and container limits where the OS reports them)."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # pragma: no cover - not Linux
        return os.cpu_count() or 1
