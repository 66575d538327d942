from pipeline.contract.document import TextBuilder, block_rows
from pipeline.stages.segment.attendees import attendance_blocks
from pipeline.stages.segment.items import find_items
from pipeline.stages.segment.lines import split_lines
from pipeline.stages.segment.meta import read_meta
from pipeline.stages.segment.outline import find_heads, signature_block


def _heads(text, blocks=()):
    lines = split_lines(text)
    meta = read_meta(lines)
    att = attendance_blocks(lines, meta.used)
    heads, _spans, end = find_heads(text, lines, list(blocks), meta, find_items(lines, meta.used), att, meta.used, None)
    return [h.title for h in heads], end


def test_closing_signature_lines():
    text = "Styrelsen\n" + "Text om ekonomin.\n" * 12 + "Mötet avslutas 20:40\nFörste justerare    Andre justerare\n"
    text += "Anna Ek             Bo Berg\n"
    lines = split_lines(text)
    assert lines[signature_block(lines)].text.startswith("Förste justerare")
    assert signature_block(split_lines("Styrelsen\n" + "Text.\n" * 12)) is None


def test_a_numbered_list_under_a_paragraph_is_not_headings():
    text = ("Gruppen 2021-01-02\n\nBakgrund\n\nVi gick igenom rapportens delar:\nsom är dessa\n1. Syfte och mål\n"
            "2. Metod\n3. Resultat\n\nÖvrigt\n\nInget.\n")
    assert _heads(text)[0] == ["Bakgrund", "Övrigt"]


def test_a_wrapped_heading_block_is_one_title_and_the_body_ends_at_a_signature_page():
    b = TextBuilder()
    b.heading("Arbetsgruppen", 1)
    b.heading("Genomgång av den nya planen\nför boendet", 2)
    b.paragraph("Text.")
    b.paragraph("Undertecknat av följande personer")
    b.paragraph("ANNA EK")
    text, blocks = b.build()
    titles, end = _heads(text, block_rows("d", blocks))
    assert titles == ["Genomgång av den nya planen för boendet"]
    assert text[:end].endswith("Text.")


def _paged(text, extra=()):
    """Blocks as a PDF reader gives them: pages, paragraphs (a page's lines run together), headings."""
    blocks = [{"kind": "page", "start_char": 0, "end_char": len(text), "page": 1}]
    pos = 0
    for part in text.split("\n\n"):
        kind = "heading" if part in extra else "paragraph"
        blocks.append({"kind": kind, "start_char": pos, "end_char": pos + len(part), "level": 2 if kind == "heading" else None})
        pos += len(part) + 2
    return blocks


def test_a_pdf_page_headings_by_font_and_by_form():
    text = ("Referensgruppen\n\nDeltagare:\n\nAnna Ek, SGU\n\nMötesanteckningar:\n\n101\nVi gick igenom ärendet och "
            "kom fram till en lösning som alla kunde stå bakom.\nLM: bra.\n102\nEtt nytt ärende skapas.\n\n"
            "Ordföranden hälsade alla välkomna.")
    titles, _ = _heads(text, _paged(text, extra={"Mötesanteckningar:", "Ordföranden hälsade alla välkomna."}))
    assert titles == ["Deltagare:", "Mötesanteckningar:", "101", "102"]
