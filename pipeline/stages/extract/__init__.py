"""Decisions (beslut) and action items (who is to do what, by when) from meeting minutes.

Rule-based and shippable: the document's blocks (headings, list items with their depth, table
rows and cells) read into units (``layout``), the context of each unit — section, formal item (§),
the sub-heading ('Beslut', 'Beslutsgång', …) and the label ('Beslut:', 'Att göra:') in force —
(``scope``), and one handler per kind of unit (``walk``): formal protocols (``formal``: the text
under 'Beslut', votes, reservations, immediate adjustment), running text sentence by sentence
(``prose``: decision cues, assignments, task verbs), to-do lists and imperatives (``todo``), and
action tables (``tables``). The Swedish vocabulary is in one readable cue file (``cues.yaml``) and
in ``pipeline.lang.protocol`` (the sub-headings of a formal item); ``kinds`` documents the one
vocabulary of ``decisions.kind``. Names come from the NER stage's entities and the attendee list;
rapidfuzz links assignees to attendees (``assignees``); deadlines are read by ``due``.

Every row carries ``rule``, the rule family that found it (benchmarks/extract_rules.py reports on
which sources each family fires).

params (the ``extract`` section of params.yaml; all optional):
  cues_file: path of an alternative cue file (default: pipeline/stages/extract/cues.yaml)
  next_meeting_contributions: true  – guests/items listed under 'Nästa möte' are action items
  resolve_threshold: 88             – rapidfuzz ratio for fuzzy name resolution
"""
from __future__ import annotations

import re

from pipeline.contract.record import MinutesRecord
from pipeline.contract.stage import StageSpec
from pipeline.stages.extract import actions as act
from pipeline.stages.extract.cues import load_cues
from pipeline.stages.extract.layout import units as read_units
from pipeline.stages.extract.params import ExtractParams
from pipeline.stages.extract.scope import contexts
from pipeline.stages.extract.tables import is_header_line
from pipeline.stages.extract.walk import Walk

__all__ = ["STAGE", "ExtractParams", "extract_decisions_and_actions", "extract_stage"]

CAPSEQ_RE = re.compile(r"(?:(?<![\w.])|(?<=\nà))[A-ZÅÄÖ][A-ZÅÄÖa-zåäöéü0-9]+"
                       r"(?:[ -][A-ZÅÄÖ][A-ZÅÄÖa-zåäöéü0-9]+){0,2}(?![\w.]\w)")


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
        initial = m.start() == 0 or re.search(r"(^|[.!?:\n]\s*|\n\s*[-–•●○■e]\s|\nà\s?)$", before) is not None
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


def extract_decisions_and_actions(text: str, meeting: dict | None, sections: list[dict], entities: list[dict],
                                  attendees: list[dict], params: dict, blocks: list[dict] | None = None
                                  ) -> tuple[list[dict], list[dict]]:
    """Decisions and action items of one document; rows follow DECISIONS / ACTION_ITEMS in pipeline.contract.schema.

    ``blocks`` are the document's blocks (rows of the blocks table); without them the text's lines
    are read for the structure.
    """
    p = _params(params)
    cues = load_cues(p.get("cues_file"))
    sections = sections or []
    # a heading that is a decision label ('Kommunstyrelsen beslutar') opens a list of decisions
    # (and a table's header row read as a heading is the table's)
    heading_starts = {s["start_char"] for s in sections
                      if not cues.is_label((s.get("title") or "").rstrip(":"), "decision")
                      and not is_header_line(s.get("title") or "", cues)}
    units = read_units(text, blocks, heading_starts, cues)
    walk = Walk(text, meeting, sections, attendees or [], _names(text, entities, attendees), cues, p)
    walk.run(units, contexts(text, units, sections, cues))
    decisions = sorted(walk.decisions, key=lambda r: r["start_char"])
    actions = sorted(walk.actions, key=lambda r: r["start_char"])
    return decisions, actions


def extract_stage(rec: MinutesRecord, params: ExtractParams) -> None:
    rec.decisions, rec.action_items = extract_decisions_and_actions(
        rec.document["text"], rec.meeting, rec.sections, rec.entities, rec.attendees, params, rec.blocks)


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
