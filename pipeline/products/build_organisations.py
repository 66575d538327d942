"""Build ``models/organisations/aliases.tsv``: short forms of organisations and the full name they stand for.

Run as ``python -m pipeline.products.build_organisations [--src DIR] [--out FILE]`` (a development
task like ``pipeline.stages.ner.build_gazetteer``; the file is committed so that a clone runs without
``../shared``). The organisations pass (:mod:`pipeline.products.organisations`) reads it to make
'FK' and 'Försäkringskassan', 'S' and 'Socialdemokraterna' one organisation. Only facts of the
public lists in ``../shared/gazetteers`` are kept, with the list they came from:

* the short names of current state agencies (civictechsweden/myndighetsdata, CC0: ESV's register
  and handlingar.se; 'FK', 'IVO', 'Digg', 'SCB'); a short name two agencies share is left out;
* the party letters of the Riksdag parties (welfare-state-analytics/riksdagen-corpus, MIT), each
  with the party's current name (the list gives former names first: 'Folkpartiet', then 'Liberalerna').

* the short forms of ``models/gazetteer/curated.tsv`` written for this project ('SKR', 'RSMH', 'KS'),
  each with the full name that list gives (``CURATED``).

Columns: ``alias``, ``name``, ``kind`` (a kind of :mod:`pipeline.lang.organisation_kinds`), ``source``.
"""
from __future__ import annotations

import argparse
import csv
import json
import re
from pathlib import Path

from pipeline.contract.resources import model_path

DEFAULT_SRC = Path("../shared/gazetteers")
DEFAULT_OUT = model_path("organisations/aliases.tsv")
HEADER = ("alias", "name", "kind", "source")
_SHORT = re.compile(r"^(?=(?:.*[A-ZÅÄÖ]){2})[A-ZÅÄÖ][A-ZÅÄÖa-zåäö]{1,6}$")  # 'FK', 'IVO', 'Digg', 'SoS'


# (short form, full name, kind): pairs of names that models/gazetteer/curated.tsv lists apart
CURATED = (
    ("SKR", "Sveriges Kommuner och Regioner", "association"), ("SKL", "Sveriges Kommuner och Regioner", "association"),
    ("RSMH", "Riksförbundet för social och mental hälsa", "user_organisation"),
    ("NSPH", "Nationell Samverkan för Psykisk Hälsa", "user_organisation"),
    ("KRIS", "Kriminellas Revansch i Samhället", "user_organisation"),
    ("KF", "Kommunfullmäktige", "committee"), ("KS", "Kommunstyrelsen", "committee"),
    ("KSAU", "Kommunstyrelsens arbetsutskott", "committee"),
    ("Digg", "Myndigheten för digital förvaltning", "state_agency"),  # as the agency writes itself
)


def agency_aliases(src: Path) -> list[tuple[str, str, str, str]]:
    """(alias, name, 'state_agency', source) for the short names of agencies that still exist."""
    d = src / "myndighetsdata"
    found: dict[str, set[tuple[str, str]]] = {}
    for name, v in json.loads((d / "esv.json").read_text(encoding="utf-8")).items():
        short = (v.get("short_name") or "").strip()
        if not v.get("end") and _SHORT.match(short):
            found.setdefault(short, set()).add((name.strip(), "myndighetsdata/esv"))
    for name, v in json.loads((d / "handlingar.json").read_text(encoding="utf-8")).items():
        short = (v.get("short_name") or "").strip()
        if _SHORT.match(short) and "ambassad" not in (v.get("tags") or []):
            found.setdefault(short, set()).add((name.strip(), "myndighetsdata/handlingar"))
    rows = []
    for short, named in sorted(found.items()):
        named = sorted(named, key=lambda ns: ns[1])  # ESV's spelling of a name first
        if len({n.casefold() for n, _ in named}) == 1:  # a short name of two agencies says nothing
            rows.append((short, *named[0][:1], "state_agency", named[0][1]))
    return rows


def party_aliases(src: Path) -> list[tuple[str, str, str, str]]:
    """(letters, current name, 'political_party', source): the last name the list gives for the letters."""
    current: dict[str, str] = {}
    with open(src / "riksdagen-corpus" / "party_abbreviation.csv", encoding="utf-8") as fh:
        for r in csv.DictReader(fh):
            name, letters = r["party"].strip(), r["abbreviation"].strip()
            if r.get("ocr_correction") == "False" and name[:1].isupper() and re.fullmatch(r"[A-ZÅÄÖ]{1,4}", letters):
                current[letters] = name
    return [(k, v, "political_party", "riksdagen-corpus") for k, v in sorted(current.items())]


def build(src: Path, out: Path) -> int:
    rows = agency_aliases(src) + party_aliases(src) + [(*c, "curated") for c in CURATED]
    out.parent.mkdir(parents=True, exist_ok=True)
    with open(out, "w", encoding="utf-8", newline="") as fh:
        w = csv.writer(fh, delimiter="\t", lineterminator="\n")
        w.writerow(HEADER)
        w.writerows(rows)
    return len(rows)


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--src", type=Path, default=DEFAULT_SRC)
    ap.add_argument("--out", type=Path, default=DEFAULT_OUT)
    args = ap.parse_args(argv)
    print(f"{build(args.src, args.out)} aliases -> {args.out}")


if __name__ == "__main__":
    main()
