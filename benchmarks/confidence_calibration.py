#!/usr/bin/env python3
"""Is the confidence calibrated? Reliability on a gold set the table was not built from.

The table (models/confidence/table.json) is built on tests/fixtures/minutes; measure it on the
development set (never calibrate there):

    .venv/bin/minutes run ../shared/dev/minutes --out /tmp/dev-out
    .venv/bin/python benchmarks/confidence_calibration.py --pred /tmp/dev-out --gold ../shared/dev/gold

For each table: the rows in bins of confidence, the mean confidence of each bin against the share
of its rows that match the gold (a calibrated table has the two close), and the Brier score (mean
squared difference of confidence and outcome; lower is better) beside that of a constant guess of
the table's own precision (what confidence adds over knowing the table's precision). Rows are
labelled right or wrong as in pipeline.products.calibrate (the scorer's forgiving match).
"""
from __future__ import annotations

import argparse
import sys
from collections import defaultdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from pipeline.products.calibrate import labelled_rows  # noqa: E402
from pipeline.products.confidence import load_table, lookup  # noqa: E402

BINS = (0.0, 0.5, 0.7, 0.8, 0.9, 0.95, 0.98, 1.0001)


def reliability(rows: list[tuple[float, bool]]) -> dict:
    """Bins of (confidence, right): rows, mean confidence, observed precision; Brier score and baseline."""
    n = len(rows)
    precision = sum(r for _, r in rows) / n if n else 0.0
    bins = []
    for lo, hi in zip(BINS, BINS[1:]):
        inside = [(c, r) for c, r in rows if lo <= c < hi]
        if inside:
            bins.append({"range": (lo, min(hi, 1.0)), "n": len(inside),
                         "confidence": sum(c for c, _ in inside) / len(inside),
                         "precision": sum(r for _, r in inside) / len(inside)})
    return {"n": n, "precision": precision, "bins": bins,
            "brier": sum((c - r) ** 2 for c, r in rows) / n if n else 0.0,
            "brier_constant": sum((precision - r) ** 2 for _, r in rows) / n if n else 0.0}


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--pred", type=Path, required=True, help="output folder of `minutes run` on the gold's minutes")
    ap.add_argument("--gold", type=Path, required=True, help="folder of <stem>.gold.json")
    ap.add_argument("--table", type=Path, help="score the rows' evidence with this table.json instead of the "
                                                "confidence written in the output (compare tables without a re-run)")
    args = ap.parse_args(argv)
    table = load_table(str(args.table.resolve())) if args.table else None
    per_table: dict[str, list[tuple[float, bool]]] = defaultdict(list)
    for r in labelled_rows(args.pred, args.gold):
        conf = r["row"].get("confidence")
        if table is not None and conf is not None and conf < 1.0:
            conf = lookup(r["table"], r["key"], table)
        if conf is not None:
            per_table[r["table"]].append((float(conf), bool(r["right"])))
    for table, rows in sorted(per_table.items()):
        rel = reliability(rows)
        print(f"\n{table}: {rel['n']} rows, precision {rel['precision']:.3f}, Brier {rel['brier']:.4f} "
              f"(constant {rel['brier_constant']:.4f})")
        print(f"  {'confidence':>12} {'rows':>6} {'mean conf':>10} {'precision':>10}")
        for b in rel["bins"]:
            lo, hi = b["range"]
            print(f"  {lo:5.2f}–{hi:4.2f}  {b['n']:6d} {b['confidence']:10.3f} {b['precision']:10.3f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
