"""Swedish personal identifiers: every written form is found, ordinary numbers of minutes are not."""
from __future__ import annotations

import pytest

from pipeline.lang.identifiers import KINDS, find_identifiers, luhn_ok, mask


def _found(text: str) -> list[tuple[str, str]]:
    return [(i.kind, i.text) for i in find_identifiers(text, KINDS)]


@pytest.mark.parametrize("number", ["19811218-9876", "811218-9876", "811218+9876", "8112189876", "198112189876",
                                    "19811218-1234", "811218 9876"])
def test_personnummer_with_and_without_century_and_separator(number):
    assert _found(f"Sökande med personnummer {number} beviljas.") == [("personnummer", number)]


def test_samordningsnummer_has_60_added_to_the_day():
    assert _found("Samordningsnummer 701063-2391.") == [("samordningsnummer", "701063-2391")]


def test_a_number_without_separator_needs_its_check_digit():
    assert luhn_ok("8112189876") and not luhn_ok("8112189875")
    assert _found("Ärende 8112189875 avslutas.") == []


@pytest.mark.parametrize("phone", ["070-123 45 67", "08-123 456 78", "+46 70 765 43 21", "0701234567",
                                   "031-12 34 56", "0480-123 45", "+46 (0)8 123 456 78", "0046 8 123 45 67",
                                   "073-3123456"])
def test_phone_numbers(phone):
    assert _found(f"Ring {phone} vid frågor.") == [("telefonnummer", phone)]


def test_email_addresses_handles_and_street_addresses():
    text = ("Skicka till anna.svensson@example.se eller info(at)kommun.se, @kalle_s svarar. "
            "Mötet hölls på Storgatan 12 B, 252 21 Helsingborg och Drottning Kristinas väg 5.")
    assert _found(text) == [("e-post", "anna.svensson@example.se"), ("e-post", "info(at)kommun.se"),
                            ("användarnamn", "@kalle_s"), ("adress", "Storgatan 12 B, 252 21 Helsingborg"),
                            ("adress", "Drottning Kristinas väg 5")]


@pytest.mark.parametrize("text", [
    "Mötet 2024-03-21 kl. 13.00–15.00 i rum 3.", "Dnr KS 2019/0123 och § 12.", "Org.nr 556123-4567.",
    "Budget 1 200 000 kr och 12 345 678 kr.", "Verksamhetsplan 2024 och Handlingsplan 2.", "Sida 3 av 12.",
    "Kungsgatan är avstängd till 2025.", "Protokollet justeras 2024-04-02.", "År 2019-2020 ökade kostnaden 0,5 %.",
    "Sammanträdet 19.00-21.30."])
def test_ordinary_numbers_of_minutes_are_no_identifiers(text):
    assert _found(text) == []


def test_mask_replaces_with_typed_placeholders():
    text, found = mask("Ring 070-123 45 67 eller mejla eva@example.se; pnr 19811218-9876.",
                       ("personnummer", "telefonnummer", "e-post"))
    assert text == "Ring [telefonnummer] eller mejla [e-post]; pnr [personnummer]."
    assert [i.kind for i in found] == ["telefonnummer", "e-post", "personnummer"]
    assert mask(None) == (None, [])


def test_relocate_puts_rows_back_on_their_text_after_an_edit():
    from pipeline.lang.identifiers import relocate

    text = "Ring [telefonnummer] eller [telefonnummer]; mejla [e-post]."
    rows = [{"start_char": 0, "end_char": 0, "text": "[telefonnummer]"},  # collapsed by a repair around it
            {"start_char": 27, "end_char": 42, "text": "[telefonnummer]"},
            {"start_char": 50, "end_char": 58, "text": "[e-post]"},
            {"start_char": 3, "end_char": 9, "text": "[borta]"}]  # its text is gone
    out = relocate(rows, text)
    assert [(r["start_char"], text[r["start_char"]:r["end_char"]]) for r in out] == [
        (5, "[telefonnummer]"), (27, "[telefonnummer]"), (50, "[e-post]")]
