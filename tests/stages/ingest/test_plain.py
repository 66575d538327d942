from pipeline.stages.ingest.plain import plain_text_blocks


def test_an_ascii_grid_table_is_one_table_whose_rules_are_no_blocks():
    text = ("Deltagare\n\n+------+--------+\n| Namn | Roll   |\n+======+========+\n| Bo Ek | kassör |\n"
            "+------+--------+\n| Eva Lind | ordförande |\n+------+--------+\n\nText efter.\n")
    blocks = plain_text_blocks(text)
    assert [b.kind for b in blocks if b.kind in ("table", "paragraph")] == ["paragraph", "table", "paragraph"]
    rows = [text[b.start:b.end] for b in blocks if b.kind == "table_row"]
    assert rows == ["Namn | Roll", "Bo Ek | kassör", "Eva Lind | ordförande"]
