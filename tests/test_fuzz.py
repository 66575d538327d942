"""Fuzzing the parsers with hypothesis (issue 16): the text, Markdown and HTML readers, the date
parser and segmentation never raise on any input, and every offset any stage writes indexes into
the document's text. Each test has a bounded budget (examples and time), so ``make test`` stays
quick and the same on every run; ``MINUTES_FUZZ_EXAMPLES=2000 MINUTES_FUZZ_RANDOM=1 pytest tests/test_fuzz.py``
searches longer, with new examples each time."""
from __future__ import annotations

import datetime as dt
import os
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pipeline.contract.document import block_rows
from pipeline.contract.record import MinutesRecord
from pipeline.lang.dates import find_dates, parse_date
from pipeline.run.process import run_stages
from pipeline.run.registry import parse_params
from pipeline.stages.ingest.formats.html import read_html
from pipeline.stages.ingest.formats.markdown import read_markdown
from pipeline.stages.ingest.plain import plain_text_blocks
from pipeline.stages.ingest.reader import extract, resolve_params
from pipeline.stages.segment import segment_document

EXAMPLES = int(os.environ.get("MINUTES_FUZZ_EXAMPLES", "40"))
BOUNDED = settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=[HealthCheck.too_slow],
                   derandomize=not os.environ.get("MINUTES_FUZZ_RANDOM"))

# text that looks like minutes often enough to reach the interesting code: headings, §, dates, names,
# list markers, tables, markup, identifiers, and any character at all
_PIECES = st.sampled_from([
    "Protokoll", "Styrelsen", "Närvarande:", "Frånvarande", "§ 1", "§ 12 ", "1.", "2.3", "- ", "* ", "• ", "att ",
    "Beslut:", "beslutar", "Ansvarig:", "Anna Svensson", "Kalle", ", RSMH", "(ordf.)", "12 mars 2024", "2024-03-21",
    "den 3/4", "kl. 13.00–15.00", "| a | b |", "|---|", "# ", "## ", "**", "<b>", "</p>", "&amp;", "[x](y)", "---",
    "070-123 45 67", "19811218-9876", "eva@example.se", "Storgatan 3", "\n", "\n\n", "\t", "  ", "\f", "\r\n", "\ufffd",
])
_RUNS = st.lists(st.one_of(_PIECES, st.text(max_size=12)), max_size=60).map("".join)
_LINES = st.lists(st.lists(st.one_of(_PIECES, st.text(max_size=8)), max_size=6).map("".join),
                  max_size=40).map("\n".join)  # line structure: headings, attendee blocks, items
TEXTS = st.one_of(_RUNS, _LINES)
P = resolve_params({"isolate": False})


@BOUNDED
@given(st.binary(max_size=2000), st.sampled_from(["x.txt", "x.md", "x.org", "x.html", "x.pdf", "x.docx"]))
def test_readers_never_raise_on_any_bytes(data, name):
    row = extract(Path(name), P, data=data)
    assert row["status"] in ("ok", "error")
    assert (row["text_raw"] is None) == (row["status"] == "error")


@BOUNDED
@given(TEXTS, st.sampled_from(["x.txt", "x.md", "x.org"]))
def test_text_and_markdown_readers_give_text_for_text(text, name):
    row = extract(Path(name), P, data=text.encode("utf-8"))
    assert row["status"] in ("ok", "error") and (row["status"] == "error" or isinstance(row["text_raw"], str))


@BOUNDED
@given(TEXTS)
def test_html_reader(text):
    r = read_html(f"<html><body><p>{text}</p><table><tr><td>{text[:20]}</td></tr></table>".encode())
    assert isinstance(r.text, str) and isinstance(r.warnings, list)
    for b in r.blocks:
        assert 0 <= b.start <= b.end <= len(r.text)


@BOUNDED
@given(TEXTS)
def test_markdown_reader_blocks_index_into_its_text(text):
    r = read_markdown(f"# {text[:30]}\n\n- {text}\n  - {text[:10]}\n\n| a | {text[:5]} |\n|---|---|\n| x | y |\n")
    for b in r.blocks:
        assert 0 <= b.start <= b.end <= len(r.text)


@BOUNDED
@given(TEXTS, st.one_of(st.none(), st.integers(1900, 2100), st.dates(dt.date(1900, 1, 1), dt.date(2100, 12, 31))))
def test_dates_are_spans_of_the_text(text, anchor):
    for d in find_dates(text, anchor):
        assert 0 <= d.start < d.end <= len(text) and text[d.start:d.end] == d.text
        if d.label == "DATE" and d.normalized and len(d.normalized) == 10:
            dt.date.fromisoformat(d.normalized)
    parse_date(text, anchor)


@BOUNDED
@given(TEXTS)
def test_segmentation_rows_index_into_the_text(text):
    seg = segment_document("d", text)
    for row in seg.attendees + seg.sections:
        assert 0 <= row["start_char"] <= row["end_char"] <= len(text), row
    for s in seg.sections:
        assert s["title"] is None or s["title"] in text


def _check_offsets(rec: MinutesRecord) -> None:
    text = rec.document["text"] or ""
    for table in ("blocks", "attendees", "sections", "entities", "decisions", "action_items", "identifiers"):
        for row in getattr(rec, table):
            s, e = row.get("start_char"), row.get("end_char")
            if s is None:
                continue
            assert 0 <= s <= e <= len(text), (table, row)
            if table in ("entities", "decisions", "action_items", "identifiers"):
                assert text[s:e] == row["text"], (table, row)
    raw = rec.document["text_raw"] or ""
    for c in rec.corrections:
        assert raw[c["start_char"]:c["start_char"] + len(c["original"])] == c["original"]


@settings(max_examples=max(10, EXAMPLES // 2), deadline=None, derandomize=not os.environ.get("MINUTES_FUZZ_RANDOM"),
          suppress_health_check=[HealthCheck.too_slow])
@given(TEXTS)
def test_every_offset_indexes_into_the_text_for_any_input(text):
    params = parse_params({"ner": {"model": False}})
    rec = MinutesRecord(document={"doc_id": "d", "status": "ok", "text_raw": text, "text": text, "error": None,
                                  "meta_title": None, "meta_author": None, "meta_date": None, "metadata": None},
                        blocks=block_rows("d", plain_text_blocks(text, paged=False)))
    out = run_stages(rec, params)
    if out.ok:
        _check_offsets(out)
    else:
        assert "stage failed" not in (out.document["error"] or ""), out.document["error"]
