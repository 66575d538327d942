"""Build the compact bigram table used by the OCR repair's context model.

Run from the repository root::

    python -m pipeline.repair.build_lm [--corpora ../shared/corpora] [--out models/repair/bigrams.tsv.gz]

Reads tokens of real Swedish sentences (UNER/UD Talbanken iob2, the klintan NER corpus and
the SUC3 NER validation json when present) and writes lower-cased unigram and bigram counts.
Numbers are mapped to ``<num>``; sentence boundaries are ``<s>``.  Only derived counts are
written, never corpus text.
"""
from __future__ import annotations

import argparse
import gzip
import json
import re
from collections import Counter
from pathlib import Path

from pipeline.repair.lm import BOS, normalise_token

ROOT = Path(__file__).resolve().parents[2]


def _iob2_sentences(path: Path):
    sent: list[str] = []
    with path.open(encoding="utf-8") as fh:
        for line in fh:
            line = line.rstrip("\n")
            if not line.strip():
                if sent:
                    yield sent
                sent = []
                continue
            if line.startswith("#"):
                continue
            cols = line.split("\t")
            if len(cols) >= 2 and cols[0].isdigit():
                sent.append(cols[1])
    if sent:
        yield sent


def _klintan_sentences(path: Path):
    sent: list[str] = []
    with path.open(encoding="utf-8") as fh:
        for line in fh:
            line = line.rstrip("\n")
            if not line.strip():
                if sent:
                    yield sent
                sent = []
                continue
            tok = line.split("\t")[0]
            if tok:
                sent.append(tok)
    if sent:
        yield sent


def _suc_sentences(path: Path):
    data = json.loads(path.read_text(encoding="utf-8"))
    for doc in data:
        for par in doc.get("paragraphs", []):
            for s in par.get("sentences", []):
                yield [t["orth"] for t in s.get("tokens", [])]


def corpus_sentences(corpora: Path):
    for p in sorted(corpora.glob("uner-sv-talbanken/*.iob2")):
        yield from _iob2_sentences(p)
    for p in sorted(corpora.glob("swedish-ner-corpus-klintan/*corpus.txt")):
        yield from _klintan_sentences(p)
    for p in sorted(corpora.glob("suc3-ner-val-spacy/*.json")):
        yield from _suc_sentences(p)


def build(corpora: Path, out: Path) -> tuple[int, int]:
    uni: Counter = Counter()
    bi: Counter = Counter()
    for sent in corpus_sentences(corpora):
        toks = [BOS] + [normalise_token(t) for t in sent if t.strip()] + [BOS]
        uni.update(toks)
        bi.update(zip(toks, toks[1:]))
    out.parent.mkdir(parents=True, exist_ok=True)
    with gzip.open(out, "wt", encoding="utf-8", compresslevel=9) as fh:
        fh.write("#unigrams\n")
        for w, c in sorted(uni.items()):
            fh.write(f"{w}\t{c}\n")
        fh.write("#bigrams\n")
        for (a, b), c in sorted(bi.items()):
            fh.write(f"{a}\t{b}\t{c}\n")
    return sum(uni.values()), len(bi)


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--corpora", default=str(ROOT / ".." / "shared" / "corpora"))
    ap.add_argument("--out", default=str(ROOT / "models" / "repair" / "bigrams.tsv.gz"))
    a = ap.parse_args(argv)
    n_tok, n_bi = build(Path(a.corpora), Path(a.out))
    print(f"tokens={n_tok} bigrams={n_bi} -> {a.out}")


if __name__ == "__main__":
    main()
