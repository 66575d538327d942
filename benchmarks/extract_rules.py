#!/usr/bin/env python3
"""Where each rule family of the extract stage fires, and how often it is right.

Every decision and action item carries ``rule``, the family of rules that found it
('beslut-section', 'cue:approved', 'imperative', 'table', …). Given a pipeline output folder and
a folder of gold annotations (the development set's ``<stem>.gold.json``, with ``SOURCES.tsv``
naming each document's source), this prints for each family: how many rows it made, how many
of them match a gold item (precision), on how many documents and sources it fires, and its
rows per source. A family that fires on one source only is a cue of one group's writing, not a
rule: it is marked with '!'.

    python benchmarks/extract_rules.py --pred OUT --gold ../shared/dev/gold

Matching follows the scorer's conventions (case, white space and diacritics folded; fuzzy
one-to-one matching at ratio 75, or a partial match of 92 when the shorter string is at least 0.6
of the longer).
"""
from __future__ import annotations

import argparse
import json
import sys
from collections import defaultdict
from pathlib import Path

import pandas as pd

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from pipeline.products.calibrate import THRESHOLDS, norm  # noqa: E402  (the scorer's match, once)
from pipeline.products.calibrate import similar as _similar  # noqa: E402


def similar(a: str, b: str) -> float:
    """The scorer's fuzzy match at its threshold for decisions and action items."""
    return _similar(a, b, THRESHOLDS["decisions"])


def matched(pred: list[str], gold: list[str]) -> set[int]:
    """Indexes of the predictions that match a gold item (greedy one-to-one by similarity)."""
    cand = sorted(((similar(p, g), i, j) for i, p in enumerate(pred) for j, g in enumerate(gold)), reverse=True)
    used_p, used_g = set(), set()
    for s, i, j in cand:
        if s and i not in used_p and j not in used_g:
            used_p.add(i)
            used_g.add(j)
    return used_p


def read(pred: Path, table: str) -> pd.DataFrame:
    for p in (pred / f"{table}.parquet", pred / table):
        if p.exists():
            return pd.read_parquet(p)
    raise SystemExit(f"no {table} table in {pred}")


def sources(gold: Path) -> dict[str, str]:
    table = gold / "SOURCES.tsv"
    out = {}
    if table.exists():
        for line in table.read_text(encoding="utf-8").splitlines()[1:]:
            cols = line.split("\t")
            if len(cols) >= 2:
                out[Path(cols[0]).stem] = cols[1]
    return out


def collect(pred: Path, gold: Path) -> dict:
    """family -> {'rows', 'tp', 'docs', 'per_source': {source: [rows, tp]}} for both tables."""
    docs = read(pred, "documents")
    meetings = read(pred, "meetings")
    src = sources(gold)
    stats: dict = {t: defaultdict(lambda: {"rows": 0, "tp": 0, "docs": set(), "per_source": defaultdict(lambda: [0, 0])})
                   for t in ("decisions", "action_items")}
    for table in stats:
        rows = read(pred, table)
        for gf in sorted(gold.glob("*.gold.json")):
            stem = gf.name[: -len(".gold.json")]
            g = json.loads(gf.read_text(encoding="utf-8"))
            if table not in g:
                continue
            doc = docs[docs["source_path"].astype(str).map(lambda p: Path(p).stem) == stem]
            if not len(doc):
                continue
            mids = meetings[meetings["doc_id"].isin(doc["doc_id"])]["meeting_id"]
            mine = rows[rows["meeting_id"].isin(mids)] if len(rows) else rows
            hits = matched([norm(t) for t in mine["text"]], [norm(x["text"]) for x in g[table]])
            for i, rule in enumerate(mine["rule"].fillna("?") if "rule" in mine else ["?"] * len(mine)):
                st = stats[table][rule]
                st["rows"] += 1
                st["tp"] += int(i in hits)
                st["docs"].add(stem)
                per = st["per_source"][src.get(stem, "?")]
                per[0] += 1
                per[1] += int(i in hits)
    return stats


def report(stats: dict, out=sys.stdout) -> None:
    for table, fams in stats.items():
        all_sources = sorted({s for f in fams.values() for s in f["per_source"]})
        short = [s[:14] for s in all_sources]
        print(f"\n{table}: rule family, rows, precision against gold, documents, sources; rows (right) per source",
              file=out)
        print(f"{'family':24}{'rows':>6}{'P':>7}{'docs':>6}{'src':>5}  " + " ".join(f"{s:>14}" for s in short), file=out)
        for fam, st in sorted(fams.items(), key=lambda kv: -kv[1]["rows"]):
            p = st["tp"] / st["rows"] if st["rows"] else 0.0
            n_src = len(st["per_source"])
            flag = "!" if n_src == 1 else " "
            cells = " ".join(f"{(f'{v[0]} ({v[1]})' if (v := st['per_source'].get(s)) else '-'):>14}"
                             for s in all_sources)
            print(f"{fam:23}{flag}{st['rows']:>6}{p:>7.2f}{len(st['docs']):>6}{n_src:>5}  {cells}", file=out)


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--pred", type=Path, required=True, help="a pipeline output folder")
    ap.add_argument("--gold", type=Path, required=True, help="a folder of <stem>.gold.json (and SOURCES.tsv)")
    args = ap.parse_args(argv)
    report(collect(args.pred, args.gold))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
