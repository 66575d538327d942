"""Time limits that hold anywhere: a supervised worker process per concurrent caller.

``run(path, params)`` sends the job to a long-lived child process (``python -m
pipeline.stages.ingest.worker``) over a pipe and waits at most ``timeout_s``; on time-out the
child's whole process group (including a running ``tesseract``) is killed and a fresh child
is started for the next document. A crash of the child (segfault in a PDF library, the
kernel's OOM killer) is reported the same way. This works in the main thread, in other
threads (each takes its own worker from a pool) and inside daemonic worker processes
(multiprocessing/dask workers may not fork children with ``multiprocessing``, but may
start subprocesses), unlike SIGALRM. Workers are reused, so the interpreter start-up and
imports are paid once per worker, not once per document. A new worker imports the readers and
loads the word lists before it says it is ready; that start-up (a few seconds, limited by
STARTUP_TIMEOUT_S) is not counted against the first document's time limit.
"""
from __future__ import annotations

import atexit
import json
import os
import selectors
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import pipeline

_ROOT = str(Path(pipeline.__file__).resolve().parent.parent)  # the folder holding the 'pipeline' package
STARTUP_TIMEOUT_S = 120.0  # a worker that is not ready by then is reported as failed


class WorkerFailed(Exception):
    pass


class _Worker:
    def __init__(self, max_memory_mb: int = 0):
        env = dict(os.environ)
        env["PYTHONPATH"] = _ROOT + (os.pathsep + env["PYTHONPATH"] if env.get("PYTHONPATH") else "")
        env.setdefault("OMP_THREAD_LIMIT", "1")
        self.max_memory_mb = max_memory_mb
        self.proc = subprocess.Popen(
            [sys.executable, "-u", "-m", "pipeline.stages.ingest.worker", str(int(max_memory_mb))],
            stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL,
            env=env, cwd=_ROOT, start_new_session=True, close_fds=True,
        )
        self._buf = b""
        self.ready = False

    def alive(self) -> bool:
        return self.proc.poll() is None

    def wait_ready(self) -> None:
        if self.ready:
            return
        try:
            hello = self._read_line(time.monotonic() + STARTUP_TIMEOUT_S)
        except TimeoutError:
            self.kill()
            raise WorkerFailed(f"worker process did not start within {STARTUP_TIMEOUT_S:g} s") from None
        if not hello.get("ready"):
            self.kill()
            raise WorkerFailed(f"worker process did not start: {hello}")
        self.ready = True

    def request(self, job: dict, timeout: float | None) -> dict:
        self.wait_ready()  # start-up is not part of the document's time
        line = (json.dumps(job) + "\n").encode()
        try:
            self.proc.stdin.write(line)
            self.proc.stdin.flush()
        except (BrokenPipeError, OSError) as e:
            raise WorkerFailed(f"worker process died ({e})") from e
        return self._read_line(None if not timeout else time.monotonic() + timeout)

    def _read_line(self, deadline: float | None) -> dict:
        """The next JSON line from the worker; kills it and raises TimeoutError at the deadline."""
        fd = self.proc.stdout.fileno()
        with selectors.DefaultSelector() as sel:
            sel.register(fd, selectors.EVENT_READ)
            while b"\n" not in self._buf:
                wait = None if deadline is None else deadline - time.monotonic()
                if wait is not None and wait <= 0:
                    self.kill()
                    raise TimeoutError
                if not sel.select(wait):
                    continue
                chunk = os.read(fd, 1 << 20)
                if not chunk:
                    code = self.proc.wait()
                    what = f"killed by signal {-code}" if code < 0 else f"exit code {code}"
                    raise WorkerFailed(f"worker process crashed ({what})")
                self._buf += chunk
        line, _, self._buf = self._buf.partition(b"\n")
        return json.loads(line)

    def kill(self) -> None:
        try:
            os.killpg(self.proc.pid, signal.SIGKILL)
        except (ProcessLookupError, PermissionError):
            pass
        try:
            self.proc.wait(timeout=5)
        except subprocess.TimeoutExpired:
            pass
        for f in (self.proc.stdin, self.proc.stdout):
            try:
                f.close()
            except OSError:
                pass

    def close(self) -> None:
        if self.alive():
            try:
                self.proc.stdin.close()
                self.proc.wait(timeout=2)
            except Exception:  # noqa: BLE001
                pass
        if self.alive():
            self.kill()


_idle: list[_Worker] = []
_lock = threading.Lock()
_pid = os.getpid()


def _take(max_memory_mb: int) -> _Worker:
    global _pid
    with _lock:
        if os.getpid() != _pid:  # forked: the parent's workers are not ours
            _idle.clear()
            _pid = os.getpid()
        while _idle:
            w = _idle.pop()
            if w.alive() and w.max_memory_mb == max_memory_mb:
                return w
            w.close()
    return _Worker(max_memory_mb)


def _give_back(w: _Worker) -> None:
    with _lock:
        if w.alive() and os.getpid() == _pid:
            _idle.append(w)
        else:
            w.close()


@atexit.register
def shutdown() -> None:
    """Stop all idle workers (called at exit; safe to call any time)."""
    with _lock:
        workers, _idle[:] = list(_idle), []
    for w in workers:
        w.close()


def run(path: Path, params: dict) -> dict:
    """extract() in a worker, with the params' time limit. Raises TimeoutError or
    WorkerFailed; the caller turns them into an error row."""
    w = _take(int(params.get("max_memory_mb") or 0))
    timeout = params.get("timeout_s") or None
    try:
        result = w.request({"path": str(path), "params": params}, timeout)
    except BaseException:
        w.kill()
        raise
    _give_back(w)
    return result


def _preload() -> None:
    """Import the readers and load the word lists now, so that a document's time limit
    measures reading it, not the worker's start-up. A reader that cannot be imported fails
    on its own documents later, with its message."""
    import contextlib
    import importlib

    for name in ("pdfplumber", "pypdfium2", "pytesseract", "PIL.Image", "docx", "bs4", "lxml.etree",
                 "ftfy", "charset_normalizer", "pipeline.stages.ingest.pdf", "pipeline.stages.ingest.ocr",
                 "pipeline.stages.ingest.formats.html", "pipeline.stages.ingest.formats.docx",
                 "pipeline.stages.ingest.formats.odt", "pipeline.stages.ingest.formats.rtf",
                 "pipeline.stages.ingest.text"):
        with contextlib.suppress(Exception):
            importlib.import_module(name)
    with contextlib.suppress(Exception):
        from pipeline.stages.ingest import lang
        lang._lexicon("sv")
        lang._lexicon("en")
        lang._dictionary()
        lang.language_votes("och the und og ja en")


def _serve() -> None:
    """The child: one JSON job per line in, one JSON result per line out."""
    max_mb = int(sys.argv[1]) if len(sys.argv) > 1 else 0
    if max_mb > 0:
        import resource
        lim = max_mb * 1024 * 1024
        resource.setrlimit(resource.RLIMIT_AS, (lim, lim))
    proto = os.fdopen(os.dup(1), "w", encoding="utf-8")
    os.dup2(2, 1)  # stray prints from libraries must not corrupt the protocol
    sys.stdout = sys.stderr
    from pipeline.stages.ingest.reader import deadline_for, extract
    _preload()
    proto.write(json.dumps({"ready": True}) + "\n")
    proto.flush()

    for line in sys.stdin:
        if not line.strip():
            continue
        job = json.loads(line)
        params = job["params"]
        # the parent enforces the hard limit; this one lets Tesseract stop in time
        result = extract(Path(job["path"]), params, deadline_for(params))
        proto.write(json.dumps(result, ensure_ascii=False) + "\n")
        proto.flush()


if __name__ == "__main__":
    _serve()
