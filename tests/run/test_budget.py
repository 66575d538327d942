"""Per-document budgets: over a stage's size or time budget, a document is an error row; and text
processing is linear in the length of the document (issue 16)."""
from __future__ import annotations

import threading
import time

import pytest

from pipeline.contract.record import MinutesRecord
from pipeline.run.budget import BudgetExceeded, size_problem, time_budget
from pipeline.run.process import process_document, run_stages
from pipeline.run.registry import parse_params
from pipeline.stages.segment import SegmentParams


def test_size_budget_in_characters_and_lines():
    p = SegmentParams(budget_chars=20, budget_lines=3)
    assert size_problem("kort text", p, "segment") is None
    assert size_problem("x" * 21, p, "segment") == ("segment stage: over budget: the text has 21 characters, "
                                                    "more than segment.budget_chars=20")
    assert "4 lines" in size_problem("a\nb\nc\nd", p, "segment")
    assert size_problem("x" * 10**6, SegmentParams(budget_chars=0, budget_lines=0), "segment") is None


def test_time_budget_interrupts_a_stage_in_the_main_thread():
    started = time.monotonic()
    with pytest.raises(BudgetExceeded, match=r"ner stage: over budget: took longer than ner.budget_s=0.2 s"), \
            time_budget(SegmentParams(budget_s=0.2), "ner"):
        while True:  # a stage that would never end
            try:
                time.sleep(0.01)
            except Exception:  # noqa: BLE001, S110 - a stage's own catch-all must not swallow the budget
                pass
    assert time.monotonic() - started < 2


def test_time_budget_outside_the_main_thread_is_measured():
    out = {}

    def work():
        try:
            with time_budget(SegmentParams(budget_s=0.05), "extract"):
                time.sleep(0.2)
        except BudgetExceeded as exc:
            out["error"] = str(exc)

    t = threading.Thread(target=work)
    t.start()
    t.join()
    assert out["error"].startswith("extract stage: over budget")


def test_an_over_budget_stage_gives_an_error_row_that_keeps_the_text(monkeypatch):
    from dataclasses import replace

    from pipeline.run import registry

    def slow(rec, params):
        time.sleep(5)

    monkeypatch.setitem(registry.BY_NAME, "extract", replace(registry.BY_NAME["extract"], run=slow))
    text = "Styrelsen 3 mars 2024\n\nNärvarande: Eva Holm\n\nBudget\n\nVi går igenom budgeten.\n"
    rec = MinutesRecord(document={"doc_id": "d", "status": "ok", "text_raw": text, "text": text, "error": None})
    started = time.monotonic()
    out = run_stages(rec, parse_params({"extract": {"budget_s": 0.3}}), ["extract"])  # the clock: extract alone
    assert time.monotonic() - started < 4
    assert out.document["status"] == "error"
    assert out.document["error"] == "extract stage: over budget: took longer than extract.budget_s=0.3 s"
    assert out.document["text"] == text and not out.decisions


def _lines_file(path, n: int) -> None:
    words = ["möte", "Anna", "beslut", "punkt", "ok", "och", "Kalle", "§ 3", "- ja", "2024-03-01", "Nämnden"]
    path.write_text("Protokoll styrelsemöte 12 mars 2024\n" + "\n".join(f"{words[i % len(words)]} {i}"
                                                                       for i in range(n)) + "\n", encoding="utf-8")


@pytest.mark.slow
def test_a_million_short_lines_finish_within_a_minute(tmp_path):
    """With the default budgets a text of a million lines is read and refused by size, fast."""
    _lines_file(tmp_path / "lång.txt", 1_000_000)
    started = time.perf_counter()
    rec = process_document(tmp_path / "lång.txt", tmp_path, parse_params({}))
    assert time.perf_counter() - started < 60
    assert rec.document["status"] == "error" and "over budget" in rec.document["error"]


@pytest.mark.slow
def test_text_processing_is_linear_in_the_number_of_lines(tmp_path):
    """Ten times the lines take about ten times as long (it was quadratic: the NER overlap checks,
    the enumeration rule, section_at). The model layer is left out: it is spaCy's, and linear."""
    params = parse_params({"ner": {"model": False}, "ingest": {"inline_text_max_bytes": 1 << 28}})
    times = {}
    for n in (10_000, 100_000):
        _lines_file(tmp_path / f"{n}.txt", n)
        started = time.perf_counter()
        rec = process_document(tmp_path / f"{n}.txt", tmp_path, params)
        times[n] = time.perf_counter() - started
        assert rec.document["status"] == "ok" and len(rec.entities) > n // 10
    assert times[100_000] < 20 * times[10_000], times
