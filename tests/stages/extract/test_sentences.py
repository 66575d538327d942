"""pipeline/stages/extract/sentences.py: sentences of a unit, and what a line looks like."""
from __future__ import annotations

from dataclasses import dataclass

from pipeline.lang.fold import fold_cue_text as fold
from pipeline.stages.extract.sentences import full_line, is_table_line, split_sentences, trim_item, trim_span


@dataclass
class _Para:
    kind: str
    start: int
    end: int


def sentences(text):
    return [text[s.start:s.end] for s in split_sentences(text, _Para("para", 0, len(text.rstrip())))]


def test_sentences_keep_abbreviations_together():
    text = "Vi pratade bl.a. om lokaler, t.ex. Folkets hus. Anna tar fram ett underlag. Kl. 13 börjar vi."
    assert sentences(text) == ["Vi pratade bl.a. om lokaler, t.ex. Folkets hus.", "Anna tar fram ett underlag.",
                               "Kl. 13 börjar vi."]


def test_labelled_lines_and_short_lines_end_a_sentence():
    text = "Boka lokal för studiedagen\nAnsvarig: Lisa\nDeadline: 1 juni\nDnr KS 2019/12\nÄrendet bordläggs.\n"
    assert sentences(text) == ["Boka lokal för studiedagen", "Ansvarig: Lisa", "Deadline: 1 juni", "Dnr KS 2019/12",
                               "Ärendet bordläggs."]


def test_a_long_wrapped_line_does_not_end_a_sentence():
    text = ("Skålén kommer till Helsingborg och föreläser för socialförvaltningen om brukarinflytande\n"
            "Medarbetare och brukare är välkomna.\n")
    assert len(sentences(text)) == 1


def test_a_heading_is_one_sentence():
    text = "§ 4 Ekonomi. Budget."
    assert [text[s.start:s.end] for s in split_sentences(text, _Para("heading", 0, len(text)))] == [text]


def test_trim():
    text = "  att anta riktlinjerna, samt  "
    assert text[slice(*trim_span(text, 0, len(text)))] == "att anta riktlinjerna, samt"
    assert text[slice(*trim_item(text, 0, len(text)))] == "att anta riktlinjerna"
    text = "David Bergström tar emot anmälningar:"
    assert text[slice(*trim_span(text, 0, len(text)))] == "David Bergström tar emot anmälningar"


def test_fold_keeps_length_and_folds_ocr_damage():
    for s in ("Beslöt", "6vriga frågor", "&r", "Å Ä Ö é"):
        assert len(fold(s)) == len(s)
    assert fold("Beslöt") == "beslot"
    assert fold("6vriga") == "ovriga"
    assert fold("1 6 7") == "1 6 7"


def test_table_lines():
    assert is_table_line("Vad | Vem | När")
    assert is_table_line("| Boka lokal | Anna |")
    assert is_table_line("Boka buss\tUlla\t10 maj")
    assert not is_table_line("Mötet öppnades kl. 18.")
    assert not is_table_line("Karin Holm        Göran Sjöberg")   # spaces only when asked
    assert is_table_line("Karin Holm        Göran Sjöberg", spaced=True)


def test_the_width_of_a_full_line_of_hard_wrapped_text():
    para = ("Gruppen gick igenom hur arbetet med brukarrådet har fungerat\n"
            "under året och vilka frågor som har varit viktigast för dem\n"
            "som deltar i arbetet ute i verksamheterna och i föreningarna\n") * 4
    assert 55 <= full_line(para) <= 62
    assert full_line("Kort rad.\nEn till.\n") == 0
