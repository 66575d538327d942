import pyarrow as pa

from pipeline.contract.record import MinutesRecord
from pipeline.contract.schema import TABLES, description

# the columns score.py and the analysts' contract require (tables may carry more, never fewer)
CONTRACT = {
    "documents": ["doc_id", "source_path", "format", "n_pages", "ocr", "text_raw", "text", "status", "error"],
    "meetings": ["meeting_id", "doc_id", "body", "date", "date_text", "place", "author"],
    "attendees": ["meeting_id", "name", "organisation", "role", "present"],
    "sections": ["meeting_id", "section_id", "ordinal", "title", "start_char", "end_char"],
    "entities": ["meeting_id", "section_id", "label", "text", "start_char", "end_char", "normalized"],
    "decisions": ["meeting_id", "section_id", "text", "start_char", "end_char", "kind"],
    "action_items": ["meeting_id", "section_id", "text", "start_char", "end_char", "assignees", "due_text", "due_date"],
    "corrections": ["doc_id", "start_char", "original", "replacement", "method"],
}


def test_every_contract_column_is_declared():
    for table, columns in CONTRACT.items():
        assert set(columns) <= set(TABLES[table].names), table


def test_every_field_has_a_description():
    for name, schema in TABLES.items():
        for f in schema:
            assert len(description(schema, f.name)) > 10, f"{name}.{f.name}"


def test_typed_columns():
    assert TABLES["meetings"].field("date").type == pa.date32()
    assert TABLES["action_items"].field("assignees").type == pa.list_(pa.string())
    assert TABLES["documents"].field("ocr").type == pa.bool_()


def test_record_has_a_field_per_table():
    rec = MinutesRecord(document={"doc_id": "x", "status": "ok"})
    for name in TABLES:
        assert isinstance(rec.rows(name), list)
