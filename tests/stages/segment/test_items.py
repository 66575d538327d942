from pipeline.stages.segment.items import find_items, is_item
from pipeline.stages.segment.lines import split_lines
from tests.stages.segment.samples import FORMAL_COLLAPSED, FORMAL_GAPS, REVISION_STYLE


def _items(text):
    return find_items(split_lines(text), set())


def test_one_item_per_paragraph_with_title_and_dnr_and_no_table_of_contents():
    for text in (FORMAL_GAPS, FORMAL_COLLAPSED):
        items = _items(text)
        assert [(i.paragraph, i.title, i.dnr) for i in items.items] == [
            ("§ 87", "Information från Pensionärsrådet", "SN-2023-00101"),
            ("§ 88", "Delårsrapport januari–augusti 2023", "SN-2023-00120"),
            ("§ 89", "Ansökan om särskilt förordnad vårdnadshavare enligt 6 kap 8 § föräldrabalken", None),
            ("§ 90", "Val av ersättare till nämndens utskott", "SN-2023-00133")]
        assert items.toc and all(n < items.items[0].line.no for n in items.toc)


def test_sub_headings_are_marked_not_items():
    lines = split_lines(FORMAL_GAPS)
    items = find_items(lines, set())
    names = {lines[n].text: name for n, name in items.subheadings.items()}
    assert names == {"Beslut": "Beslut", "Sammanfattning av ärendet": "Sammanfattning av ärendet",
                     "Beslutsgång": "Beslutsgång", "Beslutsunderlag": "Beslutsunderlag",
                     "Beslutet skickas till": "Beslutet skickas till"}


def test_same_line_titles_keep_their_number_and_quoted_paragraphs_fall_out():
    text = ("§ 1 Mötets öppnande\nText.\n\n§ 2 Val av justerare\nText.\n\n§ 3 Ekonomi\nEnligt lagen (2001:453)\n"
            "§ 6 SoL har beslut fattats.\n\n§ 4 Avslutning\n")
    assert [i.title for i in _items(text).items] == ["§ 1 Mötets öppnande", "§ 2 Val av justerare", "§ 3 Ekonomi",
                                                     "§ 4 Avslutning"]
    text = ("§ 5 Dnr KS 2021/3\nBudget\nBeslut\nText.\n§ 9 Taxor för färdtjänst\n§ 6 Dnr KS 2021/4\nTaxor\nBeslut\n"
            "Text.\n§ 7 Dnr KS 2021/9\nÖvrigt\nBeslut\nText.\n")
    assert [i.paragraph for i in _items(text).items] == ["§ 5", "§ 6", "§ 7"]


def test_wrapped_titles_ocr_signs_and_what_is_no_item():
    text = "& 22 Dnr V0-2024-00167\nRemiss om ny översiktsplan för\nNorra hamnen\n\nBeslut\nText.\n"
    (item,) = _items(text).items
    assert (item.paragraph, item.title) == ("§ 22", "Remiss om ny översiktsplan för Norra hamnen")
    lines = split_lines("Tjänstepersoner\n§ 105   Lars Sund (M) tjänstgör för\n§ 106\nPlats och tid för justering\n")
    assert not is_item(lines, 1) and not is_item(lines, 2)


def test_items_numbered_above_their_titles():
    items = _items(REVISION_STYLE)
    assert [(i.paragraph, i.title) for i in items.items] == [("1", "Mötets öppnande"), ("2", "Granskning av bokslut"),
                                                             ("3", "Övriga frågor")]
    assert _items("1\nInledning\nText.\n2\nAvslutning\nText.\n").items == []   # no sub-headings: page numbers?


def test_a_dnr_on_the_line_under_the_item():
    text = "§ 12 Budget 2024\nDnr KS 2023/45\nBeslut\nText.\n§ 13 Taxor\nDiarienummer: KS 2023/50\n\nText.\n"
    assert [(i.title, i.dnr) for i in _items(text).items] == [("§ 12 Budget 2024", "KS 2023/45"),
                                                              ("§ 13 Taxor", "KS 2023/50")]


def test_a_dnr_in_parentheses_and_a_title_with_a_verb():
    text = "§ 45 Budget 2024 (Dnr KS 2023/12)\nBeslut\nText.\n§ 46 Information om hur vi går vidare\nText.\n"
    assert [(i.title, i.dnr) for i in _items(text).items] == [("§ 45 Budget 2024", "KS 2023/12"),
                                                              ("§ 46 Information om hur vi går vidare", None)]


def test_items_whose_number_went_with_the_page_header_and_a_table_of_contents_over_two_pages():
    text = ("Innehåll\nMötets öppnande   3\nBudget   3\n\f\nTaxor   4\nÖvrigt   4\nAvslutning   4\n\f\n"
            "Mötets öppnande\nSammanfattning\nOrdföranden öppnar.\n2\nBudget\nBeslut\nRevisionen noterar.\n3\nTaxor\n"
            "Beslut\nRevisionen noterar.\n4\nÖvrigt\nSammanfattning\nInget.\n\f\nAvslutning\nOrdföranden tackar alla.\n")
    items = _items(text)
    assert [(i.paragraph, i.title) for i in items.items] == [("1", "Mötets öppnande"), ("2", "Budget"), ("3", "Taxor"),
                                                             ("4", "Övrigt"), ("5", "Avslutning")]
    assert max(items.toc) < items.items[0].line.no
