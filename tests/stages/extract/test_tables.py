"""pipeline/stages/extract/tables.py: action tables (Vad / Vem / När, Åtgärd / Ansvar / Klart)."""
from __future__ import annotations

from pipeline.stages.extract.tables import cells, header_roles, is_header_line, rows


def _lines(text):
    out, pos = [], 0
    for line in text.splitlines(keepends=True):
        body = line.rstrip("\n")
        if body.strip():
            lead = len(body) - len(body.lstrip())
            out.append((pos + lead, pos + len(body.rstrip())))
        pos += len(line)
    return out


def table(text, cues):
    return [{role: c[0] for role, c in r.cells.items()} | {"_text": text[r.start:r.end]}
            for r in rows(text, _lines(text), cues)]


def test_headers(cues):
    assert is_header_line("Vad | Vem | När", cues)
    assert is_header_line("| Nr | Åtgärd | Ansvarig | Klart |", cues)
    assert is_header_line("Uppgift\tAnsvar\tDatum", cues)
    assert is_header_line("Åtgärd                       Ansvar          Klart", cues)
    assert is_header_line("Ärende | Beslut", cues)                    # a decision table
    assert not is_header_line("Vad | När", cues)                      # nobody to do it
    assert not is_header_line("Karin Holm        Göran Sjöberg", cues)
    assert not is_header_line("Namn | Organisation | Telefon", cues)
    assert header_roles(cells("Vad | Vem | När | Kommentar", 0, 26), cues) == ["what", "who", "when", None]


def test_pipe_table_with_an_empty_cell_keeps_the_columns(cues):
    text = ("| Nr | Vad | Vem | När |\n|----|-----|-----|-----|\n"
            "| 1 | Beställa nycklar | Kjell | 1 mars |\n| 2 | Planera vårfesten |  | april |\n")
    assert table(text, cues) == [
        {"what": "Beställa nycklar", "who": "Kjell", "when": "1 mars", "_text": "Beställa nycklar | Kjell | 1 mars"},
        {"what": "Planera vårfesten", "when": "april", "_text": "Planera vårfesten |  | april"},
    ]


def test_tab_table(cues):
    text = "Åtgärd\tAnsvar\tDatum\nBoka buss\tUlla\t10 maj\nSkriva inbjudan\t\t1 maj\n"
    got = table(text, cues)
    assert got[0] == {"what": "Boka buss", "who": "Ulla", "when": "10 maj", "_text": "Boka buss\tUlla\t10 maj"}
    assert got[1]["what"] == "Skriva inbjudan" and "who" not in got[1] and got[1]["when"] == "1 maj"


def test_space_aligned_table_uses_the_header_columns(cues):
    text = ("Uppgift                         Ansvarig        Klart\n"
            "Uppdatera medlemsregistret      Lisa            15 mars\n"
            "Söka bidrag                                     31 mars\n")
    got = table(text, cues)
    assert got[0]["who"] == "Lisa" and got[0]["when"] == "15 mars"
    assert got[1]["what"] == "Söka bidrag" and "who" not in got[1] and got[1]["when"] == "31 mars"


def test_decision_column(cues):
    text = "Ärende | Beslut | Ansvar\nBudget 2024 | Fastställdes |\nHemsidan | Ny leverantör | Anna\n"
    got = table(text, cues)
    assert got[0]["decision"] == "Fastställdes" and "who" not in got[0]
    assert got[1]["who"] == "Anna"


def test_rows_without_a_header_are_not_a_table(cues):
    assert table("Boka lokal | Anna | 1 maj\n", cues) == []
