"""Decisions (beslut) and action items (who is to do what, by when) from meeting minutes.

Rule-based and shippable: spaCy's blank Swedish tokeniser for sentences, the NER stage's
entities and the attendee list for names, rapidfuzz for linking names to attendees, and one
readable cue file (``cues.yaml``) for the Swedish vocabulary.

Walk: the text is cut into blocks (paragraphs, bullets, headings, sub-labels such as
'Beslut:', table rows) and sentences. Each sentence becomes at most one row:
  1. under a decision label ('Beslut:', 'Kommunstyrelsen beslutar') each bullet, 'att' line or
     sentence of the paragraph right below is a decision, its kind read from the verb
     ('att bordlägga …' is postponed) – or an action item when it assigns a task to someone
     ('att uppdra åt socialchefen att …');
  2. a decision cue ('beslutar', 'bordläggs', 'valdes till', 'är överens om', …) makes it a
     decision, unless in its clause it is a question, a possibility ('Kan vi bilda …?'), a
     proposal ('föreslår att') or a report ('Lars berättade att nämnden beslutat …'), or the
     sentence reports an earlier decision ('Förra året beslutade …');
  3. an assignment ('Uppdrogs åt X att', 'Ansvarig: X'), a thing that comes ('Inbjudan
     kommer'), or a task verb with a doer ('David ska fråga', 'X tar fram') makes it an
     action item, unless an opinion, wish, possibility or report comes first.
Tables with Vad / Vem / När (Ansvar, Klart) columns give one action item per row ('|', tab or
space-aligned columns, markdown included); items of a to-do list ('Att göra:', 'Åtgärder:')
are action items. Nothing is taken from the parts of a formal protocol that describe the
matter or the voting ('Ärendebeskrivning', 'Förslag till beslut', 'Yrkanden', 'Reservation').

params (the ``extract`` section of params.yaml; all optional):
  cues_file: path of an alternative cue file (default: pipeline/stages/extract/cues.yaml)
  next_meeting_contributions: true  – guests/items listed under 'Nästa möte' are action items
  resolve_threshold: 88             – rapidfuzz ratio for fuzzy name resolution
"""
from __future__ import annotations

import re

from pipeline.contract.record import MinutesRecord, section_at
from pipeline.contract.stage import StageSpec
from pipeline.stages.extract import actions as act
from pipeline.stages.extract import decisions as dec
from pipeline.stages.extract.assignees import resolve
from pipeline.stages.extract.cues import load_cues
from pipeline.stages.extract.decisions import kind_of_att_clause
from pipeline.stages.extract.due import date_at_start, find_due, parse_date, year_of
from pipeline.stages.extract.params import ExtractParams
from pipeline.stages.extract.sentences import Block, blocks, split_sentences, trim_item, trim_span
from pipeline.stages.extract.tables import has_header, is_header_line
from pipeline.stages.extract.tables import rows as table_rows

__all__ = ["extract_decisions_and_actions", "extract_stage", "ExtractParams", "STAGE"]

PAREN_CONTENT_RE = re.compile(r"\(([^()]{3,})\)")
TASK_LABEL_RE = re.compile(r"(?:åtgärd|åtgärder|uppgift|uppdrag|att göra|todo|to do)\s*:\s*(?=\S)", re.IGNORECASE)
DUE_LABEL_RE = re.compile(r"^\s*(klart|klar|deadline|när|senast|datum|klart till|klart senast)\s*:\s*", re.IGNORECASE)
INLINE_LABEL_RE = re.compile(r"^\s*(beslut|beslutades|beslöts)\s*:\s*", re.IGNORECASE)
CAPSEQ_RE = re.compile(r"(?<![\w.])[A-ZÅÄÖ][A-ZÅÄÖa-zåäöéü0-9]+(?:[ -][A-ZÅÄÖ][A-ZÅÄÖa-zåäöéü0-9]+){0,2}(?![\w.]\w)")


def _params(params: ExtractParams | dict | None) -> dict:
    if isinstance(params, ExtractParams):
        return params.as_dict()
    params = params or {}
    if isinstance(params.get("extract"), dict):
        params = params["extract"]
    return ExtractParams.from_mapping(params, "extract").as_dict()


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


WORD_RE = re.compile(r"[^\W\d_]{2,}")


def _has_content(item: str) -> bool:
    """At least two words: a bare 'att' or a table rule is no item."""
    return len(WORD_RE.findall(item)) >= 2


def _decision_kind(item: str, cues) -> str:
    """The kind of an item under 'Beslut:': from the verb after 'att' ('att bordlägga …'), else
    from a cue in it ('Styrelsen godkänner budgeten'), else `decided`."""
    kind = kind_of_att_clause(item, cues)
    if kind == "decided":
        hit = dec.classify(item, cues)
        if hit is not None:
            kind = hit.kind
    return kind


def _row(meeting_id, sections, text, start, end, **kw) -> dict:
    return {"meeting_id": meeting_id, "section_id": section_at(sections, start), "text": text[start:end],
            "start_char": start, "end_char": end, **kw}


def extract_decisions_and_actions(text: str, meeting: dict | None, sections: list[dict], entities: list[dict],
                                  attendees: list[dict], params: dict) -> tuple[list[dict], list[dict]]:
    """Decisions and action items of one document; rows follow DECISIONS / ACTION_ITEMS in pipeline.contract.schema."""
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
        if not _has_content(text[s:e]):
            return
        decisions.append(_row(meeting_id, sections, text, s, e, kind=kind, cue=cue))

    def add_action(s, e, hit: act.ActionHit, due=(None, None)):
        if not _has_content(text[s:e]):
            return
        actions.append(_row(meeting_id, sections, text, s, e, assignees=list(hit.assignees),
                            assignees_resolved=resolve(hit.assignees, attendees, threshold),
                            due_text=due[0], due_date=due[1], cue=hit.cue or None))

    # a heading that is a decision label ('Kommunstyrelsen beslutar') opens a list of decisions
    # (and a table's header row read as a heading is the table's)
    heading_starts = {s["start_char"] for s in sections
                      if not cues.is_label((s.get("title") or "").rstrip(":"), "decision")
                      and not is_header_line(s.get("title") or "", cues)}
    blks = blocks(text, heading_starts,
                  is_label=lambda line: any(cues.is_label(line, k) for k in ("decision", "report", "task")),
                  is_table_header=lambda line: is_header_line(line, cues))
    prev: tuple[int, int] | None = None
    prev_kind: str | None = None
    prev_block_text = ""
    in_report = False  # inside 'Ärendebeskrivning', 'Förslag till beslut', 'Yrkanden', …
    task_heading = False  # inside a section headed 'Att göra' / 'Åtgärder'
    i = 0
    while i < len(blks):
        b = blks[i]
        sec_id = section_at(sections, b.start)
        in_next = cues.is_next_meeting(titles.get(sec_id))
        if b.kind in ("heading", "label"):
            in_report = cues.is_label(text[b.start:b.end], "report")
        if b.kind == "heading":
            task_heading = cues.is_label(text[b.start:b.end], "task")
        if in_report:
            prev, prev_kind = None, None
            prev_block_text = text[b.start:b.end]
            i += 1
            continue
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
            j = i
            lines = []
            while j < len(blks) and blks[j].kind == "table":
                lines.extend(blks[j].lines)
                j += 1
            trows = table_rows(text, lines, cues)
            if not trows and not has_header(text, lines, cues):
                # no header names a 'Vem' / 'Ansvar' column: the lines are text after all
                for k in range(i, j):
                    blks[k] = Block("para", blks[k].start, blks[k].end, blks[k].label, blks[k].lines)
                continue
            for r in trows:
                has_who = "who" in r.cells and r.cells["who"][0].strip(" -–—")
                has_dec = "decision" in r.cells and r.cells["decision"][0].strip(" -–—")
                if has_who or (not has_dec and r.who_column):
                    who = act.split_names(r.cells["who"][0]) if has_who else []
                    due_text = r.cells["when"][0] if "when" in r.cells else None
                    due_text = due_text if due_text and due_text.strip(" -–—") else None
                    due_date = parse_date(due_text, year_of(meeting)) if due_text else None
                    add_action(r.start, r.end, act.ActionHit("table", who, 0), (due_text, due_date))
                elif has_dec:
                    _, ds, de = r.cells["decision"]
                    add_decision(ds, de, _decision_kind(text[ds:de], cues), "table")
            prev, prev_kind = None, None
            i = j
            continue
        if b.kind == "label" and cues.is_label(b.label, "decision"):
            i += 1
            continue
        if b.kind == "label" and cues.is_label(b.label, "opinion"):
            i += 1
            continue
        if b.kind == "label" and cues.is_label(b.label, "task"):
            i += 1
            continue
        # the items of a to-do list ('Att göra:', 'Åtgärder:'): bullets, or the lines right below it
        if (cues.is_label(b.label, "task") or (task_heading and b.label is None)) and (
                b.kind == "bullet" or (b.kind == "para" and i > 0 and blks[i - 1].kind in ("label", "heading"))):
            for ls_, le_ in (b.lines if b.kind == "para" else [(b.start, b.end)]):
                s, e = trim_item(text, ls_, le_)
                if e <= s:
                    continue
                hit = act.task_item(text, s, e, cues, names, prev)
                hit.cue = hit.cue or (b.label or "to-do list").strip().rstrip(":")
                add_action(s, e, hit, find_due(text[s:e], cues, meeting))
                prev, prev_kind = (s, e), None
            prev_block_text = text[b.start:b.end]
            i += 1
            continue
        # the items under 'Beslut:' – bullets, 'att …' lines, or the paragraph right below it
        in_decision_list = cues.is_label(b.label, "decision") and (
            b.kind in ("bullet", "att") or (b.kind == "para" and i > 0 and blks[i - 1].kind == "label"))
        in_opinion = b.kind in ("bullet", "att") and cues.is_label(b.label, "opinion")
        # a paragraph that continues the previous one across a page break ('… då\n\nforskare …')
        continuation = (b.kind == "para" and text[b.start:b.start + 1].islower()
                        and prev_block_text and prev_block_text.rstrip()[-1:] not in ".!?:")
        if in_decision_list:
            units = [trim_item(text, b.start, b.end)] if b.kind != "para" else \
                [trim_span(text, x.start, x.end) for x in split_sentences(text, b)]
            for s, e in units:
                if e <= s:
                    continue
                # an explicit assignment in a decision ('att uppdra åt X att …') is an action item
                hit = act.classify(text, s, e, cues, names, prev, allow_tasks=False)
                if hit is not None and hit.assignees:
                    add_action(s, e, hit, find_due(text[s:e], cues, meeting))
                else:
                    add_decision(s, e, _decision_kind(text[s:e], cues), b.label.strip().rstrip(":"))
                prev, prev_kind = (s, e), "decided"
            prev_block_text = text[b.start:b.end]
            i += 1
            continue
        for sent in split_sentences(text, b):
            s, e = trim_span(text, sent.start, sent.end)
            tl = TASK_LABEL_RE.match(text, s, e)
            if tl:  # 'Åtgärd: Anna kontaktar skolan' – the item is what follows the label
                s = tl.end()
            if e <= s:
                continue
            m = INLINE_LABEL_RE.match(text[s:e])
            if m and e > s + m.end():  # 'Beslut: Att …' on one line
                ds = s + m.end()
                hit = act.classify(text, ds, e, cues, names, prev, allow_tasks=False)
                if hit is not None and hit.assignees:
                    add_action(ds, e, hit, find_due(text[ds:e], cues, meeting))
                else:
                    add_decision(ds, e, _decision_kind(text[ds:e], cues), m.group(1))
                prev, prev_kind = (s, e), "decided"
                continue
            sentence = text[s:e]
            # 'Klart: 1 juni' / 'Deadline: 1 juni' on a line after a task: that task's due date
            dm = DUE_LABEL_RE.match(sentence)
            if dm and actions and prev is not None and actions[-1]["end_char"] == prev[1] \
                    and actions[-1]["section_id"] == section_at(sections, s) and actions[-1]["due_text"] is None:
                rest_s, rest_e = trim_span(text, s + dm.end(), e)
                if rest_e > rest_s:
                    actions[-1]["due_text"] = text[rest_s:rest_e]
                    actions[-1]["due_date"] = parse_date(text[rest_s:rest_e], year_of(meeting))
                    prev = (s, e)
                    continue
            dhit = dec.classify(sentence, cues)
            if dhit is None and in_next and sent.index == 0 and b.kind == "para":
                d0 = date_at_start(sentence, meeting)
                if d0 is not None:
                    dhit = dec.DecisionHit("scheduled", d0[0])
                    next_due[sec_id] = d0
            # an explicit assignment outranks a decision cue ('Uppdrogs åt X att …')
            ahit = act.classify(text, s, e, cues, names, prev, allow_tasks=not in_opinion)
            if ahit is not None and ahit.explicit and ahit.assignees:
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
                if ahit.explicit and ahit.cue.lower().startswith("ansvar") and ahit.cue_start == 0 \
                        and prev is not None and section_at(sections, prev[0]) == sec_id:
                    actions[:] = [a for a in actions if a["start_char"] != prev[0]]
                    decisions[:] = [d for d in decisions if d["start_char"] != prev[0]]
                    s = prev[0]
                    sentence = text[s:e]
                # the date of the thing that comes ('Inbjudan till julfika 18 december kommer')
                # is no deadline: look only after the cue
                due = find_due(sentence[ahit.cue_end:] if ahit.coming else sentence, cues, meeting)
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


def extract_stage(rec: MinutesRecord, params: ExtractParams) -> None:
    rec.decisions, rec.action_items = extract_decisions_and_actions(
        rec.document["text"], rec.meeting, rec.sections, rec.entities, rec.attendees, params)


STAGE = StageSpec(
    name="extract",
    params=ExtractParams,
    requires=("document.text", "meetings", "attendees", "sections", "entities", "blocks"),
    assigns=("decisions", "action_items"),
    code=("pipeline/stages/extract",),
    resources=("pipeline/stages/extract/cues.yaml",),
    libraries=("spacy", "rapidfuzz"),
    run=extract_stage,
    description="decisions and action items",
)
