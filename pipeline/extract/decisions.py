"""Decide whether a sentence records a decision, and of which kind."""
from __future__ import annotations

import re
from dataclasses import dataclass

from pipeline.extract.cues import Cues
from pipeline.extract.sentences import fold

QUESTION_RE = re.compile(r"\?\s*[\"'”)]*\s*$")
DATE_START_RE = re.compile(
    r"^\s*(?:(?:mån|tis|ons|tors|fre|lör|sön)dag(?:en)?\s+(?:den\s+)?)?(?:den\s+)?"
    r"(?:\d{1,2}(?:\s*[-–]\s*\d{1,2})?\s+[a-zåäö]{3,}|\d{4}-\d{2}-\d{2}|\d{1,2}/\d{1,2})",
    re.IGNORECASE)


@dataclass
class DecisionHit:
    kind: str
    cue: str  # the cue phrase as written in the text


def is_question(s: str) -> bool:
    return bool(QUESTION_RE.search(s))


def classify(sentence: str, cues: Cues) -> DecisionHit | None:
    """The decision kind of one sentence (as written), or None.

    A cue counts unless the sentence is a question or a blocker ('kan', 'håller på att',
    'Om vi …') comes before it.
    """
    if is_question(sentence):
        return None
    f = fold(sentence)
    best = None
    for kind, rx in cues.decisions:
        m = rx.search(f)
        if m and (best is None or m.start() < best[1].start()):
            best = (kind, m)
    if best is None:
        return None
    kind, m = best
    before = f[: m.start()]
    for b in cues.decision_blockers:
        if b.search(before):
            return None
    return DecisionHit(kind, sentence[m.start():m.end()].strip())


def label_decision(label: str, cues: Cues) -> DecisionHit | None:
    """A bullet under 'Beslut:' (or an 'att …' line under 'X beslutar') is a decision."""
    if cues.is_label(label, "decision"):
        return DecisionHit("decided", label.strip().rstrip(":"))
    return None


def next_meeting_line(sentence: str) -> DecisionHit | None:
    """In a 'Nästa möte' section, a line that begins with a date fixes the next meeting."""
    m = DATE_START_RE.match(sentence)
    if m and not is_question(sentence):
        return DecisionHit("scheduled", sentence[m.start():m.end()].strip())
    return None
