"""pipeline/stages/extract/passive.py: tasks written in the passive."""
from __future__ import annotations

import re

import pytest

from pipeline.stages.extract import actions as act
from pipeline.stages.extract.passive import passive_task


def task(sentence, cues, in_list=True, org=()):
    spans = [(m.start(), m.end(), o, "ORG") for o in org for m in re.finditer(re.escape(o), sentence)]
    return passive_task(sentence, 0, len(sentence), cues, act.Names(spans), in_list)


@pytest.mark.parametrize("sentence, cue", [
    ("Studentguiden skall uppdateras", "skall uppdateras"),
    ("Mangeln är trasig. Kommer att ersättas.", "Kommer att ersättas"),
    ("Det får göras senare i vår.", "får göras"),
])
def test_passive_tasks_in_a_list(sentence, cue, cues):
    hit = task(sentence, cues)
    assert hit is not None and hit[0] == cue and hit[1] == []


def test_the_doer_written_after_av(cues):
    hit = task("Häcken kommer att åtgärdas av SMS innan våren.", cues, org=["SMS"])
    assert hit is not None and hit[1] == ["SMS"]


def test_running_text_only_after_a_problem_raised(cues):
    assert task("Allt material kommer att publiceras på Github.", cues, in_list=False) is None
    assert task("Skyltningen saknades och detta kommer att ses över.", cues, in_list=False) is not None
    assert task("Frågan lyftes och kommer att övervägas.", cues, in_list=False) is not None


@pytest.mark.parametrize("sentence", [
    "Sopor skall tömmas varje vecka.",        # a standing rule
    "Det kommer att finnas fika.",           # 'finnas' is no passive
    "Vi ska träffas igen i maj.",            # nor is 'träffas'
    "Det är hål som skall täppas igen.",     # in a subordinate clause
    "Man kan tycka att det borde ses över.",  # a possibility
])
def test_not_passive_tasks(sentence, cues):
    assert task(sentence, cues) is None
