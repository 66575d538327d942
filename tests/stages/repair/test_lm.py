"""pipeline/stages/repair/lm.py: the bigram context model with word classes."""
from __future__ import annotations

import math

import pytest

from pipeline.contract.resources import model_path
from pipeline.stages.repair.lm import BOS, DEFAULT_LM_NAME, NUM, BigramLM, load_lm, normalise_token, word_class


def test_normalise_token():
    assert normalise_token("13.30") == NUM
    assert normalise_token("2019") == NUM
    assert normalise_token("Mötet") == "mötet"
    assert normalise_token(".") == "."


def test_word_class_without_clusters():
    assert word_class("är") == "är"
    assert word_class("förvaltningen") == "~gen"
    assert word_class(",") == ","


def _toy() -> BigramLM:
    sents = [["vi", "har", "bott", "här", "i", "fem", "år"], ["det", "är", "bra"],
             ["det", "är", "viktigt"], ["i", "två", "år"], ["vi", "har", "möte"]]
    uni, bi = {}, {}
    for s in sents:
        toks = [BOS] + s + [BOS]
        for t in toks:
            uni[t] = uni.get(t, 0) + 1
        for a, b in zip(toks, toks[1:]):
            bi[(a, b)] = bi.get((a, b), 0) + 1
    return BigramLM(uni, bi, lambda w: 1e-4)


def test_seen_pairs_beat_unseen_pairs():
    lm = _toy()
    assert lm.logprob("det", "är") > lm.logprob("det", "år")
    assert lm.logprob("två", "år") > lm.logprob("två", "är")
    assert lm.logprob("zzz", "år") == pytest.approx(math.log(1e-4))   # unseen context: base


def test_probabilities_are_at_most_one():
    lm = _toy()
    vocab = list(lm.uni)
    for v in vocab:
        assert sum(math.exp(lm.logprob(v, w)) for w in vocab) <= 1.0 + 1e-9


@pytest.fixture(scope="module")
def lm():
    if not model_path(DEFAULT_LM_NAME).exists():
        pytest.skip("models/repair/bigrams.tsv.gz missing")
    return load_lm(None, 1.5, 0.5)


def test_model_file_is_small():
    assert model_path(DEFAULT_LM_NAME).stat().st_size < 5 * 1024 * 1024


@pytest.mark.parametrize("prev,good,bad", [
    (NUM, "år", "är"),      # '5 ar' -> '5 år'
    ("det", "är", "år"),
    ("två", "år", "är"),
    ("vi", "får", "far"),
    ("för", "att", "ått"),
    ("om", "att", "ått"),
])
def test_context_prefers_the_right_reading(lm, prev, good, bad):
    assert lm.logprob(prev, good) > lm.logprob(prev, bad)


def test_classes_generalise_to_unseen_pairs(lm):
    # distributional classes: 'år' groups with units of time, 'är' with finite verbs
    assert lm.word_class("år") == lm.word_class("månader") or lm.word_class("år") == lm.word_class("dagar")
    assert lm.word_class("är") == lm.word_class("har")
    assert lm.class_ratio("våra", lm.word_class("brukarutvecklare")) > \
        lm.class_ratio("vara", lm.word_class("brukarutvecklare"))


def test_missing_model_degrades_to_unigrams(tmp_path):
    lm = load_lm(str(tmp_path / "none.tsv.gz"))
    assert lm.bi == {}
    assert lm.logprob("det", "är") > lm.logprob("det", "ar")     # wordfreq alone
