"""Per-document budgets of the text stages: a document may cost a stage so much time and so much
text (``budget_s``, ``budget_chars``, ``budget_lines`` in each stage's parameters, declared by
:class:`pipeline.contract.stage.Budget`); over budget, the document becomes an error row naming
the stage and the limit, and the batch goes on (issue 16).

* **Size** is checked before the stage runs, so an enormous text (a 50 MB log, a million lines)
  costs nothing beyond reading it.
* **Time** is enforced with a real-time interval timer (SIGALRM) where the stage runs in a
  process's main thread (``minutes run`` in-process and on ``--workers``): the stage is
  interrupted at the limit. Where signals cannot be used (a Dask worker thread, an alarm already
  set by the caller), the time is measured and a stage that went over is still reported as over
  budget when it returns. Ingest has its own limits (``timeout_s`` in a killable worker process,
  ``max_bytes``).
"""
from __future__ import annotations

import signal
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager


class BudgetExceeded(BaseException):
    """A stage went over its time budget (a BaseException: the stages' own ``except Exception``
    blocks must not swallow it)."""


def size_problem(text: str | None, params, stage: str) -> str | None:
    """Why the text is over the stage's size budget, or None."""
    text = text or ""
    max_chars = getattr(params, "budget_chars", 0) or 0
    max_lines = getattr(params, "budget_lines", 0) or 0
    if max_chars and len(text) > max_chars:
        return (f"{stage} stage: over budget: the text has {len(text):,} characters, more than "
                f"{stage}.budget_chars={max_chars:,}")
    if max_lines:
        lines = text.count("\n") + 1
        if lines > max_lines:
            return (f"{stage} stage: over budget: the text has {lines:,} lines, more than "
                    f"{stage}.budget_lines={max_lines:,}")
    return None


def _can_alarm() -> bool:
    return (hasattr(signal, "setitimer") and threading.current_thread() is threading.main_thread()
            and signal.getitimer(signal.ITIMER_REAL)[0] == 0)


@contextmanager
def time_budget(params, stage: str) -> Iterator[None]:
    """Run the body within the stage's ``budget_s``; raises BudgetExceeded when it is spent."""
    seconds = float(getattr(params, "budget_s", 0) or 0)
    message = f"{stage} stage: over budget: took longer than {stage}.budget_s={seconds:g} s"
    if seconds <= 0:
        yield
        return
    started = time.monotonic()
    alarm = _can_alarm()
    if alarm:
        def on_alarm(signum, frame):
            raise BudgetExceeded(message)

        previous = signal.signal(signal.SIGALRM, on_alarm)
        signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        if alarm:
            signal.setitimer(signal.ITIMER_REAL, 0)
            signal.signal(signal.SIGALRM, previous)
    if time.monotonic() - started > seconds:
        raise BudgetExceeded(message)


__all__ = ["BudgetExceeded", "size_problem", "time_budget"]
