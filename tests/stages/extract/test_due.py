"""pipeline/stages/extract/due.py: deadlines as written, and as ISO dates with the meeting's year."""
from __future__ import annotations

import datetime as dt

import pytest

from pipeline.stages.extract.due import date_at_start, find_due, year_of
from tests.factories import row

MEETING = row("meetings", meeting_id="m1", doc_id="d1", date=dt.date(2022, 3, 10))


@pytest.mark.parametrize("sentence, due_text, due_date", [
    ("Lars återkommer med besked senast 1 mars.", "senast 1 mars", dt.date(2022, 3, 1)),
    ("Anna sammanställer svaren senast den 15 april 2023.", "senast den 15 april 2023", dt.date(2023, 4, 15)),
    ("Uppdrogs åt Maria att sammanställa en uppföljning till den 15 juni.", "den 15 juni", dt.date(2022, 6, 15)),
    ("Skicka in synpunkter innan 2022-04-01.", "innan 2022-04-01", dt.date(2022, 4, 1)),
    ("Anna tar fram ett underlag till nästa möte.", "till nästa möte", None),
    ("Hans arbete mejlas ut för påsyn innan mötet.", "innan mötet", None),
    ("Sofia återkommer före sommaren.", "före sommaren", None),
    # a relative deadline whose date the meeting's date gives (10 March 2022 was a Thursday)
    ("Anna skickar ut protokollet senast fredag.", "senast fredag", dt.date(2022, 3, 11)),
    ("Per bokar bussen till torsdag.", "till torsdag", dt.date(2022, 3, 17)),
    ("Kassören betalar fakturorna innan årsskiftet.", "innan årsskiftet", dt.date(2022, 12, 31)),
    ("Styrelsen svarar till månadsskiftet.", "till månadsskiftet", dt.date(2022, 3, 31)),
    ("Lisa ringer hyresvärden i morgon.", "i morgon", dt.date(2022, 3, 11)),
    # a relative deadline and the date written after it
    ("Vi tar fram ett exempel till nästa möte den 9 december.", "till nästa möte den 9 december",
     dt.date(2022, 12, 9)),
    ("Ulla ser över avtalet i vår.", "i vår", None),
    ("Digg för en dialog med SEMIC under våren.", "under våren", None),
    ("Matthias löser det inom de närmaste dagarna.", "inom de närmaste dagarna", None),
    ("Förvaltningen redovisar arbetet till nästa årsredovisning.", "till nästa årsredovisning", None),
    ("Förvaltningen återkommer med svar i september.", "september", None),
    ("Olle tar fram budget till nästa årsmöte.", "till nästa årsmöte", None),
])
def test_deadlines(sentence, due_text, due_date, cues):
    assert find_due(sentence, cues, MEETING) == (due_text, due_date)


@pytest.mark.parametrize("sentence", [
    # a date without a due marker is the date of an event, not a deadline
    "Inbjudan kommer angående julfika klockan 13:00 måndag 18 december på Bredgatan.",
    "David ska fråga Dinah om hon vill hålla i inledningen.",
    # what the thing is for, not when it is due
    "Oskar skickar ut inbjudan till nästa möte.",
    "Kallelse inför årsmötet kommer.",
    "Anna skickar ut kallelsen inför 1 maj.",
])
def test_no_deadline(sentence, cues):
    assert find_due(sentence, cues, MEETING) == (None, None)


@pytest.mark.parametrize("sentence, due_text", [
    ("Kommundirektören återkommer senast i juni 2024.", "senast i juni 2024"),
    ("Socialchefen återkommer vid sammanträdet i juni.", "vid sammanträdet i juni"),
    ("Pekka skickar ut inventeringen till kommunerna vecka 9.", "vecka 9"),
    ("Mikael tar med förslaget till nämnden den 20 november.", "den 20 november"),
])
def test_the_time_of_a_task(sentence, due_text, cues):
    assert find_due(sentence, cues, MEETING, unmarked=True)[0] == due_text


def test_an_unmarked_date_of_what_a_thing_is_for_is_no_deadline(cues):
    assert find_due("Anna skickar kallelsen till mötet om 12 maj.", cues, MEETING, unmarked=True) == (None, None)
    assert find_due("Lars ordnar fika sedan 2 mars.", cues, MEETING, unmarked=True) == (None, None)
    assert find_due("Pekka skickar ut inventeringen vecka 9.", cues, MEETING) == (None, None)   # only for tasks


def test_the_year_comes_from_the_meeting_date_and_a_deadline_lies_ahead(cues):
    december = {"date": dt.date(2022, 12, 12)}
    assert find_due("Anna återkommer senast 15 januari.", cues, december) == ("senast 15 januari", dt.date(2023, 1, 15))
    # at a meeting on 10 March 2022, 15 January is next January; 1 March (days before) stays in 2022
    assert find_due("Anna återkommer senast 15 januari.", cues, MEETING)[1] == dt.date(2023, 1, 15)
    assert find_due("Anna återkommer senast 1 mars.", cues, MEETING)[1] == dt.date(2022, 3, 1)
    assert find_due("Anna återkommer senast 15 januari 2022.", cues, MEETING)[1] == dt.date(2022, 1, 15)


def test_without_a_meeting_year_no_date_is_invented(cues):
    assert find_due("Lars återkommer senast 1 mars.", cues, {"date": None}) == ("senast 1 mars", None)
    assert find_due("Lars återkommer senast 1 mars.", cues, None) == ("senast 1 mars", None)
    assert year_of({"date": "2022-03-10"}) is None      # only a real date gives the year


def test_date_at_start():
    assert date_at_start("14 december, klockan 13.30-15.30, via Teams.", {"date": dt.date(2017, 11, 2)}) == (
        "14 december, klockan 13.30-15.30", dt.date(2017, 12, 14))
    assert date_at_start("Via Teams den 14 december.", MEETING) is None
