import os
from dataclasses import dataclass

import pandas as pd
import pytest

from pipeline.contract.record import MinutesRecord
from pipeline.run.export import read_tables
from pipeline.run.runner import Work, document_pass, run_archive

MINUTES = ("Brukarrådet {d} maj 2021\n\nNärvarande\n\nEva Holm, RSMH\nJan Berg, socialförvaltningen\n\n"
           "Lokaler\n\nVi tittar på nya lokaler.\n\n/Eva\n")


def _archive(root, n=4):
    for i in range(n):
        sub = root / f"år{i % 2}"
        sub.mkdir(parents=True, exist_ok=True)
        (sub / f"m{i}.txt").write_text(MINUTES.format(d=i + 1), encoding="utf-8")


def test_folders_are_read_recursively_and_paths_are_relative(tmp_path):
    _archive(tmp_path / "in")
    summary = run_archive([tmp_path / "in"], tmp_path / "out", {})
    docs = read_tables(tmp_path / "out")["documents"]
    assert summary.documents == 4 and summary.failed == 0
    assert sorted(docs["source_path"]) == ["år0/m0.txt", "år0/m2.txt", "år1/m1.txt", "år1/m3.txt"]
    assert (tmp_path / "out" / "run.json").exists()


def test_duplicate_files_are_processed_once(tmp_path):
    _archive(tmp_path / "in", 1)
    (tmp_path / "in" / "kopia.txt").write_text(MINUTES.format(d=1), encoding="utf-8")
    summary = run_archive([tmp_path / "in"], tmp_path / "out", {})
    t = read_tables(tmp_path / "out")
    assert summary.documents == 2 and len(t["meetings"]) == 1
    assert t["documents"]["doc_id"].is_unique
    errors = t["documents"]["error"].dropna().tolist()
    assert len(errors) == 1 and errors[0].startswith("duplicate of ")


def test_two_workers_give_the_same_tables_as_one(tmp_path):
    _archive(tmp_path / "in", 6)
    run_archive([tmp_path / "in"], tmp_path / "one", {})
    run_archive([tmp_path / "in"], tmp_path / "two", {}, workers=2)
    one, two = read_tables(tmp_path / "one"), read_tables(tmp_path / "two")
    for table in one:
        pd.testing.assert_frame_equal(one[table], two[table])


def test_an_unchanged_rerun_processes_nothing_and_a_new_file_only_itself(tmp_path):
    _archive(tmp_path / "in", 4)
    first = run_archive([tmp_path / "in"], tmp_path / "out", {})
    before = read_tables(tmp_path / "out")
    again = run_archive([tmp_path / "in"], tmp_path / "out", {})
    assert (first.processed, again.processed, again.reused) == (4, 0, 4)
    after = read_tables(tmp_path / "out")
    for table in before:
        pd.testing.assert_frame_equal(before[table], after[table])
    (tmp_path / "in" / "ny.txt").write_text(MINUTES.format(d=20), encoding="utf-8")
    more = run_archive([tmp_path / "in"], tmp_path / "out", {})
    assert (more.processed, more.documents) == (1, 5)
    changed = run_archive([tmp_path / "in"], tmp_path / "out", {"extract": {"resolve_threshold": 90}})
    assert changed.processed == 5  # other parameters: nothing can be reused


def test_a_killed_run_resumes_to_the_same_output(tmp_path):
    import os
    import signal
    import subprocess
    import sys
    import time

    from pipeline.run.process import load_params

    params = load_params()  # what the command line uses
    _archive(tmp_path / "in", 40)
    run_archive([tmp_path / "in"], tmp_path / "whole", params)
    out = tmp_path / "out"
    proc = subprocess.Popen([sys.executable, "-m", "pipeline.cli", "run", str(tmp_path / "in"), "--out", str(out),
                             "--quiet"], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.time() + 600
    while time.time() < deadline and proc.poll() is None and len(list((out / ".cache").rglob("*.json"))) < 5:
        time.sleep(0.05)
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait()
    assert not (out / "documents.parquet").exists()  # nothing half-written became visible
    done_before = len(list((out / ".cache").rglob("*.json")))
    assert 5 <= done_before < 40
    resumed = run_archive([tmp_path / "in"], out, params)
    assert resumed.processed == 40 - done_before
    whole, again = read_tables(tmp_path / "whole"), read_tables(out)
    for table in whole:
        pd.testing.assert_frame_equal(whole[table], again[table])
    assert not list(out.glob(".writing-*"))


def test_a_dask_cluster_gives_the_same_tables_as_one_process(tmp_path):
    from dask.distributed import Client, LocalCluster

    _archive(tmp_path / "in", 4)
    run_archive([tmp_path / "in"], tmp_path / "one", {})
    with LocalCluster(n_workers=1, threads_per_worker=1, processes=False, dashboard_address=None) as cluster, \
            Client(cluster) as client:
        summary = run_archive([tmp_path / "in"], tmp_path / "dask", {}, scheduler=client)
    assert summary.processed == 4
    one, dask = read_tables(tmp_path / "one"), read_tables(tmp_path / "dask")
    for table in one:
        pd.testing.assert_frame_equal(one[table], dask[table])


def test_a_second_run_on_the_same_output_is_refused(tmp_path):
    import fcntl

    import pytest

    from pipeline.run.export import OutputError

    _archive(tmp_path / "in", 1)
    (tmp_path / "out").mkdir()
    with open(tmp_path / "out" / ".lock", "w") as f:
        fcntl.flock(f, fcntl.LOCK_EX)
        with pytest.raises(OutputError, match="another run"):
            run_archive([tmp_path / "in"], tmp_path / "out", {})


def test_an_unchanged_rerun_leaves_the_output_alone_unless_a_table_is_missing(tmp_path):
    import shutil

    _archive(tmp_path / "in", 2)
    run_archive([tmp_path / "in"], tmp_path / "out", {})
    meetings = tmp_path / "out" / "meetings.parquet"
    stamp = meetings.stat().st_mtime_ns
    again = run_archive([tmp_path / "in"], tmp_path / "out", {})
    assert again.processed == 0 and again.documents == 2 and again.counts["meetings"] == 2
    assert meetings.stat().st_mtime_ns == stamp  # nothing rewritten
    shutil.rmtree(meetings)
    run_archive([tmp_path / "in"], tmp_path / "out", {})
    assert len(read_tables(tmp_path / "out")["meetings"]) == 2
    (tmp_path / "in" / "år0" / "m0.txt").rename(tmp_path / "in" / "år0" / "flyttad.txt")  # moved: paths change
    run_archive([tmp_path / "in"], tmp_path / "out", {})
    assert "år0/flyttad.txt" in set(read_tables(tmp_path / "out")["documents"]["source_path"])


def test_every_path_gets_one_row_and_each_status_is_counted(tmp_path):
    import json
    import os
    import threading

    archive, outside = tmp_path / "in", tmp_path / "privat"
    _archive(archive, 2)
    outside.mkdir()
    (outside / "hemlig.txt").write_text("Hemligt möte 1 maj 2021\n\nLösenordet är sommar2021.\n", encoding="utf-8")
    os.symlink(outside / "hemlig.txt", archive / "länk.txt")
    (archive / "kopia.txt").write_text(MINUTES.format(d=1), encoding="utf-8")  # år0/m0.txt is the same bytes
    (archive / "tom.txt").write_bytes(b"")
    (archive / "tabell.xlsx").write_bytes(b"PK\x03\x04")
    os.mkfifo(archive / "rör.txt")
    with open(os.fsencode(archive) + b"/m\xf6te.txt", "w", encoding="utf-8") as f:
        f.write(MINUTES.format(d=9))
    done = {}
    t = threading.Thread(target=lambda: done.update(s=run_archive([archive], tmp_path / "out", {})), daemon=True)
    t.start()
    t.join(300)
    assert not t.is_alive(), "the run hung"
    summary = done["s"]
    docs = read_tables(tmp_path / "out")["documents"].set_index("source_path")
    assert len(docs) == 8 == summary.documents and docs["doc_id"].is_unique
    status = docs["status"].to_dict()
    assert status == {"kopia.txt": "ok", "år1/m1.txt": "ok", "m\\xf6te.txt": "ok", "tom.txt": "error",
                      "år0/m0.txt": "skipped", "tabell.xlsx": "skipped", "rör.txt": "skipped", "länk.txt": "skipped"}
    assert docs.loc["år0/m0.txt", "error"].startswith("duplicate of kopia.txt")  # the first in path order is read
    assert "outside the input tree" in docs.loc["länk.txt", "error"]
    assert not docs["text"].dropna().str.contains("sommar2021").any()
    assert (summary.ok, summary.failed, summary.skipped) == (3, 1, 4)
    run = json.loads((tmp_path / "out" / "run.json").read_text(encoding="utf-8"))
    assert run["status"] == {"ok": 3, "error": 1, "skipped": 4}
    assert {s["source_path"] for s in run["skips"]} == {"år0/m0.txt", "tabell.xlsx", "rör.txt", "länk.txt"}


def test_a_document_over_a_stage_budget_is_an_error_row_and_the_run_goes_on(tmp_path):
    _archive(tmp_path / "in", 1)
    (tmp_path / "in" / "lång.txt").write_text("Styrelsen 1 maj 2021\n\n" + "rad\n" * 500, encoding="utf-8")
    summary = run_archive([tmp_path / "in"], tmp_path / "out", {"segment": {"budget_lines": 400}})
    docs = read_tables(tmp_path / "out")["documents"].set_index("source_path")
    assert docs.loc["år0/m0.txt", "status"] == "ok"
    assert docs.loc["lång.txt", "status"] == "error"
    assert docs.loc["lång.txt", "error"] == "segment stage: over budget: the text has 503 lines, more than " \
                                            "segment.budget_lines=400"
    assert summary.failed == 1


PROTOCOL = ("Brukarrådet 3 juni 2021\n\nNärvarande\n\nAnna Ek, Funktionsrätt Kungsbacka\nEva Holm, RSMH\n"
            "Jan Berg, Socialförvaltningen\n\nFrånvarande\n\nKarl Öst, Försäkringskassan\n\nKallade\n\n"
            "Lisa Ny, Kommunal\nEva Holm, RSMH\n\nLokaler\n\nFK och socialförvaltningen tittar på nya lokaler.\n")


def test_organisations_and_attendance_are_written_and_read_in_one_line(tmp_path):
    import duckdb

    _archive(tmp_path / "in", n=2)
    (tmp_path / "in" / "juni.txt").write_text(PROTOCOL, encoding="utf-8")
    out = tmp_path / "out"
    run_archive([tmp_path / "in"], out, {"ner": {"model": False}})
    # the one-liners of the README
    attendance = pd.read_parquet(out / "attendance.parquet")
    in_sql = duckdb.sql(f"SELECT * FROM '{out}/attendance.parquet/*/*.parquet'").df()
    assert len(attendance) == len(in_sql) > 0 and set(attendance["attendee_id"]) == set(in_sql["attendee_id"])
    june = attendance[attendance["date"].astype(str) == "2021-06-03"].set_index("name")
    assert june["status"].to_dict() == {"Anna Ek": "present", "Eva Holm": "present", "Jan Berg": "present",
                                        "Karl Öst": "absent", "Lisa Ny": "invited"}
    assert june.loc["Eva Holm", "organisation_kind"] == "user_organisation"
    assert june.loc["Karl Öst", "organisation"] == "Försäkringskassan"
    share = duckdb.sql(f"""SELECT body, year(date) AS year,
                           avg(coalesce(organisation_kind = 'user_organisation', false)::int) AS share
                           FROM '{out}/attendance.parquet/*/*.parquet' WHERE status IN ('present', 'substitute')
                           GROUP BY ALL ORDER BY ALL""").df()  # the README's share of user organisations
    # Brukarrådet 2021: in May twice RSMH and the administration, in June two user organisations of three
    assert share["body"].tolist() == ["Brukarrådet"] and share["share"].tolist() == [pytest.approx(4 / 7)]
    orgs = pd.read_parquet(out / "organisations.parquet").set_index("name")
    assert orgs.loc["Riksförbundet för social och mental hälsa", "n_meetings"] == 3  # RSMH in every meeting
    assert orgs.loc["Försäkringskassan", "kind"] == "state_agency"
    t = read_tables(out)
    ids = set(orgs["organisation_id"])
    assert set(t["attendees"]["organisation_id"].dropna()) <= ids
    assert set(t["entities"].loc[t["entities"]["label"] == "ORG", "organisation_id"].dropna()) <= ids
    assert set(attendance["person_id"].dropna()) <= set(t["persons"]["person_id"])


@dataclass(frozen=True)
class _DiesOnBoom(Work):
    """A worker process that dies (as on a native crash) on the file named boom.txt."""

    def __call__(self, item, params):
        if item[0].name == "boom.txt":
            os._exit(1)
        return MinutesRecord(document={"doc_id": item[0].name, "status": "ok"})


def test_a_document_that_kills_its_worker_costs_only_its_own_row(tmp_path):
    """Documents go to the workers in chunks; after a crash the chunk is retried one document at a time, so
    the neighbours of the document that kills the worker still get their rows, in input order."""
    names = [f"m{i}.txt" for i in range(9)]
    names[5] = "boom.txt"
    for name in names:
        (tmp_path / name).write_text(MINUTES.format(d=1), encoding="utf-8")
    recs = list(document_pass([(tmp_path / n, tmp_path) for n in names], {}, _DiesOnBoom(), workers=2))
    assert recs[5].document["source_path"] == "boom.txt"
    assert [r.document["status"] for r in recs] == ["ok"] * 5 + ["error"] + ["ok"] * 3
    assert [r.document["doc_id"] for r in recs if r.ok] == [n for n in names if n != "boom.txt"]
    assert "died" in recs[5].document["error"]
