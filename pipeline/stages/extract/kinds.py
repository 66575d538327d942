"""The one vocabulary of ``decisions.kind`` (:data:`DECISION_KINDS`: each kind with its definition
and Swedish examples, which docs/codebook.md prints), and the kind of a decision statement.

Reports, opinions, wishes, possibilities ('Vi kan …') and statements of what was already done
are no decisions at all. The cue file (cues.yaml) names a kind per cue; a decision written
'X beslutar att <verb> …' takes the kind of that verb ('beslutar att bordlägga' is postponed).
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from pipeline.stages.extract.cues import Cues, flat


@dataclass(frozen=True)
class DecisionKind:
    name: str
    definition: str
    cues: str                  # how minutes typically write it
    examples: tuple[str, ...]  # Swedish decision statements of this kind (tests check the extractor agrees)


DECISION_KINDS: tuple[DecisionKind, ...] = (
    DecisionKind("approved", "The meeting approves something put to it: a report, an application, the accounts, "
                 "a proposal; granting discharge from liability (ansvarsfrihet) too.",
                 "godkänns, fastställs, bifalls, beviljas, tillstyrks, 'ställer sig bakom'",
                 ("Nämnden godkänner delårsrapporten för januari–augusti 2024.",
                  "Styrelsen beviljas ansvarsfrihet för verksamhetsåret 2023.",
                  "Förvaltningens förslag bifalls.")),
    DecisionKind("elected", "Someone is elected or appointed to an office or a task.",
                 "valdes, väljs, utser, utses, omval, nyval",
                 ("Till justerare valdes Karin Holm.", "Omval av Anna Lind som ordförande för 2025.",
                  "Nämnden utser Per Ek till ledamot i brukarrådet.")),
    DecisionKind("noted", "Information is received and recorded, without a decision on its content.",
                 "'noterar informationen (till protokollet)', 'läggs till handlingarna', 'tar del av'",
                 ("Nämnden noterar informationen till protokollet.", "Rapporten läggs till handlingarna.")),
    DecisionKind("postponed", "The matter waits: it is tabled to a later meeting or sent back for more preparation.",
                 "bordläggs, skjuts (upp), återremitteras, 'tas upp igen vid nästa möte'",
                 ("Ärendet bordläggs till nästa sammanträde.",
                  "Nämnden beslutar att återremittera ärendet till förvaltningen för komplettering.")),
    DecisionKind("rejected", "A proposal, motion, application or appeal is turned down.",
                 "avslås, 'avslår motionen', 'bifaller inte'",
                 ("Nämnden avslår ansökan om föreningsbidrag.", "Motionen avslås.")),
    DecisionKind("assigned", "Someone (the administration, a member, a working group) is given a task; the task is "
                 "also an action item.", "'ger X i uppdrag att', 'uppdrar åt X att', 'får i uppdrag'",
                 ("Nämnden ger förvaltningen i uppdrag att ta fram en handlingsplan mot hemlöshet.",
                  "Styrelsen uppdrar åt kassören att betala in medlemsavgiften.")),
    DecisionKind("adopted", "A document, plan, policy, budget or statement is adopted as the body's own.",
                 "antar, antas, 'avger yttrande'",
                 ("Nämnden antar Riktlinjer för brukarinflytande 2024–2026.",
                  "Nämnden avger yttrande enligt förvaltningens förslag.")),
    DecisionKind("scheduled", "The date, time or place of a coming meeting is fixed.",
                 "'nästa möte hålls', 'nästa sammanträde äger rum'",
                 ("Nästa möte hålls den 14 maj kl. 13.00 i Stadshuset.",)),
    DecisionKind("formed", "A group, committee or network is set up.", "'bildar en arbetsgrupp', 'inrättar'",
                 ("Vi bildar en arbetsgrupp för den nya hemsidan.",)),
    DecisionKind("decided", "Any other decision or agreement, that fits none of the kinds above.",
                 "'beslutar att', 'beslutades att', 'vi är överens om', 'kom överens om'",
                 ("Nämnden beslutar att införa digitala möten från den 1 september.",
                  "Vi är överens om att protokollen publiceras på webben.")),
)
KINDS = tuple(k.name for k in DECISION_KINDS)
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
