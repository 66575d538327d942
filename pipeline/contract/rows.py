"""The row of each table as a type: what a stage puts in ``MinutesRecord`` lists, column for column.

Rows stay plain dicts at run time (they become Parquet rows without mapping); these ``TypedDict``
classes let a type checker and a reader see the columns. A test checks each one against the pyarrow
schema of :mod:`pipeline.contract.schema` (names, order, Python types, nullability), so the two
cannot drift apart. The partition column (``meeting_year``) is added by the writer, not by stages.
"""
from __future__ import annotations

import datetime as dt
from typing import TypedDict


class DocumentRow(TypedDict):
    doc_id: str
    source_path: str | None
    format: str | None
    n_pages: int | None
    ocr: bool | None
    ocr_pages: list[int] | None
    ocr_engine: str | None
    text_raw: str | None
    text: str | None
    status: str | None
    error: str | None
    warnings: list[str] | None
    pipeline_version: str | None
    meta_title: str | None
    meta_date: str | None
    meta_author: str | None
    metadata: str | None


class BlockRow(TypedDict):
    doc_id: str
    ordinal: int | None
    kind: str | None
    level: int | None
    page: int | None
    start_char: int | None
    end_char: int | None
    text: str | None
    attrs: str | None
    section_id: str | None
    subsection: str | None


class MeetingRow(TypedDict):
    meeting_id: str
    doc_id: str
    body: str | None
    date: dt.date | None
    date_text: str | None
    date_source: str | None
    place: str | None
    author: str | None
    title: str | None
    title_start_char: int | None
    overridden: bool | None


class AttendeeRow(TypedDict):
    meeting_id: str
    attendee_id: str | None
    name: str | None
    organisation: str | None
    role: str | None
    present: bool | None
    paragraphs: str | None
    person_id: str | None
    organisation_id: str | None
    start_char: int | None
    end_char: int | None
    overridden: bool | None
    confidence: float | None


class SectionRow(TypedDict):
    meeting_id: str
    section_id: str
    ordinal: int | None
    title: str | None
    number: str | None
    paragraph: str | None
    dnr: str | None
    start_char: int | None
    end_char: int | None
    overridden: bool | None


class EntityRow(TypedDict):
    meeting_id: str
    entity_id: str | None
    section_id: str | None
    label: str | None
    text: str | None
    start_char: int | None
    end_char: int | None
    normalized: str | None
    source: str | None
    layers: int | None
    person_id: str | None
    organisation_id: str | None
    overridden: bool | None
    confidence: float | None


class DecisionRow(TypedDict):
    meeting_id: str
    decision_id: str | None
    section_id: str | None
    text: str | None
    start_char: int | None
    end_char: int | None
    kind: str | None
    cue: str | None
    rule: str | None
    vote_yes: int | None
    vote_no: int | None
    vote_abstain: int | None
    reservations: list[str] | None
    protocol_notes: list[str] | None
    immediately_adjusted: bool | None
    overridden: bool | None
    confidence: float | None


class ActionItemRow(TypedDict):
    meeting_id: str
    action_item_id: str | None
    section_id: str | None
    text: str | None
    start_char: int | None
    end_char: int | None
    assignees: list[str] | None
    assignees_resolved: list[str] | None
    assignee_person_ids: list[str] | None
    due_text: str | None
    due_date: dt.date | None
    cue: str | None
    rule: str | None
    overridden: bool | None
    confidence: float | None


class CorrectionRow(TypedDict):
    doc_id: str
    start_char: int | None
    original: str | None
    replacement: str | None
    method: str | None
    score: float | None


class PersonRow(TypedDict):
    person_id: str
    name: str | None
    variants: list[str] | None
    organisations: list[str] | None
    n_meetings: int | None
    n_mentions: int | None
    overridden: bool | None


class IdentifierRow(TypedDict):
    doc_id: str
    kind: str | None
    start_char: int | None
    end_char: int | None
    text: str | None
    masked: bool | None


class PersonMentionRow(TypedDict):
    meeting_id: str
    source_table: str | None
    start_char: int | None
    end_char: int | None
    text: str | None
    person_id: str | None
    link: str | None
    confidence: float | None


class AttendanceRow(TypedDict):
    meeting_id: str
    attendee_id: str | None
    person_id: str | None
    name: str | None
    organisation_id: str | None
    organisation: str | None
    organisation_kind: str | None
    role: str | None
    status: str | None
    present: bool | None
    paragraphs: str | None
    body: str | None
    date: dt.date | None
    start_char: int | None
    end_char: int | None


class OrganisationRow(TypedDict):
    organisation_id: str
    name: str | None
    kind: str | None
    municipality: str | None
    variants: list[str] | None
    n_meetings: int | None
    n_attendees: int | None
    n_mentions: int | None


ROW_TYPES: dict[str, type] = {
    "documents": DocumentRow,
    "blocks": BlockRow,
    "meetings": MeetingRow,
    "attendees": AttendeeRow,
    "sections": SectionRow,
    "entities": EntityRow,
    "decisions": DecisionRow,
    "action_items": ActionItemRow,
    "corrections": CorrectionRow,
    "identifiers": IdentifierRow,
    "person_mentions": PersonMentionRow,
    "attendance": AttendanceRow,
    "persons": PersonRow,
    "organisations": OrganisationRow,
}
