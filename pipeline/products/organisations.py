"""Organisations across the archive: every way the minutes name an organisation, one organisation_id.

Inputs: the organisations written in attendee lists (``attendees.organisation``: 'Kommunal',
'socialförvaltningen', 'S', 'Ria/G7' = two) and the ORG entities of the text. Output: the
``organisations`` table (name, name forms, ``kind``) and ``organisation_id`` on attendees and entities.

Two forms are one organisation when

* they fold to the same name (case, diacritics and OCR's '&'/'6' for å/ö: 'Socialnamnden',
  'Förs&kringskassan' are Socialnämnden, Försäkringskassan; :func:`pipeline.lang.fold.fold_cue_text`);
* one is the short form the shipped lists give for the other ('FK' = Försäkringskassan, 'IVO', 'S' =
  Socialdemokraterna; ``models/organisations/aliases.tsv``);
* one is the other's genitive ('Försäkringskassans') and the form without the 's' is known.

A municipality's own bodies and administrations ('Socialnämnden', 'socialförvaltningen') are that
municipality's where the meeting says which: where its ORG mentions name one municipality and no
other ('Kungsbacka kommun'), or the name itself does ('Socialnämnden i Kungsbacka'); then they are one
organisation with ``municipality`` set. Elsewhere a bare 'Socialnämnden' stays an organisation of its
own, never merged with a municipality's on a guess. Nothing else is merged. The kind comes from the shipped gazetteer
(``models/gazetteer``: municipalities, counties, state agencies, parties, unions, user organisations,
companies) and from the rules on the name in :mod:`pipeline.lang.organisation_kinds`.
"""
from __future__ import annotations

import csv
import hashlib
import re
from collections import Counter
from dataclasses import dataclass, field
from functools import lru_cache

from pipeline.contract.resources import model_path
from pipeline.contract.stage import Params, StageSpec, param
from pipeline.lang.attendance import PARTIES
from pipeline.lang.fold import fold_cue_text
from pipeline.lang.organisation_kinds import head_of, kind_by_rules, kind_of

GAZETTEER_FILES = ("gazetteer/public_bodies.tsv", "gazetteer/curated.tsv")
ALIASES_FILE = "organisations/aliases.tsv"
_LOC_KINDS = {"municipality", "county"}  # a place name written as an organisation ('Kungsbacka')
_SPLIT = re.compile(r"\s*[/;]\s*")
_MUNICIPALITY = re.compile(r"^(.+?)\s+(?:kommun|stad)$")  # 'kungsbacka kommun', 'goteborgs stad'
_LOCAL_KINDS = {"committee", "municipal_administration"}
_STRIP = " \t.,:;-–—()[]\"'”“*"


def clean(text: str | None) -> str:
    """A name as written, without surrounding punctuation and with single spaces."""
    return re.sub(r"\s+", " ", text or "").strip(_STRIP)


def fold(text: str) -> str:
    """The key of a name: folded ('Förs&kringskassan' = 'Försäkringskassan'); a short form in capitals
    keeps a mark of its own and a short word its diacritics, so 'BRÅ' and 'Brå' never meet the word
    'Bra'."""
    name = clean(text)
    mark = "#" if " " not in name and sum(c.isupper() for c in name) >= 2 else ""
    if " " not in name and len(name) <= 4:  # a short word keeps its letters: 'Brå' is not 'bra'
        return mark + name.casefold()
    return mark + re.sub(r"\s+", " ", fold_cue_text(name)).strip()


def organisation_id(key: str) -> str:
    """Stable from content: a hash of the folded name the organisation is known by."""
    return "o-" + hashlib.sha1(key.encode("utf-8")).hexdigest()[:10]


def split_attendee_organisation(text: str | None) -> list[str]:
    """'Ria/G7' -> ['Ria', 'G7']: an attendee listed for two organisations."""
    return [p for p in (clean(x) for x in _SPLIT.split(text or "")) if len(p) >= 1]


@dataclass(frozen=True)
class Known:
    """What the shipped lists say: folded name -> (spelling, kind); short form -> the full name."""
    names: dict[str, tuple[str, str]]
    aliases: dict[str, str]

    def listed(self, key: str) -> str | None:
        return self.names[key][1] if key in self.names else None


@lru_cache(maxsize=1)
def load_known() -> Known:
    """The shipped lists, read once per process."""
    names: dict[str, tuple[str, str]] = {}
    for name in GAZETTEER_FILES:
        with open(model_path(name), encoding="utf-8") as fh:
            for row in csv.DictReader((ln for ln in fh if not ln.startswith("#")), delimiter="\t"):
                if row["label"] == "ORG" or (row["label"] == "LOC" and row["kind"] in _LOC_KINDS):
                    names[fold(row["name"])] = (row["name"], row["kind"])  # curated (read last) wins
    aliases: dict[str, str] = {}
    with open(model_path(ALIASES_FILE), encoding="utf-8") as fh:
        for row in csv.DictReader(fh, delimiter="\t"):
            aliases[row["alias"]] = row["name"]
            names.setdefault(fold(row["name"]), (row["name"], row["kind"]))
    return Known(names, aliases)


@dataclass
class _Organisation:
    forms: Counter = field(default_factory=Counter)
    meetings: set = field(default_factory=set)
    attendees: int = 0
    mentions: int = 0


@dataclass(frozen=True)
class OrganisationsParams(Params):
    merge_genitive: bool = param(True, "a name with a genitive 's' ('Försäkringskassans') is the organisation "
                                       "without it, where that is named too or listed")


class OrganisationIndex:
    """Builds the organisations of an archive from its attendee organisations and ORG entities.

    Use like :class:`pipeline.products.persons.PersonIndex`: ``add_record`` for every record,
    ``build()``, then ``annotate`` every record and write ``rows()`` as the organisations table.
    Memory grows with the distinct names, not with the mentions.
    """

    def __init__(self, params: OrganisationsParams | None = None, known: Known | None = None) -> None:
        self.params = params or OrganisationsParams()
        self.known = known or load_known()
        self._by_key: dict[str, _Organisation] = {}
        self._merged: dict[str, str] = {}  # a key -> the key of the organisation it is part of

    def key_of(self, text: str) -> str:
        """The folded name a form is known by: the full name of a listed short form."""
        name = clean(text)
        full = self.known.aliases.get(name)
        if full is None and " " not in name and len(name) <= 5 and sum(c.isupper() for c in name) >= 2:
            full = self.known.aliases.get(name.upper())  # 'SiS' for SIS; never 'Bra' for BRA
        return fold(full or name)

    def municipality(self, text: str | None) -> str | None:
        """The municipality a name is ('Kungsbacka kommun', 'Göteborgs Stad', 'Kungsbacka') as its folded
        short name ('kungsbacka', 'goteborg'); None for anything else."""
        key = fold(text or "")
        if self.known.listed(key) == "municipality" and not key.endswith((" kommun", " stad")):
            return key
        m = _MUNICIPALITY.match(key)
        if m is None:
            return None
        base = m.group(1)
        return next((c for c in (base, base[:-1]) if self.known.listed(c) == "municipality"), None)

    def meeting_municipality(self, rec) -> str | None:
        """The one municipality a meeting's ORG mentions name, else None (none, or several)."""
        found = {self.municipality(e.get("text")) for e in rec.entities if e.get("label") == "ORG"}
        found.discard(None)
        return found.pop() if len(found) == 1 else None

    def scoped_key(self, text: str, municipality: str | None) -> str:
        """The key of a form in a meeting: a municipality's own body ('Socialnämnden', and 'Socialnämnden i
        Kungsbacka' anywhere) is that municipality's where the meeting or the name says which."""
        key = self.key_of(text)
        name, _, place = key.partition(" i ")
        if place and self._local(name) and self.municipality(place):
            return f"{name} @ {self.municipality(place)}"
        if municipality and self._local(key):
            return f"{key} @ {municipality}"
        return key

    def _local(self, key: str) -> bool:
        """A committee or administration a municipality has, not a listed body of the state."""
        return self.known.listed(key) in (None, "municipal_organ", *_LOCAL_KINDS) and kind_by_rules(key) in _LOCAL_KINDS

    def add(self, meeting_id: str, text: str | None, attendee: bool, municipality: str | None = None) -> None:
        if not clean(text):
            return
        org = self._by_key.setdefault(self.scoped_key(text, municipality), _Organisation())
        org.forms[clean(text)] += 1
        org.meetings.add(meeting_id)
        org.attendees += attendee
        org.mentions += not attendee

    def add_record(self, rec) -> None:
        """The attendee organisations and ORG entities of one record."""
        municipality = self.meeting_municipality(rec)
        for a in rec.attendees:
            for part in split_attendee_organisation(a.get("organisation")):
                self.add(a["meeting_id"], part, True, municipality)
        for e in rec.entities:
            if e.get("label") == "ORG":
                self.add(e["meeting_id"], e.get("text"), False, municipality)

    def build(self) -> None:
        """Merge a genitive form into the organisation without the 's'."""
        if not self.params.merge_genitive:
            return
        for key in sorted(self._by_key):
            name, at, scope = key.partition(" @ ")
            base = name[:-1] + at + scope
            if name.endswith("s") and len(name) >= 5 and (base in self._by_key or base in self.known.names):
                self._merged[key] = base
        for key, base in self._merged.items():
            org, into = self._by_key.pop(key), self._by_key.setdefault(base, _Organisation())
            into.forms.update(org.forms)
            into.meetings |= org.meetings
            into.attendees += org.attendees
            into.mentions += org.mentions

    def id_of(self, text: str | None, municipality: str | None = None) -> str | None:
        if not clean(text):
            return None
        key = self.scoped_key(text, municipality)
        return organisation_id(self._merged.get(key, key))

    def annotate(self, rec) -> None:
        """Set organisation_id on attendees (their first organisation) and ORG entities."""
        municipality = self.meeting_municipality(rec)
        for a in rec.attendees:
            parts = split_attendee_organisation(a.get("organisation"))
            a["organisation_id"] = self.id_of(parts[0], municipality) if parts else None
        for e in rec.entities:
            e["organisation_id"] = self.id_of(e.get("text"), municipality) if e.get("label") == "ORG" else None

    def _name(self, key: str, org: _Organisation) -> str:
        key = key.partition(" @ ")[0]
        if key in self.known.names:
            return self.known.names[key][0]
        return max(org.forms, key=lambda f: (f[:1].isupper(), org.forms[f], len(f), f))

    def kind(self, key: str, org: _Organisation) -> str:
        """The kind the lists give the name (or its head, or its first word when that is letters), else the rules."""
        key = key.partition(" @ ")[0]
        head = head_of(key.lstrip("#"))
        first = next(iter(org.forms)).split()[0]
        listed = self.known.listed(key) or self.known.listed(head)
        words = key.split()
        if listed is None and len(words) > 1 and self.known.listed(words[-1]) in _LOC_KINDS:
            listed = self.known.listed(" ".join(words[:-1]))  # 'Brottsofferjouren Kungsbacka', 'RSMH Halland'
        if listed is None and first.isupper() and len(first) >= 2:
            listed = self.known.listed(self.key_of(first))
        return kind_of(key.lstrip("#"), listed, party=any(f in PARTIES for f in org.forms))

    def rows(self) -> list[dict]:
        out = []
        for key, org in self._by_key.items():
            scope = key.partition(" @ ")[2]
            out.append({"organisation_id": organisation_id(key), "name": self._name(key, org),
                        "kind": self.kind(key, org), "municipality": self.known.names[scope][0] if scope else None,
                        "variants": sorted(org.forms), "n_meetings": len(org.meetings),
                        "n_attendees": org.attendees, "n_mentions": org.mentions})
        return sorted(out, key=lambda r: r["organisation_id"])


STAGE = StageSpec(
    name="organisations",
    params=OrganisationsParams,
    requires=("attendees", "entities"),
    assigns=("organisations", "attendees.organisation_id", "entities.organisation_id"),
    code=("pipeline/products/organisations.py", "pipeline/lang/organisation_kinds.py"),
    resources=("models/gazetteer", "models/organisations"),
    kind="archive",
    description="organisations across the archive: one organisation_id per organisation, its name forms and kind",
)
