"""A pseudonymised copy of a written dataset: every person's name becomes 'Person N', every
personal identifier a typed placeholder.

``pseudonymize_dataset(src_dir, dst_dir)`` reads an output folder of ``minutes run`` and writes
a copy (same tables, schemas and file layout; written atomically) in which:

* **Names.** Every name form the pipeline linked to a person — from the ``person_mentions`` and
  ``persons`` tables the archive pass wrote (:mod:`.people`): full names, first names, surnames
  alone, nicknames ('Bosse' → Bo), genitives ('Bengts'), lower-case spellings and handles the
  linker tied to the person — is replaced by that person's pseudonym in every string column of
  every table, and in ``run.json``. Full names written in the text whose first name is a common
  first name ('Professor Per Skålén') are replaced too. A name that nothing recognised as a name
  cannot be: the pseudonymisation is as good as the NER's recall of people.
* **Identifiers.** Personnummer and samordningsnummer (with or without century, '-' or '+'),
  phone numbers, e-mail addresses, street addresses and user handles become '[personnummer]',
  '[telefonnummer]', '[e-post]', '[adress]', '[användarnamn]' (:mod:`pipeline.lang.identifiers`);
  an e-mail address whose local part names a person becomes '[e-post Person N]'.
* **What stays.** Organisations and places: ORG/LOC entity spans are not searched for names; a
  PER mention that the attendee lists give as an organisation ('Vorta Drom') is an organisation;
  a one-word ORG/LOC ('Helsingborg') is not taken for a surname unless it is part of an
  attendee's name, and a one-word form that is a common Swedish word ('Vård' taken for a person)
  is replaced where the linker saw it, not everywhere. Matching is case-sensitive on the first
  letter (the preposition 'per' is not the name 'Per') and diacritics-insensitive.
* **Same person, same number.** The person_id is the person; a short name that fits two people
  of the scope gets a pseudonym of its own. Numbers follow a hash of the person key, so they
  reveal nothing about names or the order of meetings. ``person_id`` values are replaced too
  (the originals are hashes of names); they stay consistent across tables.
* **Offsets** (:mod:`.offsets`). Every ``start_char``/``end_char`` (and
  ``meetings.title_start_char``) is recomputed to index the pseudonymised ``documents.text``; a
  row text that was the slice of the document at its offsets is again exactly that slice.
  ``corrections.start_char`` is recomputed for the pseudonymised ``text_raw``; the same spans are
  replaced in ``text_raw`` and ``text``, so ``text`` is still ``text_raw`` with the corrections
  applied. Corrections *inside* a replaced span are dropped (they would disclose it); their
  number is reported.
* **Streamed** (:mod:`.io`): a first pass reads the person model (persons, mentions, attendee
  organisations, ORG/LOC texts, names in the texts); the second reads and writes one document's
  rows at a time.
* **Not copied.** ``.cache`` (it holds the original records), lock and temporary files, and any
  file that is not a table or JSON. Pseudonymising in place (``dst_dir == src_dir``) leaves
  ``.cache`` where it is: share a separate folder.
"""
from __future__ import annotations

import json
import shutil
import tempfile
from pathlib import Path

import pyarrow.parquet as pq

from pipeline.contract.record import MinutesRecord
from pipeline.lang.fold import fold_name as fold
from pipeline.products.pseudonymize.io import (
    PER_DOCUMENT_TABLES,
    DocumentStream,
    TableWriter,
    _rows,
    partition_of,
    read_rows,
    replace_into,
    table_files,
)
from pipeline.products.pseudonymize.matching import name_tokens
from pipeline.products.pseudonymize.offsets import Alignment, OffsetMap, align_corrections
from pipeline.products.pseudonymize.people import PersonModel
from pipeline.products.pseudonymize.rows import DocumentRewrite, Rewriter, transform_person

_MODEL_COLUMNS = {"meetings": ["meeting_id", "body"],
                  "attendees": ["meeting_id", "name", "organisation", "person_id"],
                  "entities": ["meeting_id", "label", "text", "person_id", "normalized"],
                  "person_mentions": ["meeting_id", "text", "person_id"]}


def _read_model(src: Path) -> PersonModel:
    """Pass 1: the person model of a dataset (see :mod:`.people`)."""
    model = PersonModel()
    for row in _rows(table_files(src, "persons"), None):
        model.add_person(row)
    for table, add in (("meetings", model.add_meeting), ("attendees", model.add_attendee),
                       ("entities", model.add_entity), ("person_mentions", None)):
        if table == "person_mentions" and not _row_count(src, table):
            _link_again(src, model)  # no mention rows: a dataset written before the table existed
            continue
        for row in _rows(table_files(src, table), _MODEL_COLUMNS[table]):
            (add or (lambda r: model.add_mention(r["meeting_id"], r.get("text"), r.get("person_id"))))(row)
    model.build(list(model.body))
    unresolved = []
    for doc in DocumentStream(src, ["meetings", "entities"], {"documents": ["doc_id", "text"],
                                                              "meetings": ["meeting_id"],
                                                              "entities": ["label", "text", "person_id"]}):
        mid = doc.rows["meetings"][0]["meeting_id"] if doc.rows.get("meetings") else None
        if isinstance(doc.row.get("text"), str):
            text = doc.row["text"]
            model.add_names_found(mid, model.unlinked_names(text, mid) + model.listed_names(text, mid))
            model.extra.update(k for _, _, k in model.first_names_in(text, mid))
        unresolved += [(mid, e["text"]) for e in doc.rows.get("entities", [])
                       if e.get("label") == "PER" and not e.get("person_id") and e.get("text")]
    for mid, text in unresolved:  # a PER entity no person holds: a person of its own
        toks = name_tokens(text)
        m = model.matcher(mid)
        if toks and not m.key_of(toks) and not m.key_of(toks[:1]) and not model.is_organisation(text):
            model.extra.add(f"name:{' '.join(toks)}")
    model.number()
    return model


def _row_count(src: Path, table: str) -> int:
    return sum(pq.ParquetFile(f).metadata.num_rows for f in table_files(src, table))


def _link_again(src: Path, model: PersonModel) -> None:
    """A dataset without person_mentions (written before the table existed): run the archive pass
    of ``minutes run`` (:class:`PersonIndex`) on its rows, so there is still one person model."""
    from pipeline.products.mentions import mention_rows
    from pipeline.products.persons import PersonIndex

    tables = ["meetings", "attendees", "entities", "action_items"]
    index = PersonIndex()

    def records():
        for doc in DocumentStream(src, tables):
            yield MinutesRecord(document=doc.row, **{t: doc.rows.get(t, []) for t in tables})

    for rec in records():
        index.add_record(rec)
    index.build()
    alias: dict[str, str] = {}   # a person the dataset already knows keeps its person_id
    mentions = []
    for rec in records():
        known = [(row, row.get("person_id")) for row in (*rec.attendees, *rec.entities)]
        index.annotate(rec)
        for row, old in known:
            if old and row.get("person_id"):
                alias.setdefault(row["person_id"], old)
        mentions += [(r["meeting_id"], r["text"], r["person_id"]) for r in mention_rows(rec, index.person_of)]
    for mid, text, pid in mentions:
        model.add_mention(mid, text, alias.get(pid, pid))
    if not table_files(src, "persons"):
        for row in index.rows():
            model.add_person({**row, "person_id": alias.get(row["person_id"], row["person_id"])})


class _Writers:
    """One writer per source file; a document's rows go to its partition's file of each table."""

    def __init__(self, src: Path, tmp: Path):
        self.src, self.tmp = src, tmp
        self.by_file = {f: TableWriter(src, f, tmp) for t in ["documents", *PER_DOCUMENT_TABLES]
                        for f in table_files(src, t)}
        self.by_part: dict[tuple[str, str], TableWriter] = {}
        for t in ["documents", *PER_DOCUMENT_TABLES]:
            for f in table_files(src, t):
                self.by_part.setdefault((t, partition_of(src, t, f)), self.by_file[f])
                self.by_part.setdefault((t, "*"), self.by_file[f])

    def get(self, table: str, partition: str) -> TableWriter | None:
        return self.by_part.get((table, partition)) or self.by_part.get((table, "")) or self.by_part.get((table, "*"))

    def close(self) -> dict[str, int]:
        counts: dict[str, int] = {}
        for f, w in self.by_file.items():
            w.close()
            table = f.relative_to(self.src).parts[0].removesuffix(".parquet")
            counts[table] = counts.get(table, 0) + w.count
        return counts


def _write_documents(src: Path, tmp: Path, rw: Rewriter) -> dict[str, int]:
    """Pass 2: every document with its rows, one at a time."""
    writers = _Writers(src, tmp)
    stream = DocumentStream(src, PER_DOCUMENT_TABLES)
    for doc in stream:
        rewrite = DocumentRewrite(rw, doc)
        writers.get("documents", doc.partition).add([rewrite.transform("documents", doc.row)])
        for table, rows in doc.rows.items():
            out = [x for x in (rewrite.transform(table, r) for r in rows) if x is not None]
            if out:
                writers.get(table, doc.partition).add(out)
    archive = rw.model.matcher(None)
    for table in PER_DOCUMENT_TABLES:
        orphans = stream.orphans(table)
        if orphans:
            writers.get(table, "*").add([rw.note({k: rw.sub(v, archive) if k not in ("doc_id", "meeting_id") else v
                                                  for k, v in r.items()}) for r in orphans])
    return writers.close()


def _write_archive(src: Path, tmp: Path, rw: Rewriter) -> dict[str, int]:
    """The persons and organisations tables and the JSON files (run.json: its strings)."""
    archive = rw.model.matcher(None)
    counts = {}
    for f in table_files(src, "persons"):
        w = TableWriter(src, f, tmp)
        w.add([transform_person(rw, r, archive) for r in _rows([f], None)])
        w.close()
        counts["persons"] = w.count
    for f in table_files(src, "organisations"):  # names of organisations stay; a person taken for one does not
        w = TableWriter(src, f, tmp)
        w.add([{k: _sub_json(v, rw, archive) for k, v in r.items()} for r in _rows([f], None)])
        w.close()
        counts["organisations"] = w.count
    for j in sorted(src.glob("*.json")):
        try:
            data = json.loads(j.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            continue  # not ours: not copied
        data = _sub_json(data, rw, archive)
        if isinstance(data, dict):
            data["pseudonymized"] = True
        (tmp / j.name).write_text(json.dumps(data, indent=2, ensure_ascii=False), encoding="utf-8")
    return counts


def _sub_json(value, rw: Rewriter, matcher):
    if isinstance(value, str):
        return rw.sub(value, matcher)
    if isinstance(value, list):
        return [_sub_json(v, rw, matcher) for v in value]
    if isinstance(value, dict):
        return {k: _sub_json(v, rw, matcher) for k, v in value.items()}
    return value


def pseudonymize_dataset(src_dir: str | Path, dst_dir: str | Path) -> dict:
    """Write a pseudonymised copy of the dataset in ``src_dir`` to ``dst_dir`` (may be the same
    folder). Returns counts: rows per table, persons, names replaced in documents.text,
    corrections dropped. Every table is moved into place only when all are written."""
    src, dst = Path(src_dir), Path(dst_dir)
    if not table_files(src, "documents"):
        raise FileNotFoundError(f"no documents table in {src}")
    rw = Rewriter(_read_model(src))
    dst.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(prefix=".pseudonymizing-", dir=dst))
    try:
        counts = _write_documents(src, tmp, rw)
        counts.update(_write_archive(src, tmp, rw))
        replace_into(tmp, dst)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    return {"tables": counts, "persons": len(rw.used), "names_replaced": rw.replacements,
            "corrections_dropped": rw.dropped_corrections}


__all__ = ["Alignment", "OffsetMap", "align_corrections", "fold", "name_tokens", "pseudonymize_dataset", "read_rows"]
