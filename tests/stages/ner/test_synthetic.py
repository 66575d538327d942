"""pipeline/stages/ner/synthetic.py: silver sentences in the shape of minutes."""
from pipeline.stages.ner.corpus import spans_of
from pipeline.stages.ner.synthetic import sentences, surnames_from


def test_sentences_are_deterministic_and_well_formed():
    a = sentences(200, ["Berglund", "Åkesson", "Nyqvist"], seed=3)
    assert a == sentences(200, ["Berglund", "Åkesson", "Nyqvist"], seed=3)
    assert a != sentences(200, ["Berglund", "Åkesson", "Nyqvist"], seed=4)
    labels = set()
    for words, tags in a:
        assert len(words) == len(tags) and all(w.strip() for w in words)
        labels |= {lab for _, _, lab in spans_of(tags)}
    assert labels == {"PER", "ORG", "LOC"}


def test_party_letters_titles_and_roles_are_outside_entities():
    for words, tags in sentences(300, ["Berglund"], seed=1):
        for w, t in zip(words, tags):
            if w in ("S", "M", "SD", "KD", "ordförande", "förvaltningschef", "MAS"):
                assert t == "O", (w, words)


def test_surnames_from_person_spans():
    sents = [(["Anna", "Berglund", "och", "Bo"], ["B-PER", "I-PER", "O", "B-PER"]),
             (["Eva", "Ek", "Lind"], ["B-PER", "I-PER", "I-PER"])]
    assert surnames_from(sents) == ["Berglund", "Lind"]
