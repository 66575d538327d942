"""pipeline/contract/ids.py: stable, content-derived row ids."""
from __future__ import annotations

from pipeline.contract.ids import ROW_IDS, assign_row_ids, content_id
from pipeline.contract.record import MinutesRecord
from pipeline.run.process import process_document

MINUTES = ("Styrelsen för Brukarföreningen Vägen 3 mars 2024\n\nNärvarande: Aisha Karimi (ordf), Jonas Berg, "
           "Lena Holm\n\n§ 1 Lokalfrågan\nStyrelsen beslutade att hyra lokalen på Storgatan 5. Jonas kontaktar "
           "hyresvärden före 1 april.\n\n§ 2 Nästa möte\nNästa möte hålls den 7 april 2024.\n")


def _record() -> MinutesRecord:
    m = "doc1-1"
    return MinutesRecord(
        document={"doc_id": "doc1"},
        sections=[{"meeting_id": m, "section_id": "doc1-1-s001", "title": "§ 1 Lokal", "start_char": 0, "end_char": 9},
                  {"meeting_id": m, "section_id": "doc1-1-s002", "title": "§ 2 Övrigt", "start_char": 9,
                   "end_char": 20}],
        entities=[{"meeting_id": m, "section_id": "doc1-1-s002", "label": "PER", "start_char": 12, "end_char": 15},
                  {"meeting_id": m, "section_id": "doc1-1-s002", "label": "PER", "start_char": 12, "end_char": 15}],
        decisions=[{"meeting_id": m, "section_id": "doc1-1-s001", "kind": "decided", "start_char": 2, "end_char": 8}],
        blocks=[{"doc_id": "doc1", "section_id": "doc1-1-s001", "start_char": 0, "end_char": 9}])


def test_ids_come_from_content_and_section_references_follow():
    rec = _record()
    assign_row_ids(rec)
    s1, s2 = (s["section_id"] for s in rec.sections)
    assert s1 == content_id("s", "doc1", "sections", 0, 9, "§ 1 Lokal") and s1.startswith("s-")
    assert rec.decisions[0]["section_id"] == s1 and rec.blocks[0]["section_id"] == s1
    assert {e["section_id"] for e in rec.entities} == {s2}
    # the same span twice: unique within the table, deterministically
    ids = [e["entity_id"] for e in rec.entities]
    assert ids[1] == ids[0] + "-2"


def test_assigning_twice_changes_nothing():
    rec = _record()
    assign_row_ids(rec)
    first = {t: [r[c] for r in getattr(rec, t)] for t, (c, _, _) in ROW_IDS.items()}
    refs = [e["section_id"] for e in rec.entities]
    assign_row_ids(rec)
    assert first == {t: [r[c] for r in getattr(rec, t)] for t, (c, _, _) in ROW_IDS.items()}
    assert refs == [e["section_id"] for e in rec.entities]


def test_a_processed_document_has_the_same_ids_wherever_and_whenever_it_is_read(tmp_path):
    a = tmp_path / "a" / "protokoll.txt"
    b = tmp_path / "b" / "kopia.txt"
    for p in (a, b):
        p.parent.mkdir()
        p.write_text(MINUTES, encoding="utf-8")
    ra, rb = process_document(a, a.parent, {}), process_document(b, b.parent, {})
    for table, (column, prefix, _) in ROW_IDS.items():
        ids_a = [r[column] for r in getattr(ra, table)]
        assert ids_a == [r[column] for r in getattr(rb, table)]
        assert len(set(ids_a)) == len(ids_a) and all(i.startswith(prefix + "-") for i in ids_a)
    assert ra.decisions and ra.attendees and ra.entities and ra.sections and ra.action_items
    section_ids = {s["section_id"] for s in ra.sections}
    assert {d["section_id"] for d in ra.decisions} <= section_ids
