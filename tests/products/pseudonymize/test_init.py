"""Pseudonymised copies of a dataset: no roster name survives in any string column, the same
person gets the same pseudonym everywhere, organisations stay, offsets still point at the text."""
from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from pipeline.contract.schema import ALL_TABLES, ARCHIVE_TABLES
from pipeline.lang.identifiers import KINDS, find_identifiers
from pipeline.products.pseudonymize import align_corrections, pseudonymize_dataset, read_rows
from pipeline.stages.repair import apply_corrections

_WORD = re.compile(r"[^\W\d_]+(?:[-'’][^\W\d_]+)*")


# -- a small hand-made Swedish archive ---------------------------------------------------------
def _at(text: str, needle: str, nth: int = 0) -> tuple[int, int]:
    i = -1
    for _ in range(nth + 1):
        i = text.index(needle, i + 1)
    return i, i + len(needle)


def _write(out: Path, tables: dict[str, list[dict]], layout: str) -> None:
    """The tables as one file each ('file') or as year-partitioned dataset folders ('folder')."""
    out.mkdir(parents=True, exist_ok=True)
    for name, schema in ALL_TABLES.items():
        rows = tables.get(name, [])
        if layout == "file" or name in ARCHIVE_TABLES:
            pq.write_table(pa.Table.from_pylist(rows, schema=schema), out / f"{name}.parquet")
            continue
        by_year: dict[str, list[dict]] = {}
        for r in rows:
            by_year.setdefault(str(r.get("meeting_year") or "unknown"), []).append(r)
        for year, part in (by_year or {"unknown": []}).items():
            (out / f"{name}.parquet" / year).mkdir(parents=True, exist_ok=True)
            pq.write_table(pa.Table.from_pylist(part, schema=schema),
                           out / f"{name}.parquet" / year / "part-00000.parquet")


def build_archive(out: Path, layout: str = "folder") -> dict[str, list[dict]]:
    """Two meetings of two bodies, the same people in both, OCR damage in a name, an error document."""
    raw1 = ("Brukarrådet 12 mars 2024\n\n"
            "Närvarande:\n"
            "Anna Svensspn, RSMH\n"
            "Karl Berg, socialförvaltningen\n\n"
            "§ 1 Annas förslag om lokaler\n"
            "Anna berättar att RSMH söker ny lokal. Styrelsen bes1utar att hyra lokalen på Söder.\n"
            "Kalle ska kontakta fastighetskontoret före 1 april. Frågor till anna.svensson@example.se.\n\n"
            "§ 2 Övrigt\n"
            "Karl tackar för mötet. Per capita-bidraget diskuterades inte.\n"
            "Vid pennan: Anna Svensson\n")
    fixes = [("Svensspn", "Svensson"), ("bes1utar", "beslutar")]
    corrections1 = []
    for orig, rep in fixes:
        s, _ = _at(raw1, orig)
        corrections1.append({"doc_id": "d1", "start_char": s, "original": orig, "replacement": rep,
                             "method": "confusion+lm", "score": 9.5, "meeting_year": 2024})
    text1 = apply_corrections(raw1, corrections1)
    text2 = ("Samverkansgruppen 3 april 2024\n\n"
             "Deltagare: Anna Svensson (RSMH), Lisa Ek (Attention)\n\n"
             "1. Uppföljning\n"
             "Anna Svenssons rapport godkändes. Lisa och Karl Berg tar fram ett underlag till maj.\n"
             "Svensson påminner om Attentions höstkonferens.\n")
    m1, m2 = "d1-1", "d2-1"
    y = {"meeting_year": 2024}
    pid = {"anna": "p-aaaaaaaaaa", "karl": "p-bbbbbbbbbb", "lisa": "p-cccccccccc"}

    def ent(mid, text, needle, label, nth=0, normalized=None, person=None, section=None):
        s, e = _at(text, needle, nth)
        return {"meeting_id": mid, "section_id": section, "label": label, "text": needle, "start_char": s,
                "end_char": e, "normalized": normalized, "source": "attendees", "person_id": person, **y}

    def line(text, needle):
        s, _ = _at(text, needle)
        return s, text.index("\n", s)

    tables = {
        "documents": [
            {"doc_id": "d1", "source_path": "2024/brukarradet-0312.txt", "format": "txt", "ocr": True, "ocr_pages": [1],
             "text_raw": raw1, "text": text1, "status": "ok", "warnings": [], "pipeline_version": "test", **y},
            {"doc_id": "d2", "source_path": "2024/samverkan-0403.txt", "format": "txt", "ocr": False, "ocr_pages": [],
             "text_raw": text2, "text": text2, "status": "ok", "warnings": [], "pipeline_version": "test", **y},
            {"doc_id": "d3", "source_path": "trasig.pdf", "format": "pdf", "status": "error",
             "error": "PDF is encrypted <lösenord>", "warnings": [], "pipeline_version": "test", "meeting_year": None},
        ],
        "meetings": [
            {"meeting_id": m1, "doc_id": "d1", "body": "Brukarrådet", "date_text": "12 mars 2024",
             "author": "Anna Svensson", "title": "Brukarrådet 12 mars 2024", "title_start_char": 0, **y},
            {"meeting_id": m2, "doc_id": "d2", "body": "Samverkansgruppen", "date_text": "3 april 2024",
             "title": "Samverkansgruppen 3 april 2024", "title_start_char": 0, **y},
        ],
        "attendees": [
            {"meeting_id": m1, "name": "Anna Svensson", "organisation": "RSMH", "role": "närvarande", "present": True,
             "person_id": pid["anna"], **dict(zip(("start_char", "end_char"), line(text1, "Anna Svensson, RSMH"))),
             **y},
            {"meeting_id": m1, "name": "Karl Berg", "organisation": "socialförvaltningen", "role": "närvarande",
             "present": True, "person_id": pid["karl"],
             **dict(zip(("start_char", "end_char"), line(text1, "Karl Berg, soc"))), **y},
            {"meeting_id": m2, "name": "Anna Svensson", "organisation": "RSMH", "role": "deltagare", "present": True,
             "person_id": pid["anna"], "start_char": _at(text2, "Anna Svensson")[0],
             "end_char": _at(text2, "(RSMH)")[1], **y},
            {"meeting_id": m2, "name": "Lisa Ek", "organisation": "Attention", "role": "deltagare", "present": True,
             "person_id": pid["lisa"], "start_char": _at(text2, "Lisa Ek")[0],
             "end_char": _at(text2, "(Attention)")[1], **y},
        ],
        "sections": [
            {"meeting_id": m1, "section_id": "d1-1-s001", "ordinal": 1, "title": "§ 1 Annas förslag om lokaler",
             "number": "§ 1", "start_char": _at(text1, "§ 1")[0], "end_char": _at(text1, "§ 2")[0], **y},
            {"meeting_id": m1, "section_id": "d1-1-s002", "ordinal": 2, "title": "§ 2 Övrigt", "number": "§ 2",
             "start_char": _at(text1, "§ 2")[0], "end_char": len(text1), **y},
            {"meeting_id": m2, "section_id": "d2-1-s001", "ordinal": 1, "title": "1. Uppföljning", "number": "1",
             "start_char": _at(text2, "1. Upp")[0], "end_char": len(text2), **y},
        ],
        "entities": [
            ent(m1, text1, "Anna Svensson", "PER", normalized="Anna Svensson", person=pid["anna"]),
            ent(m1, text1, "RSMH", "ORG"),
            ent(m1, text1, "Karl Berg", "PER", normalized="Karl Berg", person=pid["karl"]),
            ent(m1, text1, "Anna", "PER", nth=2, normalized="Anna Svensson", person=pid["anna"], section="d1-1-s001"),
            ent(m1, text1, "RSMH", "ORG", nth=1, section="d1-1-s001"),
            ent(m1, text1, "Söder", "LOC", section="d1-1-s001"),
            ent(m1, text1, "Kalle", "PER", normalized="Karl Berg", person=pid["karl"], section="d1-1-s001"),
            ent(m1, text1, "Anna Svensson", "PER", nth=1, normalized="Anna Svensson", person=pid["anna"],
                section="d1-1-s002"),
            ent(m2, text2, "Anna Svensson", "PER", normalized="Anna Svensson", person=pid["anna"]),
            ent(m2, text2, "RSMH", "ORG"),
            ent(m2, text2, "Lisa Ek", "PER", normalized="Lisa Ek", person=pid["lisa"]),
            ent(m2, text2, "Attention", "ORG"),
            ent(m2, text2, "Lisa", "PER", nth=1, normalized="Lisa Ek", person=pid["lisa"], section="d2-1-s001"),
            ent(m2, text2, "Karl Berg", "PER", normalized="Karl Berg", person=pid["karl"], section="d2-1-s001"),
        ],
        "decisions": [
            {"meeting_id": m1, "section_id": "d1-1-s001", "text": "Styrelsen beslutar att hyra lokalen på Söder.",
             **dict(zip(("start_char", "end_char"), _at(text1, "Styrelsen beslutar att hyra lokalen på Söder."))),
             "kind": "decided", "cue": "beslutar", **y},
            {"meeting_id": m2, "section_id": "d2-1-s001", "text": "Anna Svenssons rapport godkändes.",
             **dict(zip(("start_char", "end_char"), _at(text2, "Anna Svenssons rapport godkändes."))),
             "kind": "approved", "cue": "godkändes", **y},
        ],
        "action_items": [
            {"meeting_id": m1, "section_id": "d1-1-s001",
             "text": "Kalle ska kontakta fastighetskontoret före 1 april.",
             **dict(zip(("start_char", "end_char"), _at(text1, "Kalle ska kontakta fastighetskontoret före 1 april."))),
             "assignees": ["Kalle"], "assignees_resolved": ["Karl Berg"], "assignee_person_ids": [pid["karl"]],
             "due_text": "före 1 april", "cue": "ska kontakta", **y},
            {"meeting_id": m2, "section_id": "d2-1-s001",
             "text": "Lisa och Karl Berg tar fram ett underlag till maj.",
             **dict(zip(("start_char", "end_char"), _at(text2, "Lisa och Karl Berg tar fram ett underlag till maj."))),
             "assignees": ["Lisa", "Karl Berg", "Attention"],
             "assignees_resolved": ["Lisa Ek", "Karl Berg", "Attention"],
             "assignee_person_ids": [pid["lisa"], pid["karl"], None], "due_text": "till maj", "cue": "tar fram", **y},
        ],
        "corrections": corrections1,
        "persons": [
            {"person_id": pid["anna"], "name": "Anna Svensson", "variants": ["Anna", "Anna Svensson", "Annas"],
             "organisations": ["RSMH"], "n_meetings": 2, "n_mentions": 6},
            {"person_id": pid["karl"], "name": "Karl Berg", "variants": ["Kalle", "Karl", "Karl Berg"],
             "organisations": ["socialförvaltningen"], "n_meetings": 2, "n_mentions": 5},
            {"person_id": pid["lisa"], "name": "Lisa Ek", "variants": ["Lisa", "Lisa Ek"],
             "organisations": ["Attention"], "n_meetings": 1, "n_mentions": 3},
        ],
    }
    body = {m1: "Brukarrådet", m2: "Samverkansgruppen"}
    tables["attendance"] = [  # person × meeting, with the names again: they go too
        {k: a.get(k) for k in ("meeting_id", "person_id", "name", "role", "present", "start_char", "end_char",
                               "meeting_year")} | {"status": "present", "body": body[a["meeting_id"]]}
        for a in tables["attendees"]]
    _write(out, tables, layout)
    return tables


# -- checks used by the unit and the end-to-end test ------------------------------------------------
def roster(rows: dict[str, list[dict]]) -> set[str]:
    """Every name of the roster, and its first and last name tokens of at least 3 letters: attendee
    names, PER entities (text and normalized) and persons. A PER mention that the attendee lists give
    as an organisation ('Vorta Drom', written after a name) is an organisation and stays."""
    attendees = {a["name"] for a in rows.get("attendees", []) if a.get("name")}
    orgs = {o.strip(" .-–") for a in rows.get("attendees", [])
            for o in re.split(r"\s*(?:/|,|;|\boch\b|&)\s*", a.get("organisation") or "")} - attendees

    def is_org(name: str) -> bool:
        return name in orgs or any(name.endswith(g) and name[:-len(g)] in orgs for g in ("s", "'s", "’s"))

    names = set(attendees)
    for e in rows.get("entities", []):
        if e.get("label") == "PER":
            names |= {x for x in (e.get("text"), e.get("normalized")) if x}
    names |= {p["name"] for p in rows.get("persons", []) if p.get("name")}
    names = {n for n in names if not is_org(n)}
    # a one-word ORG or LOC ('Helsingborg') stays, unless it is part of an attendee's name
    attendee_words = {w for n in attendees for w in _WORD.findall(n)}
    places = {e["text"] for e in rows.get("entities", []) if e.get("label") in ("ORG", "LOC")
              and len(_WORD.findall(e["text"] or "")) == 1} - attendee_words
    tokens = set()
    for n in names:
        words = _WORD.findall(n)
        for w in (words[:1] + words[-1:]) if words else []:
            if len(w) >= 3 and w[0].isupper():
                tokens.add(w)
    return (names | tokens) - places


def leaks(dataset: Path, names: set[str]) -> list[str]:
    """Every occurrence of a name in any string or list-of-string column of any table."""
    alternatives = "|".join(map(re.escape, sorted(names, key=len, reverse=True)))
    pattern = re.compile(r"(?<![\w-])(?:" + alternatives + r")(?![\w-])")
    found = []
    for table, rows in read_rows(dataset).items():
        for i, row in enumerate(rows):
            for col, value in row.items():
                for v in value if isinstance(value, list) else [value]:
                    if isinstance(v, str):
                        found += [f"{table}.{col}[{i}]: {m.group(0)!r} in {v[max(0, m.start() - 30):m.end() + 30]!r}"
                                  for m in pattern.finditer(v)]
    return found


def check_offsets(rows: dict[str, list[dict]]) -> None:
    docs = {d["doc_id"]: d for d in rows["documents"]}
    text_of = {m["meeting_id"]: docs[m["doc_id"]]["text"] for m in rows["meetings"]}
    for m in rows["meetings"]:
        assert text_of[m["meeting_id"]][m["title_start_char"]:].startswith(m["title"])
    for table in ("entities", "decisions", "action_items"):
        for r in rows[table]:
            assert text_of[r["meeting_id"]][r["start_char"]:r["end_char"]] == r["text"], (table, r)
    for r in rows["sections"]:
        assert r["title"] in text_of[r["meeting_id"]][r["start_char"]:r["end_char"]], r
    for r in rows["attendees"]:
        if r["name"]:
            assert r["name"] in text_of[r["meeting_id"]][r["start_char"]:r["end_char"]], r
    corrections = {}
    for c in rows.get("corrections", []):
        corrections.setdefault(c["doc_id"], []).append(c)
    for d in rows["documents"]:
        if d["status"] == "ok":
            assert apply_corrections(d["text_raw"], corrections.get(d["doc_id"], [])) == d["text"]


def _files(root: Path) -> list[str]:
    return sorted(str(p.relative_to(root)) for p in root.rglob("*.parquet") if p.is_file())


# -- unit tests ------------------------------------------------------------------------------------------
@pytest.mark.parametrize("layout", ["folder", "file"])
def test_no_roster_name_survives_and_layout_is_kept(tmp_path, layout):
    src, dst = tmp_path / "src", tmp_path / "dst"
    original = build_archive(src, layout)
    check_offsets(read_rows(src))  # the hand-made archive itself is consistent
    names = roster(original)
    assert {"Anna Svensson", "Karl Berg", "Lisa Ek", "Kalle", "Anna", "Svensson", "Karl", "Berg", "Lisa"} <= names
    assert leaks(src, names)  # the scan finds them before

    result = pseudonymize_dataset(src, dst)

    assert leaks(dst, names) == []
    assert _files(dst) == _files(src)
    for f in _files(src):
        assert pq.read_schema(dst / f).equals(pq.read_schema(src / f), check_metadata=True), f
    assert result["persons"] == 3
    assert result["corrections_dropped"] == 1  # 'Svensspn' -> 'Svensson' would disclose the name
    assert not (dst / ".cache").exists() and not list(dst.glob(".pseudonymizing-*"))


def test_same_person_same_pseudonym_across_tables_and_meetings(tmp_path):
    src, dst = tmp_path / "src", tmp_path / "dst"
    build_archive(src)
    pseudonymize_dataset(src, dst)
    t = read_rows(dst)
    att = {(a["meeting_id"], a["organisation"]): a["name"] for a in t["attendees"]}
    anna, karl, lisa = att[("d1-1", "RSMH")], att[("d1-1", "socialförvaltningen")], att[("d2-1", "Attention")]
    assert len({anna, karl, lisa}) == 3 and all(re.fullmatch(r"Person \d+", p) for p in (anna, karl, lisa))
    assert att[("d2-1", "RSMH")] == anna  # the same person in another meeting of another body
    assert {p["name"] for p in t["persons"]} == {anna, karl, lisa}
    assert all(p["variants"] == [p["name"]] for p in t["persons"])
    assert t["meetings"][0]["author"] == anna
    per = [e for e in t["entities"] if e["label"] == "PER"]
    by_person = {}
    for e in per:
        by_person.setdefault(e["person_id"], set()).add(e["normalized"])
    assert sorted(len(v) for v in by_person.values()) == [1, 1, 1]
    # first names, nicknames, genitives and names the entities missed are the same person
    text1 = next(d["text"] for d in t["documents"] if d["doc_id"] == "d1")
    text2 = next(d["text"] for d in t["documents"] if d["doc_id"] == "d2")
    assert f"{karl} ska kontakta" in text1  # 'Kalle'
    assert f"{karl} tackar" in text1        # 'Karl', not an entity
    assert f"§ 1 {anna}:s förslag" in text1  # 'Annas'
    assert f"[e-post {anna}]" in text1 and "@example.se" not in text1
    assert f"{anna}:s rapport" in text2 and f"{anna} påminner" in text2  # 'Svensson' alone
    assert "Per capita" in text1  # not a name: no person called Per
    item = next(a for a in t["action_items"] if a["meeting_id"] == "d2-1")
    assert item["assignees"] == [lisa, karl, "Attention"] and item["assignees_resolved"] == [lisa, karl, "Attention"]
    # person ids are replaced (the originals are a hash of the name) but still join
    pids = {p["person_id"] for p in t["persons"]}
    assert pids.isdisjoint({"p-aaaaaaaaaa", "p-bbbbbbbbbb", "p-cccccccccc"})
    assert {a["person_id"] for a in t["attendees"]} <= pids
    assert {p for a in t["action_items"] for p in a["assignee_person_ids"] if p} <= pids


def test_organisations_places_and_other_text_stay(tmp_path):
    src, dst = tmp_path / "src", tmp_path / "dst"
    original = build_archive(src)
    pseudonymize_dataset(src, dst)
    t = read_rows(dst)
    for e_old, e_new in zip(original["entities"], t["entities"]):
        if e_old["label"] != "PER":
            assert e_new["text"] == e_old["text"]
    d = {x["doc_id"]: x for x in t["documents"]}
    assert "RSMH söker ny lokal" in d["d1"]["text"] and "lokalen på Söder" in d["d1"]["text"]
    assert "Attentions höstkonferens" in d["d2"]["text"]
    assert d["d3"]["status"] == "error" and d["d3"]["error"] == "PDF is encrypted <lösenord>"
    assert [m["body"] for m in t["meetings"]] == ["Brukarrådet", "Samverkansgruppen"]
    assert t["decisions"][0]["text"] == "Styrelsen beslutar att hyra lokalen på Söder."
    assert [c["original"] for c in t["corrections"]] == ["bes1utar"]


def test_offsets_are_recomputed(tmp_path):
    src, dst = tmp_path / "src", tmp_path / "dst"
    build_archive(src)
    pseudonymize_dataset(src, dst)
    rows = read_rows(dst)
    check_offsets(rows)
    # and the corrections, mapped into the text, still sit on the corrected words
    d1 = next(d for d in rows["documents"] if d["doc_id"] == "d1")
    (a,) = align_corrections(d1["text_raw"], [c for c in rows["corrections"] if c["doc_id"] == "d1"])
    assert d1["text"][a.start:a.end] == "beslutar"


def test_in_place_and_deterministic(tmp_path):
    a, b = tmp_path / "a", tmp_path / "b"
    build_archive(a)
    build_archive(b)
    pseudonymize_dataset(b, tmp_path / "b2")
    pseudonymize_dataset(a, a)  # in place
    assert read_rows(a) == read_rows(tmp_path / "b2")
    assert not list(a.glob(".pseudonymizing-*"))


def test_without_persons_table_people_are_keyed_by_full_name(tmp_path):
    src, dst = tmp_path / "src", tmp_path / "dst"
    tables = build_archive(tmp_path / "orig", layout="file")
    del tables["persons"]
    for name in ("attendees", "entities"):
        for r in tables[name]:
            r["person_id"] = None
    for r in tables["action_items"]:
        r["assignee_person_ids"] = [None] * len(r["assignees"])
    _write(src, tables, "file")
    (src / "persons.parquet").unlink()
    names = roster(read_rows(src))

    pseudonymize_dataset(src, dst)

    assert leaks(dst, names) == [] and not (dst / "persons.parquet").exists()
    t = read_rows(dst)
    check_offsets(t)
    att = {(a["meeting_id"], a["organisation"]): a["name"] for a in t["attendees"]}
    assert att[("d1-1", "RSMH")] == att[("d2-1", "RSMH")] != att[("d1-1", "socialförvaltningen")]
    kalle = next(e for e in t["entities"]
                 if e["meeting_id"] == "d1-1" and e["start_char"] > 150 and e["label"] == "PER")
    assert kalle["text"] == kalle["normalized"] == att[("d1-1", "socialförvaltningen")]  # 'Kalle' is Karl Berg


def _linked_forms_archive(out: Path) -> tuple[str, list[str]]:
    """One meeting whose people the linker tied to handles, nicknames, a surname alone and a lower-case
    first name, and whose text holds every kind of identifier."""
    text = ("Arbetsgruppen 4 maj 2024\n\nDeltagare: Karl Berg, Anna Svensson\n\n"
            "1. Uppföljning\n@kalle_b har skickat underlaget. Kalle ringer 070-123 45 67 och anna svarar. "
            "Berg tar kontakt med sökande 19811218-9876 (samordningsnummer 701063-2391), "
            "+46 70 765 43 21, 08-123 456 78, 0701234567, anna.svensson@example.se, info@example.org.\n"
            "Besök på Kyrkogatan 3, 211 37 Malmö. Kalles förslag godkändes.\n")
    mid, y = "d1-1", {"meeting_year": 2024}
    karl, anna = "p-bbbbbbbbbb", "p-aaaaaaaaaa"

    def per(needle, pid, nth=0):
        s, e = _at(text, needle, nth)
        return {"meeting_id": mid, "label": "PER", "text": needle, "start_char": s, "end_char": e,
                "normalized": None, "source": "model", "person_id": pid, **y}

    def mention(needle, pid, table="entities", nth=0):
        s, e = _at(text, needle, nth)
        return {"meeting_id": mid, "source_table": table, "start_char": s, "end_char": e, "text": needle,
                "person_id": pid, **y}

    entities = [per("Karl Berg", karl), per("Anna Svensson", anna), per("Kalle", karl), per("anna", anna)]
    tables = {
        "documents": [{"doc_id": "d1", "source_path": "2024/arbetsgruppen.txt", "format": "txt", "text_raw": text,
                       "text": text, "status": "ok", "warnings": [], **y}],
        "meetings": [{"meeting_id": mid, "doc_id": "d1", "body": "Arbetsgruppen", "title": "Arbetsgruppen 4 maj 2024",
                      "title_start_char": 0, **y}],
        "attendees": [{"meeting_id": mid, "name": n, "person_id": pid, "present": True,
                       "start_char": _at(text, n)[0], "end_char": _at(text, n)[1], **y}
                      for n, pid in (("Karl Berg", karl), ("Anna Svensson", anna))],
        "entities": entities,
        "person_mentions": [mention("@kalle_b", karl), mention("Kalle", karl), mention("anna", anna),
                            mention("Karl Berg", karl, "attendees"), mention("Anna Svensson", anna, "attendees")],
        "persons": [{"person_id": karl, "name": "Karl Berg", "variants": ["Karl Berg", "Kalle", "@kalle_b", "kalle_b"],
                     "organisations": [], "n_meetings": 1, "n_mentions": 4},
                    {"person_id": anna, "name": "Anna Svensson", "variants": ["Anna Svensson", "anna"],
                     "organisations": [], "n_meetings": 1, "n_mentions": 3}],
    }
    _write(out, tables, "folder")
    return text, ["Karl", "Berg", "Kalle", "Kalles", "kalle_b", "anna", "Anna", "Svensson"]


def test_identifiers_and_every_linked_name_form_are_replaced(tmp_path):
    text, forms = _linked_forms_archive(tmp_path / "src")
    assert len(find_identifiers(text, KINDS)) == 10
    pseudonymize_dataset(tmp_path / "src", tmp_path / "dst")
    rows = read_rows(tmp_path / "dst")
    new = rows["documents"][0]["text"]
    for table, table_rows in rows.items():
        for r in table_rows:
            for v in r.values():
                for x in v if isinstance(v, list) else [v]:
                    if isinstance(x, str):
                        assert find_identifiers(x, KINDS) == [], (table, x)
                        assert not [f for f in forms if re.search(rf"(?<![\w@]){re.escape(f)}(?!\w)", x)], (table, x)
    assert "ringer [telefonnummer]" in new and "sökande [personnummer] ([samordningsnummer] [personnummer]" not in new
    assert "sökande [personnummer] (samordningsnummer [samordningsnummer])" in new
    assert "[e-post Person" in new and "[e-post]." in new and "Besök på [adress]." in new
    assert "[användarnamn] har skickat" in new
    karl = next(a["name"] for a in rows["attendees"] if a["start_char"] < new.index(","))
    assert f"{karl} ringer" in new and f"{karl}:s förslag" in new and f"{karl} tar kontakt" in new  # 'Berg' alone
    check_offsets(rows)


def test_tables_out_of_document_order_are_read_whole(tmp_path):
    """A folder written by another tool: rows not in the order of the documents give the same result."""
    src, shuffled = tmp_path / "src", tmp_path / "shuffled"
    tables = build_archive(src, "file")
    for name in ("entities", "attendees"):
        tables[name] = list(reversed(tables[name]))
    _write(shuffled, tables, "file")
    pseudonymize_dataset(src, tmp_path / "a")
    pseudonymize_dataset(shuffled, tmp_path / "b")
    a, b = read_rows(tmp_path / "a"), read_rows(tmp_path / "b")
    for name in a:
        def key(r):
            return json.dumps(r, sort_keys=True, default=str)
        assert sorted(map(key, a[name])) == sorted(map(key, b[name])), name


# -- end to end on the sample archive ------------------------------------------------------------------
@pytest.mark.slow
def test_pseudonymise_a_fresh_run_of_the_sample(repo, tmp_path):
    out, dst = tmp_path / "processed", tmp_path / "pseudonymised"
    result = subprocess.run([sys.executable, "-m", "pipeline.cli", "run", str(repo / "data" / "raw"), "--out", str(out),
                             "--quiet"], check=False, capture_output=True, text=True, timeout=900)
    assert result.returncode == 0, result.stderr
    original = read_rows(out)
    names = roster(original)
    assert len(names) >= 20 and leaks(out, names)

    counts = pseudonymize_dataset(out, dst)

    assert leaks(dst, names) == []
    rows = read_rows(dst)
    check_offsets(rows)
    assert _files(dst) == _files(out)
    for name in original:
        if name != "corrections":
            assert len(rows[name]) == len(original[name]), name
    assert counts["persons"] >= len(original.get("persons", []))
    # organisations stay
    orgs = {e["text"] for e in original["entities"] if e["label"] == "ORG"}
    assert orgs == {e["text"] for e in rows["entities"] if e["label"] == "ORG"}
    assert not (dst / ".cache").exists()
