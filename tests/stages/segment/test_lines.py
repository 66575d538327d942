from pipeline.stages.segment.lines import LineIndex, block_attrs, segments_from_blocks, split_lines

TEXT = "Beslutande    Ledamöter        Tjänstgörande ersättare\nAnna Ek (S)      Bo Berg (M) tjänstgör för\n\f\nSida 2"


def test_lines_keep_offsets_into_the_text():
    lines = split_lines(TEXT)
    for ln in lines:
        assert TEXT[ln.start:ln.end] == ln.text
    assert lines[2].page_break and lines[2].blank


def test_segments_are_the_stretches_between_gaps_of_three_spaces():
    first, second = split_lines(TEXT)[:2]
    assert [s.text for s in first.segments()] == ["Beslutande", "Ledamöter", "Tjänstgörande ersättare"]
    segs = second.segments()
    assert [s.text for s in segs] == ["Anna Ek (S)", "Bo Berg (M) tjänstgör för"]
    assert [TEXT[s.start:s.end] for s in segs] == [s.text for s in segs]
    assert segs[1].col == TEXT.split("\n")[1].index("Bo Berg")


def test_x_positions_from_blocks_place_the_segments():
    text = "Anna Ek (S) Bo Berg (M)"
    line = split_lines(text)[0]
    blocks = [{"kind": "paragraph", "start_char": 0, "end_char": 11, "attrs": {"x0": 56.0}},
              {"kind": "paragraph", "start_char": 12, "end_char": 23, "attrs": '{"x0": 300.5}'}]
    segs = segments_from_blocks(line, blocks)
    assert [(s.text, s.col) for s in segs] == [("Anna Ek (S)", 56.0), ("Bo Berg (M)", 300.5)]
    assert [s.text for s in LineIndex([line], blocks).segments(line)] == ["Anna Ek (S)", "Bo Berg (M)"]
    assert segments_from_blocks(line, [{"kind": "paragraph", "start_char": 0, "end_char": 23}]) is None
    assert block_attrs({"attrs": "not json"}) == {}


def test_line_at_finds_the_line_of_an_offset():
    lines = split_lines(TEXT)
    index = LineIndex(lines)
    assert index.line_at(TEXT.index("Bo Berg")).no == 1
    assert index.line_at(0).no == 0
