"""To-do lists and imperative tasks.

The items of a to-do list ('Att göra:', 'Åtgärder:', an 'Action:' item, a section titled 'Att göra')
are action items: the doer is written before a colon or dash ('Anna: boka lokal', 'Lars – skicka
kallelsen'), after the task ('Boka lokal (Anna)', 'Skicka kallelsen – Lars', 'Kolla offerten, Sara')
or as the subject of a task verb ('Anna bokar lokal').

Outside a to-do list, a list item or a short sentence that starts with an imperative task verb
(``imperatives`` in cues.yaml: 'Boka lokal', 'Skicka inbjudan', 'Gå in på Github och kommentera',
'Issue – gå igenom förslagen') is a task too; a question, a negated imperative ('Ta inte bort …')
and a verb that gives advice rather than a task ('Använd mail', 'Tänk på …') are not.
"""
from __future__ import annotations

import re

from pipeline.stages.extract import actions as act
from pipeline.stages.extract.cues import flat
from pipeline.stages.extract.decisions import is_question
from pipeline.stages.extract.sentences import trim_item

# a short topic before the task: 'Issue - gå igenom …', 'Filter för datamängdsserier, lägga till i Docs.'
TOPIC_RE = re.compile(r"^(?P<topic>[^,:;.–-]{1,50}?)\s*(?:,|:|\s[–—-])\s+(?=\w)")
MODAL_START_RE = re.compile(r"^(?:Måste|Behöver|Bör)\s+(?=[a-zåäö])")
NEGATION_RE = re.compile(r"^\S+\s+(?:inte|ej|aldrig)\b", re.IGNORECASE)
MAX_WORDS = 30


def read(walk, u, ctx) -> None:
    """The items of a to-do list (a paragraph right below its label: each line)."""
    text = walk.text
    lines = [(u.start, u.end)] if u.kind == "item" or u.label else u.lines
    for ls, le in lines:
        s, e = trim_item(text, ls, le)
        if e <= s or is_question(text[s:e]):
            continue
        body_s = u.label_end if u.label and s == u.start and u.label_end else s
        hit = act.task_item(text, body_s, e, walk.cues, walk.names, walk.prev)
        hit.cue = hit.cue or (u.label or ctx.label or "to-do list").strip().rstrip(":")
        walk.add_action(s, task_end(text, body_s, e, hit), hit, "todo-list", ctx, walk.due(text[body_s:e]))
        walk.prev, walk.prev_kind = (s, e), None


def task_end(text: str, s: int, e: int, hit: act.ActionHit) -> int:
    """Where the task ends: before an owner written after a dash ('Kioskschema – Emilia' is the task
    'Kioskschema' of Emilia, as a table's task cell is), else at the item's end."""
    if hit.owner_at is None:
        return e
    return s + len(text[s:s + hit.owner_at].rstrip(" \t–—-,"))


def dash_owner(walk, u, s: int, e: int) -> act.ActionHit | None:
    """'- Kioskschema – Emilia', '- Boka matsalen (Nora)': a list item that names its owner after a
    dash or in parentheses at its end is a task, also when it has no verb."""
    text = walk.text
    if u.kind != "item" or is_question(text[s:e]) or len(text[s:e].split()) > 14:
        return None
    m = act.TAIL_WHO_RE.search(text, s, e)
    if m is None or m.start() <= s or not re.match(r"\s*[–—-]", text[m.start():m.start("who")]):
        return None  # (a name in parentheses after a topic is an attendee or a portfolio: 'Ekonomi (Linh)')
    if not all(act.is_person(text, *span, walk.names) for span in _parts(text, m.start("who"), m.end("who"))):
        return None
    if any(b.search(flat(text[s:m.start()])) for b in walk.cues.action_blockers):
        return None
    return act.ActionHit("", act.split_names(m.group("who")), m.start("who") - s, explicit=True, rule="todo-dash",
                         owner_at=m.start() - s)


def _parts(text: str, s: int, e: int) -> list[tuple[int, int]]:
    """The spans of the names listed in text[s:e] ('Petra och Jonas')."""
    out = []
    for m in re.finditer(r"[^,&/]+?(?=\s*(?:,|&|/|\boch\b|\bsamt\b|$))", text[s:e]):
        a = s + m.start() + len(m.group()) - len(m.group().lstrip())
        b = s + m.end()
        if text[a:b].strip() and text[a:b].strip() not in ("och", "samt"):
            out.append((a, b))
    return out


def imperative(walk, u, s: int, e: int) -> act.ActionHit | None:
    """'Boka lokal till mötet (Anna)': a task written as an imperative, with its doer where written."""
    text = walk.text
    sent = text[s:e]
    if walk.cues.imperatives is None or is_question(sent) or len(sent.split()) > MAX_WORDS:
        return None
    starts = [0]
    m = TOPIC_RE.match(sent)
    if m and len(m.group("topic").split()) <= 5:
        starts.append(m.end())
    m = MODAL_START_RE.match(sent)
    if m:  # 'Måste ta fram en regel för …': a task with nobody named
        starts.append(m.end())
    for k in starts:
        f = flat(sent[k:])
        im = walk.cues.imperatives.match(f)
        if im is None or NEGATION_RE.match(f) or (k == 0 and sent[:1].islower() and u.kind != "item"):
            continue
        if u.kind != "item" and k == 0 and not _sentence_start(text, s):
            continue
        hit = act.task_item(text, s, e, walk.cues, walk.names, walk.prev)
        who = hit.assignees if hit.explicit else []
        return act.ActionHit(sent[k:k + im.end()].strip(), who, k, explicit=bool(who), rule="imperative")
    return None


def _sentence_start(text: str, s: int) -> bool:
    """Does a sentence start at ``s`` (not inside a line that goes on from the one before)?"""
    i = s - 1
    while i >= 0 and text[i] in " \t":
        i -= 1
    return i < 0 or text[i] in ".!?:\n"
