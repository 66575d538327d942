"""pipeline/lang/words.py: the fast whole-word patterns match where the plain ones do."""
from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from pipeline.lang.words import bounded, whole_words

TEXT = st.text(alphabet="AnaBergbANNAs -\n’'ÅåÄ.", max_size=60)
PHRASE = st.sampled_from(["Anna", "Berg", "Anna Berg", "Å", "anna-berg", "s"])


def _plain(phrase: str, tail: str = "") -> str:
    return r"(?<![\w-])" + re.escape(phrase) + tail + r"(?![\w-])"


@settings(max_examples=400, deadline=None)
@given(TEXT, PHRASE, st.sampled_from([0, re.IGNORECASE]))
def test_same_matches_as_the_look_behind_first_pattern(text, phrase, flags):
    plain = [m.span() for m in re.finditer(_plain(phrase), text, flags)]
    assert [m.span() for m in whole_words(phrase, flags).finditer(text)] == plain


@settings(max_examples=200, deadline=None)
@given(TEXT)
def test_a_tail_after_the_first_word(text):
    tail = r"\s+Berg(?:s|'s|’s)?"
    plain = [m.span() for m in re.finditer(_plain("Anna", tail), text)]
    assert [m.span() for m in re.finditer(bounded("Anna", tail), text)] == plain


def test_names_inside_words_and_compounds_are_not_matched():
    text = "Annas förslag. Hanna och Anna-Lena kom; Anna kom sist, med Anna\nBerg."
    assert [m.start() for m in whole_words("Anna").finditer(text)] == [text.index("Anna kom"), text.index("Anna\n")]
    assert whole_words("Anna").match("Anna bor här") is not None  # at the start of the text
