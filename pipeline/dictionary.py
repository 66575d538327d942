"""The data dictionary, generated from the schema module so that it cannot drift from the code."""
from __future__ import annotations

from pipeline.schema import CONTRACT_VERSION, TABLES, description


def data_dictionary() -> str:
    lines = ["# Data dictionary", "",
             f"Generated from `pipeline/schema.py` (contract version {CONTRACT_VERSION}) by `minutes schema`. "
             "Each table is `<output>/<table>.parquet`; character offsets index into `documents.text` "
             "unless a column says otherwise.", ""]
    for name, schema in TABLES.items():
        lines += [f"## {name}", "", (schema.metadata or {}).get(b"description", b"").decode(), "",
                  "| column | type | description |", "|---|---|---|"]
        for f in schema:
            lines.append(f"| `{f.name}` | {f.type}{'' if f.nullable else ' (required)'} | {description(schema, f.name)} |")
        lines.append("")
    return "\n".join(lines)
