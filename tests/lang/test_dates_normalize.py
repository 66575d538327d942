import datetime as dt

from pipeline.lang.dates_normalize import Parts, combine, iso, iso_week, nearest_year, resolve_year


def test_nearest_year_looks_both_ways_from_the_meeting():
    assert nearest_year(1, 22, dt.date(2018, 12, 5)) == 2019
    assert nearest_year(11, 28, dt.date(2018, 12, 5)) == 2018
    assert nearest_year(2, 29, dt.date(2023, 6, 1)) == 2024  # only leap years have it


def test_resolve_year_never_invents_one():
    assert resolve_year(Parts(None, 3, 1), None) == Parts(None, 3, 1)
    assert resolve_year(Parts(None, 3, 1), 2020) == Parts(2020, 3, 1)
    assert resolve_year(Parts(2019, 3, 1), dt.date(2024, 1, 1)) == Parts(2019, 3, 1)


def test_iso_forms_and_impossible_dates():
    assert iso(Parts(2024, 3, 21)) == "2024-03-21"
    assert iso(Parts(2024, 3, None)) == "2024-03"
    assert iso(Parts(2024, None, None)) == "2024"
    assert iso(Parts(2023, 2, 30)) is None
    assert iso(Parts(None, 2, 3)) is None


def test_combine_date_and_time():
    assert combine("2021-11-03", "09:00-11:30") == "2021-11-03T09:00/11:30"
    assert combine("2021-11-03", "09:00") == "2021-11-03T09:00"
    assert combine("2021-11", "09:00") == "2021-11"
    assert combine(None, "09:00") is None


def test_iso_week():
    assert iso_week((12, None, 2024), None) == "2024-W12"
    assert iso_week((52, None, None), dt.date(2025, 1, 8)) == "2024-W52"
    assert iso_week((3, 5, None), 2025) == "2025-W03/2025-W05"
    assert iso_week((53, None, 2023), None) is None  # 2023 has 52 ISO weeks
    assert iso_week((12, None, None), None) is None
