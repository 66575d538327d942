"""pipeline/stages/extract/cues.py and cues.yaml: the researcher-editable vocabulary."""
from __future__ import annotations

import re
from pathlib import Path

import yaml

from pipeline.lang.fold import fold_cue_text as fold
from pipeline.stages.extract.cues import DEFAULT_PATH, compile_pattern, load_cues
from pipeline.stages.extract.kinds import KINDS

from .helpers import run, texts


def test_every_pattern_in_the_cue_file_compiles_and_every_section_is_read(cues):
    data = yaml.safe_load(DEFAULT_PATH.read_text(encoding="utf-8"))
    for key in ("decisions", "decision_labels", "decision_blockers", "decision_past_markers", "decision_kind_verbs",
                "report_titles", "task_labels", "assignment_patterns", "task_verbs", "action_blockers",
                "due_markers", "table_columns", "opinion_labels"):
        assert data.get(key), key
    # every kind a cue names is one of the vocabulary (kinds.KINDS)
    assert {k for k, _ in cues.decisions} == {"decided", "postponed", "elected", "approved", "noted", "rejected",
                                              "adopted", "formed", "scheduled"}
    assert {k for k, _ in cues.decision_kind_verbs} <= set(KINDS)
    assert len(cues.task_verbs) == len(data["task_verbs"])
    assert len(cues.assignment) == len(data["assignment_patterns"])
    for p in cues.assignment:
        assert "who" in p.groupindex


def test_patterns_are_written_in_swedish_and_match_folded_and_ocr_damaged_text():
    rx = compile_pattern(r"\bbeslöt\b")
    assert rx.search(fold("Styrelsen beslöt att …"))
    assert rx.search(fold("Styrelsen beslot att …"))       # å/ä/ö lost in OCR
    assert rx.search(fold("STYRELSEN BESLÖT ATT"))         # case
    assert compile_pattern(r"\bövriga\b").search(fold("6vriga frågor"))   # OCR '6' for 'ö'
    assert not rx.search(fold("Styrelsen beslutade"))


def test_labels_and_titles(cues):
    assert cues.is_label("Beslut:", "decision")
    assert cues.is_label("Kommunstyrelsen beslutar", "decision")
    assert cues.is_label("Kultur- och fritidsnämnden beslutade att", "decision")
    assert not cues.is_label("Kommunstyrelsen beslutar att anta riktlinjerna", "decision")
    assert cues.is_label("Synpunkter och tankar:", "opinion")
    assert cues.is_label("Förslag till beslut", "report")
    assert cues.is_label("2. Ärendebeskrivning", "report")
    assert not cues.is_label("Beslut", "report")
    assert cues.is_label("Att göra till nästa möte:", "task")
    assert cues.is_label("Åtgärder", "task")
    assert cues.is_next_meeting("§ 9 Nästa möte")
    assert not cues.is_next_meeting("Mötets avslutande")
    assert cues.is_next_meeting("Punkt 7 – Nästa möte") and cues.is_next_meeting("Ärende 7. Nästa möte")
    assert not cues.is_next_meeting("Punkt 7 – Mötet avslutas")


def test_a_researcher_can_extend_the_cues_without_touching_the_engine(tmp_path):
    text = "1. Lokaler\nFrågan hänsköts till kommunfullmäktige.\nAnna kollar upp hyran.\n"
    decisions, _ = run(text)
    assert decisions == []
    data = yaml.safe_load(DEFAULT_PATH.read_text(encoding="utf-8"))
    data["decisions"].append({"kind": "postponed", "patterns": [r"\bhänsköts\b"]})
    own = tmp_path / "mina_cues.yaml"
    own.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    decisions, actions = run(text, params={"extract": {"cues_file": str(own)}})
    assert [(d["text"], d["kind"]) for d in decisions] == [("Frågan hänsköts till kommunfullmäktige.", "postponed")]
    assert texts(actions) == ["Anna kollar upp hyran."]


def test_cue_file_is_loaded_once(cues):
    assert load_cues() is cues
    assert load_cues(str(DEFAULT_PATH)) is not None
    assert isinstance(cues.coming, re.Pattern) and Path(DEFAULT_PATH).suffix == ".yaml"
