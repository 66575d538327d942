"""The in-memory record of one document as it moves through the stages.

Each stage reads some fields and fills others; rows are plain dicts keyed by the column
names of ``pipeline.contract.schema`` so that the record turns into Parquet rows without mapping.
"""
from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass, field

from pipeline.contract.rows import (
    ActionItemRow,
    AttendanceRow,
    AttendeeRow,
    BlockRow,
    CorrectionRow,
    DecisionRow,
    DocumentRow,
    EntityRow,
    IdentifierRow,
    MeetingRow,
    PersonMentionRow,
    SectionRow,
)
from pipeline.contract.schema import TABLES


@dataclass(frozen=True)
class LabelledSpan:
    """A labelled stretch of documents.text, as a layer of a stage finds it (before it becomes a row)."""
    start: int
    end: int
    label: str
    text: str


@dataclass
class MinutesRecord:
    """One document and its rows (typed per table in :mod:`pipeline.contract.rows`)."""

    document: DocumentRow
    blocks: list[BlockRow] = field(default_factory=list)
    corrections: list[CorrectionRow] = field(default_factory=list)
    meetings: list[MeetingRow] = field(default_factory=list)
    attendees: list[AttendeeRow] = field(default_factory=list)
    sections: list[SectionRow] = field(default_factory=list)
    entities: list[EntityRow] = field(default_factory=list)
    decisions: list[DecisionRow] = field(default_factory=list)
    action_items: list[ActionItemRow] = field(default_factory=list)
    identifiers: list[IdentifierRow] = field(default_factory=list)
    person_mentions: list[PersonMentionRow] = field(default_factory=list)  # written by the archive pass
    attendance: list[AttendanceRow] = field(default_factory=list)  # written by the archive pass

    @property
    def ok(self) -> bool:
        return self.document.get("status") == "ok"

    @property
    def meeting(self) -> MeetingRow | None:
        return self.meetings[0] if self.meetings else None

    def rows(self, table: str) -> list[dict]:
        return [self.document] if table == "documents" else getattr(self, table)


def section_at(sections: list[dict], offset: int) -> str | None:
    """The section_id of the section that contains a character offset (the first one, if they nest).

    Sections come in text order (as segment writes them), so a binary search finds the nearest
    section that starts at or before the offset; a scan of every section per call made long
    documents quadratic (issue 16). Only an offset outside that nearest section (nested sections,
    or a gap) scans the sections before it.
    """
    i = bisect_right(sections, offset, key=_section_start) - 1
    if i < 0:
        return None
    if sections[i]["start_char"] <= offset < sections[i]["end_char"] and (
            i == 0 or sections[i - 1]["end_char"] <= sections[i]["start_char"]):
        return sections[i]["section_id"]
    return next((s["section_id"] for s in sections[:i + 1] if s["start_char"] <= offset < s["end_char"]), None)


def _section_start(s: dict) -> int:
    return s["start_char"]


assert set(TABLES) == {"documents", *MinutesRecord.__dataclass_fields__} - {"document"}
