"""`minutes review OUT`: the least certain rows, for a person to check, as a CSV and an HTML page.

Rows of every table with a ``confidence`` (decisions, action items, attendees, entities, person
mentions) are ranked together, least certain first. Each comes with its place (document, offsets),
a snippet of ``documents.text`` around it, and ready-to-paste ``overrides.yaml`` entries that drop
it or fix it (see docs/overrides.md): the checked row then has confidence 1.0 on the next run.
The tables are streamed and only the ``limit`` least certain rows are kept, so a large archive
fits in memory.
"""
from __future__ import annotations

import csv
import heapq
import itertools
from collections import Counter
from pathlib import Path

import pyarrow.parquet as pq
import yaml

from pipeline.contract.dataset import table_files
from pipeline.contract.ids import ROW_IDS
from pipeline.products.confidence import SCORED, attendee_evidence, evidence
from pipeline.products.report import esc

CONTEXT = 120  # characters of documents.text shown on each side of the row
# the columns read per table, and what a fix may set (the row's current values fill the entry)
_COLUMNS = {"decisions": ["text", "kind", "rule"], "action_items": ["text", "assignees", "due_text", "rule"],
            "attendees": ["name", "organisation", "role", "present"],
            "entities": ["text", "label", "source", "layers"],
            "person_mentions": ["text", "person_id", "source_table", "link"]}
_FIX = {"decisions": ["kind"], "action_items": ["assignees", "due_text"], "attendees": ["name", "organisation", "role"],
        "entities": ["label"]}
FIELDS = ["table", "row_id", "confidence", "evidence", "text", "source_path", "doc_id", "start_char", "end_char",
          "context", "override_drop", "override_fix"]


def _stream(root: Path, table: str):
    cols = ["meeting_id", "start_char", "end_char", "confidence", *_COLUMNS[table]]
    if table in ROW_IDS:
        cols.append(ROW_IDS[table][0])
    for f in table_files(root, table):
        pf = pq.ParquetFile(f)
        have = [c for c in cols if c in pf.schema_arrow.names]
        if "confidence" not in have:
            continue  # written before rows had a confidence
        for batch in pf.iter_batches(columns=have, batch_size=4096):
            for row in batch.to_pylist():
                if row.get("confidence") is not None:
                    row["table"] = table
                    yield row


def _text(table: str, row: dict) -> str:
    if table == "attendees":
        parts = [row.get("name"), row.get("organisation") and f"({row['organisation']})", row.get("role")]
        return " ".join(p for p in parts if p)
    if table == "entities":
        return f"{row.get('label')}: {row.get('text')}"
    if table == "person_mentions":
        return f"{row.get('text')} → {row.get('person_id')}"
    return row.get("text") or ""


def _yaml(entry: dict) -> str:
    return yaml.safe_dump([entry], allow_unicode=True, sort_keys=False, width=1000).strip()


def override_entries(table: str, row: dict) -> tuple[str, str]:
    """(drop it, fix it): overrides.yaml entries for one row, its current values to edit in the fix."""
    if table == "person_mentions":  # the name form is not this person: split it off
        split = _yaml({"table": "persons", "person_id": row.get("person_id"), "split": [row.get("text")]})
        return split, split
    id_col = ROW_IDS[table][0]
    drop = _yaml({"table": table, id_col: row.get(id_col), "drop": True})
    values = {c: (list(row[c]) if isinstance(row.get(c), (list, tuple)) else row.get(c)) for c in _FIX[table]}
    return drop, _yaml({"table": table, id_col: row.get(id_col), "set": values})


def _documents(root: Path, doc_ids: set[str]) -> dict[str, dict]:
    out: dict[str, dict] = {}
    for f in table_files(root, "documents"):
        for batch in pq.ParquetFile(f).iter_batches(columns=["doc_id", "source_path", "text"], batch_size=256):
            out.update((r["doc_id"], r) for r in batch.to_pylist() if r["doc_id"] in doc_ids)
    return out


def _attendee_evidence(root: Path, picked: list[dict]) -> dict[tuple, str]:
    """The evidence of the picked attendee rows: it needs the document's blocks and its other attendees."""
    meetings = {r["meeting_id"] for r in picked if r["table"] == "attendees"}
    if not meetings:
        return {}
    docs = {m.rsplit("-", 1)[0] for m in meetings}
    rows = [r for r in _stream(root, "attendees") if r["meeting_id"] in meetings]
    blocks = [b for f in table_files(root, "blocks") for batch in pq.ParquetFile(f).iter_batches(
        columns=["doc_id", "ordinal", "kind", "start_char", "end_char"], batch_size=4096)
        for b in batch.to_pylist() if b["doc_id"] in docs]
    out = {}
    for mid in meetings:
        mine = [r for r in rows if r["meeting_id"] == mid]
        doc_blocks = [b for b in blocks if b["doc_id"] == mid.rsplit("-", 1)[0]]
        out.update(((mid, r.get("attendee_id")), key) for r, key in zip(mine, attendee_evidence(mine, doc_blocks)))
    return out


def _context(text: str, start: int | None, end: int | None) -> tuple[str, str, str]:
    if start is None or end is None or not text:
        return "", "", ""
    return text[max(0, start - CONTEXT):start], text[start:end], text[end:end + CONTEXT]


def review_rows(root: str | Path, limit: int = 200) -> list[dict]:
    """The ``limit`` least certain rows across the scored tables (ties: table order, then as written)."""
    root = Path(root)
    order = itertools.count()
    streams = (((r["confidence"], next(order)), r) for t in SCORED for r in _stream(root, t))
    picked = [r for _, r in heapq.nsmallest(limit, streams, key=lambda x: x[0])]
    docs = _documents(root, {r["meeting_id"].rsplit("-", 1)[0] for r in picked})
    attendees = _attendee_evidence(root, picked)
    out = []
    for r in picked:
        table, doc_id = r["table"], r["meeting_id"].rsplit("-", 1)[0]
        doc = docs.get(doc_id, {})
        before, span, after = _context(doc.get("text") or "", r.get("start_char"), r.get("end_char"))
        drop, fix = override_entries(table, r)
        out.append({"table": table, "row_id": r.get(ROW_IDS[table][0]) if table in ROW_IDS else r.get("person_id"),
                    "confidence": round(r["confidence"], 4), "text": _text(table, r),
                    "evidence": attendees.get((r["meeting_id"], r.get("attendee_id")), "") if table == "attendees"
                    else evidence(table, r), "source_path": doc.get("source_path"), "doc_id": doc_id,
                    "start_char": r.get("start_char"), "end_char": r.get("end_char"),
                    "context": f"{before}«{span}»{after}" if span else "", "override_drop": drop,
                    "override_fix": fix, "_context": (before, span, after)})
    return out


_STYLE = """body{font-family:system-ui,sans-serif;margin:2em;max-width:80em}table{border-collapse:collapse;width:100%}
td,th{border-bottom:1px solid #ddd;padding:.4em;vertical-align:top;text-align:left}th{background:#f4f4f4}
.c{font-variant-numeric:tabular-nums;white-space:nowrap}.ctx{color:#555;font-size:.9em}mark{background:#ffe08a}
pre{margin:0;font-size:.85em;white-space:pre-wrap;background:#f8f8f8;padding:.3em}details summary{cursor:pointer}"""


def _html_row(r: dict) -> str:
    before, span, after = r["_context"]
    context = f'{esc(before)}<mark>{esc(span)}</mark>{esc(after)}' if span else ""
    return (f'<tr><td class="c">{r["confidence"]:.3f}</td><td>{esc(r["table"])}<br><code>{esc(r["row_id"])}</code>'
            f'</td><td>{esc(r["text"])}<div class="ctx">{context}</div></td>'
            f'<td>{esc(r["source_path"])}<br><span class="c">{esc(r["start_char"])}–{esc(r["end_char"])}</span></td>'
            f'<td>{esc(r["evidence"])}</td><td><details><summary>drop</summary><pre>{esc(r["override_drop"])}</pre>'
            f'</details><details><summary>fix</summary><pre>{esc(r["override_fix"])}</pre></details></td></tr>')


def review_html(rows: list[dict], source: str) -> str:
    per_table = Counter(r["table"] for r in rows)
    summary = ", ".join(f"{esc(t)} {n}" for t, n in sorted(per_table.items()))
    body = "\n".join(_html_row(r) for r in rows)
    return ("<!doctype html>\n<html lang=\"sv\"><head><meta charset=\"utf-8\"><title>Rows to check</title>"
            f"<style>{_STYLE}</style></head><body><h1>Rows to check, least certain first</h1>"
            f"<p>{len(rows)} rows of <code>{esc(source)}</code> ({summary}). Confidence is the precision measured "
            "for rows with the same evidence (README: “How sure is a row?”). To correct a row, paste its entry into "
            "<code>overrides.yaml</code> in the output folder (docs/overrides.md) and run again: a corrected row "
            "has confidence 1.0.</p><table><thead><tr><th>confidence</th><th>table, id</th><th>row, in context</th>"
            f"<th>document, offsets</th><th>evidence</th><th>overrides.yaml</th></tr></thead><tbody>\n{body}\n"
            "</tbody></table></body></html>\n")


def write_review(root: str | Path, to: str | Path | None = None, limit: int = 200) -> dict:
    """Write ``review.csv`` and ``review.html`` into ``to`` (default: the output folder itself)."""
    root = Path(root)
    if not (root / "documents.parquet").exists():
        raise FileNotFoundError(f"no output of `minutes run` in {root} (documents.parquet is missing)")
    rows = review_rows(root, limit)
    to = Path(to) if to is not None else root
    to.mkdir(parents=True, exist_ok=True)
    with open(to / "review.csv", "w", encoding="utf-8", newline="") as f:
        w = csv.DictWriter(f, fieldnames=FIELDS, extrasaction="ignore")
        w.writeheader()
        w.writerows(rows)
    (to / "review.html").write_text(review_html(rows, str(root)), encoding="utf-8")
    return {"rows": len(rows), "csv": to / "review.csv", "html": to / "review.html",
            "tables": dict(Counter(r["table"] for r in rows))}
