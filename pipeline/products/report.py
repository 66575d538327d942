"""A static HTML site for reviewers: check what the pipeline claims against the text.

``build_site(data_dir, out_dir)`` reads an output folder of ``minutes run`` and writes

* ``index.html``: every meeting (body, date, place, counts of attendees, sections, decisions,
  action items, entities and OCR corrections) with a link to its page, and the documents that
  could not be read, with their error;
* ``meetings/<meeting_id>.html``: the repaired text (``documents.text``) with entities
  highlighted per label (PER, ORG, LOC, DATE, TIME), decisions and action items marked in the
  text (``<mark id="d-1">``, ``<mark id="a-1">``) and listed with links to those marks, agenda
  sections as headings with anchors (``#s-1``), attendees, and the OCR corrections: each
  corrected word is underlined in the text with the original in its tooltip (``#c-1``), and
  listed in a table; rows a hand correction changed or added (``overridden = true``, see
  docs/overrides.md) are tagged *handrättad* and listed under ``#overrides`` (the index counts them);
* ``style.css``.

Everything from the data is HTML-escaped. The pages need no network; the only script is the
filter of long tables (report_nav), and without it every row is shown. Body pages, person pages and
previous/next links: :mod:`pipeline.products.report_nav`.
``minutes report DIR --out SITE`` runs it.
"""
from __future__ import annotations

import html
import json
import math
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import quote

from pipeline.products.pseudonymize import align_corrections, read_rows

LABEL_COLOURS = {  # displaCy's palette where it has the label
    "PER": "#aa9cfc", "ORG": "#7aecec", "LOC": "#ff9561", "GPE": "#feca74",
    "DATE": "#bfe1d9", "TIME": "#e4e7d2",
}
DEFAULT_COLOUR = "#ddd"
LABEL_NAMES = {"PER": "person", "ORG": "organisation", "LOC": "plats", "DATE": "datum", "TIME": "tid"}

CSS = """
body { font-family: system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; margin: 0 auto; max-width: 96rem;
       padding: 1rem 2rem 4rem; color: #222; line-height: 1.5; }
h1 { font-size: 1.6rem; margin-bottom: .2rem; } h2 { margin-top: 2rem; border-bottom: 1px solid #ddd; }
table { border-collapse: collapse; width: 100%; font-size: .92rem; }
th, td { border-bottom: 1px solid #e3e3e3; padding: .3rem .5rem; text-align: left; vertical-align: top; }
th { background: #f4f4f4; } thead th { position: sticky; top: 0; z-index: 1; }
td.date { white-space: nowrap; } .pager { margin: .3rem 0; color: #555; }
p.filter input { font-size: 1rem; padding: .2rem .4rem; width: 22rem; }
td.num { text-align: right; font-variant-numeric: tabular-nums; }
.meta { color: #555; } .error { color: #a00; } .muted { color: #888; }
nav a { margin-right: 1rem; }
.layout { display: grid; grid-template-columns: minmax(0, 3fr) minmax(18rem, 2fr); gap: 2rem; align-items: start; }
.layout aside { position: sticky; top: 0; max-height: 100vh; overflow-y: auto; font-size: .92rem; }
.layout aside h2 { font-size: 1.15rem; margin-top: 1.2rem; }
.layout aside li { margin-bottom: .4rem; } .who, .when { color: #555; font-size: .85rem; }
@media (max-width: 900px) { .layout { grid-template-columns: 1fr; }
  .layout aside { position: static; max-height: none; } }
.legend span.ent { margin-right: .5rem; }
.text { white-space: pre-wrap; font-family: Georgia, "DejaVu Serif", serif; font-size: 1rem; line-height: 1.9;
        background: #fcfcfa; border: 1px solid #e5e5e0; padding: 1rem 1.5rem; border-radius: 4px; }
.ent { padding: .1em .3em; border-radius: .35em; box-decoration-break: clone; -webkit-box-decoration-break: clone; }
.ent-label { font-family: system-ui, sans-serif; font-size: .62em; font-weight: bold; text-transform: uppercase;
             margin-left: .35em; vertical-align: middle; opacity: .75; }
mark.decision { background: #fff3a8; outline: 2px solid #e6c200; border-radius: 2px; }
mark.action { background: #d7f5d0; outline: 2px solid #5cb85c; border-radius: 2px; }
mark:target { outline-width: 4px; }
.corr { text-decoration: underline wavy #d9534f; text-underline-offset: .2em; cursor: help; }
.corr-deleted::before { content: "\\2038"; color: #d9534f; }
.section-title { font-family: system-ui, sans-serif; font-weight: bold; font-size: 1.1em; color: #234;
                 background: #eef3f8; }
.tag { display: inline-block; font-size: .75rem; padding: 0 .4em; border-radius: .3em; background: #eee; }
.del { background: #fde2e2; text-decoration: line-through; } .ins { background: #dcf5dc; }
.tag.overridden { background: #ffe0b3; color: #7a4100; font-weight: bold; }
tr.overridden td { background: #fff4e5; } li.overridden { border-left: 3px solid #f0a030; padding-left: .4rem; }
mark[data-overridden] { outline-style: dashed; outline-color: #f0a030; }
"""
CSS += "".join(f".ent-{label} {{ background: {colour}; }}\n" for label, colour in LABEL_COLOURS.items())


def esc(value) -> str:
    """Any value as escaped HTML text ('' for None)."""
    if value is None:
        return ""
    if isinstance(value, float) and math.isnan(value):
        return ""
    return html.escape(str(value), quote=True)


OVERRIDDEN_TIP = "Ändrad eller tillagd för hand (overrides)"
OVERRIDDEN_TAG = f'<span class="tag overridden" title="{OVERRIDDEN_TIP}">handrättad</span>'


def _li_class(row: dict) -> str:
    return ' class="overridden"' if row.get("overridden") else ""


def _overridden_tag(row: dict) -> str:
    """The mark of a row a hand correction (``--overrides``) changed or added; '' for the pipeline's own."""
    return f" {OVERRIDDEN_TAG}" if row.get("overridden") else ""


def _page(title: str, body: str, css_href: str) -> str:
    return (f'<!DOCTYPE html>\n<html lang="sv">\n<head>\n<meta charset="utf-8">\n'
            f'<meta name="viewport" content="width=device-width, initial-scale=1">\n'
            f'<title>{esc(title)}</title>\n<link rel="stylesheet" href="{esc(css_href)}">\n</head>\n'
            f'<body>\n{body}\n</body>\n</html>\n')


def meeting_href(meeting_id: str) -> str:
    return f"meetings/{quote(str(meeting_id), safe='')}.html"


# -- marking up the text ------------------------------------------------------------------------
@dataclass
class Span:
    """A range of the text to wrap in a tag. ``layer``: outer layers nest outside inner ones."""
    start: int
    end: int
    layer: int
    tag: str
    attrs: dict = field(default_factory=dict)
    suffix: str = ""  # HTML inserted before the closing tag, at the span's real end (entity labels)
    seq: int = 0

    def open(self, first: bool) -> str:
        attrs = {k: v for k, v in self.attrs.items() if first or k != "id"}
        if not first:
            attrs["data-continued"] = "1"
        return f"<{self.tag}" + "".join(f' {k}="{esc(v)}"' for k, v in attrs.items() if v is not None) + ">"

    def close(self) -> str:
        return f"</{self.tag}>"


LAYER_SECTION, LAYER_CLAIM, LAYER_ENTITY, LAYER_CORRECTION = 0, 1, 2, 3


def markup(text: str, spans: list[Span], anchors: dict[int, list[str]] | None = None) -> str:
    """The text as escaped HTML with the spans as properly nested tags.

    Spans may overlap in any way: where they do, the inner one is closed and reopened (the
    reopened part carries ``data-continued`` and no id, so every id stays unique). ``anchors``:
    HTML inserted at an offset (zero-width marks such as deleted characters).
    """
    anchors = anchors or {}
    n = len(text)
    spans = [s for s in spans if s.start is not None and s.end is not None and 0 <= s.start < s.end <= n]
    for i, s in enumerate(spans):
        s.seq = i
    order = {id(s): (s.layer, s.start, -s.end, s.seq) for s in spans}
    points = sorted({0, n, *(s.start for s in spans), *(s.end for s in spans), *(p for p in anchors if 0 <= p <= n)})
    by_start = defaultdict(list)
    for s in spans:
        by_start[s.start].append(s)
    active: list[Span] = []
    stack: list[Span] = []
    opened: set[int] = set()
    out: list[str] = []
    for a, b in zip(points, points[1:] + [None]):
        active = [s for s in active if s.end > a] + by_start.get(a, [])
        active.sort(key=lambda s: order[id(s)])
        k = 0
        while k < len(stack) and k < len(active) and stack[k] is active[k]:
            k += 1
        for s in reversed(stack[k:]):
            if s.end == a:
                out.append(s.suffix)
            out.append(s.close())
        stack = stack[:k]
        out.extend(anchors.get(a, []))
        if b is None:
            break
        for s in active[k:]:
            out.append(s.open(id(s) not in opened))
            opened.add(id(s))
            stack.append(s)
        out.append(esc(text[a:b]))
    for s in reversed(stack):
        out.append(s.close())
    return "".join(out)


# -- the site -------------------------------------------------------------------------------------
def _count_by(rows: list[dict], key: str) -> Counter:
    return Counter(r.get(key) for r in rows)


def _sort_key_meeting(m: dict):
    d = m.get("date")
    return (d is None, str(d) if d is not None else "", m.get("body") or "", m.get("meeting_id"))


def _fmt_date(m: dict) -> str:
    d = m.get("date")
    if d is not None:
        return esc(d.isoformat() if hasattr(d, "isoformat") else d)
    return f'<span class="muted">{esc(m.get("date_text")) or "–"}</span>'


MANIFEST = ".minutes-report.json"  # the files a report wrote: the only ones a later report replaces or removes
SITE_TITLE = "Mötesprotokoll – granskning"


def _previous_files(out_dir: Path) -> set[str]:
    """The files an earlier report wrote to ``out_dir``; a folder holding anything else is refused
    (a report never deletes or overwrites what it did not write)."""
    manifest = out_dir / MANIFEST
    if manifest.is_file():
        try:
            files = json.loads(manifest.read_text(encoding="utf-8")).get("files", [])
            return {f for f in files if isinstance(f, str) and not Path(f).is_absolute() and ".." not in Path(f).parts}
        except (OSError, ValueError, AttributeError):
            return set()
    if not out_dir.is_dir() or not any(p.is_file() or p.is_symlink() for p in out_dir.rglob("*")):
        return set()
    index = out_dir / "index.html"
    if index.is_file() and SITE_TITLE in index.read_text(encoding="utf-8", errors="replace"):
        return set()  # a site of a version that kept no manifest: its pages are overwritten, nothing removed
    raise FileExistsError(f"{out_dir} is not empty and holds no review site of minutes report: "
                          f"choose an empty or new folder (nothing was written)")


def build_site(data_dir: str | Path, out_dir: str | Path) -> dict:
    """Write the review site for the dataset in ``data_dir`` to ``out_dir``; returns counts and the
    path of index.html. Files in ``out_dir`` that an earlier report did not write are left alone."""
    data_dir, out_dir = Path(data_dir), Path(out_dir)
    rows = read_rows(data_dir)
    if "documents" not in rows:
        raise FileNotFoundError(f"no documents table in {data_dir}")
    previous = _previous_files(out_dir)
    documents = rows["documents"]
    meetings = rows.get("meetings", [])
    docs = {d["doc_id"]: d for d in documents}
    per_meeting = {name: defaultdict(list) for name in ("attendees", "sections", "entities", "decisions",
                                                        "action_items", "person_mentions")}
    for name, index in per_meeting.items():
        for r in rows.get(name, []):
            index[r["meeting_id"]].append(r)
    corrections = defaultdict(list)
    for c in rows.get("corrections", []):
        corrections[c["doc_id"]].append(c)
    persons = {p["person_id"]: p for p in rows.get("persons", [])}

    from pipeline.products import report_nav  # the index, body and person pages build on this module's helpers

    (out_dir / "meetings").mkdir(parents=True, exist_ok=True)
    written = {"style.css", "index.html"}
    (out_dir / "style.css").write_text(CSS, encoding="utf-8")
    links = report_nav.Links(sorted(meetings, key=_sort_key_meeting), set(persons))
    listing = []
    for m in links.order:
        mid = m["meeting_id"]
        doc = docs.get(m["doc_id"], {})
        parts = {name: per_meeting[name].get(mid, []) for name in per_meeting}
        corr = corrections.get(m["doc_id"], [])
        (out_dir / meeting_href(mid)).write_text(_meeting_page(m, doc, parts, corr, persons, links),
                                                 encoding="utf-8")
        written.add(meeting_href(mid))
        counts = {name: len(v) for name, v in parts.items()}
        counts["overridden"] = len(overridden_rows(m, parts))
        listing.append((m, doc, counts, len(corr)))
    written |= report_nav.write_nav_pages(out_dir, rows, listing, links)
    (out_dir / "index.html").write_text(report_nav.index_page(data_dir, documents, meetings, listing, bool(persons)),
                                        encoding="utf-8")
    for stale in previous - written:  # pages of meetings no longer in the data
        (out_dir / stale).unlink(missing_ok=True)
    (out_dir / MANIFEST).write_text(json.dumps({"files": sorted(written)}, indent=1), encoding="utf-8")
    return {"index": out_dir / "index.html", "meetings": len(listing),
            "failed_documents": sum(1 for d in documents if d.get("status") == "error"),
            "skipped_documents": sum(1 for d in documents if d.get("status") == "skipped")}


def _section_spans(text: str, sections: list[dict], spans: list[Span], anchors: dict[int, list[str]]) -> None:
    for s in sections:
        start = s.get("start_char")
        if start is None or not 0 <= start < len(text):
            continue
        line_end = text.find("\n", start)
        line_end = len(text) if line_end < 0 else line_end
        end = min(line_end, s.get("end_char") or line_end)
        if end > start:
            spans.append(Span(start, end, LAYER_SECTION, "span",
                              {"id": f"s-{s.get('ordinal')}", "class": "section-title", "role": "heading",
                               "aria-level": "3"}))
        else:
            anchors[start].append(f'<a id="s-{esc(s.get("ordinal"))}"></a>')


def _claim_and_entity_spans(decisions: list[dict], actions: list[dict], entities: list[dict],
                            spans: list[Span]) -> None:
    for i, d in enumerate(decisions, 1):
        spans.append(Span(d.get("start_char"), d.get("end_char"), LAYER_CLAIM, "mark",
                          {"id": f"d-{i}", "class": "decision", "data-kind": d.get("kind"),
                           "data-overridden": "1" if d.get("overridden") else None,
                           "title": f"Beslut {i} ({d.get('kind')}): ”{d.get('cue')}”"
                                    + (" · handrättad" if d.get("overridden") else "")}))
    for i, a in enumerate(actions, 1):
        who = ", ".join(a.get("assignees_resolved") or a.get("assignees") or [])
        spans.append(Span(a.get("start_char"), a.get("end_char"), LAYER_CLAIM, "mark",
                          {"id": f"a-{i}", "class": "action", "data-overridden": "1" if a.get("overridden") else None,
                           "title": f"Åtgärd {i}: {who or 'ingen ansvarig'}"
                                    + (f" · {a.get('due_text')}" if a.get("due_text") else "")
                                    + (" · handrättad" if a.get("overridden") else "")}))
    for i, e in enumerate(entities, 1):
        label = e.get("label") or "?"
        tip = label + (f" → {e['normalized']}" if e.get("normalized") else "") + f" ({e.get('source')})" \
            + (" · handrättad" if e.get("overridden") else "")
        spans.append(Span(e.get("start_char"), e.get("end_char"), LAYER_ENTITY, "mark",
                          {"id": f"e-{i}", "class": f"ent ent-{label}", "data-label": label, "title": tip,
                           "data-overridden": "1" if e.get("overridden") else None},
                          suffix=f'<span class="ent-label">{esc(label)}</span>'))


def _correction_spans(aligned, spans: list[Span], anchors: dict[int, list[str]]) -> None:
    for i, a in enumerate(aligned, 1):
        tip = f"OCR-rättelse: ”{a.original}” → ”{a.replacement}”"
        if a.end > a.start:
            spans.append(Span(a.start, a.end, LAYER_CORRECTION, "span",
                              {"id": f"c-{i}", "class": "corr", "title": tip}))
        else:
            anchors[a.start].append(f'<span id="c-{i}" class="corr corr-deleted" title="{esc(tip)}"></span>')


def _header(m: dict, doc: dict, title: str, links=None) -> list[str]:
    body_href = f"../{links.body(m)}" if links else None
    body = ['<nav><a href="../index.html">← Alla möten</a></nav>', links.pager(m) if links else "",
            f'<h1 id="top">{esc(title)}{_overridden_tag(m)}</h1>',
            '<p class="meta">'
            + " · ".join(x for x in (
                f"Organ: <strong>{_link(m.get('body'), body_href)}</strong>" if m.get("body") else "",
                f"Datum: {_fmt_date(m)}",
                f"Plats: {esc(m.get('place'))}" if m.get("place") else "",
                f"Protokollförare: {esc(m.get('author'))}" if m.get("author") else "",
                f"Fil: <code>{esc(doc.get('source_path'))}</code>",
                f"doc_id <code>{esc(m.get('doc_id'))}</code>",
                "OCR" if doc.get("ocr") else "") if x) + "</p>"]
    if doc.get("warnings"):
        body.append("<p class=\"error\">Varningar: " + esc("; ".join(doc["warnings"])) + "</p>")
    body.append('<nav class="toc"><a href="#text">Text</a><a href="#decisions">Beslut</a>'
                '<a href="#actions">Åtgärder</a><a href="#attendees">Närvarande</a><a href="#persons">Personer</a>'
                '<a href="#corrections">OCR-rättelser</a></nav>')
    return body


def _claims_side(sections: list[dict], decisions: list[dict], actions: list[dict]) -> list[str]:
    side: list[str] = []
    if sections:
        side += ["<h2 id=\"sections\">Dagordning</h2><ol>",
                 *(f'<li{_li_class(s)}><a href="#s-{esc(s.get("ordinal"))}">{esc(s.get("title"))}</a>'
                   f"{_overridden_tag(s)}</li>" for s in sections),
                 "</ol>"]
    side.append(f'<h2 id="decisions">Beslut ({len(decisions)})</h2>')
    if decisions:
        side.append('<ol class="decisions">')
        for i, d in enumerate(decisions, 1):
            side.append(f'<li{_li_class(d)}><a href="#d-{i}">{esc(d.get("text"))}</a> '
                        f'<span class="tag">{esc(d.get("kind"))}</span>{_overridden_tag(d)}'
                        f' <span class="muted">”{esc(d.get("cue"))}”</span></li>')
        side.append("</ol>")
    else:
        side.append('<p class="muted">Inga beslut hittades.</p>')
    side.append(f'<h2 id="actions">Åtgärder ({len(actions)})</h2>')
    if actions:
        side.append('<ol class="actions">')
        for i, a in enumerate(actions, 1):
            who = a.get("assignees_resolved") or a.get("assignees") or []
            due = a.get("due_date")
            when = esc(a.get("due_text")) + (f" ({esc(due)})" if due else "")
            side.append(f'<li{_li_class(a)}><a href="#a-{i}">{esc(a.get("text"))}</a>{_overridden_tag(a)}'
                        f'<br><span class="who">Vem: {esc(", ".join(who)) or "–"}</span>'
                        + (f' · <span class="when">När: {when}</span>' if when else "") + "</li>")
        side.append("</ol>")
    else:
        side.append('<p class="muted">Inga åtgärder hittades.</p>')
    return side


def _link(text, href: str | None) -> str:
    return f'<a href="{esc(href)}">{esc(text)}</a>' if href else esc(text)


def _people_side(attendees: list[dict], mentions: list[dict], persons: dict[str, dict], links=None) -> list[str]:
    """The attendee list, and the people the archive pass linked in this meeting (person_mentions):
    one line per person, with the forms the minutes use for them here."""
    side = [f'<h2 id="attendees">Närvarande ({len(attendees)})</h2>']
    if attendees:
        side.append('<table class="attendees"><thead><tr><th>Namn</th><th>Organisation</th><th>Roll</th>'
                    "<th>Närv.</th></tr></thead><tbody>")
        for i, a in enumerate(_page_order("attendees", attendees), 1):
            present = {True: "ja", False: "nej"}.get(a.get("present"), "")
            href = links.person(a.get("person_id")) if links else None
            side.append(f'<tr id="n-{i}"{_li_class(a)}><td>{_link(a.get("name"), href)}{_overridden_tag(a)}</td>'
                        f"<td>{esc(a.get('organisation'))}</td><td>{esc(a.get('role'))}</td><td>{present}</td></tr>")
        side.append("</tbody></table>")
    else:
        side.append('<p class="muted">Ingen närvarolista.</p>')
    forms: dict[str, Counter] = defaultdict(Counter)
    for r in mentions:
        forms[r.get("person_id")][r.get("text")] += 1
    side.append(f'<h2 id="persons">Personer ({len(forms)})</h2>')
    if forms:
        side.append('<ul class="persons">')
        for pid, used in sorted(forms.items(), key=lambda kv: (-sum(kv[1].values()), str(kv[0]))):
            person = persons.get(pid, {})
            side.append(f'<li data-person="{esc(pid)}"{_li_class(person)}>'
                        f'{_link(person.get("name") or next(iter(used)), links.person(pid) if links else None)}'
                        f"{_overridden_tag(person)}"
                        f' <span class="muted">({esc(", ".join(sorted(used)))}; {sum(used.values())} omnämnanden)'
                        f"</span></li>")
        side.append("</ul>")
    return side


def overridden_rows(m: dict, parts: dict[str, list[dict]]) -> list[tuple[str, str, str]]:
    """(what, text, anchor) of every row of the meeting a hand correction changed or added, in the
    order and numbering of the meeting page (its lists are sorted as here)."""
    out = [("möte", m.get("body") or m.get("meeting_id"), "#top")] if m.get("overridden") else []
    order = (("sections", "avsnitt", "s-", "title"), ("attendees", "närvarande", "n-", "name"),
             ("decisions", "beslut", "d-", "text"), ("action_items", "åtgärd", "a-", "text"),
             ("entities", "entitet", "e-", "text"))
    for table, what, prefix, col in order:
        for i, r in enumerate(_page_order(table, parts.get(table, [])), 1):
            if r.get("overridden"):
                anchor = f"#s-{r.get('ordinal')}" if table == "sections" else f"#{prefix}{i}"
                out.append((what, r.get(col) or r.get("organisation") or "", anchor))
    return out


def _page_order(table: str, rows: list[dict]) -> list[dict]:
    """The rows of a table in the order the meeting page numbers them."""
    if table == "sections":
        return sorted(rows, key=lambda s: (s.get("ordinal") or 0, s.get("start_char") or 0))
    if table == "entities":
        return sorted(rows, key=lambda e: (e.get("start_char") or 0, -(e.get("end_char") or 0)))
    return sorted(rows, key=lambda r: (r.get("start_char") or 0))


def _overrides_side(rows: list[tuple[str, str, str]]) -> list[str]:
    if not rows:
        return []
    return [f'<h2 id="overrides">Rättat för hand ({len(rows)})</h2>', '<ul class="overrides">',
            *(f'<li><span class="tag overridden">{esc(what)}</span> <a href="{esc(anchor)}">{esc(text)}</a></li>'
              for what, text, anchor in rows), "</ul>"]


def _corrections_table(aligned, corrections: list[dict]) -> list[str]:
    body = [f'<h2 id="corrections">OCR-rättelser ({len(corrections)})</h2>']
    corr_meta = {(c["start_char"], c.get("original")): c for c in corrections}
    if aligned:
        body.append('<table class="corrections"><thead><tr><th>#</th><th>Original</th><th>Rättat</th>'
                    "<th>Metod</th><th>Poäng</th><th>Position (text_raw)</th></tr></thead><tbody>")
        for i, a in enumerate(aligned, 1):
            c = corr_meta.get((a.raw_start, a.original), {})
            score = c.get("score")
            body.append(f'<tr><td><a href="#c-{i}">{i}</a></td><td><span class="del">{esc(a.original)}</span></td>'
                        f'<td><span class="ins">{esc(a.replacement)}</span></td><td>{esc(c.get("method"))}</td>'
                        f'<td class="num">{"" if score is None else f"{score:.2f}"}</td>'
                        f'<td class="num">{a.raw_start}</td></tr>')
        body.append("</tbody></table>")
    elif corrections:
        body.append('<p class="error">Rättelserna stämmer inte mot text_raw och visas inte i texten.</p>')
    else:
        body.append('<p class="muted">Texten behövde inga rättelser.</p>')
    return body


def _meeting_page(m: dict, doc: dict, parts: dict[str, list[dict]], corrections: list[dict],
                  persons: dict[str, dict] | None = None, links=None) -> str:
    """``links`` (report_nav.Links): previous/next meetings and the body and person pages to link to."""
    text = doc.get("text") or ""
    title = " ".join(x for x in (m.get("body"), m.get("date_text")) if x) or m["meeting_id"]
    spans: list[Span] = []
    anchors: dict[int, list[str]] = defaultdict(list)
    sections, decisions, actions, entities = (_page_order(t, parts[t]) for t in
                                              ("sections", "decisions", "action_items", "entities"))
    aligned = align_corrections(doc.get("text_raw"), corrections)
    _section_spans(text, sections, spans, anchors)
    _claim_and_entity_spans(decisions, actions, entities, spans)
    _correction_spans(aligned, spans, anchors)
    side = _overrides_side(overridden_rows(m, parts))
    side += _claims_side(sections, decisions, actions)
    side += _people_side(parts["attendees"], parts.get("person_mentions", []), persons or {}, links)
    counts = Counter(e.get("label") for e in entities)
    legend = ('<p class="legend">'
              + " &nbsp; ".join(f'<span class="ent ent-{esc(label)}">{esc(LABEL_NAMES.get(label, label))}'
                                f'<span class="ent-label">{esc(label)}</span></span>&nbsp;×{n}'
                                for label, n in sorted(counts.items(), key=lambda kv: str(kv[0])))
              + ' · <mark class="decision">beslut</mark> <mark class="action">åtgärd</mark>'
                ' <span class="corr">OCR-rättat ord</span></p>')
    body = _header(m, doc, title, links)
    body += ['<div class="layout">',
             f'<main><h2 id="text">Text</h2>{legend}<div class="text" lang="sv">'
             f'{markup(text, spans, anchors)}</div></main>',
             '<aside>', *side, "</aside>", "</div>"]
    body += _corrections_table(aligned, corrections)
    return _page(title, "\n".join(body), "../style.css")


__all__ = ["Span", "build_site", "esc", "markup"]
