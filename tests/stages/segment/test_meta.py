import datetime as dt

from pipeline.stages.segment.lines import split_lines
from pipeline.stages.segment.meta import clean_body, clean_place, infer_year, is_title, read_meta


def _meta(text, document=None):
    meta = read_meta(split_lines(text))
    infer_year(meta, document or {}, text)
    return meta


def test_the_body_is_the_title_without_document_type_date_and_meeting_type():
    assert clean_body("Protokoll fört vid ordinarie föreningsstämma i Bostadsrättsföreningen Lärkan") == \
        "Bostadsrättsföreningen Lärkan"
    assert clean_body("Minnesanteckningar från Samrådsgruppen Väster") == "Samrådsgruppen Väster"
    assert clean_body("Revisionen SAMMANTRÄDESANTECKNINGAR") == "Revisionen"
    assert clean_body("Mötesprotokoll Sektionsstyrelsen 21/22") == "Sektionsstyrelsen"
    assert clean_body("Gemensamt husrådsmöte Brf Eken") == "Brf Eken"
    assert clean_body("Gemensamt husrådsmöte våren 2020 (rev 2020-03-26)") is None
    assert clean_body("ÖSTERVIKS KOMMUN SAMMANTRÄDESPROTOKOLL") is None   # the municipality alone
    assert clean_body("Årsmöte") == "Årsmöte"


def test_a_generic_title_takes_the_body_from_the_next_line():
    meta = _meta("ÖSTERVIKS KOMMUN   SAMMANTRÄDESPROTOKOLL\nSocialnämnden\nDatum\n2023-10-12\n")
    assert (meta.body, meta.date, meta.date_source) == ("Socialnämnden", dt.date(2023, 10, 12), "text")


def test_dates_from_title_labels_and_a_title_that_wraps():
    meta = _meta("Referensgruppen 25\nnov\n\nNärvarande\nAnna Ek (SCB)\n")
    assert (meta.body, meta.date_text, meta.date) == ("Referensgruppen", "25 nov", None)
    meta = _meta("Styrelsen\nTid och datum: 18:00 2019-08-29\nPlats: Klubblokalen\n")
    assert (meta.date, meta.place) == (dt.date(2019, 8, 29), "Klubblokalen")
    meta = _meta("# Arbetsgruppen\n**Minnesanteckningar 2022-06-09**\n\nText.\n")
    assert meta.date == dt.date(2022, 6, 9) and 1 in meta.used


def test_a_sentence_is_not_a_title_but_can_date_the_meeting():
    assert not is_title("Den 21 mars genomfördes ett gemensamt husrådsmöte med representanter från husråden.")
    meta = _meta("Den 21 mars genomfördes ett husrådsmöte med alla husråd och styrelsen.\n\nText.\n")
    assert (meta.title, meta.body, meta.date_text) == (None, None, "Den 21 mars")


def test_a_year_not_written_comes_from_metadata_then_path_then_the_text():
    text = "Brukarrådet 14 mars\n\nText.\n"
    meta = _meta(text, {"meta_date": "2019-05-05T21:25:06Z", "source_path": "2018/notes-2018-03-14.txt"})
    assert (meta.date, meta.date_source) == (dt.date(2019, 3, 14), "metadata")
    meta = _meta(text, {"source_path": "arkiv/2018-03-14/brukarradet.txt"})
    assert (meta.date, meta.date_source) == (dt.date(2018, 3, 14), "path")
    meta = _meta(text, {"meta_date": "2021-01-02"})   # the nearest year: a meeting in March 2021 is ten weeks on
    assert meta.date == dt.date(2021, 3, 14)
    meta = _meta(text + "Nästa möte 2017-04-11.\n")
    assert (meta.date, meta.date_source) == (dt.date(2017, 3, 14), "inferred")
    meta = _meta(text)
    assert (meta.date, meta.date_source, meta.date_text) == (None, None, "14 mars")


def test_place_without_date_and_time():
    assert clean_place("Rådhuset, Sessionssalen Klockan 13:15 – 16:40") == "Rådhuset, Sessionssalen"
    assert clean_place("Kommunhuset, kl. 08.30–11.45") == "Kommunhuset"
    assert clean_place("Klockan 13:00 – 13:05") is None


def test_comments_and_front_matter_fences_are_no_title():
    assert not is_title("+++") and not is_title("<!-- utkast -->") and not is_title("---")
    assert _meta("+++\n\nStyrelsen 2020-01-02\n").body is None


def test_letterheads_breadcrumbs_page_numbers_and_boards_of_associations():
    assert clean_body("ÖSTRA VIKENS KOMMUN          PROTOKOLL          1(6)") is None
    assert clean_body("Solby kommun · Sammanträdesprotokoll") is None
    assert clean_body("Solby kommun, omsorgsförvaltningen") is None
    assert clean_body("Solby kommun › Politik › Råd › Pensionärsrådet") == "Pensionärsrådet"
    assert clean_body("Sektionsstyrelsen, Teknologkåren Norrby") == "Sektionsstyrelsen"
    assert clean_body("Protokoll, styrelsemöte 2023/24:5 Kemisektionen 3 maj 2024") == "Kemisektionen"
    assert clean_body("Lokal samverkansgrupp för äldrevård") == "Lokal samverkansgrupp för äldrevård"
    meta = _meta("SOLBY KOMMUN          PROTOKOLL          1(4)\nKommunfullmäktige      Sammanträdesdatum 2022-02-14\n")
    assert (meta.body, meta.date) == ("Kommunfullmäktige", dt.date(2022, 2, 14))


def test_a_title_block_the_reader_removed_as_a_running_header():
    from pipeline.stages.segment.meta import header_meta
    lines = split_lines("Tid och plats: kl. 13.00, Rådhuset\n\nNärvarande\nAnna Ek\n")
    blocks = [{"kind": "furniture", "start_char": 0, "end_char": 0, "page": 1, "text": "PROTOKOLL"},
              {"kind": "furniture", "start_char": 0, "end_char": 0, "page": 1,
               "text": "SOLBY KOMMUN                Omsorgsnämnden"},
              {"kind": "furniture", "start_char": 0, "end_char": 0, "page": 1, "text": "Sammanträdesdatum: 2024-02-08"}]
    header = header_meta(blocks, lines)
    assert (header.body, header.date) == ("Omsorgsnämnden", dt.date(2024, 2, 8))


def test_an_authoritys_letterhead_a_web_menu_and_a_day_under_the_title():
    meta = _meta("E-tjänstemyndigheten          MINNESANTECKNINGAR\nReferensgruppen för e-tjänster   1 (4)\n\nText.\n")
    assert meta.body == "Referensgruppen för e-tjänster"
    assert _meta("Start | Styrelsen | Kontakt\nBrf Eken – styrelseprotokoll\n\nText.\n").body == "Brf Eken"
    assert clean_body("Bygdenät Norrby ekonomisk förening, org.nr 769630-1122") == "Bygdenät Norrby ekonomisk förening"
    assert clean_body("Styrelseprotokoll nr 3/2011") is None
    meta = _meta("Ungdomsrådet i Solby\n\nMöte onsdag 6/11 kl. 15.30 på Kulan.\n\nText.\n")
    assert (meta.date_text, meta.date) == ("onsdag 6/11 kl. 15.30", None)


def test_a_metadata_date_written_in_words():
    from pipeline.stages.segment.meta import metadata_date
    assert metadata_date({"meta_date": "7 oktober 2024"}) == dt.date(2024, 10, 7)
    assert metadata_date({"meta_date": "3 juni"}) is None


def test_notes_sent_as_an_e_mail_take_the_group_and_the_date_from_the_header():
    from pipeline.stages.segment.meta import read_meta
    text = ("Från: Pia Lund <pia.lund@example.se>\nSkickat: den 12 mars 2025 09:10\nTill: Nätverket för anhörigstöd\n"
            "Ämne: Anteckningar från träffen i måndags (10/3)\n\nHej alla!\n\nHär kommer anteckningarna.\n")
    m = read_meta(split_lines(text))
    assert (m.body, m.date_text, m.month_day) == ("Nätverket för anhörigstöd", "10/3", (3, 10))
    text = ("From: Pia Lund\nSent: 12 mars 2025\nTo: anna@example.se; bo@example.se\nSubject: Styrelsemöte\n\nHej!\n")
    m = read_meta(split_lines(text))
    assert m.date_text == "12 mars 2025" and m.body != "From: Pia Lund"



def test_the_body_under_the_document_type_below_a_letterhead():
    text = "**SVENSKA KYRKAN – SANKT PERS FÖRSAMLING**\n\n**SAMMANTRÄDESPROTOKOLL**\n\n**Kyrkorådet**\n\nDatum: 2025-02-03\n"
    assert read_meta(split_lines(text)).body == "Kyrkorådet"
    text = ("Region Norrland\nOnkologiska kliniken, Norrby sjukhus\n\nMINNESANTECKNINGAR\n"
            "Patientrådet, Onkologiska kliniken\nTisdagen den 4 mars 2025 kl. 15.00\n")
    assert read_meta(split_lines(text)).body == "Patientrådet"


def test_a_typed_protocols_sheet_number_and_a_meetings_number_are_no_part_of_the_body():
    text = ("ÖDEBY KOMMUN          SAMMANTRÄDESPROTOKOLL          Blad 3\n"
            "                      Sammanträdesdatum\nBYGGNADSNÄMNDEN       1996-10-08\n\nPlats och tid   Kommunhuset\n")
    assert read_meta(split_lines(text)).body == "BYGGNADSNÄMNDEN"
    assert read_meta(split_lines("ÖDEBY IF – PROTOKOLL STYRELSEMÖTE 2/2025\n\nTid: 3 mars 2025\n")).body == "ÖDEBY IF"
