"""pipeline/stages/extract/kinds.py: the one vocabulary of decisions.kind."""
from __future__ import annotations

import pytest

from pipeline.lang.fold import fold_cue_text as fold
from pipeline.stages.extract.kinds import DECISION_KINDS, KINDS, kind_of, kind_of_att_clause, normalise, refine


def test_the_vocabulary():
    assert KINDS == ("approved", "elected", "noted", "postponed", "rejected", "assigned", "adopted", "scheduled",
                     "formed", "decided")
    assert normalise("group_formed") == "formed" and normalise("agreed") == "decided"
    assert normalise("other") == "noted" and normalise(None) == "decided" and normalise("nonsense") == "decided"


def test_the_verb_after_att_gives_the_kind(cues):
    f = fold("Nämnden beslutar att välja Anna till ordförande")
    assert refine("decided", f, f.index("beslutar") + len("beslutar"), cues) == "elected"
    assert refine("postponed", f, 0, cues) == "postponed"   # only 'decided' is refined
    f = fold("Revisionen beslutar anta budgeten")   # no 'att': the verb right after the cue
    assert refine("decided", f, f.index("beslutar") + len("beslutar"), cues) == "adopted"
    assert kind_of_att_clause("att bordlägga frågan om ny logga", cues) == "postponed"
    assert kind_of_att_clause("att fastställa resultat- och balansräkningen", cues) == "approved"
    assert kind_of_att_clause("Att bilda en referensgrupp för frågan", cues) == "formed"
    assert kind_of_att_clause("att lägga informationen till handlingarna", cues) == "noted"
    assert kind_of_att_clause("att avslå motionen", cues) == "rejected"
    assert kind_of_att_clause("att uppdra åt förvaltningen att utreda frågan", cues) == "assigned"
    assert kind_of_att_clause("att höja medlemsavgiften till 100 kr", cues) == "decided"


def test_kind_of_a_statement_under_beslut(cues):
    assert kind_of("Nämnden godkänner delårsrapporten.", cues) == "approved"
    assert kind_of("Nämnden noterar informationen till protokollet.", cues) == "noted"
    assert kind_of("Nämnden antar den reviderade delegeringsordningen.", cues) == "adopted"
    assert kind_of("Nämnden avslår initiativet.", cues) == "rejected"
    assert kind_of("Detta beslut ersätter nämndens beslut 2023-11-16, § 138.", cues) == "decided"
    assert kind_of("att utse Eva Berg (S) till ersättare", cues) == "elected"


@pytest.mark.parametrize("kind", DECISION_KINDS, ids=lambda k: k.name)
def test_each_kind_is_defined_and_its_examples_are_read_as_that_kind(kind):
    """The codebook's examples (docs/codebook.md) are what the extractor calls that kind, under an item."""
    from tests.stages.extract.helpers import run

    assert len(kind.definition) > 20 and kind.cues and kind.examples
    for example in kind.examples:
        decisions, _ = run(f"Protokoll Socialnämnden 2024-03-21\n\n§ 5 Ärendet\n\n{example}\n")
        assert [(d["kind"], d["text"]) for d in decisions] == [(kind.name, example)]
