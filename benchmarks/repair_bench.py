"""Benchmark the OCR repair: synthetic damage of clean Swedish text, clean text left alone,
real damaged/corrected pairs, and speed.

    python benchmarks/repair_bench.py                       # default damage, default text sets
    python benchmarks/repair_bench.py --sweep               # several damage profiles
    python benchmarks/repair_bench.py --strip-rate 1 --symbol-rate 0 --cap-i-rate 0.3
    python benchmarks/repair_bench.py --pair damaged.txt corrected.txt   # a real pair
    python benchmarks/repair_bench.py --files 'my/clean/*.txt' --show 30

Damage model (configurable, not tuned to any file): every å/ä/ö (and upper-case forms) is,
independently, replaced by a symbol drawn from --table with probability --symbol-rate, else
stripped (å/ä→a, ö→o) with probability --strip-rate, else kept.  Upper-case 'I' at word start
becomes 'l' with probability --cap-i-rate.  --fffd-rate turns å/ä/ö/§ into U+FFFD instead.

Text sets (each skipped when missing):
  minutes   the clean development minutes in ../shared/dev/minutes (damaged-looking ones skipped)
  talbanken UD Swedish-Talbanken test documents (held out of the context model, see
            models/repair/README.md), one document per `# newdoc`
Clean-text check: the same documents repaired undamaged, plus every Talbanken dev and test
sentence on its own as a document (short texts give the detector the least evidence).

Prints CER and WER of the damaged and the repaired text against the clean original, the CER
reduction, the share of characters changed when repairing undamaged text, and words per
second (excluding the one-off model loading, which is printed separately).
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

from pipeline.stages.repair import repair_text  # noqa: E402
from pipeline.stages.repair.core import preload  # noqa: E402

SHARED = ROOT.parent / "shared"
MINUTES_GLOB = str(SHARED / "dev" / "minutes" / "*.txt")
TALBANKEN = SHARED / "corpora" / "ud-sv-talbanken"
STRIP = {"å": "a", "ä": "a", "ö": "o", "Å": "A", "Ä": "A", "Ö": "O"}
DEFAULT_TABLE = "ö=6,é,b,6;ä=&,d,é,&;å=&,d,a"
SWEEP = [  # name, strip, symbol, cap_i, fffd, table
    ("default", 0.75, 0.2, 0.0, 0.0, DEFAULT_TABLE),
    ("strip-all", 1.0, 0.0, 0.0, 0.0, DEFAULT_TABLE),
    ("strip-half", 0.5, 0.0, 0.0, 0.0, DEFAULT_TABLE),
    ("light", 0.2, 0.05, 0.0, 0.0, DEFAULT_TABLE),
    ("symbols", 0.3, 0.6, 0.3, 0.0, "ö=6,é,b,o;ä=&,d,é,i,@;å=&,d,a,@"),
    ("fffd", 0.0, 0.0, 0.0, 1.0, DEFAULT_TABLE),
]


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


def conllu_documents(path: Path) -> tuple[list[str], list[str]]:
    """(documents, sentences) of a CoNLL-U file: `# text` lines, paragraphs by `# newpar`."""
    docs, sents, paras, cur = [], [], [], []
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.startswith("# newdoc"):
            if cur:
                paras.append(" ".join(cur))
            if paras:
                docs.append("\n\n".join(paras))
            paras, cur = [], []
        elif line.startswith("# newpar"):
            if cur:
                paras.append(" ".join(cur))
            cur = []
        elif line.startswith("# text = "):
            s = line[len("# text = "):]
            cur.append(s)
            sents.append(s)
    if cur:
        paras.append(" ".join(cur))
    if paras:
        docs.append("\n\n".join(paras))
    return docs, sents


def load_sets(files: list[str] | None) -> tuple[dict[str, list[str]], list[str]]:
    """Named sets of clean documents for synthetic damage, and extra clean-only texts."""
    sets: dict[str, list[str]] = {}
    extra_clean: list[str] = []
    if files:
        paths = sorted({p for g in files for p in glob.glob(g)})
        sets["files"] = [t for t in (Path(p).read_text(encoding="utf-8", errors="replace")
                                     for p in paths) if is_clean_swedish(t)]
        return {k: v for k, v in sets.items() if v}, extra_clean
    mins = [Path(p).read_text(encoding="utf-8", errors="replace") for p in sorted(glob.glob(MINUTES_GLOB))]
    sets["minutes"] = [t for t in mins if is_clean_swedish(t)]
    test = TALBANKEN / "sv_talbanken-ud-test.conllu"
    if test.exists():
        docs, sents = conllu_documents(test)
        sets["talbanken"] = docs
        extra_clean += sents
    dev = TALBANKEN / "sv_talbanken-ud-dev.conllu"
    if dev.exists():
        docs, sents = conllu_documents(dev)
        extra_clean += docs + sents
    return {k: v for k, v in sets.items() if v}, extra_clean


def run_damage(sets, rng, strip, symbol, cap_i, fffd, table_spec, repeat, show=0):
    table = parse_table(table_spec)
    rows = []
    for name, texts in sets.items():
        ref_all, dmg_all, rep_all = [], [], []
        n_words, secs = 0, 0.0
        for _ in range(repeat):
            for t in texts:
                d = damage(t, rng, strip, symbol, table, cap_i, fffd)
                t1 = time.perf_counter()
                r = repair_text(d)
                secs += time.perf_counter() - t1
                n_words += len(d.split())
                ref_all.append(t)
                dmg_all.append(d)
                rep_all.append(r.text)
        ref, dmg, rep = "\n".join(ref_all), "\n".join(dmg_all), "\n".join(rep_all)
        rows.append((name, cer(dmg, ref), cer(rep, ref), wer(dmg, ref), wer(rep, ref),
                     n_words / max(secs, 1e-9)))
        if show:
            show_errors(rep, ref, show)
    return rows


def show_errors(hyp: str, ref: str, n: int) -> None:
    rw, hw = ref.split(), hyp.split()
    shown = 0
    for op in Levenshtein.editops(hw, rw):
        if op.tag == "replace":
            lo = max(op.src_pos - 2, 0)
            ctx = " ".join(hw[lo:op.src_pos + 3])
            print(f"    {hw[op.src_pos]!r} -> gold {rw[op.dest_pos]!r}    [{ctx}]")
            shown += 1
            if shown >= n:
                break


def clean_check(texts: list[str]) -> tuple[int, int, float, int]:
    changed = n_chars = words = 0
    secs = 0.0
    for t in texts:
        t1 = time.perf_counter()
        r = repair_text(t)
        secs += time.perf_counter() - t1
        if r.text != t:
            changed += Levenshtein.distance(r.text, t)
        n_chars += len(t)
        words += len(t.split())
    return changed, n_chars, words / max(secs, 1e-9), words


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description="OCR repair benchmark")
    ap.add_argument("--files", nargs="*", default=None,
                    help="globs of clean Swedish text files (default: dev minutes + Talbanken test)")
    ap.add_argument("--strip-rate", type=float, default=0.75)
    ap.add_argument("--symbol-rate", type=float, default=0.2)
    ap.add_argument("--table", default=DEFAULT_TABLE, help="'ö=6,é,b;ä=&,d;å=&' (upper case derived)")
    ap.add_argument("--cap-i-rate", type=float, default=0.0)
    ap.add_argument("--fffd-rate", type=float, default=0.0)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--repeat", type=int, default=1, help="damage each file this many times")
    ap.add_argument("--sweep", action="store_true", help="run the preset damage profiles")
    ap.add_argument("--pair", nargs=2, action="append", default=[], metavar=("DAMAGED", "CORRECTED"),
                    help="a real damaged text and its hand-corrected version")
    ap.add_argument("--show", type=int, default=0, help="print this many remaining word errors")
    a = ap.parse_args(argv)

    sets, extra_clean = load_sets(a.files)
    if not sets and not a.pair:
        print("no clean input files found", file=sys.stderr)
        return 1
    t0 = time.perf_counter()
    preload()  # one-off model loading, timed separately
    load_s = time.perf_counter() - t0
    print(f"model load {load_s:.2f} s; sets: " + ", ".join(f"{k}={len(v)} docs" for k, v in sets.items()))

    profiles = SWEEP if a.sweep else [("custom", a.strip_rate, a.symbol_rate, a.cap_i_rate,
                                       a.fffd_rate, a.table)]
    all_ok = []
    for pname, strip, symbol, cap_i, fffd, table in profiles:
        rng = random.Random(a.seed)
        print(f"damage {pname}: strip={strip} symbol={symbol} cap_i={cap_i} fffd={fffd} table={table!r}")
        for name, c0, c1, w0, w1, wps in run_damage(sets, rng, strip, symbol, cap_i, fffd, table,
                                                   a.repeat, a.show):
            red = (1 - c1 / c0) if c0 else 0.0
            all_ok.append(red)
            print(f"  {name:10s} CER {c0:.3%} -> {c1:.3%} (reduction {red:.1%})   "
                  f"WER {w0:.2%} -> {w1:.2%}   {wps:,.0f} words/s")

    clean_docs = [t for v in sets.values() for t in v]
    changed, n_chars, wps, words = clean_check(clean_docs)
    print(f"clean documents: {changed / max(n_chars, 1):.4%} of characters changed "
          f"({changed} of {n_chars}); {wps:,.0f} words/s ({words} words)")
    if extra_clean:
        changed, n_chars, wps, words = clean_check(extra_clean)
        print(f"clean Talbanken dev docs + sentences one by one ({len(extra_clean)} texts): "
              f"{changed / max(n_chars, 1):.4%} changed ({changed} of {n_chars}); {wps:,.0f} words/s")
    for raw_p, gold_p in a.pair:
        raw = Path(raw_p).read_text(encoding="utf-8")
        gold = Path(gold_p).read_text(encoding="utf-8")
        t1 = time.perf_counter()
        r = repair_text(raw)
        secs = time.perf_counter() - t1
        print(f"pair {Path(raw_p).name}: CER {cer(raw, gold):.3%} -> {cer(r.text, gold):.3%}   "
              f"WER {wer(raw, gold):.2%} -> {wer(r.text, gold):.2%}   "
              f"{len(r.corrections)} corrections, {len(raw.split()) / max(secs, 1e-9):,.0f} words/s")
        if a.show:
            show_errors(r.text, gold, a.show)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
