"""The run machinery's cost (issue 15, items 4 and 5): re-runs, start-up, workers. Prints ratios; asserts nothing.

    .venv/bin/python benchmarks/run_bench.py                       # 1,000 documents, 400 for the workers
    .venv/bin/python benchmarks/run_bench.py --docs 200 --workers-docs 100   # quicker

Archives of generated minutes (benchmarks/pipeline_bench.py's generator) are run with the
``minutes`` command in a child process, as a user runs it; CPU time is the child's and its
children's (the worker processes), measured in one run of this script, and is the headline (the
wall time of a shared machine depends on its other load). Printed:

1. re-runs against the full run of N documents: unchanged (start-up included) and with one of
   the N files edited;
2. start-up: an unchanged re-run of one small file, in CPU seconds (the median of three);
3. workers: a fresh run of M documents with 1 and with 2 worker processes, CPU and wall, and
   whether both wrote the same rows in the same order.
"""
from __future__ import annotations

import argparse
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "benchmarks"))

from pipeline_bench import build_archive  # noqa: E402

MINUTES = [sys.executable, "-m", "pipeline.cli", "run"]


def children_cpu() -> float:
    r = resource.getrusage(resource.RUSAGE_CHILDREN)
    return r.ru_utime + r.ru_stime


def run(archive: Path, out: Path, *extra: str) -> tuple[float, float]:
    """(CPU seconds, wall seconds) of one ``minutes run`` in a fresh interpreter."""
    c, t = children_cpu(), time.perf_counter()
    subprocess.run([*MINUTES, str(archive), "--out", str(out), "--quiet", *extra], check=True, cwd=ROOT,
                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return children_cpu() - c, time.perf_counter() - t


def same_tables(a: Path, b: Path) -> bool:
    """The same rows in the same order in every table (provenance metadata aside)."""
    sys.path.insert(0, str(ROOT))
    from pipeline.contract.schema import ALL_TABLES
    from pipeline.run.export import read_arrow

    return all(read_arrow(a, t).replace_schema_metadata().equals(read_arrow(b, t).replace_schema_metadata())
               for t in ALL_TABLES)


def reruns(tmp: Path, n: int) -> None:
    archive, out = tmp / f"a{n}", tmp / f"o{n}"
    build_archive(n, archive)
    full = run(archive, out)
    unchanged = run(archive, out)
    edited = sorted(archive.rglob("*.txt"))[n // 2]
    edited.write_text(edited.read_text(encoding="utf-8") + "\nÖvrigt: inga övriga frågor.\n", encoding="utf-8")
    one = run(archive, out)
    print(f"1. re-runs, N={n}: full run {full[0]:.1f} CPU-s ({full[1]:.1f} s wall)")
    print(f"   unchanged re-run   {unchanged[0]:6.2f} CPU-s = {100 * unchanged[0] / full[0]:5.2f} % of the full run")
    print(f"   one file edited    {one[0]:6.2f} CPU-s = {100 * one[0] / full[0]:5.2f} % of the full run", flush=True)


def startup(tmp: Path) -> None:
    archive, out = tmp / "one", tmp / "o-one"
    build_archive(1, archive)
    run(archive, out)
    cpu = statistics.median(run(archive, out)[0] for _ in range(3))
    print(f"2. start-up: unchanged re-run of one small file {cpu:.2f} CPU-s", flush=True)


def workers(tmp: Path, n: int) -> None:
    archive = tmp / f"w{n}"
    build_archive(n, archive, seed=11)
    one = run(archive, tmp / "w-out1", "--workers", "1")
    two = run(archive, tmp / "w-out2", "--workers", "2")
    print(f"3. workers, {n} documents: 1 worker {one[0]:.1f} CPU-s {one[1]:.1f} s wall; "
          f"2 workers {two[0]:.1f} CPU-s {two[1]:.1f} s wall")
    print(f"   2 workers / 1: CPU {two[0] / one[0]:.2f}x, wall {two[1] / one[1]:.2f}x; "
          f"same output: {same_tables(tmp / 'w-out1', tmp / 'w-out2')}", flush=True)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--docs", type=int, default=1000, help="documents of the re-run archive")
    ap.add_argument("--workers-docs", type=int, default=400, help="documents of the 1-vs-2 workers archive")
    ap.add_argument("--only", choices=["reruns", "startup", "workers"], nargs="+")
    args = ap.parse_args()
    tmp = Path(tempfile.mkdtemp(prefix="minutes-run-bench-"))
    print(f"run benchmark — python {sys.version.split()[0]}, {len(__import__('os').sched_getaffinity(0))} cores")
    try:
        todo = args.only or ["reruns", "startup", "workers"]
        if "reruns" in todo:
            reruns(tmp, args.docs)
        if "startup" in todo:
            startup(tmp)
        if "workers" in todo:
            workers(tmp, args.workers_docs)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    main()
