from pipeline.stages.segment.headings import (
    is_dense,
    is_speaker_line,
    line_heading,
    numbered_heading,
    numbered_run,
    text_width,
)
from pipeline.stages.segment.lines import split_lines
from tests.stages.segment.samples import DENSE


def _heading(text, dense=False, width=90):
    """Whether the middle line of three is a heading."""
    lines = split_lines(text)
    return line_heading(lines[1], lines[0], lines[2], dense, width)


def test_standalone_lines_markdown_and_numbered_items():
    assert _heading("\nLokalfrågan\n") == ("Lokalfrågan", None)
    assert _heading("\n## Ekonomi och budget\n") == ("Ekonomi och budget", None)
    assert _heading("\n#Övrigt\n") == ("Övrigt", None)
    assert _heading("\n3. Rapport från föreningarna\n") == ("3. Rapport från föreningarna", "3")
    assert _heading("\nNästa möte\nDen 4 maj kl 14.\n") == ("Nästa möte", None)
    assert _heading("\nTelenor, bredband, TV m.m.\n") == ("Telenor, bredband, TV m.m.", None)


def test_sentences_labels_speakers_and_dates_are_not_headings():
    for line in ("Vi ses igen i maj.", "Beslut:", "Synpunkter:", "Katarina – det är bra att vi har fått in svaren",
                 "14 december", "SUHF: Tagit del - ok", "I Norge gjorde man publisher obligatorisk",
                 "Hur ska vi gå vidare med alla frågor om lokalen?", "- punkt i en lista", "2024-03-21"):
        assert _heading(f"\n{line}\n") is None, line
    assert _heading("\nMötet utgick från presentationen\noch nedan refereras bilderna.\n") is None
    assert is_speaker_line("Matthias: vi tar det nästa gång") and not is_speaker_line("Dokumentation – Standarder")
    assert numbered_heading("1. Länkade data – Slå upp med URI och förlitar oss att användaren hittar") is None


def test_text_without_blank_lines_has_short_lines_after_the_end_of_a_paragraph():
    lines = split_lines(DENSE)
    assert is_dense(lines) and text_width(lines) >= 80
    width = text_width(lines)
    found = [ln.text for i, ln in enumerate(lines[1:-1], start=1)
             if line_heading(ln, lines[i - 1], lines[i + 1], True, width)]
    assert "Bakgrund och syfte" in found and "Lokalfrågan" in found
    assert not any(t.startswith("hela projekttiden") for t in found)


def test_a_numbered_list_that_starts_again_is_content():
    heads = [(1, "1) Inledning", "1"), (2, "2) Frågor", "2"), (5, "1) Distribution", "1"), (6, "2) Pekare", "2"),
             (9, "3) Övrigt", "3"), (10, "3.1 Nästa möte", "3.1"), (12, "Ekonomi", None)]
    assert numbered_run(heads) == {1, 2, 9, 10, 12}


def test_headings_written_as_bullets_and_items_numbered_in_words():
    assert _heading("\n• Ekonomi\nKassan är god.\n") == ("Ekonomi", None)
    assert _heading("\n• Att göra:\nAnna bokar lokal.\n") == ("Att göra:", None)
    assert _heading("\n• Ekonomi\n• Kassan\n") is None   # a list of bullets
    assert _heading("\nÄrende 1: Reparation av vägtrumman\n") == ("Ärende 1: Reparation av vägtrumman", "Ärende 1")
