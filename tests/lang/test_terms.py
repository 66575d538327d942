"""pipeline/lang/terms.py: a vocabulary's values carry a definition and Swedish examples."""
from __future__ import annotations

import pytest

from pipeline.lang.terms import Term, vocabulary


def test_a_vocabulary_keeps_its_terms_in_order():
    terms = vocabulary(Term("ledamot", "A member.", ("Karin Berg (C), ledamot",)),
                       Term("ersättare", "A substitute.", ("Ersättare: Sofia Ahmed (V)",)))
    assert [t.name for t in terms] == ["ledamot", "ersättare"]


@pytest.mark.parametrize("terms", [
    (Term("ledamot", "A member.", ("Karin Berg",)), Term("ledamot", "Again.", ("Ola Ek",))),   # twice
    (Term("ledamot", " ", ("Karin Berg",)),),                                                  # no definition
    (Term("ledamot", "A member.", ()),),                                                       # no example
])
def test_a_value_twice_or_without_its_meaning_is_an_error(terms):
    with pytest.raises(ValueError, match="ledamot"):
        vocabulary(*terms)
