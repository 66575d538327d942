"""benchmarks/pipeline_bench.py: the seed minutes, the generated archives and the CPU figures."""
from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
spec = importlib.util.spec_from_file_location("pipeline_bench", ROOT / "benchmarks" / "pipeline_bench.py")
bench = importlib.util.module_from_spec(spec)
spec.loader.exec_module(bench)


def test_seeds_are_the_samples_and_the_text_fixtures_decoded():
    seeds = bench.seed_texts()
    n_raw = len(list(bench.SAMPLES.glob("*.txt")))
    assert len(seeds) > n_raw + 10  # the fixtures' .txt and .md minutes too
    assert all("\ufffd" not in s[:2000] for s in seeds[:n_raw])
    assert any("Närvarande" in s or "Närvande" in s for s in seeds)
    assert any("å" in s for s in seeds[n_raw:])  # cp1252 fixtures read as Swedish, not mojibake


def test_archive_has_n_distinct_minutes(tmp_path):
    words = bench.build_archive(30, tmp_path)
    files = sorted(tmp_path.rglob("*.txt"))
    assert len(files) == 30 and words > 30 * 50
    assert len({f.read_bytes() for f in files}) == 30


@pytest.mark.slow
def test_cpu_figures_time_every_stage_and_the_floor(tmp_path, capsys):
    bench.build_archive(3, tmp_path)
    fig = bench.cpu_figures(tmp_path)
    assert fig["documents"] == 3 and fig["words"] > 100
    assert set(fig["stage_s"]) >= {"ingest", "repair", "segment", "ner", "extract"}
    assert all(v > 0 for k, v in fig["stage_s"].items() if k != "identifiers")
    assert 0 < fig["tokenizer_s"] < sum(fig["stage_s"].values())
    assert 0 < fig["model_s"] < sum(fig["stage_s"].values())
    bench.print_cpu(fig)
    out = capsys.readouterr().out
    assert "ratio to the tokenizer" in out and "ner " in out
