"""`minutes review`: the least certain rows across tables, with context and overrides entries that work."""
from __future__ import annotations

import csv
import datetime as dt
import html

import yaml
from typer.testing import CliRunner

from pipeline.cli import app
from pipeline.contract.ids import assign_row_ids
from pipeline.contract.record import MinutesRecord
from pipeline.products.confidence import score_record
from pipeline.products.overrides import OverrideSet, load_overrides
from pipeline.products.review import review_rows, write_review
from pipeline.run.export import write_tables

TEXT = ("Brukarrådet Almestad 12 mars 2024\n\nNärvarande: Åsa Öberg (RSMH), Per Lind\n\n"
        "§ 3 Lokaler\nRådet beslutade att <script>alert(1)</script> hyra lokalen på Storgatan.\n"
        "Åsa bokar lokalen till nästa möte.\nRådet noterar informationen.\n")
KNOWN = {"decisions": {"": 0.9, "cue:beslut-verb": 0.95, "cue:noted": 0.6},
         "action_items": {"": 0.8, "task-verb": 0.4}, "attendees": {"": 0.99},
         "entities": {"": 0.9, "LOC|model|1": 0.2, "PER|attendees|3+": 0.99}, "person_mentions": {"": 0.97}}


def _at(needle: str) -> tuple[int, int]:
    i = TEXT.index(needle)
    return i, i + len(needle)


def _record() -> MinutesRecord:
    m = "d1-1"
    doc = {"doc_id": "d1", "source_path": "almestad/2024-03-12.txt", "format": "txt", "text_raw": TEXT, "text": TEXT,
           "status": "ok", "ocr": False}
    decided, noted, task = (_at(s) for s in ("Rådet beslutade att <script>alert(1)</script> hyra lokalen på "
                                             "Storgatan.", "Rådet noterar informationen.",
                                             "Åsa bokar lokalen till nästa möte."))
    line, place, asa = _at("Närvarande: Åsa Öberg (RSMH), Per Lind"), _at("Storgatan"), _at("Åsa Öberg")
    rec = MinutesRecord(
        document=doc,
        meetings=[{"meeting_id": m, "doc_id": "d1", "body": "Brukarrådet Almestad", "date": dt.date(2024, 3, 12)}],
        attendees=[{"meeting_id": m, "name": "Åsa Öberg", "organisation": "RSMH", "start_char": line[0],
                    "end_char": line[1], "present": True}],
        entities=[{"meeting_id": m, "label": "LOC", "text": "Storgatan", "start_char": place[0], "end_char": place[1],
                   "source": "model", "layers": 1},
                  {"meeting_id": m, "label": "PER", "text": "Åsa Öberg", "start_char": asa[0], "end_char": asa[1],
                   "source": "attendees", "layers": 3}],
        decisions=[{"meeting_id": m, "text": TEXT[decided[0]:decided[1]], "start_char": decided[0],
                    "end_char": decided[1], "kind": "decided", "rule": "cue:beslut-verb"},
                   {"meeting_id": m, "text": TEXT[noted[0]:noted[1]], "start_char": noted[0], "end_char": noted[1],
                    "kind": "noted", "rule": "cue:noted", "overridden": True}],
        action_items=[{"meeting_id": m, "text": TEXT[task[0]:task[1]], "start_char": task[0], "end_char": task[1],
                       "assignees": ["Åsa"], "rule": "task-verb"}])
    assign_row_ids(rec)
    score_record(rec, KNOWN)
    return rec


def _dataset(tmp_path):
    out = tmp_path / "out"
    write_tables([_record()], out, {"persons": []})
    return out


def test_the_least_certain_rows_come_first_across_tables(tmp_path):
    rows = review_rows(_dataset(tmp_path), limit=4)
    assert [(r["table"], r["confidence"]) for r in rows] == [("entities", 0.2), ("action_items", 0.4),
                                                             ("decisions", 0.95), ("attendees", 0.99)]
    place = rows[0]
    assert place["row_id"].startswith("e-") and place["text"] == "LOC: Storgatan"
    assert place["source_path"] == "almestad/2024-03-12.txt" and place["evidence"] == "LOC|model|1"
    assert "«Storgatan»" in place["context"] and "hyra lokalen på «Storgatan»." in place["context"]
    assert TEXT[place["start_char"]:place["end_char"]] == "Storgatan"
    assert rows[3]["table"] == "attendees" and rows[3]["evidence"] == "line|full"
    # the row a person corrected (confidence 1.0) is the last of all
    assert review_rows(_dataset(tmp_path), limit=100)[-1]["confidence"] == 1.0


def test_a_pasted_entry_drops_or_fixes_the_row(tmp_path):
    rows = review_rows(_dataset(tmp_path), limit=2)
    path = tmp_path / "overrides.yaml"
    path.write_text(rows[0]["override_drop"] + "\n" + rows[1]["override_fix"].replace("- Åsa", "- Åsa Öberg") + "\n",
                    encoding="utf-8")
    corrected = OverrideSet(load_overrides(path)).apply(_record())
    assert [e["text"] for e in corrected.entities] == ["Åsa Öberg"]   # Storgatan dropped
    assert corrected.action_items[0]["assignees"] == ["Åsa Öberg"] and corrected.action_items[0]["overridden"]
    score_record(corrected, KNOWN)
    assert corrected.action_items[0]["confidence"] == 1.0


def test_csv_and_html_are_written_and_the_html_is_escaped(tmp_path):
    out = _dataset(tmp_path)
    result = write_review(out, tmp_path / "rev", limit=10)
    assert result["rows"] == 6 and result["tables"]["decisions"] == 2
    with open(tmp_path / "rev" / "review.csv", encoding="utf-8", newline="") as f:
        rows = list(csv.DictReader(f))
    assert rows[0]["table"] == "entities" and float(rows[0]["confidence"]) == 0.2
    decided = next(r for r in rows if r["table"] == "decisions" and float(r["confidence"]) < 1)
    assert yaml.safe_load(decided["override_drop"]) == [{"table": "decisions", "decision_id": decided["row_id"],
                                                         "drop": True}]
    page = (tmp_path / "rev" / "review.html").read_text(encoding="utf-8")
    assert "<script>" not in page and html.escape("<script>alert(1)</script>") in page
    assert "<mark>Storgatan</mark>" in page and decided["row_id"] in page


def test_review_command(tmp_path):
    out = _dataset(tmp_path)
    result = CliRunner().invoke(app, ["review", str(out), "--limit", "2"])
    assert result.exit_code == 0, result.output
    with open(out / "review.csv", encoding="utf-8") as f:
        assert len(list(csv.DictReader(f))) == 2
    assert (out / "review.html").exists()
    result = CliRunner().invoke(app, ["review", str(tmp_path / "missing")])
    assert result.exit_code == 2
