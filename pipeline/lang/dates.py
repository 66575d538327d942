"""Swedish date and time expressions: find them, and normalise them to ISO 8601.

One place for the concept, used by segmentation (the meeting date), NER (DATE/TIME
entities) and extraction (due dates). A year that is not written is taken from the
meeting's date (the year that puts the date nearest the meeting) or left out; it is
never guessed from the calendar.

What is found (``DateMatch.kind``):

* ``date``: '2024-03-21', 'den 2024-06-13', '18 december 2017', 'måndag den 3 juni', '21 nov',
  '1:a maj', 'den 7/12', '12/3', '3/2 2024', '25-03-14' (YY-MM-DD), '25.03.14', 'från 1.12';
* ``range`` / ``list``: '2-3 juni', '2024-02-01 – 2024-02-29', '7 september - 1 november 2024',
  '21 augusti 2025 till och med 31 december 2026'; 'den 14 och 28 februari 2024';
* ``month``: 'oktober 2025', 'i mars', 'i mitten på april', 'slutet av februari';
* ``week``: 'vecka 12', 'v.39', 'v 12-14';
* ``time``: 'kl 19.00', 'klockan 9', '15:30 – 17:50', '13.30-15.30', 'tisdag 18.00';
  a date and a time written together ('14 december, klockan 13.30-15.30') are one ``datetime``;
* ``year``: 'sedan 2016', 'under 2020' (callers that want calendar dates only drop these).

Not dates: law references ('(2017:735)', 'SFS 2001:453'), paragraph numbers, Dnr numbers
('IF-2024-00034', 'KS 2023/210'), sums and measures ('12.50 kr', '1.5-2.0 mkr'), fractions ('1/2 dag').
The expression's text is as written; a standalone clock time with minutes is given without the
'kl'/'klockan' cue before it ('15:30'), the cue being kept where it is all there is ('klockan 9').
"""
from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from pipeline.lang.dates_normalize import Parts, combine, iso, iso_week, nearest_year, resolve_year

MONTHS = {
    "januari": 1, "jan": 1, "februari": 2, "feb": 2, "mars": 3, "mar": 3, "april": 4, "apr": 4,
    "maj": 5, "juni": 6, "jun": 6, "juli": 7, "jul": 7, "augusti": 8, "aug": 8,
    "september": 9, "sep": 9, "sept": 9, "oktober": 10, "okt": 10, "november": 11, "nov": 11,
    "december": 12, "dec": 12,
}
# holidays on a fixed day (month, day; day None where it moves: midsommar)
HOLIDAYS = {"julafton": (12, 24), "juldagen": (12, 25), "annandag jul": (12, 26), "nyårsafton": (12, 31),
            "nyårsdagen": (1, 1), "trettondagsafton": (1, 5), "trettondedag jul": (1, 6),
            "valborgsmässoafton": (4, 30), "midsommarafton": (6, None), "midsommardagen": (6, None)}
WEEKDAYS = ["måndag", "tisdag", "onsdag", "torsdag", "fredag", "lördag", "söndag"]

_MONTH_FULL = r"(?:januari|februari|mars|april|maj|juni|juli|augusti|september|oktober|november|december)"
_MONTH_ANY = _MONTH_FULL + r"|(?:jan|feb|mar|apr|jun|jul|aug|sept?|okt|nov|dec)\.?"
_MONTH = r"(?P<month>" + _MONTH_ANY + r")"
_DAY = r"(?P<day>[0-3]?\d)(?::[ae])?"
# further days of the same month: '2-3 juni', '14 och 28 februari', '21 respektive 22 feb'
_MORE_DAYS = r"(?P<more>(?:\s?[-–]\s?|,\s|\s(?:och|respektive|resp\.|samt)\s)[0-3]?\d(?::[ae])?){0,6}"
_YEAR = r"(?P<year>(?:19|20)\d\d)"
_WD = r"(?:" + "|".join(WEEKDAYS) + r")(?:en|ar|arna)?"
_WEEKDAY = r"(?:" + _WD + r",?\s+(?:den\s+)?)"
_PART_OF_DAY = r"(?:(?:förmiddagen|eftermiddagen|morgonen|kvällen|natten|lunch)\s+(?:den\s+)?)"
_NB = r"(?<![\w/.:-])"          # not glued to a word, number, slash or dot before
_NA = r"(?![\w/]|[.:,-]\d)"     # nor after
# what follows a number that is a sum or a measure, not a time or a date
_UNIT = re.compile(r"\s?(?:kr\b|kronor|sek\b|mkr|tkr|mnkr|miljon|miljard|tusen|%|procent|st\b|timmar|tim\b|"
                   r"h\b|min\b|kvm|m2|km\b|kg\b|ton\b|dag(?:ar)?\b|del(?:ar)?\b|av\b|tjänst)", re.IGNORECASE)
# words before a bare day.month ('från 1.12', 'senast 30.6') that make it a date
_DM_CUE = r"(?:den|från|fr\.o\.m\.?|fr o m|till|t\.o\.m\.?|t o m|senast|före|innan|efter|per|sedan|mellan|datum:?)"

_I = re.IGNORECASE
_DATE_PATTERNS: list[tuple[str, re.Pattern]] = [
    # 2024-03-21, den 2024-06-13, 2024-\n03-08 (wrapped at the hyphen)
    ("iso", re.compile(r"(?:\b[Dd]en\s+)?" + _NB + _YEAR + r"(?P<sep>-(?:\s*\n\s*)?|/|\.)(?P<nmonth>[01]\d)"
                       r"(?:-|/|\.)(?P<day>[0-3]\d)" + _NA)),
    # (måndag) (den) 18 december (2017), 2-3 juni, 1:a maj, den 14 och 28 februari 2024
    ("dmy", re.compile(r"(?i:\b" + _WEEKDAY + r"?" + _PART_OF_DAY + r"?(?:den\s+)?)?" + _NB + _DAY + _MORE_DAYS
                       + r"\s+(?i:" + _MONTH + r")(?:\s+" + _YEAR + r")?(?![\wåäö])")),
    # den 7/12, 7/12 2017, 7/12-17, 12/3, torsdag 3/2 2024
    ("numeric", re.compile(r"(?:(?i:\b(?:den|" + _WD + r")),?\s+)?" + _NB + r"(?P<day>[0-3]?\d)/(?P<nmonth>1[0-2]|0?[1-9])"
                           r"(?:(?:\s+|-)(?P<year>(?:19|20)?\d\d))?(?![\w/]|[.,]\d)")),
    # 25-03-14, 25.03.14 (two-digit year)
    ("short", re.compile(_NB + r"(?P<a>\d\d)(?P<sep>[-.])(?P<b>[01]\d)(?P=sep)(?P<c>[0-3]\d)" + _NA)),
    # från 1.12, senast 30.6
    ("daymonth", re.compile(r"(?i:\b" + _DM_CUE + r")\s+(?P<day>[0-3]?\d)\.(?P<nmonth>1[0-2]|0?[1-9])(?!\d|[.,]\d)")),
    # vecka 12, v.39, v 12-14, veckorna 3 och 4 (2024)
    ("week", re.compile(r"(?<![\w.])(?P<cue>(?i:vecka|veckorna|vecko)\s*|[vV]\.?\s?)(?P<week>[1-5]?\d)"
                        r"(?:\s?(?:[-–]|och)\s?(?P<week2>[1-5]?\d))?(?:,?\s+" + _YEAR + r")?(?![\w:/]|[.,]\d)")),
    # i mitten på mars, slutet februari, oktober 2025, i januari, januari–mars 2024
    ("month", re.compile(r"(?i:\b(?:(?P<keep>(?:mitten|början|slutet|halvan)\s+(?:(?:på|av)\s+)?)"
                         r"|(?P<prep>(?:till|från|före|efter|under|inför|sedan|fram\s+till|i|per|om)\s+))?)"
                         r"\b(?P<month>(?i:" + _MONTH_FULL + r"))(?:\s?[-–]\s?(?P<month2>(?i:" + _MONTH_FULL + r")))?"
                         r"(?:\s+" + _YEAR + r")?(?![\wåäö])")),
    # days named by a holiday on a fixed date: 'julafton', 'nyårsafton', 'Midsommarafton'
    ("holiday", re.compile(r"(?<![\w-])(?i:" + "|".join(HOLIDAYS) + r")(?:\s+" + _YEAR + r")?(?![\wåäö-])")),
    # sedan 2016, år 2019, under 2020
    ("year", re.compile(r"(?i:\b(?:sedan|år|under|från|till|före|efter|inför|i|våren|hösten|sommaren|vintern)\s+)"
                        + _YEAR + r"\b(?![-/.:]\d)")),
]
_H = r"[0-2]?\d"
_M = r"[0-5]\d"
_TIME_PATTERNS: list[tuple[str, re.Pattern]] = [
    # kl 19.00, kl. 9, klockan 13.30-15.30, kl 9-12
    ("cued", re.compile(r"(?i:\b(?:klockan|kl\.?)\s*)(?P<h1>" + _H + r")(?:[.:](?P<m1>" + _M + r"))?"
                        r"(?:\s?[-–]\s?(?:(?i:kl\.?|klockan|ca\.?|cirka)\s*)?(?P<h2>" + _H + r")(?:[.:](?P<m2>" + _M + r"))?)?"
                        r"(?![\w:/]|[.,]\d)")),
    # 15:30 – 17:50, 13.30-15.30, 18:00
    ("range", re.compile(_NB + r"(?P<h1>" + _H + r")[.:](?P<m1>" + _M + r")\s?[-–]\s?(?P<h2>" + _H + r")[.:](?P<m2>"
                         + _M + r")" + r"(?![\w:/]|[.,]\d)")),
    ("colon", re.compile(r"(?<![\w/.:(-])(?P<h1>" + _H + r"):(?P<m1>" + _M + r")(?![\w:/]|[.,]\d)")),
    # tisdag 18.00, onsdagar 9.30
    ("weekday", re.compile(r"(?i:\b" + _WD + r")\s+(?:(?i:kl\.?|klockan)\s*)?(?P<h1>" + _H + r")[.:](?P<m1>" + _M + r")"
                           r"(?:\s?[-–]\s?(?P<h2>" + _H + r")[.:](?P<m2>" + _M + r"))?(?![\w:/]|[.,]\d)")),
]
# joins a date and a time into one expression: '14 december, klockan 13.30', '6 mars kl. 13.00'
# (but not a form's capitalised 'Klockan' field after the date: '18 mars Klockan 09:00-17:30');
# 'klockan 13:00 måndag 18 december', '18:00 2019-08-29' (time before the date)
_DATE_THEN_TIME = re.compile(r"^(?:,\s{1,2}(?:(?i:klockan|kl\.?)\s*)?|\s(?:klockan|kl\.?)\s?|[ \t]*\n[ \t]*(?:klockan|kl\.?)\s?)$")
_TIME_THEN_DATE = re.compile(r"^,?\s{1,2}$")
# joins two dates into a range: '2024-02-01 – 2024-02-29', '7 september - 1 november 2024'
_RANGE_JOINER = re.compile(r"^(?:\s?[-–—]\s?|\s+(?:till|till\s+och\s+med|t\.o\.m\.?|tom)\s+)$", re.IGNORECASE)
_LEADING_CUE = re.compile(r"(?i:klockan|kl\.?)\s*")


@dataclass(frozen=True)
class DateMatch:
    start: int
    end: int
    text: str
    label: str  # DATE or TIME
    normalized: str | None
    kind: str = "date"  # date, range, list, month, week, year, time, datetime


@dataclass
class _Cand:
    start: int
    end: int
    label: str
    kind: str
    parts: list[Parts] | None = None   # dates (several for ranges and lists)
    time: str | None = None            # 'HH:MM' or 'HH:MM-HH:MM'
    week: tuple[int, int | None, int | None] | None = None
    range_: bool = False


def _int(s: str | None) -> int | None:
    return int(s) if s else None


def _date_parts(kind: str, m: re.Match) -> list[Parts] | None:
    g = m.groupdict()
    year = _int(g.get("year"))
    if year is not None and year < 100:
        year += 2000
    if kind in ("iso", "numeric", "daymonth"):
        parts = [Parts(year, int(g["nmonth"]), int(g["day"]))]
    elif kind == "dmy":
        month = MONTHS[g["month"].lower().rstrip(".")]
        days = [int(g["day"])] + [int(d) for d in re.findall(r"\d+", g.get("more") or "")]
        parts = [Parts(year, month, d) for d in days]
    elif kind == "month":
        parts = [Parts(year, MONTHS[g["month"].lower()], None)]
        if g.get("month2"):
            parts.append(Parts(year, MONTHS[g["month2"].lower()], None))
    elif kind == "holiday":
        month, day = HOLIDAYS[re.sub(r"\s+", " ", m.group().lower()).removesuffix(f" {year}" if year else "")]
        parts = [Parts(year, month, day)]
    elif kind == "short":
        return _short_parts(m)
    else:
        return [Parts(year, None, None)]
    if any(p.day is not None and not 1 <= p.day <= 31 for p in parts) or not all(1 <= p.month <= 12 for p in parts):
        return None
    return parts


def _short_parts(m: re.Match) -> list[Parts] | None:
    """'25-03-14' is YY-MM-DD (the Swedish short form); '25.03.14' is read as YY.MM.DD too when
    that is a valid date, else as DD.MM.YY."""
    a, b, c = int(m.group("a")), int(m.group("b")), int(m.group("c"))
    if 1 <= b <= 12 and 1 <= c <= 31:
        return [Parts(2000 + a, b, c)]
    if m.group("sep") == "." and 1 <= a <= 31 and 1 <= b <= 12:
        return [Parts(2000 + c, b, a)]
    return None


def _clock(h: str | None, mm: str | None) -> str | None:
    if h is None:
        return None
    if int(h) > 24 or (mm and int(mm) > 59):
        return None
    return f"{int(h):02d}:{mm or '00'}"


def _time_value(m: re.Match) -> str | None:
    g = m.groupdict()
    start = _clock(g["h1"], g.get("m1"))
    if start is None:
        return None
    if g.get("h2"):
        end = _clock(g["h2"], g.get("m2"))
        return None if end is None else f"{start}-{end}"
    return start


_MONTH_BEFORE = re.compile(r"(?:\bför|" + _MONTH_FULL + r"(?:\s+(?:19|20)\d\d)?\s*(?:,|och|eller))\s+$")


def _month_cue(text: str, m: re.Match) -> bool:
    """'lägesbilden för september', 'januari och februari': a lower-case month name after 'för' or
    after another month is a date ('Maj' of a name is capitalised)."""
    return m.group("month").islower() and bool(_MONTH_BEFORE.search(text[max(0, m.start() - 30):m.start()]))


def _date_candidates(text: str) -> list[_Cand]:
    out = []
    for kind, pattern in _DATE_PATTERNS:
        for m in pattern.finditer(text):
            if _UNIT.match(text, m.end()) and kind in ("numeric", "short", "daymonth", "week"):
                continue
            if kind == "numeric" and m.group() == "24/7":
                continue  # open 24/7
            if kind == "week":
                w1, w2 = int(m.group("week")), _int(m.group("week2"))
                if not 1 <= w1 <= 53 or (w2 is not None and not w1 < w2 <= 53):
                    continue
                out.append(_Cand(m.start(), m.end(), "DATE", "week", week=(w1, w2, _int(m.group("year")))))
                continue
            if kind == "month" and not (m.group("keep") or m.group("prep") or m.group("year") or m.group("month2")
                                        or _month_cue(text, m)):
                continue  # a month name alone ('Maj' in 'Maj-Britt') is no date
            parts = _date_parts(kind, m)
            if parts is None:
                continue
            s = m.start()
            if kind == "month":  # the expression, not the preposition before it
                s = m.start("keep") if m.group("keep") else m.start("month")
            elif kind in ("year", "daymonth"):
                s = m.start("year") if kind == "year" else m.start("day")
            out_kind = {"month": "month", "year": "year"}.get(kind, "date")
            if len(parts) > 1:
                is_range = kind == "month" or bool(re.match(r"\s?[-–]", m.group("more") or ""))
                out_kind = "range" if is_range else "list"
            out.append(_Cand(s, m.end(), "DATE", out_kind, parts=parts, range_=out_kind == "range"))
    return out


_REFERENCE = re.compile(r"(?:§\s?|\b[A-ZÅÄÖ][\wåäö-]+\s)$")
_TIME_WORDS = re.compile(r"(?i:tid|tider|start|slut|datum)\s$")


def _reference_before(text: str, pos: int) -> bool:
    """'Åkern 3:14' (a property), '§ 3:2': a number after a name or a paragraph sign is no clock time."""
    before = text[max(0, pos - 30):pos]
    return bool(_REFERENCE.search(before)) and not re.search(r"(?i:" + _WD + r")\s$", before) \
        and not _TIME_WORDS.search(before)


def _time_candidates(text: str) -> list[_Cand]:
    out = []
    for kind, pattern in _TIME_PATTERNS:
        for m in pattern.finditer(text):
            if _UNIT.match(text, m.end()) or (kind == "colon" and _reference_before(text, m.start())):
                continue
            value = _time_value(m)
            if value is None:
                continue
            s = m.start()
            if kind == "cued" and m.group("m1"):
                s = m.start("h1")  # '15:30', not 'Klockan 15:30'
            out.append(_Cand(s, m.end(), "TIME", "time", time=value))
    return out


def _select(cands: list[_Cand]) -> list[_Cand]:
    """Non-overlapping: longer first, then earlier; sorted by offset."""
    chosen: list[_Cand] = []
    taken = bytearray()
    for c in sorted(cands, key=lambda c: (-(c.end - c.start), c.start)):
        if len(taken) < c.end:
            taken.extend(b"\0" * (c.end - len(taken)))
        if any(taken[c.start:c.end]):
            continue
        chosen.append(c)
        taken[c.start:c.end] = b"\1" * (c.end - c.start)
    return sorted(chosen, key=lambda c: c.start)


def _merge(text: str, cands: list[_Cand]) -> list[_Cand]:
    """Date + time → one expression; date – date → one range (a year written at the end applies to both)."""
    out: list[_Cand] = []
    for c in cands:
        p = out[-1] if out else None
        gap = text[p.end:c.start] if p else ""
        if p and p.label == "DATE" and p.parts and c.label == "TIME" and p.kind in ("date",) and _DATE_THEN_TIME.match(gap):
            out[-1] = _Cand(p.start, c.end, "DATE", "datetime", parts=p.parts, time=c.time)
        elif p and p.label == "TIME" and c.label == "DATE" and c.kind == "date" and _TIME_THEN_DATE.match(gap):
            out[-1] = _Cand(_with_cue(text, p.start), c.end, "DATE", "datetime", parts=c.parts, time=p.time)
        elif (p and p.kind == "date" and c.kind == "date" and len(p.parts) == 1 and len(c.parts) == 1
              and _RANGE_JOINER.match(gap)):
            first = p.parts[0] if p.parts[0].year is not None else Parts(c.parts[0].year, p.parts[0].month, p.parts[0].day)
            out[-1] = _Cand(p.start, c.end, "DATE", "range", parts=[first, c.parts[0]], range_=True)
        else:
            out.append(c)
    return out


def _with_cue(text: str, start: int) -> int:
    """Where a time that opens a date-time expression begins, its 'klockan' cue included."""
    m = re.search(r"(?i:klockan|kl\.?)\s*$", text[max(0, start - 10):start])
    return start - len(m.group()) if m else start


def _normalise(c: _Cand, anchor: int | dt.date | None) -> str | None:
    if c.label == "TIME":
        return c.time
    if c.kind == "week":
        return iso_week(c.week, anchor)
    parts = [resolve_year(p, anchor) for p in c.parts or []]
    if not parts:
        return None
    if c.kind == "year":
        return iso(parts[0])
    if len(parts) == 1:
        return combine(iso(parts[0]), c.time)
    values = [iso(p) for p in parts]
    if any(v is None for v in values):
        return None
    if c.range_:
        first, last = values[0], values[-1]
        return f"{first}/{last}" if last > first else first
    return ",".join(values)


def find_dates(text: str, year: int | dt.date | None = None) -> list[DateMatch]:
    """All date and time expressions in text, left to right, not overlapping.

    ``year`` is the meeting's date (preferred: the nearest year is chosen) or year,
    used where a date is written without one.
    """
    if not text:
        return []
    cands = _merge(text, _select(_date_candidates(text) + _time_candidates(text)))
    return [DateMatch(c.start, c.end, text[c.start:c.end], c.label, _normalise(c, year), c.kind) for c in cands]


def parse_date(text: str, year: int | dt.date | None = None) -> dt.date | None:
    """The first full calendar date in text, or None when no day, month and year can be had."""
    for m in find_dates(text, year):
        if m.label == "DATE" and m.normalized and re.match(r"\d{4}-\d\d-\d\d", m.normalized):   # not a month range
            return dt.date.fromisoformat(m.normalized[:10])
    return None


__all__ = ["MONTHS", "WEEKDAYS", "DateMatch", "find_dates", "nearest_year", "parse_date"]
