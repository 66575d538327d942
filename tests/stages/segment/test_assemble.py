from pipeline.stages.segment.assemble import build_meeting, decision_body
from pipeline.stages.segment.items import find_items
from pipeline.stages.segment.lines import split_lines
from pipeline.stages.segment.meta import read_meta

PROTOCOL_WITHOUT_BODY_LINE = """ÖSTERVIKS KOMMUN SAMMANTRÄDESPROTOKOLL
2023-10-12
§ 87 Dnr SN-2023-00101
Information
Beslut
Socialnämnden för vuxna noterar informationen till protokollet.
§ 88 Dnr SN-2023-00120
Delårsrapport
Beslut
Socialnämnden för vuxna godkänner delårsrapporten.
Ordföranden konstaterar att ingen begärt ordet.
"""


def test_the_body_a_protocol_decides_in_when_no_line_names_it():
    lines = split_lines(PROTOCOL_WITHOUT_BODY_LINE)
    items = find_items(lines, set())
    assert decision_body(lines, items) == "Socialnämnden för vuxna"
    meta = read_meta(lines)
    assert meta.body is None
    row = build_meeting("m-1", "d", meta, None, items, lines, None)
    assert row["body"] == "Socialnämnden för vuxna" and row["date_source"] == "text"


def test_the_metadata_title_names_the_body_when_the_text_does_not():
    lines = split_lines("Den 10 oktober genomfördes ett möte med alla husråd.\n\nText.\n")
    meta = read_meta(lines)
    row = build_meeting("m-1", "d", meta, None, find_items(lines, set()), lines, None,
                        {"meta_title": "Husrådet i Brf Eken"})
    assert row["body"] == "Husrådet i Brf Eken"
    assert row["date"] is None and row["date_source"] is None and row["date_text"] == "Den 10 oktober"


def test_metadata_dates_and_authors_when_the_text_has_none():
    lines = split_lines("Styrelsen\n\nText.\n")
    meta = read_meta(lines)
    row = build_meeting("m-1", "d", meta, None, find_items(lines, set()), lines, None,
                        {"meta_date": "2021-04-07T10:00:00", "meta_author": "Eva Holm", "meta_title": "Styrelsemöte"})
    assert (row["date"].isoformat(), row["date_source"], row["author"]) == ("2021-04-07", "metadata", "Eva Holm")
    assert row["title"] == "Styrelsen" and row["body"] == "Styrelsen"


def test_a_generic_decision_subject_gives_way_to_a_named_one():
    text = ("§ 1 Dnr A-1\nBudget\nBeslut\nNämnden godkänner budgeten.\n§ 2 Dnr A-2\nTaxor\nBeslut\n"
            "Nämnden godkänner taxorna.\n§ 3 Dnr A-3\nPlan\nBeslut\nOmsorgsnämnden antar planen.\n")
    lines = split_lines(text)
    assert decision_body(lines, find_items(lines, set())) == "Omsorgsnämnden"


def test_the_metadata_title_dates_a_text_without_a_date():
    lines = split_lines("Plats: Sektionsrummet\n\nNärvarande\nAnna Ek\n")
    meta = read_meta(lines)
    row = build_meeting("m-1", "d", meta, None, find_items(lines, set()), lines, None,
                        {"meta_title": "Protokoll, styrelsemöte Kemisektionen 3 maj 2024", "meta_author": "sekreteraren"})
    assert (row["body"], row["date"].isoformat(), row["date_source"]) == ("Kemisektionen", "2024-05-03", "metadata")
    assert row["author"] is None   # 'sekreteraren' is no name
