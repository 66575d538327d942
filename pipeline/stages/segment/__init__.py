"""Segment minutes: meeting metadata (body, date, place, author), attendee blocks and agenda sections.

Works on the line structure that informal notes and formal protocols share: a title line,
labelled blocks ('Närvarande', 'Plats och tid:'), standalone heading lines, numbered and
§-numbered items, and a closing signature. Inputs: the document text; outputs: rows of
the meetings, attendees and sections tables.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from pipeline.contract.record import MinutesRecord
from pipeline.contract.stage import Budget, StageSpec
from pipeline.lang.dates import find_dates

# --- vocabulary: block headings, labels and signatures --------------------------------------

# attendee block heading -> (role given to its members, present)
ATTENDEE_HEADINGS: dict[str, tuple[str | None, bool]] = {
    "närvarande": ("närvarande", True),
    "närvarande ledamöter": ("ledamot", True),
    "deltagare": ("deltagare", True),
    "mötesdeltagare": ("deltagare", True),
    "fasta ledamöter": ("ledamot", True),
    "ordinarie ledamöter": ("ledamot", True),
    "ledamöter": ("ledamot", True),
    "beslutande": ("beslutande", True),
    "beslutande ledamöter": ("ledamot", True),
    "tjänstgörande ersättare": ("ersättare", True),
    "ersättare": ("ersättare", True),
    "närvarande ersättare": ("ersättare", True),
    "icke tjänstgörande ersättare": ("ersättare", True),
    "övriga närvarande": ("övrig", True),
    "övriga deltagare": ("övrig", True),
    "övriga deltagande": ("övrig", True),
    "övriga": ("övrig", True),
    "även närvarande": ("övrig", True),
    "närvarande tjänstemän": ("tjänsteman", True),
    "närvarande tjänstepersoner": ("tjänsteman", True),
    "tjänstemän": ("tjänsteman", True),
    "tjänstepersoner": ("tjänsteman", True),
    "adjungerade": ("adjungerad", True),
    "gäster": ("gäst", True),
    "frånvarande": (None, False),
    "anmält förhinder": (None, False),
    "förhinder": (None, False),
}
_ATTENDEE_HEADING = re.compile(
    r"^(?P<head>" + "|".join(sorted(map(re.escape, ATTENDEE_HEADINGS), key=len, reverse=True))
    + r")\s*(?::\s*(?P<rest>.*))?$", re.IGNORECASE)

# roles written after a name: '(ordf.)', ', sekreterare'
ROLE_WORDS = {
    "ordf": "ordförande", "ordförande": "ordförande", "vice ordförande": "vice ordförande",
    "v ordf": "vice ordförande", "sekr": "sekreterare", "sekreterare": "sekreterare",
    "justerare": "justerare", "ers": "ersättare", "ersättare": "ersättare", "ledamot": "ledamot",
    "adjungerad": "adjungerad", "mötesordförande": "ordförande", "mötessekreterare": "sekreterare",
    "protokollförare": "sekreterare", "kassör": "kassör", "gäst": "gäst",
}
# a job title written after a name ('Helena Sund, förvaltningschef'): a role, not an organisation
JOB_TITLE = re.compile(r"^(?:(?:bitr(?:ädande)?|biträdande|t\.f\.|tf|vice)\s+)?[a-zåäö-]*(?:chef|direktör|sekreterare|"
                       r"handläggare|samordnare|strateg|utvecklare|controller|ekonom|jurist|registrator|"
                       r"kurator|socionom|sjuksköterska|utredare|ombud|representant|assistent|"
                       r"ordförande|föredragande|konsult|projektledare|verksamhetsledare|enhetschef)$")
ABSENT_MARKS = re.compile(r"\b(ej\s+närvarande|ej\s+närv|frånvarande|förhindrad|anmält\s+förhinder|"
                          r"deltog\s+ej|ej\s+med|inte\s+närvarande)\b", re.IGNORECASE)
PARTIES = {"S", "M", "V", "C", "L", "KD", "MP", "SD", "FP"}

# words that begin a title line without naming the body
TITLE_PREFIX = re.compile(
    r"^(?:(?:justerat\s+)?protokoll(?:\s+(?:fört|förd|från|vid|för|över))*|minnesanteckningar(?:\s+(?:från|vid|för))*|"
    r"mötesanteckningar(?:\s+(?:från|vid|för))*|anteckningar(?:\s+(?:från|vid|för))*|"
    r"dagordning(?:\s+(?:för|till))*|sammanträde(?:\s+(?:med|i))*|möte(?:\s+(?:med|i))*|kallelse(?:\s+till)*)\b[\s:,–-]*",
    re.IGNORECASE)
GENERIC_TITLES = re.compile(r"^(protokoll|minnesanteckningar|mötesanteckningar|anteckningar|dagordning|"
                            r"kallelse|sammanträdesprotokoll|justerat protokoll)$", re.IGNORECASE)
META_LABEL = re.compile(r"^(?P<label>sammanträdesdatum|mötesdatum|datum|tid|plats och tid|tid och plats|"
                        r"plats|lokal|mötesplats|sammanträdesplats)\s*:?\s*(?P<value>.*)$", re.IGNORECASE)

# protocol labels with their value on the same line: metadata, not agenda items
PROTOCOL_LABEL = re.compile(r"^(?:justerare|justerande|justering|justeringens\s+plats\s+och\s+tid|"
                            r"utses\s+att\s+justera|"
                            r"paragrafer|underskrifter|ordförande|sekreterare|diarienummer|dnr|"
                            r"anslag|anslaget|protokollet\s+förvaras)\s*:?\s+\S", re.IGNORECASE)

# the closing: who wrote the minutes
AUTHOR_LABEL = re.compile(r"^(?:vid\s+pennan|vid\s+protokollet|sekreterare|mötessekreterare|protokollförare|"
                          r"antecknat\s+av|antecknare|anteckningar|minnesanteckningar)(?:\s*(?:vid|av))?"
                          r"\s*[:.\-–]*\s*(?P<name>.*)$", re.IGNORECASE)
SIGNATURE = re.compile(r"^/\s*(?P<name>[A-ZÅÄÖÉ][\w'.-]*(?:\s+[A-ZÅÄÖÉ][\w'.-]*){0,3})\s*$")

# item labels inside a section that are not agenda items
BULLET = re.compile(r"^\s*(?:[-–—*•·▪●○◦]|e(?=\s+\S))\s+")
NUMBERED = re.compile(r"^(?P<num>(?:§\s*\d+[a-z]?|\d{1,2}(?:\.\d{1,2})*)[.)]?)\s+(?P<title>\S.*)$")
PARAGRAPH_SIGN = re.compile(r"^(?P<num>\d{1,3}\s*§|§\s*\d+[a-z]?)[.:]?\s*(?P<title>.*)$")
MARKUP_HEADING = re.compile(r"^(?P<marks>#{1,6}|\*{1,4}(?=\s))\s+(?P<title>\S.*?)\s*#*$")
_NAME_TOKEN = r"[A-ZÅÄÖÉÜ][a-zåäöéüèáíóúøæß'’-]+(?:-[A-ZÅÄÖ][a-zåäöéü]+)?"
_NAME = re.compile(r"^(?:" + _NAME_TOKEN + r")(?:\s+(?:(?:von|af|av|de|van|der|den|da|di|la|le|el|al|bin|ibn)\s+)?"
                   + _NAME_TOKEN + r"){1,3}$")
_INITIAL_NAME = re.compile(r"^(?:[A-ZÅÄÖ]\.\s*)+" + _NAME_TOKEN + r"$")
_EMAIL_OR_URL = re.compile(r"\S+@\S+|https?://|www\.")
_SENTENCE_END = re.compile(r"[.!?;,]$")


@dataclass
class Segmentation:
    meeting: dict
    attendees: list[dict] = field(default_factory=list)
    sections: list[dict] = field(default_factory=list)


@dataclass
class _Line:
    no: int          # 0-based line number
    start: int       # offset of the first non-space character
    end: int         # offset after the last non-space character
    text: str        # stripped line

    @property
    def blank(self) -> bool:
        return not self.text


def _lines(text: str) -> list[_Line]:
    out, pos = [], 0
    for no, raw in enumerate(text.split("\n")):
        stripped = raw.strip()
        lead = len(raw) - len(raw.lstrip())
        out.append(_Line(no, pos + lead, pos + lead + len(stripped), stripped))
        pos += len(raw) + 1
    return out


def _clean_trailing(s: str) -> str:
    return s.rstrip(" \t\"'”’»)]*_")


def is_person_name(s: str) -> bool:
    """A full personal name as minutes write it: 'Ia Jonsson', 'Anna-Karin af Ekström', 'B. Svensson'."""
    s = s.strip()
    return bool(_NAME.match(s) or _INITIAL_NAME.match(s)) and len(s) <= 50


# --- the title line and meeting metadata ---------------------------------------------------

def _title(lines: list[_Line]) -> tuple[_Line | None, int]:
    """The title line and the index of the line after the title block."""
    content = [ln for ln in lines if not ln.blank]
    if not content:
        return None, 0
    first = content[0]
    if _attendee_heading(first.text) or NUMBERED.match(first.text) or PARAGRAPH_SIGN.match(first.text):
        return None, first.no
    return first, first.no + 1


def _strip_markup(s: str) -> str:
    m = MARKUP_HEADING.match(s)
    return m.group("title") if m else s


def _body_from(s: str, date_span: tuple[int, int] | None) -> str:
    if date_span:
        s = (s[:date_span[0]] + " " + s[date_span[1]:])
    s = re.sub(r"\b(?:den|kl\.?|klockan)\s*$", "", s.strip(), flags=re.IGNORECASE)
    s = TITLE_PREFIX.sub("", s.strip())
    s = re.sub(r"\s+", " ", s)
    return s.strip(" \t,;:–—-|/()")


def _meeting_metadata(lines: list[_Line], text: str) -> dict:
    title, after = _title(lines)
    body = date_text = place = None
    date_value = None
    title_text = title.text if title else None
    head = [ln for ln in lines[: after + 12] if not ln.blank]
    if title:
        title_text = _strip_markup(title.text)
        dates = [m for m in find_dates(title_text) if m.label == "DATE"]
        if dates:
            d = dates[0]
            date_text, date_value = d.text, d.normalized
            body = _body_from(title_text, (d.start, d.end))
        else:
            body = _body_from(title_text, None)
        if GENERIC_TITLES.match(body or "") or not body:
            # 'PROTOKOLL' over 'Socialnämnden': the next short line names the body
            nxt = next((ln for ln in head if ln.no > title.no and not META_LABEL.match(ln.text)
                        and not _attendee_heading(ln.text) and len(ln.text) <= 80), None)
            if nxt is not None:
                nd = [m for m in find_dates(_strip_markup(nxt.text)) if m.label == "DATE"]
                body = _body_from(_strip_markup(nxt.text), (nd[0].start, nd[0].end) if nd else None) or body
                if not date_text and nd:
                    date_text, date_value = nd[0].text, nd[0].normalized
    for ln in head:
        m = META_LABEL.match(ln.text)
        if not m:
            continue
        label, value = m.group("label").lower(), m.group("value").strip()
        if label in ("sammanträdesdatum", "mötesdatum", "datum", "tid", "plats och tid", "tid och plats") \
                and not date_text:
            nd = [d for d in find_dates(value) if d.label == "DATE"]
            if nd:
                date_text, date_value = nd[0].text, nd[0].normalized
        if label.startswith("plats") or label in ("lokal", "mötesplats", "sammanträdesplats", "tid och plats"):
            place_value = value
            for d in find_dates(value):
                place_value = place_value.replace(d.text, " ")
            place_value = re.sub(r"\b(?:kl\.?|klockan)\s*[\d.:\s–-]*", " ", place_value, flags=re.IGNORECASE)
            place = re.sub(r"\s+", " ", place_value).strip(" ,;–-") or None
    if not date_text:
        for ln in head:
            nd = [d for d in find_dates(ln.text) if d.label == "DATE" and d.normalized and len(d.normalized) >= 10]
            if nd:
                date_text, date_value = nd[0].text, nd[0].normalized
                break
    import datetime as dt
    date = dt.date.fromisoformat(date_value[:10]) if date_value and len(date_value) >= 10 else None
    return {"body": body or None, "date": date, "date_text": date_text, "place": place, "title": title_text,
            "title_start_char": title.start if title else None, "_title_line": title.no if title else None}


# --- attendees -----------------------------------------------------------------------------

def _attendee_heading(text: str) -> re.Match | None:
    """'Närvarande', 'Närvarande:', '## Närvarande:', '**Ledamöter:** Anna Ek, ...'."""
    return _ATTENDEE_HEADING.match(_strip_markup(text).replace("**", "").strip())


def _parse_attendee(item: str, role: str | None, present: bool) -> dict | None:
    """'Per Norbeck, Bryggan (ej närvarande)' -> name, organisation, role, present."""
    s = item.strip().strip(";").strip()
    if not s:
        return None
    if ABSENT_MARKS.search(s):
        present = False
    notes = re.findall(r"\(([^)]*)\)", s)
    s = re.sub(r"\s*\([^)]*\)", "", s).strip(" ,;")
    organisation = None
    for note in notes:
        n = note.strip()
        key = n.lower().rstrip(".").strip()
        if key in ROLE_WORDS:
            role = ROLE_WORDS[key]
        elif n.upper() in PARTIES:
            organisation = n
        elif not ABSENT_MARKS.search(n) and not re.search(r"§|\d", n):
            organisation = organisation or n
    parts = [p.strip() for p in re.split(r"\s*(?:,|\s[–—-]\s|\t+|\s{3,})\s*", s) if p.strip()]
    if not parts:
        return None
    name = parts[0]
    for extra in parts[1:]:
        key = extra.lower().rstrip(".").strip()
        if key in ROLE_WORDS:
            role = ROLE_WORDS[key]
        elif JOB_TITLE.match(extra):  # lower-case job titles only: 'Socialförvaltningen' stays an organisation
            role = extra
        elif organisation is None:
            organisation = extra
        else:
            organisation = f"{organisation}, {extra}"
    if not is_person_name(name):
        return None
    return {"name": name, "organisation": organisation, "role": role, "present": present}


def _split_inline(rest: str) -> list[str]:
    """An inline list: 'Anna Ek (S), Bo Berg och Kim Lind' or 'Per Nord, Bryggan; Bo Ek, Ria'."""
    if ";" in rest:
        return [p for p in rest.split(";") if p.strip()]
    items = re.split(r",\s*|\s+och\s+|\s+samt\s+", rest)
    return [p for p in items if p.strip()]


def _attendee_blocks(lines: list[_Line], meeting_id: str) -> tuple[list[dict], list[tuple[int, int]]]:
    """Attendee rows and the (first, last) line numbers of each block, heading included."""
    rows, blocks = [], []
    i = 0
    while i < len(lines):
        m = _attendee_heading(lines[i].text)
        if not m:
            i += 1
            continue
        role, present = ATTENDEE_HEADINGS[m.group("head").lower()]
        first = last = i
        block_rows = []
        rest = (m.group("rest") or "").strip()
        if rest:
            for item in _split_inline(rest):
                a = _parse_attendee(item, role, present)
                if a:
                    block_rows.append({**a, "start_char": lines[i].start, "end_char": lines[i].end})
        j = i + 1
        while j < len(lines):
            ln = lines[j]
            if ln.blank:
                j += 1
                continue
            if _attendee_heading(ln.text):
                break
            parsed = _parse_attendee_line(BULLET.sub("", ln.text), role, present)
            if not parsed:
                break
            for a in parsed:
                block_rows.append({**a, "start_char": ln.start, "end_char": ln.end})
            last = j
            j += 1
        if block_rows or rest == "":
            if block_rows:
                rows.extend({"meeting_id": meeting_id, **r} for r in block_rows)
                blocks.append((first, last))
        i = last + 1 if last > i else i + 1
    return rows, blocks


def _parse_attendee_line(text: str, role: str | None, present: bool) -> list[dict]:
    """One line of a block: 'Per Norbeck, Bryggan' is one attendee with an organisation;
    'Anna Ek, Bo Berg och Kim Lind' is a list of names. Empty when the line is no attendee line."""
    bare = re.sub(r"\([^)]*\)", "", text)
    if bare.count(",") >= 2 or " och " in bare or " samt " in bare:
        listed = [_parse_attendee(it, role, present) for it in _split_inline(text)]
        if listed and all(a and a["organisation"] is None for a in listed):
            return listed
    single = _parse_attendee(text, role, present)
    return [single] if single else []


# --- the author ----------------------------------------------------------------------------

def _author(lines: list[_Line], attendees: list[dict]) -> tuple[str | None, int | None]:
    """Who wrote the minutes, and the line where the closing begins."""
    content = [ln for ln in lines if not ln.blank]
    tail = content[-6:]
    for k, ln in enumerate(tail):
        m = SIGNATURE.match(ln.text)
        if m:
            return m.group("name").strip(), ln.no
        m = AUTHOR_LABEL.match(ln.text)
        if m and len(ln.text) <= 80:
            name = m.group("name").strip(" .:_")
            if name and is_person_name(name.split(",")[0].strip()):
                return name.split(",")[0].strip(), ln.no
            if not name:
                nxt = next((x for x in tail[k + 1:] if not re.fullmatch(r"[._\s-]+", x.text)), None)
                if nxt and is_person_name(nxt.text.split(",")[0].strip()):
                    return nxt.text.split(",")[0].strip(), ln.no
    for a in attendees:
        if a.get("role") == "sekreterare":
            return a["name"], None
    return None, None


# --- sections ------------------------------------------------------------------------------

def _heading(ln: _Line, prev: _Line | None, nxt: _Line | None) -> tuple[str, str | None] | None:
    """(title, number) when the line is an agenda heading."""
    t = ln.text
    if not t or BULLET.match(t) or _EMAIL_OR_URL.search(t):
        return None
    m = MARKUP_HEADING.match(t)
    if m and m.group("marks").startswith("#"):
        return m.group("title"), None
    m = PARAGRAPH_SIGN.match(t)
    if m and m.group("title") and len(t) <= 120:
        return t, re.sub(r"\s+", " ", m.group("num"))
    m = NUMBERED.match(t)
    if m and not NUMBERED.match(t).group("num").startswith("§"):
        title = m.group("title")
        if (len(t) <= 100 and title[:1].isupper() and not _SENTENCE_END.search(_clean_trailing(t))
                and not re.match(r"^\d{1,2}\s+(?:" + "|".join(["januari", "februari", "mars", "april", "maj", "juni",
                                                             "juli", "augusti", "september", "oktober", "november",
                                                             "december"]) + r")\b", t, re.I)):
            return t, m.group("num").rstrip(".)")
        return None
    if m:  # '§ 12 Rubrik'
        return t, re.sub(r"\s+", " ", m.group("num").rstrip(".)"))
    if not (t[0].isupper() or t[0].isdigit()):
        return None
    if len(t) > 140 or _SENTENCE_END.search(_clean_trailing(t)) or t.endswith(":"):
        return None
    if re.fullmatch(r"[\d\s./-]+", t) or re.match(r"(?i)^(sida|page)\s+\d+", t) or PROTOCOL_LABEL.match(t):
        return None
    if [d for d in find_dates(t) if d.start == 0 and d.end >= len(t) - 1]:
        return None  # a date on its own line
    standalone_before = prev is None or prev.blank
    standalone_after = nxt is None or nxt.blank
    if standalone_before and standalone_after:
        return t, None
    if standalone_before and len(t) <= 50 and nxt is not None and not nxt.blank:
        return t, None  # a short heading directly followed by its text: 'Nästa möte\n14 december ...'
    return None


def _only_blocks_between(lines: list[_Line], first: int, last: int, in_block: set[int]) -> bool:
    return all(ln.blank or ln.no in in_block or _attendee_heading(ln.text) for ln in lines[first + 1:last])


def _sections(lines: list[_Line], text: str, meeting_id: str, skip: set[int],
              attendee_blocks: list[tuple[int, int]], end_of_body: int) -> list[dict]:
    heads: list[tuple[int, str, str | None]] = []
    block_starts = {first for first, _ in attendee_blocks}
    in_block = {n for first, last in attendee_blocks for n in range(first + 1, last + 1)}
    for idx, ln in enumerate(lines):
        if ln.no in skip or ln.no in in_block or ln.blank:
            continue
        if ln.no in block_starts:
            # consecutive blocks (Närvarande, Frånvarande, Ersättare) make one section
            if not (heads and heads[-1][2] == "attendees" and _only_blocks_between(lines, heads[-1][0], idx, in_block)):
                head = _attendee_heading(ln.text)
                title = ln.text if not head.group("rest") else ln.text[: ln.text.index(":") + 1]
                heads.append((idx, title, "attendees"))
            continue
        prev = lines[idx - 1] if idx > 0 else None
        nxt = lines[idx + 1] if idx + 1 < len(lines) else None
        h = _heading(ln, prev, nxt)
        if h:
            heads.append((idx, h[0], h[1]))
    rows = []
    heads = [(idx, title, None if number == "attendees" else number) for idx, title, number in heads]
    for k, (idx, title, number) in enumerate(heads):
        start = lines[idx].start
        end = lines[heads[k + 1][0]].start if k + 1 < len(heads) else end_of_body
        end = max(end, lines[idx].end)
        ordinal = k + 1
        rows.append({"meeting_id": meeting_id, "section_id": f"{meeting_id}-s{ordinal:03d}", "ordinal": ordinal,
                     "title": title.strip(), "number": number, "start_char": start, "end_char": end})
    return rows


# --- the stage -----------------------------------------------------------------------------

@dataclass(frozen=True)
class SegmentParams(Budget):
    """The segment stage has no parameters yet; the class makes an unknown key an error."""


def segment_document(doc_id: str, text: str, params: SegmentParams | dict | None = None,
                     blocks: list[dict] | None = None) -> Segmentation:
    """Meeting metadata, attendees and sections of one document's (repaired) text."""
    meeting_id = f"{doc_id}-1"
    lines = _lines(text)
    meta = _meeting_metadata(lines, text)
    attendees, blocks = _attendee_blocks(lines, meeting_id)
    author, closing_line = _author(lines, attendees)
    skip = set()
    if meta["_title_line"] is not None:
        skip.add(meta["_title_line"])
    for ln in lines[: (meta["_title_line"] or 0) + 12]:
        if META_LABEL.match(ln.text) and ":" in ln.text:
            skip.add(ln.no)
    end_of_body = len(text)
    if closing_line is not None:
        skip.update(range(closing_line, len(lines)))
        end_of_body = lines[closing_line].start
        # keep the section's end on the last text before the closing
        while end_of_body > 0 and text[end_of_body - 1] in " \t\n":
            end_of_body -= 1
    sections = _sections(lines, text, meeting_id, skip, blocks, end_of_body)
    meeting = {"meeting_id": meeting_id, "doc_id": doc_id, "body": meta["body"], "date": meta["date"],
               "date_text": meta["date_text"], "place": meta["place"], "author": author,
               "title": meta["title"], "title_start_char": meta["title_start_char"]}
    return Segmentation(meeting, attendees, sections)


def segment_stage(rec: MinutesRecord, params: SegmentParams) -> None:
    seg = segment_document(rec.document["doc_id"], rec.document["text"], params, rec.blocks)
    rec.meetings, rec.attendees, rec.sections = [seg.meeting], seg.attendees, seg.sections


STAGE = StageSpec(
    name="segment",
    params=SegmentParams,
    requires=("document.text", "blocks"),
    assigns=("meetings", "attendees", "sections", "blocks"),
    code=("pipeline/stages/segment",),
    run=segment_stage,
    description="meeting metadata, attendees and agenda sections",
)
