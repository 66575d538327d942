"""pipeline/products/tabular.py: every table as CSV files or one Excel workbook."""
from __future__ import annotations

import csv

import pandas as pd
import pytest
from typer.testing import CliRunner

from pipeline.cli import app
from pipeline.contract.record import MinutesRecord
from pipeline.contract.schema import ALL_TABLES
from pipeline.products.tabular import EXCEL_MAX_CELL, export_tables
from pipeline.run.export import write_tables

TEXT = ("Styrelsen för Föreningen Bryggan 4 mars 2024\n\nNärvarande: Åsa Öberg, Per Lind\n\f\n"
        "1. Budget\nStyrelsen beslutade att anta budgeten. Åsa bokar lokal.\n")


def _dataset(tmp_path, text=TEXT):
    import datetime as dt

    doc = {"doc_id": "d1", "source_path": "a/2024-03-04.txt", "format": "txt", "n_pages": 2, "ocr": False,
           "ocr_pages": [], "text_raw": text, "text": text, "status": "ok", "warnings": ["decoded as cp1252"]}
    m = "d1-1"
    rec = MinutesRecord(
        document=doc,
        meetings=[{"meeting_id": m, "doc_id": "d1", "body": "Styrelsen för Föreningen Bryggan",
                   "date": dt.date(2024, 3, 4), "date_text": "4 mars 2024"}],
        attendees=[{"meeting_id": m, "name": "Åsa Öberg", "present": True},
                   {"meeting_id": m, "name": "Per Lind", "present": True}],
        action_items=[{"meeting_id": m, "text": "Åsa bokar lokal.", "assignees": ["Åsa", "Per Lind"],
                       "due_text": None}])
    out = tmp_path / "out"
    write_tables([rec], out, {"persons": [{"person_id": "p-1", "name": "Åsa Öberg", "variants": ["Åsa", "Åsa Öberg"],
                                           "n_meetings": 1, "n_mentions": 2}]})
    return out


def test_csv_export_has_every_table_lists_joined_and_the_dictionary(tmp_path):
    out = _dataset(tmp_path)
    result = export_tables(out, "csv", tmp_path / "csv")
    assert set(result["tables"]) == set(ALL_TABLES)
    with open(tmp_path / "csv" / "action_items.csv", encoding="utf-8-sig") as f:
        rows = list(csv.DictReader(f))
    assert rows[0]["assignees"] == "Åsa;Per Lind" and rows[0]["due_text"] == ""
    docs = pd.read_csv(tmp_path / "csv" / "documents.csv", encoding="utf-8-sig")
    assert docs.loc[0, "text"] == TEXT  # the whole text, form feed included
    with open(tmp_path / "csv" / "documents.csv", encoding="utf-8-sig") as f:
        assert next(csv.DictReader(f))["n_pages"] == "2"  # an integer, not '2.0'
    meetings = pd.read_csv(tmp_path / "csv" / "meetings.csv", encoding="utf-8-sig")
    assert meetings.loc[0, "date"] == "2024-03-04"
    readme = (tmp_path / "csv" / "README.txt").read_text(encoding="utf-8")
    assert "## action_items" in readme and "';'" in readme


def test_xlsx_export_has_a_sheet_per_table_and_a_readme_sheet(tmp_path):
    out = _dataset(tmp_path)
    export_tables(out, "xlsx", tmp_path / "x")
    sheets = pd.read_excel(tmp_path / "x" / "minutes.xlsx", sheet_name=None)
    assert set(sheets) == {"README", *ALL_TABLES}
    assert sheets["persons"].loc[0, "variants"] == "Åsa;Åsa Öberg"
    # Excel refuses the form feed between pages: it becomes a space, so offsets still hold
    text = sheets["documents"].loc[0, "text"]
    assert len(text) == len(TEXT) and "\f" not in text


def test_xlsx_cuts_cells_over_excels_limit_and_says_so(tmp_path):
    long_text = TEXT + "Ord " * (EXCEL_MAX_CELL // 3)
    out = _dataset(tmp_path, long_text)
    result = export_tables(out, "xlsx", tmp_path / "x")
    assert any("documents.text" in n for n in result["notes"])
    sheets = pd.read_excel(tmp_path / "x" / "minutes.xlsx", sheet_name=None)
    assert len(sheets["documents"].loc[0, "text"]) == EXCEL_MAX_CELL
    assert "documents.text" in "\n".join(str(v) for v in sheets["README"]["README"])
    # the CSV keeps it whole
    export_tables(out, "csv", tmp_path / "c")
    assert pd.read_csv(tmp_path / "c" / "documents.csv", encoding="utf-8-sig").loc[0, "text"] == long_text


def test_export_command_and_its_errors(tmp_path):
    out = _dataset(tmp_path)
    runner = CliRunner()
    ok = runner.invoke(app, ["export", str(out), "--format", "csv", "--to", str(tmp_path / "e")])
    assert ok.exit_code == 0 and (tmp_path / "e" / "meetings.csv").exists()
    bad = runner.invoke(app, ["export", str(out), "--format", "sav", "--to", str(tmp_path / "e2")])
    assert bad.exit_code == 2
    missing = runner.invoke(app, ["export", str(tmp_path), "--format", "csv", "--to", str(tmp_path / "e3")])
    assert missing.exit_code == 2


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_export_of_a_folder_without_tables_is_an_error(tmp_path, fmt):
    with pytest.raises(FileNotFoundError):
        export_tables(tmp_path, fmt, tmp_path / "x")
