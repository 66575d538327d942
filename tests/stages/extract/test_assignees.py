"""pipeline/stages/extract/assignees.py: assignees as written -> attendees' full names, only when unambiguous."""
from __future__ import annotations

import pytest

from pipeline.stages.extract.assignees import resolve, resolve_one

from .helpers import attendees_of

PEOPLE = attendees_of("Anna Svensson", "David Persson", "Bo Pettersson", "Ia Jonsson", "Hans Berg",
                      "Maria Lund", "Kristina Olsson", "Per Norbeck", "Jenny Kvist",
                      roles={"Jenny Kvist": "sekreterare", "Maria Lund": "ordförande"})


@pytest.mark.parametrize("mention, full", [
    ("Anna Svensson", "Anna Svensson"),
    ("anna svensson", "Anna Svensson"),           # case
    ("Anna Svenssons", "Anna Svensson"),          # genitive
    ("David", "David Persson"),                   # first name, one David
    ("Davids", "David Persson"),                  # genitive of a first name
    ("Bosse", "Bo Pettersson"),                   # nickname (cues.yaml)
    ("Hasse", "Hans Berg"),                       # nickname (the NER stage's list)
    ("Mia", "Maria Lund"),
    ("Kicki", "Kristina Olsson"),
    ("Pettersson", "Bo Pettersson"),              # surname alone
    ("Kristna Olsson", "Kristina Olsson"),        # OCR / spelling variant (rapidfuzz)
    ("Kristna", "Kristina Olsson"),
    ("sekreteraren", "Jenny Kvist"),              # a role in the attendee list
    ("ordföranden", "Maria Lund"),
    ("la", "la"),                                 # too short to guess ('Ia' OCR'd as 'la')
    ("Socialförvaltningen", "Socialförvaltningen"),   # an organisation stays as written
    ("kassören", "kassören"),                     # no attendee has that role
    ("Lisa", "Lisa"),                             # not at the meeting
])
def test_resolve_one(mention, full):
    assert resolve_one(mention, PEOPLE) == full


def test_ambiguous_first_names_stay_as_written():
    people = attendees_of("Anna Svensson", "Anna Berg", "Ann Lind")
    assert resolve_one("Anna", people) == "Anna"
    assert resolve_one("Ann", people) == "Ann Lind"          # 'Ann' is not 'Anna'
    assert resolve_one("Anna Berg", people) == "Anna Berg"


def test_a_nickname_that_fits_two_attendees_stays_as_written():
    people = attendees_of("Kristina Olsson", "Christina Ek")
    assert resolve_one("Kicki", people) == "Kicki"


def test_fuzzy_threshold_is_a_parameter():
    assert resolve_one("Kristna", PEOPLE, threshold=99) == "Kristna"


def test_no_attendees_keeps_the_mentions():
    assert resolve(["David", "Bosse"], []) == ["David", "Bosse"]


def test_resolve_keeps_order_and_drops_duplicates():
    assert resolve(["Bosse", "Bo Pettersson", "David"], PEOPLE) == ["Bo Pettersson", "David Persson"]
