"""pipeline/lang/protocol.py: the sub-heading vocabulary of formal protocols."""
from __future__ import annotations

import pytest

from pipeline.lang.protocol import (
    CONTINUATION,
    FURNITURE,
    NOT_DECISIONS,
    TOC_ENTRY,
    TOC_HEADING,
    front_label,
    item_line,
    subheading,
)


@pytest.mark.parametrize("line, name", [
    ("Beslut", "Beslut"),
    ("Nämndens beslut", "Beslut"),
    ("Överenskommelse", "Beslut"),                     # the auditors' notes
    ("## Beslutsgång", "Beslutsgång"),
    ("Förslag till beslut på sammanträdet", "Förslag till beslut"),
    ("Omröstningsresultat avser ajournering", "Omröstning"),
    ("Reservation (S)", "Reservation"),
    ("Särskilt yttrande", "Protokollsanteckning"),
    ("Sammanfattning av ärendet", "Sammanfattning av ärendet"),
    ("Beslutet skickas till", "Beslutet skickas till"),
    # a proposal of this body to another is the decision of the item
    ("Kommunstyrelsens förslag till kommunfullmäktige", "Beslut"),
    ("Nämnden för Individ & Familjeomsorgs förslag till kommunfullmäkyige", "Beslut"),   # as typed
])
def test_sub_headings(line, name):
    assert subheading(line) == name


@pytest.mark.parametrize("line", ["Beslutande", "Beslut: Ja", "Nämnden beslutar att godkänna planen.", "§ 12"])
def test_not_sub_headings(line):
    assert subheading(line) is None


def test_what_is_never_a_decision():
    assert {"Förslag till beslut", "Beslutsgång", "Yrkanden", "Propositionsordning", "Beslutsunderlag"} <= NOT_DECISIONS
    assert "Beslut" not in NOT_DECISIONS


def test_item_lines_with_dnr_title_and_ocr_signs():
    assert item_line("§ 44   Dnr IF-2023-00055") == ("§ 44", "", "IF-2023-00055")
    assert item_line("§ 12 Val av justerare") == ("§ 12", "Val av justerare", None)
    assert item_line("§3 Ekonomi") == ("§ 3", "Ekonomi", None)
    assert item_line("12 § Val av justerare") == ("§ 12", "Val av justerare", None)
    assert item_line("$ 22 Dnr V0-2024-00167") == ("§ 22", "", "V0-2024-00167")
    assert item_line("5 22 Dnr KS 2022/12")[0] == "§ 22"
    assert item_line("§ 102  Dnr KS 2022/431") == ("§ 102", "", "KS 2022/431")
    assert item_line("Nämnden beslutar enligt § 4") is None
    assert item_line("5 personer deltog") is None


def test_sub_headings_have_one_canonical_name():
    assert subheading("Beslut") == "Beslut"
    assert subheading("Överenskommelse") == "Beslut"
    assert subheading("Förslag till beslut på sammanträdet") == "Förslag till beslut"
    assert subheading("Beslutsgång [avser ajournering]") == "Beslutsgång"
    assert subheading("**Beslutet skickas till**") == "Beslutet skickas till"
    assert subheading("Beslut om budget") is None


def test_table_of_contents_furniture_and_continuations():
    assert TOC_HEADING.match("Innehåll") and TOC_HEADING.match("Innehållsförteckning")
    assert TOC_ENTRY.search("Delårsrapport per augusti 2024 ............. 3")
    assert TOC_ENTRY.search("Val av ersättare till utskottet ... 12")
    assert not TOC_ENTRY.search("Nämnden godkänner rapporten 2024")
    assert FURNITURE.match("Justerandes signatur") and FURNITURE.match("Utdragsbestyrkande")
    assert FURNITURE.match("Transaktionsidentitet: 4AF10B0C9E11") and FURNITURE.match("3 (14)")
    assert CONTINUATION.match("forts. § 12") and not CONTINUATION.match("§ 12 Budget")


def test_front_page_labels():
    assert front_label("Plats och tid") == "place_time"
    assert front_label("Utses att justera:") == "adjusters"
    assert front_label("Justeringens plats och tid") == "adjust_place"
    assert front_label("Organ") == "body"
    assert front_label("Val av justerare") is None


def test_the_organs_letters_before_the_paragraph_sign():
    assert item_line("KS § 34              Dnr KS 2019/101") == ("§ 34", "", "KS 2019/101")
    assert item_line("BUN §12 Budget") == ("§ 12", "Budget", None)


def test_ocr_digits_for_the_sign_on_an_item_line_of_its_own():
    assert item_line("8 24") == ("§ 24", "", None)
    assert item_line("8 24 personer") is None


def test_an_organs_own_decision_and_proposal():
    assert subheading("Arbetsutskottets beslut") == "Beslut"
    assert subheading("Arbetsutskottets förslag till kommunstyrelsen") == "Beslut"  # what the organ decided
    assert subheading("Styrelsens förslag till beslut:") == "Förslag till beslut"
    assert subheading("Kommunens beslut om bidrag") is None
