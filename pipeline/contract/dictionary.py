"""The data dictionary, generated from the schema module so that it cannot drift from the code."""
from __future__ import annotations

from pipeline.contract.schema import ALL_TABLES, ARCHIVE_TABLES, CONTRACT_VERSION, PARTITION_COLUMN, description


def data_dictionary() -> str:
    lines = ["# Data dictionary", "",
             f"Generated from `pipeline/contract/schema.py` (contract version {CONTRACT_VERSION}) by `minutes schema`. "
             "Each per-document table is a Parquet dataset `<output>/<table>.parquet/` partitioned by the "
             f"meeting's year (`<year>/` or `unknown/`, also the column `{PARTITION_COLUMN}`); "
             f"{', '.join(f'`{t}`' for t in ARCHIVE_TABLES)} is one file `<output>/<table>.parquet`. "
             "`pandas.read_parquet('<output>/<table>.parquet')` reads either. Character offsets index into "
             "`documents.text` unless a column says otherwise.", ""]
    for name, schema in ALL_TABLES.items():
        lines += [f"## {name}", "", (schema.metadata or {}).get(b"description", b"").decode(), "",
                  "| column | type | description |", "|---|---|---|"]
        for f in schema:
            required = "" if f.nullable else " (required)"
            lines.append(f"| `{f.name}` | {f.type}{required} | {description(schema, f.name)} |")
        lines.append("")
    return "\n".join(lines)
