"""pipeline/contract/concepts.py: the units of the dataset, and the extractor reads their examples as defined."""
from __future__ import annotations

import re

import pytest

from pipeline.contract.concepts import CONCEPTS
from pipeline.contract.schema import ALL_TABLES
from tests.stages.extract.helpers import run

BY_NAME = {c.name: c for c in CONCEPTS}


def _minutes(sentence: str) -> str:
    return f"Minnesanteckningar Brukarrådet 2024-03-21\n\n1. Lokaler\n\n{sentence}\n"


def _bare(example: str) -> str:
    """The example without the comment in parentheses at its end ('… (distribution)')."""
    return re.sub(r"\s\([^)]*\)$", "", example)


def test_each_unit_is_a_table_with_a_definition_and_examples():
    for c in CONCEPTS:
        assert c.table in ALL_TABLES, c.table
        assert len(c.definition) > 80 and c.counts and c.not_counted, c.name


@pytest.mark.parametrize("sentence", BY_NAME["decision"].counts)
def test_what_counts_as_a_decision_is_one(sentence):
    decisions, _ = run(_minutes(sentence))
    assert [d["text"] for d in decisions] == [sentence]


@pytest.mark.parametrize("sentence", [_bare(e) for e in BY_NAME["decision"].not_counted])
def test_what_is_no_decision_is_none(sentence):
    decisions, _ = run(_minutes(sentence))
    assert decisions == []


@pytest.mark.parametrize("sentence", BY_NAME["action item"].counts)
def test_what_counts_as_an_action_item_is_one(sentence):
    _, actions = run(_minutes(sentence))
    assert [a["text"] for a in actions] == [sentence]


@pytest.mark.parametrize("sentence", [_bare(e) for e in BY_NAME["action item"].not_counted])
def test_what_is_no_action_item_is_none(sentence):
    _, actions = run(_minutes(sentence))
    assert actions == []
