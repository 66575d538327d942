"""The one vocabulary of ``decisions.kind``, and the kind of a decision statement.

    approved   the meeting approves something put to it: godkänns, fastställs, bifalls, beviljas
               (ansvarsfrihet), tillstyrks, 'ställer sig bakom'
    elected    someone is elected or appointed: valdes, väljs, utser, omval, nyval
    noted      information is received: 'noterar informationen (till protokollet)', 'läggs till
               handlingarna'
    postponed  the matter waits: bordläggs, skjuts (upp), återremitteras, 'tas upp igen vid nästa möte'
    rejected   a proposal or motion is turned down: avslås, 'avslår motionen'
    assigned   someone is given a task ('uppdrar åt förvaltningen att …', 'ger X i uppdrag'); the task
               is also an action item
    adopted    a document, plan or policy is adopted: antar, antas, 'avger yttrande'
    scheduled  the next meeting's date is fixed ('Nästa möte hålls 3 maj')
    formed     a group is formed ('Vi bildar en arbetsgrupp')
    decided    any other decision ('Nämnden beslutar att …', 'Vi är överens om …')

Reports, opinions, wishes, possibilities ('Vi kan …') and statements of what was already done
are no decisions at all. The cue file (cues.yaml) names a kind per cue; a decision written
'X beslutar att <verb> …' takes the kind of that verb ('beslutar att bordlägga' is postponed).
"""
from __future__ import annotations

import re

from pipeline.stages.extract.cues import Cues, flat

KINDS = ("approved", "elected", "noted", "postponed", "rejected", "assigned", "adopted", "scheduled", "formed",
         "decided")
# names earlier versions of the cue file used
LEGACY = {"group_formed": "formed", "agreed": "decided", "other": "noted"}

ATT_RE = re.compile(r"\batt\s+")


def normalise(kind: str | None) -> str:
    """A kind of the vocabulary (an unknown or old name becomes its current name, else 'decided')."""
    kind = LEGACY.get(kind or "", kind or "decided")
    return kind if kind in KINDS else "decided"


def kind_of_att_clause(item: str, cues: Cues) -> str:
    """The kind of an 'att …' clause (or a decision written 'X beslutar att <verb> …'): the verb after 'att'."""
    f = flat(item)
    m = re.match(r"\s*att\s+", f)
    pos = m.end() if m else 0
    for k, rx in cues.decision_kind_verbs:
        if rx.match(f, pos):
            return normalise(k)
    return "decided"


def refine(kind: str, f: str, pos: int, cues: Cues) -> str:
    """'Nämnden beslutar att bordlägga ärendet' is postponed, not just decided: the verb after the
    'att' that follows the cue (at ``pos`` of the folded sentence ``f``) names a more specific kind."""
    if kind != "decided":
        return kind
    m = ATT_RE.search(f, pos)
    if m is not None and m.start() - pos <= 40:
        start = m.end()
    else:  # 'Kommunrevisionen beslutar anta budgetäskande': the verb right after the cue
        start = pos + len(f[pos:]) - len(f[pos:].lstrip())
    for k, rx in cues.decision_kind_verbs:
        if rx.match(f, start):
            return normalise(k)
    return kind


def kind_of(item: str, cues: Cues) -> str:
    """The kind of a statement that is a decision by its place (under 'Beslut'): from the verb after
    'att' ('att bordlägga …'), else from a cue in it ('Styrelsen godkänner budgeten'), else decided."""
    from pipeline.stages.extract import decisions as dec

    kind = kind_of_att_clause(item, cues)
    if kind == "decided":
        hit = dec.classify(item, cues, strict=False)
        if hit is not None:
            kind = hit.kind
    if kind == "decided":  # 'Nämnden föreslår kommunfullmäktige att avslå motionen'
        f = flat(item)
        for m in ATT_RE.finditer(f):
            k = next((k for k, rx in cues.decision_kind_verbs if rx.match(f, m.end())), None)
            if k is not None:
                return normalise(k)
    return normalise(kind)
