"""Precision, recall and F1 per label (PER/ORG/LOC) on the held-out test sets.

Run as ``python -m pipeline.stages.ner.evaluate [--model DIR] [--data DIR] [--layers] [--json OUT]``.

* default: the statistical model alone (what ``spacy evaluate`` reports), on
  ``test_klintan.spacy``, ``test_uner.spacy`` and ``test_suc.spacy`` written by
  ``python -m pipeline.stages.ner.corpus``;
* ``--layers``: the whole minutes NER (:func:`pipeline.stages.ner.recognise.find_entities`: model +
  patterns + first names + context rules, no attendee list) over the same sentences, as a check
  that the minutes rules do not hurt on ordinary Swedish prose.

Spans count as correct only with exact boundaries and label.
"""
from __future__ import annotations

import argparse
import json
from collections import Counter
from pathlib import Path

from pipeline.stages.ner.corpus import DEFAULT_OUT, LABELS
from pipeline.stages.ner.model import DEFAULT_MODEL, resolve_path
from pipeline.stages.ner.params import NerParams

TEST_SETS = ("test_klintan", "test_uner", "test_suc", "test_pud")


def prf(tp: int, fp: int, fn: int) -> dict[str, float]:
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return {"p": round(p, 4), "r": round(r, 4), "f": round(f, 4), "tp": tp, "fp": fp, "fn": fn}


def score_spans(pairs) -> dict[str, dict]:
    """pairs: iterable of (predicted, gold) sets of (start, end, label). Per label and 'ALL'."""
    tp, fp, fn = Counter(), Counter(), Counter()
    for pred, gold in pairs:
        for s in pred:
            (tp if s in gold else fp)[s[2]] += 1
        for s in gold:
            if s not in pred:
                fn[s[2]] += 1
    out = {lab: prf(tp[lab], fp[lab], fn[lab]) for lab in LABELS}
    out["ALL"] = prf(sum(tp.values()), sum(fp.values()), sum(fn.values()))
    return out


def evaluate_file(path: Path, model: str = DEFAULT_MODEL, layers: bool = False) -> dict[str, dict]:
    import spacy
    from spacy.tokens import DocBin

    from pipeline.stages.ner.model import load_model

    nlp = load_model(model)
    if nlp is None:
        raise SystemExit(f"no trained model in {resolve_path(model)}")
    gold_docs = list(DocBin().from_disk(path).get_docs(spacy.blank("sv").vocab))
    pairs = []
    if layers:
        from pipeline.stages.ner.recognise import find_entities
        params = NerParams(model_path=str(model), dates=False)
        for g in gold_docs:
            ents = find_entities(g.text, None, [], params)
            pred = {(e.start, e.end, e.label) for e in ents if e.label in LABELS}
            pairs.append((pred, {(e.start_char, e.end_char, e.label_) for e in g.ents}))
    else:
        texts = [g.text for g in gold_docs]
        with nlp.select_pipes(enable=["tok2vec", "ner"]):
            for g, doc in zip(gold_docs, nlp.pipe(texts, batch_size=256)):
                pairs.append(({(e.start_char, e.end_char, e.label_) for e in doc.ents},
                              {(e.start_char, e.end_char, e.label_) for e in g.ents}))
    return score_spans(pairs)


def format_table(results: dict[str, dict[str, dict]]) -> str:
    lines = ["| test set | PER F1 | ORG F1 | LOC F1 | all P | all R | all F1 |", "|---|---|---|---|---|---|---|"]
    for name, r in results.items():
        lines.append(f"| {name} | {r['PER']['f']:.3f} | {r['ORG']['f']:.3f} | {r['LOC']['f']:.3f} | "
                     f"{r['ALL']['p']:.3f} | {r['ALL']['r']:.3f} | {r['ALL']['f']:.3f} |")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--model", default=DEFAULT_MODEL)
    ap.add_argument("--data", type=Path, default=DEFAULT_OUT)
    ap.add_argument("--layers", action="store_true", help="score the whole minutes NER, not the model alone")
    ap.add_argument("--json", type=Path)
    args = ap.parse_args(argv)
    results = {}
    for name in TEST_SETS:
        path = args.data / f"{name}.spacy"
        if path.exists():
            results[name] = evaluate_file(path, args.model, args.layers)
    if not results:
        raise SystemExit(f"no test sets in {args.data}: run python -m pipeline.stages.ner.corpus first")
    print(format_table(results))
    if args.json:
        args.json.write_text(json.dumps(results, indent=1), encoding="utf-8")


if __name__ == "__main__":
    main()
