"""benchmarks/confidence_calibration.py: reliability bins and Brier score of the confidence."""
from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
spec = importlib.util.spec_from_file_location("confidence_calibration", ROOT / "benchmarks" / "confidence_calibration.py")
calibration = importlib.util.module_from_spec(spec)
spec.loader.exec_module(calibration)


def test_bins_compare_mean_confidence_with_the_share_right_and_brier_beats_a_constant_when_informative():
    rows = [(0.3, False), (0.3, True), (0.3, False), (0.99, True), (0.99, True), (0.99, True)]
    rel = calibration.reliability(rows)
    assert rel["n"] == 6 and rel["precision"] == pytest.approx(4 / 6)
    low, high = rel["bins"]
    assert low["range"] == (0.0, 0.5) and low["n"] == 3 and low["precision"] == pytest.approx(1 / 3)
    assert high["range"] == (0.98, 1.0) and high["confidence"] == pytest.approx(0.99)
    assert rel["brier"] == pytest.approx((0.09 + 0.49 + 0.09 + 3 * 0.0001) / 6)
    assert rel["brier"] < rel["brier_constant"]


def test_a_confidence_that_says_nothing_is_no_better_than_the_constant():
    rows = [(0.9, True), (0.1, True), (0.9, False), (0.1, False)]
    rel = calibration.reliability(rows)
    assert rel["brier"] > rel["brier_constant"] == pytest.approx(0.25)
