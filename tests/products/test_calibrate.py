"""Building the confidence table from gold: the scorer's match, the labels, the weights, the files."""
from __future__ import annotations

import json
from collections import defaultdict

import pytest

from pipeline.contract.ids import assign_row_ids
from pipeline.contract.record import MinutesRecord
from pipeline.products.calibrate import build, counts, labelled_rows, matched, norm
from pipeline.products.confidence import SCORED, load_table, lookup
from pipeline.run.export import write_tables

TEXT = ("Socialnämndens arbetsutskott 2024-05-14\n\nNärvarande: Anna Ek (S), Omval\n\n"
        "§ 12 Avgifter\nBeslut: Avgiften för trygghetslarm fastställs till 250 kronor.\n"
        "KS och KS och KS yttrar sig. Anna redovisar till Vård- och omsorgsnämnden.\n"
        "Kaffe serveras klockan tre.\n")


def _at(needle: str, nth: int = 0) -> tuple[int, int]:
    i = -1
    for _ in range(nth + 1):
        i = TEXT.index(needle, i + 1)
    return i, i + len(needle)


def _dataset(tmp_path):
    m = "d1-1"
    ents = [("PER", "Anna Ek", 0, "structure", 3), ("ORG", "KS", 0, "gazetteer", 1), ("ORG", "KS", 1, "gazetteer", 1),
            ("ORG", "KS", 2, "gazetteer", 1), ("ORG", "Vård- och omsorgsnämnden", 0, "patterns", 2),
            ("PER", "Anna", 1, "model", 1)]
    rec = MinutesRecord(
        document={"doc_id": "d1", "source_path": "sn/au-2024-05-14.txt", "format": "txt", "text": TEXT,
                  "text_raw": TEXT, "status": "ok", "ocr": False},
        meetings=[{"meeting_id": m, "doc_id": "d1", "body": "Socialnämndens arbetsutskott"}],
        attendees=[{"meeting_id": m, "name": "Anna Ek", "organisation": "S", "start_char": _at("Anna Ek")[0],
                    "end_char": _at("Anna Ek")[1]},
                   {"meeting_id": m, "name": "Omval", "start_char": _at("Omval")[0], "end_char": _at("Omval")[1]}],
        entities=[{"meeting_id": m, "label": lab, "text": t, "start_char": _at(t, k)[0], "end_char": _at(t, k)[1],
                   "source": src, "layers": n} for lab, t, k, src, n in ents],
        decisions=[{"meeting_id": m, "text": "Avgiften för trygghetslarm fastställs till 250 kronor.",
                    "rule": "beslut-label", "kind": "approved"},
                   {"meeting_id": m, "text": "Kaffe serveras klockan tre.", "rule": "cue:procedure", "kind": "decided"}],
        person_mentions=[{"meeting_id": m, "source_table": "entities", "text": "Anna", "person_id": "p-anna",
                          "link": "meeting"},
                         {"meeting_id": m, "source_table": "attendees", "text": "Omval", "person_id": "p-omval",
                          "link": "alone"}])
    assign_row_ids(rec)
    out = tmp_path / "out"
    write_tables([rec], out, {"persons": [{"person_id": "p-anna", "name": "Anna Ek"},
                                          {"person_id": "p-omval", "name": "Omval"}]})
    gold = tmp_path / "gold"
    gold.mkdir()
    (gold / "au-2024-05-14.gold.json").write_text(json.dumps({
        "meeting": {"attendees": [{"name": "Anna Ek", "organisation": "S"}]},
        "persons": ["Anna Ek"], "organisations": ["Vård- och omsorgsnämnden"],
        "decisions": [{"text": "Avgiften för trygghetslarm fastställs till 250 kronor"}]}), encoding="utf-8")
    return out, gold


def test_matching_forgives_case_white_space_diacritics_and_is_one_to_one():
    assert norm("  Beslut:  Åsa  ÖBERG. ") == norm("beslut: asa oberg")
    one = matched([norm("Anna Ek"), norm("anna  ek"), norm("Per Lund")], [norm("Anna Ek")], 85)
    assert len(one) == 1 and one < {0, 1}  # the gold name is matched once, and never to Per Lund
    assert matched([norm("Avgiften fastställs till 250 kronor.")],
                   [norm("Avgiften för trygghetslarm fastställs till 250 kronor")], 75) == {0}


def test_rows_are_labelled_against_the_gold_and_repeats_weigh_once(tmp_path):
    out, gold = _dataset(tmp_path)
    got = defaultdict(list)
    for r in labelled_rows(out, gold):
        said = r["row"].get("text") or r["row"].get("name")
        got[r["table"]].append((said, r["right"], round(r["weight"], 3)))
    assert sorted(got["decisions"]) == [("Avgiften för trygghetslarm fastställs till 250 kronor.", True, 1.0),
                                        ("Kaffe serveras klockan tre.", False, 1.0)]
    assert sorted(got["attendees"]) == [("Anna Ek", True, 1.0), ("Omval", False, 1.0)]
    assert ("KS", False, 0.333) in got["entities"] and ("Vård- och omsorgsnämnden", True, 1.0) in got["entities"]
    assert sorted(got["person_mentions"]) == [("Anna", True, 1.0), ("Omval", False, 1.0)]  # a first name of a person
    assert "action_items" not in got  # not annotated in this gold file: not labelled
    c = counts(out, gold)
    assert c["entities"]["ORG|gazetteer|1"] == (1.0, 0.0)  # three KS rows, one string


def test_the_built_table_gives_each_bucket_its_measured_precision(tmp_path):
    out, gold = _dataset(tmp_path)
    build(out, gold, tmp_path / "conf")
    meta = json.loads((tmp_path / "conf" / "meta.json").read_text(encoding="utf-8"))
    assert meta["documents"] == 1 and meta["rows"]["decisions"] == 2
    table = load_table(str(tmp_path / "conf" / "table.json"))
    assert lookup("decisions", "beslut-label|approved", table) > lookup("decisions", "cue:procedure|decided", table)
    assert lookup("attendees", "line|full", table) > lookup("attendees", "line|single", table)


@pytest.mark.slow
def test_on_the_fixture_corpus_surer_rows_are_right_more_often(repo, tmp_path):
    """The shipped table against a fresh run of the corpus it was built on: every confidence in [0, 1], and
    in every table the rows above 0.9 are right more often than those below (a stale table fails this)."""
    from pipeline.run.runner import run_archive

    out = tmp_path / "fx"
    run_archive([repo / "tests" / "fixtures" / "minutes"], out, None, workers=2)
    by_table = defaultdict(lambda: {True: [0, 0], False: [0, 0]})
    for r in labelled_rows(out, repo / "tests" / "fixtures" / "minutes" / "gold"):
        conf = r["row"]["confidence"]
        assert 0.0 <= conf <= 1.0
        side = by_table[r["table"]][conf >= 0.9]
        side[0] += 1
        side[1] += r["right"]
    assert set(by_table) == set(SCORED)
    for table, sides in by_table.items():
        (n_hi, right_hi), (n_lo, right_lo) = sides[True], sides[False]
        if n_lo >= 10:
            assert right_hi / n_hi > right_lo / n_lo, (table, sides)
