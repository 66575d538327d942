"""The mention → person mapping the archive pass writes: where the text names which person."""
from __future__ import annotations

from pipeline.contract.record import MinutesRecord
from pipeline.products.mentions import mention_rows
from pipeline.products.persons import PersonIndex

TEXT = ("Brukarrådet 12 mars 2024\n\nNärvarande:\nBo Pettersson, Ria\nEva Holm, RSMH\n\n"
        "§ 1 Lokaler\nBosse visar lokalen. Eva ska boka en tid.\n\nVid pennan: Eva Holm\n")


def _record() -> MinutesRecord:
    mid = "d1-1"

    def span(needle, nth=0):
        i = -1
        for _ in range(nth + 1):
            i = TEXT.index(needle, i + 1)
        return i, i + len(needle)

    rec = MinutesRecord(document={"doc_id": "d1", "status": "ok", "text": TEXT})
    rec.meetings = [{"meeting_id": mid, "doc_id": "d1", "body": "Brukarrådet", "author": "Eva Holm"}]
    line = span("Bo Pettersson, Ria")
    rec.attendees = [{"meeting_id": mid, "name": "Bo Pettersson", "organisation": "Ria", "start_char": line[0],
                      "end_char": line[1]},
                     {"meeting_id": mid, "name": "Eva Holm", "organisation": "RSMH",
                      "start_char": span("Eva Holm, RSMH")[0], "end_char": span("Eva Holm, RSMH")[1]}]
    s, e = span("Bosse")
    rec.entities = [{"meeting_id": mid, "label": "PER", "text": "Bosse", "normalized": "Bo Pettersson",
                     "start_char": s, "end_char": e},
                    {"meeting_id": mid, "label": "ORG", "text": "RSMH", "normalized": None,
                     "start_char": span("RSMH")[0], "end_char": span("RSMH")[1]}]
    s, e = span("Eva ska boka en tid.")
    rec.action_items = [{"meeting_id": mid, "text": "Eva ska boka en tid.", "start_char": s, "end_char": e,
                         "assignees": ["Eva"], "assignees_resolved": ["Eva Holm"]}]
    return rec


def test_every_linked_mention_has_its_person_and_its_place_in_the_text():
    rec = _record()
    index = PersonIndex()
    index.add_record(rec)
    index.build()
    index.annotate(rec)
    rows = mention_rows(rec, index.person_of)
    by = {(r["source_table"], r["text"]): r for r in rows}
    bo, eva = rec.attendees[0]["person_id"], rec.attendees[1]["person_id"]
    assert bo and eva and bo != eva
    assert by[("entities", "Bosse")]["person_id"] == bo
    assert by[("attendees", "Eva Holm")]["person_id"] == eva
    assert by[("action_items", "Eva")]["person_id"] == eva
    assert by[("meetings", "Eva Holm")]["person_id"] == eva
    for r in rows:
        assert TEXT[r["start_char"]:r["end_char"]] == r["text"], r
    assert by[("meetings", "Eva Holm")]["start_char"] == TEXT.rindex("Eva Holm")  # the signature
    assert ("entities", "RSMH") not in by


def test_a_record_without_a_meeting_has_no_mentions():
    assert mention_rows(MinutesRecord(document={"doc_id": "x", "status": "error"})) == []


def test_each_mention_says_how_it_was_linked_and_a_corrected_row_says_override():
    rec = _record()
    rec.entities.append({"meeting_id": "d1-1", "label": "PER", "text": "Bosse", "normalized": None,
                         "start_char": TEXT.index("Bosse"), "end_char": TEXT.index("Bosse") + 5, "overridden": True})
    index = PersonIndex()
    index.add_record(rec)
    index.build()
    index.annotate(rec)
    rows = mention_rows(rec, index.person_of, index.link_of)
    links = {(r["source_table"], r["text"], r["link"]) for r in rows}
    assert ("attendees", "Eva Holm", "name") in links
    assert ("entities", "Bosse", "name") in links  # resolved to Bo Pettersson by the NER stage
    assert ("entities", "Bosse", "override") in links
    assert all(r["confidence"] is None for r in rows)  # set as the record is written (products.confidence)
