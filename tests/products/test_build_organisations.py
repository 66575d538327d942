"""pipeline/products/build_organisations.py: short forms from the public lists, facts only."""
import csv
import json

from pipeline.contract.resources import model_path
from pipeline.products.build_organisations import CURATED, agency_aliases, build, party_aliases


def _lists(tmp_path):
    d = tmp_path / "myndighetsdata"
    d.mkdir()
    (d / "esv.json").write_text(json.dumps({
        "Försäkringskassan": {"short_name": "FK"}, "Statistiska centralbyrån": {"short_name": "SCB"},
        "Ungdomsstyrelsen": {"short_name": "UNG", "end": "2014-06-01"},
        "Alfa-verket": {"short_name": "AV"}, "Beta-verket": {"short_name": "AV"}}), encoding="utf-8")
    (d / "handlingar.json").write_text(json.dumps({
        "Statistiska Centralbyrån": {"short_name": "SCB"}, "Inspektionen för vård och omsorg": {"short_name": "IVO"},
        "Sveriges ambassad i Oslo": {"short_name": "OSLO", "tags": ["ambassad"]}}), encoding="utf-8")
    r = tmp_path / "riksdagen-corpus"
    r.mkdir()
    (r / "party_abbreviation.csv").write_text(
        "party,abbreviation,ocr_correction\nFolkpartiet,L,False\nLiberalerna,L,False\n(fp),L,False\n"
        "Socialdemokraterna,S,False\nSocialdemokraterne,S,True\npartilös,independent,False\n", encoding="utf-8")
    return tmp_path


def test_current_unambiguous_agency_short_forms(tmp_path):
    rows = {a: n for a, n, _, _ in agency_aliases(_lists(tmp_path))}
    assert rows == {"FK": "Försäkringskassan", "SCB": "Statistiska centralbyrån",
                    "IVO": "Inspektionen för vård och omsorg"}  # not abolished, shared or embassy codes


def test_party_letters_get_the_current_name(tmp_path):
    assert party_aliases(_lists(tmp_path)) == [("L", "Liberalerna", "political_party", "riksdagen-corpus"),
                                               ("S", "Socialdemokraterna", "political_party", "riksdagen-corpus")]


def test_build_writes_the_tsv_and_the_shipped_file_has_the_common_forms(tmp_path):
    out = tmp_path / "aliases.tsv"
    assert build(_lists(tmp_path), out) == 5 + len(CURATED)
    with open(model_path("organisations/aliases.tsv"), encoding="utf-8") as fh:
        shipped = {r["alias"]: r for r in csv.DictReader(fh, delimiter="\t")}
    assert shipped["FK"]["name"] == "Försäkringskassan" and shipped["IVO"]["kind"] == "state_agency"
    assert shipped["SKR"]["name"] == "Sveriges Kommuner och Regioner"
    assert shipped["S"]["name"] == "Socialdemokraterna" and shipped["KD"]["kind"] == "political_party"
