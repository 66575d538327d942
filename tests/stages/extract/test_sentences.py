"""pipeline/stages/extract/sentences.py: blocks (paragraphs, bullets, labels, tables) and sentences."""
from __future__ import annotations

from pipeline.stages.extract.sentences import blocks, fold, split_sentences, trim_item, trim_span


def kinds(text, **kw):
    return [(b.kind, text[b.start:b.end], b.label) for b in blocks(text, **kw)]


def test_bullets_labels_and_paragraphs():
    text = ("Vi gick igenom året.\n\nBeslut:\n- Att fortsätta\n• Att träffas oftare\ne Att bjuda in HelSam\n\n"
            "Nästa stycke.\n")
    assert kinds(text) == [
        ("para", "Vi gick igenom året.", None),
        ("label", "Beslut:", "Beslut"),
        ("bullet", "Att fortsätta", "Beslut"),
        ("bullet", "Att träffas oftare", "Beslut"),
        ("bullet", "Att bjuda in HelSam", "Beslut"),
        ("para", "Nästa stycke.", None),
    ]


def test_att_lines_under_a_label_written_without_colon():
    text = ("Kommunstyrelsen beslutar\natt anta riktlinjerna,\natt uppdra åt förvaltningen att utvärdera\n"
            "riktlinjerna.\n")
    got = kinds(text, is_label=lambda line: line.endswith("beslutar"))
    assert got == [("label", "Kommunstyrelsen beslutar", "Kommunstyrelsen beslutar"),
                   ("att", "att anta riktlinjerna,", "Kommunstyrelsen beslutar"),
                   ("att", "att uppdra åt förvaltningen att utvärdera\nriktlinjerna.", "Kommunstyrelsen beslutar")]


def test_a_wrapped_bullet_continues_but_a_new_sentence_after_a_short_bullet_does_not():
    text = ("Synpunkter:\n- Anna Åkerman och Erik Bengtsson, som ska prata om Sip (samordnad individuell plan) och\n"
            "Mina planer.\n- Informationen borde finnas på lätt svenska\nOskar tar fram ett förslag.\n")
    got = kinds(text)
    assert got[1] == ("bullet", "Anna Åkerman och Erik Bengtsson, som ska prata om Sip (samordnad individuell plan) "
                                "och\nMina planer.", "Synpunkter")
    assert got[2] == ("bullet", "Informationen borde finnas på lätt svenska", "Synpunkter")
    assert got[3] == ("para", "Oskar tar fram ett förslag.", None)


def test_table_lines_and_space_separated_tables_only_under_a_header():
    text = "Vad | Vem\nBoka lokal | Anna\n\nKarin Holm        Göran Sjöberg\n"
    got = kinds(text)
    assert [k for k, _, _ in got] == ["table", "table", "para"]
    text = "Uppgift        Ansvarig     Klart\nBoka lokal     Anna         1 maj\n"
    got = kinds(text, is_table_header=lambda line: line.startswith("Uppgift"))
    assert [k for k, _, _ in got] == ["table", "table"]


def test_headings_are_blocks_of_their_own():
    text = "§ 1 Öppnande\nMötet öppnades.\n"
    assert kinds(text, heading_starts={0}) == [("heading", "§ 1 Öppnande", None), ("para", "Mötet öppnades.", None)]


def sentences(text):
    out = []
    for b in blocks(text):
        out += [text[s.start:s.end] for s in split_sentences(text, b)]
    return out


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


def test_the_width_of_a_wrapped_line_comes_from_the_document():
    # a narrow PDF column: most lines end near 60 characters
    para = ("Gruppen gick igenom hur arbetet med brukarrådet har fungerat\n"
            "under året och vilka frågor som har varit viktigast för dem\n"
            "som deltar i arbetet ute i verksamheterna och i föreningarna\n") * 4
    text = para + "\n- Marie Sjödin och Tove Ekman från föreningarna skriver\nEtt första utkast till nästa möte.\n"
    bullet = [b for b in blocks(text) if b.kind == "bullet"][0]
    assert text[bullet.start:bullet.end].endswith("Ett första utkast till nästa möte.")
    # the same bullet in typed minutes with lines of any length ends at its line
    typed = "Vi gick igenom året.\n\n- Marie Sjödin och Tove Ekman från föreningarna skriver\nEtt första utkast.\n"
    bullet = [b for b in blocks(typed) if b.kind == "bullet"][0]
    assert typed[bullet.start:bullet.end] == "Marie Sjödin och Tove Ekman från föreningarna skriver"
