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
    ("Nästa träff blir den 7/12 hos Karin.", 2022, [("den 7/12", "DATE", "2022-12-07")]),
    ("Årsmöte 15 mars 2023 i Folkets hus", None, [("15 mars 2023", "DATE", "2023-03-15")]),
    ("Hon har arbetat där sedan 2014.", None, [("2014", "DATE", "2014")]),
    ("Workshop i mitten på april.", 2020, [("mitten på april", "DATE", "2020-04")]),
    ("Föreläsning eftermiddagen 4 februari.", None, [("eftermiddagen 4 februari", "DATE", None)]),
])
def test_dates_as_written_and_normalised(text, year, expected):
    assert _found(text, year) == expected


def test_date_and_clock_time_are_one_expression():
    found = _found("Nästa möte\n3 november, klockan 9.00-11.30, i stora salen.", dt.date(2021, 10, 1))
    assert found == [("3 november, klockan 9.00-11.30", "DATE", "2021-11-03T09:00/11:30")]


def test_time_before_weekday_and_date():
    found = _found("Fika klockan 14:00 fredag 20 december i matsalen.", dt.date(2019, 12, 2))
    assert found == [("klockan 14:00 fredag 20 december", "DATE", "2019-12-20T14:00")]


def test_time_alone_is_time():
    assert _found("Vi börjar kl. 18.30 som vanligt.") == [("kl. 18.30", "TIME", "18:30")]


def test_missing_year_takes_the_nearest_year_to_the_meeting():
    # a December meeting planning January: next year, not the past January
    assert _found("- 22 januari (stadshuset)", dt.date(2018, 12, 5)) == [("22 januari", "DATE", "2019-01-22")]
    assert _found("Vi sågs 28 november.", dt.date(2018, 12, 5))[0][2] == "2018-11-28"


def test_numbers_that_are_not_dates():
    assert _found("Lokalen är 70 kvadratmeter och vi var 12 personer, 25 procent fler.") == []
    assert _found("Version 2.0 av materialet och 3 av 4 punkter.") == []


def test_parse_date_needs_day_month_and_year():
    assert parse_date("Styrelsemöte 9 maj 2016") == dt.date(2016, 5, 9)
    assert parse_date("Styrelsemöte 9 maj") is None
    assert parse_date("Styrelsemöte 9 maj", 2016) == dt.date(2016, 5, 9)
    assert parse_date("inget datum här") is None
