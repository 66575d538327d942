"""pipeline/stages/ner/structure.py: people, organisations and places from the form of the minutes."""
from pipeline.stages.ner.structure import party_tags, signatures, structure_spans, table_columns, titled_names, venues

FRONT = """SOCIALNÄMNDEN                    PROTOKOLL
Tid och plats:   Onsdagen den 6 mars 2024 kl. 13.00–15.40, Ekorrsalen, Rådhuset

Ledamöter                         Tjänstgörande ersättare
Gunnel Åström (S), ordförande     Petter Lindkvist (M) ersätter Rolf Hed (M)
Amir Haddad (M), vice ordförande  Sanna Björk (V)

Övriga närvarande
Lena Sjöberg, socialchef
Tobias Ek, nämndsekreterare

Justerare: Amir Haddad (M)

Sekreterare   ____________________
              Tobias Ek
"""


def texts(spans, text=FRONT, label=None):
    return [text[s.start:s.end] for s in spans if label is None or s.label == label]


def test_party_tags_give_people_and_hide_the_party():
    spans = party_tags(FRONT)
    assert texts(spans, label="PER") == ["Gunnel Åström", "Petter Lindkvist", "Rolf Hed", "Amir Haddad",
                                         "Sanna Björk", "Amir Haddad"]
    assert set(texts(spans, label="NONE")) == {"(S)", "(M)", "(V)"}


def test_titles_and_role_labels():
    assert texts(titled_names(FRONT)) == ["Lena Sjöberg", "Tobias Ek", "Amir Haddad"]


def test_signature_block():
    assert texts(signatures(FRONT)) == ["Tobias Ek"]


def test_venue_field_without_its_date_and_time():
    assert texts(venues(FRONT)) == ["Ekorrsalen", "Rådhuset"]
    text = "Plats: Sammanträdesrum Måsen, Hamnvägen 2 samt via Teams\n"
    assert texts(venues(text), text) == ["Sammanträdesrum Måsen", "Hamnvägen 2", "Teams"]
    assert texts(venues("Vi sågs i Lunden.", "Lunden"), "Vi sågs i Lunden.") == ["Lunden"]


def test_attendance_table_columns():
    text = "Namn | Organisation | Roll\nKarin Holm | RSMH | ordförande\nBo Lind | Attention (Lund)"
    blocks = [{"kind": "table", "start_char": 0, "end_char": len(text)}]
    pos = 0
    for line in text.split("\n"):
        blocks.append({"kind": "table_row", "start_char": pos, "end_char": pos + len(line)})
        c = pos
        for cell in line.split(" | "):
            blocks.append({"kind": "table_cell", "start_char": c, "end_char": c + len(cell)})
            c += len(cell) + 3
        pos += len(line) + 1
    spans = table_columns(text, blocks)
    assert texts(spans, text, "PER") == ["Karin Holm", "Bo Lind"]
    assert texts(spans, text, "ORG") == ["RSMH", "Attention"]


def test_everything_in_text_order_and_odd_input():
    spans = structure_spans(FRONT)
    assert [s.start for s in spans] == sorted(s.start for s in spans)
    for odd in ("", "(S)", "((((", "Plats:", "____\n", "Ordförande: "):
        structure_spans(odd)


def test_a_venue_field_in_a_bulleted_item():
    text = "Sektionsmöte\n○ Plats: Hörsalen HA4\n○ Tid: 18.00\n"
    assert texts(venues(text), text) == ["Hörsalen HA4"]


def test_venue_after_the_clock_time_and_rooms_named_by_what_they_are():
    text = ("Protokoll\nTisdag 5 mars 2024 kl. 14.00–16.00 i bibliotekets hörsal, Ringvägen 4\n"
            "Måndag 8 april kl. 17.30 i personalrummet.\n"
            "Nästa möte: onsdag 3 april kl. 09.30 på Träffpunkt Eken.\n"
            "Mötet avslutades kl. 16.00, Ordföranden tackade alla.\n"
            "Plats och tid: Kommunhuset, lilla sessionssalen, kl 13.00-15.00\n"
            "Justeringens plats   Kommunkansliet, 2024-03-08\n"
            "Lokal: Byviks stadshus, sal Ljungen (hörslinga finns)\n")
    got = texts(structure_spans(text), text, "LOC")
    assert got == ["bibliotekets hörsal", "Ringvägen 4", "Träffpunkt Eken", "Kommunhuset", "lilla sessionssalen", "Kommunkansliet",
                   "Byviks stadshus", "sal Ljungen"]
