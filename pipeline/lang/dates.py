"""Swedish date and time expressions: find them, and normalise them to ISO 8601.

One place for the concept, used by segmentation (the meeting date), NER (DATE/TIME
entities) and extraction (due dates). A year that is not written is taken from the
meeting's date (the year that puts the date nearest the meeting) or left out; it is
never guessed from the calendar.
"""
from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

MONTHS = {
    "januari": 1, "jan": 1, "februari": 2, "feb": 2, "mars": 3, "mar": 3, "april": 4, "apr": 4,
    "maj": 5, "juni": 6, "jun": 6, "juli": 7, "jul": 7, "augusti": 8, "aug": 8,
    "september": 9, "sep": 9, "sept": 9, "oktober": 10, "okt": 10, "november": 11, "nov": 11,
    "december": 12, "dec": 12,
}
WEEKDAYS = ["måndag", "tisdag", "onsdag", "torsdag", "fredag", "lördag", "söndag"]

_MONTH_FULL = r"(?:januari|februari|mars|april|maj|juni|juli|augusti|september|oktober|november|december)"
_MONTH = r"(?P<month>" + _MONTH_FULL + r"|(?:jan|feb|mar|apr|jun|jul|aug|sept?|okt|nov|dec)\.?)"
_DAY = r"(?P<day>[0-3]?\d)(?::[ae])?"
_DAY2 = r"(?:\s?[-–]\s?(?P<day2>[0-3]?\d)(?::[ae])?)?"
_YEAR = r"(?P<year>(?:19|20)\d\d)"
_WEEKDAY = r"(?:(?:" + "|".join(WEEKDAYS) + r")(?:en)?\s+(?:den\s+)?)"
_PART_OF_DAY = r"(?:(?:förmiddagen|eftermiddagen|morgonen|kvällen|natten|lunch)\s+(?:den\s+)?)"
_TIME_CORE = r"(?P<h1>[0-2]?\d)(?:[.:](?P<m1>[0-5]\d))?(?:\s?[-–]\s?(?P<h2>[0-2]?\d)(?:[.:](?P<m2>[0-5]\d))?)?"

# Ordered: the first pattern that matches at a position wins, longer forms first.
_DATE_PATTERNS = [
    # 2017-01-23, 2017-01-23--25 is rare; plain ISO
    ("iso", re.compile(r"\b" + _YEAR + r"-(?P<nmonth>[01]\d)-(?P<day>[0-3]\d)\b")),
    # (måndag) (den) 18 december (2017), 2-3 juni, 1:a maj
    ("dmy", re.compile(r"(?i:\b" + _WEEKDAY + r"?" + _PART_OF_DAY + r"?(?:den\s+)?)\b" + _DAY + _DAY2
                       + r"\s+(?i:" + _MONTH + r")(?:\s+" + _YEAR + r")?(?![\wåäö])")),
    # den 7/12, 7/12 2017, 7/12-17
    ("numeric", re.compile(r"(?i:\b(?:den|" + r"|".join(WEEKDAYS) + r")(?:en)?\s+)"
                           r"(?P<day>[0-3]?\d)/(?P<nmonth>1[0-2]|0?[1-9])"
                           r"(?:(?:\s+|-)(?P<year>(?:19|20)?\d\d))?\b")),
    # i mitten på mars, i början av maj 2018, fram till mars, i januari
    ("month", re.compile(r"\b(?:i\s+)?(?:(?P<keep>(?:mitten|början|slutet)\s+(?:på|av)\s+)"
                         r"|(?:till|från|före|efter|under|inför|sedan|fram\s+till|i)\s+)"
                         r"(?P<month>" + _MONTH_FULL + r")(?:\s+" + _YEAR + r")?(?![\wåäö])", re.IGNORECASE)),
    # sedan 2016, år 2019, under 2020
    ("year", re.compile(r"(?i:\b(?:sedan|år|under|från|till|före|efter|inför|i|våren|hösten|sommaren|vintern)\s+)"
                        + _YEAR + r"\b(?![-/.]\d)")),
]
_TIME_PATTERN = re.compile(r"(?i:\b(?:klockan|kl\.?)\s*)" + _TIME_CORE + r"\b"
                           r"|\b(?P<h1b>[0-2]?\d)[.:](?P<m1b>[0-5]\d)\s?[-–]\s?(?P<h2b>[0-2]?\d)[.:](?P<m2b>[0-5]\d)\b")
# a date and a time written together are one expression: '14 december, klockan 13.30'
_JOINER = re.compile(r"^(?:,?\s{1,2}|\s+(?:kl\.?\s)?)$")


@dataclass(frozen=True)
class DateMatch:
    start: int
    end: int
    text: str
    label: str  # DATE or TIME
    normalized: str | None


@dataclass(frozen=True)
class _Parts:
    year: int | None
    month: int | None
    day: int | None
    day2: int | None = None


def _nearest_year(month: int, day: int, anchor: dt.date) -> int:
    """The year that puts month/day nearest the anchor date (minutes talk about the near past and future)."""
    best = None
    for year in (anchor.year - 1, anchor.year, anchor.year + 1):
        try:
            delta = abs((dt.date(year, month, day) - anchor).days)
        except ValueError:
            continue
        if best is None or delta < best[0]:
            best = (delta, year)
    return best[1] if best else anchor.year


def _anchor(year: int | dt.date | None) -> dt.date | None:
    if isinstance(year, dt.date):
        return year
    return None


def _resolve(parts: _Parts, year: int | dt.date | None) -> _Parts:
    if parts.year is not None or year is None or parts.month is None:
        return parts
    anchor = _anchor(year)
    if anchor is None:
        return _Parts(int(year), parts.month, parts.day, parts.day2)
    return _Parts(_nearest_year(parts.month, parts.day or 15, anchor), parts.month, parts.day, parts.day2)


def _iso(parts: _Parts) -> str | None:
    if parts.year is None:
        return None
    try:
        if parts.month is None:
            return f"{parts.year:04d}"
        if parts.day is None:
            return f"{parts.year:04d}-{parts.month:02d}"
        first = dt.date(parts.year, parts.month, parts.day).isoformat()
        if parts.day2 and parts.day2 > parts.day:
            return f"{first}/{dt.date(parts.year, parts.month, parts.day2).isoformat()}"
        return first
    except ValueError:
        return None


def _parts(kind: str, m: re.Match) -> _Parts | None:
    g = m.groupdict()
    year = int(g["year"]) if g.get("year") else None
    if year is not None and year < 100:
        year += 2000
    if kind == "iso" or kind == "numeric":
        month, day = int(g["nmonth"]), int(g["day"])
    elif kind == "dmy":
        month, day = MONTHS[g["month"].lower().rstrip(".")], int(g["day"])
    elif kind == "month":
        return _Parts(year, MONTHS[g["month"].lower()], None)
    else:
        return _Parts(year, None, None)
    if not (1 <= day <= 31 and 1 <= month <= 12):
        return None
    day2 = int(g["day2"]) if g.get("day2") else None
    return _Parts(year, month, day, day2)


def _time_norm(m: re.Match) -> str | None:
    g = m.groupdict()
    h1, m1, h2, m2 = (g["h1"], g["m1"], g["h2"], g["m2"]) if g["h1"] else (g["h1b"], g["m1b"], g["h2b"], g["m2b"])
    if int(h1) > 24 or (h2 and int(h2) > 24):
        return None
    out = f"{int(h1):02d}:{m1 or '00'}"
    if h2:
        out += f"-{int(h2):02d}:{m2 or '00'}"
    return out


def find_dates(text: str, year: int | dt.date | None = None) -> list[DateMatch]:
    """All date and time expressions in text, left to right, not overlapping.

    ``year`` is the meeting's date (preferred: the nearest year is chosen) or year,
    used where a date is written without one.
    """
    found: list[tuple[int, int, str, str | None]] = []
    taken = [False] * (len(text) + 1)
    for kind, pattern in _DATE_PATTERNS:
        for m in pattern.finditer(text):
            s, e = m.start(), m.end()
            if any(taken[s:e]):
                continue
            parts = _parts(kind, m)
            if parts is None:
                continue
            if kind == "month":  # the expression, not the preposition before it
                s = m.start("keep") if m.group("keep") else m.start("month")
            elif kind == "year":
                s = m.start("year")
            found.append((s, e, "DATE", _iso(_resolve(parts, year))))
            for i in range(s, e):
                taken[i] = True
    for m in _TIME_PATTERN.finditer(text):
        s, e = m.start(), m.end()
        if any(taken[s:e]):
            continue
        norm = _time_norm(m)
        if norm is None:
            continue
        found.append((s, e, "TIME", norm))
        for i in range(s, e):
            taken[i] = True
    found.sort()
    merged: list[tuple[int, int, str, str | None]] = []
    for item in found:
        if merged:
            ps, pe, pl, pn = merged[-1]
            s, e, label, norm = item
            if {pl, label} == {"DATE", "TIME"} and _JOINER.match(text[pe:s]):
                date_norm, time_norm = (pn, norm) if pl == "DATE" else (norm, pn)
                combined = _combine(date_norm, time_norm)
                merged[-1] = (ps, e, "DATE", combined)
                continue
        merged.append(item)
    return [DateMatch(s, e, text[s:e], label, norm) for s, e, label, norm in merged]


def _combine(date_norm: str | None, time_norm: str | None) -> str | None:
    if not date_norm or len(date_norm) != 10 or not time_norm:
        return date_norm
    start, _, end = time_norm.partition("-")
    return f"{date_norm}T{start}" + (f"/{end}" if end else "")


def parse_date(text: str, year: int | dt.date | None = None) -> dt.date | None:
    """The first full calendar date in text, or None when no day, month and year can be had."""
    for m in find_dates(text, year):
        if m.label == "DATE" and m.normalized and len(m.normalized) >= 10:
            return dt.date.fromisoformat(m.normalized[:10])
    return None
