"""Load and compile the cue file (cues.yaml) once per process."""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

import yaml

from pipeline.lang.fold import fold_cue_text as fold

DEFAULT_PATH = Path(__file__).with_name("cues.yaml")
_FOLD = str.maketrans({"å": "a", "ä": "a", "ö": "o", "é": "e", "Å": "A", "Ä": "A", "Ö": "O", "É": "E"})


_FLAT = str.maketrans({"\n": " ", "\t": " ", "\r": " ", "\u00a0": " "})


@lru_cache(maxsize=4096)
def flat(s: str) -> str:
    """The text cue patterns are matched on: folded, and a line break or tab read as a space (same
    length, so offsets into it are offsets into ``s``): 'Vi\nväntar med beslut' matches 'vi väntar med'.
    Cached: a sentence is read by the decision, task, deadline and passive rules in turn."""
    return fold(s).translate(_FLAT)


def compile_pattern(pattern: str) -> re.Pattern:
    """Compile a cue pattern for matching against ``fold``-ed text (å/ä/ö written as usual)."""
    return re.compile(pattern.translate(_FOLD), re.IGNORECASE)


@dataclass
class TaskVerb:
    regex: re.Pattern
    source: str
    subject: str = "any"  # 'any' | 'named'
    we: bool = False
    passive: bool = False
    modal: bool = False
    assigns: bool = False  # naming the doer gives the task: the sentence is also a decision (`assigned`)
    dated: bool = False  # a task only with a time to do it by ('Malin kontrollerar fakturan före mötet')


@dataclass
class Cues:
    decisions: list[tuple[str, re.Pattern]] = field(default_factory=list)
    decision_groups: list[tuple[str, re.Pattern, str]] = field(default_factory=list)  # kind, pattern, family
    decision_labels: list[re.Pattern] = field(default_factory=list)
    next_meeting_titles: list[re.Pattern] = field(default_factory=list)
    decision_blockers: list[re.Pattern] = field(default_factory=list)
    decision_past_markers: list[re.Pattern] = field(default_factory=list)
    decision_sentence_blockers: list[re.Pattern] = field(default_factory=list)
    decision_proposal_blockers: list[re.Pattern] = field(default_factory=list)
    decision_kind_verbs: list[tuple[str, re.Pattern]] = field(default_factory=list)
    report_titles: list[re.Pattern] = field(default_factory=list)
    task_labels: list[re.Pattern] = field(default_factory=list)
    assignment: list[re.Pattern] = field(default_factory=list)
    task_verbs: list[TaskVerb] = field(default_factory=list)
    coming: re.Pattern | None = None
    staffing: list[re.Pattern] = field(default_factory=list)
    action_blockers: list[re.Pattern] = field(default_factory=list)
    non_agents: re.Pattern | None = None
    agent_nouns: re.Pattern | None = None
    pronouns: re.Pattern | None = None
    subject_prefixes: re.Pattern | None = None
    due_markers: list[tuple[re.Pattern, bool]] = field(default_factory=list)
    relative_due: re.Pattern | None = None
    due_attributive: re.Pattern | None = None
    table_columns: dict[str, re.Pattern] = field(default_factory=dict)
    opinion_labels: list[re.Pattern] = field(default_factory=list)
    imperatives: re.Pattern | None = None
    agents: re.Pattern | None = None
    _label_cache: dict = field(default_factory=dict, repr=False, compare=False)

    def is_label(self, label: str | None, which: str) -> bool:
        if not label:
            return False
        key = (label, which)
        if key not in self._label_cache:
            if len(self._label_cache) > 50000:
                self._label_cache.clear()
            self._label_cache[key] = self._is_label(label, which)
        return self._label_cache[key]

    def _is_label(self, label: str, which: str) -> bool:
        pats = {"decision": self.decision_labels, "opinion": self.opinion_labels,
                "report": self.report_titles, "task": self.task_labels}[which]
        f = fold(label.strip().rstrip(":").strip())
        if which in ("report", "task"):  # a numbered sub-heading: '2. Ärendebeskrivning'
            f = re.sub(r"^(§\s*)?\d+(\.\d+)*[.)]?\s+", "", f)
        return any(p.fullmatch(f) for p in pats)

    def is_next_meeting(self, title: str | None) -> bool:
        if not title:
            return False
        # 'Nästa möte', '7. Nästa möte', 'Punkt 7 – Nästa möte', 'Ärende 7. Nästa möte'
        f = fold(re.sub(r"^\s*(?:(?:§|punkt|ärende|item|paragraf)\s*)?\d+[.):]?\s*(?:[–—-]\s*)?", "", title,
                        flags=re.IGNORECASE))
        return any(p.search(f) for p in self.next_meeting_titles)


def _alt(words: str) -> re.Pattern:
    return compile_pattern(r"^(?:" + words + r")$")


@lru_cache(maxsize=8)
def load_cues(path: str | None = None) -> Cues:
    data = yaml.safe_load(Path(path or DEFAULT_PATH).read_text(encoding="utf-8"))
    c = Cues()
    for group in data.get("decisions", []):
        for p in group.get("patterns", []):
            c.decisions.append((group["kind"], compile_pattern(p)))
            c.decision_groups.append((group["kind"], c.decisions[-1][1], group.get("family") or group["kind"]))
    c.decision_labels = [compile_pattern(p) for p in data.get("decision_labels", [])]
    c.next_meeting_titles = [compile_pattern(p) for p in data.get("next_meeting_titles", [])]
    c.decision_blockers = [compile_pattern(p) for p in data.get("decision_blockers", [])]
    c.decision_past_markers = [compile_pattern(p) for p in data.get("decision_past_markers", [])]
    c.decision_sentence_blockers = [compile_pattern(p) for p in data.get("decision_sentence_blockers", [])]
    c.decision_proposal_blockers = [compile_pattern(p) for p in data.get("decision_proposal_blockers", [])]
    c.decision_kind_verbs = [(k, compile_pattern(p)) for k, p in (data.get("decision_kind_verbs") or {}).items()]
    c.report_titles = [compile_pattern(p) for p in data.get("report_titles", [])]
    c.task_labels = [compile_pattern(p) for p in data.get("task_labels", [])]
    c.assignment = [compile_pattern(p) for p in data.get("assignment_patterns", [])]
    for v in data.get("task_verbs", []):
        c.task_verbs.append(TaskVerb(compile_pattern(v["pattern"]), v["pattern"], v.get("subject", "any"),
                                     bool(v.get("we")), bool(v.get("passive")),
                                     bool(v.get("modal")), bool(v.get("assigns")), bool(v.get("dated"))))
    c.coming = compile_pattern(r"(?:^|\(|\b)(?:en |ett |de |den |det |separata |nya? |mer |mera |ytterligare )?(?:"
                               + data.get("coming_nouns", "inbjudan")
                               + r")(?:\s+(?:till|om|från|för|angående|inför|kring|med|med mer)\s+[^.,;:()]{1,40}?)?"
                               + r"\s+(?:kommer|skickas)\b(?!\s+att)")
    c.staffing = [compile_pattern(p) for p in data.get("staffing_patterns", [])]
    c.action_blockers = [compile_pattern(p) for p in data.get("action_blockers", [])]
    c.non_agents = _alt(data.get("non_agents", "vi|man|det"))
    c.agent_nouns = _alt(data.get("agent_nouns", "ordföranden|sekreteraren"))
    c.pronouns = _alt(data.get("pronouns", "han|hon|de"))
    c.subject_prefixes = compile_pattern(r"^(?:(?:" + data.get("subject_prefixes", "alla") + r")\s+)+")
    for m in data.get("due_markers", []):
        c.due_markers.append((compile_pattern(m["pattern"]), bool(m.get("keep_marker"))))
    c.due_attributive = compile_pattern(r"\b(?:" + data.get("due_attributive_nouns", "inbjudan|kallelse") + r")\s+$")
    c.relative_due = compile_pattern("(?:" + data.get("relative_due", r"nästa möte") + r")(?![\w])")
    c.table_columns = {k: _alt(v) for k, v in (data.get("table_columns") or {}).items()}
    c.opinion_labels = [compile_pattern(p) for p in data.get("opinion_labels", [])]
    if data.get("imperatives"):
        c.imperatives = compile_pattern(r"(?:" + data["imperatives"] + r")\b")
    if data.get("agent_words"):
        c.agents = _alt(data["agent_words"])
    return c
