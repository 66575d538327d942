"""End to end: the `minutes` command on the sample archive in data/raw."""
import subprocess
import sys

import pandas as pd
import pytest
from typer.testing import CliRunner

from pipeline.cli import app
from pipeline.contract.schema import TABLES

runner = CliRunner()


def test_help_for_every_command():
    for args in ([], ["run"], ["stage"], ["schema"], ["report"], ["params"], ["dvc"], ["export"]):
        result = runner.invoke(app, [*args, "--help"], terminal_width=60)
        assert result.exit_code == 0, result.output
        assert "Usage" in result.output
        assert "<bool>" not in result.output  # a flag takes no value
        assert max(len(line) for line in result.output.splitlines()) <= 60  # wrapped to the terminal
    run_help = runner.invoke(app, ["run", "--help"], terminal_width=200).output
    assert "--follow-symlinks" in run_help and "--mask-identifiers / --no-mask-identifiers" in run_help
    # docstring paragraphs are re-wrapped, not printed with their hard line breaks
    assert "Parquet tables to OUT." in " ".join(run_help.split())


def test_identifiers_are_masked_unless_asked_not_to(tmp_path):
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "m.txt").write_text("Styrgruppen 4 maj 2020\n\nNärvarande: Eva Holm\n\nKontakt\n\n"
                                           "Ring Eva på 070-123 45 67.\n", encoding="utf-8")
    for flag, expected in (([], "[telefonnummer]"), (["--no-mask-identifiers"], "070-123 45 67")):
        out = tmp_path / f"out{len(flag)}"
        result = runner.invoke(app, ["run", str(tmp_path / "in"), "--out", str(out), "--quiet", *flag])
        assert result.exit_code == 0, result.output
        assert expected in pd.read_parquet(out / "documents.parquet")["text"][0]
        ids = pd.read_parquet(out / "identifiers.parquet")
        assert list(ids["kind"]) == ["telefonnummer"]


@pytest.mark.slow
def test_run_on_the_sample_archive(repo, tmp_path):
    out = tmp_path / "processed"
    result = subprocess.run([sys.executable, "-m", "pipeline.cli", "run", str(repo / "data" / "raw"), "--out", str(out),
                             "--quiet"], capture_output=True, text=True, timeout=900)
    assert result.returncode == 0, result.stderr
    assert "documents read" in result.stdout and "decisions" in result.stdout
    t = {name: pd.read_parquet(out / f"{name}.parquet") for name in TABLES}
    for name, schema in TABLES.items():
        assert list(t[name].columns) == schema.names
    docs = t["documents"]
    assert len(docs) == 5 and (docs["status"] == "ok").all()
    meetings = t["meetings"].merge(docs[["doc_id", "source_path"]], on="doc_id").set_index("source_path")
    assert meetings.loc["001_383d3ad550182990.txt", "body"] == "Gemensam ledningsgrupp"
    assert str(meetings.loc["004_f9b29f4a5844bb89.txt", "date"]) == "2017-12-07"
    assert meetings.loc["000_5a4cfbc16e09210b.txt", "author"] == "David"
    assert len(t["attendees"]) >= 20 and len(t["sections"]) >= 25
    text = dict(zip(docs["doc_id"], docs["text"]))
    meeting_doc = dict(zip(t["meetings"]["meeting_id"], t["meetings"]["doc_id"]))
    for name in ("sections", "entities", "decisions", "action_items"):
        for row in t[name].itertuples():
            span = text[meeting_doc[row.meeting_id]][row.start_char:row.end_char]
            if name == "sections":
                assert span.startswith(row.title)
            else:
                assert span == row.text


def test_unwritable_output_exits_non_zero(tmp_path, repo):
    blocker = tmp_path / "file"
    blocker.write_text("x")
    result = runner.invoke(app, ["run", str(repo / "data" / "raw" / "000_5a4cfbc16e09210b.txt"), "--out",
                                 str(blocker / "out"), "--quiet"])
    assert result.exit_code == 2


def test_a_bad_document_does_not_stop_the_run(tmp_path):
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "bra.txt").write_text("Styrgruppen 4 maj 2020\n\nBudget\n\nText.\n", encoding="utf-8")
    (tmp_path / "in" / "trasig.txt").write_bytes(b"   \n\n  ")  # nothing to read
    result = runner.invoke(app, ["run", str(tmp_path / "in"), "--out", str(tmp_path / "out"), "--quiet"])
    assert result.exit_code == 0, result.output
    docs = pd.read_parquet(tmp_path / "out" / "documents.parquet").set_index("source_path")
    assert docs.loc["bra.txt", "status"] == "ok"
    assert docs.loc["trasig.txt", "status"] == "error" and docs.loc["trasig.txt", "error"]


@pytest.mark.slow
def test_run_pseudonymized_keeps_names_out_of_the_shared_dataset(repo, tmp_path):
    out = tmp_path / "shared"
    result = subprocess.run([sys.executable, "-m", "pipeline.cli", "run", str(repo / "data" / "raw"), "--out", str(out),
                             "--pseudonymize", "--quiet"], capture_output=True, text=True, timeout=900)
    assert result.returncode == 0, result.stderr
    identified = tmp_path / "shared-identified"
    names = set(pd.read_parquet(identified / "attendees.parquet")["name"].dropna())
    assert len(names) >= 15
    text = "\n".join(pd.read_parquet(out / "documents.parquet")["text"].dropna())
    assert "Person " in text
    assert not [n for n in names if n in text]
    assert not (out / ".cache").exists()


def test_log_file_and_verbose_record_every_document_and_the_warnings_are_counted(tmp_path):
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "bra.txt").write_text("Styrgruppen 4 maj 2020\n\nBudget\n\nText.\n", encoding="utf-8")
    (tmp_path / "in" / "cp.txt").write_bytes("Styrgruppen 5 maj 2020\n\nÖvrigt\n\nInga frågor.\n".encode("cp1252"))
    (tmp_path / "in" / "tom.txt").write_bytes(b"   \n")
    log = tmp_path / "run.log"
    result = runner.invoke(app, ["run", str(tmp_path / "in"), "--out", str(tmp_path / "out"), "--quiet",
                                 "--verbose", "--log-file", str(log)])
    assert result.exit_code == 0, result.output
    text = log.read_text(encoding="utf-8")
    assert "bra.txt: ok" in text and "cp.txt: warning: decoded as cp1252" in text
    assert "tom.txt: no text" in text and "run finished: 3 documents (1 failed" in text
    assert "1 on 1 documents" in result.output  # the warnings row of the summary
    import json
    run = json.loads((tmp_path / "out" / "run.json").read_text(encoding="utf-8"))
    assert run["warnings"] == 1 and run["documents_with_warnings"] == 1


def test_a_missing_params_file_is_an_error_not_the_defaults(tmp_path, repo):
    minutes = str(repo / "data" / "raw" / "000_5a4cfbc16e09210b.txt")
    result = runner.invoke(app, ["run", minutes, "--out", str(tmp_path / "out"), "--params",
                                 str(tmp_path / "saknas.yaml"), "--quiet"])
    assert result.exit_code == 2
    assert "params file not found" in result.output and "saknas.yaml" in result.output
    assert not (tmp_path / "out" / "documents.parquet").exists()
    result = runner.invoke(app, ["stage", "ingest", "--in", minutes, "--out", str(tmp_path / "ingest"), "--params",
                                 str(tmp_path / "saknas.yaml")])
    assert result.exit_code == 2 and "params file not found" in result.output


def test_an_unknown_or_mistyped_parameter_is_an_error_naming_it(tmp_path, repo):
    minutes = str(repo / "data" / "raw" / "000_5a4cfbc16e09210b.txt")
    for text, named in [("ner:\n  modell: true\n", "ner.modell"), ("ingest:\n  ocr_dpi: hög\n", "ingest.ocr_dpi")]:
        (tmp_path / "p.yaml").write_text(text, encoding="utf-8")
        result = runner.invoke(app, ["run", minutes, "--out", str(tmp_path / "out"), "--params",
                                     str(tmp_path / "p.yaml"), "--quiet"])
        assert result.exit_code == 2 and named in result.output, result.output


def test_params_and_dvc_print_the_generated_files(tmp_path, repo):
    from pipeline.run.generate import dvc_yaml, params_yaml

    assert runner.invoke(app, ["params"]).output == params_yaml()
    result = runner.invoke(app, ["dvc", "--out", str(tmp_path / "dvc.yaml")])
    assert result.exit_code == 0 and (tmp_path / "dvc.yaml").read_text(encoding="utf-8") == dvc_yaml()
