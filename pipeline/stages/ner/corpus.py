"""Convert the Swedish NER corpora in ``../shared/corpora`` into spaCy ``.spacy`` files.

Run as ``python -m pipeline.stages.ner.corpus [--corpora DIR] [--out DIR]``. Nothing is copied into
the repository: the corpora are read in place and the converted DocBins go to a git-ignored
folder (``data/interim/ner_corpus/`` by default; not ``data/interim/ner/``, which is the
DVC output of the ``ner`` stage and is replaced whenever that stage runs).

Label mapping (every corpus ends up with PER, ORG, LOC only):

* swedish-ner-corpus-klintan: PER/ORG/LOC kept, MISC dropped; no B-/I- prefixes, so a run
  of one label is one entity; outside is the digit ``0``; soft hyphens are removed.
* uner-sv-talbanken: IOB2 PER/ORG/LOC kept as is (OTH, if any, dropped).
* suc3-ner-val-spacy: BILUO; PRS -> PER, ORG/LOC kept; TME, MSR, EVN, OBJ, WRK dropped.

Splits written:

* ``train.spacy``  klintan train (minus a 600-sentence dev slice) + UNER train + casing
  augmentation (see :func:`augment`).
* ``dev.spacy``    the klintan dev slice + UNER dev (used by ``spacy train`` for model selection).
* ``test_klintan.spacy``, ``test_uner.spacy``, ``test_suc.spacy``: held-out test sets, never
  trained on. Klintan test sentences that also occur in train are removed.
"""
from __future__ import annotations

import argparse
import json
import random
from collections.abc import Iterable, Iterator
from pathlib import Path

ROOT = Path.cwd()  # a development tool: run from the repository root (as DVC does)
DEFAULT_CORPORA = ROOT / ".." / "shared" / "corpora"
DEFAULT_OUT = ROOT / "data" / "interim" / "ner_corpus"
LABELS = ("PER", "ORG", "LOC")

Sentence = tuple[list[str], list[str]]  # words, BIO tags (B-X / I-X / O) restricted to LABELS

_SUC_MAP = {"PRS": "PER", "PER": "PER", "ORG": "ORG", "LOC": "LOC"}


def _clean_token(tok: str) -> str:
    return tok.replace("\u00ad", "").replace("\u200b", "")


def read_klintan(path: Path) -> list[Sentence]:
    """Token-per-line file, whitespace separated, label 0/PER/ORG/LOC/MISC without prefixes."""
    sents: list[Sentence] = []
    words: list[str] = []
    labels: list[str] = []

    def flush() -> None:
        if words:
            tags, prev = [], "O"
            for lab in labels:
                if lab in LABELS:
                    tags.append(("I-" if prev == lab else "B-") + lab)
                else:
                    tags.append("O")
                prev = lab
            sents.append((list(words), tags))
        words.clear()
        labels.clear()

    for line in path.read_text(encoding="utf-8").splitlines():
        parts = line.split()
        if not parts:
            flush()
            continue
        tok = _clean_token(parts[0])
        if not tok:
            continue
        words.append(tok)
        labels.append(parts[1] if len(parts) > 1 else "0")
    flush()
    return sents


def read_iob2(path: Path) -> list[Sentence]:
    """UNER CoNLL-like file: id, token, IOB2 tag (TAB separated), comments start with '#'."""
    sents: list[Sentence] = []
    words: list[str] = []
    tags: list[str] = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.startswith("#"):
            continue
        cols = line.split("\t")
        if len(cols) < 3:
            if words:
                sents.append((words, tags))
            words, tags = [], []
            continue
        tag = cols[2]
        lab = tag[2:] if tag[:2] in ("B-", "I-") else ""
        words.append(_clean_token(cols[1]) or cols[1])
        tags.append(tag if lab in LABELS else "O")
    if words:
        sents.append((words, tags))
    return _repair_bio(sents)


def read_suc_json(path: Path) -> list[Sentence]:
    """spaCy v2 JSON training format with BILUO tags; PRS -> PER, other labels dropped."""
    data = json.loads(path.read_text(encoding="utf-8"))
    sents: list[Sentence] = []
    for doc in data:
        for para in doc["paragraphs"]:
            for sent in para["sentences"]:
                words, tags = [], []
                for tok in sent["tokens"]:
                    words.append(tok["orth"])
                    ner = tok.get("ner", "O") or "O"
                    if ner == "O" or ner == "-":
                        tags.append("O")
                        continue
                    prefix, _, lab = ner.partition("-")
                    lab = _SUC_MAP.get(lab)
                    if lab is None:
                        tags.append("O")
                    else:
                        tags.append(("B-" if prefix in ("B", "U") else "I-") + lab)
                sents.append((words, tags))
    return _repair_bio(sents)


def _repair_bio(sents: list[Sentence]) -> list[Sentence]:
    """Turn an I- tag that follows O or another label into B- (dropped labels leave such holes)."""
    out = []
    for words, tags in sents:
        fixed, prev = [], "O"
        for t in tags:
            if t.startswith("I-") and prev[2:] != t[2:]:
                t = "B-" + t[2:]
            fixed.append(t)
            prev = t
        out.append((words, fixed))
    return out


def spans_of(tags: list[str]) -> list[tuple[int, int, str]]:
    """Token spans (start, end, label) from BIO tags."""
    spans, start, lab = [], None, None
    for i, t in enumerate(tags + ["O"]):
        if t == "O" or t.startswith("B-") or (lab and t[2:] != lab):
            if start is not None:
                spans.append((start, i, lab))
            start, lab = (i, t[2:]) if t != "O" else (None, None)
    return spans


def augment(sents: list[Sentence], seed: int = 0, lower_org: float = 0.35, lower_all: float = 0.05,
            upper_all: float = 0.03) -> list[Sentence]:
    """Casing augmentation for informal minutes.

    Adds copies of sentences (a) with ORG/LOC entity tokens lower-cased, as minutes write
    'socialförvaltningen', 'region skåne'; (b) wholly lower-cased; (c) wholly upper-cased
    (headings and OCR of capitals). Labels are unchanged.
    """
    rng = random.Random(seed)
    extra: list[Sentence] = []
    for words, tags in sents:
        if any(t.endswith("ORG") for t in tags) and rng.random() < lower_org:
            extra.append(([w.lower() if t.endswith(("ORG",)) else w for w, t in zip(words, tags)], tags))
        r = rng.random()
        if r < lower_all:
            extra.append(([w.lower() for w in words], tags))
        elif r < lower_all + upper_all:
            extra.append(([w.upper() for w in words], tags))
    return sents + extra


def to_docs(nlp, sents: Iterable[Sentence], per_doc: int = 1) -> Iterator:
    """spaCy Docs with gold entities; ``per_doc`` sentences are joined into one Doc."""
    from spacy.tokens import Doc, Span

    batch: list[Sentence] = []

    def make(batch: list[Sentence]):
        words, tags = [], []
        for w, t in batch:
            words.extend(w)
            tags.extend(t)
        doc = Doc(nlp.vocab, words=words, spaces=[True] * len(words))
        doc.ents = [Span(doc, s, e, label=lab) for s, e, lab in spans_of(tags)]
        return doc

    for s in sents:
        batch.append(s)
        if len(batch) >= per_doc:
            yield make(batch)
            batch = []
    if batch:
        yield make(batch)


def write(nlp, sents: list[Sentence], path: Path, per_doc: int = 1) -> int:
    from spacy.tokens import DocBin

    db = DocBin(store_user_data=False)
    n = 0
    for doc in to_docs(nlp, sents, per_doc):
        db.add(doc)
        n += 1
    path.parent.mkdir(parents=True, exist_ok=True)
    db.to_disk(path)
    return n


def build(corpora: Path, out: Path, seed: int = 0, dev_size: int = 600) -> dict[str, dict]:
    import spacy

    nlp = spacy.blank("sv")
    k_train = read_klintan(corpora / "swedish-ner-corpus-klintan" / "train_corpus.txt")
    k_test = read_klintan(corpora / "swedish-ner-corpus-klintan" / "test_corpus.txt")
    seen = {tuple(w) for w, _ in k_train}
    k_test = [s for s in k_test if tuple(s[0]) not in seen]
    uner = corpora / "uner-sv-talbanken"
    u_train = read_iob2(uner / "sv_talbanken-ud-train.iob2")
    u_dev = read_iob2(uner / "sv_talbanken-ud-dev.iob2")
    u_test = read_iob2(uner / "sv_talbanken-ud-test.iob2")
    suc = read_suc_json(corpora / "suc3-ner-val-spacy" / "validation0001_1.json")

    rng = random.Random(seed)
    idx = list(range(len(k_train)))
    rng.shuffle(idx)
    dev_idx = set(idx[:dev_size])
    k_dev = [s for i, s in enumerate(k_train) if i in dev_idx]
    k_tr = [s for i, s in enumerate(k_train) if i not in dev_idx]

    train = augment(k_tr + u_train, seed=seed)
    rng.shuffle(train)
    splits = {
        "train": train,
        "dev": k_dev + u_dev,
        "test_klintan": k_test,
        "test_uner": u_test,
        "test_suc": suc,
    }
    stats = {}
    for name, sents in splits.items():
        n_docs = write(nlp, sents, out / f"{name}.spacy", per_doc=1)
        counts: dict[str, int] = {}
        for _, tags in sents:
            for _, _, lab in spans_of(tags):
                counts[lab] = counts.get(lab, 0) + 1
        stats[name] = {"docs": n_docs, "sentences": len(sents),
                       "tokens": sum(len(w) for w, _ in sents), "entities": counts}
    (out / ".gitignore").write_text("*\n", encoding="utf-8")
    (out / "stats.json").write_text(json.dumps(stats, indent=2), encoding="utf-8")
    return stats


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--corpora", type=Path, default=DEFAULT_CORPORA)
    ap.add_argument("--out", type=Path, default=DEFAULT_OUT)
    ap.add_argument("--seed", type=int, default=0)
    args = ap.parse_args(argv)
    stats = build(args.corpora.resolve(), args.out, seed=args.seed)
    print(json.dumps(stats, indent=2))


if __name__ == "__main__":
    main()
