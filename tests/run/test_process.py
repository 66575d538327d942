import dataclasses

from pipeline.run import process
from pipeline.run.process import load_params, process_document


def test_a_minutes_file_goes_through_every_stage(tmp_path):
    f = tmp_path / "m.txt"
    f.write_text("Referensgruppen 12 april 2021\n\nNärvarande\n\nKim Ek, Hela Människan\nAli Noor, RSMH\n\n"
                 "Lokalfrågan\n\nVi ses igen den 3/5.\n\n/Kim\n", encoding="utf-8")
    rec = process_document(f, tmp_path, load_params())
    assert rec.ok
    assert rec.document["text"] == f.read_text(encoding="utf-8")
    assert rec.meeting["body"] == "Referensgruppen" and rec.meeting["author"] == "Kim"
    assert [a["name"] for a in rec.attendees] == ["Kim Ek", "Ali Noor"]
    assert [s["title"] for s in rec.sections] == ["Närvarande", "Lokalfrågan"]
    dates = [e for e in rec.entities if e["label"] == "DATE"]
    assert [(e["text"], e["normalized"]) for e in dates] == [("12 april 2021", "2021-04-12"), ("den 3/5", "2021-05-03")]
    for e in rec.entities:
        assert rec.document["text"][e["start_char"]:e["end_char"]] == e["text"]


def test_a_stage_that_fails_becomes_an_error_row_not_a_crash(tmp_path, monkeypatch):
    f = tmp_path / "m.txt"
    f.write_text("Styrgruppen 1 mars 2020\n\nPunkt\n\nText.\n", encoding="utf-8")

    def broken(rec, params):
        raise ValueError("boom")

    monkeypatch.setitem(process.BY_NAME, "segment", dataclasses.replace(process.BY_NAME["segment"], run=broken))
    rec = process_document(f, tmp_path, {})
    assert rec.document["status"] == "error"
    assert "segment stage failed" in rec.document["error"] and "boom" in rec.document["error"]
    assert rec.document["text_raw"].startswith("Styrgruppen")
    assert rec.meetings == [] and rec.sections == []


def test_an_unexpected_ingest_failure_is_an_error_row_keyed_by_content(tmp_path, monkeypatch):
    from pipeline.stages.ingest import doc_id_for

    (tmp_path / "sub").mkdir()
    path = tmp_path / "sub" / "protokoll.txt"
    path.write_text("Styrelsen 3 maj 2021\n\nMötet öppnades.\n", encoding="utf-8")

    def broken(*args, **kwargs):
        raise MemoryError("out of memory")

    monkeypatch.setattr(process, "SOURCE", dataclasses.replace(process.SOURCE, run=broken))
    rec = process.process_document(path, tmp_path, {})
    assert rec.document["status"] == "error" and "ingest stage failed: MemoryError" in rec.document["error"]
    # the same id as a readable copy would get, so the run cache finds it on the next run
    assert rec.document["doc_id"] == doc_id_for(path)
    assert rec.document["source_path"] == "sub/protokoll.txt"
