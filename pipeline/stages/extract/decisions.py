"""Decide whether a sentence records a decision, and of which kind (``kinds`` has the vocabulary)."""
from __future__ import annotations

import re
from dataclasses import dataclass

from pipeline.stages.extract.cues import Cues, flat
from pipeline.stages.extract.kinds import normalise, refine

QUESTION_RE = re.compile(r"\?\s*[\"'”)]*\s*$")


@dataclass
class DecisionHit:
    kind: str
    cue: str  # the cue phrase as written in the text
    family: str = ""  # the cue group (cues.yaml) that found it: its rule family

    def __post_init__(self):
        self.family = self.family or self.kind


def is_question(s: str) -> bool:
    return bool(QUESTION_RE.search(s))


# a clause starts after these: the cue verb of 'Gruppen diskuterade frågan och beslutade att …'
# belongs to a clause of its own, so a report verb before 'och' does not block it
CLAUSE_BREAK_RE = re.compile(r"(?:[,;:]\s+|\s[–—-]\s|\s(?:och|men|samt|så|vilket|varpå|varefter)\s)")
# the reach of a proposal or the chair's procedure: up to ', vilket …', ', och', ', men', ';'
WIDE_BREAK_RE = re.compile(r"(?:;\s+|,\s+(?:vilket|varpå|varefter|och|men|så)\s)")


def _clause_before(f: str, pos: int) -> str:
    """The folded text from the start of the clause that contains ``pos`` up to ``pos``."""
    start = 0
    for m in CLAUSE_BREAK_RE.finditer(f, 0, pos):
        start = m.end()
    return f[start:pos]


def blocked(f: str, pos: int, cues: Cues) -> bool:
    """Is the cue at ``pos`` (folded sentence ``f``) a proposal, a possibility, a question or a report?"""
    before = _clause_before(f, pos)
    start = 0
    for m in WIDE_BREAK_RE.finditer(f, 0, pos):
        start = m.end()
    return any(b.search(before) for b in cues.decision_blockers) or \
        any(b.search(f, 0, pos) for b in cues.decision_sentence_blockers) or \
        any(b.search(f, start, pos) for b in cues.decision_proposal_blockers)


def classify(sentence: str, cues: Cues, strict: bool = True) -> DecisionHit | None:
    """The decision kind of one sentence (as written), or None.

    The earliest cue that is not blocked counts. A cue is blocked by a blocker ('kan',
    'håller på att', 'Om vi …', 'föreslår', 'berättade att') in its own clause; the whole
    sentence is no decision when it is a question or reports an earlier decision ('Förra året
    beslutade …', 'Nämnden beslutade den 12 oktober …'). ``strict=False`` reads only the kind of a
    statement that is a decision by its place (under 'Beslut'): nothing blocks a cue there.
    """
    if strict and is_question(sentence):
        return None
    f = flat(sentence)
    if strict and any(p.search(f) for p in cues.decision_past_markers):
        return None
    found = []
    for kind, rx, family in cues.decision_groups:
        for m in rx.finditer(f):
            found.append((m.start(), -(m.end() - m.start()), kind, m, family))
    for _, _, kind, m, family in sorted(found, key=lambda x: (x[0], x[1])):
        if strict and blocked(f, m.start(), cues):
            continue
        return DecisionHit(refine(normalise(kind), f, m.end(), cues), sentence[m.start():m.end()].strip(), family)
    return None
