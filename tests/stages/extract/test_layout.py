"""pipeline/stages/extract/layout.py: units from the document's blocks, lines read inside coarse blocks."""
from __future__ import annotations

from pipeline.contract.document import TextBuilder, block_rows
from pipeline.stages.extract.layout import line_width, units


def kinds(text, cues, blocks=None, headings=()):
    return [(u.kind, text[u.start:u.end], u.depth) for u in units(text, blocks, set(headings), cues)]


def test_bullets_labels_and_paragraphs(cues):
    text = ("Vi gick igenom året.\n\nBeslut:\n- Att fortsätta\n• Att träffas oftare\ne Att bjuda in HelSam\n\n"
            "Nästa stycke.\n")
    assert kinds(text, cues) == [
        ("para", "Vi gick igenom året.", 0),
        ("label", "Beslut:", 0),
        ("item", "Att fortsätta", 1),
        ("item", "Att träffas oftare", 1),
        ("item", "Att bjuda in HelSam", 1),   # OCR read '•' as 'e'
        ("para", "Nästa stycke.", 0),
    ]


def test_glyphs_give_the_depth_of_nested_items(cues):
    text = "● Kontakt via mejl eller webb?\n○ De flesta använder mejl.\n■ Beslut: mejl\n● Nästa punkt\n"
    assert [(k, d) for k, _, d in kinds(text, cues)] == [("item", 1), ("item", 2), ("item", 3), ("item", 1)]


def test_an_arrow_answer_in_an_e_mail_meeting_is_an_item(cues):
    text = "• Vem byter lampan i entrén?\nàPierre får fixa det.\n"
    got = kinds(text, cues)
    assert got[1] == ("item", "Pierre får fixa det.", 2)


def test_formal_sub_headings_paragraph_lines_and_att_clauses(cues):
    text = ("§ 12 Dnr KS 2021/4\nRiktlinjer för brukarråd\nBeslut\nKommunstyrelsen beslutar\n"
            "att anta riktlinjerna,\natt uppdra åt förvaltningen att utvärdera\nriktlinjerna.\n"
            "Beslutsgång\nOrdföranden ställer proposition på förslaget.\n")
    us = units(text, None, set(), cues)
    got = [(u.kind, text[u.start:u.end], u.name, u.paragraph, u.att) for u in us]
    assert got == [
        ("heading", "§ 12 Dnr KS 2021/4", None, "12", False),
        ("heading", "Riktlinjer för brukarråd", None, None, False),   # the item's title line
        ("subheading", "Beslut", "Beslut", None, False),
        ("label", "Kommunstyrelsen beslutar", "Kommunstyrelsen beslutar", None, False),
        ("item", "att anta riktlinjerna,", None, None, True),
        ("item", "att uppdra åt förvaltningen att utvärdera\nriktlinjerna.", None, None, True),
        ("subheading", "Beslutsgång", "Beslutsgång", None, False),
        ("para", "Ordföranden ställer proposition på förslaget.", None, None, False),
    ]


def test_beslut_with_a_colon_is_a_label_and_without_one_a_sub_heading(cues):
    assert kinds("Beslut:\n- Att fortsätta\n", cues)[0][0] == "label"
    assert kinds("Beslut\nNämnden godkänner rapporten.\n", cues)[0][0] == "subheading"


def test_a_wrapped_paragraph_reference_is_no_item_and_a_continued_item_keeps_its_number(cues):
    text = ("§ 32 Dnr IF-2024-1\nBeslut\nDetta beslut ersätter nämndens beslut 2023-11-16,\n§ 138.\n"
            "forts. § 32\nBeslutsgång\n")
    us = units(text, None, set(), cues)
    assert [(u.kind, u.paragraph) for u in us if u.kind == "heading"] == [("heading", "32"), ("heading", "32")]
    assert any(text[u.start:u.end] == "Detta beslut ersätter nämndens beslut 2023-11-16,\n§ 138." for u in us)


def test_bare_numbers_open_items_in_sequence_only(cues):
    text = "1\nMötets öppnande\nText.\n2\nEkonomi\nVi har 5\nkronor.\n3\nAvslut\n"
    us = units(text, None, set(), cues)
    assert [u.paragraph for u in us if u.kind == "heading" and not u.title] == ["1", "2", "3"]
    assert [text[u.start:u.end] for u in us if u.title] == ["Mötets öppnande", "Ekonomi", "Avslut"]


def test_a_wrapped_line_continues_and_a_short_finished_one_does_not(cues):
    para = ("Gruppen gick igenom hur arbetet med brukarrådet har fungerat\n"
            "under året och vilka frågor som har varit viktigast för dem\n"
            "som deltar i arbetet ute i verksamheterna och i föreningarna\n") * 4
    text = para + "\n- Marie Sjödin och Tove Ekman från föreningarna skriver\nEtt första utkast till nästa möte.\n"
    item = next(u for u in units(text, None, set(), cues) if u.kind == "item")
    assert text[item.start:item.end].endswith("Ett första utkast till nästa möte.")
    typed = "Vi gick igenom året.\n\n- Marie Sjödin och Tove Ekman från föreningarna skriver\nEtt första utkast.\n"
    item = next(u for u in units(typed, None, set(), cues) if u.kind == "item")
    assert typed[item.start:item.end] == "Marie Sjödin och Tove Ekman från föreningarna skriver"
    assert kinds("Gruppen vill\nbörja tidigare.\n", cues) == [("para", "Gruppen vill\nbörja tidigare.", 0)]
    assert kinds("Vi pratade om\nLokalen i Borås.\n", cues) == [("para", "Vi pratade om\nLokalen i Borås.", 0)]


def test_text_tables_and_space_aligned_ones_under_a_header(cues):
    text = "Vad | Vem\nBoka lokal | Anna\n\nKarin Holm        Göran Sjöberg\n"
    assert [k for k, _, _ in kinds(text, cues)] == ["row", "row", "form"]   # a form line, not a sentence
    text = "Uppgift        Ansvarig     Klart\nBoka lokal     Anna         1 maj\n"
    us = units(text, None, set(), cues)
    assert [u.kind for u in us] == ["row", "row"] and us[0].table == us[1].table
    assert [text[a:b] for a, b in us[1].cells] == ["Boka lokal", "Anna", "1 maj"]


def test_section_headings_are_units_of_their_own(cues):
    text = "§ 1 Öppnande\nMötet öppnades.\n"
    assert kinds(text, cues, headings={0}) == [("heading", "§ 1 Öppnande", 0), ("para", "Mötet öppnades.", 0)]


def test_blocks_of_a_structured_reader_are_taken_as_they_are(cues):
    b = TextBuilder()
    b.heading("Styrelsemöte", 1)
    b.heading("Beslut", 2)
    b.list_item("Att köpa en ny gräsklippare", 1)
    b.list_item("Att Anna kollar priset", 2)
    b.open("table")
    b.row(["Vad", "Vem", "När"])
    b.row(["Boka lokal", "Anna", "1 maj"])
    b.close("table")
    text, blocks = b.build()
    us = units(text, block_rows("d", blocks), set(), cues)
    got = [(u.kind, text[u.start:u.end], u.depth, u.name) for u in us]
    assert got[:4] == [("heading", "Styrelsemöte", 1, None), ("subheading", "Beslut", 0, "Beslut"),
                       ("item", "Att köpa en ny gräsklippare", 1, None), ("item", "Att Anna kollar priset", 2, None)]
    rows = [u for u in us if u.kind == "row"]
    assert [[text[a:c] for a, c in r.cells] for r in rows] == [["Vad", "Vem", "När"], ["Boka lokal", "Anna", "1 maj"]]
    assert us[1].block_heading is False and us[0].block_heading is True


def test_inline_labels(cues):
    text = "- Beslut: Ja\n- Uppgift - Matthias ber Fredrik lägga upp en issue.\n- Gunnar: lampan är trasig\n"
    us = units(text, None, set(), cues)
    assert [(u.label, text[u.label_end:u.end] if u.label else None) for u in us] == [
        ("Beslut", "Ja"), ("Uppgift", "Matthias ber Fredrik lägga upp en issue."), (None, None)]


def test_line_width_of_hard_wrapped_text():
    pdf = "\n".join(["En rad med en hel del ord som fyller ut till bredden av sidan nu"] * 5
                    + ["Kort rad"] * 20)
    assert line_width(pdf) >= 60
    assert line_width("En rad.\n" + "x" * 300 + "\n") == 0


def test_markdown_headings_and_next_meeting_lines_the_reader_left_as_text(cues):
    text = ("##§7 Nästa möte\n- Tisdag 19 mars kl. 19.00.\n\nNästa möte\nOnsdag 4/12 samma tid.\n"
            "Nästa punkt på listan.\n")
    got = [(k, t) for k, t, _ in kinds(text, cues)]
    assert got == [("heading", "§7 Nästa möte"), ("item", "Tisdag 19 mars kl. 19.00."), ("heading", "Nästa möte"),
                   ("para", "Onsdag 4/12 samma tid."), ("para", "Nästa punkt på listan.")]
