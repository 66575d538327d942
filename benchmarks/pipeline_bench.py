"""CPU cost per word (issue 15), throughput, scaling and memory of whole-archive runs (issue 7).
Prints figures; asserts nothing.

    .venv/bin/python benchmarks/pipeline_bench.py                 # CPU figures, then N = 10, 100, 1000
    .venv/bin/python benchmarks/pipeline_bench.py --cpu-only      # only the CPU figures (400 minutes)
    .venv/bin/python benchmarks/pipeline_bench.py --sizes 10 100 1000 10000

The headline is CPU time, measured in one process on one archive of ``--cpu-docs`` minutes (400)
made from the seed minutes: the pipeline's words per CPU-second (ingest and the document stages,
models loaded first) against those of a bare ``spacy.blank("sv")`` tokenizer pass over the same
texts (the ratio; the tokenizer is timed before and after the pipeline and the mean taken, so the
ratio holds on a busy machine), the same ratio for the NER model alone, and each stage's share of
the pipeline's CPU time.

For each N an archive of N minutes is generated from the seed minutes (the samples in data/raw
and the plain-text and Markdown minutes of tests/fixtures/minutes) with
variation (other names, bodies, dates and years, sections shuffled and dropped, so that no two
documents are the same bytes), and the pipeline runs over it in a fresh process (so peak
memory is that run's own). Printed per N: documents/s, words/s and words/s per core, peak
resident memory, the time of an unchanged re-run relative to the full run. Then, on the
largest N up to 1000: the floor (a bare spaCy Swedish tokenizer pass over the same texts),
the pipeline's ratio to it, and the speed-up of 2 workers over 1.
"""
from __future__ import annotations

import argparse
import json
import random
import re
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SAMPLES = ROOT / "data" / "raw"
FIXTURES = ROOT / "tests" / "fixtures" / "minutes"

FIRST = ["Anna", "Eva", "Maria", "Karin", "Sara", "Lena", "Erik", "Lars", "Karl", "Anders", "Johan", "Per",
         "Mikael", "Hanna", "Sofia", "Ali", "Fatima", "Mohammed", "Ingrid", "Göran", "Åsa", "Örjan"]
LAST = ["Andersson", "Johansson", "Karlsson", "Nilsson", "Eriksson", "Larsson", "Olsson", "Persson", "Svensson",
        "Gustafsson", "Pettersson", "Jonsson", "Lindberg", "Ström", "Åberg", "Öberg", "Hassan", "Lindqvist"]
BODIES = ["Brukarrådet", "Gemensam utvecklingsgrupp", "Styrgruppen för brukarinflytande", "Samverkansgruppen",
          "Ledningsgrupp för utveckling", "Referensgruppen"]
MONTHS = ["januari", "februari", "mars", "april", "maj", "juni", "augusti", "september", "oktober", "november",
          "december"]
_NAME = re.compile(r"\b([A-ZÅÄÖ][a-zåäöé]+) ([A-ZÅÄÖ][a-zåäöé]+)\b")


def vary(text: str, rng: random.Random) -> str:
    """One more minutes: the same kind of text with other people, body, date and agenda order."""
    lines = text.splitlines()
    # the title line: another body and date
    for i, line in enumerate(lines):
        if line.strip():
            lines[i] = f"{rng.choice(BODIES)} {rng.randint(1, 28)} {rng.choice(MONTHS)} {rng.randint(2005, 2024)}"
            break
    body = "\n".join(lines)
    # other people (consistently within the document)
    people: dict[str, str] = {}

    def swap(m: re.Match) -> str:
        key = m.group(0)
        if key not in people:
            people[key] = f"{rng.choice(FIRST)} {rng.choice(LAST)}"
        return people[key]
    body = _NAME.sub(lambda m: swap(m) if rng.random() < 0.8 else m.group(0), body)
    # agenda: shuffle and drop some paragraphs after the head
    paras = body.split("\n\n")
    head, rest = paras[:4], paras[4:]
    rng.shuffle(rest)
    rest = [p for p in rest if rng.random() > 0.15]
    return "\n\n".join(head + rest) + f"\n\n/{rng.choice(FIRST)}\n"


def seed_texts() -> list[str]:
    """The minutes the archives are varied from: data/raw, and the fixtures' text and Markdown
    minutes (some are written in cp1252, as archives are)."""
    paths = sorted(SAMPLES.glob("*.txt")) + sorted(p for p in FIXTURES.iterdir() if p.suffix in (".txt", ".md"))
    out = []
    for p in paths:
        data = p.read_bytes()
        try:
            out.append(data.decode("utf-8"))
        except UnicodeDecodeError:
            out.append(data.decode("cp1252", errors="replace"))
    return out


def build_archive(n: int, folder: Path, seed: int = 7) -> int:
    rng = random.Random(seed)
    samples = seed_texts()
    words = 0
    for i in range(n):
        text = vary(samples[i % len(samples)], rng)
        sub = folder / f"{2005 + i % 20}"
        sub.mkdir(parents=True, exist_ok=True)
        (sub / f"protokoll_{i:05d}.txt").write_text(text, encoding="utf-8")
        words += len(text.split())
    return words


def run_child(args: list[str]) -> dict:
    """Run one measurement in a fresh interpreter; it prints one JSON line."""
    out = subprocess.run([sys.executable, __file__, "--child", *args], capture_output=True, text=True, check=True)
    return json.loads(out.stdout.strip().splitlines()[-1])


def child(argv: list[str]) -> None:
    kind, archive, out = argv[0], Path(argv[1]), Path(argv[2])
    workers = int(argv[3]) if len(argv) > 3 else 1
    if kind == "cpu":
        print(json.dumps(cpu_figures(archive)))
        return
    if kind == "tokenizer":
        import spacy
        nlp = spacy.blank("sv")
        texts = [p.read_text(encoding="utf-8") for p in sorted(archive.rglob("*.txt"))]
        t = time.perf_counter()
        n_tokens = sum(len(doc) for doc in nlp.tokenizer.pipe(texts, batch_size=64))
        result = {"seconds": time.perf_counter() - t, "tokens": n_tokens}
    else:
        from pipeline.run.process import load_params
        from pipeline.run.runner import run_archive
        params = load_params()
        if kind == "warm":  # load the models before the clock starts (a batch pays this once)
            from pipeline.run.process import process_document
            sample = next(iter(sorted(archive.rglob("*.txt"))))
            process_document(sample, archive, params)
        t = time.perf_counter()
        summary = run_archive([archive], out, params, workers=workers)
        result = {"seconds": time.perf_counter() - t, "documents": summary.documents, "failed": summary.failed,
                  "processed": summary.processed, "words": summary.words}
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    rss_children = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    result["peak_rss_mb"] = round(max(rss, rss_children) / 1024, 1)
    print(json.dumps(result))


def cpu_figures(archive: Path) -> dict:
    """CPU seconds, in this process, of the tokenizer floor, the NER model alone and each pipeline
    stage over the archive's texts (models loaded before the clock starts)."""
    import spacy

    from pipeline.contract.ids import assign_row_ids
    from pipeline.run.process import STAGES, load_params, process_document
    from pipeline.run.registry import BY_NAME, SOURCE
    from pipeline.stages.ner.model import load_model, run_model

    paths = sorted(archive.rglob("*.txt"))
    params = load_params()
    for path in paths[:20]:  # load every model and table once, as a batch's first documents do
        process_document(path, archive, params)
    texts = [p.read_text(encoding="utf-8") for p in paths]
    tokenizer = spacy.blank("sv").tokenizer

    def floor() -> float:
        t = time.process_time()
        for _ in tokenizer.pipe(texts, batch_size=64):
            pass
        return time.process_time() - t
    tok = [floor()]
    stage_s = {SOURCE.name: 0.0, **{name: 0.0 for name in STAGES}}
    words = 0
    for path in paths:
        t = time.process_time()
        rec = SOURCE.run(path, archive, params[SOURCE.name])
        stage_s[SOURCE.name] += time.process_time() - t
        for name in STAGES:
            if not rec.ok:
                break
            t = time.process_time()
            BY_NAME[name].run(rec, params[name])
            stage_s[name] += time.process_time() - t
        assign_row_ids(rec)
        words += len((rec.document.get("text") or "").split())
    nlp = load_model(params["ner"].model_path)
    t = time.process_time()
    for text in texts:
        run_model(nlp, text)
    model_s = time.process_time() - t
    tok.append(floor())
    return {"documents": len(paths), "words": words, "tokenizer_s": sum(tok) / len(tok), "model_s": model_s,
            "stage_s": stage_s}


def print_cpu(fig: dict) -> None:
    words, tok = fig["words"], fig["tokenizer_s"]
    total = sum(fig["stage_s"].values())
    print(f"CPU time, {fig['documents']} minutes, {words:,} words (one process, models loaded):")
    print(f"  tokenizer floor  {words / tok:>9,.0f} words/CPU-s")
    print(f"  pipeline         {words / total:>9,.0f} words/CPU-s   ratio to the tokenizer {tok / total:.3f}")
    print(f"  NER model alone  {words / fig['model_s']:>9,.0f} words/CPU-s   ratio to the tokenizer "
          f"{tok / fig['model_s']:.3f}")
    print("  CPU share by stage: " + ", ".join(f"{k} {100 * v / total:.0f} %" for k, v in fig["stage_s"].items()))
    print(f"  (the NER model alone is {100 * fig['model_s'] / total:.0f} % of the pipeline's CPU time)\n", flush=True)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--sizes", type=int, nargs="+", default=[10, 100, 1000])
    ap.add_argument("--keep", action="store_true", help="keep the generated archives")
    ap.add_argument("--no-compare", action="store_true", help="skip the tokenizer floor and the 1-vs-2 workers runs")
    ap.add_argument("--cpu-docs", type=int, default=400, help="minutes in the archive of the CPU figures (0: none)")
    ap.add_argument("--cpu-only", action="store_true", help="only the CPU figures")
    args = ap.parse_args()
    tmp = Path(tempfile.mkdtemp(prefix="minutes-bench-"))
    if args.cpu_docs:
        build_archive(args.cpu_docs, tmp / "cpu")
        print_cpu(run_child(["cpu", str(tmp / "cpu"), "-"]))
    if args.cpu_only:
        shutil.rmtree(tmp, ignore_errors=True)
        return
    print(f"{'N':>6} {'words':>9} {'docs/s':>8} {'words/s':>9} {'w/s/core':>9} {'peak MB':>8} {'rerun %':>8}")
    rows = {}
    try:
        for n in args.sizes:
            archive = tmp / f"archive{n}"
            words = build_archive(n, archive)
            full = run_child(["warm", str(archive), str(tmp / f"out{n}")])
            rerun = run_child(["cold", str(archive), str(tmp / f"out{n}")])
            assert rerun["processed"] == 0, rerun
            rows[n] = (archive, full)
            wps = full["words"] / full["seconds"]
            print(f"{n:>6} {words:>9,} {n / full['seconds']:>8.1f} {wps:>9,.0f} {wps:>9,.0f} "
                  f"{full['peak_rss_mb']:>8.0f} {100 * rerun['seconds'] / full['seconds']:>7.1f}%", flush=True)
        if args.no_compare:
            return
        n = max(k for k in rows if k <= 1000) if any(k <= 1000 for k in rows) else min(rows)
        archive, full = rows[n]
        tok = run_child(["tokenizer", str(archive), "-"])
        print(f"\nfloor on N={n}: bare spaCy sv tokenizer {full['words'] / tok['seconds']:,.0f} words/s; "
              f"the pipeline is {tok['seconds'] / full['seconds']:.3f}x its speed "
              f"({full['seconds'] / tok['seconds']:.0f}x slower)")
        one = run_child(["warm", str(archive), str(tmp / "w1"), "1"])
        two = run_child(["warm", str(archive), str(tmp / "w2"), "2"])
        print(f"workers on N={n}: 1 worker {one['seconds']:.1f} s, 2 workers {two['seconds']:.1f} s, "
              f"speed-up {one['seconds'] / two['seconds']:.2f}x")
    finally:
        if not args.keep:
            shutil.rmtree(tmp, ignore_errors=True)
        else:
            print(f"archives kept in {tmp}")


if __name__ == "__main__":
    if len(sys.argv) > 1 and sys.argv[1] == "--child":
        child(sys.argv[2:])
    else:
        main()
