import datetime as dt

from pipeline.stages.segment import is_person_name, segment_document

INFORMAL = """

Brukarrådet 14 mars

Närvarande

Karin Lund, Verdandi

Omar Haddad, socialförvaltningen

Lisa Berg, RSMH (ej närvarande)

Nytt boende på Väster

Vi fick höra om planerna för det nya boendet. Omar tar med frågan till ledningen.

- Flera vill besöka boendet innan det öppnar.
- Karin undrar om brukare kan vara med i upphandlingen?

Övrigt

Inget att ta upp.

/Omar
"""

FORMAL = """PROTOKOLL
Socialnämnden
Sammanträdesdatum: 2022-05-17
Plats och tid: Stadshuset, sal B, kl. 13.00–16.00

Beslutande: Eva Sjöberg (S), ordförande; Jonas Ek (M); Fatima Ali (V)
Tjänstgörande ersättare: Mats Olsson (C)
Övriga närvarande: Anna Björk, socialchef; Per Lind, sekreterare

§ 45 Val av justerare
Jonas Ek utses att justera protokollet.

§ 46 Verksamhetsplan 2023
Nämnden beslutar att godkänna verksamhetsplanen.

Vid protokollet
Per Lind
"""

NUMBERED = """Samverkansgruppen Norr 3 februari 2020

1. Mötets öppnande
Ordföranden hälsade välkommen.

2. Rapport från brukarföreningarna
Föreningarna rapporterade om vinterns arbete.

3. Nästa möte
Den 2 mars.
"""

MARKDOWN = """# Styrelsemöte Brf Eken 2021-09-08

## Närvarande:
Anders Holm, Birgitta Sand och Cecilia Ström

## Ekonomi
Kassören redovisade läget.

## Fasaden
Offerter ska tas in.

Sekreterare: Birgitta Sand
"""


def _titles(seg):
    return [s["title"] for s in seg.sections]


def test_informal_notes_title_attendees_sections_author():
    seg = segment_document("d1", INFORMAL)
    m = seg.meeting
    assert (m["body"], m["date_text"], m["date"], m["author"]) == ("Brukarrådet", "14 mars", None, "Omar")
    assert [(a["name"], a["organisation"], a["present"]) for a in seg.attendees] == [
        ("Karin Lund", "Verdandi", True), ("Omar Haddad", "socialförvaltningen", True), ("Lisa Berg", "RSMH", False)]
    assert _titles(seg) == ["Närvarande", "Nytt boende på Väster", "Övrigt"]


def test_sections_cover_the_text_in_order_with_offsets():
    seg = segment_document("d1", INFORMAL)
    starts = [s["start_char"] for s in seg.sections]
    assert starts == sorted(starts)
    for s, nxt in zip(seg.sections, seg.sections[1:]):
        assert s["end_char"] == nxt["start_char"]
        assert INFORMAL[s["start_char"]:].startswith(s["title"])
    assert "/Omar" not in INFORMAL[seg.sections[-1]["start_char"]:seg.sections[-1]["end_char"]]
    assert [s["ordinal"] for s in seg.sections] == [1, 2, 3]
    assert seg.sections[0]["section_id"] == "d1-1-s001"


def test_formal_protocol_with_paragraph_numbers_and_inline_attendees():
    seg = segment_document("d2", FORMAL)
    m = seg.meeting
    assert m["body"] == "Socialnämnden"
    assert m["date"] == dt.date(2022, 5, 17)
    assert m["place"] == "Stadshuset, sal B"
    assert m["author"] == "Per Lind"
    people = {a["name"]: a for a in seg.attendees}
    assert set(people) == {"Eva Sjöberg", "Jonas Ek", "Fatima Ali", "Mats Olsson", "Anna Björk", "Per Lind"}
    assert people["Eva Sjöberg"]["role"] == "ordförande" and people["Eva Sjöberg"]["organisation"] == "S"
    assert people["Mats Olsson"]["role"] == "ersättare"
    assert people["Per Lind"]["role"] == "sekreterare"
    assert [(s["number"], s["title"]) for s in seg.sections][-2:] == [
        ("§ 45", "§ 45 Val av justerare"), ("§ 46", "§ 46 Verksamhetsplan 2023")]
    # the three consecutive attendee blocks are one section
    assert len(seg.sections) == 3


def test_numbered_items_and_no_attendees():
    seg = segment_document("d3", NUMBERED)
    assert seg.meeting["body"] == "Samverkansgruppen Norr"
    assert seg.meeting["date"] == dt.date(2020, 2, 3)
    assert seg.attendees == []
    assert _titles(seg) == ["1. Mötets öppnande", "2. Rapport från brukarföreningarna", "3. Nästa möte"]
    assert [s["number"] for s in seg.sections] == ["1", "2", "3"]


def test_markdown_headings_inline_name_list_and_secretary():
    seg = segment_document("d4", MARKDOWN)
    assert seg.meeting["body"] == "Styrelsemöte Brf Eken"
    assert seg.meeting["date"] == dt.date(2021, 9, 8)
    assert [a["name"] for a in seg.attendees] == ["Anders Holm", "Birgitta Sand", "Cecilia Ström"]
    assert _titles(seg) == ["## Närvarande:", "Ekonomi", "Fasaden"]
    assert seg.meeting["author"] == "Birgitta Sand"


def test_labels_questions_and_bullets_are_not_sections():
    text = ("Arbetsgrupp 5 maj 2019\n\nBakgrund\n\nVi har träffats tre gånger.\n\nBeslut:\n\n- Att fortsätta\n\n"
            "Hur går vi vidare med detta?\n\nTips: läs rapporten.\n")
    seg = segment_document("d5", text)
    assert _titles(seg) == ["Bakgrund"]


def test_hard_wrapped_paragraphs_do_not_become_headings():
    text = ("Referensgruppen 1 juni 2020\n\nNästa steg\nVi ska ta fram ett underlag till nämnden som beskriver hur\n"
            "brukarna kan vara med i arbetet och hur det ska följas upp under hösten\n\n"
            "Hon har arbetat med frågan länge och vill nu se att den kommer vidare i\norganisationen.\n")
    assert _titles(segment_document("d6", text)) == ["Nästa steg"]


def test_empty_and_titleless_text():
    seg = segment_document("d7", "")
    assert seg.meeting["body"] is None and seg.sections == [] and seg.attendees == []
    seg = segment_document("d8", "Närvarande:\nAnna Ek\nBo Ström\n\nPunkt ett\n\nText.\n")
    assert seg.meeting["body"] is None
    assert [a["name"] for a in seg.attendees] == ["Anna Ek", "Bo Ström"]


def test_person_names():
    assert is_person_name("Ia Jonsson")
    assert is_person_name("Anna-Karin af Ekström")
    assert not is_person_name("Skåneveckan för psykisk hälsa")
    assert not is_person_name("Lokaler")


FORMAL_WITH_TITLES = """PROTOKOLL
Socialnämnden
Sammanträdesdatum 2021-03-17

Beslutande:
Karin Ek (S), ordförande
Olof Berg (M)

Övriga deltagande:
Maria Lind, socialchef
Jonas Holm, nämndsekreterare
Eva Strand, Brukarrådet

Justerare: Olof Berg

§ 12 Brukarrådets verksamhetsberättelse
Nämnden godkänner verksamhetsberättelsen.
"""


def test_formal_protocol_job_titles_are_roles_and_labels_are_not_sections():
    seg = segment_document("p", FORMAL_WITH_TITLES)
    people = {a["name"]: a for a in seg.attendees}
    assert set(people) == {"Karin Ek", "Olof Berg", "Maria Lind", "Jonas Holm", "Eva Strand"}
    assert people["Maria Lind"]["role"] == "socialchef" and people["Maria Lind"]["organisation"] is None
    assert people["Eva Strand"]["organisation"] == "Brukarrådet"
    assert people["Karin Ek"]["organisation"] == "S" and people["Karin Ek"]["role"] == "ordförande"
    titles = [s["title"] for s in seg.sections]
    assert "Justerare: Olof Berg" not in titles
    assert titles[-1] == "§ 12 Brukarrådets verksamhetsberättelse"
