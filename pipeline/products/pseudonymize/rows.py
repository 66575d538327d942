"""What one document's rows become: its texts with names and identifiers replaced, every offset
moved along, every other string column rewritten.

The text is rewritten once (:class:`DocumentRewrite`); each row is then transformed against it
(:meth:`DocumentRewrite.transform`): offsets through the :class:`OffsetMap`, a row text that was the
slice of the document at its offsets becomes the slice of the new text again, whole-name columns
(attendee names, authors, assignees) become the person's pseudonym, person_ids are replaced (the
originals are hashes of names, which a dictionary attack would reverse), and every other string
is searched for names and identifiers.
"""
from __future__ import annotations

import hashlib
import re

from pipeline.lang.identifiers import placeholder
from pipeline.lang.names import first_names
from pipeline.products.pseudonymize.io import Document
from pipeline.products.pseudonymize.matching import (
    NameMatcher,
    combine,
    identifier_hits,
    name_tokens,
    renderer,
    substitute,
)
from pipeline.products.pseudonymize.offsets import (
    Hit,
    Intervals,
    OffsetMap,
    align_corrections,
    apply_hits,
    corrections_inside,
    to_raw_hits,
    widen_to_corrections,
)
from pipeline.products.pseudonymize.people import PROTECTED_LABELS, PersonModel

_USED = re.compile(r"Person \d+")
ID_COLUMNS = {"doc_id", "meeting_id", "section_id", "person_id", "assignee_person_ids"}
SLICE_TABLES = ("attendees", "sections", "entities", "decisions", "action_items", "blocks", "identifiers",
                "person_mentions", "attendance")


def new_person_id(pseudonym: str) -> str:
    return "p-" + hashlib.sha1(f"pseudonym:{pseudonym}".encode()).hexdigest()[:10]


class Rewriter:
    """What is shared by every document: the person model, its pseudonyms and the new person_ids."""

    def __init__(self, model: PersonModel):
        self.model = model
        self.pseudonyms = model.pseudonyms
        self.render = renderer(self.pseudonyms)
        self.new_pid = {k: new_person_id(p) for k, p in self.pseudonyms.items() if k in model.forms}
        self.replacements = 0
        self.dropped_corrections = 0
        self.used: set[str] = set()

    def sub(self, value, matcher: NameMatcher):
        """Any column value with names and identifiers replaced (lists element by element)."""
        if isinstance(value, str):
            return substitute(value, matcher, self.pseudonyms)
        if isinstance(value, list):
            return [self.sub(v, matcher) for v in value]
        return value

    def person_name(self, name, matcher: NameMatcher, pid: str | None = None):
        """A whole-name column (attendee, author, assignee): the person's pseudonym."""
        if not isinstance(name, str) or not name.strip():
            return name
        if pid in self.pseudonyms:
            return self.pseudonyms[pid]
        toks = name_tokens(name)
        key = matcher.key_of(toks) if toks else None
        if key is None and len(toks) >= 2:
            key = self.model.full.get(toks)
        return self.pseudonyms[key] if key in self.pseudonyms else self.sub(name, matcher)

    def note(self, row: dict) -> dict:
        """Count the pseudonyms a row uses; replace its person_ids."""
        for value in row.values():
            for v in value if isinstance(value, list) else [value]:
                if isinstance(v, str) and "Person " in v:
                    self.used.update(_USED.findall(v))
        if row.get("person_id") in self.new_pid:
            row["person_id"] = self.new_pid[row["person_id"]]
        if row.get("assignee_person_ids"):
            row["assignee_person_ids"] = [self.new_pid.get(p, p) for p in row["assignee_person_ids"]]
        return row


class DocumentRewrite:
    """One document: the hits in its text, the new texts and the offset maps."""

    def __init__(self, rw: Rewriter, doc: Document):
        self.rw = rw
        self.rows = doc.rows
        meetings = doc.rows.get("meetings", [])
        self.meeting_id = meetings[0]["meeting_id"] if meetings else None
        self.matcher = rw.model.matcher(self.meeting_id)
        d = doc.row
        self.text, self.raw = d.get("text"), d.get("text_raw")
        self.text_map = self.raw_map = OffsetMap([])
        self.dropped: set[int] = set()
        if not isinstance(self.text, str):
            self.new_text, self.new_raw = self.text, rw.sub(self.raw, self.matcher)
            return
        aligned = align_corrections(self.raw, doc.rows.get("corrections", [])) if isinstance(self.raw, str) else []
        hits = widen_to_corrections(self._hits(aligned), aligned)
        self.new_text, spans = apply_hits(self.text, hits, rw.render)
        self.text_map = OffsetMap(spans)
        rw.replacements += sum(1 for h in hits if h.placeholder is None)
        if isinstance(self.raw, str):
            raw_hits = to_raw_hits(hits, aligned)
            self.new_raw, raw_spans = apply_hits(self.raw, raw_hits, rw.render)
            self.raw_map = OffsetMap(raw_spans)
            self.dropped = corrections_inside(aligned, raw_hits)
            rw.dropped_corrections += len(self.dropped)
        else:
            self.new_raw = self.raw

    def _hits(self, aligned) -> list[Hit]:
        text, m = self.text, self.matcher
        ids = identifier_hits(text, m)
        if isinstance(self.raw, str) and self.raw != text:  # one that only text_raw shows (repair changed it)
            to_text = OffsetMap([(a.raw_start, a.raw_end, a.start, a.end) for a in aligned])
            ids = combine(ids, [Hit(to_text.start(h.start), to_text.end(h.end), h.key, h.genitive, h.email,
                                    h.placeholder) for h in identifier_hits(self.raw, m)])
        forced = self._forced()
        model = self.rw.model
        protected = [(e["start_char"], e["end_char"]) for e in self.rows.get("entities", [])
                     if e.get("label") in PROTECTED_LABELS and e.get("start_char") is not None]
        guarded = Intervals(protected)  # a guess never reaches into an organisation or a place
        unlinked = [Hit(s, e, k) for s, e, k in model.unlinked_names(text, self.meeting_id)
                    + model.listed_names(text, self.meeting_id)
                    if k in self.rw.pseudonyms and not guarded.overlaps(s, e)]
        taken = [(h.start, h.end) for h in ids + forced + unlinked]
        hits = combine(ids, forced, unlinked, m.find(text, protected, taken))
        firsts = [Hit(s, e, k, genitive=text[s:e] not in first_names() and text[s:e].endswith("s"))
                  for s, e, k in model.first_names_in(text, self.meeting_id) if k in self.rw.pseudonyms]
        hits = combine(hits, [h for h in firsts if not guarded.overlaps(h.start, h.end)
                              or (h.start, h.end) in guarded.spans])  # 'Barbro' labelled a place alone
        # a correction that changed a name in text_raw into something else: the name must go too
        extra = []
        for a in aligned:
            if a.end > a.start and (found := m.find(a.original)) and not m.find(a.replacement):
                extra.append(Hit(a.start, a.end, found[0].key))
        return combine(hits, extra)

    def _forced(self) -> list[Hit]:
        """PER entities and the linked mentions with offsets are names even where no form matches them."""
        n, out = len(self.text), []
        spans = [(e.get("start_char"), e.get("end_char"), e.get("person_id"), e.get("text"), e.get("normalized"))
                 for e in self.rows.get("entities", []) if e.get("label") == "PER"
                 and not self.rw.model.is_organisation(e.get("text"))]
        spans += [(p.get("start_char"), p.get("end_char"), p.get("person_id"), p.get("text"), None)
                  for p in self.rows.get("person_mentions", [])]
        for s, e, pid, text, norm in spans:
            if s is None or e is None or not (0 <= s < e <= n):
                continue
            found = self.matcher.find(self.text[s:e])
            if len(found) == 1 and found[0].start == 0 and found[0].end == e - s:
                out.append(Hit(s, e, found[0].key, found[0].genitive))
            elif (key := self._key(pid, text, norm)) is not None:
                out.append(self._genitive(Hit(s, e, key)))
        return combine(out)

    def _genitive(self, hit: Hit) -> Hit:
        """A name span followed by a genitive ending ('Anna Svensson' + 's') becomes 'Person N:s'."""
        t, e = self.text, hit.end
        for ending in (":s", "s", "'s", "’s"):
            if t.startswith(ending, e) and not t[e + len(ending):e + len(ending) + 1].isalnum():
                return Hit(hit.start, e + len(ending), hit.key, genitive=True)
        return hit

    def _key(self, pid: str | None, *names: str | None) -> str | None:
        if pid in self.rw.pseudonyms:
            return pid
        for name in names:
            toks = name_tokens(name)
            key = self.matcher.key_of(toks) if toks else None
            if key is None and toks:
                key = self.matcher.key_of(toks[:1]) or f"name:{' '.join(toks)}"
            if key in self.rw.pseudonyms:
                return key
        return None

    # -- rows -------------------------------------------------------------------------------------
    def transform(self, table: str, row: dict) -> dict | None:
        r = dict(row)
        special = set(ID_COLUMNS)
        if table == "documents":
            r["text"], r["text_raw"] = self.new_text, self.new_raw
            special |= {"text", "text_raw"}
        elif table == "corrections":
            if r.get("start_char") in self.dropped:
                return None
            r["start_char"] = self.raw_map.start(r.get("start_char"))
            special |= {"original", "replacement"}  # outside every replaced span: as in both texts
        elif table == "meetings":
            r["title_start_char"] = self.text_map.start(r.get("title_start_char"))
            r["author"] = self.rw.person_name(r.get("author"), self.matcher)
            special.add("author")
        elif table in SLICE_TABLES:
            special |= self._offsets(table, r)
        special |= self._names(table, r, special)
        for col, value in list(r.items()):
            if col not in special:
                r[col] = self.rw.sub(value, self.matcher)
        return self.rw.note(r)

    def _offsets(self, table: str, r: dict) -> set[str]:
        if not isinstance(self.text, str):
            return set()
        s, e = r.get("start_char"), r.get("end_char")
        old = self.text[s:e] if s is not None and e is not None else None
        r["start_char"], r["end_char"] = self.text_map.start(s), self.text_map.end(e)
        if "text" in r and old is not None and r.get("text") == old and (table != "blocks" or old):
            r["text"] = self.new_text[r["start_char"]:r["end_char"]]
            return {"text"}
        return set()

    def _names(self, table: str, r: dict, special: set[str]) -> set[str]:
        rw, m = self.rw, self.matcher
        if table in ("attendees", "attendance"):
            r["name"] = rw.person_name(r.get("name"), m, r.get("person_id"))
            return {"name"}
        if table == "entities" and r.get("label") == "PER":
            key = r.get("person_id") if r.get("person_id") in rw.pseudonyms else None
            if r.get("normalized"):
                r["normalized"] = rw.pseudonyms[key] if key else rw.person_name(r["normalized"], m)
            if "text" not in special:
                r["text"] = rw.person_name(r.get("text"), m, r.get("person_id"))
            return {"normalized", "text"}
        if table == "person_mentions" and "text" not in special:
            r["text"] = rw.person_name(r.get("text"), m, r.get("person_id"))
            return {"text"}
        if table == "identifiers" and "text" not in special:
            r["text"] = placeholder(r["kind"]) if r.get("kind") else rw.sub(r.get("text"), m)
            return {"text"}
        if table == "action_items":
            names = r.get("assignees") or []
            pids = r.get("assignee_person_ids") or [None] * len(names)
            resolved = r.get("assignees_resolved") or [None] * len(names)
            r["assignees"] = [rw.person_name(n, m, p) for n, p in zip(names, pids)]
            r["assignees_resolved"] = [rw.person_name(n, m, p) for n, p in zip(resolved, pids)]
            return {"assignees", "assignees_resolved"}
        return set()


def transform_person(rw: Rewriter, row: dict, matcher: NameMatcher) -> dict:
    """A persons row: name and variants become the pseudonym (an organisation taken for a person stays)."""
    r = dict(row)
    pid = r.get("person_id")
    pseudonym = rw.pseudonyms.get(pid)
    if pid in rw.model.org_pids:
        pass
    elif pseudonym:
        r["name"] = pseudonym
        r["variants"] = [pseudonym] if r.get("variants") is not None else None
    else:
        r["name"] = rw.person_name(r.get("name"), matcher)
        r["variants"] = rw.sub(r.get("variants"), matcher)
    r["organisations"] = rw.sub(r.get("organisations"), matcher)
    for col, value in list(r.items()):
        if col not in ("person_id", "name", "variants", "organisations"):
            r[col] = rw.sub(value, matcher)
    return rw.note(r)


__all__ = ["DocumentRewrite", "Rewriter", "new_person_id", "transform_person"]
