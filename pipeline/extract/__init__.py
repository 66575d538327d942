"""Decisions (beslut) and action items (who is to do what, by when) from meeting minutes.

Rule-based and shippable: spaCy's blank Swedish tokeniser for sentences, the NER stage's
entities and the attendee list for names, rapidfuzz for linking names to attendees, and one
readable cue file (``cues.yaml``) for the Swedish vocabulary.

Walk: the text is cut into blocks (paragraphs, bullets, headings, sub-labels such as
'Beslut:', table rows) and sentences. Each sentence becomes at most one row:
  1. under a decision label ('Beslut:', 'Kommunstyrelsen beslutar') each bullet / 'att' line
     is a decision;
  2. a decision cue ('beslutar', 'bordläggs', 'valdes till', 'är överens om', …) makes it a
     decision, unless it is a question or a possibility ('Kan vi bilda …?');
  3. an assignment ('Uppdrogs åt X att', 'Ansvarig: X'), a thing that comes ('Inbjudan
     kommer'), or a task verb with a doer ('David ska fråga', 'X tar fram') makes it an
     action item, unless an opinion, wish, possibility or report comes first.
Tables with Vad / Vem / När (Ansvar, Klart) columns give one action item per row.

params (the ``extract`` section of params.yaml; all optional):
  cues_file: path of an alternative cue file (default: pipeline/extract/cues.yaml)
  next_meeting_contributions: true  – guests/items listed under 'Nästa möte' are action items
  resolve_threshold: 88             – rapidfuzz ratio for fuzzy name resolution
"""
from __future__ import annotations

import re

from pipeline.extract import actions as act
from pipeline.extract import decisions as dec
from pipeline.extract.assignees import resolve
from pipeline.extract.cues import load_cues
from pipeline.extract.due import date_at_start, find_due
from pipeline.extract.sentences import blocks, split_sentences, trim_span
from pipeline.extract.tables import rows as table_rows
from pipeline.record import section_at

__all__ = ["extract_decisions_and_actions"]

PAREN_CONTENT_RE = re.compile(r"\(([^()]{3,})\)")
INLINE_LABEL_RE = re.compile(r"^\s*(beslut|beslutades|beslöts)\s*:\s*", re.IGNORECASE)
CAPSEQ_RE = re.compile(r"(?<![\w.])[A-ZÅÄÖ][A-ZÅÄÖa-zåäöéü0-9]+(?:[ -][A-ZÅÄÖ][A-ZÅÄÖa-zåäöéü0-9]+){0,2}(?![\w.]\w)")


def _params(params: dict | None) -> dict:
    params = params or {}
    if isinstance(params.get("extract"), dict):
        return params["extract"]
    return params


def _names(text: str, entities: list[dict], attendees: list[dict]) -> act.Names:
    """Name spans: the NER stage's PER/ORG entities, completed by a fallback that takes
    attendee names and capitalised words inside sentences (a sentence-initial word counts
    when the document also writes it capitalised mid-sentence)."""
    spans = [(e["start_char"], e["end_char"], text[e["start_char"]:e["end_char"]], e["label"])
             for e in entities or [] if e.get("label") in ("PER", "ORG")
             and e.get("start_char") is not None and e.get("end_char") is not None]
    taken = [False] * (len(text) + 1)
    for s, e, _, _ in spans:
        for k in range(s, e):
            taken[k] = True
    known = {part for a in attendees or [] for part in (a.get("name") or "").split()}
    found = []
    for m in CAPSEQ_RE.finditer(text):
        before = text[max(0, m.start() - 4):m.start()]
        initial = m.start() == 0 or re.search(r"(^|[.!?:\n]\s*|\n\s*[-–•e]\s)$", before) is not None
        found.append((m, initial))
    known |= {m.group().split()[0] for m, initial in found if not initial}
    for m, initial in found:
        if initial and m.group().split()[0] not in known and " " not in m.group():
            continue
        if any(taken[m.start():m.end()]):
            continue
        w = m.group()
        label = "ORG" if any(c.isdigit() for c in w) or w.split()[0].isupper() else "PER"
        spans.append((m.start(), m.end(), w, label))
    spans.sort()
    return act.Names(spans)


def _row(meeting_id, sections, text, start, end, **kw) -> dict:
    return {"meeting_id": meeting_id, "section_id": section_at(sections, start), "text": text[start:end],
            "start_char": start, "end_char": end, **kw}


def extract_decisions_and_actions(text: str, meeting: dict | None, sections: list[dict], entities: list[dict],
                                  attendees: list[dict], params: dict) -> tuple[list[dict], list[dict]]:
    """Decisions and action items of one document; rows follow DECISIONS / ACTION_ITEMS in pipeline.schema."""
    p = _params(params)
    cues = load_cues(p.get("cues_file"))
    contributions = p.get("next_meeting_contributions", True)
    threshold = float(p.get("resolve_threshold", 88))
    meeting_id = (meeting or {}).get("meeting_id")
    sections = sections or []
    titles = {s["section_id"]: s.get("title") for s in sections}
    names = _names(text, entities, attendees)
    decisions: list[dict] = []
    actions: list[dict] = []
    next_due: dict[str | None, tuple[str, object]] = {}

    def add_decision(s, e, kind, cue):
        decisions.append(_row(meeting_id, sections, text, s, e, kind=kind, cue=cue))

    def add_action(s, e, hit: act.ActionHit, due=(None, None)):
        actions.append(_row(meeting_id, sections, text, s, e, assignees=list(hit.assignees),
                            assignees_resolved=resolve(hit.assignees, attendees, cues.nicknames, threshold),
                            due_text=due[0], due_date=due[1], cue=hit.cue or None))

    # a heading that is a decision label ('Kommunstyrelsen beslutar') opens a list of decisions
    heading_starts = {s["start_char"] for s in sections
                      if not cues.is_label((s.get("title") or "").rstrip(":"), "decision")}
    blks = blocks(text, heading_starts,
                  is_label=lambda line: cues.is_label(line, "decision"))
    prev: tuple[int, int] | None = None
    prev_kind: str | None = None
    prev_block_text = ""
    i = 0
    while i < len(blks):
        b = blks[i]
        sec_id = section_at(sections, b.start)
        in_next = cues.is_next_meeting(titles.get(sec_id))
        if b.kind == "heading":
            prev, prev_kind = None, None
            for m in PAREN_CONTENT_RE.finditer(text, b.start, b.end):
                s, e = trim_span(text, m.start(1), m.end(1))
                hit = act.classify(text, s, e, cues, names)
                if hit is not None and hit.cue and not hit.assignees:
                    add_action(s, e, hit)
            i += 1
            continue
        if b.kind == "table":
            lines = []
            while i < len(blks) and blks[i].kind == "table":
                lines.extend(blks[i].lines)
                i += 1
            for r in table_rows(text, lines, cues):
                who = act.split_names(r.cells["who"][0]) if "who" in r.cells else []
                due_text = r.cells["when"][0] if "when" in r.cells else None
                due_date = None
                if due_text:
                    from pipeline.extract.due import parse_date, _year_arg
                    due_date = parse_date(due_text, _year_arg(meeting))
                add_action(r.start, r.end, act.ActionHit("table", who, 0), (due_text, due_date))
            prev, prev_kind = None, None
            continue
        if b.kind == "label" and cues.is_label(b.label, "decision"):
            i += 1
            continue
        if b.kind == "label" and cues.is_label(b.label, "opinion"):
            i += 1
            continue
        in_decision_list = b.kind in ("bullet", "att") and cues.is_label(b.label, "decision")
        in_opinion = b.kind in ("bullet", "att") and cues.is_label(b.label, "opinion")
        # a paragraph that continues the previous one across a page break ('… då\n\nforskare …')
        continuation = (b.kind == "para" and text[b.start:b.start + 1].islower()
                        and prev_block_text and prev_block_text.rstrip()[-1:] not in ".!?:")
        if in_decision_list:
            s, e = trim_span(text, b.start, b.end)
            hit = act.classify(text, s, e, cues, names, prev, allow_tasks=False)
            if hit is not None and hit.assignees:
                add_action(s, e, hit, find_due(text[s:e], cues, meeting))
            else:
                add_decision(s, e, "decided", b.label.strip().rstrip(":"))
            prev, prev_kind = (s, e), "decided"
            prev_block_text = text[b.start:b.end]
            i += 1
            continue
        for sent in split_sentences(text, b):
            s, e = trim_span(text, sent.start, sent.end)
            if e <= s:
                continue
            m = INLINE_LABEL_RE.match(text[s:e])
            if m:  # 'Beslut: Att …' on one line
                add_decision(s + m.end(), e, "decided", m.group(1))
                prev, prev_kind = (s, e), "decided"
                continue
            sentence = text[s:e]
            dhit = dec.classify(sentence, cues)
            if dhit is None and in_next and sent.index == 0 and b.kind == "para":
                d0 = date_at_start(sentence, meeting)
                if d0 is not None:
                    dhit = dec.DecisionHit("scheduled", d0[0])
                    next_due[sec_id] = d0
            # an explicit assignment outranks a decision cue ('Uppdrogs åt X att …')
            ahit = act.classify(text, s, e, cues, names, prev, allow_tasks=not in_opinion)
            if ahit is not None and ahit.cue and ahit.cue.lower().startswith(("uppdr", "ansvarig", "i uppdrag")) \
                    and ahit.assignees:
                dhit = None
            if dhit is not None:
                add_decision(s, e, dhit.kind, dhit.cue)
                prev, prev_kind = (s, e), dhit.kind
                continue
            if ahit is None and prev_kind == "group_formed":
                ahit = act.staffing(text, s, e, cues, names)
            if ahit is None and in_next and contributions and b.kind == "bullet" and not in_opinion:
                ahit = act.contribution(text, s, e, names)
            if ahit is not None:
                # 'Ansvarig: X' after a task: the task and the line are one item
                if ahit.cue.lower().startswith("ansvarig") and ahit.cue_start == 0 and prev is not None \
                        and section_at(sections, prev[0]) == sec_id:
                    actions[:] = [a for a in actions if a["start_char"] != prev[0]]
                    decisions[:] = [d for d in decisions if d["start_char"] != prev[0]]
                    s = prev[0]
                due = find_due(sentence, cues, meeting)
                if due[0] is None and continuation:
                    due = find_due(prev_block_text, cues, meeting)
                if due[0] is None and in_next and sec_id in next_due:
                    due = next_due[sec_id]
                add_action(s, e, ahit, due)
            prev, prev_kind = (s, e), None
        prev_block_text = text[b.start:b.end]
        i += 1
    decisions.sort(key=lambda r: r["start_char"])
    actions.sort(key=lambda r: r["start_char"])
    return decisions, actions
