"""Evidence → confidence: the buckets, the smoothing, the shipped table, and what a row gets."""
from __future__ import annotations

import json

import pytest

from pipeline.contract.resources import model_path
from pipeline.products.confidence import (
    SCORED,
    TABLE_PATH,
    attendee_evidence,
    evidence,
    load_table,
    lookup,
    score_record,
    smoothed,
)
from tests.factories import record, row

TEXT = ("Socialnämndens individutskott 2024-03-12\n\nNärvarande: Anna Ek, Per Lund\n"
        "| Namn | Roll |\n| Karin Sjölander | ordförande |\n"
        "- Brukarrådet i Almestad\n\n§ 4 Ansökan om bidrag\nBeslut: Utskottet beviljar bidraget.\n")


def _span(needle: str) -> tuple[int, int]:
    i = TEXT.index(needle)
    return i, i + len(needle)


def _record():
    rec = record(doc_id="d1", meeting={"body": "Socialnämndens individutskott"})
    rec.document["text"] = TEXT
    mid = rec.meeting["meeting_id"]
    inline = _span("Närvarande: Anna Ek, Per Lund")
    cell, item = _span("| Karin Sjölander | ordförande |"), _span("- Brukarrådet i Almestad")
    rec.blocks = [row("blocks", doc_id="d1", ordinal=1, kind="paragraph", start_char=inline[0], end_char=inline[1]),
                  row("blocks", doc_id="d1", ordinal=2, kind="table", start_char=cell[0] - 15, end_char=cell[1]),
                  row("blocks", doc_id="d1", ordinal=3, kind="table_row", start_char=cell[0], end_char=cell[1]),
                  row("blocks", doc_id="d1", ordinal=4, kind="list_item", start_char=item[0], end_char=item[1])]
    rec.attendees = [row("attendees", meeting_id=mid, name="Anna Ek", start_char=inline[0], end_char=inline[1]),
                     row("attendees", meeting_id=mid, name="Per Lund", start_char=inline[0], end_char=inline[1]),
                     row("attendees", meeting_id=mid, name="Karin Sjölander", role="ordförande",
                         start_char=cell[0], end_char=cell[1]),
                     row("attendees", meeting_id=mid, organisation="Brukarrådet i Almestad", start_char=item[0],
                         end_char=item[1])]
    s, e = _span("Utskottet beviljar bidraget.")
    rec.decisions = [row("decisions", meeting_id=mid, text=TEXT[s:e], start_char=s, end_char=e, kind="approved",
                         rule="beslut-label"),
                     row("decisions", meeting_id=mid, text=TEXT[s:e], start_char=s, end_char=e, kind="approved",
                         rule="cue:approval", overridden=True)]
    rec.entities = [row("entities", meeting_id=mid, label="ORG", text="Brukarrådet i Almestad", source="model",
                        layers=1, start_char=item[0] + 2, end_char=item[1])]
    return rec


def test_the_evidence_of_each_kind_of_row():
    assert evidence("decisions", {"rule": "beslut-section", "kind": "noted"}) == "beslut-section|noted"
    assert evidence("action_items", {"rule": "task-verb", "assignees": ["Eva Holm"]}) == "task-verb|assignee"
    assert evidence("action_items", {"rule": "todo-list", "assignees": []}) == "todo-list|nobody"
    assert evidence("entities", {"label": "PER", "source": "structure", "layers": 4}) == "PER|structure|3+"
    assert evidence("person_mentions", {"link": "meeting", "source_table": "entities"}) == "meeting|entities"
    with pytest.raises(ValueError):
        evidence("sections", {})


def test_an_attendee_is_known_by_the_form_it_stands_in_and_the_shape_of_its_name():
    rec = _record()
    assert attendee_evidence(rec.attendees, rec.blocks) == ["inline|full", "inline|full", "table|full", "list|org"]
    alone = [row("attendees", meeting_id="d1-1", name="Bosse", start_char=0, end_char=5)]
    assert attendee_evidence(alone, []) == ["line|single"]


def test_smoothing_pulls_a_small_bucket_towards_its_coarser_bucket():
    table = smoothed({"PER|structure|1": (9, 0), "PER|structure|3+": (355, 354), "ORG|model|1": (21, 6)})
    assert table[""]["n"] == 385 and table[""]["right"] == 360
    assert table[""]["confidence"] == pytest.approx(361 / 387, abs=1e-4)
    # nine wrong rows are not proof of 0: the bucket sits between 0 and what its parent measured
    assert 0.0 < table["PER|structure|1"]["confidence"] < 0.5 < table["PER|structure"]["confidence"]
    assert table["PER|structure|3+"]["confidence"] > table["PER|structure"]["confidence"]
    assert all(0.0 <= b["confidence"] <= 1.0 for b in table.values())


def test_an_unseen_bucket_takes_its_nearest_coarser_bucket():
    known = {"entities": {"": 0.9, "PER": 0.97, "PER|model": 0.8}}
    assert lookup("entities", "PER|model|2", known) == 0.8
    assert lookup("entities", "PER|gazetteer|1", known) == 0.97
    assert lookup("entities", "LOC|model|1", known) == 0.9
    assert lookup("sections", "x", known) == 0.5


def test_a_record_gets_confidences_and_a_corrected_row_has_one():
    rec = _record()
    known = {"decisions": {"": 0.9, "beslut-label": 0.99, "cue:approval": 0.7},
             "entities": {"": 0.9, "ORG|model|1": 0.3}, "attendees": {"": 0.99, "list|org": 0.8}}
    score_record(rec, known)
    assert [d["confidence"] for d in rec.decisions] == [0.99, 1.0]  # the second was checked by a person
    assert rec.entities[0]["confidence"] == 0.3
    assert [a["confidence"] for a in rec.attendees] == [0.99, 0.99, 0.99, 0.8]


def test_the_shipped_table_covers_every_scored_table_with_confidences_in_0_1():
    data = json.loads(model_path(TABLE_PATH).read_text(encoding="utf-8"))
    meta = json.loads(model_path("models/confidence/meta.json").read_text(encoding="utf-8"))
    assert meta["version"] == data["version"] and "fixtures" in meta["gold"]
    assert set(data["tables"]) == set(SCORED)
    for table, buckets in data["tables"].items():
        assert buckets[""]["n"] >= 100, table  # measured on enough rows to mean something
        for key, b in buckets.items():
            assert 0.0 <= b["confidence"] <= 1.0 and 0 <= b["right"] <= b["n"], (table, key)
    assert load_table()["entities"]["PER|attendees"] == data["tables"]["entities"]["PER|attendees"]["confidence"]


def test_layers_that_agree_are_surer_than_one_alone_in_the_shipped_table():
    """Measured, not assumed: on the fixture corpus a name several layers propose is right more often."""
    t = load_table()["entities"]
    assert t["PER|structure|3+"] > t["PER|structure|1"]
    assert t["ORG|gazetteer|2"] > t["ORG|gazetteer|1"]
