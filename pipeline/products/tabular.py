"""Export an output folder as CSV files or one Excel workbook, for R, Stata, SPSS and Excel users.

Every table of the contract becomes one CSV (UTF-8 with a byte-order mark, so Excel shows å/ä/ö;
R, pandas and Stata read it as UTF-8) or one sheet. List columns become ``;``-joined strings, dates
ISO strings. The data dictionary goes with it: ``README.txt`` beside the CSVs, a ``README`` sheet in
the workbook. Excel's limits are respected and said where they bite: a cell holds at most 32,767
characters (longer texts, usually ``documents.text``, are cut and listed in the README), a sheet at
most 1,048,576 rows (a larger table continues on ``<table> (2)``, …).
"""
from __future__ import annotations

import os
import tempfile
from pathlib import Path

import pyarrow as pa

from pipeline.contract.dataset import present_tables, read_table
from pipeline.contract.dictionary import data_dictionary
from pipeline.contract.schema import ALL_TABLES

FORMATS = ("csv", "xlsx")
EXCEL_MAX_CELL = 32_767
EXCEL_MAX_ROWS = 1_048_576 - 1  # one row for the header
LIST_SEPARATOR = ";"


def _flat(table: pa.Table):
    """A table as a pandas frame of scalars: lists joined with ';', nulls empty."""
    import pandas as pd

    ints = {pa.int64(): pd.Int64Dtype(), pa.int32(): pd.Int32Dtype()}
    df = table.to_pandas(types_mapper=ints.get)
    for f in table.schema:
        if pa.types.is_list(f.type):
            df[f.name] = df[f.name].map(lambda v: LIST_SEPARATOR.join("" if x is None else str(x) for x in v)
                                        if v is not None else None)
        elif pa.types.is_date(f.type) or pa.types.is_timestamp(f.type):
            df[f.name] = df[f.name].map(lambda v: v.isoformat() if v is not None and v == v else None)
    return df


def _write_csvs(frames: dict, folder: Path) -> None:
    for name, df in frames.items():
        tmp = folder / f".{name}.csv.tmp"
        df.to_csv(tmp, index=False, encoding="utf-8-sig")
        os.replace(tmp, folder / f"{name}.csv")


def _truncate_for_excel(name: str, df) -> list[str]:
    """Cut cells over Excel's limit and blank the control characters Excel refuses (the form feed
    between pages becomes a space: offsets stay right); returns what was cut, for the README."""
    from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

    notes = []
    for col in df.columns:
        if not _is_text(df[col]):
            continue
        df[col] = df[col].map(lambda v: ILLEGAL_CHARACTERS_RE.sub(" ", v) if isinstance(v, str) else v)
        long = df[col].map(lambda v: isinstance(v, str) and len(v) > EXCEL_MAX_CELL)
        if long.any():
            notes.append(f"{name}.{col}: {int(long.sum())} cell(s) cut to {EXCEL_MAX_CELL} characters "
                         "(Excel's limit); the CSV export and the Parquet tables keep the whole text")
            df.loc[long, col] = df.loc[long, col].str.slice(0, EXCEL_MAX_CELL)
    return notes


def _is_text(series) -> bool:
    import pandas as pd

    return series.dtype == object or pd.api.types.is_string_dtype(series)


def _excel_notes(frames: dict) -> list[str]:
    """Cut what Excel cannot hold; say what was cut and what is split."""
    notes: list[str] = []
    for name, df in frames.items():
        notes += _truncate_for_excel(name, df)
        if len(df) > EXCEL_MAX_ROWS:
            notes.append(f"{name}: {len(df)} rows, split over sheets '{name}', '{name} (2)', … (Excel's row limit)")
    return notes


def _write_workbook(frames: dict, path: Path, readme: str) -> None:
    import pandas as pd

    with pd.ExcelWriter(path, engine="openpyxl") as xw:
        pd.DataFrame({"README": readme.splitlines()}).to_excel(xw, sheet_name="README", index=False)
        for name, df in frames.items():
            chunks = [df.iloc[i:i + EXCEL_MAX_ROWS] for i in range(0, max(len(df), 1), EXCEL_MAX_ROWS)]
            for k, chunk in enumerate(chunks):
                chunk.to_excel(xw, sheet_name=name if k == 0 else f"{name} ({k + 1})"[:31], index=False)


def export_tables(data_dir: str | Path, fmt: str, to_dir: str | Path) -> dict:
    """Write every table of ``data_dir`` as CSV files or one workbook into ``to_dir``; returns counts."""
    if fmt not in FORMATS:
        raise ValueError(f"unknown format {fmt!r}; formats are {', '.join(FORMATS)}")
    data_dir, to_dir = Path(data_dir), Path(to_dir)
    names = present_tables(data_dir)
    if "documents" not in names:
        raise FileNotFoundError(f"no documents table in {data_dir} (is it the output folder of `minutes run`?)")
    frames = {name: _flat(read_table(data_dir, name)) for name in names}
    to_dir.mkdir(parents=True, exist_ok=True)
    notes = _excel_notes(frames) if fmt == "xlsx" else []
    readme = _readme(fmt, notes)
    if fmt == "csv":
        _write_csvs(frames, to_dir)
        _write_text(to_dir / "README.txt", readme)
    else:
        fd, name = tempfile.mkstemp(prefix=".minutes-", suffix=".xlsx", dir=to_dir)
        os.close(fd)
        tmp = Path(name)
        try:
            _write_workbook(frames, tmp, readme)
            os.replace(tmp, to_dir / "minutes.xlsx")
        finally:
            tmp.unlink(missing_ok=True)
    return {"tables": {n: len(f) for n, f in frames.items()}, "notes": notes, "folder": str(to_dir)}


def _readme(fmt: str, notes: list[str]) -> str:
    where = "one CSV file per table (UTF-8)" if fmt == "csv" else "one sheet per table"
    cut = "".join(f"\n- {n}" for n in notes)
    return (f"Exported by `minutes export --format {fmt}`: {where}. Lists are joined with '{LIST_SEPARATOR}', "
            "dates are ISO (YYYY-MM-DD), empty cells are missing values. Character offsets (start_char, end_char) "
            "index into documents.text. Tables: " + ", ".join(ALL_TABLES) + "."
            + (f"\n\nCut or split to fit Excel:{cut}" if notes else "") + "\n\n" + data_dictionary())


def _write_text(path: Path, text: str) -> None:
    tmp = path.with_name(f".{path.name}.tmp")
    tmp.write_text(text, encoding="utf-8")
    os.replace(tmp, path)
