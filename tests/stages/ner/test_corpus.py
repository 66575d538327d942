"""pipeline/stages/ner/corpus.py: the NER corpora converted to spaCy DocBins (label mapping, splits)."""
from __future__ import annotations

import json

import spacy

from pipeline.stages.ner.corpus import augment, read_iob2, read_klintan, read_suc_json, spans_of, to_docs, write


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
