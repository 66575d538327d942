"""Tasks written in the passive: 'Skyltningen kommer att ses över', 'Mangeln … Kommer att ersättas',
'Det får göras senare i vår', '- Studentguiden skall uppdateras'.

A passive infinitive (ending in -s) after 'kommer (att)', 'ska' or 'får' in a list item is something
that will be done after the meeting. In running text the same form mostly describes a plan, a
rule or a standing arrangement ('Allt material kommer att publiceras på Github', 'Fönstren skall
gå lätt att öppna'); on the development set it was wrong there twice as often as right, so it is
read in list items only (the notes of e-mail and board meetings), and in running text only where
it follows a problem raised: 'Frågan lyftes och kommer att övervägas', 'Skyltningen saknades och detta
kommer att ses över'. The doer is named only
where the sentence says by whom ('kommer att åtgärdas av SMS'); otherwise nobody is named.
Deponent verbs that are no passives ('finnas', 'hoppas', 'träffas') do not count, nor does what
is done again and again ('varje vecka', 'årligen').
"""
from __future__ import annotations

import re

from pipeline.stages.extract.cues import Cues, flat

PASSIVE_RE = re.compile(r"\b(?P<modal>kommer|ska|skall|far)\s+(?:(?:att|nog|ocksa|aven|sedan|dock|snart|da|nu)\s+)*"
                        r"(?P<verb>[a-z]+(?:as|es|ts|ds|ns|ks|ls|rs|gs|ps|vs))\b(?P<particle>\s+(?:over|fram|upp|ut|in))?")
DEPONENT_RE = re.compile(r"^(finnas|hoppas|lyckas|synas|markas|kannas|traffas|motas|samlas|ses|andas|brottas|"
                         r"minnas|fattas|vistas|skamtas|trivas|kravs|behovas|galls|stads)$")
AGENT_RE = re.compile(r"\s+av\s+(?P<who>[A-ZÅÄÖ][\wåäöé&-]*(?:\s+[A-ZÅÄÖa-zåäö][\wåäöé&-]*){0,3})")
RECUR_RE = re.compile(r"\b(varje|vart (annat|\w+e) (ar|vecka|manad)|var \d|varannan|vartannat|arligen|manatligen|"
                      r"alltid|normalt|vanligtvis|regelbundet)\b")
# in running text: a problem raised 'och (detta) kommer att ses över' – what will be done about it
AFTER_OCH_RE = re.compile(r"\boch\s+(?:\w+\s+){0,2}$")


def passive_task(text: str, start: int, end: int, cues: Cues, names, in_list: bool):
    """(cue, assignees, cue offset) of a passive task in text[start:end], or None."""
    sent = text[start:end]
    f = flat(sent)
    for m in PASSIVE_RE.finditer(f):
        if DEPONENT_RE.match(m.group("verb")) and not m.group("particle"):
            continue  # 'vi ses', 'det kommer att finnas' (but 'ses över', 'tas fram')
        if not in_list and not (m.group("modal") == "kommer" and AFTER_OCH_RE.search(f[: m.start()])):
            continue
        before = f[: m.start()]
        if any(b.search(before) for b in cues.action_blockers) or RECUR_RE.search(f):
            return None
        if re.search(r"\b(som|att|om|nar|innan)\s+(\w+\s+){0,3}$", before):
            continue  # in a subordinate clause: 'det är hål som skall täppas igen'
        return sent[m.start():m.end()], agent(text, start, m.end(), names), m.start()
    return None


def agent(text: str, start: int, at: int, names) -> list[str]:
    """The doer a passive names after its verb ('kommer att åtgärdas av SMS'): [name], else []."""
    a = AGENT_RE.match(text[start:], at)
    if not a:
        return []
    found = [n for n in names.within(start + a.start("who"), start + a.end("who") + 1) if n[0] == start + a.start("who")]
    return [found[0][2]] if found else []
