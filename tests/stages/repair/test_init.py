"""pipeline/stages/repair/__init__.py: the public interface repair_text / RepairResult."""
from __future__ import annotations

import random

import pytest

from pipeline.stages.repair import RepairResult, apply_corrections, repair_text

CLEAN = ("Mötet öppnades av ordföranden som hälsade alla välkomna. Nämnden beslutade att "
         "godkänna föregående protokoll. Även förvaltningen redogjorde för läget i ärendet "
         "om de nya lokalerna på Söder. Nästa möte äger rum i början av året.")

DAMAGED = ("Motet oppnades av ordféranden som halsade alla valkomna. Namnden beslutade att "
           "godkanna féregaende protokoll. Aven forvaltningen redogjorde for laget i &rendet "
           "om de nya lokalerna pa Séder. Nasta mote 6ger rum i borjan av aret. Det ar viktigt "
           "att vi far tid for fragor och att vi kan ga vidare nar vi vet mer.")


def _check(text: str, res: RepairResult) -> None:
    assert isinstance(res, RepairResult)
    assert apply_corrections(text, res.corrections) == res.text
    for c in res.corrections:
        assert set(c) == {"start_char", "original", "replacement", "method", "score"}
        assert text[c["start_char"]:c["start_char"] + len(c["original"])] == c["original"]
        assert isinstance(c["score"], float)


def test_clean_text_is_byte_identical():
    for params in (None, {}):
        res = repair_text(CLEAN, params)
        assert res.text == CLEAN
        assert res.corrections == []


def test_damaged_text_is_repaired_with_context():
    res = repair_text(DAMAGED)
    _check(DAMAGED, res)
    t = res.text
    for good in ("Mötet öppnades", "ordföranden", "hälsade alla välkomna", "godkänna",
                 "föregående", "Även förvaltningen", "ärendet", "på Söder",
                 "Nästa möte", "äger rum", "början av året", "Det är viktigt", "får tid för frågor",
                 "gå vidare när"):
        assert good in t, good
    # undamaged words are left alone
    for same in ("beslutade", "protokoll", "lokalerna", "vidare"):
        assert same in t


def test_every_change_is_recorded():
    res = repair_text(DAMAGED)
    assert res.corrections
    assert all(c["original"] != c["replacement"] for c in res.corrections)
    assert {c["method"] for c in res.corrections} <= {"confusion+lm", "fffd", "ftfy"}


def test_fffd_restoration():
    raw = ("\ufffd 1 M\ufffdtet \ufffdppnas. Ordf\ufffdranden h\ufffdlsade alla v\ufffdlkomna och "
           "fr\ufffdgade om n\ufffdgon hade n\ufffdgot att till\ufffdgga.")
    res = repair_text(raw)
    _check(raw, res)
    assert res.text == ("§ 1 Mötet öppnas. Ordföranden hälsade alla välkomna och frågade om "
                        "någon hade något att tillägga.")
    assert all(c["method"] == "fffd" for c in res.corrections)


def test_mojibake_is_fixed_with_ftfy():
    raw = "Vi mÃ¶ttes fÃ¶r att diskutera frÃ¥gan om bÃ¤ttre lokaler."
    res = repair_text(raw)
    _check(raw, res)
    assert res.text == "Vi möttes för att diskutera frågan om bättre lokaler."
    assert {c["method"] for c in res.corrections} == {"ftfy"}


@pytest.mark.parametrize("raw", ["", " ", "\n\n\n", "\x00\x01\x02 skräp \xff\ufffd\ufffd", "6" * 5000,
                                 "&&&& 6666 |||| éééé", "a " * 20000, "ÅÄÖ åäö" * 10,
                                 "DET AR VIKTIGT ATT VI TAR HAND OM VARA BRUKARE OCH FOR DET ARBETE "
                                 "SOM GORS PA FORVALTNINGEN NAR DET GALLER FRAGOR OM MOTET."])
def test_never_crashes_on_odd_input(raw):
    res = repair_text(raw)
    _check(raw, res)


def test_all_caps_keeps_case():
    raw = ("DET AR VIKTIGT ATT VI TAR HAND OM VARA BRUKARE. VI MASTE BORJA FORST MED ATT FORSTA "
           "VAD SOM HANDER NAR MAN AR NY I STADEN OCH VAD SOM GORS FOR ATT HJALPA.")
    res = repair_text(raw)
    _check(raw, res)
    assert res.text.startswith("DET ÄR VIKTIGT")
    assert "VI MÅSTE BÖRJA FÖRST" in res.text
    assert res.text == res.text.upper()


def test_random_junk_is_consistent():
    rng = random.Random(3)
    alphabet = "abcdeåäö6&|@é\ufffd .,\n" + "ABCÅÄÖ"
    for _ in range(20):
        raw = "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 400)))
        _check(raw, repair_text(raw))


def test_disabled_by_params():
    assert repair_text(DAMAGED, {"enabled": False}).text == DAMAGED


def test_identifier_rows_follow_the_repaired_text():
    from pipeline.contract.record import MinutesRecord
    from pipeline.stages.repair import RepairParams, repair_stage

    raw = "MÃ¶tet bÃ¶rjade. Ring [telefonnummer] fÃ¶re mÃ¥ndag.\n"  # mojibake before the placeholder
    start = raw.index("[telefonnummer]")
    rec = MinutesRecord(document={"doc_id": "d", "text_raw": raw, "text": raw},
                        identifiers=[{"doc_id": "d", "kind": "telefonnummer", "start_char": start,
                                      "end_char": start + 15, "text": "[telefonnummer]", "masked": True}])
    repair_stage(rec, RepairParams())
    text = rec.document["text"]
    assert text.startswith("Mötet började.")
    (row,) = rec.identifiers
    assert text[row["start_char"]:row["end_char"]] == "[telefonnummer]"
