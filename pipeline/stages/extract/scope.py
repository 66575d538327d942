"""Where each unit stands: its section, its formal item (§), the sub-heading and the label in force.

A formal protocol's sub-headings ('Beslut', 'Beslutsgång', 'Förslag till beslut', …) hold until the
next sub-heading, heading or item; ``blocks.subsection``, when segmentation has set it, is taken
as it is. A label ('Beslut:', 'Att göra:', 'Synpunkter:') covers what belongs to it: the list
below it (the items deeper than the label when the label is itself a list item) or the paragraph
right below it, and ends at the next paragraph after its list, heading or label. A heading that
is a to-do title ('Att göra', 'Åtgärdslista') makes its whole section a to-do list.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from pipeline.contract.record import section_at
from pipeline.stages.extract.cues import Cues
from pipeline.stages.extract.layout import Unit

LABEL_KINDS = ("decision", "task", "opinion", "report")


@dataclass
class Ctx:
    section_id: str | None = None
    item: int = 0  # the formal item (a § or a numbered item) the unit is in; 0 before the first
    subsection: str | None = None  # canonical sub-heading in force ('Beslut', 'Beslutsgång', …)
    label: str | None = None  # the label in force, as written ('Beslut', 'Att göra')
    label_kind: str | None = None  # decision | task | opinion | report | None (another label)
    task_heading: bool = False  # the section's heading is a to-do title
    next_meeting: bool = False  # the section is about the next meeting
    title: str | None = None  # the section's title


# a lead-in that ends in ':' and says a decision follows ('Kommunrevisionen beslutar att ge:')
LEAD_IN_RE = re.compile(r"\b(beslutar|beslutade|beslöt|beslutas|beslutades|beslöts|beslot|besluta)\b", re.IGNORECASE)


def label_kind(label: str | None, cues: Cues, colon: bool = False) -> str | None:
    """decision | task | opinion | report | None: what the items below a label are."""
    if not label:
        return None
    kind = next((k for k in LABEL_KINDS if cues.is_label(label, k)), None)
    if kind is None and colon and LEAD_IN_RE.search(label):
        return "decision"
    return kind


class _Label:
    """A label and how far it reaches."""

    def __init__(self, unit: Unit, kind: str | None):
        self.name, self.kind, self.depth = unit.name, kind, unit.depth
        self.seen_list = False
        self.seen_para = False

    def covers(self, u: Unit) -> bool:
        if u.kind == "item":
            if self.depth and u.depth <= self.depth:
                return False
            if self.seen_para and not self.seen_list and not self.depth:
                return False
            self.seen_list = True
            return True
        if u.kind == "para":
            if self.depth or self.seen_list or self.seen_para:
                return False
            self.seen_para = True
            return True
        return u.kind == "row"


# a line under 'Beslut' that reads as a heading of its own ('Dagens sammanträde'): the decisions end there
OTHER = "Annan rubrik"
TITLE_RE = re.compile(r"^[A-ZÅÄÖ][\w åäöÅÄÖé&/-]{2,50}$")


def formal_layout(text: str, units: list[Unit]) -> bool:
    """Is the document a formal protocol: § items, or sub-headings of more than one kind besides 'Beslut'?"""
    names = {u.name for u in units if u.kind == "subheading"} - {"Beslut"}
    return any(u.kind == "heading" and u.paragraph for u in units) or len(names) >= 2


def contexts(text: str, units: list[Unit], sections: list[dict], cues: Cues) -> list[Ctx]:
    """The context of every unit, in order.

    In a formal protocol a heading that opens no item (a running page header the segmenter took
    for a section) does not end the sub-heading in force: only an item ('§ 12', '12') or a heading
    the reader marked does.
    """
    titles = {s["section_id"]: s.get("title") for s in sections}
    formal = formal_layout(text, units)
    out: list[Ctx] = []
    item, item_no = 0, None
    sub: str | None = None
    label: _Label | None = None
    task_heading = next_heading = False
    for u in units:
        sec = u.section_id or section_at(sections, u.start)
        if u.kind == "heading" and u.title:
            pass  # the title line of the item just opened
        elif u.kind == "heading" and not (u.paragraph and u.paragraph == item_no):  # not 'forts. § 12'
            if u.paragraph or u.block_heading or not formal:
                item, item_no, sub = item + 1, u.paragraph, None
            label = None
            task_heading = cues.is_label(text[u.start:u.end], "task")
            next_heading = cues.is_next_meeting(text[u.start:u.end])
        elif u.kind == "subheading":
            sub, label = u.name, None
        elif u.kind == "label":
            label = _Label(u, label_kind(u.name, cues, text[u.start:u.end].rstrip().endswith(":")))
        elif label is not None and not label.covers(u):
            label = None
        if sub == "Beslut" and u.kind == "para" and _title_like(text, u, cues):
            sub = OTHER
        title = titles.get(sec)
        out.append(Ctx(sec, item, u.subsection or sub, label.name if label else None, label.kind if label else None,
                       task_heading or (bool(title) and cues.is_label(title, "task")),
                       next_heading or cues.is_next_meeting(title), title))
    return out


def _title_like(text: str, u: Unit, cues: Cues) -> bool:
    """A one-line paragraph that reads as a heading: short, capitalised, unpunctuated, no decision in it."""
    from pipeline.stages.extract import decisions as dec

    line = text[u.start:u.end]
    return len(u.lines) == 1 and len(line.split()) <= 5 and TITLE_RE.match(line) is not None \
        and dec.classify(line, cues, strict=False) is None
