"""The HTML review site: index, meeting pages with highlights, and its rendering in headless Chromium."""
from __future__ import annotations

import json
import os
import re
import select
import shutil
import subprocess
import sys
import unicodedata
from collections import Counter
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote

import pyarrow as pa
import pyarrow.parquet as pq
import pytest
from typer.testing import CliRunner

from pipeline.cli import app
from pipeline.contract.schema import ALL_TABLES
from pipeline.products.report import LABEL_COLOURS, Span, build_site, markup
from pipeline.stages.repair import apply_corrections

VOID = {"meta", "link", "br", "img", "hr", "input", "wbr"}


# -- a small hand-made dataset ----------------------------------------------------------------------
def _at(text: str, needle: str, nth: int = 0) -> tuple[int, int]:
    i = -1
    for _ in range(nth + 1):
        i = text.index(needle, i + 1)
    return i, i + len(needle)


def make_dataset(out: Path) -> dict[str, list[dict]]:
    raw = ("Brukarrådet 12 mars 2024\n\n"
           "Närvarande:\n"
           "Anna Svensson, RSMH\n"
           "Karl Berg, socialförvaltningen\n\n"
           "§ 1 Lokaler\n"
           "Anna berättar att RSMH söker ny lokal. Styrelsen bes1utar att hyra lokalen på Sbder.\n"
           "Karl ska kontakta fastighetskontoret före 1 april.\n\n"
           "§ 2 Övrigt\n"
           "Frågan om <script>alert('x')</script> & \"citat\" tas upp vid nästa möte.\n")
    corrections = []
    for orig, rep in (("bes1utar", "beslutar"), ("Sbder", "Söder")):
        s, _ = _at(raw, orig)
        corrections.append({"doc_id": "d1", "start_char": s, "original": orig, "replacement": rep,
                            "method": "confusion+lm", "score": 7.25})
    text = apply_corrections(raw, corrections)
    m = "d1-1"

    def ent(needle, label, nth=0, normalized=None):
        s, e = _at(text, needle, nth)
        return {"meeting_id": m, "label": label, "text": needle, "start_char": s, "end_char": e,
                "normalized": normalized, "source": "rules"}

    def claim(sentence, **kw):
        s, e = _at(text, sentence)
        return {"meeting_id": m, "text": sentence, "start_char": s, "end_char": e, **kw}

    import datetime as dt
    tables = {
        "documents": [
            {"doc_id": "d1", "source_path": "2024/brukarradet.txt", "format": "txt", "ocr": True, "text_raw": raw,
             "text": text, "status": "ok", "warnings": []},
            {"doc_id": "d2", "source_path": "2024/samverkan.txt", "format": "txt", "ocr": False,
             "text_raw": "Samverkansgruppen 3 april\n\nInget att rapportera.\n",
             "text": "Samverkansgruppen 3 april\n\nInget att rapportera.\n", "status": "ok", "warnings": []},
            {"doc_id": "d3", "source_path": "trasig <1>.pdf", "format": "pdf", "status": "error",
             "error": "PDF is encrypted: <lösenord> & mer", "warnings": []},
        ],
        "meetings": [
            {"meeting_id": m, "doc_id": "d1", "body": "Brukarrådet", "date": dt.date(2024, 3, 12),
             "date_text": "12 mars 2024", "title": "Brukarrådet 12 mars 2024", "title_start_char": 0,
             "author": "Karl Berg"},
            {"meeting_id": "d2-1", "doc_id": "d2", "body": "Samverkansgruppen", "date": None, "date_text": "3 april",
             "title": "Samverkansgruppen 3 april", "title_start_char": 0},
        ],
        "attendees": [
            {"meeting_id": m, "name": "Anna Svensson", "organisation": "RSMH", "role": "närvarande", "present": True,
             **dict(zip(("start_char", "end_char"), _at(text, "Anna Svensson, RSMH")))},
            {"meeting_id": m, "name": "Karl Berg", "organisation": "socialförvaltningen", "role": "närvarande",
             "present": False, **dict(zip(("start_char", "end_char"), _at(text, "Karl Berg, socialförvaltningen")))},
        ],
        "sections": [
            {"meeting_id": m, "section_id": "d1-1-s001", "ordinal": 1, "title": "§ 1 Lokaler", "number": "§ 1",
             "start_char": _at(text, "§ 1")[0], "end_char": _at(text, "§ 2")[0]},
            {"meeting_id": m, "section_id": "d1-1-s002", "ordinal": 2, "title": "§ 2 Övrigt", "number": "§ 2",
             "start_char": _at(text, "§ 2")[0], "end_char": len(text)},
        ],
        "entities": [
            ent("12 mars 2024", "DATE", normalized="2024-03-12"),
            ent("Anna Svensson", "PER", normalized="Anna Svensson"),
            ent("RSMH", "ORG"),
            ent("Karl Berg", "PER", normalized="Karl Berg"),
            ent("Anna", "PER", nth=1, normalized="Anna Svensson"),
            ent("RSMH", "ORG", nth=1),
            ent("Söder", "LOC"),
            ent("Karl", "PER", nth=1, normalized="Karl Berg"),
            ent("1 april", "DATE", normalized="2024-04-01"),
        ],
        "decisions": [claim("Styrelsen beslutar att hyra lokalen på Söder.", kind="decided", cue="beslutar"),
                      claim("Frågan om <script>alert('x')</script> & \"citat\" tas upp vid nästa möte.",
                            kind="postponed", cue="tas upp vid nästa")],
        "action_items": [claim("Karl ska kontakta fastighetskontoret före 1 april.", assignees=["Karl"],
                               assignees_resolved=["Karl Berg"], assignee_person_ids=[None], due_text="före 1 april",
                               due_date=dt.date(2024, 4, 1), cue="ska kontakta")],
        "corrections": corrections,
    }
    out.mkdir(parents=True, exist_ok=True)
    for name, schema in ALL_TABLES.items():
        if name in tables:
            pq.write_table(pa.Table.from_pylist(tables[name], schema=schema), out / f"{name}.parquet")
    return tables


# -- HTML checks --------------------------------------------------------------------------------------
class Checker(HTMLParser):
    """Tags properly nested, ids unique; collects ids, fragment links and the visible text of .text."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.stack: list[tuple[str, dict]] = []
        self.ids: Counter = Counter()
        self.fragments: set[str] = set()
        self.text_parts: list[str] = []
        self.marks: list[dict] = []

    def _in(self, cls: str) -> bool:
        return any(cls in (a.get("class") or "").split() for _, a in self.stack)

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if a.get("id"):
            self.ids[a["id"]] += 1
        if tag == "a" and (a.get("href") or "").startswith("#"):
            self.fragments.add(a["href"][1:])
        if tag == "mark":
            self.marks.append(a)
        if tag not in VOID:
            self.stack.append((tag, a))

    def handle_endtag(self, tag):
        assert self.stack and self.stack[-1][0] == tag, f"</{tag}> closes {self.stack[-1:]} "
        self.stack.pop()

    def handle_data(self, data):
        if self._in("text") and not self._in("ent-label"):
            self.text_parts.append(data)


def check_page(path: Path) -> Checker:
    c = Checker()
    c.feed(path.read_text(encoding="utf-8"))
    c.close()
    assert not c.stack, f"unclosed tags {c.stack}"
    assert all(n == 1 for n in c.ids.values()), [i for i, n in c.ids.items() if n > 1]
    assert c.fragments <= set(c.ids), c.fragments - set(c.ids)
    return c


# -- unit tests -------------------------------------------------------------------------------------------
def test_index_lists_meetings_with_counts_and_failed_documents(tmp_path):
    make_dataset(tmp_path / "data")
    result = build_site(tmp_path / "data", tmp_path / "site")
    assert result["meetings"] == 2 and result["failed_documents"] == 1
    index = (tmp_path / "site" / "index.html").read_text(encoding="utf-8")
    check_page(tmp_path / "site" / "index.html")
    row = re.search(r"<tr><td><a href=\"meetings/d1-1.html\">Brukarrådet</a></td>(.*?)</tr>", index).group(1)
    # date, place, attendees, sections, decisions, action items, entities, corrections
    assert re.findall(r"<td[^>]*>([^<]*)</td>", row)[:8] == ["2024-03-12", "", "2", "2", "2", "1", "9", "2"]
    assert "meetings/d2-1.html" in index and "3 april" in index  # a meeting without a year
    assert index.index("d1-1.html") < index.index("d2-1.html")  # dated meetings first
    assert "trasig &lt;1&gt;.pdf" in index and "PDF is encrypted: &lt;lösenord&gt; &amp; mer" in index
    assert (tmp_path / "site" / "style.css").exists()


def test_meeting_page_highlights_entities_claims_sections_and_corrections(tmp_path):
    tables = make_dataset(tmp_path / "data")
    build_site(tmp_path / "data", tmp_path / "site")
    page = tmp_path / "site" / "meetings" / "d1-1.html"
    html = page.read_text(encoding="utf-8")
    c = check_page(page)
    # the text, exactly (tags and entity labels aside)
    assert "".join(c.text_parts) == tables["documents"][0]["text"]
    # entities, per label, with the mention inside
    ents = [m for m in c.marks if "ent" in (m.get("class") or "").split()]
    assert Counter(m["data-label"] for m in ents) == {"PER": 4, "DATE": 2, "ORG": 2, "LOC": 1}
    assert re.search(r'<mark id="e-\d+" class="ent ent-PER" data-label="PER" title="PER → Anna Svensson \(rules\)">'
                     r"Anna Svensson<span class=\"ent-label\">PER</span></mark>", html)
    # decisions and action items marked in the text and linked from the lists
    assert {"d-1", "d-2", "a-1"} <= set(c.ids) and {"d-1", "d-2", "a-1"} <= c.fragments
    assert re.search(r'<mark id="d-1" class="decision"[^>]*>Styrelsen <span id="c-1" class="corr"', html)
    assert re.search(r'<mark id="a-1" class="action"[^>]*><mark [^>]*data-label="PER"[^>]*>Karl<', html)
    assert "Vem: Karl Berg" in html and "före 1 april (2024-04-01)" in html
    # sections are headings with anchors, listed in the agenda
    assert '<span id="s-1" class="section-title" role="heading" aria-level="3">§ 1 Lokaler</span>' in html
    assert '<a href="#s-2">§ 2 Övrigt</a>' in html
    # OCR corrections: in the text (tooltip with the original) and in a table
    assert 'title="OCR-rättelse: ”Sbder” → ”Söder”"' in html
    assert '<span class="del">bes1utar</span>' in html and '<span class="ins">beslutar</span>' in html
    # the minutes' own text is escaped, never markup
    assert "<script>" not in html
    assert "&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt; &amp; &quot;citat&quot;" in html
    # attendees
    assert "<td>Karl Berg</td><td>socialförvaltningen</td><td>närvarande</td><td>nej</td>" in html


def test_pages_read_partitioned_datasets_too(tmp_path):
    """The tables may be dataset folders (<table>.parquet/<year>/part-*.parquet)."""
    make_dataset(tmp_path / "flat")
    for f in (tmp_path / "flat").glob("*.parquet"):
        folder = tmp_path / "data" / f.name / "2024"
        folder.mkdir(parents=True)
        shutil.copy(f, folder / "part-00000.parquet")
    build_site(tmp_path / "data", tmp_path / "site")
    assert 'data-label="PER"' in (tmp_path / "site" / "meetings" / "d1-1.html").read_text(encoding="utf-8")


def test_markup_nests_overlapping_spans():
    text = "Anna Svensson beslutar."
    spans = [Span(0, 13, 2, "mark", {"id": "e-1", "class": "ent"}, suffix="<i>PER</i>"),
             Span(5, 22, 1, "mark", {"id": "d-1"}),  # starts inside the entity, ends after it
             Span(10, 16, 3, "span", {"id": "c-1"})]  # crosses the entity's end
    html = markup(text, spans, {23: ["<a id=end></a>"]})
    assert html == ('<mark id="e-1" class="ent">Anna </mark><mark id="d-1"><mark class="ent" data-continued="1">'
                    'Svens<span id="c-1">son</span><i>PER</i></mark><span data-continued="1"> be</span>slutar</mark>'
                    ".<a id=end></a>")
    c = Checker()
    c.feed(f'<div class="text">{html}</div>')
    assert not c.stack
    assert markup("<b>&", []) == "&lt;b&gt;&amp;"


def test_a_report_never_deletes_or_overwrites_what_it_did_not_write(tmp_path):
    make_dataset(tmp_path / "data")
    site = tmp_path / "site"
    (site / "meetings").mkdir(parents=True)
    foreign = site / "meetings" / "egen-sida.html"
    foreign.write_text("<p>mina anteckningar</p>", encoding="utf-8")
    with pytest.raises(FileExistsError, match="not empty"):
        build_site(tmp_path / "data", site)  # a folder that is no report: refused, untouched
    assert sorted(p.name for p in site.rglob("*")) == ["egen-sida.html", "meetings"]
    foreign.unlink()
    build_site(tmp_path / "data", site)
    notes = site / "anteckningar.txt"
    notes.write_text("mina", encoding="utf-8")
    (site / "meetings" / "egen-sida.html").write_text("<p>min</p>", encoding="utf-8")
    (tmp_path / "data" / "meetings.parquet").unlink()  # the meetings are gone: their pages go, nothing else
    build_site(tmp_path / "data", site)
    assert notes.read_text(encoding="utf-8") == "mina" and (site / "meetings" / "egen-sida.html").exists()
    assert not (site / "meetings" / "d1-1.html").exists()


def test_skipped_files_and_the_people_of_a_meeting_are_listed(tmp_path):
    tables = make_dataset(tmp_path / "data")
    docs = tables["documents"] + [{"doc_id": "d4", "source_path": "bilaga.xlsx", "format": "xlsx",
                                   "status": "skipped", "error": "unsupported kind of file (.xlsx): not read",
                                   "warnings": []}]
    pq.write_table(pa.Table.from_pylist(docs, schema=ALL_TABLES["documents"]), tmp_path / "data" / "documents.parquet")
    mentions = [{"meeting_id": "d1-1", "source_table": "entities", "text": t, "person_id": "p-1"}
                for t in ("Anna Svensson", "Anna")]
    pq.write_table(pa.Table.from_pylist(mentions, schema=ALL_TABLES["person_mentions"]),
                   tmp_path / "data" / "person_mentions.parquet")
    pq.write_table(pa.Table.from_pylist([{"person_id": "p-1", "name": "Anna Svensson", "variants": ["Anna"]}],
                                        schema=ALL_TABLES["persons"]), tmp_path / "data" / "persons.parquet")
    result = build_site(tmp_path / "data", tmp_path / "site")
    assert result["skipped_documents"] == 1
    index = (tmp_path / "site" / "index.html").read_text(encoding="utf-8")
    assert "Filer som inte lästes" in index and "unsupported kind of file (.xlsx)" in index
    page = (tmp_path / "site" / "meetings" / "d1-1.html").read_text(encoding="utf-8")
    assert ('<li data-person="p-1"><a href="../persons/p-1.html">Anna Svensson</a> '
            '<span class="muted">(Anna, Anna Svensson; 2 omnämnanden)') in page
    check_page(tmp_path / "site" / "meetings" / "d1-1.html")


def _write(out: Path, name: str, rows: list[dict]) -> None:
    pq.write_table(pa.Table.from_pylist(rows, schema=ALL_TABLES[name]), out / f"{name}.parquet")


def test_overridden_rows_are_marked_on_the_meeting_page_and_counted_on_the_index(tmp_path):
    """Rows a hand correction changed or added (overridden = true) are visible as such: a reviewer
    checks that each correction took effect and tells them from the pipeline's own rows."""
    tables = make_dataset(tmp_path / "data")
    tables["decisions"][1].update(kind="postponed", overridden=True)   # set: {kind: postponed}
    tables["attendees"].append({**tables["attendees"][0], "name": "Kim Berg", "organisation": "Hela Människan",
                                "role": "ledamot", "overridden": True})  # add
    tables["meetings"][0]["overridden"] = True                            # set: {body: …}
    for name in ("decisions", "attendees", "meetings"):
        _write(tmp_path / "data", name, tables[name])
    build_site(tmp_path / "data", tmp_path / "site")
    page = tmp_path / "site" / "meetings" / "d1-1.html"
    c = check_page(page)
    html = page.read_text(encoding="utf-8")
    assert '<h2 id="overrides">Rättat för hand (3)</h2>' in html
    assert {"top", "d-2", "n-2"} <= c.fragments  # the list links to the corrected rows
    decision_marks = {m["id"]: m for m in c.marks if m.get("class") == "decision" and "id" in m}
    assert decision_marks["d-2"].get("data-overridden") == "1" and "data-overridden" not in decision_marks["d-1"]
    assert re.search(r'<li class="overridden"><a href="#d-2">Frågan om .*?</a> <span class="tag">postponed</span> '
                     r'<span class="tag overridden"', html)
    assert html.count('class="tag overridden" title=') == 3  # the heading, the decision, Kim Berg; nothing else
    assert re.search(r'<tr id="n-2" class="overridden"><td>Kim Berg <span class="tag overridden"', html)
    untouched = (tmp_path / "site" / "meetings" / "d2-1.html").read_text(encoding="utf-8")
    assert "overridden" not in untouched.replace("tag.overridden", "")  # no marks where nothing was corrected
    index = (tmp_path / "site" / "index.html").read_text(encoding="utf-8")
    check_page(tmp_path / "site" / "index.html")
    assert '<h2 id="overridden">Rättat för hand (3 rader i 1 möten)</h2>' in index
    assert '<a href="meetings/d1-1.html#overrides">Brukarrådet</a> 2024-03-12: 3 rader' in index
    row = re.search(r'<tr><td><a href="meetings/d1-1.html">Brukarrådet</a></td>(.*?)</tr>', index).group(1)
    assert re.findall(r"<td[^>]*>([^<]*)</td>", row)[8] == "3"


def test_report_command(tmp_path):
    make_dataset(tmp_path / "data")
    result = CliRunner().invoke(app, ["report", str(tmp_path / "data"), "--out", str(tmp_path / "site")])
    assert result.exit_code == 0, result.output
    assert (tmp_path / "site" / "index.html").exists() and (tmp_path / "site" / "meetings" / "d1-1.html").exists()
    result = CliRunner().invoke(app, ["report", str(tmp_path / "missing"), "--out", str(tmp_path / "site2")])
    assert result.exit_code == 2


# -- end to end, in a browser --------------------------------------------------------------------------------
def _chromium() -> str:
    exe = os.environ.get("MINUTES_CHROMIUM") or shutil.which("chromium") or "/usr/bin/chromium"
    if not Path(exe).exists():
        pytest.fail("chromium is not installed: `make setup` installs the Debian package "
                    "(set MINUTES_SKIP_BROWSER=1 to skip this test)")
    return exe


def _run_chromium(tmp: Path, *args: str) -> subprocess.CompletedProcess:
    cmd = [_chromium(), "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
           "--disable-background-networking", "--disable-component-update", "--disable-sync",
           f"--user-data-dir={tmp / 'chromium-profile'}", *args]
    return subprocess.run(cmd, capture_output=True, text=True, timeout=180)


class DevTools:
    """Chromium driven through its DevTools protocol on a pipe (``--remote-debugging-pipe``: commands on
    fd 3, answers on fd 4, each a JSON message ended by NUL): real key presses, no library, no port."""

    def __init__(self, tmp: Path):
        to_child, self._w = os.pipe()
        self._r, from_child = os.pipe()

        def on_fds_3_and_4():
            a, b = os.dup(to_child), os.dup(from_child)
            os.dup2(a, 3)
            os.dup2(b, 4)

        self.proc = subprocess.Popen(
            [_chromium(), "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--remote-debugging-pipe",
             "--disable-background-networking", f"--user-data-dir={tmp / 'chromium-devtools'}", "about:blank"],
            preexec_fn=on_fds_3_and_4, close_fds=False, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        os.close(to_child)
        os.close(from_child)
        self._buf, self._id, self._events = b"", 0, []
        target = self.send("Target.createTarget", url="about:blank")["targetId"]
        self.session = self.send("Target.attachToTarget", targetId=target, flatten=True)["sessionId"]
        self.send("Page.enable", self.session)

    def _message(self, timeout: float = 60) -> dict:
        while b"\0" not in self._buf:
            if not select.select([self._r], [], [], timeout)[0]:
                raise TimeoutError("chromium did not answer")
            chunk = os.read(self._r, 1 << 16)
            if not chunk:
                raise EOFError("chromium closed the pipe")
            self._buf += chunk
        msg, self._buf = self._buf.split(b"\0", 1)
        return json.loads(msg)

    def send(self, method: str, session: str | None = None, **params) -> dict:
        self._id += 1
        os.write(self._w, json.dumps({"id": self._id, "method": method, "params": params,
                                      **({"sessionId": session} if session else {})}).encode() + b"\0")
        while True:
            m = self._message()
            if m.get("id") == self._id:
                assert "error" not in m, m["error"]
                return m.get("result", {})
            self._events.append(m)

    def open(self, url: str) -> None:
        self._events = [e for e in self._events if e.get("method") != "Page.loadEventFired"]
        self.send("Page.navigate", self.session, url=url)
        self.wait_for_load()

    def wait_for_load(self) -> None:
        while not any(e.get("method") == "Page.loadEventFired" for e in self._events):
            self._events.append(self._message())
        self._events = [e for e in self._events if e.get("method") != "Page.loadEventFired"]

    def js(self, expression: str):
        return self.send("Runtime.evaluate", self.session, expression=expression, returnByValue=True)["result"].get(
            "value")

    def type(self, text: str) -> None:
        for ch in text:
            self.send("Input.dispatchKeyEvent", self.session, type="keyDown", text=ch)
            self.send("Input.dispatchKeyEvent", self.session, type="keyUp")

    def close(self) -> None:
        try:
            self.send("Browser.close")
        finally:
            self.proc.wait(timeout=60)
            os.close(self._w)
            os.close(self._r)


def _fold(s: str) -> str:
    return "".join(c for c in unicodedata.normalize("NFD", s) if not unicodedata.combining(c)).lower()


def _site_links_resolve(site: Path) -> int:
    """Every relative link of every page leads to a file of the site, and its #fragment to an id there."""
    pages = {p: check_page(p) for p in site.rglob("*.html")}
    n = 0
    for page in pages:
        for href in re.findall(r'href="([^"#]+)(?:#([^"]*))?"', page.read_text(encoding="utf-8")):
            target = (page.parent / unquote(href[0])).resolve()
            assert target.exists(), f"{page.relative_to(site)} links to missing {href[0]}"
            if href[1] and target.suffix == ".html" and not href[1].startswith("q="):
                assert href[1] in pages[target].ids, f"{page.relative_to(site)} links to missing #{href[1]}"
            n += 1
    return n


def _filter_by_typing(tmp_path: Path, site: Path, word: str) -> tuple[int, list[str], str]:
    """Type ``word`` into the index's filter in a real browser: (rows before, rows shown after, count text)."""
    browser = DevTools(tmp_path)
    try:
        browser.open((site / "index.html").as_uri())
        before = browser.js("document.querySelectorAll('table.meetings tbody tr:not([hidden])').length")
        assert browser.js("document.querySelector('p.filter').hidden") is False  # the script showed the box
        browser.js("document.getElementById('filter').focus()")
        browser.type(word)
        shown = browser.js("Array.from(document.querySelectorAll('table.meetings tbody tr'))"
                           ".filter(r => getComputedStyle(r).display !== 'none').map(r => r.textContent)")
        count = browser.js("document.getElementById('filter-count').textContent")
        browser.js("document.querySelector('table.meetings tbody tr:not([hidden]) a').click()")
        browser.wait_for_load()  # a link followed in the browser: the meeting page, with its pager
        assert "/meetings/" in browser.js("location.href") and browser.js("!!document.querySelector('nav.pager')")
    finally:
        browser.close()
    return before, shown, count


@pytest.mark.slow
@pytest.mark.skipif(os.environ.get("MINUTES_SKIP_BROWSER") == "1", reason="MINUTES_SKIP_BROWSER=1")
def test_site_of_a_fresh_run_renders_in_headless_chromium(repo, tmp_path):
    from PIL import Image

    from pipeline.run.export import read_tables

    out, site = tmp_path / "processed", tmp_path / "site"
    result = subprocess.run([sys.executable, "-m", "pipeline.cli", "run", str(repo / "data" / "raw"), "--out", str(out),
                             "--quiet"], capture_output=True, text=True, timeout=900)
    assert result.returncode == 0, result.stderr
    result = subprocess.run([sys.executable, "-m", "pipeline.cli", "report", str(out), "--out", str(site)],
                            capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stderr
    t = read_tables(out)
    assert len(list((site / "meetings").glob("*.html"))) == len(t["meetings"])
    ents = t["entities"]
    meeting = ents[ents["label"] == "PER"]["meeting_id"].value_counts().index[0]  # the one with most people
    page = site / "meetings" / f"{meeting}.html"
    check_page(page)

    dom = _run_chromium(tmp_path, "--dump-dom", page.as_uri())
    assert dom.returncode == 0, dom.stderr[-2000:]
    assert "</html>" in dom.stdout
    n_rendered = len(re.findall(r'<mark [^>]*class="ent ent-\w+"', dom.stdout))
    assert n_rendered >= (ents["meeting_id"] == meeting).sum() > 0
    assert 'class="ent ent-PER"' in dom.stdout and 'class="ent ent-ORG"' in dom.stdout
    assert 'class="decision"' in dom.stdout or 'class="action"' in dom.stdout

    shot = tmp_path / "shot.png"
    r = _run_chromium(tmp_path, f"--screenshot={shot}", "--window-size=1200,2000", page.as_uri())
    assert r.returncode == 0 and shot.exists(), r.stderr[-2000:]
    assert shot.stat().st_size > 20_000
    with Image.open(shot) as im:
        img = im.convert("RGB")
        assert img.size == (1200, 2000)
        small = img.resize((300, 500))
        colours = Counter(getattr(small, "get_flattened_data", small.getdata)())
        assert len(colours) > 50  # text, highlights, tables: not a blank page
        pixels = Counter(getattr(img, "get_flattened_data", img.getdata)())

    def rgb(h: str) -> tuple[int, int, int]:
        return tuple(int(h[i:i + 2], 16) for i in (1, 3, 5))
    # the entity highlights are painted (solid backgrounds in their label colours)
    assert pixels[rgb(LABEL_COLOURS["PER"])] > 500, "no PER highlight rendered"
    assert pixels[rgb(LABEL_COLOURS["ORG"])] > 500, "no ORG highlight rendered"

    # every link of the site leads somewhere: meeting, body and person pages, previous/next, anchors
    assert _site_links_resolve(site) > 5 * len(t["meetings"])
    assert len(list((site / "bodies").glob("*.html"))) == t["meetings"]["body"].fillna("").str.strip().nunique()
    # typing into the index's filter hides the meetings that do not match
    body = t["meetings"].loc[t["meetings"]["meeting_id"] == meeting, "body"].iloc[0]
    word = max(re.findall(r"\w+", body), key=len)[:-1].upper()  # a prefix, in other case: case is ignored
    rows = t["meetings"].merge(t["documents"][["doc_id", "source_path"]], on="doc_id")
    expected = sum(_fold(word) in _fold(" ".join(str(v) for v in r if v is not None))
                   for r in rows[["body", "date_text", "place", "source_path"]].itertuples(index=False))
    before, shown, count = _filter_by_typing(tmp_path, site, word)
    assert before == len(t["meetings"]) > expected == len(shown) >= 1
    assert all(_fold(word) in _fold(r) for r in shown) and count == f"{expected} av {before} rader"
