from pipeline.stages.segment.attendees import merge_attendees
from pipeline.stages.segment.frontpage import read_front_page
from pipeline.stages.segment.lines import LineIndex, split_lines
from tests.stages.segment.samples import FORMAL_COLLAPSED, FORMAL_GAPS, LABEL_MARGIN


def _read(text):
    lines = split_lines(text)
    return read_front_page(lines, LineIndex(lines))


def _people(fp):
    return {a.entry.name: (a.entry.organisation, a.entry.role, a.entry.present) for a in merge_attendees(fp.attendees)}


def test_two_columns_with_gaps_give_every_attendee_with_party_role_and_presence():
    fp = _read(FORMAL_GAPS)
    people = _people(fp)
    assert people["Göran Vik"][:2] == ("C", "ordförande")
    assert people["Ylva Berglund"][1] == "vice ordförande" and people["Rasmus Lind"][1] == "2:e vice ordförande"
    assert people["Petra Sund"] == ("S", "tjänstgörande ersättare", True)
    assert people["Hussein Karimi"] == ("S", "ledamot", False)
    assert people["Stina Ek"][2] is False
    assert people["Anders Fjäll"][1] == "biträdande socialchef"
    assert people["Birgitta Ros"][:2] == ("Vision", "personalföreträdare")
    assert people["Karl Storm"][:2] == ("Pensionärsrådet", "ordförande")
    assert people["Hanna Vall"][1] == "sekreterare" and people["Tove Hagberg"][1] == "justerare"
    assert fp.value("secretary") == "Hanna Vall" and fp.value("paragraphs") == "§§ 87-90"
    assert fp.value("place_time").startswith("Rådhuset, Sessionssalen")


def test_the_collapsed_front_page_gives_the_same_people():
    gaps, collapsed = _people(_read(FORMAL_GAPS)), _people(_read(FORMAL_COLLAPSED))
    assert set(collapsed) == set(gaps)
    assert {k: v[2] for k, v in collapsed.items()} == {k: v[2] for k, v in gaps.items()}
    assert {k: v[0] for k, v in collapsed.items()} == {k: v[0] for k, v in gaps.items()}


def test_labels_in_the_margin_with_values_beside_them():
    people = _people(_read(LABEL_MARGIN))
    assert set(people) == {"Per Ahlström", "Lena Forsberg", "Mikael Öst", "Sara Nyqvist", "Tomas Krantz",
                           "Eva Lundgren", "Johan Berglund"}
    assert people["Tomas Krantz"] == ("S", "ledamot", False)
    assert people["Lena Forsberg"][1] == "justerare" and people["Johan Berglund"][1] == "sekreterare"


def test_informal_notes_have_no_front_page():
    text = ("Husrådsmöte 2020-10-14\nNärvarande\nAnna Ek, styrelsen\nBo Berg, hus 1\n"
            "Ordförande hälsade alla välkomna.\nJustering efter remissen behövs inte.\n")
    assert _read(text) is None


def test_a_front_page_laid_out_as_a_table_of_a_word_processor():
    from pipeline.contract.document import TextBuilder, block_rows
    b = TextBuilder()
    b.paragraph("Barn- och utbildningsnämnden")
    b.open("table")
    b.row(["Plats och tid", "Stadshuset, Lilla salen, kl. 13.00–15.30"])
    b.row(["Beslutande", "Anna Andersson (S), ordförande\nBo Berg (M)\nCia Lind (C) ersätter Dan Dahl (C)\nEmma Falk (L)"])
    b.row(["Övriga deltagare", "Gustav Holm, förvaltningschef\nIda Jansson, nämndsekreterare"])
    b.row(["Utses att justera", "Bo Berg"])
    b.close("table")
    text, blocks = b.build()
    lines = split_lines(text)
    fp = read_front_page(lines, LineIndex(lines, block_rows("d", blocks)))
    assert _people(fp) == {"Anna Andersson": ("S", "ordförande", True), "Bo Berg": ("M", "justerare", True),
                           "Cia Lind": ("C", "tjänstgörande ersättare", True), "Dan Dahl": ("C", "ledamot", False),
                           "Emma Falk": ("L", "ledamot", True), "Gustav Holm": (None, "förvaltningschef", True),
                           "Ida Jansson": (None, "sekreterare", True)}
    assert fp.value("place_time") == "Stadshuset, Lilla salen, kl. 13.00–15.30"


def test_ocr_without_diacritics_still_reads_the_labels():
    text = "Beslutande Ledamoter Tjanstgorande ersattare\nAnna Ek (S), ordforande Bo Berg (M) tjanstgor for\n" \
           "Cia Lind (C) Dan Roos (M)\nUtses att justera Cia Lind\nSammantradesdatum 2021-05-04\n"
    people = _people(_read(text))
    assert people["Dan Roos"] == ("M", "ledamot", False) and people["Cia Lind"][1] == "justerare"


def test_x_positions_from_the_reader_place_the_columns_of_a_collapsed_line():
    rows = [("Beslutande", 40.0), ("Ledamöter", 120.0), ("Tjänstgörande ersättare", 320.0), None,
            ("Anna Ek (S), ordförande", 40.0), ("Bo Berg (M) tjänstgör för", 320.0), None,
            ("Cia Lind (C)", 40.0), None, ("Dan Roos (M)", 320.0), None,
            ("Utses att justera", 40.0), ("Cia Lind", 120.0), None]
    text, blocks, line = "", [], []
    for item in rows:
        if item is None:
            text += " ".join(line) + "\n"
            line = []
            continue
        start = len(text) + sum(len(x) + 1 for x in line)
        blocks.append({"kind": "paragraph", "start_char": start, "end_char": start + len(item[0]),
                       "attrs": {"x0": item[1]}})
        line.append(item[0])
    lines = split_lines(text)
    people = _people(read_front_page(lines, LineIndex(lines, blocks)))
    assert people["Dan Roos"] == ("M", "ledamot", False)   # alone on its line, placed under Bo Berg by its x
    collapsed = _people(read_front_page(lines, LineIndex(lines)))
    assert collapsed["Dan Roos"][2] is True   # without positions a lone member is read as a ledamot present
    assert people["Cia Lind"] == ("C", "justerare", True) and people["Bo Berg"][1] == "tjänstgörande ersättare"


def _layout_rows(rows):
    """Text and blocks as a PDF reader writes a page region in columns: a layout table whose
    cells (joined by three spaces) carry their column and x-position."""
    text, blocks = "", [{"kind": "table", "start_char": 0, "end_char": 0, "attrs": '{"layout": "columns"}'}]
    for row in rows:
        start = len(text)
        blocks.append({"kind": "table_row", "start_char": start, "end_char": 0})
        parts = []
        for cell, x in row:
            s = start + sum(len(p) + 3 for p in parts)
            blocks.append({"kind": "table_cell", "start_char": s, "end_char": s + len(cell),
                           "attrs": {"x0": x, "column": 0 if x < 100 else 1}})
            parts.append(cell)
        text += "   ".join(parts) + "\n"
        blocks[-len(row) - 1]["end_char"] = len(text) - 1
    blocks[0]["end_char"] = len(text)
    return text, blocks


def test_the_cells_of_a_layout_table_are_the_columns():
    text, blocks = _layout_rows([[("Beslutande", 40.0), ("Ledamöter", 120.0), ("Tjänstgörande ersättare", 300.0)],
                                 [("Anna Ek (S), ordförande", 40.0), ("Bo Berg (M) tjänstgör för", 210.0)],
                                 [("Cia Lind (C)", 40.0), ("Dan Roos (M)", 210.0)],
                                 [("Utses att justera", 40.0), ("Cia Lind", 120.0)],
                                 [("Plats och tid", 40.0), ("Rådhuset", 120.0)]])
    lines = split_lines(text)
    people = _people(read_front_page(lines, LineIndex(lines, blocks)))
    assert people["Dan Roos"] == ("M", "ledamot", False) and people["Cia Lind"][1] == "justerare"


def test_a_lone_attendance_heading_and_one_label_are_no_form():
    text = ("Närvarande\n\n● Ordförande: Vera Holm   Vera Holm\n● Ledamot: Nils Ek   Justerare\n"
            "● Ledamot: Ola Berg   Nils Ek\n\nMötet öppnas\n")
    assert _read(text) is None
