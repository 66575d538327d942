from pipeline.contract.document import block_rows
from pipeline.stages.ingest.plain import plain_text_blocks
from pipeline.stages.segment.lines import split_lines
from pipeline.stages.segment.sections import Head, annotate_blocks, section_rows

TEXT = "§ 1 Dnr A-1\nBudget\nBeslut\nGodkänns.\nBeslutsgång\nOrdföranden frågar.\n\n§ 2 Dnr A-2\nÖvrigt\nInget."


def _sections():
    heads = [Head(0, 0, TEXT.index("Budget") + 6, "Budget", None, "§ 1", "A-1"),
             Head(7, TEXT.index("§ 2"), TEXT.index("Övrigt") + 6, "Övrigt", None, "§ 2", "A-2")]
    return heads, section_rows(heads, "m-1", len(TEXT))


def test_a_section_runs_to_the_next_heading():
    _, rows = _sections()
    assert [(r["section_id"], r["paragraph"], r["dnr"], r["title"]) for r in rows] == [
        ("m-1-s001", "§ 1", "A-1", "Budget"), ("m-1-s002", "§ 2", "A-2", "Övrigt")]
    assert rows[0]["end_char"] == rows[1]["start_char"] and rows[1]["end_char"] == len(TEXT)


def test_blocks_get_their_section_and_sub_heading_and_paragraphs_split_at_headings():
    heads, rows = _sections()
    lines = split_lines(TEXT)
    subs = {2: "Beslut", 4: "Beslutsgång"}
    blocks = annotate_blocks(block_rows("d", plain_text_blocks(TEXT)), rows, subs, lines,
                             [(h.start, h.heading_end) for h in heads], TEXT)
    got = [(b["kind"], TEXT[b["start_char"]:b["end_char"]], b["section_id"], b["subsection"]) for b in blocks]
    assert got == [("heading", "§ 1 Dnr A-1\nBudget", "m-1-s001", None),
                   ("heading", "Beslut", "m-1-s001", "Beslut"),
                   ("paragraph", "Godkänns.", "m-1-s001", "Beslut"),
                   ("heading", "Beslutsgång", "m-1-s001", "Beslutsgång"),
                   ("paragraph", "Ordföranden frågar.", "m-1-s001", "Beslutsgång"),
                   ("heading", "§ 2 Dnr A-2\nÖvrigt", "m-1-s002", None),
                   ("paragraph", "Inget.", "m-1-s002", None)]
    assert [b["ordinal"] for b in blocks] == list(range(1, 8))
