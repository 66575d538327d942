import pandas as pd

from pipeline.export import read_tables
from pipeline.runner import run_archive

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
