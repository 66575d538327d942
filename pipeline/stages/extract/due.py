"""Deadlines of action items: the time expression after a due marker ('senast 1 mars',
'innan mötet', 'till decembermötet'), as written, and as a date where one can be derived.

Dates are found and parsed by ``pipeline.lang.dates`` (the project's one date parser).
"""
from __future__ import annotations

import datetime as dt
import re

from pipeline.stages.extract.cues import Cues, flat

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


def label_date(label: str, meeting: dict | None) -> tuple[str | None, dt.date | None]:
    """The date a label written above a list of tasks names ('Inför Tallbackscupen den 18 maj'): the
    tasks' deadline; (None, None) when it names none."""
    found = [d for d in find_dates(label, year_of(meeting)) if d.label == "DATE"]
    if not found:
        return None, None
    return found[0].text, parse_date(found[0].text, year_of(meeting))


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


def find_due(sentence: str, cues: Cues, meeting: dict | None,
             unmarked: bool = False) -> tuple[str | None, dt.date | None]:
    """(due_text, due_date) of an action sentence; (None, None) when it names no deadline.

    A date after a due marker is the deadline ('senast 1 mars', 'till nästa möte'); with
    ``unmarked`` (a task, not a thing that comes) a date or week written in the task without one is
    its time too ('skickar ut enkäten vecka 9'). 'Inbjudan kommer angående julfika 18 december'
    names the event's date, not a deadline.
    """
    year = year_of(meeting)
    f = flat(sentence)
    best: tuple[int, str, dt.date | None] | None = None
    for d in find_dates(sentence, year):
        if d.label != "DATE":
            continue
        before = f[: d.start]
        for rx, keep in cues.due_markers:
            found = list(rx.finditer(before))
            m = found[-1] if found else None  # the marker nearest the date
            if m is not None and m.end() == len(before) and not _attributive(f, m.start(), cues):
                s = m.start() if keep else d.start
                cand = (s, sentence[s:d.end].strip(), parse_date(d.text, year))
                if best is None or cand[0] < best[0]:
                    best = cand
                break
    rel = _relative(sentence, f, cues, year) if cues.relative_due is not None else None
    if rel is not None and (best is None or rel[0] < best[0]):
        best = rel  # 'vid sammanträdet i juni': the relative deadline that the date only places
    if best is None and unmarked:
        best = _unmarked(sentence, f, cues, year)
    if best is None:
        return None, None
    return best[1], _ahead(best[2], best[1], year)


WEEK_RE = re.compile(r"\b(?:vecka|v\.?)\s?\d{1,2}\b", re.IGNORECASE)


def _unmarked(sentence: str, f: str, cues: Cues, year) -> tuple[int, str, dt.date | None] | None:
    """The time a task is to be done, written without a due marker: 'Pekka skickar ut enkäten vecka 9',
    'Mikael tar med förslaget till nämnden den 20 november' – but not the date of what a thing is for
    ('kallelsen inför 1 maj')."""
    found = [(d.start, d.end, d.text) for d in find_dates(sentence, year) if d.label == "DATE"]
    found += [(m.start(), m.end(), m.group()) for m in WEEK_RE.finditer(sentence)]
    for s, e, written in sorted(found):
        if ATTRIBUTIVE_AHEAD_RE.search(f[:s]):
            continue
        return s, sentence[s:e].strip(), parse_date(written, year) if not WEEK_RE.fullmatch(written) else None
    return None


# a date right after these is what a thing is for or since when, not when the task is done
ATTRIBUTIVE_AHEAD_RE = re.compile(r"\b(?:inbjudan|kallelse\w*|dagordning\w*|program\w*|inför|angaende|om|fran|sedan|"
                                  r"efter|mellan)\s+(?:\w+\s+)?(?:den\s+)?$")


def _ahead(date: dt.date | None, written: str, meeting: dt.date | None) -> dt.date | None:
    """A deadline written without its year lies after the meeting: 'till 9 december' at a March
    meeting is next December, not last (a date up to a month before the meeting is kept: a slip of
    the writer rather than a deadline a year ahead)."""
    if date is None or meeting is None or re.search(r"\b(19|20)\d\d\b", written) \
            or date >= meeting - dt.timedelta(days=31):
        return date
    try:
        return date.replace(year=date.year + 1)
    except ValueError:  # 29 February
        return date


WEEKDAYS = ("mandag", "tisdag", "onsdag", "torsdag", "fredag", "lordag", "sondag")


def relative_date(expr: str, meeting: dt.date | None) -> dt.date | None:
    """The date a relative deadline names counted from the meeting's date, where it names one:
    a weekday ('senast fredag': the first Friday after the meeting), 'i morgon', 'årsskiftet'
    (31 December), 'månadsskiftet' (the month's last day). ``expr`` is folded text."""
    if meeting is None:
        return None
    expr = expr.strip()
    for i, day in enumerate(WEEKDAYS):
        if re.fullmatch(r"(?:nasta\s+)?" + day + r"(?:en)?", expr):
            return meeting + dt.timedelta(days=(i - meeting.weekday() - 1) % 7 + 1)
    if expr in ("i morgon", "imorgon", "morgon"):
        return meeting + dt.timedelta(days=1)
    if expr == "arsskiftet":
        return dt.date(meeting.year, 12, 31)
    if expr == "manadsskiftet":
        nxt = (meeting.replace(day=28) + dt.timedelta(days=4)).replace(day=1)
        return nxt - dt.timedelta(days=1)
    return None


def _relative(sentence: str, f: str, cues: Cues, year) -> tuple[int, str, dt.date | None] | None:
    """The earliest relative deadline with its marker ('till nästa möte', 'i vår', 'innan årsskiftet'),
    and the date written right after it ('till nästa möte den 9 december')."""
    best = None
    dates = [d for d in find_dates(sentence, year) if d.label == "DATE"]
    for rx, _ in cues.due_markers:
        for m in rx.finditer(f):
            r = cues.relative_due.match(f, m.end())
            if not r or _attributive(f, m.start(), cues):
                continue
            end, date = r.end(), None
            after = next((d for d in dates if 0 <= d.start - r.end() <= 8
                          and re.fullmatch(r"[\s,]*(?:den\s+|i\s+)?", f[r.end():d.start])), None)
            if after is not None:
                end, date = after.end, parse_date(after.text, year)
            if date is None:
                date = relative_date(f[r.start():r.end()], year)
            cand = (m.start(), sentence[m.start():end].strip(), date)
            if best is None or cand[0] < best[0]:
                best = cand
    return best
