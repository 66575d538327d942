"""pipeline/products/overrides.py: hand corrections that survive re-runs."""
from __future__ import annotations

import json

import pandas as pd
import pytest
import yaml

from pipeline.products.overrides import OverrideError, load_overrides
from pipeline.run.runner import run_archive

MINUTES = {
    "a.txt": ("Brukarrådet 4 mars 2024\n\nNärvarande: Aisha Karimi (ordf), Jonas Berg, Lena Holm\n\n"
              "§ 1 Lokalfrågan\nBrukarrådet beslutade att hyra lokalen på Storgatan 5. Jonas kontaktar hyresvärden "
              "före 1 april.\n\n§ 2 Kaffe\nBrukarrådet beslutade att köpa en ny kaffebryggare.\n\n"
              "§ 3 Nästa möte\nKim Berg från RSMH var också med och berättade om hösten.\n"),
    "b.txt": ("Brukarrådet 8 april 2024\n\nNärvarande: Aisha Karimi (ordf), Jonas Berg\n\n§ 1 Uppföljning\n"
              "Jonas berättade att hyresvärden har svarat. Aisha skriver till förvaltningen.\n"),
}


def _archive(tmp_path):
    src = tmp_path / "in"
    src.mkdir()
    for name, text in MINUTES.items():
        (src / name).write_text(text, encoding="utf-8")
    return src


def _tables(out):
    return {t: pd.read_parquet(out / f"{t}.parquet") for t in ("meetings", "decisions", "attendees", "persons",
                                                                "action_items")}


def _write(path, entries):
    path.write_text(yaml.safe_dump(entries, allow_unicode=True), encoding="utf-8")
    return path


def test_set_drop_and_add_apply_on_every_run_and_removing_them_restores_the_pipeline(tmp_path):
    src, out = _archive(tmp_path), tmp_path / "out"
    run_archive([src], out, {})
    t = _tables(out)
    coffee = t["decisions"][t["decisions"].text.str.contains("kaffebryggare")].iloc[0]
    lokal = t["decisions"][t["decisions"].text.str.contains("lokalen")].iloc[0]
    meeting = t["meetings"][t["meetings"].date_text == "4 mars 2024"].iloc[0]
    entries = [{"table": "decisions", "decision_id": coffee.decision_id, "drop": True},
               {"table": "decisions", "decision_id": lokal.decision_id, "set": {"kind": "adopted"}},
               {"table": "meetings", "meeting_id": meeting.meeting_id, "set": {"body": "Brukarrådet i Söderort"}},
               {"table": "attendees", "meeting_id": meeting.meeting_id,
                "add": {"name": "Kim Berg", "organisation": "RSMH", "present": True, "text": "Kim Berg"}},
               {"table": "decisions", "decision_id": "d-000000000000", "drop": True}]
    (out / "overrides.yaml").write_text(yaml.safe_dump(entries, allow_unicode=True), encoding="utf-8")
    summary = run_archive([src], out, {})
    assert summary.processed == 0  # the pipeline's results come from the cache; only the corrections are new
    t2 = _tables(out)
    assert coffee.decision_id not in set(t2["decisions"].decision_id)
    changed = t2["decisions"].set_index("decision_id").loc[lokal.decision_id]
    assert changed.kind == "adopted" and bool(changed.overridden)
    assert t2["meetings"].set_index("meeting_id").loc[meeting.meeting_id].body == "Brukarrådet i Söderort"
    kim = t2["attendees"][t2["attendees"].name == "Kim Berg"].iloc[0]
    text = pd.read_parquet(out / "documents.parquet").set_index("doc_id").loc[meeting.doc_id].text
    assert text[kim.start_char:kim.end_char] == "Kim Berg" and bool(kim.overridden) and kim.attendee_id
    report = json.loads((out / "run.json").read_text(encoding="utf-8"))["overrides"]
    assert len(report["applied"]) == 4
    assert [m["entry"] for m in report["not_applied"]] == ["#5 decisions drop d-000000000000"]
    # the same corrections again: same ids, same result
    run_archive([src], out, {}, fresh=True)
    assert sorted(_tables(out)["attendees"].attendee_id) == sorted(t2["attendees"].attendee_id)
    (out / "overrides.yaml").unlink()
    run_archive([src], out, {})
    t3 = _tables(out)
    assert coffee.decision_id in set(t3["decisions"].decision_id) and not t3["decisions"].overridden.any()


def test_persons_merge_and_split(tmp_path):
    src, out = _archive(tmp_path), tmp_path / "out"
    run_archive([src], out, {})
    persons = _tables(out)["persons"]
    jonas = persons[persons.name == "Jonas Berg"].iloc[0].person_id
    lena = persons[persons.name == "Lena Holm"].iloc[0].person_id
    ov = _write(tmp_path / "fix.yaml", [{"table": "persons", "merge": [jonas, lena]}])
    run_archive([src], out, {}, overrides=ov)
    t = _tables(out)
    assert lena not in set(t["persons"].person_id)
    merged = t["persons"].set_index("person_id").loc[jonas]
    assert "Lena Holm" in list(merged.variants) and bool(merged.overridden)
    assert set(t["attendees"][t["attendees"].name == "Lena Holm"].person_id) == {jonas}
    # split: the form 'Jonas' alone is someone else
    ov = _write(tmp_path / "fix.yaml", [{"table": "persons", "person_id": jonas, "split": ["Jonas"]}])
    run_archive([src], out, {}, overrides=ov)
    t = _tables(out)
    new = t["persons"][t["persons"].variants.map(lambda v: list(v) == ["Jonas"])]
    assert len(new) == 1 and new.iloc[0].person_id != jonas
    assert "Jonas" not in list(t["persons"].set_index("person_id").loc[jonas].variants)


@pytest.mark.parametrize("entries, message", [
    ([{"table": "decisionz", "decision_id": "d-1", "drop": True}], "unknown table"),
    ([{"table": "decisions", "decision_id": "d-1"}], "exactly one of"),
    ([{"table": "decisions", "set": {"kind": "noted"}}], "needs the row's decision_id"),
    ([{"table": "decisions", "decision_id": "d-1", "set": {"start_char": 3}}], "cannot set decisions.start_char"),
    ([{"table": "attendees", "add": {"name": "X"}, "meeting_id": "m"}], "add needs a row with its text"),
    ([{"table": "decisions", "merge": ["p-1", "p-2"]}], "merge is for the persons table"),
    ({"table": "decisions"}, "must be a YAML list"),
])
def test_malformed_overrides_are_clear_errors(tmp_path, entries, message):
    with pytest.raises(OverrideError, match=message):
        load_overrides(_write(tmp_path / "o.yaml", entries))


def test_a_missing_overrides_file_is_an_error(tmp_path):
    with pytest.raises(OverrideError, match="not found"):
        load_overrides(tmp_path / "nope.yaml")
