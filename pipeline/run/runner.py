"""The passes over an archive, and the batch run that strings them together.

The same passes serve both ways of running the pipeline:

* ``minutes run`` (:func:`run_archive`): every file in one go, through the record cache;
* ``minutes stage NAME`` (:mod:`pipeline.run.dvc`, for DVC): one stage at a time, from the previous
  stage's folder of tables into the next.

The passes, none of which holds the archive in memory:

1. :func:`document_pass`: the document stages over files (ingest first) or over the records of the
   previous stage, in-process, on a pool of worker processes or on a Dask cluster, results in input
   order. ``minutes run`` stores each record in the cache (``pipeline.run.cache``) as soon as it
   arrives, so a killed run resumes where it stopped and an unchanged re-run processes nothing;
2. :func:`person_pass`: the records' attendee and PER mentions build the archive's person index
   (``pipeline.products.persons``), their attendee organisations and ORG mentions its organisation
   index (``pipeline.products.organisations``);
3. :func:`write_pass`: the records, in input order, get their person_ids, organisation_ids and
   attendance rows (``pipeline.products.attendance``) and are written out.

Every path found gets one documents row: a path that is not read (an unsupported kind, a link out
of the tree, a fifo; :mod:`pipeline.run.discover`) and a file whose bytes an earlier file already had
(processed once) get a row with status 'skipped' and the reason.
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
import multiprocessing
import os
import tempfile
import time
import traceback
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, field
from pathlib import Path

from pipeline import __version__
from pipeline.contract.record import MinutesRecord
from pipeline.contract.schema import ALL_TABLES
from pipeline.products.attendance import attendance_rows
from pipeline.products.confidence import score_record
from pipeline.products.mentions import mention_rows
from pipeline.products.organisations import OrganisationIndex
from pipeline.products.overrides import OverrideSet, PersonRelinker
from pipeline.products.persons import PersonIndex
from pipeline.run.cache import RecordCache
from pipeline.run.discover import Found, discover, skipped_record
from pipeline.run.export import OutputError, TableSetWriter, remove_stale_writes, write_json_atomic
from pipeline.run.process import error_record, fail, process_document, run_stages
from pipeline.run.provenance import METADATA_KEY, run_provenance
from pipeline.run.registry import RunParams, parse_params
from pipeline.stages.ingest import doc_id_for

log = logging.getLogger("minutes")
OVERRIDES_FILE = "overrides.yaml"  # picked up from the output folder when --overrides is not given

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
    warnings: int = 0               # non-fatal problems reported on documents (documents.warnings)
    documents_with_warnings: int = 0
    overrides: dict | None = None  # which hand corrections applied, which targets no longer exist

    @property
    def ok(self) -> int:
        return self.documents - self.failed - self.skipped

    @property
    def reused(self) -> int:
        return self.documents - self.skipped - self.processed

    def add(self, rec: MinutesRecord) -> None:
        """Count one written record (and log it)."""
        doc = rec.document
        self.documents += 1
        warnings = doc.get("warnings") or []
        self.warnings += len(warnings)
        self.documents_with_warnings += bool(warnings)
        for w in warnings:
            log.info("%s: warning: %s", doc["source_path"], w)
        if doc.get("status") == "skipped":
            self.skipped += 1
            self.skips.append((doc["source_path"], doc["error"]))
            log.info("%s: skipped: %s", doc["source_path"], doc["error"])
        elif not rec.ok:
            self.failed += 1
            self.errors.append((doc["source_path"], doc["error"]))
            log.warning("%s: %s", doc["source_path"], doc["error"])
        else:
            self.words += len((doc.get("text") or "").split())
            log.debug("%s: ok (%d sections, %d decisions, %d action items)", doc["source_path"], len(rec.sections),
                      len(rec.decisions), len(rec.action_items))

    def as_dict(self) -> dict:
        return {"pipeline_version": __version__, "documents": self.documents,
                "status": {"ok": self.ok, "error": self.failed, "skipped": self.skipped}, "failed": self.failed,
                "skipped": self.skipped, "processed": self.processed, "reused": self.reused, "words": self.words,
                "seconds": round(self.seconds, 3), "rows": self.counts, "warnings": self.warnings,
                "documents_with_warnings": self.documents_with_warnings,
                "errors": [{"source_path": p, "error": e} for p, e in self.errors],
                "skips": [{"source_path": p, "reason": r} for p, r in self.skips],
                **({"overrides": self.overrides} if self.overrides else {})}

    @classmethod
    def from_dict(cls, d: dict) -> RunSummary:
        return cls(documents=d["documents"], failed=d["failed"], skipped=d.get("skipped", 0), processed=0,
                   words=d["words"], counts=d["rows"], errors=[(e["source_path"], e["error"]) for e in d["errors"]],
                   skips=[(e["source_path"], e["reason"]) for e in d.get("skips", [])],
                   warnings=d.get("warnings", 0), documents_with_warnings=d.get("documents_with_warnings", 0),
                   overrides=d.get("overrides"))


# -- pass 1: the document stages, where the work runs ------------------------------------------------

@dataclass(frozen=True)
class Work:
    """What pass 1 does to one item: a file (``source``: ingest, then the stages) or a record of the
    previous stage; ``stages`` are the document stages to run (None: all of them)."""

    source: bool = True
    stages: tuple[str, ...] | None = None

    def __call__(self, item, params: RunParams) -> MinutesRecord:
        stages = None if self.stages is None else list(self.stages)
        if self.source:
            return process_document(item[0], item[1], params, stages)
        return run_stages(item, params, stages)

    def failed(self, item, message: str) -> MinutesRecord:
        """The row of an item whose worker failed."""
        return error_record(*item, message) if self.source else fail(item, message)


_WORKER: dict = {}
CHUNK = 4  # documents per hand-out to a worker process: fewer round trips, still an even spread


@dataclass(frozen=True)
class _Chunk:
    """``work`` over a few items in one hand-out (a list in, a list of records out)."""

    work: Work

    def __call__(self, items: list, params: RunParams) -> list[MinutesRecord]:
        return [self.work(item, params) for item in items]

    def failed(self, items: list, message: str) -> list[MinutesRecord]:
        return [self.work.failed(item, message) for item in items]


def _init_worker(params: RunParams, work) -> None:
    """Runs once per worker process: params arrive once, models load on first use and stay."""
    _WORKER.update(params=params, work=work)


def _work_in_worker(item):
    return _WORKER["work"](item, _WORKER["params"])


def _work_on_cluster(item, params: RunParams, work: Work) -> MinutesRecord:
    return work(item, params)


def _ordered(items: Iterable, submit: Callable[[object], object], window: int, work,
             restart: Callable[[], None] | None = None) -> Iterator:
    """Results in input order with at most ``window`` items in flight (flat memory). After a worker
    died, the chunks in flight are handed out again one document each, so only the document that
    kills a worker (twice) gets an error row."""
    queue: deque = deque()
    attempts: dict = {}
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
        if fut is None:  # gave up on it: a worker died on it twice
            yield work.failed(item, "the worker process died while reading this document (twice)")
            fill()
            continue
        try:
            rec = fut.result()
        except BrokenProcessPool:
            # a worker died (a native crash or the OOM killer): restart the pool, retry what was in flight once
            pending = [(i, item)] + [(j, it_) for j, it_, _ in queue]
            queue.clear()
            restart()
            for j, it_ in pending:
                for k, one in _singles(j, it_):
                    if k == i:  # a single document at the head is blamed; a chunk's documents are retried alone
                        attempts[k] = attempts.get(k, 0) + 1
                    queue.append((k, one, None if attempts.get(k, 0) >= 2 else submit(one)))
            continue
        except Exception as exc:  # noqa: BLE001 - one document's failure never stops the batch
            detail = traceback.format_exception_only(type(exc), exc)[-1].strip()
            rec = work.failed(item, f"worker failed: {detail}")
        yield rec
        fill()


def _singles(key, item) -> list:
    """A chunk in flight as chunks of one document (keys (chunk, position)); anything else as it is."""
    if isinstance(item, list) and len(item) > 1:
        return [((key, n), [one]) for n, one in enumerate(item)]
    return [(key, item)]


def _on_cluster(items: Iterable, params: RunParams, work: Work, scheduler) -> Iterator[MinutesRecord]:
    from dask.distributed import Client

    client = scheduler if isinstance(scheduler, Client) else Client(scheduler)
    try:
        [params_future] = client.scatter([params], broadcast=True)  # a list: a dict would be scattered per key
        window = max(4, 4 * sum(client.nthreads().values()))
        yield from _ordered(items, lambda it: client.submit(_work_on_cluster, it, params_future, work, pure=False),
                            window, work)
    finally:
        if client is not scheduler:
            client.close()


WARM_UP = ("Styrelsen för Brukarrådet 3 mars 2024\n\nNärvarande: Eva Holm (ordförande), Jan Berg, RSMH\n\n"
           "§ 1 Budget\n\nStyrelsen beslutade att anta budgeten. Eva Holm skickar protokollet till kommunen.\n")


def _warm_up(params: RunParams, work: Work) -> None:
    """One small document through the stages in this process before the workers are forked, so the
    models are loaded once and shared (copy on write) instead of once in every worker."""
    if not work.source or multiprocessing.get_start_method() != "fork":
        return
    with tempfile.TemporaryDirectory(prefix="minutes-warm-up-") as d:
        path = Path(d) / "warm-up.txt"
        path.write_text(WARM_UP, encoding="utf-8")
        work((path, Path(d)), params)  # never raises: a failure is an error row


def _on_pool(items: Iterable, params: RunParams, work: Work, workers: int) -> Iterator[MinutesRecord]:
    _warm_up(params, work)
    chunked = _Chunk(work)
    pool = [ProcessPoolExecutor(max_workers=workers, initializer=_init_worker, initargs=(params, chunked))]

    def restart() -> None:
        pool[0].shutdown(wait=False, cancel_futures=True)
        pool[0] = ProcessPoolExecutor(max_workers=workers, initializer=_init_worker, initargs=(params, chunked))

    try:
        for recs in _ordered(_chunks(items, CHUNK), lambda c: pool[0].submit(_work_in_worker, c), 2 * workers,
                             chunked, restart):
            yield from recs
    finally:
        pool[0].shutdown(wait=True, cancel_futures=True)


def _chunks(items: Iterable, size: int) -> Iterator[list]:
    chunk: list = []
    for item in items:
        chunk.append(item)
        if len(chunk) == size:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


def document_pass(items: Iterable, params: RunParams | dict | None, work: Work = Work(), workers: int = 1,
                  scheduler=None) -> Iterator[MinutesRecord]:
    """Pass 1: ``work`` over every item (files, or records of the previous stage), results in input order.

    ``scheduler``: a Dask scheduler address (or a ``dask.distributed.Client``); else ``workers``
    local processes (1: in this process).
    """
    params = parse_params(params)
    if scheduler:
        yield from _on_cluster(items, params, work, scheduler)
    elif workers > 1:
        yield from _on_pool(items, params, work, workers)
    else:
        for item in items:
            yield work(item, params)


# -- the files of an archive and their duplicates ---------------------------------------------------

@dataclass
class Plan:
    """The paths of an archive in the order found, with the content ids of those that are read; a file
    whose bytes an earlier file already had is processed once (its ``first`` is that earlier file)."""

    found: list[Found]
    ids: list[str | None]                                    # None for a path that is not read
    first_of: dict[str, int] = field(default_factory=dict)  # doc_id -> index of its first file

    @classmethod
    def of(cls, found: list[Found]) -> Plan:
        plan = cls(found, [doc_id_for(f.path) if f.skip is None else None for f in found])
        for i, doc_id in enumerate(plan.ids):
            if doc_id is not None:
                plan.first_of.setdefault(doc_id, i)
        return plan

    def item(self, i: int) -> Item:
        return self.found[i].path, self.found[i].root

    def first(self, i: int) -> int | None:
        return self.first_of[self.ids[i]] if self.ids[i] is not None else None

    def unique(self) -> list[int]:
        """The index of each distinct file's first occurrence, in input order."""
        return list(self.first_of.values())

    def skipped_row(self, i: int) -> MinutesRecord | None:
        """The row of path ``i`` when it is not read: skipped by discovery, or a duplicate."""
        f = self.found[i]
        if f.skip is not None:
            return skipped_record(f, f.skip)
        first = self.first(i)
        if first != i:
            return skipped_record(f, f"duplicate of {self.found[first].source_path}: same content, processed once",
                                  doc_id=f"{self.ids[i]}-dup{i}")
        return None


# -- passes 2 and 3: the people of the archive, then writing -------------------------------------------

def person_pass(records: Iterable[MinutesRecord], params: RunParams | dict | None,
                organisations: OrganisationIndex | None = None) -> PersonIndex:
    """Pass 2: the person index of every record's attendees and PER mentions (and, given an
    ``organisations`` index, the organisations of its attendees and ORG mentions, in the same read)."""
    index = PersonIndex(parse_params(params)["persons"])
    for rec in records:
        index.add_record(rec)
        if organisations is not None:
            organisations.add_record(rec)
    index.build()
    if organisations is not None:
        organisations.build()
    return index


def organisation_index(params: RunParams | dict | None) -> OrganisationIndex:
    return OrganisationIndex(parse_params(params)["organisations"])


def write_pass(records: Iterable[MinutesRecord], writer: TableSetWriter, index: PersonIndex | None = None,
               summary: RunSummary | None = None, relinker: PersonRelinker | None = None,
               organisations: OrganisationIndex | None = None) -> None:
    """Pass 3: every record (given its person_ids when there is an index, then the hand-made person
    merges and splits, its organisation_ids and attendance rows, then the confidence of its rows)
    into the writer."""
    org_rows = organisations.rows() if organisations is not None else []
    org_of = {r["organisation_id"]: (r["name"], r["kind"]) for r in org_rows}
    for rec in records:
        if index is not None and rec.ok:
            index.annotate(rec)
            if relinker is not None:
                relinker.relink(rec)
            rec.person_mentions = mention_rows(rec, index.person_of, index.link_of)
        if organisations is not None and rec.ok:
            organisations.annotate(rec)
            rec.attendance = attendance_rows(rec, org_of)
        score_record(rec)
        writer.add(rec)
        if summary is not None:
            summary.add(rec)
    if index is not None:
        rows = index.rows()
        writer.add_archive_table("persons", relinker.persons(rows) if relinker is not None else rows)
    if organisations is not None:
        writer.add_archive_table("organisations", org_rows)


# -- the run ---------------------------------------------------------------------------------------

def _manifest(fingerprint: str, plan: Plan, overrides_digest: str = "") -> str:
    """Identifies a run's input: the paths found (content, place, or why skipped) and everything else
    that decides results."""
    h = hashlib.sha256(fingerprint.encode() + overrides_digest.encode())
    for doc_id, f in zip(plan.ids, plan.found):
        h.update(f"{doc_id or '-'}\t{f.source_path}\t{f.skip or ''}\n".encode())
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


class _CachedRun:
    """The records of one run through the cache: what pass 1 must do, and each record read back."""

    def __init__(self, plan: Plan, cache: RecordCache, params: RunParams, corrections: OverrideSet | None = None):
        self.plan, self.cache, self.params = plan, cache, params
        self.corrections = corrections or OverrideSet([])
        self.todo = [i for i in plan.unique() if plan.ids[i] not in cache]

    def load(self, i: int, persons_only: bool = False) -> MinutesRecord:
        """The record of path ``i``; ``persons_only`` (pass 2 without hand corrections): just the fields the
        person index reads, so each entry is parsed in full once, in pass 3."""
        if persons_only and not self.corrections:
            rec = self.cache.get(self.plan.ids[i], persons_only=True)
            if rec is not None:
                return rec
        rec = self.cache.get(self.plan.ids[i])
        if rec is None:  # unreadable, foreign or tampered cache entry: do it again
            rec = process_document(*self.plan.item(i), self.params)
            try:
                self.cache.put(rec)
            except OSError:  # the record is in hand; the next pass processes it again if need be
                pass
        return self.corrections.apply(rec)  # hand corrections on a copy: the cache keeps the pipeline's own

    def unique_records(self) -> Iterator[MinutesRecord]:
        """Each distinct file's record, as far as the person index reads it."""
        return (self.load(i, persons_only=True) for i in self.plan.unique())

    def in_input_order(self) -> Iterator[tuple[int, MinutesRecord]]:
        """Every path's row as it is written: the cached record at its current path, or a skipped row."""
        for i, f in enumerate(self.plan.found):
            rec = self.plan.skipped_row(i)
            if rec is None:
                rec = self.load(i)
                rec.document["source_path"] = f.source_path  # the same bytes may have moved since they were cached
            yield i, rec


def run_archive(inputs: list[Path], out_dir: Path, params: RunParams | dict | None, workers: int = 1, scheduler=None,
                on_document: Callable[[MinutesRecord], None] | None = None,
                on_start: Callable[[int], None] | None = None, fresh: bool = False,
                overrides: Path | None = None, follow_symlinks: bool = False) -> RunSummary:
    """Process every file under ``inputs`` and write the datasets to ``out_dir``.

    ``scheduler``: a Dask scheduler address (or a ``dask.distributed.Client``). ``fresh``:
    ignore results kept from earlier runs and process everything again. ``overrides``: a file of
    hand corrections (default ``OUT/overrides.yaml`` when it exists), applied after extraction.
    ``follow_symlinks``: also read symlinks that point outside the input folders
    (see :mod:`pipeline.run.discover`).
    """
    started = time.perf_counter()
    params = parse_params(params)
    out_dir = Path(out_dir)
    summary = RunSummary()
    with _OutputLock(out_dir):
        remove_stale_writes(out_dir)
        plan = Plan.of(discover([Path(p) for p in inputs], follow_external=follow_symlinks))
        cache = RecordCache(out_dir, params)
        if fresh:
            cache.clear()
        cache.sweep()  # other fingerprints and half-written entries of a run that was stopped
        if on_start:
            on_start(len(plan.found))
        overrides_path = overrides or (out_dir / OVERRIDES_FILE if (out_dir / OVERRIDES_FILE).is_file() else None)
        corrections = OverrideSet.from_file(overrides_path)
        digest = hashlib.sha256(Path(overrides_path).read_bytes()).hexdigest() if overrides_path else ""
        run = _CachedRun(plan, cache, params, corrections)
        manifest = _manifest(cache.fingerprint, plan, digest)
        if not run.todo and not fresh:
            previous = _unchanged_output(out_dir, manifest)
            if previous is not None:  # same files, same results: the output on disk is already this run's
                previous.seconds = time.perf_counter() - started
                return previous
        try:
            for rec in document_pass((plan.item(i) for i in run.todo), params, Work(), workers, scheduler):
                cache.put(rec)
                summary.processed += 1
                if on_document:
                    on_document(rec)
        except OSError as exc:
            raise OutputError(f"cannot write to {out_dir}: {exc}") from exc
        organisations = organisation_index(params)
        index = person_pass(run.unique_records(), params, organisations)
        relinker = PersonRelinker.of(corrections, index.rows())
        done = set(run.todo)
        provenance = run_provenance(params)
        metadata = {METADATA_KEY: json.dumps(provenance, ensure_ascii=False, default=str).encode()}
        with TableSetWriter(out_dir, **params["export"].as_dict(), metadata=metadata) as writer:
            records = (_progress(rec, i not in done, on_document) for i, rec in run.in_input_order())
            write_pass(records, writer, index, summary, relinker, organisations)
        cache.prune({i for i in plan.ids if i is not None})
        summary.counts = dict(writer.counts)
        summary.seconds = time.perf_counter() - started
        log.info("run finished: %d documents (%d failed, %d processed) in %.1f s", summary.documents, summary.failed,
                 summary.processed, summary.seconds)
        summary.overrides = corrections.report() if corrections else None
        write_json_atomic(out_dir / "run.json", {**summary.as_dict(), "provenance": provenance, "manifest": manifest})
    return summary


def _progress(rec: MinutesRecord, report: bool, on_document: Callable[[MinutesRecord], None] | None) -> MinutesRecord:
    """Progress for the documents pass 1 did not report (reused from the cache, duplicates)."""
    if report and on_document:
        on_document(rec)
    return rec


def process_count() -> int:
    """Usable cores (respects CPU affinity and container limits where the OS reports them)."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # pragma: no cover - not Linux
        return os.cpu_count() or 1
