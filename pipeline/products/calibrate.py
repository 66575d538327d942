"""Build the confidence table: which evidence buckets were right how often, against gold annotations.

    make confidence        # runs the pipeline on tests/fixtures/minutes, then:
    python -m pipeline.products.calibrate --pred OUT --gold tests/fixtures/minutes/gold --write models/confidence

Each row of an output folder is labelled right or wrong by the scorer's forgiving match
(``../shared/eval/score.py``, reimplemented here so the build needs nothing outside the
repository): case, white space and diacritics folded, I/l folded, fuzzy one-to-one matching per
document (decisions and action items at ratio 75, attendees 85, entities as distinct strings at 88).
A person mention is right when its person's name is a person of the gold document and the mention
is that name or one of its parts. Only fields the gold file annotates are labelled. The counts
per bucket become ``models/confidence/table.json`` (:func:`pipeline.products.confidence.smoothed`).
Calibrate on the fixture corpus only; the development set is where the result is measured.
"""
from __future__ import annotations

import argparse
import datetime as dt
import json
import re
import unicodedata
from collections import Counter, defaultdict
from collections.abc import Iterator
from pathlib import Path

import pandas as pd
from rapidfuzz import fuzz

from pipeline import __version__
from pipeline.products.confidence import SCORED, SMOOTHING, attendee_evidence, evidence, smoothed

ENTITY_FIELDS = {"persons": "PER", "organisations": "ORG", "places": "LOC", "dates": ("DATE", "TIME")}
THRESHOLDS = {"decisions": 75, "action_items": 75, "attendees": 85, "entities": 88, "person_mentions": 85}
VERSION = "1"


def norm(s) -> str:
    """The scorer's normal form of a string."""
    if s is None or (isinstance(s, float) and s != s):
        return ""
    s = unicodedata.normalize("NFKD", str(s))
    s = "".join(c for c in s if not unicodedata.combining(c)).casefold().replace("\u2013", "-").replace("\u2014", "-")
    s = re.sub(r"[\s\u00a0]+", " ", s).replace("i", "l")
    return s.strip(" .:;,-*\u2022\t\"'")


def similar(a: str, b: str, threshold: float) -> float:
    if not a or not b:
        return 0.0
    s = fuzz.ratio(a, b)
    short, long_ = sorted((a, b), key=len)
    if s < threshold and len(short) >= 0.6 * len(long_) and fuzz.partial_ratio(short, long_) >= 92:
        s = threshold
    return s if s >= threshold else 0.0


def matched(pred: list[str], gold: list[str], threshold: float) -> set[int]:
    """Indexes of the predictions matched one-to-one to a gold item (greedy by similarity)."""
    cand = sorted(((s, i, j) for i, p in enumerate(pred) for j, g in enumerate(gold)
                   if (s := similar(p, g, threshold))), reverse=True)
    used_p, used_g = set(), set()
    for _, i, j in cand:
        if i not in used_p and j not in used_g:
            used_p.add(i)
            used_g.add(j)
    return used_p


def _read(pred: Path, table: str) -> pd.DataFrame:
    path = pred / f"{table}.parquet"
    return pd.read_parquet(path) if path.exists() else pd.DataFrame()


def _records(df: pd.DataFrame) -> list[dict]:
    return df.astype(object).where(df.notna(), None).to_dict("records") if len(df) else []


def _entity_labels(rows: list[dict], gold: dict) -> list[bool | None]:
    out: list[bool | None] = [None] * len(rows)
    for field, labels in ENTITY_FIELDS.items():
        if field not in gold:
            continue
        idx = [i for i, r in enumerate(rows) if r.get("label") in (labels if isinstance(labels, tuple) else (labels,))]
        strings = list(dict.fromkeys(n for i in idx if (n := norm(rows[i].get("text")))))
        gold_strings = list(dict.fromkeys(n for g in gold[field] if (n := norm(g))))
        good = {strings[k] for k in matched(strings, gold_strings, THRESHOLDS["entities"])}
        for i in idx:
            out[i] = norm(rows[i].get("text")) in good
    return out


def _gold_people(gold: dict) -> list[str]:
    meeting = gold.get("meeting") or {}
    names = [*(gold.get("persons") or []), *(a.get("name") for a in meeting.get("attendees") or []),
             meeting.get("author")]
    return list(dict.fromkeys(n for n in map(norm, names) if n))


def _mention_right(text: str, person: str, people: list[str]) -> bool:
    """The linked person is a person of the document, and the mention names them (whole or a part)."""
    t = norm(text)
    for g in people:
        if similar(norm(person), g, THRESHOLDS["person_mentions"]):
            parts = set(g.replace("-", " ").split())
            if similar(t, g, THRESHOLDS["person_mentions"]) or t in parts or t.rstrip("s") in parts:
                return True
    return False


def _labels(table: str, rows: list[dict], gold: dict, persons: dict[str, str]) -> list[bool | None]:
    """Right (True), wrong (False) or not annotated (None), per row of one document."""
    if table == "entities":
        return _entity_labels(rows, gold)
    if table == "person_mentions":
        if "persons" not in gold:
            return [None] * len(rows)
        people = _gold_people(gold)
        return [_mention_right(r.get("text"), persons.get(r.get("person_id"), ""), people) for r in rows]
    meeting = gold.get("meeting") or {}
    if table == "attendees":
        if "attendees" not in meeting:
            return [None] * len(rows)
        pred = [norm(r.get("name")) or norm(r.get("organisation")) for r in rows]
        ref = [norm(a.get("name")) or norm(a.get("organisation")) for a in meeting["attendees"]]
    else:
        if table not in gold:
            return [None] * len(rows)
        pred = [norm(r.get("text")) for r in rows]
        ref = [norm(g["text"]) for g in gold[table] or []]
    good = matched(pred, ref, THRESHOLDS[table])
    return [i in good for i in range(len(rows))]


def _said(table: str, row: dict) -> str:
    return (row.get("name") or row.get("organisation")) if table == "attendees" else row.get("text")


def labelled_rows(pred: Path, gold_dir: Path) -> Iterator[dict]:
    """Every scored row of the documents with gold: table, its row, bucket key, whether it is right, and
    its weight: a string a document repeats under the same evidence ('KS' twelve times) counts once in all,
    so that one document's habit does not make a bucket's precision."""
    pred, gold_dir = Path(pred), Path(gold_dir)
    docs, meetings = _read(pred, "documents"), _read(pred, "meetings")
    stems = {Path(str(p)).stem: d for d, p in zip(docs["doc_id"], docs["source_path"])}
    meeting_of = dict(zip(meetings["doc_id"], meetings["meeting_id"]))
    tables = {t: _read(pred, t) for t in SCORED}
    blocks = _read(pred, "blocks")
    persons = dict(zip(_read(pred, "persons").get("person_id", []), _read(pred, "persons").get("name", [])))
    for gf in sorted(gold_dir.glob("*.gold.json")):
        doc_id = stems.get(gf.name[: -len(".gold.json")])
        mid = meeting_of.get(doc_id)
        if mid is None:
            continue
        gold = json.loads(gf.read_text(encoding="utf-8"))
        for table, df in tables.items():
            rows = _records(df[df["meeting_id"] == mid]) if len(df) else []
            if table == "attendees":
                keys = attendee_evidence(rows, _records(blocks[blocks["doc_id"] == doc_id]))
            else:
                keys = [evidence(table, r) for r in rows]
            same = Counter((k, norm(_said(table, r))) for k, r in zip(keys, rows))
            for row, key, right in zip(rows, keys, _labels(table, rows, gold, persons)):
                if right is not None:
                    weight = 1 / same[(key, norm(_said(table, row)))]
                    yield {"table": table, "row": row, "key": key, "right": right, "doc": gf.name, "weight": weight}


def counts(pred: Path, gold_dir: Path) -> dict[str, dict[str, tuple[float, float]]]:
    """table -> bucket key -> (rows, rows right), weighted (see :func:`labelled_rows`)."""
    acc: dict[str, dict[str, list[float]]] = defaultdict(lambda: defaultdict(lambda: [0.0, 0.0]))
    for r in labelled_rows(pred, gold_dir):
        c = acc[r["table"]][r["key"]]
        c[0] += r["weight"]
        c[1] += r["weight"] * r["right"]
    return {t: {k: (round(n, 3), round(right, 3)) for k, (n, right) in sorted(b.items())}
            for t, b in sorted(acc.items())}


def build(pred: Path, gold_dir: Path, out_dir: Path) -> dict:
    """Write ``table.json`` (per table, every bucket's rows, rows right and confidence) and ``meta.json``."""
    found = counts(pred, gold_dir)
    table = {"version": VERSION, "tables": {t: smoothed(c) for t, c in found.items()}}
    meta = {"version": VERSION, "pipeline_version": __version__, "built": dt.date.today().isoformat(),
            "gold": str(gold_dir), "documents": len(list(Path(gold_dir).glob("*.gold.json"))),
            "smoothing": SMOOTHING, "rows": {t: sum(n for n, _ in c.values()) for t, c in found.items()},
            "how": "python -m pipeline.products.calibrate --pred OUT --gold GOLD --write DIR, OUT being "
                   "`minutes run tests/fixtures/minutes` (make confidence); precision per evidence bucket, "
                   "smoothed towards the coarser bucket (pipeline.products.confidence.smoothed); a string repeated "
                   "in a document under the same evidence counts once (rows are weighted)"}
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    (out_dir / "table.json").write_text(json.dumps(table, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    (out_dir / "meta.json").write_text(json.dumps(meta, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    return table


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--pred", type=Path, required=True, help="output folder of `minutes run` on the gold corpus")
    ap.add_argument("--gold", type=Path, required=True, help="folder of <stem>.gold.json")
    ap.add_argument("--write", type=Path, required=True, help="folder for table.json and meta.json")
    args = ap.parse_args(argv)
    table = build(args.pred, args.gold, args.write)
    for t, buckets in table["tables"].items():
        print(f"{t}: {buckets['']['n']} rows, precision {buckets['']['right'] / max(1, buckets['']['n']):.3f}, "
              f"{sum(1 for k in buckets if k)} buckets")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
