"""benchmarks/quality_report.py: the per-source table of docs/quality.md."""
from __future__ import annotations

import importlib.util
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
spec = importlib.util.spec_from_file_location("quality_report", ROOT / "benchmarks" / "quality_report.py")
quality_report = importlib.util.module_from_spec(spec)
spec.loader.exec_module(quality_report)


def _scores():
    row = {"precision": 0.5, "recall": 0.5, "f1": 0.5, "tp": 1, "fp": 1, "fn": 1}
    return {**{f: row for f in quality_report.FIELDS}, "body": {"accuracy": 1.0, "n": 2}}


def test_sources_are_aggregated_before_f1_and_unscored_fields_are_dashes():
    per_doc = {"a1": {"sections": (2, 2, 4)}, "a2": {"sections": (0, 3, 1)}, "b1": {"decisions": (0, 0, 0)}}
    sources = {"a1": "kommun-a", "a2": "kommun-a", "b1": "forening-b"}
    text = quality_report.render(_scores(), per_doc, sources, "abc1234", "2026-12-02")
    row_a = next(line for line in text.splitlines() if line.startswith("| kommun-a (2)"))
    # micro-averaged over the source: tp 2, pred 5, gold 5 -> F1 0.40 (the mean of the documents' F1 is 0.33)
    assert row_a.split(" | ")[1] == "0.40"
    row_b = next(line for line in text.splitlines() if line.startswith("| forening-b (1)"))
    assert row_b.split(" | ")[1] == "–"  # sections not annotated there
    assert "abc1234" in text and "Minutes unlike these score lower" in text


def test_f1_of_an_empty_field_is_none_and_of_no_hits_is_zero():
    assert quality_report._f1(0, 0, 0) is None
    assert quality_report._f1(0, 3, 2) == 0.0
    assert round(quality_report._f1(1, 2, 2), 2) == 0.5


def test_the_other_styles_table_micro_averages_over_all_documents():
    per_doc = {"x": {"sections": (1, 2, 2)}, "y": {"sections": (1, 2, 2), "decisions": (0, 1, 0)}}
    text = quality_report.render_other_styles(per_doc, {"x": "protocol", "y": "association"})
    assert "2 minutes of 2 kinds" in text
    assert "| sections | 0.50 | 2 / 2 / 2 |" in text
    assert "| decisions | 0.00 | 0 / 1 / 0 |" in text
    assert "| places | – | 0 / 0 / 0 |" in text
