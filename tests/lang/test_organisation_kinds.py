"""pipeline/lang/organisation_kinds.py: one vocabulary of organisation kinds, as the issue lists them."""
from pipeline.lang.organisation_kinds import KIND_NAMES, ORGANISATION_KINDS


def test_the_kinds_are_those_the_codebook_promises_and_unique():
    assert KIND_NAMES == ("municipality", "municipal_administration", "committee", "region", "state_agency",
                          "political_party", "union", "user_organisation", "association", "company", "other")
    assert len(set(KIND_NAMES)) == len(KIND_NAMES)


def test_every_kind_has_a_definition_and_swedish_examples():
    for kind in ORGANISATION_KINDS:
        assert len(kind.definition) > 20 and kind.examples, kind.name
