"""Discovery: every path under an input is found once, read or skipped with its reason; symlinks
stay in the input tree; fifos and devices are never opened; names that are not UTF-8 survive."""
from __future__ import annotations

import os
import threading

import pytest

from pipeline.run.discover import discover, display_path, path_id, skipped_record

MINUTES = "Styrelsen 3 mars 2024\n\nNärvarande: Eva Holm\n\nBudget\n\nVi går igenom budgeten.\n"


def _reasons(found) -> dict[str, str | None]:
    return {f.source_path: f.skip for f in found}


def test_every_path_is_found_and_unsupported_kinds_are_skipped_with_a_reason(tmp_path):
    (tmp_path / "2024").mkdir()
    (tmp_path / "2024" / "protokoll.txt").write_text(MINUTES, encoding="utf-8")
    (tmp_path / "2024" / "bilaga.xlsx").write_bytes(b"PK\x03\x04 not really")
    (tmp_path / "README").write_text("om arkivet", encoding="utf-8")
    (tmp_path / ".DS_Store").write_bytes(b"\x00\x01")
    (tmp_path / "~$protokoll.docx").write_bytes(b"lock")
    (tmp_path / ".git").mkdir()
    (tmp_path / ".git" / "config").write_text("[core]", encoding="utf-8")
    got = _reasons(discover([tmp_path]))
    assert got["2024/protokoll.txt"] is None
    assert "unsupported kind of file (.xlsx)" in got["2024/bilaga.xlsx"]
    assert "no suffix" in got["README"]
    assert "hidden file" in got[".DS_Store"] and "Office lock file" in got["~$protokoll.docx"]
    assert "hidden folder" in got[".git"] and ".git/config" not in got  # a hidden folder is not searched
    assert len(got) == 6


def test_a_symlink_out_of_the_tree_is_skipped_unless_asked_for(tmp_path):
    secret = tmp_path / "privat"
    secret.mkdir()
    (secret / "lösenord.txt").write_text("hemligt", encoding="utf-8")
    archive = tmp_path / "arkiv"
    archive.mkdir()
    (archive / "a.txt").write_text(MINUTES, encoding="utf-8")
    os.symlink(secret / "lösenord.txt", archive / "länk.txt")
    os.symlink(secret, archive / "mapp")
    got = _reasons(discover([archive]))
    assert got["a.txt"] is None
    assert "outside the input tree" in got["länk.txt"] and "outside the input tree" in got["mapp"]
    assert not any(p.startswith("mapp/") for p in got)
    followed = _reasons(discover([archive], follow_external=True))
    assert followed["länk.txt"] is None and followed["mapp/lösenord.txt"] is None


def test_a_symlinked_folder_inside_the_tree_is_read_once_and_loops_end(tmp_path):
    (tmp_path / "2023").mkdir()
    (tmp_path / "2023" / "m.txt").write_text(MINUTES, encoding="utf-8")
    os.symlink(tmp_path / "2023", tmp_path / "senaste")     # a second way to the same folder
    os.symlink(tmp_path, tmp_path / "2023" / "upp")          # a loop back to the root
    os.symlink(tmp_path / "a", tmp_path / "b")               # b -> a -> b
    os.symlink(tmp_path / "b", tmp_path / "a")
    os.symlink(tmp_path / "finns-inte.txt", tmp_path / "död.txt")
    got = _reasons(discover([tmp_path]))
    assert got["2023/m.txt"] is None
    assert "already read as 2023" in got["senaste"] and "already read as the input folder" in got["2023/upp"]
    assert "symlink loop" in got["a"] and "symlink loop" in got["b"]
    assert "dangling symlink" in got["död.txt"]
    assert [p for p in got if p.endswith("m.txt")] == ["2023/m.txt"]


def test_a_fifo_is_skipped_without_being_opened(tmp_path):
    os.mkfifo(tmp_path / "rör.txt")
    (tmp_path / "a.txt").write_text(MINUTES, encoding="utf-8")
    result = {}
    t = threading.Thread(target=lambda: result.update(found=discover([tmp_path])), daemon=True)
    t.start()
    t.join(10)
    assert not t.is_alive(), "discovery blocked on a fifo"
    got = _reasons(result["found"])
    assert "fifo" in got["rör.txt"] and got["a.txt"] is None
    given = discover([tmp_path / "rör.txt"])  # named on the command line: still not read
    assert "fifo" in given[0].skip


@pytest.mark.skipif(not os.path.exists("/dev/null"), reason="needs /dev/null")
def test_a_device_is_skipped_even_when_links_may_leave_the_tree(tmp_path):
    os.symlink("/dev/null", tmp_path / "enhet.txt")
    (found,) = discover([tmp_path], follow_external=True)
    assert found.skip == "a device: not read"


def test_names_that_are_not_utf8_are_kept_and_shown_with_escapes(tmp_path):
    raw = os.fsencode(tmp_path) + b"/m\xf6te-\xff.txt"  # latin-1 'ö' and a stray byte
    with open(raw, "w", encoding="utf-8") as f:
        f.write(MINUTES)
    (found,) = discover([tmp_path])
    assert found.skip is None and found.path.exists()
    assert found.source_path == "m\\xf6te-\\xff.txt"
    assert found.source_path.encode("utf-8")  # valid UTF-8 for Parquet and run.json
    assert display_path(os.fsdecode(b"a\xe9")) == "a\\xe9"


def test_a_given_file_is_read_whatever_its_suffix(tmp_path):
    f = tmp_path / "protokoll.dat"
    f.write_text(MINUTES, encoding="utf-8")
    (found,) = discover([f])
    assert found.skip is None and found.root == tmp_path and found.source_path == "protokoll.dat"


def test_skipped_rows_carry_the_reason_and_a_path_id(tmp_path):
    os.mkfifo(tmp_path / "rör")
    (found,) = discover([tmp_path])
    rec = skipped_record(found, found.skip)
    doc = rec.document
    assert doc["status"] == "skipped" and "fifo" in doc["error"] and doc["text"] is None
    assert doc["doc_id"] == path_id(found.path, found.root) and len(doc["doc_id"]) == 16
    assert skipped_record(found, "x", doc_id="abc").document["doc_id"] == "abc"
