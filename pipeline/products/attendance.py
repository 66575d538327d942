"""The attendance table: person × meeting with a status, so participation is one read away.

It is made in the write pass from what the attendees table says (``present``, ``role``) and the
attendee's line in the text, with the person and organisation the archive passes gave it and the
meeting's body and date:

* ``present``: listed as taking part; ``substitute``: present as tjänstgörande ersättare;
* ``replaced``: not present because a substitute served for them ('X (M) tjänstgör för Y (M)');
* ``invited``: listed only under 'Kallade' (invited), not among those present;
* ``absent``: any other attendee marked absent ('Frånvarande', 'anmält förhinder').

Read it with ``pd.read_parquet("OUT/attendance.parquet")`` or
``duckdb.sql("SELECT * FROM 'OUT/attendance.parquet/*/*.parquet'")``.
"""
from __future__ import annotations

import re

from pipeline.lang.attendance import ATTENDANCE_STATUSES, attendance_heading

STATUSES = tuple(t.name for t in ATTENDANCE_STATUSES)  # the one vocabulary, also the codebook's
SUBSTITUTE_ROLE = "tjänstgörande ersättare"
_SERVES_FOR = re.compile(r"\b(?:tjänstgör|tjg|ersätter|i\s+stället\s+för|istället\s+för)\b", re.IGNORECASE)
_LOOK_BACK_LINES = 80  # how far above an attendee line its list's heading may stand


def _heading_above(text: str, start: int) -> str | None:
    """The attendance heading the attendee line stands under ('Kallade', 'Frånvarande'), or on its line
    ('Kallade: A, B'), as written; None when none is found close above."""
    line_start = text.rfind("\n", 0, start) + 1
    line = text[line_start:text.find("\n", start) if "\n" in text[start:] else len(text)]
    if ":" in line and attendance_heading(line.split(":", 1)[0]):
        return line.split(":", 1)[0]
    lines = text[max(0, line_start - 4000):line_start].split("\n")
    for ln in reversed(lines[-_LOOK_BACK_LINES:]):
        if ln.strip() and attendance_heading(ln.split(":", 1)[0]) and len(ln.strip()) < 60:
            return ln.split(":", 1)[0]
    return None


def status_of(attendee: dict, text: str | None) -> str:
    """The attendance status of one attendee row (see the module's list)."""
    if attendee.get("present") is not False:
        return "substitute" if attendee.get("role") == SUBSTITUTE_ROLE else "present"
    if not isinstance(text, str) or attendee.get("start_char") is None:
        return "absent"
    s, e = attendee["start_char"], attendee.get("end_char") or attendee["start_char"]
    name = attendee.get("name") or ""
    line = text[s:e]
    at = line.find(name) if name else -1
    if at > 0 and _SERVES_FOR.search(line[:at]):  # 'X (M) tjänstgör för Y (M)': Y was replaced
        return "replaced"
    heading = _heading_above(text, s)
    kind = attendance_heading(heading) if heading else None
    return "invited" if kind is not None and kind.invited else "absent"


def attendance_rows(rec, organisations: dict[str, tuple[str, str]] | None = None) -> list[dict]:
    """One row per attendee of a record (after the archive passes set person_id and organisation_id);
    ``organisations``: organisation_id -> (name, kind)."""
    meeting = rec.meeting or {}
    text = rec.document.get("text")
    orgs = organisations or {}
    out = []
    for a in rec.attendees:
        name_kind = orgs.get(a.get("organisation_id") or "", (None, None))
        out.append({"meeting_id": a["meeting_id"], "attendee_id": a.get("attendee_id"),
                    "person_id": a.get("person_id"), "name": a.get("name"),
                    "organisation_id": a.get("organisation_id"), "organisation": name_kind[0],
                    "organisation_kind": name_kind[1], "role": a.get("role"), "status": status_of(a, text),
                    "present": a.get("present") is not False, "paragraphs": a.get("paragraphs"),
                    "body": meeting.get("body"), "date": meeting.get("date"),
                    "start_char": a.get("start_char"), "end_char": a.get("end_char")})
    return out
