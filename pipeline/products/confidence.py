"""How sure is a row? Evidence → confidence, from one calibrated table.

Every decision, action item, attendee, entity and person mention carries the evidence that made
it: the rule family (``rule``), the NER source and how many layers agreed (``source``,
``layers``), the attendance form a name stands in, how a mention was tied to its person
(``person_mentions.link``). :func:`evidence` turns a row into a bucket key ('PER|model|1'), the
shipped table (``models/confidence/table.json``) gives the bucket's confidence: the precision
measured on the gold-annotated fixture corpus (``tests/fixtures/minutes``) of rows with that
evidence, smoothed towards its coarser bucket ('PER|model', then 'PER', then the table) so that a
bucket seen a few times does not claim 0 or 1. A row a person corrected (``overridden``) has 1.0.

The table is built by ``python -m pipeline.products.calibrate`` (which reads the gold) and measured
on the development set by ``benchmarks/confidence_calibration.py``; never calibrated there.
"""
from __future__ import annotations

import json
from bisect import bisect_right
from collections.abc import Iterable
from functools import lru_cache
from pathlib import Path

from pipeline.contract.resources import model_path

TABLE_PATH = "models/confidence/table.json"
SCORED = ("decisions", "action_items", "attendees", "entities", "person_mentions")
SMOOTHING = 4.0  # pseudo-rows of the coarser bucket's precision added to each bucket
_TABLE_FORMS = {"table", "table_row", "table_cell"}


class _Blocks:
    """The innermost block at a position (blocks come containers first, sorted by start)."""

    def __init__(self, blocks: list[dict]):
        self.blocks = sorted((b for b in blocks if b.get("start_char") is not None and b.get("kind") != "furniture"),
                             key=lambda b: (b["start_char"], b.get("ordinal") or 0))
        self.starts = [b["start_char"] for b in self.blocks]

    def kind_at(self, pos: int | None) -> str | None:
        if pos is None:
            return None
        i = bisect_right(self.starts, pos) - 1
        for b in self.blocks[max(0, i - 64):i + 1][::-1]:  # the nearest that contains pos is the innermost
            if (b.get("end_char") or 0) > pos:
                return b.get("kind")
        return None


def _name_shape(row: dict) -> str:
    name = (row.get("name") or "").strip()
    if not name:
        return "org"
    return "full" if len(name.split()) >= 2 else "single"


def attendee_evidence(rows: list[dict], blocks: list[dict]) -> list[str]:
    """'form|shape' of each attendee: the form is 'table', 'list', 'inline' (several names on one
    line) or 'line'; the shape 'full' (two names or more), 'single' or 'org' (no name)."""
    index = _Blocks(blocks)
    per_line: dict[tuple, int] = {}
    for r in rows:
        key = (r.get("start_char"), r.get("end_char"))
        per_line[key] = per_line.get(key, 0) + 1
    out = []
    for r in rows:
        kind = index.kind_at(r.get("start_char"))
        if kind in _TABLE_FORMS:
            form = "table"
        elif per_line[(r.get("start_char"), r.get("end_char"))] > 1:
            form = "inline"
        else:
            form = "list" if kind == "list_item" else "line"
        out.append(f"{form}|{_name_shape(r)}")
    return out


def evidence(table: str, row: dict) -> str:
    """The bucket key of one row (attendees need their record: :func:`attendee_evidence`)."""
    if table == "decisions":
        return f"{row.get('rule') or 'none'}|{row.get('kind') or 'none'}"
    if table == "action_items":
        assignees = row.get("assignees")
        return f"{row.get('rule') or 'none'}|{'assignee' if assignees is not None and len(assignees) else 'nobody'}"
    if table == "entities":
        layers = row.get("layers") or 1
        return f"{row.get('label')}|{row.get('source')}|{'3+' if layers >= 3 else layers}"
    if table == "person_mentions":
        return f"{row.get('link') or 'none'}|{row.get('source_table')}"
    raise ValueError(f"no confidence for table {table!r}")


def record_evidence(rec) -> dict[str, list[str]]:
    """The bucket key of every scored row of one record, per table."""
    out = {t: [evidence(t, r) for r in getattr(rec, t)] for t in SCORED if t != "attendees"}
    out["attendees"] = attendee_evidence(rec.attendees, rec.blocks)
    return out


# -- the table ------------------------------------------------------------------------------------

def smoothed(counts: dict[str, tuple[float, float]], alpha: float = SMOOTHING) -> dict[str, dict]:
    """Every bucket and each of its coarser prefixes ('' is the whole table) with its rows ``n``, the
    rows that were right, and the confidence: (right + alpha * coarser confidence) / (n + alpha);
    the whole table's is (right + 1) / (n + 2)."""
    levels: dict[str, list[float]] = {}
    for key, (n, right) in counts.items():
        parts = key.split("|")
        for depth in range(len(parts) + 1):
            acc = levels.setdefault("|".join(parts[:depth]), [0, 0])
            acc[0] += n
            acc[1] += right
    out: dict[str, dict] = {}
    for key in sorted(levels, key=lambda k: (k.count("|") + bool(k), k)):
        n, right = levels[key]
        if key == "":
            conf = (right + 1) / (n + 2)
        else:
            conf = (right + alpha * out[_parent(key)]["confidence"]) / (n + alpha)
        out[key] = {"n": round(n, 3), "right": round(right, 3), "confidence": round(conf, 4)}
    return out


def _parent(key: str) -> str:
    return key.rpartition("|")[0]


@lru_cache(maxsize=4)
def load_table(path: str = TABLE_PATH) -> dict[str, dict[str, float]]:
    """table -> bucket key -> confidence, from the shipped file."""
    data = json.loads(Path(model_path(path)).read_text(encoding="utf-8"))
    return {t: {k: v["confidence"] for k, v in buckets.items()} for t, buckets in data["tables"].items()}


def lookup(table: str, key: str, confidences: dict[str, dict[str, float]] | None = None) -> float:
    """The confidence of a bucket: its own, else that of the nearest coarser bucket known."""
    known = (confidences if confidences is not None else load_table()).get(table, {})
    while True:
        if key in known:
            return known[key]
        if not key:
            return 0.5  # a table never calibrated: no knowledge either way
        key = _parent(key)


def score_record(rec, confidences: dict[str, dict[str, float]] | None = None) -> None:
    """Set ``confidence`` on every scored row of a record, in place; 1.0 where a person corrected it."""
    if not rec.ok:
        return
    keys = record_evidence(rec)
    for table in SCORED:
        for row, key in zip(getattr(rec, table), keys[table]):
            row["confidence"] = 1.0 if row.get("overridden") or row.get("link") == "override" \
                else lookup(table, key, confidences)


def least_certain(rows: Iterable[dict], limit: int) -> list[dict]:
    """The rows with the lowest confidence first (ties in the order given)."""
    return sorted(rows, key=lambda r: 1.0 if r.get("confidence") is None else r["confidence"])[:limit]
