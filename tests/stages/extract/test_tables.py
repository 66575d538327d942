"""pipeline/stages/extract/tables.py: cells of a row and the roles a header names."""
from __future__ import annotations

from pipeline.stages.extract.tables import cell_role, cells, header_roles, is_header_line, vote_columns


def test_headers(cues):
    assert is_header_line("Vad | Vem | När", cues)
    assert is_header_line("| Nr | Åtgärd | Ansvarig | Klart |", cues)
    assert is_header_line("Uppgift\tAnsvar\tDatum", cues)
    assert is_header_line("Åtgärd                       Ansvar          Klart", cues)
    assert is_header_line("Ärende | Beslut", cues)                    # a decision table
    assert is_header_line("Punkt | Föredragande | Tid", cues)         # who presents it
    assert is_header_line("Uppgift | Ansvarig | Deadline", cues)
    assert not is_header_line("Vad | När", cues)                      # nobody to do it
    assert not is_header_line("Karin Holm        Göran Sjöberg", cues)
    assert not is_header_line("Namn | Organisation | Telefon", cues)
    assert header_roles(cells("Vad | Vem | När | Kommentar", 0, 26), cues) == ["what", "who", "when", None]
    assert cell_role("Klart till", cues) == "when" and cell_role("Ansvarig", cues) == "who"


def test_cells_keep_their_offsets_and_empty_cells_their_place():
    line = "| 2 | Planera vårfesten |  | april |"
    got = cells(line, 0, len(line), keep_empty=True)
    assert [c[0] for c in got] == ["2", "Planera vårfesten", "", "april"]
    for text, s, e in got:
        assert line[s:e] == text
    tab = "Skriva inbjudan\t\t1 maj"
    assert [c[0] for c in cells(tab, 0, len(tab), keep_empty=True)] == ["Skriva inbjudan", "", "1 maj"]
    spaced = "Söka bidrag                                     31 mars"
    assert [c[0] for c in cells(spaced, 0, len(spaced))] == ["Söka bidrag", "31 mars"]


def test_voting_table_header():
    assert vote_columns(["Ledamot/tjänstgörande ersättare", "Ja-röst", "Nej-röst", "Avstår från att rösta"]) == \
        [None, "yes", "no", "abstain"]
    assert vote_columns(["Namn", "Ja", "Nej"]) == [None, "yes", "no"]
    assert vote_columns(["Namn", "Parti", "Ja"]) is None
    assert vote_columns(["Vad", "Vem", "När"]) is None


def test_a_follow_up_column_holds_a_task_sentence_in_each_row():
    from .helpers import attendees_of, run
    text = ("3. Frågor från de boende\n"
            "| Fråga | Svar från bolaget | Vad händer nu |\n|---|---|---|\n"
            "| Hissen står still. | Reservdel beställd. | Omar Said lagar hissen senast fredag 7 juni. |\n"
            "| Kan vi få en bänk? | Ja. | Föreningen skriver till parkförvaltningen. |\n")
    _, actions = run(text, attendees_of("Omar Said"))
    got = [(a["text"], a["assignees"], a["due_text"]) for a in actions]
    assert got == [("Omar Said lagar hissen senast fredag 7 juni.", ["Omar Said"], "senast fredag 7 juni"),
                   ("Föreningen skriver till parkförvaltningen.", ["Föreningen"], None)]
