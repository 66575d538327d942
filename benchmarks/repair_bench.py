"""Benchmark the OCR repair on synthetically damaged clean Swedish text.

    python benchmarks/repair_bench.py [--files GLOB ...] [--strip-rate 0.75] [--symbol-rate 0.2]
        [--table "ö=6,é,b;ä=&,d,é;å=&,a"] [--cap-i-rate 0.3] [--seed 1] [--repeat 1]

Damage model (configurable, not tuned to any file): every å/ä/ö (and upper-case forms) is,
independently, replaced by a symbol drawn from --table with probability --symbol-rate, else
stripped (å/ä→a, ö→o) with probability --strip-rate, else kept.  Upper-case 'I' at word start
becomes 'l' with probability --cap-i-rate.  Optionally --fffd-rate turns å/ä/ö/§ into U+FFFD.

Prints CER and WER of the damaged text and of the repaired text against the clean original,
the CER reduction, the share of characters changed when repairing the undamaged text, and
words per second (excluding the one-off model loading, which is printed separately).
"""
from __future__ import annotations

import argparse
import glob
import random
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from rapidfuzz.distance import Levenshtein  # noqa: E402

from pipeline.repair import repair_text  # noqa: E402
from pipeline.repair.core import preload  # noqa: E402

STRIP = {"å": "a", "ä": "a", "ö": "o", "Å": "A", "Ä": "A", "Ö": "O"}
DEFAULT_TABLE = "ö=6,é,b,6;ä=&,d,é,&;å=&,d,a"


def parse_table(spec: str) -> dict[str, list[str]]:
    table: dict[str, list[str]] = {}
    for part in spec.split(";"):
        if "=" not in part:
            continue
        k, v = part.split("=", 1)
        subs = [x for x in v.split(",") if x]
        table[k.strip()] = subs
        if k.strip().upper() != k.strip():
            table[k.strip().upper()] = [s.upper() if s.isalpha() else s for s in subs]
    return table


def damage(text: str, rng: random.Random, strip_rate: float, symbol_rate: float,
           table: dict[str, list[str]], cap_i_rate: float = 0.0, fffd_rate: float = 0.0) -> str:
    out = []
    prev = " "
    for ch in text:
        r = rng.random()
        if ch in STRIP or ch == "§":
            if fffd_rate and rng.random() < fffd_rate:
                out.append("\ufffd")
            elif ch in STRIP and r < symbol_rate and table.get(ch):
                out.append(rng.choice(table[ch]))
            elif ch in STRIP and r < symbol_rate + strip_rate:
                out.append(STRIP[ch])
            else:
                out.append(ch)
        elif ch == "I" and not prev.isalnum() and rng.random() < cap_i_rate:
            out.append("l")
        else:
            out.append(ch)
        prev = ch
    return "".join(out)


def cer(hyp: str, ref: str) -> float:
    return Levenshtein.distance(hyp, ref) / max(len(ref), 1)


def wer(hyp: str, ref: str) -> float:
    h, r = hyp.split(), ref.split()
    return Levenshtein.distance(h, r) / max(len(r), 1)


def is_clean_swedish(text: str) -> bool:
    letters = sum(c.isalpha() for c in text)
    return letters > 0 and sum(text.count(c) for c in "åäöÅÄÖ") / letters >= 0.015


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description="OCR repair benchmark")
    ap.add_argument("--files", nargs="*", default=[str(ROOT.parent / "shared" / "dev" / "minutes" / "*.txt")],
                    help="globs of clean Swedish text files (damaged-looking ones are skipped)")
    ap.add_argument("--strip-rate", type=float, default=0.75)
    ap.add_argument("--symbol-rate", type=float, default=0.2)
    ap.add_argument("--table", default=DEFAULT_TABLE, help="'ö=6,é,b;ä=&,d;å=&' (upper case derived)")
    ap.add_argument("--cap-i-rate", type=float, default=0.0)
    ap.add_argument("--fffd-rate", type=float, default=0.0)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--repeat", type=int, default=1, help="damage each file this many times")
    ap.add_argument("--show", type=int, default=0, help="print this many remaining word errors")
    a = ap.parse_args(argv)

    paths = sorted({p for g in a.files for p in glob.glob(g)})
    texts = []
    for p in paths:
        t = Path(p).read_text(encoding="utf-8", errors="replace")
        if is_clean_swedish(t):
            texts.append((p, t))
    if not texts:
        print("no clean input files found", file=sys.stderr)
        return 1
    t0 = time.perf_counter()
    preload()  # one-off model loading, timed separately
    load_s = time.perf_counter() - t0

    rng = random.Random(a.seed)
    table = parse_table(a.table)
    ref_all, dmg_all, rep_all = [], [], []
    n_words = 0
    t_damaged = 0.0
    for _ in range(a.repeat):
        for _p, t in texts:
            d = damage(t, rng, a.strip_rate, a.symbol_rate, table, a.cap_i_rate, a.fffd_rate)
            t1 = time.perf_counter()
            r = repair_text(d)
            t_damaged += time.perf_counter() - t1
            n_words += len(d.split())
            ref_all.append(t)
            dmg_all.append(d)
            rep_all.append(r.text)
    ref, dmg, rep = "\n".join(ref_all), "\n".join(dmg_all), "\n".join(rep_all)

    changed = 0
    n_clean_chars = 0
    clean_words = 0
    t_clean = 0.0
    for _p, t in texts:
        t1 = time.perf_counter()
        r = repair_text(t)
        t_clean += time.perf_counter() - t1
        changed += Levenshtein.distance(r.text, t)
        n_clean_chars += len(t)
        clean_words += len(t.split())

    c0, c1 = cer(dmg, ref), cer(rep, ref)
    w0, w1 = wer(dmg, ref), wer(rep, ref)
    print(f"files: {len(texts)} x {a.repeat}   damage: strip={a.strip_rate} symbol={a.symbol_rate} "
          f"cap_i={a.cap_i_rate} fffd={a.fffd_rate} table={a.table!r}")
    print(f"CER  damaged {c0:.4%}  repaired {c1:.4%}  reduction {(1 - c1 / c0) if c0 else 0:.1%}")
    print(f"WER  damaged {w0:.4%}  repaired {w1:.4%}  reduction {(1 - w1 / w0) if w0 else 0:.1%}")
    print(f"clean text: {changed / max(n_clean_chars, 1):.4%} of characters changed "
          f"({changed} of {n_clean_chars}); {clean_words / max(t_clean, 1e-9):,.0f} words/s")
    print(f"damaged text: {n_words / max(t_damaged, 1e-9):,.0f} words/s   (model load {load_s:.2f} s)")
    if a.show:
        rw, hw = ref.split(), rep.split()
        from rapidfuzz.distance import Levenshtein as L
        shown = 0
        for op in L.editops(hw, rw):
            if op.tag == "replace":
                print(f"  {hw[op.src_pos]!r} -> gold {rw[op.dest_pos]!r}")
                shown += 1
                if shown >= a.show:
                    break
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
