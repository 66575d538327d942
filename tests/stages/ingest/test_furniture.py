from __future__ import annotations

from pipeline.stages.ingest.furniture import is_signature_line, page_furniture, split_pages

HEAD = "SOLBY KOMMUN   SAMMANTRÄDESPROTOKOLL   {n} (3)"


def _pages() -> list[list[str]]:
    first = ["SOLBY KOMMUN   SAMMANTRÄDESPROTOKOLL", "Socialnämnden", "Datum", "2024-05-14",
             "Plats och tid   Rådhuset, klockan 18.00", "Justerandes signatur   Utdragsbestyrkande"]
    pages = [first]
    for n, body in ((2, ["§ 12   Dnr SN-2024-00012", "Budget 2025", "Beslut", "Nämnden godkänner budgeten."]),
                    (3, ["§ 13   Dnr SN-2024-00013", "Övrigt", "Det här dokumentet är digitalt signerat",
                         "Transaktionsidentitet: 7A4E12302F791794A4EBAB3E0414119CEFCC4AF81F"])):
        pages.append([HEAD.format(n=n), "Socialnämnden", "Datum", "2024-05-14", *body,
                      "Justerandes signatur   Utdragsbestyrkande"])
    pages.append(["Undertecknat av följande personer", "ANNA EK", "Datum: 2024-05-15 10:01:02",
                  "Underskriftstjänst: Visma"])
    return pages


def test_running_headers_signatures_and_certificate_but_not_the_first_title_block():
    marks = page_furniture(_pages())
    assert marks[0] == {5: "signature_line"}                 # page 1's title block is content
    assert marks[1] == {0: "running_header", 1: "running_header", 2: "running_header", 3: "running_header",
                        8: "signature_line"}
    assert {i for i, k in marks[2].items() if k == "signature_line"} == {6, 7, 8}
    assert set(marks[3].values()) == {"certificate_page"} and len(marks[3]) == 4


def test_item_lines_repeating_at_the_top_are_not_headers():
    pages = [[f"§ {n}   Dnr SN-2024-000{n}", "Rubrik", f"text {n}"] for n in range(1, 6)]
    assert page_furniture(pages) == [{} for _ in pages]


def test_page_numbers_and_signature_lines():
    pages = [["Protokoll", "text", "1"], ["mer text", "- 2 -"], ["slut", "Sida 3 av 3"]]
    assert [set(m.values()) for m in page_furniture(pages)] == [{"page_number"}] * 3
    assert is_signature_line("Justerandes sign.      Utdragsbestyrkande")
    assert not is_signature_line("Justerandes signatur samlas in digitalt")


def test_split_pages_from_numbered_headers():
    lines = ["SOLBY KOMMUN", "text", HEAD.format(n=2), "a", HEAD.format(n=3), "b"]
    assert split_pages(lines) == [0, 2, 4]
    assert split_pages(["ingen", "sidhuvud", "4 (5) ensam"]) == [0]
