"""A hostile archive, run end to end: does the pipeline hold up (issue 16)?

Builds an archive of everything a careless or malicious archive can hold — file names that are not
UTF-8, fifos, device links, symlinks out of the tree and in loops, unsupported kinds, duplicates,
hidden and lock files, a million short lines, a 50 MB text, zip bombs, billion laughs, external links,
corrupt and encrypted PDFs, a 3,000-frame TIFF, a PDF of 500 blank pages, identifiers of every kind —
next to ordinary minutes, and checks:

1. ``minutes run --pseudonymize`` exits 0 and ends in bounded time;
2. every path found under the input has exactly one documents row, with the status expected;
3. nothing from outside the input tree is in either dataset;
4. a tampered cache (pickles that would write a marker file, entries of another document, broken
   checksums) runs no code and gives the same output as a clean run;
5. the pseudonymised dataset holds no personnummer, samordningsnummer, phone number, e-mail or street
   address, and no name form the pipeline linked to a person (``person_mentions``, ``persons.variants``).

    .venv/bin/python benchmarks/hostile_archive.py [--keep DIR] [--quick]

``--quick`` leaves out the large inputs (the million lines, 50 MB, the TIFF and the 500 pages).
Prints the hostile inputs tried and what became of each; exits 1 if a check fails.
"""
from __future__ import annotations

import argparse
import io
import json
import os
import pickle
import re
import shutil
import subprocess
import sys
import tempfile
import time
import zipfile
from pathlib import Path

import pandas as pd

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from pipeline.lang.identifiers import KINDS, find_identifiers
from pipeline.products.pseudonymize import read_rows
from pipeline.products.pseudonymize.people import common_word

SECRET = "HEMLIGT-UTANFÖR-ARKIVET-4711"
MINUTES = [
    ("2024/brukarradet-0312.txt",
     ("Brukarrådet 12 mars 2024\n\nNärvarande:\nAnna Svensson, RSMH\nBo Pettersson, Attention\nKarl Berg, "
     "socialförvaltningen\n\n§ 1 Lokaler\nBosse berättar att lokalen på Storgatan 12 B, 252 21 Helsingborg är "
     "uppsagd. Pettersson tar fram ett förslag. Ring honom på 070-123 45 67 eller 0701234567.\n\n"
     "§ 2 Ärende\nSökande 19811218-9876 (även 811218+9876, 8112189876) och samordningsnummer 701063-2391 "
     "beviljas stöd. Kontakt: anna.svensson@example.se, 08-123 456 78, +46 70 765 43 21.\n\n"
     "§ 3 Övrigt\nKarl tackar för mötet.\n\nVid pennan: Anna Svensson\n")),
    ("2024/samverkan-0403.md",
     ("# Samverkansgruppen 3 april 2024\n\nDeltagare: Anna Svensson (RSMH), Lisa Ek (Attention), "
     "Karl Berg\n\n## 1. Uppföljning\n\nAnna Svenssons rapport godkändes. Lisa och Karl Berg tar fram ett "
     "underlag till maj. Mejla lisa.ek@example.org eller ring 031-12 34 56. @bosse_p har skickat bilderna.\n")),
    ("2023/styrelsen-1104.txt",
     ("Styrelsen 4 november 2023\n\nNärvarande: Karl Berg (ordf.), Lisa Ek, Bo Pettersson\n\n"
     "1. Budget\nStyrelsen beslutar att anta budgeten. Berg ansvarar för uppföljningen. Ek ringer "
     "+46 (0)8 123 456 78 före 1 december.\n")),
]


class Archive:
    """The archive being built, and what each path is expected to become."""

    def __init__(self, root: Path):
        self.root = root
        self.expected: dict[str, tuple[str, str]] = {}  # source_path -> (status, what the input is)

    def add(self, rel: str | bytes, data: bytes | str, status: str, what: str) -> Path:
        path = Path(os.fsdecode(os.path.join(os.fsencode(self.root), os.fsencode(rel))))
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data.encode("utf-8") if isinstance(data, str) else data)
        self.expect(rel, status, what)
        return path

    def expect(self, rel: str | bytes, status: str, what: str) -> None:
        shown = os.fsencode(rel).decode("utf-8", "backslashreplace") if isinstance(rel, bytes) else rel
        self.expected[shown] = (status, what)


def _docx(document_xml: str, rels: str = "", extra: dict[str, bytes] | None = None) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml", '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/'
                   'package/2006/content-types"><Default Extension="xml" ContentType="application/xml"/>'
                   '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
                   '<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-'
                   'officedocument.wordprocessingml.document.main+xml"/></Types>')
        z.writestr("_rels/.rels", '<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/'
                   'package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/'
                   'officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>')
        z.writestr("word/_rels/document.xml.rels", '<?xml version="1.0"?><Relationships xmlns="http://schemas.'
                   f'openxmlformats.org/package/2006/relationships">{rels}</Relationships>')
        z.writestr("word/document.xml", document_xml)
        for name, data in (extra or {}).items():
            z.writestr(name, data)
    return buf.getvalue()


W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'


def _zip_bomb() -> bytes:
    """A .docx whose document part inflates to 400 MB (about 400 kB on disk)."""
    skeleton = zipfile.ZipFile(io.BytesIO(_docx("")))
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        for item in skeleton.infolist():
            if item.filename != "word/document.xml":
                z.writestr(item, skeleton.read(item))
        with z.open("word/document.xml", "w") as f:
            f.write(f'<?xml version="1.0"?><w:document {W}><w:body><w:p><w:r><w:t>'.encode())
            chunk = b" " * (1 << 20)
            for _ in range(400):
                f.write(chunk)
    return buf.getvalue()


def _billion_laughs() -> str:
    ents = '<!ENTITY lol "lol">' + "".join(f'<!ENTITY lol{i} "{("&lol%s;" % (i - 1 if i > 1 else "")) * 10}">'
                                          for i in range(1, 10))
    return (f'<?xml version="1.0"?><!DOCTYPE lolz [{ents}]><w:document {W}><w:body><w:p><w:r><w:t>&lol9;'
            "</w:t></w:r></w:p></w:body></w:document>")


def _ordinary(a: Archive) -> None:
    for rel, text in MINUTES:
        a.add(rel, text, "ok", "minutes with names, nicknames, handles and every kind of identifier")
    a.add("2024/kopia av brukarradet.txt", MINUTES[0][1], "skipped", "a duplicate (same bytes, another name)")
    a.add("mötet-\u00e5\u00e4\u00f6.txt", MINUTES[2][1].replace("2023", "2022"), "ok", "a UTF-8 name with å/ä/ö")
    a.add(b"protokoll-\xe5\xe4\xf6-latin1.txt", MINUTES[2][1].replace("2023", "2021"), "ok",
          "a file name that is not UTF-8 (latin-1 bytes)")
    a.add(b"\xff\xfe-ogiltigt.txt", MINUTES[2][1].replace("2023", "2020"), "ok", "a file name of invalid bytes")


def _links_and_specials(a: Archive, outside: Path) -> None:
    outside.mkdir(parents=True, exist_ok=True)
    (outside / "hemlig.txt").write_text(f"Hemligt möte 1 maj 2021\n\n{SECRET}\n", encoding="utf-8")
    (outside / "mapp").mkdir(exist_ok=True)
    (outside / "mapp" / "mer.txt").write_text(f"Möte 2 maj 2021\n\n{SECRET}\n", encoding="utf-8")
    root = a.root
    os.symlink(outside / "hemlig.txt", root / "länk-ut.txt")
    a.expect("länk-ut.txt", "skipped", "a symlink to a file outside the input tree")
    os.symlink(outside / "mapp", root / "mapp-ut")
    a.expect("mapp-ut", "skipped", "a symlink to a folder outside the input tree")
    os.symlink("/etc/passwd", root / "passwd.txt")
    a.expect("passwd.txt", "skipped", "a symlink to /etc/passwd")
    os.symlink("/dev/zero", root / "noll.txt")
    a.expect("noll.txt", "skipped", "a symlink to a device (/dev/zero)")
    os.symlink(root / "finns-inte.txt", root / "död-länk.txt")
    a.expect("död-länk.txt", "skipped", "a dangling symlink")
    os.symlink(root / "ring-b.txt", root / "ring-a.txt")
    os.symlink(root / "ring-a.txt", root / "ring-b.txt")
    a.expect("ring-a.txt", "skipped", "a symlink loop (a -> b -> a)")
    a.expect("ring-b.txt", "skipped", "a symlink loop (b -> a -> b)")
    os.symlink(root / "2024", root / "senaste")
    a.expect("senaste", "skipped", "a second symlink to a folder of the tree (read once)")
    os.symlink(root, root / "2023" / "upp")
    a.expect("2023/upp", "skipped", "a symlinked folder looping back to the root")
    os.symlink(root / "2024" / "samverkan-0403.md", root / "genväg.md")
    a.expect("genväg.md", "skipped", "a symlink to a file of the tree (a duplicate of its target)")
    os.mkfifo(root / "rör.txt")
    a.expect("rör.txt", "skipped", "a fifo named like minutes (must not hang the run)")


def _kinds(a: Archive) -> None:
    for rel, data, what in (
            ("avhandling.tex", b"\\documentclass{article}\\title{Protokoll}\\begin{document}Hej\\end{document}",
             "LaTeX"), ("gammal.rtf", b"{\\rtf1\\ansi Protokoll styrelsen}", "RTF"),
            ("gammal.doc", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 4000, "legacy Word"),
            ("kalkyl.odt", b"PK\x03\x04" + b"\0" * 100, "OpenDocument"),
            ("data.xlsx", b"PK\x03\x04", "a spreadsheet"), ("README", b"om arkivet", "a file without suffix"),
            ("bild.svg", b"<svg onload='alert(1)'/>", "an SVG with script")):
        a.add(rel, data, "any", f"unsupported or new kind: {what}")
    a.add(".DS_Store", b"\0\1\2", "skipped", "a hidden file")
    a.add("~$protokoll.docx", b"lock", "skipped", "an Office lock file")
    a.add(".git/config", b"[core]", "skipped", "a hidden folder (.git)")
    del a.expected[".git/config"]
    a.expect(".git", "skipped", "a hidden folder (.git)")


def _broken(a: Archive) -> None:
    rnd = os.urandom(20000)
    for rel, data, what in (
            ("tom.txt", b"", "an empty file"), ("blanksteg.txt", b" \n\t\n", "whitespace only"),
            ("brus.txt", os.urandom(20000), "random bytes named .txt"), ("brus.pdf", rnd, "random bytes named .pdf"),
            ("trasig.pdf", b"%PDF-1.4\n" + rnd, "a corrupt PDF"), ("en-rad.txt", ("ord " * 300_000).encode(),
                                                                     "one line of 1.2 million characters"),
            ("zipbomb.docx", _zip_bomb(), "a zip bomb (400 MB of XML in 400 kB)"),
            ("skratt.docx", _docx(_billion_laughs()), "billion laughs (XML entity expansion)")):
        a.add(rel, data, "error", what)
    ext = ('<Relationship Id="rId9" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/image" '
           'Target="http://127.0.0.1:9/spion.png" TargetMode="External"/>')
    a.add("extern-länk.docx", _docx(f'<?xml version="1.0"?><w:document {W}><w:body><w:p><w:r><w:t>Styrelsen 1 maj '
                                    "2024. Beslut om budget.</w:t></w:r></w:p></w:body></w:document>", ext),
          "any", "a .docx with an external image link (never fetched)")
    a.add("extern.html", '<html><body><img src="http://127.0.0.1:9/spion.png"><script>fetch("http://127.0.0.1:9")'
                         "</script><p>Styrelsen 1 maj 2024</p><p>Beslut om budget.</p></body></html>",
          "any", "HTML with an external image and a script")


def _large(a: Archive) -> None:
    lines = "\n".join(f"rad {i} ok" for i in range(1_000_000))
    a.add("miljon-rader.txt", "Protokoll 1 maj 2024\n" + lines, "error", "a million short lines (size budget)")
    block = ("Styrelsen diskuterade budgeten och beslutade att gå vidare med förslaget.\n" * 20 + "\n")
    a.add("femtio-mb.txt", block * (50 * 2**20 // len(block.encode())), "error", "a 50 MB text")
    from PIL import Image, ImageDraw
    frames = []
    for i in range(3000):
        img = Image.new("L", (400, 200), 255)
        ImageDraw.Draw(img).text((20, 80), f"Sida {i + 1} av protokollet", fill=0)
        frames.append(img)
    buf = io.BytesIO()
    frames[0].save(buf, format="TIFF", save_all=True, append_images=frames[1:], compression="tiff_lzw")
    a.add("skanning-3000.tif", buf.getvalue(), "error", "a 3,000-frame TIFF (time limit, said as such)")
    blank = [Image.new("L", (1240, 1754), 255) for _ in range(500)]
    buf = io.BytesIO()
    blank[0].save(buf, format="PDF", save_all=True, append_images=blank[1:], resolution=150)
    a.add("tomma-500-sidor.pdf", buf.getvalue(), "error", "a PDF of 500 blank scanned pages (not OCR'd)")


def build(root: Path, outside: Path, quick: bool) -> Archive:
    a = Archive(root)
    root.mkdir(parents=True)
    _ordinary(a)
    _kinds(a)
    _broken(a)
    _links_and_specials(a, outside)
    if not quick:
        _large(a)
    return a


# -- checks ---------------------------------------------------------------------------------------------
def run(archive: Path, out: Path, params: Path, extra: list[str] = ()) -> tuple[int, float, str]:
    started = time.perf_counter()
    proc = subprocess.run([sys.executable, "-m", "pipeline.cli", "run", str(archive), "--out", str(out), "--params",
                           str(params), "--quiet", "--pseudonymize", *extra], check=False, capture_output=True, text=True,
                          timeout=3600, cwd=ROOT)
    return proc.returncode, time.perf_counter() - started, proc.stdout + proc.stderr


def _strings(rows: dict[str, list[dict]]):
    for table, table_rows in rows.items():
        for r in table_rows:
            for col, v in r.items():
                for x in v if isinstance(v, list) else [v]:
                    if isinstance(x, str):
                        yield table, col, r, x


def check_rows(a: Archive, identified: Path, failures: list[str]) -> pd.DataFrame:
    docs = pd.read_parquet(identified / "documents.parquet")
    got = dict(zip(docs["source_path"], docs["status"]))
    if len(docs) != len(got):
        failures.append(f"{len(docs) - len(got)} paths have more than one documents row")
    for path, (status, what) in a.expected.items():
        if path not in got:
            failures.append(f"no documents row for {path!r} ({what})")
        elif status != "any" and got[path] != status:
            failures.append(f"{path!r} ({what}): status {got[path]!r}, expected {status!r}")
    for path in set(got) - set(a.expected):
        failures.append(f"a documents row for a path that was not put there: {path!r}")
    return docs


def check_leaks(identified: Path, shared: Path, failures: list[str]) -> None:
    for folder in (identified, shared):
        for table, col, _, s in _strings(read_rows(folder)):
            if SECRET in s:
                failures.append(f"{folder.name}: text from outside the input tree in {table}.{col}")
    rows, ident = read_rows(shared), read_rows(identified)
    for table, col, _, s in _strings(rows):
        for i in find_identifiers(s, KINDS):
            failures.append(f"pseudonymised {table}.{col} holds a {i.kind}: {i.text!r}")
    doc_text = {d["doc_id"]: d.get("text") or "" for d in rows["documents"]}
    meeting_doc = {m["meeting_id"]: m["doc_id"] for m in rows.get("meetings", [])}
    # a single word that is also a word of an organisation or place of the meeting stays (documented)
    protected = {(e["meeting_id"], w) for e in ident.get("entities", []) if e.get("label") in ("ORG", "LOC")
                 for w in re.findall(r"[^\W\d_]+", e.get("text") or "")}
    # ... and so does a word the archive knows as a one-word organisation or place ('Helsingborg')
    places = {e["text"] for e in ident.get("entities", []) if e.get("label") in ("ORG", "LOC")
              and len((e.get("text") or "").split()) == 1}
    places -= {w for a in ident.get("attendees", []) for w in (a.get("name") or "").split()}
    variants = {p["person_id"]: p.get("variants") or [] for p in ident.get("persons", [])}
    everywhere = " \n ".join(doc_text.values())
    for m in ident.get("person_mentions", []):
        text = doc_text.get(meeting_doc.get(m["meeting_id"]), "")
        for form in {m["text"], *variants.get(m["person_id"], [])}:
            if not form or (m["meeting_id"], form) in protected or form in places or len(form) < 2 or form == "Person":
                continue
            if len(form.split()) == 1 and common_word(form):
                continue  # 'Vård' taken for a person: replaced where the linker saw it, not everywhere
            where = everywhere if len(form.split()) >= 2 else text
            if re.search(rf"(?<![\w@-]){re.escape(form)}(?![\w-])", where):
                failures.append(f"the linked name form {form!r} ({m['source_table']}) is in the pseudonymised text")


def check_tampered_cache(archive: Path, out: Path, params: Path, failures: list[str]) -> None:
    identified = out.with_name(out.name + "-identified")
    before = read_rows(identified)
    marker = out.parent / "KOD-KÖRDES"

    class Exploit:
        def __reduce__(self):
            return (open, (str(marker), "w"))

    entries = sorted((identified / ".cache").rglob("*.json"))
    for i, entry in enumerate(entries):
        if i % 3 == 0:
            entry.write_bytes(pickle.dumps(Exploit()))
        elif i % 3 == 1 and len(entries) > 1:
            entry.write_bytes(entries[0].read_bytes() if entry != entries[0] else b"{}")
        else:
            entry.write_bytes(entry.read_bytes().replace(b"Styrelsen", b"Hackarna!"))
        (entry.parent / (entry.stem + ".pkl")).write_bytes(pickle.dumps(Exploit()))
    code, seconds, output = run(archive, out, params)
    if code != 0:
        failures.append(f"the run over a tampered cache exited {code}: {output[-2000:]}")
    if marker.exists():
        failures.append("a tampered cache entry ran code")
    after = read_rows(identified)
    for name in before:
        key = lambda r: json.dumps(r, sort_keys=True, default=str)
        if sorted(map(key, before[name])) != sorted(map(key, after[name])):
            failures.append(f"the run over a tampered cache changed the {name} table")
    print(f"tampered cache: {len(entries)} entries replaced by pickles, other documents' entries and edited "
          f"payloads; re-run {seconds:.1f} s, no code run: {not marker.exists()}")


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--keep", type=Path, help="build and keep everything in this folder")
    ap.add_argument("--quick", action="store_true", help="leave out the large inputs")
    args = ap.parse_args()
    work = args.keep or Path(tempfile.mkdtemp(prefix="hostile-"))
    if args.keep and work.exists():
        shutil.rmtree(work)
    work.mkdir(parents=True, exist_ok=True)
    a = build(work / "arkiv", work / "utanför", args.quick)
    params = work / "params.yaml"
    params.write_text("ingest:\n  timeout_s: 60\n", encoding="utf-8")
    out = work / "delad"
    code, seconds, output = run(a.root, out, params)
    failures: list[str] = []
    if code != 0:
        failures.append(f"minutes run exited {code}: {output[-3000:]}")
    else:
        identified = out.with_name(out.name + "-identified")
        docs = check_rows(a, identified, failures)
        check_leaks(identified, out, failures)
        check_tampered_cache(a.root, out, params, failures)
        print(f"\n{len(a.expected)} hostile and ordinary paths, run in {seconds:.1f} s (exit {code}):\n")
        by_path = docs.set_index("source_path")
        for path, (_, what) in sorted(a.expected.items()):
            row = by_path.loc[path] if path in by_path.index else None
            status = "MISSING" if row is None else row["status"]
            why = f": {row['error'][:90]}" if row is not None and isinstance(row["error"], str) else ""
            print(f"  {status:8} {path[:40]:40} {what}{why}")
    print()
    for f in failures:
        print("FAIL", f)
    print("all checks passed" if not failures else f"{len(failures)} checks failed")
    if not args.keep:
        shutil.rmtree(work, ignore_errors=True)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
