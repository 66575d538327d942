"""tests/factories.py: rows made from the schema are full, typed, and written as they are."""
import datetime as dt

import pytest

from pipeline.contract.schema import ALL_TABLES, PARTITION_COLUMN
from pipeline.run.export import read_records, write_tables
from tests.factories import at, mention, record, row


def test_a_row_has_every_column_of_its_table():
    for table, schema in ALL_TABLES.items():
        assert list(row(table)) == [n for n in schema.names if n != PARTITION_COLUMN]
    attendee = row("attendees", meeting_id="d7-1", name="Eva Holm")
    assert attendee["person_id"] is None and attendee["present"] is None
    assert row("sections", meeting_id="d7-1", ordinal=3)["section_id"] == "d7-1-s003"
    assert row("action_items")["assignees"] == []


def test_a_misspelt_column_or_a_wrong_type_is_an_error():
    with pytest.raises(KeyError, match="organization"):
        row("attendees", name="Eva Holm", organization="RSMH")
    with pytest.raises(TypeError, match="meetings.date is date32"):
        row("meetings", date="2023-03-14")  # a date column wants a date, not its text


def test_spans_point_into_the_text():
    text = "Eva Holm tar fram ett underlag. Eva Holm bokar lokalen."
    assert at(text, "Eva Holm", nth=1) == {"start_char": 32, "end_char": 40}
    e = mention("entities", text, "Eva Holm", label="PER")
    assert text[e["start_char"]:e["end_char"]] == e["text"] == "Eva Holm"


def test_a_record_of_factory_rows_round_trips_through_the_export(tmp_path):
    text = "Styrelsen 3 maj 2021\n\nEva Holm tar fram ett underlag.\n"
    rec = record(text, doc_id="d9", meeting={"body": "Styrelsen", "date": dt.date(2021, 5, 3)},
                 entities=[mention("entities", text, "Eva Holm", meeting_id="d9-1", label="PER")])
    write_tables([rec], tmp_path)
    [back] = read_records(tmp_path)
    assert back.document == rec.document and back.meetings == rec.meetings and back.entities == rec.entities
