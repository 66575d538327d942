from pipeline.contract.document import TextBuilder, block_rows
from pipeline.stages.segment.items import find_items
from pipeline.stages.segment.lines import split_lines
from pipeline.stages.segment.meta import read_meta
from pipeline.stages.segment.outline import find_heads, signature_block


def _heads(text, blocks=()):
    lines = split_lines(text)
    meta = read_meta(lines)
    heads, _spans, end = find_heads(text, lines, list(blocks), meta, find_items(lines, meta.used), [], meta.used, None)
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
