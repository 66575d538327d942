"""The segment stage end to end, on minutes written for the tests (see samples.py)."""
import datetime as dt

from pipeline.contract.document import TextBuilder, block_rows
from pipeline.contract.record import MinutesRecord
from pipeline.stages.ingest.plain import plain_text_blocks
from pipeline.stages.segment import STAGE, SegmentParams, segment_document, segment_stage
from tests.stages.segment.samples import (
    BOARD,
    DENSE,
    FORMAL_COLLAPSED,
    FORMAL_GAPS,
    LABEL_MARGIN,
    NO_YEAR,
    ORGS_AND_HANDLES,
    REVISION_STYLE,
    STAMMA,
    TABLE_NOTES,
    WORKING_GROUP,
)


def _titles(seg):
    return [s["title"] for s in seg.sections]


def _seg(text, document=None):
    return segment_document("d", text, None, block_rows("d", plain_text_blocks(text)), document)


def test_formal_protocol_front_page_items_and_sub_headings():
    for text in (FORMAL_GAPS, FORMAL_COLLAPSED):
        seg = _seg(text)
        m = seg.meeting
        assert (m["body"], m["date"], m["date_source"]) == ("Socialnämnden", dt.date(2023, 10, 12), "text")
        assert (m["place"], m["author"]) == ("Rådhuset, Sessionssalen", "Hanna Vall")
        assert len(seg.attendees) == 18
        absent = {a["name"] for a in seg.attendees if not a["present"]}
        assert absent == {"Hussein Karimi", "Stina Ek"}
        assert [(s["paragraph"], s["dnr"]) for s in seg.sections] == [
            ("§ 87", "SN-2023-00101"), ("§ 88", "SN-2023-00120"), ("§ 89", None), ("§ 90", "SN-2023-00133")]
        assert _titles(seg)[2].startswith("Ansökan om särskilt förordnad")   # confidential: title only
        decided = [b for b in seg.blocks if b["subsection"] == "Beslut" and b["kind"] == "paragraph"]
        assert [text[b["start_char"]:b["end_char"]] for b in decided][:2] == [
            "Socialnämnden noterar informationen till protokollet.", "Socialnämnden godkänner delårsrapporten."]


def test_label_margin_protocol():
    seg = _seg(LABEL_MARGIN)
    assert seg.meeting["body"] == "Kommunstyrelsens arbetsutskott"
    assert seg.meeting["place"] == "Kommunhuset, Lillsalen" and seg.meeting["author"] == "Johan Berglund"
    assert _titles(seg) == ["Val av justerare", "Budgetuppföljning oktober",
                            "Remiss om ny översiktsplan för Norra hamnen", "Övriga frågor"]
    assert {a["name"]: a["paragraphs"] for a in seg.attendees}["Mikael Öst"] == "§§ 101-103"


def test_stamma_and_board_minutes_with_paragraph_items():
    seg = _seg(STAMMA)
    assert seg.meeting["body"] == "Bostadsrättsföreningen Lärkan" and seg.meeting["author"] == "Lisa Ek"
    assert seg.meeting["place"] == "Föreningslokalen, Lärkgatan 4"
    assert _titles(seg)[0] == "Stämmans öppnande" and len(seg.sections) == 6   # a formal protocol: the § is the paragraph
    assert seg.sections[0]["paragraph"] == "§ 1"
    # no attendance list ('23 röstberättigade medlemmar'): the officials the items elect
    assert {a["name"]: a["role"] for a in seg.attendees} == {"Nils Berg": "ordförande", "Lisa Ek": "sekreterare"}
    seg = _seg(BOARD)
    assert seg.meeting["body"] == "Föreningen Gröna Gården" and seg.meeting["author"] == "Cia Lind"
    roles = {a["name"]: (a["role"], a["present"]) for a in seg.attendees}
    assert roles == {"Anna Ek": ("ordförande", True), "Bo Berg": (None, True), "Cia Lind": ("sekreterare", True),
                     "Dan Roos": ("kassör", True), "Eva Holm": (None, False)}
    assert _titles(seg) == ["§1 Mötets öppnande", "§2 Ekonomi", "§3 Vårens aktiviteter", "§4 Mötets avslutande"]


def test_working_group_notes_with_lists_tables_orgs_and_handles():
    seg = _seg(WORKING_GROUP, {"source_path": "2022/arbetsgruppen-2022-03-14.txt"})
    assert (seg.meeting["date"], seg.meeting["date_source"]) == (dt.date(2022, 3, 14), "path")
    assert _titles(seg) == ["Deltagare:", "Frånvarande:", "Kallade:", "Bakgrund", "Nästa möte"]
    assert seg.meeting["author"] == "Lotta"
    seg = _seg(TABLE_NOTES)
    assert [(a["name"], a["organisation"], a["present"]) for a in seg.attendees][-1] == ("Ali Reza", "Skatteverket",
                                                                                          False)
    assert _titles(seg) == ["Genomgång av förslaget", "Övrigt"] and seg.meeting["author"] == "Per Vik"
    seg = _seg(ORGS_AND_HANDLES)
    assert [(a["name"], a["organisation"]) for a in seg.attendees][:2] == [(None, "RSMH"), (None, "Attention Helsingborg")]
    assert seg.meeting["body"] is None


def test_dense_text_numbered_items_and_a_date_without_year():
    assert _titles(_seg(DENSE)) == ["Närvarande", "Bakgrund och syfte", "Lokalfrågan", "Synpunkter och frågor"]
    assert [s["paragraph"] for s in _seg(REVISION_STYLE).sections] == ["1", "2", "3"]
    m = _seg(NO_YEAR).meeting
    assert (m["date"], m["date_text"], m["date_source"]) == (None, "14 mars", None)


def test_heading_blocks_of_a_structured_reader():
    b = TextBuilder()
    b.heading("Referensgruppen för öppna data", 1)
    b.paragraph("Minnesanteckningar 2022-06-09", bold=True)
    b.heading("Genomgång av förslaget", 2)
    b.paragraph("Katalogdelen bör tonas ner")
    b.heading("Jag tror vi är överens om:", 3)
    b.list_item("1. Ok med utgivare")
    b.heading("Beslut:", 3)
    b.paragraph("Att godkänna förslaget.")
    text, blocks = b.build()
    seg = segment_document("d", text, None, block_rows("d", blocks))
    assert seg.meeting["body"] == "Referensgruppen för öppna data" and seg.meeting["date"] == dt.date(2022, 6, 9)
    assert _titles(seg) == ["Genomgång av förslaget", "Jag tror vi är överens om:"]
    assert all(b["section_id"] for b in seg.blocks if b["start_char"] >= seg.sections[0]["start_char"])


def test_the_stage_reads_the_documents_row_and_sets_the_blocks():
    text = NO_YEAR
    rec = MinutesRecord(document={"doc_id": "d", "text": text, "meta_date": "2019-05-05", "source_path": "x.txt"},
                        blocks=block_rows("d", plain_text_blocks(text)))
    segment_stage(rec, SegmentParams())
    assert rec.meeting["date"] == dt.date(2019, 3, 14) and rec.meeting["date_source"] == "metadata"
    assert [a["name"] for a in rec.attendees] == ["Karin Lund"]
    assert {b["section_id"] for b in rec.blocks} == {"d-1-s001", "d-1-s002", None}
    assert "document.source_path" in STAGE.requires


def test_sections_cover_the_text_in_order_and_empty_text():
    seg = _seg(WORKING_GROUP)
    for s, nxt in zip(seg.sections, seg.sections[1:]):
        assert s["end_char"] == nxt["start_char"] and WORKING_GROUP[s["start_char"]:].startswith(s["title"])
    assert "/Lotta" not in WORKING_GROUP[seg.sections[-1]["start_char"]:seg.sections[-1]["end_char"]]
    seg = segment_document("e", "")
    assert seg.meeting["body"] is None and seg.sections == [] and seg.attendees == []


def test_an_agenda_listed_before_the_items_is_not_sections():
    text = ("Styrelsen i Föreningen Linden 2022-03-01\n\nDagordning\n1. Mötets öppnande\n2. Ekonomi\n3. Övrigt\n\n"
            "1. Mötets öppnande\nAnna öppnade.\n\n2. Ekonomi\nGod.\n\n3. Övrigt\nInget.\n")
    seg = _seg(text)
    assert _titles(seg) == ["Dagordning", "1. Mötets öppnande", "2. Ekonomi", "3. Övrigt"]
    assert seg.sections[1]["start_char"] > text.index("Anna") - 30


def test_an_agenda_list_is_not_sections_when_the_items_come_again_unnumbered():
    text = ("Arbetsgruppen Öst 2022-04-05\n\nDagordning\n1. Lokalfrågan\n2. Budget\n3. Övrigt\n\nLokalfrågan\n\n"
            "Vi såg på lokalen.\n\nBudget\n\nDen räcker.\n\nÖvrigt\n\nInget.\n")
    assert _titles(_seg(text)) == ["Dagordning", "Lokalfrågan", "Budget", "Övrigt"]


def test_markdown_notes_with_a_name_list_and_a_closing_secretary():
    text = ("# Styrelsemöte Brf Eken 2021-09-08\n\n## Närvarande:\nAnders Holm, Birgitta Sand och Cecilia Ström\n\n"
            "## Ekonomi\nKassören redovisade läget.\n\n## Fasaden\nOfferter ska tas in.\n\nSekreterare: Birgitta Sand\n")
    seg = _seg(text)
    assert [a["name"] for a in seg.attendees] == ["Anders Holm", "Birgitta Sand", "Cecilia Ström"]
    assert _titles(seg) == ["Närvarande:", "Ekonomi", "Fasaden"] and seg.meeting["author"] == "Birgitta Sand"
    assert (seg.meeting["body"], seg.meeting["date"]) == ("Brf Eken", dt.date(2021, 9, 8))


def test_the_classic_form_with_signatures_on_the_front_page_and_the_organs_letters_before_the_sign():
    from tests.stages.segment.samples import CLASSIC
    seg = _seg(CLASSIC)
    m = seg.meeting
    assert (m["body"], m["date"], m["place"], m["author"]) == ("KOMMUNSTYRELSEN", dt.date(2019, 4, 2),
                                                               "Kommunhuset, Sammanträdesrum Älven", "Eva Dahl")
    assert [(s["paragraph"], s["title"], s["dnr"]) for s in seg.sections] == [
        ("§ 34", "Årsredovisning 2018", "KS 2019/101"), ("§ 35", "Detaljplan för Norra Ängen", "KS 2019/87"),
        ("§ 36", "Meddelanden", None)]
    roles = {a["name"]: (a["role"], a["present"]) for a in seg.attendees}
    assert roles["Anna Berg"] == ("ledamot", False) and roles["Lars Holm"] == ("tjänstgörande ersättare", True)
    assert roles["Karin Sund"] == ("justerare", True) and roles["Ulf Lindqvist"][0] == "ordförande"
    subs = {b["subsection"] for b in seg.blocks if b["section_id"] == seg.sections[0]["section_id"]}
    assert "Beslut" in subs   # 'Kommunstyrelsens beslut'


def test_an_attendance_heading_over_a_table_is_a_section_in_informal_notes():
    text = "Styrelsen för IK Linden 2024-02-20\n\nNärvarande\n\nNamn | Post\nAnna Ek | Ordförande\nBo Holm | Kassör\n\n" \
           "Ekonomi\n\nKassan är god.\n"
    seg = _seg(text)
    assert _titles(seg) == ["Närvarande", "Ekonomi"] and len(seg.attendees) == 2
