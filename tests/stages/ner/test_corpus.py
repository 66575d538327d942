"""pipeline/stages/ner/corpus.py: the NER corpora converted to spaCy DocBins (label mapping, splits)."""
from __future__ import annotations

import json

import pytest
import spacy

from pipeline.stages.ner.corpus import (
    _split,
    augment,
    read_iob2,
    read_klintan,
    read_suc_json,
    read_suc_jsonl,
    read_suc_manual,
    spans_of,
    to_docs,
    write,
)


def test_klintan_format_runs_of_one_label_are_one_entity(tmp_path):
    f = tmp_path / "k.txt"
    f.write_text("Karin\tPER\nSvensson PER\nbesökte 0\nVästerås\tLOC\n.\t0\n\n"
                 "Volvo ORG\nvann\t0\nPriset MISC\n\xadigen 0\n", encoding="utf-8")
    sents = read_klintan(f)
    assert sents[0] == (["Karin", "Svensson", "besökte", "Västerås", "."], ["B-PER", "I-PER", "O", "B-LOC", "O"])
    words, tags = sents[1]
    assert words[-1] == "igen"                     # soft hyphen removed
    assert tags == ["B-ORG", "O", "O", "O"]        # MISC dropped


def test_iob2_keeps_per_org_loc_and_repairs_holes(tmp_path):
    f = tmp_path / "u.iob2"
    f.write_text("# sent_id = x\n1\tOlle\tB-PER\t-\t-\n2\tfrån\tO\t-\t-\n3\tNorrtälje\tB-LOC\t-\t-\n\n"
                 "1\tDet\tO\t-\t-\n2\tär\tI-ORG\t-\t-\n3\tbra\tB-OTH\t-\t-\n", encoding="utf-8")
    sents = read_iob2(f)
    assert sents[0][1] == ["B-PER", "O", "B-LOC"]
    assert sents[1][1] == ["O", "B-ORG", "O"]


def test_suc_biluo_mapping(tmp_path):
    doc = [{"id": 0, "paragraphs": [{"sentences": [{"tokens": [
        {"orth": "Lisa", "tag": "-", "ner": "B-PRS"}, {"orth": "Ek", "tag": "-", "ner": "L-PRS"},
        {"orth": "i", "tag": "-", "ner": "O"}, {"orth": "maj", "tag": "-", "ner": "U-TME"},
        {"orth": "på", "tag": "-", "ner": "O"}, {"orth": "Ikea", "tag": "-", "ner": "U-ORG"}]}]}]}]
    f = tmp_path / "s.json"
    f.write_text(json.dumps(doc), encoding="utf-8")
    assert read_suc_json(f) == [(["Lisa", "Ek", "i", "maj", "på", "Ikea"],
                                 ["B-PER", "I-PER", "O", "O", "O", "B-ORG"])]


def test_spans_of_and_docs():
    tags = ["B-PER", "I-PER", "O", "B-LOC", "B-LOC", "I-ORG"]
    assert spans_of(tags) == [(0, 2, "PER"), (3, 4, "LOC"), (4, 5, "LOC"), (5, 6, "ORG")]
    nlp = spacy.blank("sv")
    doc = next(to_docs(nlp, [(["Anna", "Berg", "bor", "i", "Kalmar"], ["B-PER", "I-PER", "O", "O", "B-LOC"])]))
    assert [(e.text, e.label_) for e in doc.ents] == [("Anna Berg", "PER"), ("Kalmar", "LOC")]


def test_augment_adds_cased_copies_with_the_same_labels():
    sents = [(["Möte", "med", "Socialförvaltningen", "i", "Borås"], ["O", "O", "B-ORG", "O", "B-LOC"])] * 200
    out = augment(sents, seed=1)
    assert out[:200] == sents and len(out) > 200
    extra = out[200:]
    assert all(t == sents[0][1] for _, t in extra)
    assert any(w[2] == "socialförvaltningen" and w[4] == "Borås" for w, _ in extra)


def test_write_roundtrip(tmp_path):
    from spacy.tokens import DocBin
    nlp = spacy.blank("sv")
    n = write(nlp, [(["Eva", "Strand", "talade"], ["B-PER", "I-PER", "O"])] * 3, tmp_path / "x.spacy")
    assert n == 3
    docs = list(DocBin().from_disk(tmp_path / "x.spacy").get_docs(nlp.vocab))
    assert [e.text for e in docs[0].ents] == ["Eva Strand"]


def test_real_corpora_read_with_the_expected_label_sets(corpora_dir):
    k = read_klintan(corpora_dir / "swedish-ner-corpus-klintan" / "train_corpus.txt")
    assert len(k) == 6885
    labels = {t for _, tags in k for t in tags}
    assert labels == {"O", "B-PER", "I-PER", "B-ORG", "I-ORG", "B-LOC", "I-LOC"}
    u = read_iob2(corpora_dir / "uner-sv-talbanken" / "sv_talbanken-ud-test.iob2")
    assert len(u) == 1219
    counts = {}
    for _, tags in u:
        for _, _, lab in spans_of(tags):
            counts[lab] = counts.get(lab, 0) + 1
    assert counts == {"LOC": 132, "PER": 33, "ORG": 31}
    s = read_suc_json(corpora_dir / "suc3-ner-val-spacy" / "validation0001_1.json")
    assert len(s) == 1000
    assert {t[2:] for _, tags in s for t in tags if t != "O"} == {"PER", "ORG", "LOC"}


def test_suc_jsonl_io_tags_and_dropped_labels(tmp_path):
    f = tmp_path / "dev.jsonl"
    rows = [{"id": 0, "tokens": ["Lisa", "Ek", "flyttade", "till", "Umeå", "i", "maj", "."],
             "ner_tags": ["PER", "PER", "O", "O", "LOC", "O", "TME", "O"]},
            {"id": 0, "tokens": ["Volvo", "och", "Saab"], "ner_tags": ["ORG", "O", "LOCORG"]}]
    f.write_text("\n".join(json.dumps(r) for r in rows) + "\n", encoding="utf-8")
    assert read_suc_jsonl(f) == [(rows[0]["tokens"], ["B-PER", "I-PER", "O", "O", "B-LOC", "O", "O", "O"]),
                                 (["Volvo", "och", "Saab"], ["B-ORG", "O", "O"])]


def test_suc_manual_column_is_read_not_the_automatic_one(tmp_path):
    f = tmp_path / "removed.txt"
    f.write_text("c76a8be4-c76f87a3\nFrank  B-person  B-PRS\nvid  O  O\nRiksbanken  B-inst  B-LOC\n"
                 "i  O  O\nLund  B-place  B-PRS\nläser  O  O\nHamlet  B-work  B-PRS\n\n"
                 "48ad1381-48a363bc\nGöran  B-person  B-PRS\nHägg  I-person  I-PRS\n,  O  I-PRS\n", encoding="utf-8")
    assert read_suc_manual(f) == [
        (["Frank", "vid", "Riksbanken", "i", "Lund", "läser", "Hamlet"], ["B-PER", "O", "B-ORG", "O", "B-LOC", "O", "O"]),
        (["Göran", "Hägg", ","], ["B-PER", "I-PER", "O"])]


def test_split_is_a_partition_in_order():
    import random
    sents = [([str(i)], ["O"]) for i in range(10)]
    dev, train = _split(sents, 3, random.Random(0))
    assert len(dev) == 3 and len(train) == 7 and sorted(dev + train) == sorted(sents)
    assert train == [s for s in sents if s not in dev]


def test_new_corpora_read_and_test_sets_never_leak_into_training(corpora_dir, tmp_path):
    silver = read_suc_jsonl(corpora_dir / "suc3-kblab-martin-dev" / "dev.jsonl")
    manual = read_suc_manual(corpora_dir / "suc3-kblab-removed-sents" / "removed_sents_from_original_to_simple.txt")
    assert len(silver) == 11628 and len(manual) == 2900
    pud = read_iob2(corpora_dir / "uner-swedish-pud" / "sv_pud-ud-test.iob2")
    assert len(pud) == 1000


@pytest.mark.slow
def test_build_keeps_every_test_sentence_out_of_train_and_dev(corpora_dir, tmp_path):
    from spacy.tokens import DocBin

    from pipeline.stages.ner.corpus import build
    stats = build(corpora_dir, tmp_path, seed=0, dev_size=100, synthetic=50)
    vocab = spacy.blank("sv").vocab

    def token_seqs(name):
        return {tuple(t.text for t in d) for d in DocBin().from_disk(tmp_path / f"{name}.spacy").get_docs(vocab)}
    seen = token_seqs("train") | token_seqs("dev")
    for name in ("test_klintan", "test_uner", "test_suc", "test_pud"):
        assert not token_seqs(name) & seen, name
    assert stats["test_pud"]["sentences"] == 1000 and stats["train"]["sentences"] > 25000
