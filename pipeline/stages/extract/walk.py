"""The walk over a document's units: one handler per kind of unit, each adding decisions and actions.

  heading       a heading's parenthesis can be a thing that comes ('(separata minnesanteckningar kommer)')
  row           a table row: a task when the table has a Vem / Ansvarig / Föredragande column, a
                decision in a Beslut column, votes in a voting table (``formal``)
  item / para   by where it stands (``scope.Ctx``):
                  - under a formal 'Beslut' sub-heading: each paragraph or 'att' clause is a decision
                    (``formal``); under 'Beslutsgång', 'Förslag till beslut', 'Yrkanden', … nothing
                  - under a 'Beslut:' label or written 'Beslut: …': each item, clause or sentence is a
                    decision ('Beslut: Ja' after a question is the question and its answer)
                  - in a to-do list ('Att göra:', an 'Action:' item, a section titled 'Åtgärder'):
                    every item is an action item, the doer before a colon or after a dash
                  - anywhere else sentence by sentence: a decision cue ('beslutade', 'valdes',
                    'bordläggs', …) makes a decision, an assignment or a task verb an action item
                    (``prose``); a list item that starts with an imperative ('Boka lokal') is a task
Subheadings and labels set the context and produce nothing themselves.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from pipeline.contract.record import section_at
from pipeline.lang.protocol import NOT_DECISIONS
from pipeline.stages.extract import actions as act
from pipeline.stages.extract import decisions as dec
from pipeline.stages.extract import formal, prose, todo
from pipeline.stages.extract.assignees import resolve
from pipeline.stages.extract.cues import Cues
from pipeline.stages.extract.due import find_due, parse_date, year_of
from pipeline.stages.extract.kinds import kind_of
from pipeline.stages.extract.layout import Unit
from pipeline.stages.extract.scope import OTHER, Ctx
from pipeline.stages.extract.sentences import split_sentences, trim_item, trim_span
from pipeline.stages.extract.tables import RULE_RE, cell_role, header_roles, vote_columns

PAREN_CONTENT_RE = re.compile(r"\(([^()]{3,})\)")
# a heading that is a topic and what became of it: 'SUHF: Tagit del - ok', 'Lantmäteriet: X - Gruppen föredrar X'
HEADING_STATEMENT_RE = re.compile(r"(?P<topic>[^:\n]{2,40}?):\s+(?P<tail>[^\n]+)")
WORD_RE = re.compile(r"[^\W\d_]{2,}")
# sub-headings under which nothing is a decision (and, but for the matter's summary, no task)
QUIET = NOT_DECISIONS | {"Omröstning", "Reservation", "Protokollsanteckning"}
REPORTING = {"Sammanfattning av ärendet", "Bakgrund", OTHER}


def has_content(item: str) -> bool:
    """At least two words: a bare 'att' or a table rule is no item."""
    return len(WORD_RE.findall(item)) >= 2


@dataclass
class Walk:
    """The state of the walk over one document and the rows found so far."""

    text: str
    meeting: dict | None
    sections: list[dict]
    attendees: list[dict]
    names: act.Names
    cues: Cues
    params: dict
    decisions: list[dict] = field(default_factory=list)
    actions: list[dict] = field(default_factory=list)
    prev: tuple[int, int] | None = None  # the last sentence read (pronouns, subjectless follow-ups)
    prev_kind: str | None = None  # the kind of the last decision, when the last sentence was one
    prev_unit: Unit | None = None
    next_due: dict = field(default_factory=dict)  # section -> the next meeting's date
    tables: dict = field(default_factory=dict)  # table id -> column roles of its header
    table_heads: dict = field(default_factory=dict)  # table id -> header cells and their columns
    items: dict = field(default_factory=dict)  # formal item -> what it records (votes, reservations, …)
    decision_items: set = field(default_factory=set)  # formal items that have a Beslut sub-heading

    @property
    def meeting_id(self):
        return (self.meeting or {}).get("meeting_id")

    # -- rows ---------------------------------------------------------------------------------
    def _row(self, start: int, end: int, ctx: Ctx | None, **kw) -> dict:
        sec = ctx.section_id if ctx is not None and ctx.section_id is not None else section_at(self.sections, start)
        return {"meeting_id": self.meeting_id, "section_id": sec, "text": self.text[start:end],
                "start_char": start, "end_char": end, **kw}

    def add_decision(self, s: int, e: int, kind: str, cue: str | None, rule: str, ctx: Ctx | None) -> dict | None:
        if not has_content(self.text[s:e]) and rule not in ("beslut-answer", "beslut-inline", "table"):
            return None
        row = self._row(s, e, ctx, kind=kind, cue=cue, rule=rule, reservations=[], protocol_notes=[],
                        immediately_adjusted=False, vote_yes=None, vote_no=None, vote_abstain=None)
        row["_item"] = ctx.item if ctx is not None else 0
        self.decisions.append(row)
        return row

    def add_action(self, s: int, e: int, hit: act.ActionHit, rule: str, ctx: Ctx | None,
                   due: tuple = (None, None)) -> dict | None:
        if not has_content(self.text[s:e]) and rule not in ("table", "todo-dash"):
            return None  # (a table's task cell, 'Kioskschema – Emilia', may be one word)
        threshold = float(self.params.get("resolve_threshold", 88))
        row = self._row(s, e, ctx, assignees=list(hit.assignees),
                        assignees_resolved=resolve(hit.assignees, self.attendees, threshold),
                        due_text=due[0], due_date=due[1], cue=hit.cue or None, rule=rule)
        self.actions.append(row)
        return row

    def due(self, sentence: str, unmarked: bool = True):
        return find_due(sentence, self.cues, self.meeting, unmarked=unmarked)

    # -- the walk -----------------------------------------------------------------------------
    def run(self, units: list[Unit], contexts: list[Ctx]) -> None:
        self.decision_items = {c.item for u, c in zip(units, contexts) if c.subsection == "Beslut"}
        lead: tuple | None = None  # a lead-in that reads as a decision, and the decisions made before it
        for u, ctx in zip(units, contexts):
            if lead is not None and ctx.label != lead[1]:
                self._drop_lead_in(lead)
                lead = None
            handler = {"heading": self.on_heading, "row": self.on_row, "item": self.on_text,
                       "para": self.on_text, "label": self.on_label}.get(u.kind)
            n = len(self.decisions)
            if handler is not None:
                handler(u, ctx)
            if u.kind == "label" and len(self.decisions) > n:
                lead = (self.decisions[-1], u.name, len(self.decisions))
            if u.kind in ("heading", "subheading"):
                self.prev, self.prev_kind = None, None
            self.prev_unit = u
        if lead is not None:
            self._drop_lead_in(lead)
        formal.attach(self.decisions, self.items)

    def _drop_lead_in(self, lead: tuple) -> None:
        """'Enligt valberedningens förslag valdes:' is no decision of its own when the list below it
        holds the decisions ('- Britt Lund, ordförande, omval 1 år'); without them it is one
        ('Tider bokas upp inför vårterminen:' and a list of dates)."""
        row, _, n = lead
        if len(self.decisions) > n:
            self.decisions.remove(row)

    def on_heading(self, u: Unit, ctx: Ctx) -> None:
        """'Nästa möte 14 december (separata minnesanteckningar kommer)': the thing that comes;
        'Lantmäteriet: Rumslig eller geografisk upplösning - Referensgruppen föredrar rumslig':
        what the group resolved, written after the topic on the heading's line."""
        for m in PAREN_CONTENT_RE.finditer(self.text, u.start, u.end):
            s, e = trim_span(self.text, m.start(1), m.end(1))
            hit = act.classify(self.text, s, e, self.cues, self.names)
            if hit is not None and hit.coming and not hit.assignees:
                self.add_action(s, e, hit, "coming", ctx)
        m = HEADING_STATEMENT_RE.match(self.text, u.start, u.end)
        if m is not None and len(WORD_RE.findall(m.group("tail"))) >= 4:
            s, e = trim_span(self.text, m.start("tail"), u.end)
            hit = dec.classify(self.text[s:e], self.cues)
            if hit is not None and hit.cue and self.text[s:e].find(hit.cue) > 0:
                self.add_decision(s, e, hit.kind, hit.cue, "heading-statement", ctx)

    def on_label(self, u: Unit, ctx: Ctx) -> None:
        """A line ending in ':' that is no known label can still say something ('Tider bokas upp inför
        vårterminen:')."""
        if ctx.label_kind is None and ctx.subsection not in QUIET:
            prose.read(self, u, ctx, reporting=ctx.subsection in REPORTING)

    def on_row(self, u: Unit, ctx: Ctx) -> None:
        """A table row: the header names the columns; a task, a decision or a vote per row."""
        if RULE_RE.match(self.text[u.start:u.end]):
            return  # the '|---|---|' rule under a markdown header
        cells = [(self.text[a:b], a, b) for a, b in u.cells]
        roles = header_roles([c for c in cells if c[0].strip()], self.cues)
        votes = vote_columns([c[0] for c in cells])
        if u.table not in self.tables and (roles is not None or votes is not None):
            self.tables[u.table] = ("votes", votes) if votes is not None else ("tasks", _full_roles(cells, self.cues))
            full = self.tables[u.table][1]
            self.table_heads[u.table] = [(_column(self.text, c[1]), r) for c, r in zip(cells, full) if c[0].strip()]
            return
        kind, roles = self.tables.get(u.table, (None, None))
        if kind == "tasks" and self.table_heads.get(u.table) and "|" not in self.text[u.start:u.end] \
                and "\t" not in self.text[u.start:u.end]:
            cells, roles = _by_position(self.text, u, self.table_heads[u.table])
        if kind == "votes":
            formal.vote_row(self.items.setdefault(ctx.item, {}), u.table, cells, roles)
        elif kind == "tasks":
            self._task_row(u, ctx, cells, roles)

    def _task_row(self, u: Unit, ctx: Ctx, cells: list, roles: list) -> None:
        row = {r: c for r, c in zip(roles, cells) if r and c[0].strip(" -–—")}
        if not any(c[0].strip() for c in cells):
            return
        what = row.get("what") or next((c for c in cells if c[0].strip() and c not in row.values()), None)
        if "followup" in row:
            _, fs, fe = row["followup"]   # a sentence: its subject does it, its time expression is the due
            hit = act.task_item(self.text, fs, fe, self.cues, self.names, None)
            self.add_action(fs, fe, act.ActionHit("table", hit.assignees, 0), "table", ctx, self.due(self.text[fs:fe]))
        elif "who" in row or ("decision" not in row and "who" in roles):
            who = act.split_names(row["who"][0]) if "who" in row else []
            due_text = row["when"][0] if "when" in row else None
            due = (due_text, parse_date(due_text, year_of(self.meeting))) if due_text else (None, None)
            # the task is the 'Vad' cell; who and when are their own columns
            start, end = (what[1], what[2]) if what else (u.start, u.end)
            self.add_action(start, end, act.ActionHit("table", who, 0), "table", ctx, due)
        elif "decision" in row:
            _, ds, de = row["decision"]
            self.add_decision(ds, de, kind_of(self.text[ds:de], self.cues), "table", "table", ctx)

    def on_text(self, u: Unit, ctx: Ctx) -> None:
        """An item or paragraph, read by where it stands."""
        sub = ctx.subsection
        if sub in QUIET or sub in REPORTING or sub == "Jäv":
            formal.record(self, u, ctx)
            if sub in REPORTING:
                prose.read(self, u, ctx, reporting=True)
            return
        if sub == "Beslut" and ctx.label_kind != "task":
            formal.decision_paragraph(self, u, ctx)
            return
        label_kind = "decision" if _is_decision_label(u, self.cues) else ctx.label_kind
        if u.label and self.cues.is_label(u.label, "task"):
            label_kind = "task"
        if label_kind == "decision":
            self.decision_list(u, ctx)
        elif label_kind == "task" or (ctx.task_heading and u.kind == "item"):
            todo.read(self, u, ctx)
        elif label_kind == "opinion":
            prose.read(self, u, ctx, opinion=True)
        else:
            prose.read(self, u, ctx)

    def decision_list(self, u: Unit, ctx: Ctx) -> None:
        """Under 'Beslut:' (or written 'Beslut: …'): each item, 'att' clause or sentence is a decision;
        one that gives someone a task ('att uppdra åt X att …') is also an action item."""
        text = self.text
        if u.kind == "item" or u.label:
            spans = [trim_item(text, u.start, u.end)]
        else:
            spans = [trim_span(text, x.start, x.end) for x in split_sentences(text, u)]
        for s, e in spans:
            if e <= s:
                continue
            body_s = u.label_end if u.label and s == u.start and u.label_end else s
            rule = "beslut-inline" if u.label else "beslut-label"
            if u.label and len(WORD_RE.findall(text[body_s:e])) <= 3 and self._question_before(u):
                self._answer(u, ctx, body_s, e)
                continue
            self.decision(s, e, body_s, rule, ctx, u.label or ctx.label or "Beslut")
            self.prev, self.prev_kind = (s, e), "decided"

    def decision(self, s: int, e: int, body_s: int, rule: str, ctx: Ctx, cue: str) -> None:
        """A statement that is a decision by its place; one that gives someone a task ('att uppdra åt
        X att …', 'Beslut: Göran skriver ansökan') is also an action item."""
        hit = act.classify(self.text, body_s, e, self.cues, self.names, self.prev)
        assigned = hit is not None and hit.explicit and bool(hit.assignees)
        kind = kind_of(self.text[body_s:e], self.cues)
        kind = "assigned" if assigned and kind != "postponed" else kind   # a återremiss stays postponed
        self.add_decision(s, e, kind, cue.strip().rstrip(":"), rule, ctx)
        if hit is not None and hit.assignees and not hit.coming:
            self.add_action(s, e, hit, "decision-assigned" if assigned else "decision-task", ctx,
                            self.due(self.text[body_s:e]))
        elif hit is None:
            self._assigned_sentences(body_s, e, ctx)

    def _assigned_sentences(self, s: int, e: int, ctx: Ctx) -> None:
        """A decided paragraph of several sentences whose later one gives a task ('Styrelsen beviljar
        medlen. Förbundschefen får i uppdrag att teckna avtal.'): that sentence is an action item too."""
        spans = [trim_span(self.text, x.start, x.end) for x in split_sentences(self.text, Unit("para", s, e))]
        for k, (a, b) in enumerate(spans):
            hit = act.classify(self.text, a, b, self.cues, self.names, self.prev) if k and b > a else None
            if hit is not None and hit.explicit and hit.assignees:
                self.add_action(a, b, hit, "decision-assigned", ctx, self.due(self.text[a:b]))

    def _answer(self, u: Unit, ctx: Ctx, body_s: int, e: int) -> None:
        """A short 'Beslut: Ja' / 'Beslut: bifalles' decides the unit before it: a question is the
        decision with its answer ('Slänger vi paj …? Beslut: Ja'); a proposal ('Att: …', 'Yrkande: …')
        is the decision itself, of the kind the answer gives ('bifalles' approved, 'avslås' rejected)."""
        p = self.prev_unit
        kind = kind_of(self.text[body_s:e], self.cues)
        m = prose.PROPOSAL_LINE_RE.match(self.text[p.start:p.end])
        if m is None:
            self.add_decision(p.start, e, kind, u.label, "beslut-answer", ctx)
        else:
            s, pe = trim_span(self.text, p.start + m.end(), p.end)
            self.add_decision(s, pe, kind if kind != "decided" else "approved", u.label, "beslut-proposal", ctx)
        self.prev, self.prev_kind = (p.start, e), "decided"

    def _question_before(self, u: Unit) -> bool:
        """Is the unit before a question or a proposal ('Att: …', 'Yrkande: …') that a short answer decides?"""
        p = self.prev_unit
        if p is None or p.kind not in ("item", "para") or (u.depth and p.depth > u.depth):
            return False
        before = self.text[p.start:p.end].rstrip()
        return before.endswith("?") or prose.PROPOSAL_LINE_RE.match(before) is not None


def _is_decision_label(u: Unit, cues: Cues) -> bool:
    return bool(u.label) and cues.is_label(u.label, "decision")


def _column(text: str, pos: int) -> int:
    return pos - (text.rfind("\n", 0, pos) + 1)


def _by_position(text: str, u: Unit, head: list) -> tuple[list, list]:
    """A row of a table laid out with spaces, cut where the header's columns start (snapped to the
    space before a word): 'Kristina, Bertil  Fråga efter fler volontärer      till nästa möte'
    under 'Vem   Vad   När' gives three cells even where two spaces part them."""
    line_start = text.rfind("\n", 0, u.start) + 1
    bounds = []
    for hcol, role in head:
        pos = min(max(line_start + hcol, u.start), u.end)
        while u.start < pos < u.end and not text[pos - 1].isspace():
            pos -= 1  # a cell that starts a little left of its header keeps its first word
        bounds.append((pos, role))
    out_cells, out_roles = [], []
    for k, (pos, role) in enumerate(bounds):
        end = bounds[k + 1][0] if k + 1 < len(bounds) else u.end
        if k == 0:
            pos = u.start
        s, e = trim_span(text, pos, max(pos, end))
        if e > s:
            out_cells.append((text[s:e], s, e))
            out_roles.append(role)
    return out_cells, out_roles


def _full_roles(cells: list, cues: Cues) -> list:
    """The role of every cell of the header (empty cells keep their place)."""
    return [cell_role(c[0], cues) if c[0].strip() else None for c in cells]
