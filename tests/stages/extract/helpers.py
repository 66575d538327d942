"""Helpers for the extraction tests (imported by the test modules): run extract_decisions_and_actions
on minutes written for the tests, with sections taken from heading lines ('§ 12 …', '3. …', or a line in HEADINGS) so
that the tests do not depend on the segmenter or the NER model."""
from __future__ import annotations

import datetime as dt
import re

from pipeline.stages.extract import extract_decisions_and_actions
from tests.factories import row

HEADING_RE = re.compile(r"^(?:§\s*\d+\b.*|\d+\.\s+\S.*)$", re.MULTILINE)


def sections_of(text: str, meeting_id: str = "m1", extra: tuple[str, ...] = ()) -> list[dict]:
    """Sections from '§ n …' / 'n. …' heading lines and the lines listed in ``extra``."""
    starts = [m.start() for m in HEADING_RE.finditer(text)]
    for title in extra:
        for m in re.finditer(r"^" + re.escape(title) + r"$", text, re.MULTILINE):
            starts.append(m.start())
    starts = sorted(set(starts))
    out = []
    for k, s in enumerate(starts):
        e = starts[k + 1] if k + 1 < len(starts) else len(text)
        title = text[s:text.index("\n", s) if "\n" in text[s:] else len(text)].strip()
        out.append(row("sections", meeting_id=meeting_id, section_id=f"{meeting_id}-s{k + 1}", ordinal=k + 1,
                       title=title, start_char=s, end_char=e))
    return out


def attendees_of(*names: str, roles: dict[str, str] | None = None) -> list[dict]:
    roles = roles or {}
    return [row("attendees", meeting_id="m1", name=n, role=roles.get(n), present=True) for n in names]


def run(text: str, attendees=(), date: dt.date | None = dt.date(2022, 3, 10), extra_headings=(), params=None,
        entities=()):
    """(decisions, action_items) of ``text`` as the extract stage returns them."""
    meeting = row("meetings", meeting_id="m1", doc_id="d1", date=date)
    return extract_decisions_and_actions(text, meeting, sections_of(text, extra=extra_headings), list(entities),
                                         list(attendees), params or {})


def texts(rows) -> list[str]:
    return [r["text"] for r in rows]
