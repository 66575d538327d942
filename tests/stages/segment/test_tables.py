from pipeline.contract.document import TextBuilder, block_rows
from pipeline.stages.segment.lines import split_lines
from pipeline.stages.segment.tables import table_attendees, tables_from_blocks, tables_from_lines


def _rows(*rows):
    return [[(c, 0, 0) for c in r] for r in rows]


def _read(rows, heading=None):
    return [(a.entry.name, a.entry.organisation, a.entry.role, a.entry.present) for a in table_attendees(rows, heading)]


def test_a_table_with_name_organisation_and_role_columns():
    rows = _rows(["Namn", "Organisation", "Roll"], [":---", ":---", ":---"], ["Karin Holm", "Lantmäteriet", "Ordförande"],
                 ["Per Vik", "SCB", "Sekreterare"], ["Ali Reza", "Skatteverket", "Ej närvarande"],
                 ["Sofia Åberg", "Trafikverket (på uppdrag av SCB)"])
    assert _read(rows) == [("Karin Holm", "Lantmäteriet", "ordförande", True), ("Per Vik", "SCB", "sekreterare", True),
                           ("Ali Reza", "Skatteverket", None, False), ("Sofia Åberg", "Trafikverket", None, True)]


def test_a_presence_column_and_the_header_word_narvarande():
    rows = _rows(["Närvarande", "Myndighet", "Närvaro"], ["Eva Ek", "SGU", "Ja"], ["Bo Holm", "SKR", "Nej"])
    assert _read(rows) == [("Eva Ek", "SGU", None, True), ("Bo Holm", "SKR", None, False)]


def test_voting_tables_and_other_tables_are_not_attendance():
    assert _read(_rows(["Ledamot", "Ja", "Nej", "Avstår"], ["Anna Ek (S)", "X", "", ""])) == []
    assert _read(_rows(["Åtgärd", "Ansvarig"], ["Boka lokal", "Anna Ek"])) == []
    # a table without a header under an attendance heading: name | organisation
    assert _read(_rows(["Anna Ek", "Bryggan"]), heading="Deltagare") == [("Anna Ek", "Bryggan", None, True)]


def test_tables_from_blocks_and_from_pipe_lines():
    b = TextBuilder()
    b.open("table")
    b.row(["Namn", "Organisation"])
    b.row(["Eva Ek", "SGU"])
    b.close("table")
    text, blocks = b.build()
    tables = tables_from_blocks(text, block_rows("d", blocks))
    assert [[c[0] for c in r] for r in tables[0]] == [["Namn", "Organisation"], ["Eva Ek", "SGU"]]
    text = "Namn | Organisation\nEva Ek | SGU\n\nText."
    (table,) = tables_from_lines(split_lines(text))
    assert [[text[c[1]:c[2]] for c in r] for r in table] == [["Namn", "Organisation"], ["Eva Ek", "SGU"]]


def test_a_page_region_in_columns_is_no_data_table():
    text = "Namn   Organisation\nEva Ek   SGU\n"
    blocks = [{"kind": "table", "start_char": 0, "end_char": len(text), "attrs": '{"layout": "columns"}'},
              {"kind": "table_row", "start_char": 0, "end_char": 19}, {"kind": "table_cell", "start_char": 0, "end_char": 4},
              {"kind": "table_cell", "start_char": 7, "end_char": 19}]
    assert tables_from_blocks(text, blocks) == []


def test_a_list_of_those_present_laid_out_with_spaces_with_substitutes_and_votes():
    from pipeline.stages.segment.tables import tables_from_gaps
    text = ("Bilaga 1  Närvarolista\n\n"
            "Ledamot                              Närv.  Tjänstgörande ersättare       Ja    Nej\n"
            "Eva Lind (S), ordförande              X                                   X\n"
            "Per Holmgren (M), 1:e vice ordf X                                         X\n"
            "Stina Ek (M)                          -     Olle Brandt (M)               X\n"
            "Ivar Sund (V)                         -     –\n"
            "Summa                                 3     1                             3     0\n")
    (table,) = tables_from_gaps(split_lines(text))
    got = [(a.entry.name, a.entry.organisation, a.entry.role, a.entry.present) for a in table_attendees(table)]
    assert got == [("Eva Lind", "S", "ordförande", True), ("Per Holmgren", "M", "vice ordförande", True),
                   ("Stina Ek", "M", "ledamot", False), ("Olle Brandt", "M", "tjänstgörande ersättare", True),
                   ("Ivar Sund", "V", None, False)]


def test_handles_and_nicknames_in_a_table():
    rows = _rows(["Namn", "Post", "Deltog"], ['Mohammed "Mo" Kareem', "Vice ordförande", "på plats"],
                 ["@jocke_s (Joakim Strand)", "Ledamot", "distans"], ["Ravi Berg", "Ledamot", "frånvarande"])
    assert _read(rows) == [('Mohammed "Mo" Kareem', None, "vice ordförande", True),
                           ("Joakim Strand", None, "ledamot", True), ("Ravi Berg", None, "ledamot", False)]


def test_a_narrow_party_column_and_a_dash_for_a_seat_nobody_filled():
    """A council's närvarolista: 'Parti' one space from the next heading, the member's party for the
    substitute on the same row, '-' in the substitute column: absent without a substitute."""
    from pipeline.stages.segment.tables import tables_from_gaps
    text = ("Närvarolista, kommunfullmäktige 2025-03-10\n\n"
            "Ledamot                     Parti Tjänstgörande ersättare  Ja    Nej\n"
            "Anna Berglund, ordf.        S                              X\n"
            "Olof Grahn, 2:e v ordf.     M                                    X\n"
            "Sanna Lindqvist             S     Kerem Aydın              X\n"
            "Bo Wikström                 KD    -\n"
            "Summa                                                      2     1\n")
    (table,) = tables_from_gaps(split_lines(text))
    got = [(a.entry.name, a.entry.organisation, a.entry.role, a.entry.present) for a in table_attendees(table)]
    assert got == [("Anna Berglund", "S", "ordförande", True), ("Olof Grahn", "M", "2:e vice ordförande", True),
                   ("Sanna Lindqvist", "S", "ledamot", False), ("Kerem Aydın", "S", "tjänstgörande ersättare", True),
                   ("Bo Wikström", "KD", None, False)]


def test_an_ascii_grid_table_and_an_honorific_before_the_name():
    text = ("+--------------------+-------------+-------------------+\n"
            "| Namn               | Funktion    | Organisation      |\n"
            "+====================+=============+===================+\n"
            "| Dr. Omid Rahimi    | överläkare  | Psykiatrin Norr   |\n"
            "+--------------------+-------------+-------------------+\n"
            "| Lena Åkesson       | MAS         | Ödeby kommun      |\n"
            "+--------------------+-------------+-------------------+\n")
    (table,) = tables_from_lines(split_lines(text))
    got = [(a.entry.name, a.entry.organisation, a.entry.role) for a in table_attendees(table)]
    assert got == [("Omid Rahimi", "Psykiatrin Norr", "överläkare"), ("Lena Åkesson", "Ödeby kommun", "mas")]


def test_a_table_of_organisations_and_their_representatives_several_to_a_cell():
    rows = _rows(["Organisation", "Representanter"], ["PRO Norrby", "Kerstin Lund, vice ordförande; Rolf Ahl"],
                 ["SKPF avdelning 12", "Britt Sjö"])
    assert _read(rows) == [("Kerstin Lund", "PRO Norrby", "vice ordförande", True), ("Rolf Ahl", "PRO Norrby", None, True),
                           ("Britt Sjö", "SKPF avdelning 12", None, True)]
