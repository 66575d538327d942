import datetime as dt

import pytest

from pipeline.lang.dates import find_dates, parse_date


def _found(text, year=None):
    return [(m.text, m.label, m.normalized) for m in find_dates(text, year)]


@pytest.mark.parametrize("text, year, expected", [
    ("Vi träffas 11 oktober på biblioteket.", None, [("11 oktober", "DATE", None)]),
    ("Vi träffas 11 oktober på biblioteket.", 2019, [("11 oktober", "DATE", "2019-10-11")]),
    ("Mässan pågår 2-3 juni i Malmö.", 2018, [("2-3 juni", "DATE", "2018-06-02/2018-06-03")]),
    ("Protokoll fört vid styrelsemöte 2021-10-13", None, [("2021-10-13", "DATE", "2021-10-13")]),
    ("Beslut fattat den 2022-06-13 av nämnden", None, [("den 2022-06-13", "DATE", "2022-06-13")]),
    ("Nästa träff blir den 7/12 hos Karin.", 2022, [("den 7/12", "DATE", "2022-12-07")]),
    ("Årsmöte 15 mars 2023 i Folkets hus", None, [("15 mars 2023", "DATE", "2023-03-15")]),
    ("Hon har arbetat där sedan 2014.", None, [("2014", "DATE", "2014")]),
    ("Workshop i mitten på april.", 2020, [("mitten på april", "DATE", "2020-04")]),
    ("Föreläsning eftermiddagen 4 februari.", None, [("eftermiddagen 4 februari", "DATE", None)]),
    ("Styrgruppen ses 21 nov i Växjö.", 2023, [("21 nov", "DATE", "2023-11-21")]),
    ("Kallelse skickas 3/2 2024 till alla.", None, [("3/2 2024", "DATE", "2024-02-03")]),
    ("Nästa möte 12/3 i lokalen.", 2025, [("12/3", "DATE", "2025-03-12")]),
    ("Fakturan daterad 25-03-14 är betald.", None, [("25-03-14", "DATE", "2025-03-14")]),
    ("Inkom 25.03.14 via mejl.", None, [("25.03.14", "DATE", "2025-03-14")]),
    ("Nytt avtal från 1.12 och stämma senast 30.6.", 2020,
     [("1.12", "DATE", "2020-12-01"), ("30.6", "DATE", "2020-06-30")]),
    ("Rapporten kommer i oktober 2025.", None, [("oktober 2025", "DATE", "2025-10")]),
    ("Antal anmälningar Januari 2024: fyra.", None, [("Januari 2024", "DATE", "2024-01")]),
    ("Klart i slutet februari.", 2025, [("slutet februari", "DATE", "2025-02")]),
])
def test_dates_as_written_and_normalised(text, year, expected):
    assert _found(text, year) == expected


@pytest.mark.parametrize("text, expected", [
    ("Under perioden 7 september - 1 november 2024 inkom tre skrivelser.",
     ("7 september - 1 november 2024", "2024-09-07/2024-11-01")),
    ("Redovisning för 2024-02-01 – 2024-02-29 godkänns.", ("2024-02-01 – 2024-02-29", "2024-02-01/2024-02-29")),
    ("Uppdraget gäller 21 augusti 2025 till och med 31 december 2026.",
     ("21 augusti 2025 till och med 31 december 2026", "2025-08-21/2026-12-31")),
    ("Kurs 3–5 juni 2024 i Lund.", ("3–5 juni 2024", "2024-06-03/2024-06-05")),
    ("Sammanträden: Den 14 och 28 februari 2024.", ("Den 14 och 28 februari 2024", "2024-02-14,2024-02-28")),
    ("Möten den 21 respektive 22 feb 2023.", ("den 21 respektive 22 feb 2023", "2023-02-21,2023-02-22")),
    ("Planering januari–mars 2024.", ("januari–mars 2024", "2024-01/2024-03")),
])
def test_ranges_and_lists_are_one_expression(text, expected):
    assert _found(text) == [(expected[0], "DATE", expected[1])]


@pytest.mark.parametrize("text, expected", [
    ("Vi börjar kl. 18.30 som vanligt.", ("18.30", "18:30")),
    ("Öppet hus kl 19.00 i aulan.", ("19.00", "19:00")),
    ("Vi ses klockan 9 i morgon.", ("klockan 9", "09:00")),
    ("Plats och tid Rådhuset Klockan 15:30 – 17:50", ("15:30 – 17:50", "15:30-17:50")),
    ("Workshop 13.30-15.30 i matsalen.", ("13.30-15.30", "13:30-15:30")),
    ("Mötet öppnas 18:00.", ("18:00", "18:00")),
    ("Träning varje tisdag 18.00 på planen.", ("tisdag 18.00", "18:00")),
    ("Drop-in kl 9-12 varje dag.", ("kl 9-12", "09:00-12:00")),
])
def test_clock_times(text, expected):
    assert _found(text) == [(expected[0], "TIME", expected[1])]


@pytest.mark.parametrize("text, expected", [
    ("Leverans vecka 12.", ("vecka 12", "2024-W12")),
    ("Utskick v.39 till alla.", ("v.39", "2024-W39")),
    ("Semester v 28-31.", ("v 28-31", "2024-W28/2024-W31")),
])
def test_week_numbers(text, expected):
    assert _found(text, dt.date(2024, 6, 1)) == [(expected[0], "DATE", expected[1])]


def test_week_number_takes_the_nearest_year():
    assert _found("Start vecka 2.", dt.date(2023, 12, 14)) == [("vecka 2", "DATE", "2024-W02")]
    assert _found("Start vecka 2.") == [("vecka 2", "DATE", None)]


def test_date_and_clock_time_are_one_expression():
    found = _found("Nästa möte\n3 november, klockan 9.00-11.30, i stora salen.", dt.date(2021, 10, 1))
    assert found == [("3 november, klockan 9.00-11.30", "DATE", "2021-11-03T09:00/11:30")]


def test_time_before_weekday_and_date():
    found = _found("Fika klockan 14:00 fredag 20 december i matsalen.", dt.date(2019, 12, 2))
    assert found == [("klockan 14:00 fredag 20 december", "DATE", "2019-12-20T14:00")]
    assert _found("Tid och datum: 18:00 2019-08-29") == [("18:00 2019-08-29", "DATE", "2019-08-29T18:00")]


def test_a_time_after_a_form_date_without_comma_stays_apart():
    found = _found("Plats och tid Stadshuset\n18 mars Klockan 09:00-17:30", dt.date(2024, 3, 18))
    assert found == [("18 mars", "DATE", "2024-03-18"), ("09:00-17:30", "TIME", "09:00-17:30")]


def test_missing_year_takes_the_nearest_year_to_the_meeting():
    # a December meeting planning January: next year, not the past January
    assert _found("- 22 januari (stadshuset)", dt.date(2018, 12, 5)) == [("22 januari", "DATE", "2019-01-22")]
    assert _found("Vi sågs 28 november.", dt.date(2018, 12, 5))[0][2] == "2018-11-28"


def test_numbers_that_are_not_dates():
    assert _found("Lokalen är 70 kvadratmeter och vi var 12 personer, 25 procent fler.") == []
    assert _found("Version 2.0 av materialet och 3 av 4 punkter. Punkt 3.2 Mål.") == []
    assert _found("Enligt lag (2017:735) och SFS 2001:453, se § 12 och SOU 2023:62.") == []
    assert _found("Dnr IF-2024-00034 och KS 2023/210; beslut 2024/12.") == []
    assert _found("Kostnad 12.50 kr per styck, ramen 1.50-2.00 mkr, 1/2 dag ledigt, öppet 24/7.") == []


def test_a_month_name_alone_is_no_date():
    assert _found("Maj-Britt Rane-Andersson (S) och Juni Berg kom.") == []
    assert _found("Vi ses i maj.", 2024) == [("maj", "DATE", "2024-05")]


def test_year_kind_lets_callers_drop_bare_years():
    kinds = [(m.text, m.kind) for m in find_dates("Sedan 2016 har vi träffats, senast 3 maj 2023 och kl 10.00.")]
    assert kinds == [("2016", "year"), ("3 maj 2023", "date"), ("10.00", "time")]


def test_date_kl_time_is_one_expression_and_property_numbers_are_not_times():
    assert _found("Nästa möte 14 februari kl. 15.00 i Stadshuset.", 2024) == [
        ("14 februari kl. 15.00", "DATE", "2024-02-14T15:00")]
    assert _found("Fastigheten Åkern 3:14 säljs; mötet öppnas 18:00.") == [("18:00", "TIME", "18:00")]


def test_parse_date_needs_day_month_and_year():
    assert parse_date("Styrelsemöte 9 maj 2016") == dt.date(2016, 5, 9)
    assert parse_date("Styrelsemöte 9 maj") is None
    assert parse_date("Styrelsemöte 9 maj", 2016) == dt.date(2016, 5, 9)
    assert parse_date("inget datum här") is None
    assert parse_date("vecka 12", 2016) is None


def test_a_time_on_the_next_line_of_a_form_joins_its_date():
    text = "Plats och tid           Folkets hus, måndagen den 19 juni 2023\n                        kl. 18.30–21.55"
    assert _found(text) == [("måndagen den 19 juni 2023\n                        kl. 18.30–21.55", "DATE",
                             "2023-06-19T18:30/21:55")]


def test_parse_date_of_a_month_range_is_none_not_an_error():
    from pipeline.lang.dates import parse_date
    assert parse_date("under januari–mars 2024") is None
    assert str(parse_date("senast 3 mars 2024")) == "2024-03-03"


def test_holidays_on_a_fixed_day_are_dates():
    got = [(d.text, d.normalized) for d in find_dates("De som jobbar julafton är lediga nyårsafton.", 2024)]
    assert got == [("julafton", "2024-12-24"), ("nyårsafton", "2024-12-31")]


def test_a_month_after_for_or_after_another_month_is_a_date_but_not_a_name():
    got = [d.text for d in find_dates("Utfallet för januari och februari visar ett överskott.", 2024)]
    assert got == ["januari", "februari"]
    assert [d.text for d in find_dates("Tack till Anna och Maj-Britt.", 2024)] == []
    assert [d.text for d in find_dates("Intervjuerna gjordes under februari och mars 2024.")] == ["februari", "mars 2024"]
