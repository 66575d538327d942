"""Fixtures of the repair tests: see tests/conftest.py (minutes_dir, corpora_dir)."""
