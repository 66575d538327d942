from __future__ import annotations

from pipeline.stages.ingest.lang import known_share, language_votes, not_swedish_warning, plausible_text, swedish_share


def test_swedish_text_scores_high(swedish):
    assert swedish_share(swedish) > 0.8


def test_garbage_ocr_layer_scores_low():
    garbage = "Stcnäldcrns sa ml?i I lighctslii rörc ning Fö rc nin gslo kalcn Ä ngsv ä gcn"
    assert swedish_share(garbage) < 0.5
    assert not plausible_text(garbage)


def test_english_is_plausible_but_not_swedish():
    en = "The committee decided to approve the agenda and to file the previous minutes."
    assert plausible_text(en)
    votes = language_votes(en)
    assert next(iter(votes)) == "en"


def test_not_swedish_warning(swedish, english):
    assert not_swedish_warning(swedish) is None
    w = not_swedish_warning(english)
    assert w and "'en'" in w
    de = ("Der Ausschuss hat beschlossen, die Tagesordnung zu genehmigen und das vorherige Protokoll "
          "zu den Akten zu legen. Die Verwaltung wird gebeten, bis zum Jahresende einen Vorschlag "
          "über die Öffnungszeiten der Bibliothek vorzulegen.")
    assert "'de'" in not_swedish_warning(de)


def test_short_text_gives_no_language_warning():
    assert not_swedish_warning("OK, thanks") is None


def test_no_words():
    assert known_share("123 456 --- §§") == (0.0, 0)


def test_dictionary_share_tells_an_old_ocr_layer_from_text():
    from pipeline.stages.ingest.lang import dictionary_share
    from pipeline.stages.ingest.samples import GARBAGE_LINES, MINUTES_PAGES
    clean, n = dictionary_share("\n".join(line for page in MINUTES_PAGES for line in page))
    junk, m = dictionary_share("\n".join(GARBAGE_LINES))
    assert clean > 0.85 and n > 50 and junk < 0.6 and m > 20
    assert dictionary_share("") == (0.0, 0)
