"""Segment minutes: meeting metadata (body, date, place, author), attendees and agenda sections.

Reads the structure that informal notes and formal protocols share — a title block, labelled
blocks ('Närvarande', 'Plats och tid:'), the front-page form of a formal protocol, headings,
numbered and §-numbered items, a closing signature — and the reader's blocks where it gave them
(headings, tables, layout cells with x-positions, the first page's header furniture). Modules:
:mod:`.lines` (lines, column segments), :mod:`.meta` (title, body, date and its source, place),
:mod:`.frontpage` and :mod:`.frontcolumns` (the form of a formal protocol), :mod:`.entry` (one
attendee entry), :mod:`.attendees` and :mod:`.tables` (attendance lists and tables),
:mod:`.officials` (chair, secretary, justerare from signatures and elections), :mod:`.items`
(§ items, table of contents, sub-headings), :mod:`.headings` and :mod:`.outline` (the headings
of the sections, the end of the body), :mod:`.sections` (section rows, the blocks' section and
sub-heading), :mod:`.author`, :mod:`.assemble` (the meetings row and its fallbacks).
"""
from __future__ import annotations

from dataclasses import dataclass, field

from pipeline.contract.record import MinutesRecord
from pipeline.contract.stage import Budget, StageSpec
from pipeline.stages.segment.assemble import attendance_tables, build_meeting, find_attendees
from pipeline.stages.segment.attendees import merge_attendees
from pipeline.stages.segment.author import author as find_author
from pipeline.stages.segment.frontpage import read_front_page
from pipeline.stages.segment.items import find_items
from pipeline.stages.segment.lines import LineIndex, split_lines
from pipeline.stages.segment.meta import header_meta, infer_year, read_meta, set_date
from pipeline.stages.segment.names import is_person_name
from pipeline.stages.segment.officials import elected, signatures
from pipeline.stages.segment.outline import find_heads, is_formal, signature_block
from pipeline.stages.segment.sections import annotate_blocks, section_rows

__all__ = ["STAGE", "SegmentParams", "Segmentation", "is_person_name", "segment_document", "segment_stage"]


@dataclass
class Segmentation:
    meeting: dict
    attendees: list[dict] = field(default_factory=list)
    sections: list[dict] = field(default_factory=list)
    blocks: list[dict] = field(default_factory=list)


@dataclass(frozen=True)
class SegmentParams(Budget):
    """The segment stage has no parameters of its own yet (only the budget every stage has); the class
    makes an unknown key an error."""


def segment_document(doc_id: str, text: str, params: SegmentParams | dict | None = None,
                     blocks: list[dict] | None = None, document: dict | None = None) -> Segmentation:
    """Meeting metadata, attendees and sections of one document's (repaired) text. ``document`` is
    the documents row (its metadata and source path date a meeting whose year is not written)."""
    meeting_id = f"{doc_id}-1"
    blocks = list(blocks or [])
    lines = split_lines(text)
    index = LineIndex(lines, blocks)
    meta = read_meta(lines)
    tables = attendance_tables(text, lines, blocks)
    table_lines = {n for _, ns in tables for n in ns}
    front = read_front_page(lines, index, table_lines)
    used = set(meta.used) | table_lines | (front.lines if front else set())
    found, att_blocks, att_lines = find_attendees(lines, front, tables, used)
    used |= att_lines
    items = find_items(lines, used)
    attendees = merge_attendees(found + _officials(lines, index, items, used))
    secretary = front.value("secretary") if front else None
    author, closing = find_author(lines, attendees, _first_name_of(secretary))
    formal = is_formal(meta, front is not None, items)
    heads, heading_spans, end_of_body = find_heads(text, lines, blocks, meta, items, att_blocks, used, closing, formal,
                                                   table_lines)
    if front:
        for name in ("date", "place_time"):
            if front.value(name):
                set_date(meta, front.value(name))
    infer_year(meta, document or {}, text)
    header = header_meta(blocks, lines) if meta.body is None or meta.date_text is None else None
    meeting = build_meeting(meeting_id, doc_id, meta, front, items, lines, author, document, header)
    sections = section_rows(heads, meeting_id, end_of_body)
    rows = [{"meeting_id": meeting_id, "name": a.entry.name, "organisation": a.entry.organisation,
             "role": a.entry.role, "present": a.entry.present, "paragraphs": a.entry.paragraphs,
             "start_char": a.start, "end_char": a.end} for a in attendees]
    new_blocks = annotate_blocks(blocks, sections, items.subheadings, lines, heading_spans, text) if blocks else []
    return Segmentation(meeting, rows, sections, new_blocks)


def _officials(lines: list, index: LineIndex, items, used: set[int]) -> list:
    """The chair, secretary and justerare the closing signatures name and the items elect."""
    after = max([*used, *(it.line.no for it in items.items)], default=-1)
    start = signature_block(lines, after)
    return (signatures(lines, start, index.segments) if start is not None else []) + elected(lines, 0)


def _first_name_of(secretary: str | None) -> str | None:
    """The secretary's name from the form's value ('Josefine Jönsson', 'Zhale Rashid § 34-38')."""
    if not secretary:
        return None
    from pipeline.stages.segment.entry import parse_entries
    people = parse_entries(secretary)
    return people[0].name if people else None


def segment_stage(rec: MinutesRecord, params: SegmentParams) -> None:
    seg = segment_document(rec.document["doc_id"], rec.document["text"], params, rec.blocks, rec.document)
    rec.meetings, rec.attendees, rec.sections = [seg.meeting], seg.attendees, seg.sections
    if seg.blocks:
        rec.blocks = seg.blocks


STAGE = StageSpec(
    name="segment",
    params=SegmentParams,
    requires=("document.text", "document.source_path", "document.meta_title", "document.meta_date",
              "document.meta_author", "blocks"),
    assigns=("meetings", "attendees", "sections", "blocks"),
    code=("pipeline/stages/segment", "pipeline/lang/attendance.py", "pipeline/lang/protocol.py",
          "pipeline/lang/dates.py", "pipeline/lang/names.py", "pipeline/lang/fold.py"),
    resources=("pipeline/lang/first_names.txt", "pipeline/lang/nicknames.json"),
    run=segment_stage,
    description="meeting metadata, attendees and agenda sections",
)
