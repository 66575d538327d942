"""pipeline/stages/repair/build_lm.py: counts, clusters and the model file from corpora."""
from __future__ import annotations

from pipeline.stages.repair.build_lm import build, cluster_words, corpus_sentences, count
from pipeline.stages.repair.lm import BOS, read_table


def _corpora(tmp_path):
    uner = tmp_path / "uner-sv-talbanken"
    uner.mkdir()
    rows = ["# sent_id = 1", "1\tDet\tO\t-\t-", "2\tär\tO\t-\t-", "3\tbra\tO\t-\t-", ""]
    (uner / "sv_talbanken-ud-train.iob2").write_text("\n".join(rows) + "\n", encoding="utf-8")
    held = ["# sent_id = 9", "1\tHemlig\tO\t-\t-", "2\ttestmening\tO\t-\t-", ""]
    (uner / "sv_talbanken-ud-test.iob2").write_text("\n".join(held) + "\n", encoding="utf-8")
    kl = tmp_path / "swedish-ner-corpus-klintan"
    kl.mkdir()
    # mixed separators (TAB and runs of spaces), as in the real file; soft hyphen inside a token
    (kl / "train_corpus.txt").write_text("Vi\t0\nhar\t0\n\u00admöte   0\ni    0\n5   0\når   0\n\n",
                                         encoding="utf-8")
    return tmp_path


def test_sentences_skip_the_held_out_test_split(tmp_path):
    sents = list(corpus_sentences(_corpora(tmp_path)))
    assert ["Det", "är", "bra"] in sents
    assert ["Vi", "har", "\u00admöte", "i", "5", "år"] in sents
    assert not any("testmening" in s for s in sents)


def test_counts_normalise_tokens(tmp_path):
    uni, bi = count(corpus_sentences(_corpora(tmp_path)))
    assert uni["möte"] == 1 and "\u00admöte" not in uni       # soft hyphen removed
    assert bi[("<num>", "år")] == 1 and bi[(BOS, "det")] == 1


def test_build_writes_a_readable_table(tmp_path):
    out = tmp_path / "m" / "bigrams.tsv.gz"
    n_tok, n_bi = build(_corpora(tmp_path), out)
    uni, bi, cls, clusters = read_table(out)
    assert sum(uni.values()) == n_tok and len(bi) == n_bi
    assert bi[("det", "är")] == 1
    assert "hemlig" not in uni


def test_clusters_are_deterministic_and_group_similar_words():
    sents = [["jag", "har", "en", "bil"], ["jag", "har", "en", "båt"], ["du", "har", "en", "bil"],
             ["du", "har", "en", "båt"], ["vi", "har", "en", "cykel"]] * 3
    uni, bi = count(sents)
    a = cluster_words(uni, bi, n_clusters=4, min_count=2, n_context=10)
    b = cluster_words(uni, bi, n_clusters=4, min_count=2, n_context=10)
    assert a == b
    assert a["bil"] == a["båt"]
    assert a["jag"] == a["du"]
    assert a["bil"] != a["har"]
