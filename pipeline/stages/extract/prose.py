"""Running text, sentence by sentence: decision cues, assignments and tasks (``decisions``, ``actions``).

Each sentence becomes at most one decision and one action item:
  * an assignment made by the meeting ('Uppdrogs åt X att …', 'Styrelsen ger X i uppdrag att …',
    'Pierre får fixa det') is both a decision (`assigned`) and an action item; 'Ansvarig: X' only
    the latter;
  * a decision cue ('beslutade', 'valdes', 'bordläggs', 'vi är överens om', …) that no blocker
    ('kan', 'föreslår', 'berättade att', a question, an earlier meeting) takes back is a decision;
    so is a proposal to another body ('föreslår kommunfullmäktige att besluta …') in a formal item
    that has no Beslut heading, and a line that begins with a date under 'Nästa möte';
  * a task verb with a doer ('David ska fråga', 'Matthias tar fram', 'kommer Digg att …'), a thing
    that comes ('Inbjudan kommer'), a passive future ('kommer att ses över'), or an imperative list
    item ('Boka lokal') is an action item; after a decision that forms a group, the sentence naming
    who is in it; under 'Nästa möte', a named guest's contribution.
Under the summary of a formal item that has a Beslut heading ('Sammanfattning av ärendet') only
what the administration or the body undertakes counts ('Förvaltningen kommer att återkomma …',
'Revisionen uppdrar åt EY att …'): the rest describes the matter.
"""
from __future__ import annotations

import re

from pipeline.contract.record import section_at
from pipeline.lang.fold import fold_cue_text as fold
from pipeline.stages.extract import actions as act
from pipeline.stages.extract import decisions as dec
from pipeline.stages.extract import todo
from pipeline.stages.extract.due import date_at_start, label_date, parse_date, year_of
from pipeline.stages.extract.kinds import kind_of
from pipeline.stages.extract.sentences import split_sentences, trim_span

TASK_LABEL_RE = re.compile(r"(?:åtgärd|åtgärder|uppgift|uppdrag|att göra|todo|to do|action)\s*(?::|\s[-–])\s*(?=\S)",
                           re.IGNORECASE)
DUE_LABEL_RE = re.compile(r"^\s*(klart|klar|deadline|när|senast|datum|klart till|klart senast)\s*:\s*", re.IGNORECASE)
INLINE_DECISION_RE = re.compile(r"^\s*(beslut|beslutades|beslöts)\s*:\s*", re.IGNORECASE)
# an assignment that is a decision of the meeting (not 'Ansvarig: X', not 'X ombeds …')
MEETING_ASSIGNS_RE = re.compile(r"\b(uppdr\w*|i uppdrag)\b", re.IGNORECASE)
PROPOSAL_RE = re.compile(r"\b(föreslår|föreslog|föreslås)\s+(kommun|region)?(fullmäktige|styrelsen|\w*nämnden)\b"
                         r".{0,40}?\b"
                         r"(besluta|beslutar|anta|godkänna|fastställa|bevilja|avslå|att)\b", re.IGNORECASE)
# a proposal put to the meeting, decided by the line after it ('Beslut: bifalles'): neither a decision nor a task
PROPOSAL_LINE_RE = re.compile(r"^\s*(?:att|förslag|yrkande|motion|förslag till beslut)\s*:\s*(?=\S)", re.IGNORECASE)
NEXT_MEETING_LABEL_RE = re.compile(r"^\s*nästa\s+(?:\w*(?:möte|sammanträde|träff)\w*|APT)\s*:\s*", re.IGNORECASE)
SPEAKER_RE = re.compile(r"^(?P<who>[A-ZÅÄÖ][\wåäöéü-]+(?: [A-ZÅÄÖ][\wåäöéü-]+){0,2})\s*(?::|\s[–—-])\s+(?=\S)")


def read(walk, u, ctx, reporting: bool = False, opinion: bool = False) -> None:
    """The sentences of an item or paragraph."""
    text = walk.text
    reporting = reporting and ctx.item in walk.decision_items
    if PROPOSAL_LINE_RE.match(text[u.start:u.end]):
        _proposal_and_answer(walk, u, ctx)
        return
    for idx, sent in enumerate(split_sentences(text, u)):
        s, e = trim_span(text, sent.start, sent.end)
        if e <= s:
            continue
        m = INLINE_DECISION_RE.match(text[s:e])
        if m and e > s + m.end() and not reporting:  # 'Beslut: Att …' inside a paragraph
            walk.decision(s, e, s + m.end(), "beslut-inline", ctx, m.group(1))
            walk.prev, walk.prev_kind = (s, e), "decided"
            continue
        if _due_line(walk, s, e, ctx):
            continue
        parts = _task_clauses(walk, u, s, e) if not reporting and not opinion else []
        if parts:
            for ps, pe, hit in parts:
                walk.add_action(ps, pe, hit, hit.rule or "task-verb", ctx, walk.due(text[ps:pe]))
            walk.prev, walk.prev_kind = (s, e), None
            continue
        sentence(walk, u, ctx, s, e, idx, reporting, opinion)


def _proposal_and_answer(walk, u, ctx) -> None:
    """'Att: införa ett rökfritt område. Beslut: bordläggs till årsmötet.' on one line: the proposal is
    the decision, of the kind the answer gives; without an answer the line is a proposal only."""
    text = walk.text
    m = PROPOSAL_LINE_RE.match(text[u.start:u.end])
    sents = split_sentences(text, u)
    for k, sent in enumerate(sents[1:], 1):
        a = INLINE_DECISION_RE.match(text[sent.start:sent.end])
        if a is not None:
            s, e = trim_span(text, u.start + m.end(), sents[k - 1].end)
            kind = kind_of(text[sent.start + a.end():sent.end], walk.cues)
            walk.add_decision(s, e, kind if kind != "decided" else "approved", a.group(1), "beslut-proposal", ctx)
            return


def _task_clauses(walk, u, s: int, e: int) -> list:
    """'Betatestare efterlyses, Ulrika tar upp det internt, John tar frågan till Bolagsverket.': clauses
    joined by commas, each opened by a name and each a task of its own, are one action item each."""
    text = walk.text
    parts = [[s, e]]
    for m in re.finditer(r",\s+|\s+och\s+", text[s:e]):
        at = s + m.end()
        if any(n[0] == at for n in walk.names.within(at, e)) and len(text[parts[-1][0]:s + m.start()].split()) >= 2:
            parts[-1][1] = s + m.start()
            parts.append([at, e])
    if len(parts) < 2:
        return []
    out = []
    for a, b in parts:
        ps, pe = trim_span(text, a, b)
        hit = act.classify(text, ps, pe, walk.cues, walk.names, walk.prev, in_list=u.kind == "item")
        if hit is not None and hit.assignees and not hit.explicit:
            out.append((ps, pe, hit))
    return out if len(out) >= 2 else []


def _due_line(walk, s: int, e: int, ctx) -> bool:
    """'Klart: 1 juni' on the line after a task: that task's deadline."""
    text = walk.text
    dm = DUE_LABEL_RE.match(text[s:e])
    last = walk.actions[-1] if walk.actions else None
    if not dm or last is None or walk.prev is None or last["end_char"] != walk.prev[1] \
            or last["section_id"] != ctx.section_id or last["due_text"] is not None:
        return False
    rs, re_ = trim_span(text, s + dm.end(), e)
    if re_ <= rs:
        return False
    last["due_text"] = text[rs:re_]
    last["due_date"] = parse_date(text[rs:re_], year_of(walk.meeting))
    walk.prev = (s, e)
    return True


def _body_start(walk, u, s: int, e: int, idx: int) -> int:
    """Where the statement starts: after an inline task label ('Åtgärd: …') or a speaker ('Gunnar: …')."""
    text = walk.text
    tl = TASK_LABEL_RE.match(text, s, e)
    if tl:
        return tl.end()
    m = SPEAKER_RE.match(text[s:e])
    if m and idx == 0 and act.is_person(text, s + m.start("who"), s + m.end("who"), walk.names):
        return s + m.end()
    return s


def sentence(walk, u, ctx, s: int, e: int, idx: int, reporting: bool, opinion: bool) -> None:
    text, cues = walk.text, walk.cues
    body_s = _body_start(walk, u, s, e, idx)
    speaker = body_s != s and not TASK_LABEL_RE.match(text, s, e)
    row_s = body_s if speaker else s  # a speaker's name is not part of what was said
    body = text[body_s:e]
    dhit = None if opinion else dec.classify(body, cues)
    if dhit is None and not opinion and not reporting and ctx.item not in walk.decision_items \
            and ctx.subsection is None:
        dhit = _proposal(body, cues)
    nm = NEXT_MEETING_LABEL_RE.match(body)
    if dhit is None and ((ctx.next_meeting and idx == 0) or nm):
        # under 'Nästa möte' a line that begins with a date, or 'Nästa styrelsemöte: tisdag 10 oktober …'
        d0 = date_at_start(body[nm.end():] if nm else body, walk.meeting)
        if d0 is not None:
            dhit = dec.DecisionHit("scheduled", d0[0], "next-meeting-date")
            walk.next_due[ctx.section_id] = d0
            if nm:
                row_s = body_s + nm.end()
    ahit = act.classify(text, body_s, e, cues, walk.names, walk.prev, allow_tasks=not opinion,
                        in_list=u.kind == "item")
    explicit = ahit is not None and ahit.explicit and bool(ahit.assignees)
    by_meeting = (explicit and MEETING_ASSIGNS_RE.search(ahit.cue or "") is not None) or \
        (ahit is not None and ahit.assigns and bool(ahit.assignees))
    if reporting:  # the matter's summary: only what the body or the administration undertakes now
        dhit = None
        by_meeting = by_meeting and _assigns_now(body, ahit.cue_start)
        if not by_meeting and not (ahit is not None and ahit.assignees and not ahit.explicit
                                   and _undertaking(body)):
            return
    if by_meeting:  # the meeting gives the task: the decision is that (assigned)
        walk.add_decision(row_s, e, "assigned", ahit.cue, "assignment", ctx)
    elif dhit is not None:
        walk.add_decision(row_s, e, dhit.kind, dhit.cue, f"cue:{dhit.family}", ctx)
        if not explicit:  # 'Ärendet återremitteras till förvaltningen för beredning' is a task as well
            walk.prev, walk.prev_kind = (s, e), dhit.kind
            return
    _action(walk, u, ctx, row_s, body_s, e, ahit, opinion)
    walk.prev, walk.prev_kind = (s, e), dhit.kind if dhit is not None else None


def _proposal(body: str, cues) -> dec.DecisionHit | None:
    """'Nämnden föreslår kommunfullmäktige besluta att anta planen': the item's decision, of the kind
    of what is proposed."""
    pm = PROPOSAL_RE.search(body)
    if pm is None:
        return None
    rest = re.sub(r"^(?:besluta[rt]?\s+)?(?:att\s+)?", "", body[pm.start(4):])
    return dec.DecisionHit(kind_of("att " + rest, cues), body[pm.start():pm.end()])


def _undertaking(body: str) -> bool:
    """'Förvaltningen kommer att återkomma till nämnden …': what the administration undertakes (what
    'ska' be done in a summary is what a rule or a proposal says)."""
    return re.search(r"\b(kommer|återkommer)\b", body) is not None


def _assigns_now(body: str, cue_start: int) -> bool:
    """'Revisionen uppdrar åt EY att …' (the body, now), not 'gav i uppdrag' or '… om att nämnden ges i uppdrag'."""
    before = fold(body[:cue_start])
    return re.match(r"(uppdrar|ger)\b", fold(body[cue_start:])) is not None \
        and re.search(r"\b(att|om|som|nar|da|har|hade)\b|,", before) is None


def _action(walk, u, ctx, row_s: int, body_s: int, e: int, ahit, opinion: bool) -> None:
    """The action item of a sentence that is no decision (if it is one)."""
    text = walk.text
    rule = None
    if ahit is not None:
        rule = "assignment" if ahit.explicit else "coming" if ahit.coming else ahit.rule or "task-verb"
    if ahit is None and walk.prev_kind == "formed":
        ahit, rule = act.staffing(text, body_s, e, walk.cues, walk.names), "staffing"
    if ahit is None and ctx.next_meeting and walk.params.get("next_meeting_contributions", True) \
            and u.kind == "item" and not opinion:
        ahit, rule = act.contribution(text, body_s, e, walk.names), "contribution"
    if ahit is None and not opinion:
        ahit, rule = todo.imperative(walk, u, body_s, e), "imperative"
    if ahit is None and not opinion:
        ahit, rule = todo.dash_owner(walk, u, body_s, e), "todo-dash"
    if ahit is None:
        return
    s, label_span = row_s, None
    if ahit.rule == "labelled-task":  # 'Ansvarig: Frida kallar till ett möte': the task is what follows
        s = body_s + ahit.cue_end + (len(text[body_s + ahit.cue_end:e]) - len(text[body_s + ahit.cue_end:e].lstrip()))
    elif ahit.explicit and re.fullmatch(r"ansvar\w*\s*:", fold(ahit.cue.split(":")[0] + ":").strip()) \
            and ahit.cue_start == 0 and walk.prev is not None and walk.prev[1] <= row_s \
            and section_at(walk.sections, walk.prev[0]) == ctx.section_id:
        # a bare 'Ansvarig: X' gives the task said just before to X: after a task read there, the two
        # lines are one item; after a decision, the decided sentence is the task
        prev_action = walk.actions[-1] if walk.actions and walk.actions[-1]["start_char"] == walk.prev[0] else None
        label_span = (row_s, e)
        if prev_action is not None:
            walk.actions.pop()
            s = walk.prev[0]
        else:
            s, e = walk.prev[0], walk.prev[1]
    sentence_text = text[s:e]
    # the date of the thing that comes ('Inbjudan till julfika 18 december kommer') is no deadline
    due = walk.due(text[body_s + ahit.cue_end:e] if ahit.coming and ahit.cue_end else sentence_text,
                   unmarked=not ahit.coming)
    label_due = walk.due(text[label_span[0]:label_span[1]]) if label_span else (None, None)
    if label_due[0] is not None:   # 'Ansvarig: Yasin och Ebba, klart till den 20 mars': set with the doers
        due = label_due
    if due[0] is None and text[u.start:u.start + 1].islower() and walk.prev_unit is not None \
            and walk.prev_unit.kind in ("item", "para") and s == u.start:
        prev = text[walk.prev_unit.start:walk.prev_unit.end].rstrip()
        if prev[-1:] not in ".!?:":  # a unit that goes on after a page break ('… decembermötet, då\n\nforskare …')
            due = walk.due(prev)
    if due[0] is None and ctx.next_meeting and ctx.section_id in walk.next_due:
        due = walk.next_due[ctx.section_id]
    if due[0] is None and ctx.label:
        due = label_date(ctx.label, walk.meeting)  # 'Inför cupen den 18 maj:' dates the tasks below it
    if ahit.owner_at is not None and s == body_s:
        e = todo.task_end(text, body_s, e, ahit)
    walk.add_action(s, e, ahit, rule, ctx, due)
