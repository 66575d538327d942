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
* suc3-kblab-martin-dev: SUC 3.0's automatic (silver) layer as JSON lines with IO tags (a run of
  one label is one entity); PER/ORG/LOC kept, TME, MSR, WRK, EVN, OBJ and the mixed labels
  (LOCPRS …) dropped.
* suc3-kblab-removed-sents: the *manual* SUC name column (gold): person -> PER, place -> LOC,
  inst -> ORG; work, product, event, animal, myth, other dropped. The automatic column is not read.
* uner-swedish-pud: IOB2 PER/ORG/LOC, a test split only (never trained on).

Splits written:

* ``train.spacy``  klintan train (minus a 600-sentence dev slice) + UNER train + the SUC silver
  sentences (minus a dev slice) + the manual SUC sentences + ``synthetic`` template sentences in
  the shape of minutes (``pipeline.stages.ner.synthetic``) + casing augmentation (:func:`augment`).
* ``dev.spacy``    the klintan dev slice + UNER dev + a SUC silver slice (model selection).
* ``test_klintan.spacy``, ``test_uner.spacy``, ``test_suc.spacy``, ``test_pud.spacy``: held-out
  test sets, never trained on. A training or dev sentence whose tokens equal a test sentence's is
  removed (the SUC sources overlap), and so are klintan test sentences that also occur in train.
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
# the manual SUC name types (suc3-kblab-removed-sents, column 2)
_SUC_MANUAL_MAP = {"person": "PER", "place": "LOC", "inst": "ORG"}


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


def read_suc_jsonl(path: Path) -> list[Sentence]:
    """KBLab's SUC 3.0 JSON lines ({"tokens": [...], "ner_tags": [...]}) with IO tags: a run of one
    label is one entity; labels outside PER/ORG/LOC become O."""
    sents: list[Sentence] = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip():
            continue
        rec = json.loads(line)
        words = [_clean_token(w) or w for w in rec["tokens"]]
        tags, prev = [], "O"
        for lab in rec["ner_tags"]:
            lab = _SUC_MAP.get(lab, "O")
            tags.append("O" if lab == "O" else ("I-" if prev == lab else "B-") + lab)
            prev = lab
        sents.append((words, tags))
    return sents


def read_suc_manual(path: Path) -> list[Sentence]:
    """KBLab's 'removed sentences' file: an id line, then TOKEN MANUAL_TAG AUTO_TAG per line (IOB2).
    Only the manual (gold) column is read: person -> PER, place -> LOC, inst -> ORG."""
    sents: list[Sentence] = []
    words: list[str] = []
    tags: list[str] = []
    for line in path.read_text(encoding="utf-8").splitlines() + [""]:
        cols = line.split()
        if len(cols) < 3:
            if words:
                sents.append((words, tags))
            words, tags = [], []
            continue
        tag = cols[1]
        lab = _SUC_MANUAL_MAP.get(tag[2:]) if tag[:2] in ("B-", "I-") else None
        words.append(_clean_token(cols[0]) or cols[0])
        tags.append(tag[:2] + lab if lab else "O")
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


def build(corpora: Path, out: Path, seed: int = 0, dev_size: int = 600, synthetic: int = 0) -> dict[str, dict]:
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
    pud = read_iob2(corpora / "uner-swedish-pud" / "sv_pud-ud-test.iob2")
    tests = {"test_klintan": k_test, "test_uner": u_test, "test_suc": suc, "test_pud": pud}
    held_out = {tuple(w) for sents in tests.values() for w, _ in sents}

    def unseen(sents: list[Sentence]) -> list[Sentence]:
        return [s for s in sents if tuple(s[0]) not in held_out]

    suc_manual = unseen(read_suc_manual(corpora / "suc3-kblab-removed-sents"
                                        / "removed_sents_from_original_to_simple.txt"))
    manual_seen = {tuple(w) for w, _ in suc_manual}  # gold labels win over the silver layer
    suc_silver = [s for s in unseen(read_suc_jsonl(corpora / "suc3-kblab-martin-dev" / "dev.jsonl"))
                  if tuple(s[0]) not in manual_seen]

    rng = random.Random(seed)
    k_dev, k_tr = _split(k_train, dev_size, rng)
    s_dev, s_tr = _split(suc_silver, dev_size, rng)

    real = unseen(k_tr) + unseen(u_train) + s_tr + suc_manual
    minutes = []
    if synthetic:
        from pipeline.stages.ner.synthetic import sentences, surnames_from
        minutes = sentences(synthetic, surnames_from(real), seed=seed)
    train = augment(real + minutes, seed=seed)
    rng.shuffle(train)
    splits = {"train": train, "dev": unseen(k_dev) + unseen(u_dev) + s_dev, **tests}
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


def _split(sents: list[Sentence], n: int, rng: random.Random) -> tuple[list[Sentence], list[Sentence]]:
    """A random slice of ``n`` sentences (dev) and the rest (train), in their original order."""
    idx = list(range(len(sents)))
    rng.shuffle(idx)
    dev_idx = set(idx[:n])
    return ([s for i, s in enumerate(sents) if i in dev_idx], [s for i, s in enumerate(sents) if i not in dev_idx])


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--corpora", type=Path, default=DEFAULT_CORPORA)
    ap.add_argument("--out", type=Path, default=DEFAULT_OUT)
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--synthetic", type=int, default=0, help="template sentences in the shape of minutes")
    args = ap.parse_args(argv)
    stats = build(args.corpora.resolve(), args.out, seed=args.seed, synthetic=args.synthetic)
    print(json.dumps(stats, indent=2))


if __name__ == "__main__":
    main()
