"""The data contract: every output table, declared once, with a description per column.

Descriptions live in each field's metadata under b"description" so that they travel with
the Parquet files and the data dictionary (``minutes schema``) is generated from here.
Offsets (start_char, end_char) index into ``documents.text`` unless a column says otherwise.
"""
from __future__ import annotations

import pyarrow as pa

CONTRACT_VERSION = "2"


def _field(name: str, type_: pa.DataType, description: str, nullable: bool = True) -> pa.Field:
    return pa.field(name, type_, nullable=nullable, metadata={b"description": description.encode()})


def _confidence(evidence: str) -> pa.Field:
    """The row's confidence column: one description, the evidence named per table."""
    return _field("confidence", pa.float64(),
                  "How sure the pipeline is that the row is right, in [0, 1]: the precision measured on the gold-"
                  f"annotated fixture corpus of rows with the same evidence ({evidence}), from the calibrated table "
                  "models/confidence/table.json (pipeline.products.confidence); 1.0 where a hand correction "
                  "(--overrides) changed or added the row. `minutes review OUT` lists the least certain rows.")


PARTITION_COLUMN = "meeting_year"


def _schema(description: str, *fields: pa.Field, partitioned: bool = True) -> pa.Schema:
    """A table's schema; per-document tables end with the partition column (``meeting_year``)."""
    fields = list(fields)
    if partitioned:
        fields.append(_field(PARTITION_COLUMN, pa.int32(),
                             "Year of the meeting's date (null when unknown). The dataset is partitioned by it: "
                             "`<table>.parquet/<year>/` or `<table>.parquet/unknown/`."))
    return pa.schema(fields, metadata={b"description": description.encode(),
                                       b"contract_version": CONTRACT_VERSION.encode()})


_str = pa.string()
_int = pa.int64()

DOCUMENTS = _schema(
    "One row per path found under the inputs, including files that could not be read (status 'error') and paths "
    "that were not read (status 'skipped').",
    _field("doc_id", _str, "Stable identifier: first 16 hex digits of the SHA-256 of the file's bytes.", False),
    _field("source_path", _str, "Path of the file relative to the input folder it was found under (bytes of a name "
                                "that are not UTF-8 shown as '\\xNN')."),
    _field("format", _str, "Detected input format: txt, md, org, html, docx, pdf, image."),
    _field("n_pages", _int, "Number of pages for paged formats (PDF, image); null for flowing text."),
    _field("ocr", pa.bool_(), "True when any of the text came from optical character recognition."),
    _field("ocr_pages", pa.list_(_int), "1-based page numbers whose text came from OCR."),
    _field("ocr_engine", _str, "OCR engine and language used, e.g. 'tesseract 5.3.0 swe'; null without OCR."),
    _field("text_raw", _str, "Text as extracted from the file, before OCR repair."),
    _field("text", _str, "Text after OCR repair; all other tables' character offsets index into this."),
    _field("status", _str, "'ok' when the document was processed, 'error' when it could not be read or processed, "
                           "'skipped' when it was not read (an unsupported kind, a hidden file, a symlink out of the "
                           "input tree, a fifo or device, a duplicate of another file)."),
    _field("error", _str, "Why the document failed (status 'error') or was skipped (status 'skipped'); "
                          "null otherwise."),
    _field("warnings", pa.list_(_str), "Non-fatal problems, e.g. text that does not look Swedish."),
    _field("pipeline_version", _str, "Version of the pipeline that produced this row."),
    _field("meta_title", _str, "Title found in the file's own metadata (front matter, #+TITLE, \\title, docx/PDF "
                               "properties); never part of the text."),
    _field("meta_date", _str, "Date found in the file's metadata, as written there."),
    _field("meta_author", _str, "Author found in the file's metadata."),
    _field("metadata", _str, "Every metadata key and value found in the file, as a JSON object (strings)."),
)

BLOCKS = _schema(
    "The document's structure: headings, paragraphs, list items, tables, rows, cells, pages and the page "
    "furniture removed from the text, with character offsets into documents.text (cite a paragraph by them).",
    _field("doc_id", _str, "The document.", False),
    _field("ordinal", _int, "1-based position of the block in the document (containers before their content)."),
    _field("kind", _str, "heading, paragraph, list_item, table, table_row, table_cell, page or furniture."),
    _field("level", _int, "Heading level (1 = top) or list depth (1 = top level); null for other kinds."),
    _field("page", _int, "1-based page the block is on, for paged formats (PDF, scans); else null."),
    _field("start_char", _int, "Start offset in documents.text (for furniture: where the removed text stood)."),
    _field("end_char", _int, "End offset in documents.text (furniture: equal to start_char)."),
    _field("text", _str, "For furniture only: the removed text (a running header, a page number); else null."),
    _field("attrs", _str, "Reader hints as a JSON object, null when none: bold, font_size and x0 (pt, PDF), "
                          "column (0-based, cells of a layout table: a two-column front page), columns (x0 of each "
                          "column), style (docx/odt), ordered and number (list items), source ('ocr'), kind "
                          "(furniture: running_header, page_number, signature_line, certificate_page)."),
    _field("section_id", _str, "The section (sections table) the block belongs to; null before the first."),
    _field("subsection", _str, "The sub-heading of a formal item the block stands under ('Beslut', "
                               "'Sammanfattning av ärendet', 'Beslutsunderlag', …); else null."),
)

MEETINGS = _schema(
    "One row per meeting described by a document (one per successfully read document).",
    _field("meeting_id", _str, "Identifier of the meeting: '<doc_id>-1'.", False),
    _field("doc_id", _str, "The document the meeting was read from.", False),
    _field("body", _str, "The group or board that met, as written in the title line."),
    _field("date", pa.date32(), "Meeting date; null when the year (or the date) is not written."),
    _field("date_text", _str, "The meeting date as written in the title line."),
    _field("date_source", _str, "Where the date's year came from: 'text' (written with the date), 'metadata' (the "
                                "file's metadata date), 'path' (an ISO date in the file name or folder), 'inferred' "
                                "(the year of the text's other dates); null when the date is null."),
    _field("place", _str, "Where the meeting was held, when stated (e.g. 'Plats: Rådhuset')."),
    _field("author", _str, "Who wrote the minutes (closing signature, 'Vid pennan', 'Sekreterare')."),
    _field("title", _str, "The title line the body and date were read from."),
    _field("title_start_char", _int, "Offset of the title line in documents.text."),
    _field("overridden", pa.bool_(), "True where a hand correction (--overrides) changed or added this row."),
)

ATTENDEES = _schema(
    "People (or organisations) listed in an attendee block of the minutes.",
    _field("meeting_id", _str, "The meeting.", False),
    _field("attendee_id", _str, "Stable id of the row ('a-' + 12 hex digits of a hash of the document, offsets and "
                                "name): the same on every re-run; name it in --overrides."),
    _field("name", _str, "Name as written; null where only an organisation is listed."),
    _field("organisation", _str, "Organisation as written after the name (e.g. 'Ria/G7'); null if none."),
    _field("role", _str, "Normalised role: ordförande, vice ordförande, 2:e vice ordförande, ledamot, "
                         "tjänstgörande ersättare, ersättare, sekreterare, justerare, kassör, suppleant, adjungerad, "
                         "personalföreträdare, or the job title written after the name ('förvaltningschef'); "
                         "null when none is given."),
    _field("present", pa.bool_(), "False where marked absent ('Frånvarande', '(ej närvarande)') and for a member "
                                  "a substitute served for ('X tjänstgör för Y': Y)."),
    _field("paragraphs", _str, "The items the person attended when the list limits it, as written "
                               "('§§ 46-59', 'ärende 1-20'); null when not limited."),
    _field("person_id", _str, "The person across the archive (persons table); null for organisation-only rows."),
    _field("organisation_id", _str, "The organisation across the archive (organisations table): the first one "
                                    "`organisation` names ('Ria/G7': Ria); null when none."),
    _field("start_char", _int, "Start of the attendee line in documents.text."),
    _field("end_char", _int, "End of the attendee line in documents.text."),
    _field("overridden", pa.bool_(), "True where a hand correction (--overrides) changed or added this row."),
    _confidence("the attendance form the line stands in: a table, a list, a line of its own or an inline list, "
                "and whether a full name, one name or only an organisation is given"),
)

SECTIONS = _schema(
    "Agenda items: a heading and the text up to the next heading.",
    _field("meeting_id", _str, "The meeting.", False),
    _field("section_id", _str, "Stable id of the section ('s-' + 12 hex digits of a hash of the document, offsets "
                               "and title): the same on every re-run.", False),
    _field("ordinal", _int, "1-based position of the section in the minutes."),
    _field("title", _str, "The heading line as written, whitespace stripped."),
    _field("number", _str, "Item number as written on an informal heading line ('1', '3.2'); null when unnumbered."),
    _field("paragraph", _str, "The paragraph of a formal protocol's item ('§ 44'), or the bare item number standing "
                              "above its title ('3'); null in informal notes."),
    _field("dnr", _str, "The item's diary number as written after 'Dnr' ('IF-2023-00055'); never part of the title."),
    _field("start_char", _int, "Start of the heading in documents.text."),
    _field("end_char", _int, "End of the section (start of the next heading or end of text)."),
    _field("overridden", pa.bool_(), "True where a hand correction (--overrides) changed or added this row."),
)

ENTITIES = _schema(
    "Named entities and date/time expressions found in the text.",
    _field("meeting_id", _str, "The meeting.", False),
    _field("entity_id", _str, "Stable id of the row ('e-' + 12 hex digits of a hash of the document, offsets and "
                              "label)."),
    _field("section_id", _str, "The section the entity is in; null before the first section."),
    _field("label", _str, "PER, ORG, LOC, DATE or TIME."),
    _field("text", _str, "The mention as written in documents.text."),
    _field("start_char", _int, "Start offset in documents.text."),
    _field("end_char", _int, "End offset in documents.text."),
    _field("normalized", _str, "ISO 8601 for DATE/TIME where computable: a date (YYYY-MM-DD), month (YYYY-MM), "
                               "week (YYYY-Www), date and time (YYYY-MM-DDTHH:MM[/HH:MM]), a range (start/end), "
                               "dates listed together (comma-separated), a time (HH:MM[-HH:MM]); null where the "
                               "year is not written and no meeting date gives it. For PER the attendee's full "
                               "name where resolvable; else null."),
    _field("source", _str, "What found it: 'rules' (dates), 'structure' (the form: party tags, titles, "
                           "signatures, tables, venue), 'attendees', 'patterns', 'gazetteer', 'model'."),
    _field("layers", _int, "How many of the NER layers proposed an overlapping span with the same label (1: only "
                           "`source`); agreement of layers is the evidence of the entity's confidence."),
    _field("person_id", _str, "For PER: the person across the archive (persons table) where linked."),
    _field("organisation_id", _str, "For ORG: the organisation across the archive (organisations table)."),
    _field("overridden", pa.bool_(), "True where a hand correction (--overrides) changed or added this row."),
    _confidence("label, source and how many layers proposed it"),
)

DECISIONS = _schema(
    "What the meeting decided or resolved.",
    _field("meeting_id", _str, "The meeting.", False),
    _field("decision_id", _str, "Stable id of the row ('d-' + 12 hex digits of a hash of the document, offsets and "
                                "kind): the same on every re-run; name it in --overrides."),
    _field("section_id", _str, "The section the decision is in."),
    _field("text", _str, "The decision sentence, bullet or clause as written."),
    _field("start_char", _int, "Start offset in documents.text."),
    _field("end_char", _int, "End offset in documents.text."),
    _field("kind", _str, "What kind of decision (one vocabulary, pipeline.stages.extract.kinds): approved (godkänns, "
                         "fastställs, bifalls, beviljas), elected (valdes, utser), noted (noterar informationen, läggs "
                         "till handlingarna), postponed (bordläggs, skjuts, återremitteras), rejected (avslås), "
                         "assigned (someone is given a task; the task is also an action item), adopted (a document, "
                         "plan or policy antas), scheduled (the next meeting's date), formed (a group is formed), "
                         "decided (any other)."),
    _field("cue", _str, "The cue phrase that marked the decision."),
    _field("rule", _str, "The rule family that found it (e.g. 'beslut-section', 'beslut-label', 'cue:approved'); "
                         "benchmarks/extract_rules.py reports where each fires."),
    _field("vote_yes", _int, "Votes for, when the item records a vote (Omröstning: ja-röster or a voting table); "
                             "the first vote of the item."),
    _field("vote_no", _int, "Votes against (nej-röster) in that vote; null without a vote."),
    _field("vote_abstain", _int, "Members abstaining (avstår) in that vote; null when not stated."),
    _field("reservations", pa.list_(_str), "Who entered a reservation against the item's decision (Reservation), "
                                           "names or parties as written ('Per Hoel (SD)'); empty if none."),
    _field("protocol_notes", pa.list_(_str), "Who entered a note to the minutes (Protokollsanteckning, särskilt "
                                             "yttrande) on the item, as written; empty if none."),
    _field("immediately_adjusted", pa.bool_(), "True when the item's paragraph was declared immediately approved "
                                               "('förklarar paragrafen omedelbart justerad')."),
    _field("overridden", pa.bool_(), "True where a hand correction (--overrides) changed or added this row."),
    _confidence("the rule family in `rule`"),
)

ACTION_ITEMS = _schema(
    "Tasks someone is to do: who does what, by when.",
    _field("meeting_id", _str, "The meeting.", False),
    _field("action_item_id", _str, "Stable id of the row ('t-' + 12 hex digits of a hash of the document and "
                                   "offsets): the same on every re-run; name it in --overrides."),
    _field("section_id", _str, "The section the action item is in."),
    _field("text", _str, "The sentence, bullet or table row as written."),
    _field("start_char", _int, "Start offset in documents.text."),
    _field("end_char", _int, "End offset in documents.text."),
    _field("assignees", pa.list_(_str), "Who is to do it, as mentioned (persons or organisations)."),
    _field("assignees_resolved", pa.list_(_str), "Assignees resolved to attendees' full names where "
                                                 "unambiguous; otherwise as mentioned."),
    _field("assignee_person_ids", pa.list_(_str), "person_id of each assignee that is a linked person."),
    _field("due_text", _str, "The deadline as written; null if none."),
    _field("due_date", pa.date32(), "The deadline as a date where derivable (year from the meeting)."),
    _field("cue", _str, "The cue phrase that marked the action item."),
    _field("rule", _str, "The rule family that found it (e.g. 'assignment', 'todo-list', 'imperative', 'table')."),
    _field("overridden", pa.bool_(), "True where a hand correction (--overrides) changed or added this row."),
    _confidence("the rule family in `rule`"),
)

CORRECTIONS = _schema(
    "Every change the OCR repair made, for audit: offsets into documents.text_raw.",
    _field("doc_id", _str, "The document.", False),
    _field("start_char", _int, "Start of the original string in documents.text_raw."),
    _field("original", _str, "The string as extracted."),
    _field("replacement", _str, "What it was replaced with in documents.text."),
    _field("method", _str, "Which repair made the change, e.g. 'ftfy', 'confusion+lexicon', 'fffd'."),
    _field("score", pa.float64(), "Confidence of the repair (method-specific, higher is surer)."),
)

PERSON_MENTIONS = _schema(
    "Where the text names a person: every mention the archive pass linked to a person (PER entities, attendee "
    "names, action-item assignees, the author). Pseudonymisation and the review site read people from here.",
    _field("meeting_id", _str, "The meeting.", False),
    _field("source_table", _str, "The table the mention comes from: entities, attendees, action_items or meetings "
                                 "(the author)."),
    _field("start_char", _int, "Start of the name in documents.text; null where the mention has no place of its own."),
    _field("end_char", _int, "End of the name in documents.text."),
    _field("text", _str, "The name as written."),
    _field("person_id", _str, "The person (persons table)."),
    _field("link", _str, "How the mention was tied to its person: 'name' (the full name, as written or resolved), "
                         "'spelling' (an OCR or spelling variant), 'variant' (with or without a middle name, in the "
                         "same circle), 'meeting' or 'body' (a short name fitting one person of the meeting or body), "
                         "'archive' (a short name one person of the archive fits, in the same circle of people), "
                         "'alone' (a short name no one fits: a person of its own), 'override' (a hand correction)."),
    _confidence("the table the mention is from and `link`"),
)

IDENTIFIERS = _schema(
    "Personal identifiers found in the text (personnummer, samordningsnummer, phone numbers, e-mail addresses, "
    "street addresses): what they are, where they are. Masked by default (`--mask-identifiers`): then the text "
    "holds a typed placeholder such as '[personnummer]' and so does this table.",
    _field("doc_id", _str, "The document.", False),
    _field("kind", _str, "personnummer, samordningsnummer, telefonnummer, e-post or adress."),
    _field("start_char", _int, "Start offset in documents.text."),
    _field("end_char", _int, "End offset in documents.text."),
    _field("text", _str, "The identifier as written, or its placeholder where it was masked."),
    _field("masked", pa.bool_(), "True when the text holds the placeholder instead of the identifier."),
)

PERSONS = _schema(
    "People across the whole archive: one row per person, with every way the minutes name them.",
    _field("person_id", _str, "Stable identifier derived from the canonical name ('p-' + 10 hex digits).", False),
    _field("name", _str, "Canonical name: the fullest form seen (usually from an attendee list)."),
    _field("variants", pa.list_(_str), "Every form seen: first names, nicknames, OCR and genitive variants."),
    _field("organisations", pa.list_(_str), "Organisations the person is listed with in attendee blocks."),
    _field("n_meetings", _int, "Number of meetings the person is mentioned in or attends."),
    _field("n_mentions", _int, "Number of PER mentions and attendee rows linked to the person."),
    _field("overridden", pa.bool_(), "True where a hand correction (--overrides) changed or added this row."),
    partitioned=False,
)

ATTENDANCE = _schema(
    "Who was at which meeting: one row per attendee row (person or organisation) × meeting, with the meeting's "
    "body and date and the attendee's person and organisation, so participation is one read away.",
    _field("meeting_id", _str, "The meeting.", False),
    _field("attendee_id", _str, "The attendee row this is (attendees table)."),
    _field("person_id", _str, "The person (persons table); null for organisation-only rows."),
    _field("name", _str, "Name as written in the attendee list; null where only an organisation is listed."),
    _field("organisation_id", _str, "The attendee's (first) organisation (organisations table)."),
    _field("organisation", _str, "The organisation's name (organisations.name)."),
    _field("organisation_kind", _str, "The organisation's kind (organisations.kind), e.g. 'user_organisation'."),
    _field("role", _str, "The attendee's role (attendees.role)."),
    _field("status", _str, "present; substitute (a tjänstgörande ersättare serving); absent (listed as absent, "
                           "'Frånvarande', 'anmält förhinder'); replaced (a member a substitute served for: "
                           "'X tjänstgör för Y'); invited (listed only among the 'Kallade', not as present)."),
    _field("present", pa.bool_(), "attendees.present: true for present and substitute, false otherwise."),
    _field("paragraphs", _str, "The items attended when the list limits it ('§§ 46-59'); null when not limited."),
    _field("body", _str, "The body that met (meetings.body)."),
    _field("date", pa.date32(), "The meeting date (meetings.date)."),
    _field("start_char", _int, "Start of the attendee line in documents.text."),
    _field("end_char", _int, "End of the attendee line in documents.text."),
)

ORGANISATIONS = _schema(
    "Organisations across the whole archive: one row per organisation, with every form the minutes name it by and "
    "its kind (see pipeline/lang/organisation_kinds.py and the codebook).",
    _field("organisation_id", _str, "Stable identifier derived from the folded name ('o-' + 10 hex digits).", False),
    _field("name", _str, "Canonical name: the listed spelling (gazetteer) or the most frequent form."),
    _field("kind", _str, "municipality, municipal_administration, committee, region, state_agency, political_party, "
                         "union, user_organisation, association, company or other."),
    _field("municipality", _str, "For a municipality's own committee or administration: the municipality, where the "
                                 "meeting (one municipality named in it) or the name ('Socialnämnden i Kungsbacka') "
                                 "says which; else null."),
    _field("variants", pa.list_(_str), "Every form seen: spellings, OCR variants, short forms ('FK'), genitives."),
    _field("n_meetings", _int, "Number of meetings it is listed in or named in."),
    _field("n_attendees", _int, "Number of attendee rows that list it."),
    _field("n_mentions", _int, "Number of ORG entities that name it."),
    partitioned=False,
)

TABLES: dict[str, pa.Schema] = {
    "documents": DOCUMENTS,
    "blocks": BLOCKS,
    "meetings": MEETINGS,
    "attendees": ATTENDEES,
    "sections": SECTIONS,
    "entities": ENTITIES,
    "decisions": DECISIONS,
    "action_items": ACTION_ITEMS,
    "corrections": CORRECTIONS,
    "identifiers": IDENTIFIERS,
    "person_mentions": PERSON_MENTIONS,
    "attendance": ATTENDANCE,
}

# tables built across the archive after all documents are processed (not per document, not partitioned)
ARCHIVE_TABLES: dict[str, pa.Schema] = {"persons": PERSONS, "organisations": ORGANISATIONS}
ALL_TABLES: dict[str, pa.Schema] = {**TABLES, **ARCHIVE_TABLES}


def description(schema: pa.Schema, name: str) -> str:
    meta = schema.field(name).metadata or {}
    return meta.get(b"description", b"").decode()
