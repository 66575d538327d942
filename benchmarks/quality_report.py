"""The published quality report: score the pipeline on the development set, by source, and write
docs/quality.md (`make quality`).

Runs `minutes run` over ../shared/dev/minutes (or --dev), scores it with ../shared/eval/score.py
--json, and writes the per-source F1 table of every field with the date and the commit, so the
README can say plainly how good the output is — and that minutes unlike the dev set score lower.
"""
from __future__ import annotations

import argparse
import datetime as dt
import json
import subprocess
import sys
import tempfile
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
FIELDS = ["sections", "attendees", "persons", "organisations", "places", "dates", "decisions", "action_items"]
ACCURACIES = ["body", "date", "author", "attendee_org", "attendee_present", "action_assignees", "action_due"]


def _f1(tp: int, n_pred: int, n_gold: int) -> float | None:
    if not n_pred and not n_gold:
        return None
    p = tp / n_pred if n_pred else 0.0
    r = tp / n_gold if n_gold else 0.0
    return 2 * p * r / (p + r) if p + r else 0.0


def _sources(gold: Path) -> dict[str, str]:
    out = {}
    for line in (gold / "SOURCES.tsv").read_text(encoding="utf-8").splitlines()[1:]:
        cols = line.split("\t")
        if len(cols) >= 2:
            out[Path(cols[0]).stem] = cols[1]
            out[cols[0]] = cols[1]
    return out


def by_source(per_doc: dict, sources: dict[str, str]) -> dict[str, dict[str, list[int]]]:
    agg: dict[str, dict[str, list[int]]] = defaultdict(lambda: defaultdict(lambda: [0, 0, 0]))
    for stem, d in per_doc.items():
        for f in FIELDS:
            if f in d:
                t = agg[sources.get(stem, "?")][f]
                for i in range(3):
                    t[i] += d[f][i]
    return agg


def _cell(v: float | None) -> str:
    return "–" if v is None else f"{v:.2f}"


def render(scores: dict, per_doc: dict, sources: dict[str, str], commit: str, today: str) -> str:
    agg = by_source(per_doc, sources)
    n_docs = defaultdict(int)
    for stem in per_doc:
        n_docs[sources.get(stem, "?")] += 1
    lines = ["# Quality on the development set", "",
             f"Measured {today} at commit `{commit}` with `make quality` (`../shared/eval/score.py --by-source` on "
             f"`minutes run` over the {len(per_doc)} development minutes of {len(agg)} sources).", "",
             "**Minutes unlike these score lower.** The development set is what the rules were measured on; "
             "a larger held-out set of other sources, other bodies and scans judges the pipeline, and its "
             "figures are lower. Read a sample of your own output before you rely on a field.", "",
             "## All documents", "", "| field | precision | recall | F1 | tp / fp / fn |", "|---|---|---|---|---|"]
    for f in FIELDS:
        s = scores[f]
        lines.append(f"| {f} | {s['precision']:.3f} | {s['recall']:.3f} | {s['f1']:.3f} | "
                     f"{s['tp']} / {s['fp']} / {s['fn']} |")
    lines += ["", "| accuracy of | value | n |", "|---|---|---|"]
    for a in ACCURACIES:
        s = scores.get(a) or {}
        lines.append(f"| {a} | {_cell(s.get('accuracy'))} | {s.get('n', 0)} |")
    lines += ["", "## F1 by source", "", "| source (documents) | " + " | ".join(FIELDS) + " |",
              "|---|" + "---|" * len(FIELDS)]
    for src in sorted(agg):
        row = [_cell(_f1(*agg[src][f])) if f in agg[src] else "–" for f in FIELDS]
        lines.append(f"| {src} ({n_docs[src]}) | " + " | ".join(row) + " |")
    return "\n".join(lines) + "\n"


def render_other_styles(per_doc: dict, sources: dict[str, str]) -> str:
    """The F1 of every field on the in-repository corpus written in styles no rule was written for."""
    agg = by_source(per_doc, {stem: "all" for stem in per_doc})["all"]
    kinds = sorted(set(sources.get(stem, "?") for stem in per_doc))
    lines = ["", "## Minutes in other styles", "",
             f"`tests/fixtures/blind`: {len(per_doc)} minutes of {len(kinds)} kinds (formal protocols of "
             "nämnder, styrelser and fullmäktige, association and working-group minutes, Word, PDF and scans) "
             "written by a colleague in styles the rules were not written for. Half of them were later used "
             "to tune rules, so these figures, too, are higher than on truly unseen minutes.", "",
             "| field | F1 | tp / fp / fn |", "|---|---|---|"]
    for f in FIELDS:
        tp, n_pred, n_gold = agg.get(f, [0, 0, 0])
        lines.append(f"| {f} | {_cell(_f1(tp, n_pred, n_gold))} | {tp} / {n_pred - tp} / {n_gold - tp} |")
    return "\n".join(lines) + "\n"


def _score(pred: Path, gold: Path, scorer: Path, tmp: Path) -> dict:
    report = tmp / f"{gold.parent.name}-scores.json"
    subprocess.run([sys.executable, str(scorer), "--pred", str(pred), "--gold", str(gold), "--json", str(report)],
                   check=True, stdout=subprocess.DEVNULL)
    return json.loads(report.read_text(encoding="utf-8"))


def _run(inputs: Path, out: Path) -> None:
    subprocess.run([str(Path(sys.executable).with_name("minutes")), "run", str(inputs), "--out", str(out),
                    "--params", str(ROOT / "params.yaml"), "--quiet"], check=True)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--dev", type=Path, default=ROOT.parent / "shared" / "dev")
    ap.add_argument("--scorer", type=Path, default=ROOT.parent / "shared" / "eval" / "score.py")
    ap.add_argument("--out", type=Path, default=ROOT / "docs" / "quality.md")
    ap.add_argument("--other", type=Path, default=ROOT / "tests" / "fixtures" / "blind",
                    help="a corpus in other styles with gold/ (scored too when present)")
    ap.add_argument("--pred", type=Path, help="score this output folder instead of running the pipeline")
    args = ap.parse_args(argv)
    if not (args.dev / "gold").is_dir() or not args.scorer.exists():
        print(f"no development set at {args.dev} (it lives in ../shared beside the clone)", file=sys.stderr)
        return 2
    with tempfile.TemporaryDirectory() as tmp:
        pred = args.pred or Path(tmp) / "dev-out"
        if not args.pred:
            _run(args.dev / "minutes", pred)
        data = _score(pred, args.dev / "gold", args.scorer, Path(tmp))
        other = None
        if (args.other / "gold").is_dir():
            _run(args.other, Path(tmp) / "other-out")
            other = _score(Path(tmp) / "other-out", args.other / "gold", args.scorer, Path(tmp))
    commit = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=ROOT, capture_output=True,
                            text=True).stdout.strip() or "unknown"
    text = render(data["scores"], data["per_document"], _sources(args.dev / "gold"), commit,
                  dt.date.today().isoformat())
    if other:
        text += render_other_styles(other["per_document"], _sources(args.other / "gold"))
    args.out.write_text(text, encoding="utf-8")
    print(text)
    return 0


if __name__ == "__main__":
    sys.exit(main())
