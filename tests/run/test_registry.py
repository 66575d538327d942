"""The stage declarations hold: each stage reads only the record fields it declares (``requires``,
or what it ``assigns``) and changes only those it ``assigns``; parameters are checked against them."""
from __future__ import annotations

import copy

import pytest

from pipeline.contract.record import MinutesRecord
from pipeline.contract.schema import ALL_TABLES, TABLES
from pipeline.contract.stage import ParamsError
from pipeline.run.registry import ALL_STAGES, BY_NAME, DOCUMENT_STAGES, SOURCE, load_params, parse_params

TABLE_FIELDS = [n for n in TABLES if n != "documents"]
# identity and status of a document: every stage may look at them (rec.ok, ids of the rows it makes)
ALWAYS_READABLE = {"doc_id", "status"}

MINUTES = """\
# Styrelsen för Föreningen Lindgården

Protokoll fört vid styrelsemöte 14 mars 2023 i föreningslokalen, Storgatan 3.

**Närvarande:** Karin Lund (ordförande), Per-Olof Ek, Samira Haddad, Jonas Berg

## 1. Mötets öppnande

Ordföranden Karin Lund öppnade mötet.

## 2. Ekonomi

Kassören redovisade resultatet. Styrelsen beslutade att godkänna budgeten för 2023.

## 3. Fasadrenovering

Offerter från två firmor har kommit in. Jonas tar kontakt med Byggbolaget AB före den 1 april.

## 4. Nästa möte

Nästa möte hålls den 12 april 2023 kl. 18.00.

Vid protokollet: Samira Haddad
"""


class _Document(dict):
    """A documents row that notes which keys a stage reads."""

    def __init__(self, data: dict, log: set):
        super().__init__(data)
        self.log = log

    def __getitem__(self, key):
        self.log.add(key)
        return super().__getitem__(key)

    def get(self, key, default=None):
        self.log.add(key)
        return super().get(key, default)

    def __contains__(self, key):
        self.log.add(key)
        return super().__contains__(key)

    def __iter__(self):
        self.log.add("*")
        return super().__iter__()

    def keys(self):
        self.log.add("*")
        return super().keys()

    def items(self):
        self.log.add("*")
        return super().items()

    def values(self):
        self.log.add("*")
        return super().values()

    def copy(self):
        self.log.add("*")
        return dict(self)


class _Watched(MinutesRecord):
    """A record that notes which of its fields (tables, document keys) a stage reads."""

    def __init__(self, rec: MinutesRecord):
        object.__setattr__(self, "fields_read", set())
        object.__setattr__(self, "keys_read", set())
        for name in ("document", *TABLE_FIELDS):
            object.__setattr__(self, name, copy.deepcopy(getattr(rec, name)))
        object.__setattr__(self, "document", _Document(self.document, self.keys_read))

    def __getattribute__(self, name):
        if name in TABLE_FIELDS:
            object.__getattribute__(self, "fields_read").add(name)
        return object.__getattribute__(self, name)

    def plain(self) -> MinutesRecord:
        return MinutesRecord(document=dict(object.__getattribute__(self, "document")),
                             **{n: object.__getattribute__(self, n) for n in TABLE_FIELDS})


def _declared(spec) -> tuple[set[str], set[str], set[str], set[str]]:
    """(tables read, document keys read, tables written, document keys written) as declared."""
    def split(names):
        tables = {n.split(".")[0] for n in names if not n.startswith("document")}
        keys = {n.split(".", 1)[1] for n in names if n.startswith("document.")}
        if "document" in names:
            keys.add("*")
        return tables, keys
    r_tables, r_keys = split((*spec.requires, *spec.assigns))
    w_tables, w_keys = split(spec.assigns)
    return r_tables, r_keys, w_tables, w_keys


@pytest.fixture(scope="module")
def records(tmp_path_factory) -> dict[str, MinutesRecord]:
    """The record as each document stage receives it (after ingest and the stages before it)."""
    path = tmp_path_factory.mktemp("arkiv") / "styrelsemote.md"
    path.write_text(MINUTES, encoding="utf-8")
    params = load_params()
    rec = SOURCE.run(path, path.parent, params[SOURCE.name])
    assert rec.ok and rec.blocks
    before = {}
    for spec in DOCUMENT_STAGES:
        before[spec.name] = copy.deepcopy(rec)
        spec.run(rec, params[spec.name])
        assert rec.ok, rec.document.get("error")
    before["final"] = rec
    return before


def test_ingest_makes_only_the_fields_it_assigns(records):
    assert SOURCE.assigns == ("document", "blocks")
    rec = records[DOCUMENT_STAGES[0].name]
    assert all(not rec.rows(n) for n in TABLE_FIELDS if n != "blocks")


@pytest.mark.parametrize("name", [s.name for s in DOCUMENT_STAGES])
def test_a_stage_reads_and_writes_only_what_it_declares(records, name):
    spec = BY_NAME[name]
    r_tables, r_keys, w_tables, w_keys = _declared(spec)
    given = records[name]
    watched = _Watched(given)
    spec.run(watched, load_params()[name])
    read_tables = object.__getattribute__(watched, "fields_read")
    read_keys = object.__getattribute__(watched, "keys_read") - ALWAYS_READABLE
    assert read_tables <= r_tables, f"{name} reads {sorted(read_tables - r_tables)} without declaring them"
    if "*" not in r_keys:
        assert read_keys <= r_keys, f"{name} reads documents.{sorted(read_keys - r_keys)} without declaring them"
    after = watched.plain()
    changed_tables = {n for n in TABLE_FIELDS if after.rows(n) != given.rows(n)}
    changed_keys = {k for k in set(after.document) | set(given.document)
                    if after.document.get(k) != given.document.get(k)}
    assert changed_tables <= w_tables, f"{name} changes {sorted(changed_tables - w_tables)} without assigning them"
    if "*" not in w_keys:
        assert changed_keys <= w_keys, f"{name} changes documents.{sorted(changed_keys - w_keys)} undeclared"
    # and what it says it makes, it makes (on minutes that have all of it)
    # (tables of things the test minutes need not hold: OCR corrections, identifiers)
    assert {t for t in w_tables if t != "blocks"} <= changed_tables | {"corrections", "identifiers"}


def test_the_person_pass_writes_only_the_person_ids_it_declares(records):
    from pipeline.products.persons import PersonIndex

    spec = BY_NAME["persons"]
    r_tables, _, _, _ = _declared(spec)
    given = records["final"]
    watched = _Watched(given)
    index = PersonIndex(load_params()["persons"])
    index.add_record(watched)
    index.build()
    index.annotate(watched)
    assert object.__getattribute__(watched, "fields_read") <= r_tables
    declared = {tuple(a.split(".")) for a in spec.assigns if "." in a}
    after = watched.plain()
    for table in TABLE_FIELDS:
        for old, new in zip(given.rows(table), after.rows(table)):
            for column in set(old) | set(new):
                if old.get(column) != new.get(column):
                    assert (table, column) in declared, f"persons changes {table}.{column}"
    assert any(a.get("person_id") for a in after.attendees)


def test_every_stage_is_declared_once_with_a_parameter_section():
    names = [s.name for s in ALL_STAGES]
    assert len(names) == len(set(names))
    for spec in ALL_STAGES:
        assert spec.params.from_mapping({}, spec.name) == spec.params()
        for declared in (*spec.requires, *spec.assigns):
            table = declared.split(".")[0]
            assert table in ALL_TABLES or table == "document", f"{spec.name}: {declared}"


def test_unknown_sections_keys_and_types_are_errors_naming_them():
    with pytest.raises(ParamsError, match="unknown section 'segmnet'"):
        parse_params({"segmnet": {}})
    with pytest.raises(ParamsError, match="unknown key 'repair.lm_wieght'"):
        parse_params({"repair": {"lm_wieght": 1.0}})
    with pytest.raises(ParamsError, match="ingest.ocr_dpi must be int"):
        parse_params({"ingest": {"ocr_dpi": "300"}})
    assert parse_params({"repair": {"lm_weight": 2}})["repair"].lm_weight == 2.0  # an int is a float
