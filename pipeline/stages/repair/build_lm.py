"""Build the compact context model used by the OCR repair.

Run from the repository root::

    python -m pipeline.stages.repair.build_lm [--corpora ../shared/corpora] [--out models/repair/bigrams.tsv.gz]

Reads the tokens of real Swedish sentences — UNER Swedish-Talbanken train and dev, the
Klintberg NER corpus (Webbnyheter 2012) train and test, the SUC 3.0 NER validation slice —
and writes lower-cased counts: unigrams, bigrams, and (word, class of the next word) pairs,
where the class is the word itself for short words and its last three letters otherwise
(see ``lm.word_class``).  Numbers are mapped to ``<num>``; sentence boundaries are ``<s>``.
Only these derived counts are written, never corpus text (models/repair/README.md).

The Talbanken *test* split is deliberately left out: ``benchmarks/repair_bench.py`` damages
those documents, so they must not be in the model.
"""
from __future__ import annotations

import argparse
import gzip
import json
from collections import Counter
from pathlib import Path

from pipeline.stages.repair.lm import BOS, BigramLM, normalise_token

ROOT = Path.cwd()  # a development tool: run from the repository root (as DVC does)
HELD_OUT = ("-test.iob2",)     # Talbanken test: used by the benchmark, kept out of the model


def _clean(tok: str) -> str:
    return tok.replace("\u00ad", "").strip()


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
    """One token per line, 'token<TAB or spaces>label', blank line between sentences."""
    sent: list[str] = []
    with path.open(encoding="utf-8") as fh:
        for line in fh:
            parts = line.split()
            if not parts:
                if sent:
                    yield sent
                sent = []
                continue
            sent.append(parts[0])
    if sent:
        yield sent


def _suc_sentences(path: Path):
    data = json.loads(path.read_text(encoding="utf-8"))
    for doc in data:
        for par in doc.get("paragraphs", []):
            for s in par.get("sentences", []):
                yield [t["orth"] for t in s.get("tokens", [])]


def corpus_sentences(corpora: Path, include_held_out: bool = False):
    for p in sorted(corpora.glob("uner-sv-talbanken/*.iob2")):
        if include_held_out or not p.name.endswith(HELD_OUT):
            yield from _iob2_sentences(p)
    for p in sorted(corpora.glob("swedish-ner-corpus-klintan/*corpus.txt")):
        yield from _klintan_sentences(p)
    for p in sorted(corpora.glob("suc3-ner-val-spacy/*.json")):
        yield from _suc_sentences(p)


def count(sentences) -> tuple[Counter, Counter]:
    uni: Counter = Counter()
    bi: Counter = Counter()
    for sent in sentences:
        toks = [BOS] + [normalise_token(t) for t in map(_clean, sent) if t] + [BOS]
        uni.update(toks)
        bi.update(zip(toks, toks[1:]))
    return uni, bi


def cluster_words(uni: Counter, bi: Counter, n_clusters: int = 256, min_count: int = 3,
                  n_context: int = 300, iterations: int = 20, seed: int = 0) -> dict[str, int]:
    """Distributional word classes: words seen at least `min_count` times, described by
    their left and right neighbours among the `n_context` most frequent tokens, grouped by
    spherical k-means.  Words that share neighbours share a class ('år', 'dag', 'vecka';
    'är', 'var', 'blir'), which the context model uses for word pairs it has not seen."""
    import numpy as np

    vocab = sorted(w for w, c in uni.items() if c >= min_count and w != BOS)
    if not vocab:
        return {}
    ctx = [w for w, _ in uni.most_common(n_context)]
    ci = {w: i for i, w in enumerate(ctx)}
    wi = {w: i for i, w in enumerate(vocab)}
    X = np.zeros((len(vocab), 2 * len(ctx)), dtype=np.float32)
    for (a, b), c in bi.items():
        if b in wi and a in ci:
            X[wi[b], ci[a]] += c                 # left neighbour of b
        if a in wi and b in ci:
            X[wi[a], len(ctx) + ci[b]] += c      # right neighbour of a
    X = np.log1p(X)
    X /= np.maximum(np.linalg.norm(X, axis=1, keepdims=True), 1e-9)
    rng = np.random.default_rng(seed)
    # initialise on the most frequent words (stable), then iterate
    order = sorted(range(len(vocab)), key=lambda i: -uni[vocab[i]])
    k = min(n_clusters, len(vocab))
    C = X[order[:k]].copy()
    assign = np.zeros(len(vocab), dtype=np.int64)
    for _ in range(iterations):
        assign = (X @ C.T).argmax(axis=1)
        for j in range(k):
            m = assign == j
            if m.any():
                v = X[m].sum(axis=0)
                C[j] = v / max(float(np.linalg.norm(v)), 1e-9)
            else:
                C[j] = X[rng.integers(len(vocab))]
    return {w: int(assign[i]) for i, w in enumerate(vocab)}


def write(out: Path, uni: Counter, bi: Counter, clusters: dict[str, int]) -> None:
    lm = BigramLM({}, {}, lambda w: 1e-9, clusters=clusters)
    cls: Counter = Counter()
    for (a, b), c in bi.items():
        k = lm.word_class(b)
        if k != b:
            cls[(a, k)] += c
    out.parent.mkdir(parents=True, exist_ok=True)
    with gzip.open(out, "wt", encoding="utf-8", compresslevel=9) as fh:
        fh.write("#unigrams\n")
        for w, c in sorted(uni.items()):
            fh.write(f"{w}\t{c}\n")
        fh.write("#bigrams\n")
        for (a, b), c in sorted(bi.items()):
            fh.write(f"{a}\t{b}\t{c}\n")
        fh.write("#clusters\n")
        for w, k in sorted(clusters.items()):
            fh.write(f"{w}\t{k}\n")
        fh.write("#classes\n")                 # (word, class of the next word) counts
        for (a, b), c in sorted(cls.items()):
            if uni[a] >= 2:
                fh.write(f"{a}\t{b}\t{c}\n")


def build(corpora: Path, out: Path) -> tuple[int, int]:
    uni, bi = count(corpus_sentences(corpora))
    write(out, uni, bi, cluster_words(uni, bi))
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
