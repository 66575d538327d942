"""Build ``models/gazetteer/public_bodies.tsv`` from the public lists in ``../shared/gazetteers``.

Run as ``python -m pipeline.stages.ner.build_gazetteer [--src DIR] [--out FILE]`` (a development
task, like ``pipeline.stages.repair.build_lm``; the file is committed so that a clone runs without
``../shared``). Only names are kept (facts), with the list they came from:

* state agencies, courts and other public bodies (civictechsweden/myndighetsdata, CC0: ESV's,
  Statskontoret's and SCB's registers, Wikidata, SFS, handlingar.se), with their former names and
  the abbreviations the lists give (Wikidata's and handlingar.se's; ESV's short names only where
  they are the initials of the name, since many are internal codes such as 'BOLAGS');
* the 290 municipalities ('Kungsbacka kommun' as an organisation, 'Kungsbacka' as a place) and the
  21 counties (sjbrg/swedish-geodata, CC0);
* the Riksdag parties written out (welfare-state-analytics/riksdagen-corpus, MIT).

Columns: ``name``, ``label`` (ORG or LOC), ``kind``, ``source``. The curated list written for
this project (``models/gazetteer/curated.tsv``) is kept by hand and not touched here.
"""
from __future__ import annotations

import argparse
import csv
import json
import re
from pathlib import Path

from pipeline.contract.resources import model_path

DEFAULT_SRC = Path("../shared/gazetteers")
DEFAULT_OUT = model_path("gazetteer/public_bodies.tsv")
HEADER = ("name", "label", "kind", "source")
# SCB groups that are not bodies a Swedish minutes mentions by name as such
_SKIP_GROUPS = {"Svenska utlandsmyndigheter"}
_FUNCTION = {"för", "och", "i", "av", "med", "om", "på", "vid", "till", "&"}
_ABBR = re.compile(r"^(?=(?:.*[A-ZÅÄÖ]){2})[A-ZÅÄÖ][A-ZÅÄÖa-zåäö]{1,6}$")


def _initials(name: str) -> str:
    words = re.findall(r"[^\W\d_]+", name)
    return "".join(w[0].upper() for w in words if w.lower() not in _FUNCTION)


def _clean(name: str) -> str | None:
    name = re.sub(r"\s+", " ", str(name or "")).strip(" ,.;")
    if not 2 <= len(name) <= 90 or any(ch.isdigit() for ch in name) or name.isupper() and len(name) > 8:
        return None
    return name


def agencies(src: Path) -> list[tuple[str, str, str, str]]:
    """Public bodies by name, former name and abbreviation."""
    d = src / "myndighetsdata"
    rows: list[tuple[str, str, str, str]] = []

    def add(name, kind, source):
        n = _clean(name)
        if n:
            rows.append((n, "ORG", kind, source))

    esv = json.loads((d / "esv.json").read_text(encoding="utf-8"))
    for name, v in esv.items():
        add(name, "agency", "myndighetsdata/esv")
        for old in v.get("old_names") or []:
            add(old, "agency", "myndighetsdata/esv")
        short = (v.get("short_name") or "").strip()
        if _ABBR.match(short) and short.upper() == _initials(name):
            add(short, "abbreviation", "myndighetsdata/esv")
    for name, v in json.loads((d / "stkt.json").read_text(encoding="utf-8")).items():
        add(name, "agency", "myndighetsdata/stkt")
        for other in v.get("other_names") or []:
            add(other, "agency", "myndighetsdata/stkt")
    for name, v in json.loads((d / "scb.json").read_text(encoding="utf-8")).items():
        if v.get("group") in _SKIP_GROUPS:
            continue
        add(name, "court" if "domstol" in str(v.get("group", "")).lower() else "agency", "myndighetsdata/scb")
    for name, v in json.loads((d / "wd.json").read_text(encoding="utf-8")).items():
        add(name, "agency", "myndighetsdata/wd")
        for other in v.get("other_names") or []:
            add(other, "abbreviation" if _ABBR.match(other) else "agency", "myndighetsdata/wd")
    for name, v in json.loads((d / "handlingar.json").read_text(encoding="utf-8")).items():
        if "ambassad" in (v.get("tags") or []):
            continue
        add(name, "agency", "myndighetsdata/handlingar")
        short = (v.get("short_name") or "").strip()
        if _ABBR.match(short):
            add(short, "abbreviation", "myndighetsdata/handlingar")
    for name in json.loads((d / "sfs.json").read_text(encoding="utf-8")):
        add(name, "agency", "myndighetsdata/sfs")
    return rows


def geography(src: Path) -> list[tuple[str, str, str, str]]:
    d = src / "swedish-geodata"
    rows = []
    with open(d / "municipalities.csv", encoding="utf-8") as fh:
        for r in csv.DictReader(fh):
            rows.append((r["municipality_name"].strip(), "ORG", "municipality", "swedish-geodata"))
            rows.append((r["municipality_name_short"].strip(), "LOC", "municipality", "swedish-geodata"))
    with open(d / "counties.csv", encoding="utf-8") as fh:
        for r in csv.DictReader(fh):
            rows.append((r["county_name"].strip(), "LOC", "county", "swedish-geodata"))
            rows.append((r["county_name_short"].strip(), "LOC", "county", "swedish-geodata"))
    return rows


def parties(src: Path) -> list[tuple[str, str, str, str]]:
    rows = []
    with open(src / "riksdagen-corpus" / "party_abbreviation.csv", encoding="utf-8") as fh:
        for r in csv.DictReader(fh):
            name = r["party"].strip()
            if not name.startswith("(") and name[:1].isupper():
                rows.append((name, "ORG", "party", "riksdagen-corpus"))
    return rows


# abbreviations in the lists that read as words in capitals ('HAN', 'VALID')
_WORD_LIKE = {"HAN", "SEN", "SIN", "VAL", "VALID", "POLAR", "KEMI", "ISA", "KONJ", "MIL", "GIANT", "BASUN",
              "KOMMERS", "EM", "DU", "MM", "MI", "AI", "SI", "TS", "DI", "SK", "SB", "HB", "FB", "RR", "KK", "HH"}


def _word_like(abbreviation: str) -> bool:
    """An abbreviation that reads as a word in capitals, or a known non-body (laws, methods)."""
    from wordfreq import zipf_frequency

    from pipeline.stages.ner.patterns import NOT_ORG_ACRONYMS
    up = abbreviation.upper()
    return up in _WORD_LIKE or up in NOT_ORG_ACRONYMS or zipf_frequency(abbreviation.lower(), "sv") >= 5.0


def build(src: Path, out: Path) -> int:
    """Write the table (one row per distinct name and label, the first source kept)."""
    seen: dict[tuple[str, str], tuple[str, str, str, str]] = {}
    for row in agencies(src) + geography(src) + parties(src):
        if row[2] == "abbreviation" and _word_like(row[0]):
            continue
        seen.setdefault((row[0], row[1]), row)
    out.parent.mkdir(parents=True, exist_ok=True)
    with open(out, "w", encoding="utf-8", newline="") as fh:
        w = csv.writer(fh, delimiter="\t", lineterminator="\n")
        w.writerow(HEADER)
        for row in sorted(seen.values(), key=lambda r: (r[2], r[0])):
            w.writerow(row)
    return len(seen)


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--src", type=Path, default=DEFAULT_SRC)
    ap.add_argument("--out", type=Path, default=DEFAULT_OUT)
    args = ap.parse_args(argv)
    print(f"{build(args.src, args.out)} names -> {args.out}")


if __name__ == "__main__":
    main()
