"""The review site's ways through the archive: pages per body and per person, previous/next links
between meetings, and a filter for long tables.

With hundreds of meetings the index alone is a wall of rows; a reviewer follows one body's
meetings in date order, or one person across the archive. :class:`Links` knows where every page
is and the order of the meetings (date, then body; undated meetings last, as on the index);
:func:`write_nav_pages` writes

* ``bodies/<slug>.html``: a body's meetings by date with their counts;
* ``persons.html`` and ``persons/<person_id>.html``: every person, and per person the meetings
  they attended (attendee rows) and those that mention them (``person_mentions``), with the
  sentence around each mention. Personal identifiers (personnummer, phone numbers, e-mail, …) are
  never shown on a person page: the identifiers the run found, and any the patterns find in a
  snippet, appear as their placeholder ('[telefonnummer]'), also in a dataset written with
  ``--no-mask-identifiers``.

:data:`FILTER_SCRIPT` is a few lines of inline JavaScript (no library, no network) that filter a
table's rows as one types; without JavaScript every row is shown and the box stays hidden.
"""
from __future__ import annotations

import hashlib
import re
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import quote

from pipeline.lang.fold import fold_name
from pipeline.lang.identifiers import DEFAULT_MASKED, find_identifiers, placeholder
from pipeline.products.report import SITE_TITLE, _fmt_date, _overridden_tag, _page, _page_order, esc, meeting_href

UNKNOWN_BODY = "(okänt organ)"
SNIPPET_CHARS = 70      # characters of context on each side of a mention on a person page
SNIPPETS_PER_MEETING = 3

FILTER_SCRIPT = """
document.addEventListener("DOMContentLoaded", function () {
  var box = document.getElementById("filter");
  if (!box) return;
  var table = document.querySelector(box.getAttribute("data-table"));
  if (!table || !table.tBodies.length) return;
  var rows = Array.prototype.slice.call(table.tBodies[0].rows);
  var fold = function (s) { return s.normalize("NFD").replace(/[\\u0300-\\u036f]/g, "").toLowerCase(); };
  var texts = rows.map(function (r) { return fold(r.textContent); });
  var count = document.getElementById("filter-count");
  function apply() {
    var words = fold(box.value).split(/\\s+/).filter(Boolean), shown = 0;
    rows.forEach(function (r, i) {
      var hit = words.every(function (w) { return texts[i].indexOf(w) >= 0; });
      r.hidden = !hit;
      if (hit) shown++;
    });
    count.textContent = words.length ? shown + " av " + rows.length + " rader" : rows.length + " rader";
  }
  box.addEventListener("input", apply);
  box.parentNode.parentNode.hidden = false;
  if (location.hash.indexOf("#q=") === 0) box.value = decodeURIComponent(location.hash.slice(3));
  apply();
});
"""


def filter_box(table_selector: str, what: str, example: str = "organ, datum, plats") -> str:
    """A search box that filters the rows of the table ``table_selector`` (hidden without JavaScript).
    Every word typed must occur in a row (case and diacritics ignored); ``#q=…`` in the URL fills it."""
    return (f'<p class="filter" hidden><label>Filtrera {esc(what)}: <input type="search" id="filter" '
            f'data-table="{esc(table_selector)}" autocomplete="off" placeholder="t.ex. {esc(example)}">'
            f'</label> <span id="filter-count" class="muted"></span></p>\n<script>{FILTER_SCRIPT}</script>')


def body_href(body: str | None) -> str:
    """``bodies/<slug>.html``: readable, and unique per body (a hash of the name as written)."""
    name = (body or "").strip()
    slug = re.sub(r"[^a-z0-9]+", "-", fold_name(name)).strip("-")[:48] or "okant-organ"
    return f"bodies/{slug}-{hashlib.sha1(name.encode()).hexdigest()[:6]}.html"


def person_href(person_id: str) -> str:
    return f"persons/{quote(str(person_id), safe='')}.html"


@dataclass
class Links:
    """Where the pages are, and each meeting's neighbours in date order (overall and in its body)."""

    order: list[dict]                      # the meetings in index order
    person_ids: set[str] = field(default_factory=set)
    _overall: dict[str, tuple] = field(default_factory=dict)
    _in_body: dict[str, tuple] = field(default_factory=dict)

    def __post_init__(self):
        self._overall = _neighbours(self.order)
        by_body = defaultdict(list)
        for m in self.order:
            by_body[_body(m)].append(m)
        for ms in by_body.values():
            self._in_body.update(_neighbours(ms))

    def person(self, person_id: str | None, up: str = "../") -> str | None:
        """The href of a person's page from a page in a subfolder; None for no page."""
        return f"{up}{person_href(person_id)}" if person_id in self.person_ids else None

    def body(self, m: dict) -> str:
        return body_href(m.get("body"))

    def pager(self, m: dict) -> str:
        """Previous/next meeting, overall and within the meeting's body (links from meetings/)."""
        mid = m["meeting_id"]
        return (f'<nav class="pager">Alla möten: {_step(self._overall.get(mid), "möte")} &nbsp;|&nbsp; '
                f'{esc(_body(m))}: {_step(self._in_body.get(mid), "i organet", rel=False)}</nav>')


def _body(m: dict) -> str:
    return (m.get("body") or "").strip() or UNKNOWN_BODY


def _neighbours(ms: list[dict]) -> dict[str, tuple]:
    return {m["meeting_id"]: (ms[i - 1] if i else None, ms[i + 1] if i + 1 < len(ms) else None)
            for i, m in enumerate(ms)}


def _step(pair: tuple | None, what: str, rel: bool = True) -> str:
    prev, nxt = pair or (None, None)
    out = []
    for m, arrow, label, name in ((prev, "←", f"föregående {what}", "prev"), (nxt, "→", f"nästa {what}", "next")):
        if m is None:
            out.append(f'<span class="muted">{label}</span>')
            continue
        tip = f"{_body(m)} {m.get('date') or m.get('date_text') or ''}".strip()
        rel_attr = f' rel="{name}"' if rel else ""
        text = f"{arrow} {label}" if arrow == "←" else f"{label} {arrow}"
        out.append(f'<a href="../{esc(meeting_href(m["meeting_id"]))}"{rel_attr} title="{esc(tip)}" '
                   f'class="{name}">{esc(text)}</a>')
    return " ".join(out)


# -- the index's list of bodies -----------------------------------------------------------------
def bodies_table(listing) -> list[str]:
    """One row per body: meetings, first and last date, decisions and action items; linked to its page."""
    groups = _by_body(listing)
    rows = []
    for body, items in sorted(groups.items(), key=lambda kv: (-len(kv[1]), kv[0])):
        dated = [m for m, *_ in items if m.get("date") is not None]
        span = f"{_fmt_date(dated[0])} – {_fmt_date(dated[-1])}" if dated else '<span class="muted">–</span>'
        rows.append(f'<tr><td><a href="{esc(body_href(items[0][0].get("body")))}">{esc(body)}</a></td>'
                    f'<td class="num">{len(items)}</td><td>{span}</td>'
                    f'<td class="num">{sum(n["decisions"] for _, _, n, _ in items)}</td>'
                    f'<td class="num">{sum(n["action_items"] for _, _, n, _ in items)}</td></tr>')
    return [f'<h2 id="bodies">Organ ({len(groups)})</h2>',
            '<table class="bodies"><thead><tr><th>Organ</th><th>Möten</th><th>Period</th><th>Beslut</th>'
            "<th>Åtgärder</th></tr></thead><tbody>", *rows, "</tbody></table>"]


def _by_body(listing) -> dict[str, list]:
    groups: dict[str, list] = defaultdict(list)
    for item in listing:
        groups[_body(item[0])].append(item)
    return groups


def _meeting_rows(items, links: Links | None = None) -> list[str]:
    rows = []
    for m, doc, n, n_corr in items:
        rows.append(f'<tr><td class="date"><a href="../{esc(meeting_href(m["meeting_id"]))}">{_fmt_date(m)}</a></td>'
                    f"<td>{esc(m.get('place'))}</td>"
                    + "".join(f'<td class="num">{n[k]}</td>' for k in ("attendees", "sections", "decisions",
                                                                        "action_items", "entities"))
                    + f'<td class="num">{n_corr}</td><td class="num">{n.get("overridden") or ""}</td>'
                    f'<td class="muted">{esc(doc.get("source_path"))}</td></tr>')
    return rows


def _regulars(items, attendees: dict[str, list[dict]], links: Links, names: dict[str, str]) -> list[str]:
    """Who sits at the table: the people listed as present at the body's meetings, most often first."""
    seen: dict[str, set] = defaultdict(set)
    roles: dict[str, Counter] = defaultdict(Counter)
    for m, *_ in items:
        for a in attendees.get(m["meeting_id"], []):
            if a.get("person_id") and a.get("present") is not False:
                seen[a["person_id"]].add(m["meeting_id"])
                roles[a["person_id"]][a.get("role") or ""] += 1
    if not seen:
        return []
    out = [f'<h2 id="people">Närvarande ({len(seen)} personer)</h2>',
           '<table class="people"><thead><tr><th>Namn</th><th>Möten</th><th>Roll</th></tr></thead><tbody>']
    for pid, ms in sorted(seen.items(), key=lambda kv: (-len(kv[1]), fold_name(_clean(names.get(kv[0], kv[0]))))):
        name, href = _clean(names.get(pid) or pid), links.person(pid)
        cell = f'<a href="{esc(href)}">{esc(name)}</a>' if href else esc(name)
        role = ", ".join(r for r, _ in roles[pid].most_common() if r)
        out.append(f'<tr><td>{cell}</td><td class="num">{len(ms)} av {len(items)}</td><td>{esc(role)}</td></tr>')
    return out + ["</tbody></table>"]


def _body_page(body: str, items, regulars: list[str] = ()) -> str:
    head = ("<tr><th>Datum</th><th>Plats</th><th>Närvarande</th><th>Avsnitt</th><th>Beslut</th><th>Åtgärder</th>"
            "<th>Entiteter</th><th>OCR-rättelser</th><th>Handrättat</th><th>Fil</th></tr>")
    body_html = ['<nav><a href="../index.html">← Alla möten</a> <a href="../index.html#bodies">Alla organ</a></nav>',
                 f"<h1>{esc(body)}</h1>", f'<p class="meta">{len(items)} möten, i datumordning.</p>',
                 filter_box("table.meetings", "mötena"),
                 f'<table class="meetings"><thead>{head}</thead><tbody>', *_meeting_rows(items), "</tbody></table>",
                 *regulars]
    return _page(body, "\n".join(body_html), "../style.css")


# -- the index ------------------------------------------------------------------------------------
def index_page(data_dir: Path, documents: list[dict], meetings: list[dict], listing, has_persons: bool) -> str:
    """The site's front page: the bodies, every meeting (filterable), the hand corrections and the
    documents that failed, were skipped or held no meeting."""
    failed = [d for d in documents if d.get("status") == "error"]
    skipped = [d for d in documents if d.get("status") == "skipped"]
    with_meeting = {m["doc_id"] for m in meetings}
    no_meeting = [d for d in documents if d.get("status") == "ok" and d["doc_id"] not in with_meeting]
    versions = sorted({d.get("pipeline_version") for d in documents if d.get("pipeline_version")})
    totals = Counter()
    rows_html = []
    for m, doc, n, n_corr in listing:
        totals.update(n)
        totals["corrections"] += n_corr
        rows_html.append(
            "<tr>"
            f'<td><a href="{esc(meeting_href(m["meeting_id"]))}">{esc(_body(m))}</a></td>'
            f"<td class=\"date\">{_fmt_date(m)}</td><td>{esc(m.get('place'))}</td>"
            f'<td class="num">{n["attendees"]}</td><td class="num">{n["sections"]}</td>'
            f'<td class="num">{n["decisions"]}</td><td class="num">{n["action_items"]}</td>'
            f'<td class="num">{n["entities"]}</td><td class="num">{n_corr}</td>'
            f'<td class="num">{n["overridden"] or ""}</td>'
            f'<td class="muted">{esc(doc.get("source_path"))}</td>'
            "</tr>")
    body = [f"<h1>{SITE_TITLE}</h1>",
            (f'<p class="meta">Data: <code>{esc(data_dir)}</code> · {len(documents)} dokument, '
             f"{len(meetings)} möten, {len(failed)} dokument kunde inte läsas, {len(skipped)} filer lästes inte"
             + (f" · pipeline {esc(', '.join(versions))}" if versions else "") + "</p>"),
            '<nav class="toc"><a href="#bodies">Organ</a><a href="#meetings">Möten</a>'
            + ('<a href="persons.html">Personer</a>' if has_persons else "") + "</nav>",
            *bodies_table(listing),
            f'<h2 id="meetings">Möten ({len(listing)})</h2>', filter_box("table.meetings", "mötena"),
            ('<table class="meetings"><thead><tr><th>Organ</th><th>Datum</th><th>Plats</th>'
             '<th>Närvarande</th><th>Avsnitt</th><th>Beslut</th><th>Åtgärder</th><th>Entiteter</th>'
             '<th>OCR-rättelser</th><th title="Rader ändrade eller tillagda för hand (overrides)">Handrättat</th>'
             '<th>Fil</th></tr></thead><tbody>'),
            *rows_html,
            "</tbody><tfoot><tr><th>Summa</th><th></th><th></th>"
            + "".join(f'<th class="num">{totals[k]}</th>' for k in
                      ("attendees", "sections", "decisions", "action_items", "entities", "corrections",
                       "overridden"))
            + "<th></th></tr></tfoot></table>"]
    body += _overridden_index(listing)
    if failed:
        body += ["<h2>Dokument som inte kunde läsas</h2>",
                 '<table class="errors"><thead><tr><th>Fil</th><th>Format</th><th>Fel</th></tr></thead><tbody>',
                 *(f'<tr><td>{esc(d.get("source_path"))}</td><td>{esc(d.get("format"))}</td>'
                   f'<td class="error">{esc(d.get("error"))}</td></tr>' for d in failed),
                 "</tbody></table>"]
    if skipped:
        body += ["<h2>Filer som inte lästes</h2>",
                 '<table class="skipped"><thead><tr><th>Fil</th><th>Skäl</th></tr></thead><tbody>',
                 *(f'<tr><td>{esc(d.get("source_path"))}</td><td class="muted">{esc(d.get("error"))}</td></tr>'
                   for d in skipped),
                 "</tbody></table>"]
    if no_meeting:
        body += ["<h2>Dokument utan möte</h2><ul>",
                 *(f"<li>{esc(d.get('source_path'))}</li>" for d in no_meeting), "</ul>"]
    return _page(SITE_TITLE, "\n".join(body), "style.css")


def _overridden_index(listing) -> list[str]:
    """The meetings with hand corrections, so a reviewer can check each correction took effect."""
    hit = [(m, n["overridden"]) for m, _, n, _ in listing if n["overridden"]]
    if not hit:
        return []
    return [f'<h2 id="overridden">Rättat för hand ({sum(k for _, k in hit)} rader i {len(hit)} möten)</h2>',
            '<ul class="overridden">',
            *(f'<li><a href="{esc(meeting_href(m["meeting_id"]))}#overrides">{esc(_body(m))}'
              f"</a> {_fmt_date(m)}: {k} {'rad' if k == 1 else 'rader'}</li>" for m, k in hit), "</ul>"]



# -- person pages --------------------------------------------------------------------------------
@dataclass
class PersonFacts:
    """What the site shows of one person, gathered from the tables in one pass."""
    attended: list[tuple[dict, dict]] = field(default_factory=list)          # (meeting, attendee row)
    mentioned: dict[str, list[dict]] = field(default_factory=dict)           # meeting_id -> mentions


def _identifier_spans(doc: dict, identifiers: list[dict]) -> list[tuple[int, int, str]]:
    """Every identifier of a document: those the run listed, and those the patterns find now."""
    spans = [(r["start_char"], r["end_char"], r.get("kind") or "identifierare") for r in identifiers
             if r.get("start_char") is not None and r.get("end_char") is not None]
    found = [(i.start, i.end, i.kind) for i in find_identifiers(doc.get("text") or "", DEFAULT_MASKED)]
    spans += [f for f in found if not any(s < f[1] and f[0] < e for s, e, _ in spans)]  # the run's list first
    return sorted(spans)


def masked_snippet(text: str, start: int, end: int, spans: list[tuple[int, int, str]],
                   width: int = SNIPPET_CHARS) -> str:
    """The mention text[start:end] in its context, as HTML: the name in <b>, identifiers as placeholders."""
    a, b = max(0, start - width), min(len(text), end + width)
    for s, e, _ in spans:  # never cut an identifier in half: a half is still a part of it
        if s < a < e:
            a = s
        if s < b < e:
            b = e
    out, pos = [], a
    marks = [(s, e, "id", kind) for s, e, kind in spans if s < b and e > a]
    marks += [(start, end, "name", "")]
    for s, e, what, kind in sorted(marks):
        if s < pos:
            continue
        out.append(esc(text[pos:s]))
        out.append(esc(placeholder(kind)) if what == "id" else f"<b>{esc(text[s:e])}</b>")
        pos = e
    out.append(esc(text[pos:b]))
    snippet = "".join(out).replace("\n", " ")
    return ("…" if a > 0 else "") + snippet + ("…" if b < len(text) else "")


def _clean(value: str | None) -> str:
    """A name form without any identifier in it (a handle or e-mail address read as a name)."""
    text = value or ""
    for i in reversed(find_identifiers(text)):
        text = text[:i.start] + placeholder(i.kind) + text[i.end:]
    return text


def _person_page(person: dict, facts: PersonFacts, src: _Sources) -> str:
    name = _clean(person.get("name")) or person["person_id"]
    variants = sorted({_clean(v) for v in person.get("variants") or []} - {name})
    body = ['<nav><a href="../index.html">← Alla möten</a> <a href="../persons.html">Alla personer</a></nav>',
            f"<h1>{esc(name)}{_overridden_tag(person)}</h1>",
            '<p class="meta">' + " · ".join(x for x in (
                f"Skrivs också: {esc(', '.join(variants))}" if variants else "",
                f"Organisationer: {esc(', '.join(_clean(o) for o in person.get('organisations') or []))}"
                if person.get("organisations") else "",
                f"person_id <code>{esc(person['person_id'])}</code>") if x) + "</p>",
            f'<h2 id="attended">Närvarande vid ({len(facts.attended)})</h2>']
    if facts.attended:
        body.append('<table class="attended"><thead><tr><th>Möte</th><th>Datum</th><th>Roll</th><th>Organisation</th>'
                    "<th>Närv.</th></tr></thead><tbody>")
        for m, a in facts.attended:
            present = {True: "ja", False: "nej"}.get(a.get("present"), "")
            body.append(f'<tr><td><a href="../{esc(meeting_href(m["meeting_id"]))}">{esc(_body(m))}</a></td>'
                        f'<td class="date">{_fmt_date(m)}</td><td>{esc(a.get("role"))}</td>'
                        f"<td>{esc(_clean(a.get('organisation')))}</td><td>{present}</td></tr>")
        body.append("</tbody></table>")
    else:
        body.append('<p class="muted">Inte med i någon närvarolista.</p>')
    body += _mentions_html(facts, src)
    return _page(name, "\n".join(body), "../style.css")


def _mentions_html(facts: PersonFacts, src: _Sources) -> list[str]:
    n = sum(len(v) for v in facts.mentioned.values())
    out = [f'<h2 id="mentioned">Omnämnd i {len(facts.mentioned)} möten ({n} omnämnanden)</h2>']
    for mid, rows in facts.mentioned.items():
        m = src.meetings[mid]
        doc = src.docs.get(m["doc_id"], {})
        text = doc.get("text") or ""
        forms = Counter(_clean(r.get("text")) for r in rows)
        out.append(f'<h3><a href="../{esc(meeting_href(mid))}">{esc(_body(m))}</a> {_fmt_date(m)} '
                   f'<span class="muted">({esc(", ".join(f"{f} ×{k}" for f, k in sorted(forms.items())))})</span></h3>')
        places = {(r.get("start_char"), r.get("end_char")) for r in rows}  # an attendee name is an entity too
        placed = sorted((s, e) for s, e in places if s is not None and e is not None and 0 <= s < e <= len(text))
        if placed:
            spans = src.id_spans(m["doc_id"])
            out.append('<ul class="mentions">')
            for s, e in placed[:SNIPPETS_PER_MEETING]:
                anchor = src.anchor(mid, s, e)
                link = (f' <a href="../{esc(meeting_href(mid))}#{anchor}" title="Visa i protokollet">→</a>'
                        if anchor else "")
                out.append(f"<li>{masked_snippet(text, s, e, spans)}{link}</li>")
            if len(placed) > SNIPPETS_PER_MEETING:
                out.append(f'<li class="muted">och {len(placed) - SNIPPETS_PER_MEETING} till</li>')
            out.append("</ul>")
    return out


def _persons_index(persons: list[dict]) -> str:
    rows = []
    for p in sorted(persons, key=lambda p: (-(p.get("n_meetings") or 0), fold_name(_clean(p.get("name"))))):
        variants = sorted({_clean(v) for v in p.get("variants") or []} - {_clean(p.get("name"))})
        rows.append(f'<tr><td><a href="{esc(person_href(p["person_id"]))}">{esc(_clean(p.get("name")))}</a>'
                    f'{_overridden_tag(p)}</td><td class="muted">{esc(", ".join(variants))}</td>'
                    f"<td>{esc(', '.join(_clean(o) for o in p.get('organisations') or []))}</td>"
                    f'<td class="num">{p.get("n_meetings") or 0}</td><td class="num">{p.get("n_mentions") or 0}</td>'
                    "</tr>")
    body = ['<nav><a href="index.html">← Alla möten</a></nav>', f"<h1>Personer ({len(persons)})</h1>",
            filter_box("table.persons", "personerna", "namn, organisation"),
            '<table class="persons"><thead><tr><th>Namn</th><th>Skrivs också</th><th>Organisationer</th>'
            "<th>Möten</th><th>Omnämnanden</th></tr></thead><tbody>", *rows, "</tbody></table>"]
    return _page("Personer", "\n".join(body), "style.css")


@dataclass
class _Sources:
    """What the person pages read beside the person: the meetings, the documents' text and identifiers,
    and where the meeting page marks each mention (``#e-3`` in the text, ``#n-2`` in the attendee list)."""
    meetings: dict[str, dict]
    docs: dict[str, dict]
    identifiers: dict[str, list[dict]]
    anchors: dict[tuple, str]                    # (meeting_id, start, end) of an entity -> its mark
    lines: dict[str, list[tuple[int, int, str]]]  # meeting_id -> (start, end, anchor) of each attendee line
    _spans: dict[str, list] = field(default_factory=dict)

    @classmethod
    def of(cls, rows: dict[str, list[dict]], links: Links) -> _Sources:
        ids: dict[str, list[dict]] = defaultdict(list)
        for r in rows.get("identifiers", []):
            ids[r["doc_id"]].append(r)
        per_meeting: dict[tuple, list[dict]] = defaultdict(list)
        for table in ("attendees", "entities"):
            for r in rows.get(table, []):
                per_meeting[(table, r["meeting_id"])].append(r)
        anchors: dict[tuple, str] = {}
        lines: dict[str, list] = defaultdict(list)
        for (table, mid), rs in per_meeting.items():
            for i, r in enumerate(_page_order(table, rs), 1):
                if table == "entities":
                    anchors[(mid, r.get("start_char"), r.get("end_char"))] = f"e-{i}"
                elif r.get("start_char") is not None and r.get("end_char") is not None:
                    lines[mid].append((r["start_char"], r["end_char"], f"n-{i}"))
        return cls({m["meeting_id"]: m for m in links.order}, {d["doc_id"]: d for d in rows.get("documents", [])},
                   ids, anchors, lines)

    def anchor(self, meeting_id: str, start: int, end: int) -> str | None:
        """Where the meeting page marks a mention: its entity in the text, else the attendee row it is in."""
        found = self.anchors.get((meeting_id, start, end))
        return found or next((a for s, e, a in self.lines.get(meeting_id, []) if s <= start and end <= e), None)

    def id_spans(self, doc_id: str) -> list:
        if doc_id not in self._spans:
            self._spans[doc_id] = _identifier_spans(self.docs.get(doc_id, {}), self.identifiers.get(doc_id, []))
        return self._spans[doc_id]


def _person_facts(rows: dict[str, list[dict]], meetings: dict[str, dict], order: dict[str, int]) -> dict:
    facts: dict[str, PersonFacts] = defaultdict(PersonFacts)
    for a in rows.get("attendees", []):
        if a.get("person_id") and a["meeting_id"] in meetings:
            facts[a["person_id"]].attended.append((meetings[a["meeting_id"]], a))
    for r in sorted(rows.get("person_mentions", []), key=lambda r: (order.get(r["meeting_id"], 0),
                                                                    r.get("start_char") or 0)):
        if r.get("person_id") and r["meeting_id"] in meetings:
            facts[r["person_id"]].mentioned.setdefault(r["meeting_id"], []).append(r)
    for f in facts.values():
        f.attended.sort(key=lambda ma: order.get(ma[0]["meeting_id"], 0))
    return facts


def write_nav_pages(out_dir: Path, rows: dict[str, list[dict]], listing, links: Links) -> set[str]:
    """Write the body pages, the persons index and the person pages; returns the files written."""
    written: set[str] = set()
    (out_dir / "bodies").mkdir(exist_ok=True)
    attendees: dict[str, list[dict]] = defaultdict(list)
    for a in rows.get("attendees", []):
        attendees[a["meeting_id"]].append(a)
    names = {p["person_id"]: p.get("name") for p in rows.get("persons", [])}
    for body, items in _by_body(listing).items():
        href = body_href(items[0][0].get("body"))
        page = _body_page(body, items, _regulars(items, attendees, links, names))
        (out_dir / href).write_text(page, encoding="utf-8")
        written.add(href)
    persons = rows.get("persons", [])
    if not persons:
        return written
    src = _Sources.of(rows, links)
    facts = _person_facts(rows, src.meetings, {m["meeting_id"]: i for i, m in enumerate(links.order)})
    (out_dir / "persons").mkdir(exist_ok=True)
    for p in persons:
        href = person_href(p["person_id"])
        (out_dir / href).write_text(_person_page(p, facts.get(p["person_id"], PersonFacts()), src), encoding="utf-8")
        written.add(href)
    (out_dir / "persons.html").write_text(_persons_index(persons), encoding="utf-8")
    return written | {"persons.html"}


__all__ = ["FILTER_SCRIPT", "Links", "body_href", "bodies_table", "filter_box", "index_page", "masked_snippet",
           "person_href", "write_nav_pages"]
