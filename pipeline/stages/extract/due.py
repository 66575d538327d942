"""Deadlines of action items: the time expression after a due marker ('senast 1 mars',
'innan mötet', 'till decembermötet'), as written, and as a date where one can be derived.

Dates are found and parsed by ``pipeline.lang.dates`` (the project's one date parser).
"""
from __future__ import annotations

import datetime as dt

from pipeline.lang.fold import fold_cue_text as fold
from pipeline.stages.extract.cues import Cues

try:  # the project's date helpers
    from pipeline.lang.dates import find_dates, parse_date
except ImportError:  # pragma: no cover - only while the module is being written
    def find_dates(text, year=None):
        return []

    def parse_date(text, year=None):
        return None


def year_of(meeting: dict | None) -> dt.date | None:
    """The meeting's date, which gives a date written without a year its year (None if unknown)."""
    d = (meeting or {}).get("date")
    return d if isinstance(d, dt.date) else None


def date_at_start(sentence: str, meeting: dict | None) -> tuple[str, dt.date | None] | None:
    """The date expression a sentence begins with ('14 december, klockan 13.30-15.30, …')."""
    found = find_dates(sentence, year_of(meeting))
    if found and found[0].label == "DATE" and not sentence[: found[0].start].strip(" \t–-:"):
        return found[0].text, parse_date(found[0].text, year_of(meeting))
    return None


def _attributive(f: str, marker_start: int, cues: Cues) -> bool:
    """'inbjudan till nästa möte', 'kallelse inför årsmötet': the time phrase says what the
    thing is for, not when the task is due."""
    return cues.due_attributive is not None and cues.due_attributive.search(f, 0, marker_start) is not None


def find_due(sentence: str, cues: Cues, meeting: dict | None) -> tuple[str | None, dt.date | None]:
    """(due_text, due_date) of an action sentence; (None, None) when it names no deadline.

    A date counts as a deadline only after a due marker: 'Inbjudan kommer angående julfika
    18 december' names the event's date, not a deadline.
    """
    year = year_of(meeting)
    f = fold(sentence)
    best: tuple[int, str, dt.date | None] | None = None
    for d in find_dates(sentence, year):
        if d.label != "DATE":
            continue
        before = f[: d.start]
        for rx, keep in cues.due_markers:
            matches = list(rx.finditer(before))
            m = matches[-1] if matches else None
            if m is not None and m.end() == len(before) and not _attributive(f, m.start(), cues):
                s = m.start() if keep else d.start
                cand = (s, sentence[s:d.end].strip(), parse_date(d.text, year))
                if best is None or cand[0] < best[0]:
                    best = cand
                break
    if best is None and cues.relative_due is not None:
        for rx, keep in cues.due_markers:
            for m in rx.finditer(f):
                r = cues.relative_due.match(f, m.end())
                if r and not _attributive(f, m.start(), cues):
                    s = m.start() if keep else r.start()
                    cand = (s, sentence[s:r.end()].strip(), None)
                    if best is None or cand[0] < best[0]:
                        best = cand
    if best is None:
        return None, None
    return best[1], best[2]
