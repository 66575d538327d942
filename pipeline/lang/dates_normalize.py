"""ISO 8601 for the parts of a Swedish date expression, with the year rule of pipeline.lang.dates.

A year that is not written comes from the meeting: the year that puts the date nearest the
meeting's date (minutes speak of the near past and future), or the meeting's year where only
that is known; without either the expression has no ISO form. It is never guessed.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass


@dataclass(frozen=True)
class Parts:
    year: int | None
    month: int | None
    day: int | None


def nearest_year(month: int, day: int, anchor: dt.date) -> int:
    """The year that puts month/day nearest the anchor date."""
    best = None
    for year in (anchor.year - 1, anchor.year, anchor.year + 1):
        try:
            delta = abs((dt.date(year, month, day) - anchor).days)
        except ValueError:
            continue
        if best is None or delta < best[0]:
            best = (delta, year)
    return best[1] if best else anchor.year


def resolve_year(parts: Parts, anchor: int | dt.date | None) -> Parts:
    """``parts`` with the year filled in from the anchor (a date or a year) where it is missing."""
    if parts.year is not None or anchor is None or parts.month is None:
        return parts
    if not isinstance(anchor, dt.date):
        return Parts(int(anchor), parts.month, parts.day)
    return Parts(nearest_year(parts.month, parts.day or 15, anchor), parts.month, parts.day)


def iso(parts: Parts) -> str | None:
    """'2024-03-21', '2024-03' or '2024'; None without a year or for an impossible date."""
    if parts.year is None:
        return None
    try:
        if parts.month is None:
            return f"{parts.year:04d}"
        if parts.day is None:
            return f"{parts.year:04d}-{parts.month:02d}"
        return dt.date(parts.year, parts.month, parts.day).isoformat()
    except ValueError:
        return None


def combine(date_norm: str | None, time_norm: str | None) -> str | None:
    """'2021-11-03' + '09:00-11:30' -> '2021-11-03T09:00/11:30'."""
    if not date_norm or len(date_norm) != 10 or not time_norm:
        return date_norm
    start, _, end = time_norm.partition("-")
    return f"{date_norm}T{start}" + (f"/{end}" if end else "")


def iso_week(week: tuple[int, int | None, int | None] | None, anchor: int | dt.date | None) -> str | None:
    """'2024-W12' (or '2024-W12/2024-W14' for a range of weeks); the year is the written one,
    else the one that puts the week nearest the meeting's date, else the meeting's year."""
    if not week:
        return None
    w1, w2, year = week
    if year is None:
        if isinstance(anchor, dt.date):
            year = min((anchor.year - 1, anchor.year, anchor.year + 1),
                       key=lambda y: abs((_monday(y, w1) - anchor).days) if _monday(y, w1) else 10 ** 6)
        elif isinstance(anchor, int):
            year = anchor
        else:
            return None
    if _monday(year, w1) is None or (w2 is not None and _monday(year, w2) is None):
        return None
    first = f"{year:04d}-W{w1:02d}"
    return first if w2 is None else f"{first}/{year:04d}-W{w2:02d}"


def _monday(year: int, week: int) -> dt.date | None:
    try:
        return dt.date.fromisocalendar(year, week, 1)
    except ValueError:
        return None
