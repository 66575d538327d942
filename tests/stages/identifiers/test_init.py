"""The identifiers stage: numbers that reach a person are masked before any other stage reads the
text, and every identifier is listed as what it is."""
from __future__ import annotations

import json

from pipeline.contract.document import Block, block_rows
from pipeline.contract.record import MinutesRecord
from pipeline.stages.identifiers import IdentifiersParams, identifiers_stage

TEXT = ("Individutskottet 12 mars 2024\n\nPlats: Storgatan 37, Kungsbacka\n\n"
        "§ 1 Ansökan från sökande 19811218-9876 beviljas.\nKontakt: handläggaren, 070-123 45 67, eva.holm@kommun.se\n"
        "§ 2 Övrigt\nInget.\n")


def _rec() -> MinutesRecord:
    start = TEXT.index("§ 1")
    blocks = [Block("heading", 0, TEXT.index("\n"), 1), Block("paragraph", start, TEXT.index("§ 2") - 1),
              Block("furniture", len(TEXT), len(TEXT), text="Tel 08-123 456 78")]
    meta = {"author": "eva.holm@kommun.se", "title": "Individutskottet"}
    return MinutesRecord(document={"doc_id": "d", "text_raw": TEXT, "text": TEXT, "status": "ok",
                                   "meta_author": meta["author"], "meta_title": meta["title"], "meta_date": None,
                                   "metadata": json.dumps(meta)}, blocks=block_rows("d", blocks))


def test_numbers_that_reach_a_person_are_masked_everywhere_and_blocks_follow():
    rec = _rec()
    identifiers_stage(rec, IdentifiersParams())
    text = rec.document["text"]
    assert text == rec.document["text_raw"]
    assert "19811218-9876" not in text and "070-123 45 67" not in text and "eva.holm@" not in text
    assert "sökande [personnummer] beviljas" in text and "[telefonnummer], [e-post]" in text
    assert "Storgatan 37" in text  # an address is listed, not masked, in the identified dataset
    kinds = [(r["kind"], r["masked"]) for r in rec.identifiers]
    assert kinds == [("adress", False), ("personnummer", True), ("telefonnummer", True), ("e-post", True)]
    for r in rec.identifiers:
        assert text[r["start_char"]:r["end_char"]] == r["text"]
    heading, para, furniture = rec.blocks
    assert text[heading["start_char"]:heading["end_char"]] == "Individutskottet 12 mars 2024"
    assert text[para["start_char"]:para["end_char"]].startswith("§ 1 Ansökan") and \
        text[para["start_char"]:para["end_char"]].endswith("[e-post]")
    assert furniture["text"] == "Tel [telefonnummer]"
    assert rec.document["meta_author"] == "[e-post]" and "eva.holm" not in rec.document["metadata"]


def test_with_mask_off_the_identifiers_are_listed_as_written():
    rec = _rec()
    identifiers_stage(rec, IdentifiersParams(mask=False))
    assert rec.document["text"] == TEXT
    assert [(r["kind"], r["text"], r["masked"]) for r in rec.identifiers][1] == ("personnummer", "19811218-9876", False)
    for r in rec.identifiers:
        assert TEXT[r["start_char"]:r["end_char"]] == r["text"]


def test_a_personnummer_is_never_an_entity(monkeypatch):
    from pipeline.stages import ner

    rec = _rec()
    identifiers_stage(rec, IdentifiersParams(mask=False))
    pnr = next(r for r in rec.identifiers if r["kind"] == "personnummer")
    fake = [{"label": "ORG", "text": "19811218-9876", "start_char": pnr["start_char"], "end_char": pnr["end_char"]},
            {"label": "LOC", "text": "Storgatan 37", "start_char": TEXT.index("Storgatan"),
             "end_char": TEXT.index("Storgatan") + 12}]
    from pipeline.stages.ner import recognise

    monkeypatch.setattr(recognise, "recognise_entities", lambda *a, **k: fake)  # ner_stage imports it lazily
    ner.ner_stage(rec, ner.NerParams())
    assert [e["text"] for e in rec.entities] == ["Storgatan 37"]  # an address may well be a place
