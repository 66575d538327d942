"""The review site's ways through the archive: body and person pages, previous/next, the filter."""
from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq

from pipeline.contract.schema import ALL_TABLES
from pipeline.products.report import build_site
from pipeline.products.report_nav import FILTER_SCRIPT, Links, body_href, filter_box, masked_snippet, person_href
from tests.products.test_report import check_page, make_dataset


def _meeting(mid, body, date=None, date_text=None):
    return {"meeting_id": mid, "doc_id": mid.rsplit("-", 1)[0], "body": body, "date": date, "date_text": date_text}


def _links(html: str) -> dict[str, str]:
    """class (prev/next) -> href of the pager's links."""
    return {m.group(2): m.group(1) for m in re.finditer(r'<a href="([^"]+)"[^>]*class="(prev|next)"', html)}


def test_previous_and_next_follow_the_date_overall_and_within_the_body():
    ms = [_meeting("a-1", "Socialnämnden", dt.date(2024, 1, 25)), _meeting("b-1", "Brukarrådet", dt.date(2024, 2, 8)),
          _meeting("c-1", "Socialnämnden", dt.date(2024, 3, 21)), _meeting("d-1", "Socialnämnden", None, "3 april")]
    links = Links(ms)
    pager = links.pager(ms[2])  # Socialnämnden in March: after Brukarrådet overall, after January in its body
    overall, in_body = pager.split("|")
    assert _links(overall) == {"prev": "../meetings/b-1.html", "next": "../meetings/d-1.html"}
    assert re.findall(r'href="\.\./meetings/([^"]+)"', in_body) == ["a-1.html", "d-1.html"]
    assert 'rel="prev"' in overall and "rel" not in in_body  # one rel=prev/next per page: the overall order
    first = links.pager(ms[0]).split("|")[0]
    assert "föregående möte</span>" in first and _links(first) == {"next": "../meetings/b-1.html"}
    alone = links.pager(ms[1]).split("|")[1]  # Brukarrådet met once: nothing to step to in its body
    assert "href" not in alone and "Brukarrådet" in alone


def test_body_pages_have_readable_distinct_names():
    assert body_href("Nämnden för Individ & Familjeomsorg").startswith("bodies/namnden-for-individ-familjeomsorg-")
    assert body_href("Styrelsen") != body_href("Styrelsen för Brf Tallkotten") != body_href(None)
    assert body_href(None).startswith("bodies/okant-organ-") and body_href(" Styrelsen ") == body_href("Styrelsen")
    assert person_href("p-1a/2") == "persons/p-1a%2F2.html"


def test_a_mention_snippet_never_shows_an_identifier():
    text = ("Frågor om ansökan ställs till Karin Lund, tfn 070-123 45 67 eller karin.lund@example.se. "
            "Hennes personnummer 19800101-1234 står i bilagan.")
    start = text.index("Karin Lund")
    spans = [(text.index("070"), text.index("070") + len("070-123 45 67"), "telefonnummer")]
    html = masked_snippet(text, start, start + len("Karin Lund"), spans, width=40)
    assert "<b>Karin Lund</b>" in html and "[telefonnummer]" in html and "070" not in html
    # an identifier the run did not list (a dataset written with --no-mask-identifiers) is masked too,
    # here by the caller's spans; one cut by the snippet's edge is widened, never shown in part
    edge = masked_snippet(text, start, start + 10, spans + [(text.index("karin.lund@"), text.index(". Hennes"), "e-post")],
                          width=45)
    assert "[e-post]" in edge and "example" not in edge and "karin.lund" not in edge
    assert masked_snippet("Anna <b> Ek", 0, 4, []) == "<b>Anna</b> &lt;b&gt; Ek"


def test_filter_box_is_hidden_without_javascript_and_scripts_use_no_network():
    box = filter_box("table.meetings", "mötena")
    assert box.startswith('<p class="filter" hidden>') and 'data-table="table.meetings"' in box
    assert not re.search(r"https?:|src=|import\(|fetch|XMLHttpRequest", FILTER_SCRIPT)


def _write(out: Path, name: str, rows: list[dict]) -> None:
    pq.write_table(pa.Table.from_pylist(rows, schema=ALL_TABLES[name]), out / f"{name}.parquet")


def _with_people(data: Path, masked: bool) -> dict:
    """The hand-made dataset, with Karl Berg's phone number in the text and his person row."""
    tables = make_dataset(data)
    doc = tables["documents"][0]
    number = "[telefonnummer]" if masked else "0300-83 40 00"
    doc["text"] = doc["text"].replace("Karl ska kontakta fastighetskontoret",
                                      f"Karl ska kontakta fastighetskontoret ({number})")
    at = doc["text"].index(number)
    _write(data, "identifiers", [{"doc_id": "d1", "kind": "telefonnummer", "start_char": at,
                                  "end_char": at + len(number), "text": number, "masked": masked}])
    _write(data, "documents", tables["documents"])
    for a in tables["attendees"]:
        a["person_id"] = {"Anna Svensson": "p-anna", "Karl Berg": "p-karl"}[a["name"]]
    _write(data, "attendees", tables["attendees"])
    karl = doc["text"].index("Karl ska")
    _write(data, "person_mentions", [
        {"meeting_id": "d1-1", "source_table": "attendees", "start_char": doc["text"].index("Karl Berg"),
         "end_char": doc["text"].index("Karl Berg") + 9, "text": "Karl Berg", "person_id": "p-karl"},
        {"meeting_id": "d1-1", "source_table": "entities", "start_char": karl, "end_char": karl + 4, "text": "Karl",
         "person_id": "p-karl"}])
    _write(data, "persons", [
        {"person_id": "p-karl", "name": "Karl Berg", "variants": ["Karl", "Karl Berg"],
         "organisations": ["socialförvaltningen"], "n_meetings": 1, "n_mentions": 2},
        {"person_id": "p-anna", "name": "Anna Svensson", "variants": ["Anna Svensson"], "organisations": ["RSMH"],
         "n_meetings": 1, "n_mentions": 1, "overridden": True}])
    return tables


def test_site_has_a_page_per_body_and_per_person(tmp_path):
    tables = _with_people(tmp_path / "data", masked=False)
    build_site(tmp_path / "data", tmp_path / "site")
    site = tmp_path / "site"
    index = (site / "index.html").read_text(encoding="utf-8")
    check_page(site / "index.html")
    href = body_href("Brukarrådet")
    assert f'<tr><td><a href="{href}">Brukarrådet</a></td><td class="num">1</td><td>2024-03-12 – 2024-03-12</td>' \
           in index
    assert '<a href="persons.html">Personer</a>' in index and 'id="filter" data-table="table.meetings"' in index
    body = (site / href).read_text(encoding="utf-8")
    check_page(site / href)
    assert '<a href="../meetings/d1-1.html">2024-03-12</a>' in body and "2024/brukarradet.txt" in body
    # who sits at the table: Anna was present, Karl (marked absent) is not listed
    assert '<h2 id="people">Närvarande (1 personer)</h2>' in body
    assert '<tr><td><a href="../persons/p-anna.html">Anna Svensson</a></td><td class="num">1 av 1</td>' in body
    assert "p-karl" not in body

    karl = (site / "persons" / "p-karl.html").read_text(encoding="utf-8")
    check_page(site / "persons" / "p-karl.html")
    assert "<h1>Karl Berg</h1>" in karl and "Skrivs också: Karl ·" in karl
    attended = re.search(r'<table class="attended">.*?</table>', karl, re.S).group(0)
    assert '<a href="../meetings/d1-1.html">Brukarrådet</a></td><td class="date">2024-03-12</td><td>närvarande</td>' \
           '<td>socialförvaltningen</td><td>nej</td>' in attended
    assert "Omnämnd i 1 möten (2 omnämnanden)" in karl and "(Karl ×1, Karl Berg ×1)" in karl
    assert "<b>Karl</b> ska kontakta fastighetskontoret ([telefonnummer])" in karl
    # each snippet links to the mention's mark on the meeting page: the entity in the text, else the attendee row
    order = sorted(tables["entities"], key=lambda e: (e["start_char"], -e["end_char"]))
    marks = [f"e-{i}" for i, e in enumerate(order, 1) if e["text"] in ("Karl", "Karl Berg")]
    assert re.findall(r'<a href="\.\./meetings/d1-1\.html#([^"]+)" title="Visa i protokollet">', karl) == marks
    assert set(marks) <= set(check_page(site / "meetings" / "d1-1.html").ids)
    assert "0300" not in karl  # the number is in the (unmasked) text, never on the person page
    meeting = (site / "meetings" / "d1-1.html").read_text(encoding="utf-8")
    assert '<a href="../persons/p-karl.html">Karl Berg</a>' in meeting  # attendees link to their page
    assert f'Organ: <strong><a href="../{href}">Brukarrådet</a></strong>' in meeting
    persons = (site / "persons.html").read_text(encoding="utf-8")
    check_page(site / "persons.html")
    assert re.search(r'<a href="persons/p-anna.html">Anna Svensson</a> <span class="tag overridden"', persons)
    assert 'data-table="table.persons"' in persons
    (tmp_path / "data" / "identifiers.parquet").unlink()  # an identifier the run did not list is not shown either
    build_site(tmp_path / "data", tmp_path / "site")
    assert "0300" not in (site / "persons" / "p-karl.html").read_text(encoding="utf-8")


def test_a_masked_dataset_shows_its_placeholders_and_a_rerun_keeps_only_its_pages(tmp_path):
    _with_people(tmp_path / "data", masked=True)
    build_site(tmp_path / "data", tmp_path / "site")
    karl = (tmp_path / "site" / "persons" / "p-karl.html").read_text(encoding="utf-8")
    assert "fastighetskontoret ([telefonnummer])" in karl
    (tmp_path / "data" / "persons.parquet").unlink()  # no persons: no person pages left behind
    build_site(tmp_path / "data", tmp_path / "site")
    assert not (tmp_path / "site" / "persons.html").exists() and not list((tmp_path / "site" / "persons").glob("*"))
    assert (tmp_path / "site" / body_href("Brukarrådet")).exists()


def test_a_mention_links_to_its_entity_else_to_the_attendee_line_it_is_in():
    from pipeline.products.report_nav import _Sources

    rows = {"attendees": [{"meeting_id": "m-1", "name": "Karl Berg", "start_char": 40, "end_char": 70},
                          {"meeting_id": "m-1", "name": "Anna Ek", "start_char": 12, "end_char": 39}],
            "entities": [{"meeting_id": "m-1", "text": "Karl", "start_char": 90, "end_char": 94}]}
    src = _Sources.of(rows, Links([_meeting("m-1", "Brukarrådet")]))
    assert src.anchor("m-1", 90, 94) == "e-1"      # the entity's mark in the text
    assert src.anchor("m-1", 40, 49) == "n-2"      # 'Karl Berg' inside the second attendee line (by offset)
    assert src.anchor("m-1", 12, 19) == "n-1" and src.anchor("m-1", 100, 104) is None
