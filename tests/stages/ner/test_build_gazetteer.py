"""pipeline/stages/ner/build_gazetteer.py: the public-bodies table from the lists in ../shared/gazetteers."""
import csv
import json

from pipeline.stages.ner.build_gazetteer import build


def _src(tmp_path):
    d = tmp_path / "myndighetsdata"
    d.mkdir()
    (d / "esv.json").write_text(json.dumps({
        "Inspektionen för vård och omsorg": {"short_name": "IVO"},
        "Bolagsverket": {"short_name": "BOLAGS", "old_names": ["Patent- och registreringsverket"]}}), encoding="utf-8")
    (d / "stkt.json").write_text(json.dumps({"Tullverket": {"other_names": []}}), encoding="utf-8")
    (d / "scb.json").write_text(json.dumps({"Sveriges ambassad i Oslo": {"group": "Svenska utlandsmyndigheter"},
                                            "Kammarrätten i Göteborg": {"group": "Sveriges domstolar samt Domstolsverket"}}),
                                encoding="utf-8")
    (d / "wd.json").write_text(json.dumps({"Lantmäteriet": {"other_names": ["LM", "Lantmäteriverket"]}}), encoding="utf-8")
    (d / "handlingar.json").write_text(json.dumps({"Riksdagens ombudsmän": {"short_name": "JO", "tags": []}}),
                                       encoding="utf-8")
    (d / "sfs.json").write_text(json.dumps({"Statens institutionsstyrelse": {}}), encoding="utf-8")
    g = tmp_path / "swedish-geodata"
    g.mkdir()
    (g / "municipalities.csv").write_text("municipality_code,municipality_name,municipality_name_short,county_code\n"
                                          "1384,Kungsbacka kommun,Kungsbacka,13\n", encoding="utf-8")
    (g / "counties.csv").write_text("county_code,county_name,county_name_short\n13,Hallands län,Halland\n",
                                    encoding="utf-8")
    r = tmp_path / "riksdagen-corpus"
    r.mkdir()
    (r / "party_abbreviation.csv").write_text("party,abbreviation,ocr_correction\nModeraterna,M,False\n(M),M,False\n",
                                              encoding="utf-8")
    return tmp_path


def test_names_labels_and_kinds(tmp_path):
    out = tmp_path / "out.tsv"
    n = build(_src(tmp_path), out)
    with open(out, encoding="utf-8") as fh:
        rows = {(r["name"], r["label"]): r["kind"] for r in csv.DictReader(fh, delimiter="\t")}
    assert n == len(rows)
    assert rows[("Inspektionen för vård och omsorg", "ORG")] == "agency"
    assert rows[("IVO", "ORG")] == "abbreviation"          # the initials of the name
    assert ("BOLAGS", "ORG") not in rows                     # an internal code, not an abbreviation
    assert rows[("Kammarrätten i Göteborg", "ORG")] == "court"
    assert ("Sveriges ambassad i Oslo", "ORG") not in rows
    assert rows[("Kungsbacka kommun", "ORG")] == "municipality" and rows[("Kungsbacka", "LOC")] == "municipality"
    assert rows[("Moderaterna", "ORG")] == "party" and ("(M)", "ORG") not in rows
    assert rows[("Lantmäteriverket", "ORG")] == "agency" and rows[("Patent- och registreringsverket", "ORG")] == "agency"


def test_shipped_table_is_current_with_its_sources(repo, shared):
    """The committed table is what the builder makes of ../shared/gazetteers."""
    out = repo / "models" / "gazetteer" / "public_bodies.tsv"
    fresh = shared.parent / "shared" / "gazetteers"
    import tempfile
    from pathlib import Path
    with tempfile.TemporaryDirectory() as d:
        n = build(fresh, Path(d) / "t.tsv")
        assert (Path(d) / "t.tsv").read_text(encoding="utf-8") == out.read_text(encoding="utf-8")
    assert n > 1500
