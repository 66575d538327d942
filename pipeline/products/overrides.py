"""Hand corrections that survive re-runs: ``minutes run … --overrides FILE.yaml`` (or ``OUT/overrides.yaml``).

A researcher who finds a wrong body, a missed attendee, a false decision or a wrong person merge
writes it down once; every later run applies it again after extraction. The cache keeps the
pipeline's own results, so removing an entry brings the pipeline's row back.

The file is a YAML list; each entry names a ``table``, the row by its id column, and one action::

    - table: decisions
      decision_id: d-3f2a9c0b1e4d
      set: {kind: postponed}          # change columns
    - table: decisions
      decision_id: d-77aa01b2c3d4
      drop: true                      # a false decision
    - table: attendees
      meeting_id: 5a4cfbc16e09210b-1
      add: {name: Kim Berg, organisation: RSMH, role: ledamot, present: true, text: Kim Berg}
    - table: meetings
      meeting_id: 5a4cfbc16e09210b-1
      set: {body: Socialnämnden}
    - table: persons
      merge: [p-1a2b3c4d5e, p-99aa88bb77]   # the second becomes the first
    - table: persons
      person_id: p-1a2b3c4d5e
      split: [Anna B, Anna Berg]      # these name forms are someone else

``add`` needs the ``meeting_id`` of the document and a ``text`` that occurs in its text (white space
is forgiven): the row's offsets are where it occurs (``occurrence: 2`` for the second). Every changed
or added row carries ``overridden = true``. :meth:`OverrideSet.report` lists the entries that applied
and those whose target no longer exists (a warning in ``run.json``, not an error).
"""
from __future__ import annotations

import copy
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pipeline.contract.ids import ROW_IDS, content_id, row_id
from pipeline.contract.schema import ALL_TABLES

ACTIONS = ("set", "drop", "add", "merge", "split")
ID_COLUMNS: dict[str, str] = {"meetings": "meeting_id", "persons": "person_id",
                              **{t: c for t, (c, _, _) in ROW_IDS.items()}}
# columns a `set` may not touch: identity and provenance
FIXED_COLUMNS = {"meeting_id", "doc_id", "start_char", "end_char", "overridden", "confidence", *ID_COLUMNS.values()}


class OverrideError(ValueError):
    """An overrides file that cannot be applied as written."""


@dataclass(frozen=True)
class Override:
    index: int            # 1-based position in the file, for messages
    table: str
    action: str
    target: str | None    # the id of the row (None for add and merge)
    value: Any            # the columns to set / the row to add / the ids to merge / the forms to split
    meeting_id: str | None = None

    def describe(self) -> str:
        what = self.target or self.meeting_id or ", ".join(self.value if self.action == "merge" else [])
        return f"#{self.index} {self.table} {self.action} {what}".strip()


def _parse_entry(i: int, entry: Any) -> Override:
    if not isinstance(entry, dict):
        raise OverrideError(f"overrides #{i}: an entry must be a mapping, got {type(entry).__name__}")
    table = entry.get("table")
    if table not in ID_COLUMNS:
        raise OverrideError(f"overrides #{i}: unknown table {table!r} (tables: {', '.join(ID_COLUMNS)})")
    actions = [a for a in ACTIONS if a in entry]
    if len(actions) != 1:
        raise OverrideError(f"overrides #{i}: give exactly one of {', '.join(ACTIONS)}")
    action, value = actions[0], entry[actions[0]]
    id_col = ID_COLUMNS[table]
    target = entry.get(id_col) if action not in ("add", "merge") else None
    if action in ("set", "drop", "split") and not target:
        raise OverrideError(f"overrides #{i}: {action} needs the row's {id_col}")
    if action in ("merge", "split") and table != "persons":
        raise OverrideError(f"overrides #{i}: {action} is for the persons table")
    if action == "set":
        if not isinstance(value, dict) or not value:
            raise OverrideError(f"overrides #{i}: set needs a mapping of columns")
        bad = sorted(c for c in value if c not in ALL_TABLES[table].names or c in FIXED_COLUMNS)
        if bad:
            raise OverrideError(f"overrides #{i}: cannot set {table}.{bad[0]}")
    if action == "drop" and value is not True:
        raise OverrideError(f"overrides #{i}: drop must be true")
    if action == "add":
        if table in ("meetings", "persons") or not isinstance(value, dict) or not value.get("text"):
            raise OverrideError(f"overrides #{i}: add needs a row with its text (tables with offsets only)")
        if not entry.get("meeting_id"):
            raise OverrideError(f"overrides #{i}: add needs the meeting_id of the document")
    if action == "merge" and not (isinstance(value, list) and len(value) >= 2):
        raise OverrideError(f"overrides #{i}: merge needs a list of two or more person_ids")
    if action == "split" and not (isinstance(value, list) and value):
        raise OverrideError(f"overrides #{i}: split needs the list of name forms that are someone else")
    return Override(i, table, action, target, value, entry.get("meeting_id"))


def load_overrides(path: str | Path) -> list[Override]:
    import yaml

    path = Path(path)
    if not path.is_file():
        raise OverrideError(f"overrides file not found: {path}")
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8")) or []
    except yaml.YAMLError as exc:
        raise OverrideError(f"overrides file {path} is not valid YAML: {exc}") from exc
    if not isinstance(data, list):
        raise OverrideError(f"overrides file {path} must be a YAML list of entries")
    return [_parse_entry(i, e) for i, e in enumerate(data, start=1)]


def _find(text: str, needle: str, occurrence: int = 1) -> tuple[int, int] | None:
    """Offsets of the ``occurrence``-th match of ``needle`` in ``text``, white space forgiven."""
    words = needle.split()
    if not words:
        return None
    pattern = re.compile(r"\s+".join(map(re.escape, words)))
    for k, m in enumerate(pattern.finditer(text), start=1):
        if k == occurrence:
            return m.start(), m.end()
    return None


@dataclass
class OverrideSet:
    """The overrides of one run, applied record by record, then to the persons."""

    overrides: list[Override]
    applied: set[int] = field(default_factory=set)
    problems: dict[int, str] = field(default_factory=dict)

    @classmethod
    def from_file(cls, path: str | Path | None) -> OverrideSet:
        return cls(load_overrides(path) if path else [])

    def __bool__(self) -> bool:
        return bool(self.overrides)

    def _row_overrides(self):
        return [o for o in self.overrides if o.table != "persons"]

    def apply(self, record):
        """A copy of ``record`` with the row overrides applied (the cached record is left alone)."""
        mine = [o for o in self._row_overrides() if self._concerns(o, record)]
        if not mine:
            return record
        record = copy.deepcopy(record)
        for o in mine:
            if o.action == "add":
                self._add(o, record)
            else:
                self._change(o, record)
        return record

    @staticmethod
    def _concerns(o: Override, record) -> bool:
        meeting = record.meeting
        if o.action == "add" or o.table == "meetings":
            return meeting is not None and (o.meeting_id or o.target) == meeting.get("meeting_id")
        return any(r.get(ID_COLUMNS[o.table]) == o.target for r in getattr(record, o.table))

    def _change(self, o: Override, record) -> None:
        rows = record.meetings if o.table == "meetings" else getattr(record, o.table)
        col = ID_COLUMNS[o.table]
        for k, row in enumerate(rows):
            if row.get(col) != o.target:
                continue
            if o.action == "drop":
                del rows[k]
            else:
                row.update(o.value)
                row["overridden"] = True
            self.applied.add(o.index)
            return

    def _add(self, o: Override, record) -> None:
        text = record.document.get("text") or ""
        row = dict(o.value)
        span = _find(text, row.pop("text"), int(row.pop("occurrence", 1)))
        if span is None:
            self.problems[o.index] = "the text of the row to add does not occur in the document"
            return
        start, end = span
        column = ID_COLUMNS[o.table]
        row.update(meeting_id=o.meeting_id, start_char=start, end_char=end, overridden=True,
                   **({"text": text[start:end]} if "text" in ALL_TABLES[o.table].names else {}))
        if o.table != "sections":
            row.setdefault("section_id", next((s["section_id"] for s in record.sections
                                               if s["start_char"] <= start < s["end_char"]), None))
        rows = getattr(record, o.table)
        # the new row's own id only: the pipeline's rows keep theirs, also where another entry changed them
        row[column] = row_id(o.table, record.document.get("doc_id"), row, {r.get(column) for r in rows})
        rows.append(row)
        rows.sort(key=lambda r: (r.get("start_char") or 0))
        self.applied.add(o.index)

    # -- persons ----------------------------------------------------------------------------------
    def person_remap(self, persons: list[dict]) -> dict[str, str]:
        """old person_id -> new, from the merge entries (the first id of each list survives)."""
        known = {p["person_id"] for p in persons}
        remap: dict[str, str] = {}
        for o in self.overrides:
            if o.action != "merge":
                continue
            missing = [pid for pid in o.value if pid not in known]
            if missing:
                self.problems[o.index] = f"person {missing[0]} no longer exists"
                continue
            head = remap.get(o.value[0], o.value[0])
            for pid in o.value[1:]:
                remap[pid] = head
            self.applied.add(o.index)
        return remap

    def splits(self, persons: list[dict]) -> dict[tuple[str, str], str]:
        """(person_id, name form) -> the new person's id, from the split entries."""
        known = {p["person_id"] for p in persons}
        out: dict[tuple[str, str], str] = {}
        for o in self.overrides:
            if o.action != "split":
                continue
            if o.target not in known:
                self.problems[o.index] = f"person {o.target} no longer exists"
                continue
            new = content_id("p", o.target, *sorted(o.value))
            out.update({(o.target, form): new for form in o.value})
            self.applied.add(o.index)
        return out

    def report(self) -> dict:
        """For run.json: what applied, and what did not (the target no longer exists)."""
        missing = [{"entry": o.describe(), "why": self.problems.get(o.index, "the target row no longer exists")}
                   for o in self.overrides if o.index not in self.applied]
        return {"applied": [o.describe() for o in self.overrides if o.index in self.applied], "not_applied": missing}


@dataclass
class PersonRelinker:
    """Applies the persons' merge and split entries to records as they are written, and fixes the
    persons table afterwards (counts recomputed from the relinked records)."""

    remap: dict[str, str]
    splits: dict[tuple[str, str], str]
    _meetings: dict[str, set] = field(default_factory=dict)
    _mentions: dict[str, int] = field(default_factory=dict)
    _forms: dict[str, set] = field(default_factory=dict)
    _orgs: dict[str, set] = field(default_factory=dict)

    @classmethod
    def of(cls, overrides: OverrideSet, persons: list[dict]) -> PersonRelinker:
        return cls(overrides.person_remap(persons), overrides.splits(persons))

    def _new(self, pid: str | None, form: str | None) -> str | None:
        if pid is None:
            return None
        new = self.splits.get((pid, form or ""), self.remap.get(pid, pid))
        return self.remap.get(new, new)

    def _count(self, old: str | None, new: str | None, meeting_id: str, form: str | None, org: str | None) -> None:
        if new is None or (old == new and old not in self.remap.values()):
            return
        self._meetings.setdefault(new, set()).add(meeting_id)
        self._mentions[new] = self._mentions.get(new, 0) + 1
        if form:
            self._forms.setdefault(new, set()).add(form)
        if org:
            self._orgs.setdefault(new, set()).add(org)

    def relink(self, record) -> None:
        if not (self.remap or self.splits):
            return
        for table, form_col in (("attendees", "name"), ("entities", "text")):
            for row in getattr(record, table):
                old = row.get("person_id")
                new = self._new(old, row.get(form_col))
                self._count(old, new, row["meeting_id"], row.get(form_col),
                            row.get("organisation") if table == "attendees" else None)
                if new != old:
                    row["person_id"], row["overridden"] = new, True
        for item in record.action_items:
            ids = item.get("assignee_person_ids") or []
            new_ids = [self._new(pid, None) for pid in ids]
            if new_ids != ids:
                item["assignee_person_ids"], item["overridden"] = list(dict.fromkeys(new_ids)), True

    def persons(self, rows: list[dict]) -> list[dict]:
        """The persons table after the merges and splits."""
        if not (self.remap or self.splits):
            return rows
        by_id = {r["person_id"]: dict(r) for r in rows if r["person_id"] not in self.remap}
        for pid in set(self._meetings) | set(self.splits.values()):
            row = by_id.setdefault(pid, {"person_id": pid, "name": None, "variants": [], "organisations": []})
            forms = self._forms.get(pid, set())
            if pid in set(self.splits.values()):
                row["variants"] = sorted(forms)
                row["organisations"] = sorted(self._orgs.get(pid, set()))
                row["name"] = max(forms, key=lambda f: (len(f.split()), len(f), f)) if forms else row["name"]
            else:
                row["variants"] = sorted(set(row.get("variants") or []) | forms)
                row["organisations"] = sorted(set(row.get("organisations") or []) | self._orgs.get(pid, set()))
            row["n_meetings"] = len(self._meetings.get(pid, ()))
            row["n_mentions"] = self._mentions.get(pid, 0)
            row["overridden"] = True
        split_of = {}
        for old, form in self.splits:
            split_of.setdefault(old, set()).add(form)
        for old, forms in split_of.items():
            if old in by_id:
                by_id[old]["variants"] = [v for v in by_id[old].get("variants") or [] if v not in forms]
                by_id[old]["overridden"] = True
        return sorted(by_id.values(), key=lambda r: r["person_id"])
