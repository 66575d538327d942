"""pipeline/stages/ner/evaluate.py: per-label scores on the held-out test sets."""
from __future__ import annotations

import spacy
from spacy.tokens import Doc, DocBin, Span

from pipeline.stages.ner.evaluate import evaluate_file, format_table, score_spans


def test_score_spans_exact_match_per_label():
    gold = {(0, 4, "PER"), (10, 15, "LOC"), (20, 25, "ORG")}
    pred = {(0, 4, "PER"), (10, 15, "ORG"), (30, 33, "LOC")}
    r = score_spans([(pred, gold)])
    assert r["PER"] == {"p": 1.0, "r": 1.0, "f": 1.0, "tp": 1, "fp": 0, "fn": 0}
    assert r["LOC"]["tp"] == 0 and r["LOC"]["fp"] == 1 and r["LOC"]["fn"] == 1
    assert r["ALL"]["tp"] == 1 and r["ALL"]["fp"] == 2 and r["ALL"]["fn"] == 2
    assert "| x | 1.000 |" in format_table({"x": r})


def test_evaluate_file_on_a_small_test_set(tmp_path, nlp):
    vocab = spacy.blank("sv").vocab
    db = DocBin()
    for words, ents in [(["Maria", "Olofsson", "flyttade", "till", "Sundsvall", "."], [(0, 2, "PER"), (4, 5, "LOC")]),
                        (["Erik", "Nyberg", "bor", "i", "Umeå", "."], [(0, 2, "PER"), (4, 5, "LOC")])]:
        doc = Doc(vocab, words=words)
        doc.ents = [Span(doc, s, e, label=lab) for s, e, lab in ents]
        db.add(doc)
    db.to_disk(tmp_path / "t.spacy")
    r = evaluate_file(tmp_path / "t.spacy")
    assert r["PER"]["tp"] + r["PER"]["fn"] == 2
    assert r["ALL"]["f"] >= 0.5
    layered = evaluate_file(tmp_path / "t.spacy", layers=True)
    assert layered["PER"]["tp"] + layered["PER"]["fn"] == 2
