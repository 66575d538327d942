"""Meeting metadata: the title line, the body that met, the date (and where its year came from),
the place. The author is read in :mod:`pipeline.stages.segment.author`.

The body is the title without the document type, date and meeting type ('Protokoll fört vid
Socialnämndens sammanträde' → 'Socialnämndens'; 'KUNGSBACKA KOMMUN SAMMANTRÄDESPROTOKOLL' names
only the municipality, so the next line names the body). A date without a year takes its year
from the document's metadata, else from an ISO date in the file name or folder, else from the
years of the document's other dates; ``date_source`` says which (text, metadata, path, inferred).
"""
from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from pathlib import PurePath

from pipeline.lang.dates import find_dates
from pipeline.lang.protocol import FURNITURE, item_line
from pipeline.stages.segment.attendees import BULLET, heading_kind, strip_markup
from pipeline.stages.segment.lines import Line, split_lines

DOC_TYPES = (r"(?:justerat\s+|justerade\s+)?(?:sammanträdes|möte|styrelse|styrelsemötes|årsmötes|stämmo|extra\s+)?protokoll"
             r"(?:et)?(?:sutdrag)?|minnesanteckningar|mötesanteckningar|sammanträdesanteckningar|anteckningar|"
             r"dagordning|föredragningslista|kallelse|mötesprotokoll|protokollsutdrag|utdrag\s+ur\s+protokoll|"
             r"beslutsprotokoll|minnesanteckning|referat|mötesreferat|noteringar|sammanfattning")
TITLE_PREFIX = re.compile(r"^(?:" + DOC_TYPES + r")(?:\s+(?:nr\.?\s*)?\d{1,3}\b)?(?:\s+(?:fört|förd|förda|från|vid|för|över|"
                          r"med|i|till|avseende))*\b[\s:,–-]*", re.IGNORECASE)
_DOC_TYPE_ANYWHERE = re.compile(r"(?:^|\s)(?:" + DOC_TYPES + r")(?:\s+(?:från|vid|för|över))*(?=\s|$|[:,])", re.IGNORECASE)
# the kind of meeting, not the body: 'Gemensamt husrådsmöte', 'extra sammanträde', 'Möte med'
MEETING_TYPE = re.compile(r"(?:^|\s)(?:(?:gemensamt|gemensam|extra|ordinarie|konstituerande|extrainsatt|digitalt|"
                          r"fysiskt|årligt|ordinarie)\s+)?[\wåäö]*(?:möte|mötet|sammanträde|sammanträdet|stämma|"
                          r"stämman|träff|träffen|konferens)(?:\s+(?:nr\.?\s*)?\d{1,3}\b)?(?:\s+(?:med|för|i|hos|mellan))?"
                          r"(?=\s|$|[:,])", re.IGNORECASE)
_KEEP_MEETING_WORDS = re.compile(r"^(?:årsstämma|föreningsstämma|extrastämma|årsmöte|extra\s+årsmöte|"
                                 r"föreningsstämman|årsmötet)$", re.IGNORECASE)
MUNICIPALITY = re.compile(r"^(?:[A-ZÅÄÖ][\wåäöÅÄÖ-]+\s+)+(?:kommun|KOMMUN|stad|STAD|Stad|kommunkoncern)$|^Region\s+\S+$|"
                          r"^REGION\s+\S+$")
_PERIOD_SUFFIX = re.compile(r"\s*(?:(?:nr\.?\s*)?\d{1,2}/(?:19|20)\d{2}|(?:19|20)?\d{2}/(?:19|20)?\d{2}|(?:VT|HT|vt|ht)\s?(?:19|20)?\d{2}|"
                            r"(?:våren|hösten|sommaren|vintern)\s+(?:19|20)\d{2})$")
_SENTENCE = re.compile(r"[.!?]$")
_LABEL_LINE = re.compile(r"^(?:datum|sammanträdesdatum|mötesdatum|tid|tid och datum|datum och tid|plats|lokal|"
                         r"plats och tid|tid och plats|mötesplats|sammanträdesplats|närvarande|deltagare)\b", re.IGNORECASE)
# a label and its value; a one-word label ('Plats', 'Lokal', 'Tid') only before a colon, a gap or the end
# of the line ('Lokal samverkansgrupp för närvård' is a title)
META_LABEL = re.compile(r"^(?:(?P<label>sammanträdesdatum|mötesdatum|tid och datum|datum och tid|plats och tid|tid och plats|"
                        r"mötesplats|sammanträdesplats)(?![\wåäö])\s*:?\s*|(?P<short>datum|tid|plats|lokal)"
                        r"(?:\s*:\s*|\s{2,}|\t|$))(?P<value>.*)$", re.IGNORECASE)
# the document's type on a line of its own under the title (not 'Dagordning': there it heads the agenda)
GENERIC_TITLE = re.compile(r"^(?:(?:justerat\s+)?(?:sammanträdes|mötes)?protokoll|minnesanteckningar|mötesanteckningar|"
                           r"sammanträdesanteckningar|anteckningar|referat|noteringar)$", re.IGNORECASE)
BODY_NOUN = re.compile(r"(?:nämnd|styrelse|fullmäktige|utskott|revision|stämma|årsmöte|råd|rådet|kommitté|grupp|"
                        r"gruppen|sektion|direktion|beredning|forum|nätverk|förening|förbund|brf\b|samfällighet|"
                        r"kooperativ|klubb|kår\b|kåren)", re.IGNORECASE)
# a line that names the document's type and the kind of meeting ('Protokoll från styrelsemöte')
_TYPE_LINE = re.compile(r"^(?:protokoll|minnesanteckningar|anteckningar|mötesanteckningar|sammanträdesprotokoll)\s+"
                        r"(?:från|vid|fört\s+vid|för)\s+[^.:]{3,60}$", re.IGNORECASE)
_MEETING_WORD = re.compile(r"\b(?:möte|mötet|sammanträde|sammanträdet|träff|tid|datum|när)\b", re.IGNORECASE)
# a letterhead's authority or administration over the body that met ('E-hälsomyndigheten' over 'Referensgruppen …')
_AUTHORITY = re.compile(r"(?:myndigheten|verket|förvaltningen|kontoret|kansliet|departementet|inspektionen|"
                        r"styrelsen för\s.+|universitet|högskolan)$", re.IGNORECASE)
_MENU = re.compile(r"^[^|]{1,25}(?:\s*\|\s*[^|]{0,25}){2,}$")
ISO_IN_PATH = re.compile(r"(?<!\d)((?:19|20)\d\d)[-_.]?([01]\d)[-_.]?([0-3]\d)(?!\d)")
_MONTH_DAY_ANCHOR = dt.date(2000, 7, 1)   # a leap year: month and day of any date resolve against it


@dataclass
class Meta:
    title_line: Line | None = None
    title: str | None = None
    body: str | None = None
    body_from_title: bool = True   # False: read from a line under a title that names no body
    date: dt.date | None = None
    date_text: str | None = None
    date_source: str | None = None
    place: str | None = None
    month_day: tuple[int, int] | None = None
    used: set[int] = field(default_factory=set)


def is_title(text: str) -> bool:
    """A title line, not a sentence ('Den 10 oktober genomfördes ett gemensamt husrådsmöte …')."""
    s = strip_markup(text)
    words = s.split()
    if not s or len(words) > 16 or len(s) > 140 or FURNITURE.match(s) or not re.search(r"[^\W\d_]", s) \
            or s.startswith(("<!--", "+++", "---", "%", "\\")):
        return False  # not a comment, front matter fence or markup left by a reader
    if _SENTENCE.search(s) and len(words) > 5:
        return False
    dates = [d for d in find_dates(s) if d.label == "DATE"]
    return not (dates and dates[0].start == 0 and len(words) > 6)


def clean_body(text: str, date_span: tuple[int, int] | None = None) -> str | None:
    """The body named in a title: without the municipality of a letterhead, the document type, the
    date, time, page number and meeting type; of a breadcrumb ('Kommun › Råd › Tillgänglighetsrådet')
    the last part; of 'Kårstyrelsen, Studentkåren X' the board."""
    s = text
    if date_span:
        s = s[:date_span[0]] + " " + s[date_span[1]:]
    if re.search(r"\s[›»>]\s", s):
        s = re.split(r"\s[›»>]\s", s)[-1]
    for part in re.split(r"\s{3,}|\t|\s[·|•]\s", s):
        body = _clean_part(part)
        if body:
            return body
    return None


def _clean_part(text: str) -> str | None:
    s = re.sub(r"\b(?:våren|hösten|sommaren|vintern|vt|ht)\s*(?:19|20)?\d{2}\b", " ", text, flags=re.IGNORECASE)
    for d in reversed([d for d in find_dates(s) if d.label == "DATE"]):
        s = s[:d.start] + " " + s[d.end:]
    s = re.sub(r"\([^)]*(?:\d{4}|rev\b)[^)]*\)", " ", s)
    s = re.sub(r"\b(?:sida\s+)?\d+\s*(?:\(\s*\d+\s*\)?|av\s+\d+)", " ", s, flags=re.IGNORECASE)  # a page number
    s = re.sub(r"\b(?:sida|sid\.|blad)\s+\d+\b", " ", s, flags=re.IGNORECASE)   # 'Blad 1' of a typed protocol
    s = re.sub(r"\b(?:den|kl\.|kl|klockan)\b\s*(?:[\d.:–-]+\s*)*$", "", s.strip(), flags=re.IGNORECASE)
    s = TITLE_PREFIX.sub("", s.strip())
    s = re.sub(r"^(?:fört|förd|förda|hållet|hållen|hållna)\s+(?:vid|på|i|med)\s+", "", s, flags=re.IGNORECASE)
    s = _DOC_TYPE_ANYWHERE.sub(" ", s)
    if not _KEEP_MEETING_WORDS.match(s.strip()):
        s = MEETING_TYPE.sub(" ", s)
    s = re.sub(r"^\s*(?:nr\.?\s*)?(?:\d{2,4}/\d{2,4}:\d+|\d{1,3})\s+(?=\S)", "", s.strip())   # a meeting's number
    s = re.sub(r"^\s*nr\.?\s*\d+(?:/\d+)?\s*$", "", s.strip())
    s = _PERIOD_SUFFIX.sub("", re.sub(r"\s+", " ", s).strip())
    s = re.sub(r",?\s*org\.?\s*nr\.?\s*[\d-]+", "", s)   # the organisation number
    s = s.strip(" \t,;:–—-|/()·")
    if not s or MUNICIPALITY.match(s) or re.fullmatch(r"[\d\s./:-]*", s):
        return None
    first = s.split(",")[0].strip()
    if "," in s and MUNICIPALITY.match(first):
        return None   # a letterhead: 'Lindåsa kommun, socialförvaltningen'
    if "," in s and BODY_NOUN.search(first):
        return first  # 'Kårstyrelsen, Studentkåren Fjällhöjden'
    return s


def _first_date(text: str) -> tuple[object, str] | None:
    """The first date expression with at least a day and a month, and its text."""
    for d in find_dates(text, _MONTH_DAY_ANCHOR):
        if d.label == "DATE" and d.normalized and len(d.normalized) >= 10:
            return d, d.text
    return None


def set_date(meta: Meta, text: str) -> bool:
    """Take the meeting date from a text (a title, a label's value); False when it holds none."""
    if meta.date_text:
        return True
    found = _first_date(text)
    if not found:
        return False
    d, written = found
    meta.date_text = written
    exact = [x for x in find_dates(text) if x.label == "DATE" and x.normalized and len(x.normalized) >= 10]
    if exact and exact[0].start == d.start:
        meta.date, meta.date_source = dt.date.fromisoformat(exact[0].normalized[:10]), "text"
    meta.month_day = (int(d.normalized[5:7]), int(d.normalized[8:10]))
    return True


def _title_and_body(lines: list[Line], meta: Meta, head: list[Line]) -> None:
    if head and _MENU.match(head[0].text):
        head = head[1:]   # a web page's menu ('Start | Styrelsen | Kontakt') over the title
    title = head[0] if head and is_title(head[0].text) and not heading_kind(head[0].text) \
        and not item_line(head[0].text) and not META_LABEL.match(strip_markup(head[0].text)) else None
    if title is None:
        return
    meta.title_line, meta.title = title, strip_markup(title.text)
    meta.used.add(title.no)
    text = meta.title
    nxt = head[1] if len(head) > 1 else None
    joined = f"{text} {nxt.text}" if nxt is not None and len(nxt.text) <= 12 else None
    if joined and not _first_date(text) and _first_date(joined):
        text = joined  # a date that wraps onto the next line ('Referensgrupp 25' / 'nov')
        meta.used.add(nxt.no)
    found = _first_date(text)
    span = None
    if found:
        span = (found[0].start, found[0].end)
        set_date(meta, text)
    meta.body = clean_body(text, span)
    under = _body_under_doc_type(head[1:5]) if meta.body is None or not BODY_NOUN.search(meta.body) else None
    if under is not None:   # letterhead / 'SAMMANTRÄDESPROTOKOLL' / 'Kyrkorådet': the body under the type
        meta.body, meta.body_from_title = under[0], False
        meta.used |= {ln.no for ln in head if ln.no <= under[2].no}   # the letterhead's lines too
        after = [ln for ln in head if ln.no > under[2].no]
        found = _first_date(strip_markup(after[0].text)) if after else None
        if found and len(strip_markup(after[0].text)) <= 140 and set_date(meta, strip_markup(after[0].text)):
            meta.used.add(after[0].no)   # 'Torsdagen den 14 mars 2024 kl. 16.00, rum Linnea' under the body
        return
    elif meta.body is None:
        _body_from_next(meta, head[1:5])
    elif _AUTHORITY.search(meta.body) and len(head) > 1 and BODY_NOUN.search(clean_body(head[1].text) or "") \
            and is_title(head[1].text) and not heading_kind(head[1].text):
        meta.body = clean_body(head[1].text)   # 'E-myndigheten  MINNESANTECKNINGAR' over 'Referensgruppen för …'
        meta.used.add(head[1].no)
    elif len(meta.body.split()) == 1 and len(head) > 1 and _names_more(meta.body, head[1].text):
        meta.body = clean_body(head[1].text) or meta.body   # 'BRUKARRÅD' over 'Brukarrådet på Kompassen'
        meta.used.add(head[1].no)
    _title_block(meta, head[1:4])


def _title_block(meta: Meta, lines: list[Line]) -> None:
    """The lines under the title that belong to it: the date ('Minnesanteckningar 2019-09-30'), the
    document type ('Anteckningar', 'Protokoll från styrelsemöte'), a time ('13.30–15.30'), the title
    again ('Minnesanteckningar från Tillgänglighetsrådet', a heading that repeats it)."""
    title = re.sub(r"\s+", " ", meta.title or "").lower()
    for ln in lines:
        s = strip_markup(ln.text)
        flat = re.sub(r"\s+", " ", s).lower()
        found = _first_date(s)
        if found and clean_body(s, (found[0].start, found[0].end)) is None and len(s) <= 60:
            meta.used.add(ln.no)
            set_date(meta, s)
        elif not found and (GENERIC_TITLE.match(s) or _TYPE_LINE.match(s)):
            meta.used.add(ln.no)   # 'Anteckningar', 'Protokoll från styrelsemöte': the document type
        elif re.fullmatch(r"(?:kl\.?\s*)?\d{1,2}[.:]\d{2}\s*[–-]\s*\d{1,2}[.:]\d{2}", s) or \
                (len(flat) > 8 and (flat in title or (meta.body and flat.startswith(meta.body.lower())))):
            meta.used.add(ln.no)   # the time; the title written again


def _names_more(body: str, line: str) -> bool:
    """The line under a one-word title names the same body more fully ('Brukarrådet på daglig verksamhet
    Kompassen' under 'BRUKARRÅD')."""
    stem = body.lower().rstrip("et").rstrip("en")[:7]
    return len(stem) >= 4 and line.lower().startswith(stem) and len(line.split()) > 1 and is_title(line) \
        and not _first_date(line)


def _body_under_doc_type(lines: list[Line]) -> tuple[str, Line, Line] | None:
    """The body named on the line under the document's type ('MINNESANTECKNINGAR' over 'Patient- och
    närståenderådet, Kvinnokliniken'), where the lines above it are a letterhead (region, clinic,
    parish): (body, type line, body line)."""
    for k, ln in enumerate(lines[:-1]):
        s = strip_markup(ln.text)
        if not GENERIC_TITLE.match(s):
            continue
        nxt = strip_markup(lines[k + 1].text)
        body = clean_body(nxt) if is_title(nxt) and not heading_kind(nxt) and not META_LABEL.match(nxt) else None
        return (body, ln, lines[k + 1]) if body and BODY_NOUN.search(body) else None
    return None


def _body_from_next(meta: Meta, lines: list[Line]) -> None:
    """'PROTOKOLL' / 'KUNGSBACKA KOMMUN SAMMANTRÄDESPROTOKOLL' over 'Socialnämnden': the next short line."""
    for ln in lines:
        s = strip_markup(ln.text)
        if heading_kind(s) or BULLET.match(ln.text) or item_line(s):
            break
        if _LABEL_LINE.match(s) or FURNITURE.match(s):
            m = META_LABEL.match(s)
            if m and m.group("value").strip():
                break   # (a label alone, 'Sammanträdesdatum' over its value in the next column, is skipped)
            continue
        found = _first_date(s)
        if found and found[0].start == 0 and len(found[1]) >= len(s) - 1:
            set_date(meta, s)
            continue
        if len(re.sub(r"\s+", " ", s)) > 80 or not is_title(s):
            break
        body = clean_body(s, (found[0].start, found[0].end) if found else None)
        if body is None and GENERIC_TITLE.match(s):
            meta.used.add(ln.no)
            continue  # 'Sammanträdesprotokoll' between the municipality and the body
        if body:
            meta.body, meta.body_from_title = body, False
            meta.used.add(ln.no)
            if found:
                set_date(meta, s)
        break


def _labels(head: list[Line], meta: Meta) -> None:
    """'Datum: 2022-05-17', 'Plats: Rådhuset', 'Tid och datum: 18:00 2019-08-29' near the top."""
    for ln in head:
        m = META_LABEL.match(strip_markup(ln.text))
        if not m:
            continue
        label, value = (m.group("label") or m.group("short")).lower(), m.group("value").strip()
        if ":" in ln.text or value:
            meta.used.add(ln.no)
        if label not in ("plats", "lokal", "mötesplats", "sammanträdesplats"):
            set_date(meta, value)
        if label.startswith("plats") or label in ("lokal", "mötesplats", "sammanträdesplats", "tid och plats"):
            meta.place = meta.place or clean_place(value)


def clean_place(value: str) -> str | None:
    """The venue of a 'Plats och tid' value: without its date and time ('Rådhuset, kl. 13.00')."""
    s = value
    for d in find_dates(s):
        s = s.replace(d.text, " ")
    s = re.sub(r"\b(?:kl\.|kl\b|klockan\b)\s*[\d.:\s–-]*", " ", s, flags=re.IGNORECASE)
    s = re.sub(r"\b\d{1,2}[.:]\d{2}(?:\s*[-–]\s*\d{1,2}[.:]\d{2})?", " ", s)
    s = re.sub(r"^[\s|]*(?:för\s+)?", "", s)
    return re.sub(r"\s+", " ", s).strip(" ,;–-|") or None


# the header of minutes sent as an e-mail ('Från: …', 'Skickat: …', 'Till: …', 'Ämne: …')
MAIL_FIELD = re.compile(r"^(?P<key>från|from|skickat|sent|datum|date|till|to|kopia|cc|ämne|subject)\s*:\s*(?P<value>.*)$",
                        re.IGNORECASE)
_MAIL_KEYS = {"från": "from", "from": "from", "skickat": "sent", "sent": "sent", "datum": "sent", "date": "sent",
              "till": "to", "to": "to", "kopia": "cc", "cc": "cc", "ämne": "subject", "subject": "subject"}


def mail_header(content: list[Line]) -> dict[str, Line]:
    """The fields of an e-mail header at the top of the text ({} when it starts otherwise): the
    sender, the recipients and the subject, as a mail client prints them over forwarded notes."""
    fields: dict[str, Line] = {}
    for ln in content[:8]:
        m = MAIL_FIELD.match(strip_markup(ln.text))
        if not m:
            break
        fields.setdefault(_MAIL_KEYS[m.group("key").lower()], ln)
    return fields if {"from", "subject"} <= set(fields) and len(fields) >= 3 else {}


def mail_value(ln: Line) -> str:
    return MAIL_FIELD.match(strip_markup(ln.text)).group("value").strip()


def _mail_meta(meta: Meta, fields: dict[str, Line]) -> None:
    """Notes sent as an e-mail: the title is the subject, the body the group it was sent to ('Till:
    Arbetsgruppen hemlöshet'), the date the one the subject names, else the day it was sent."""
    meta.used |= {ln.no for ln in fields.values()}
    subject = re.sub(r"^(?:(?:vb|fw|fwd|sv|re)\s*:\s*)+", "", mail_value(fields["subject"]), flags=re.IGNORECASE)
    meta.title_line, meta.title = fields["subject"], subject
    to = mail_value(fields["to"]) if "to" in fields else ""
    if to and "@" not in to and BODY_NOUN.search(to) and ";" not in to:
        meta.body = clean_body(to)
    found = _first_date(subject)
    if not set_date(meta, subject) and "sent" in fields:
        set_date(meta, mail_value(fields["sent"]))
    if meta.body is None:
        meta.body = clean_body(subject, (found[0].start, found[0].end) if found else None)


def read_meta(lines: list[Line]) -> Meta:
    """Title, body, date and place from the top of the text."""
    meta = Meta()
    content = [ln for ln in lines if not ln.blank and not FURNITURE.match(ln.text)]
    head = content[:14]
    mail = mail_header(content)
    if mail:
        _mail_meta(meta, mail)
        return meta
    _title_and_body(lines, meta, head)
    _labels(head, meta)
    if not meta.date_text:
        for ln in head:  # the first line that holds a full date
            s = strip_markup(ln.text)
            if any(d.label == "DATE" and d.normalized and len(d.normalized) >= 10 for d in find_dates(s)):
                set_date(meta, s)
                break
    if not meta.date_text and content and meta.title_line is None:
        set_date(meta, strip_markup(content[0].text))  # 'Den 21 mars genomfördes ett husrådsmöte …'
    if not meta.date_text:
        for ln in head[1:4]:   # 'Möte onsdag 6/11 kl. 15.30 på Kulan.': a day and month under the title
            s = strip_markup(ln.text)
            if len(s.split()) <= 12 and _MEETING_WORD.search(s) and set_date(meta, s):
                break
    return meta


def infer_year(meta: Meta, document: dict, text: str) -> None:
    """A date without a year: the year from the metadata, the file's path, or the text's other dates."""
    if meta.date is not None or meta.month_day is None:
        return
    month, day = meta.month_day
    for source, anchor in (("metadata", metadata_date(document)), ("path", _path_date(document)),
                           ("inferred", _text_year(text))):
        if anchor is None:
            continue
        best = None
        for year in (anchor.year - 1, anchor.year, anchor.year + 1):
            try:
                cand = dt.date(year, month, day)
            except ValueError:
                continue
            delta = abs((cand - anchor).days)
            if best is None or delta < best[0]:
                best = (delta, cand)
        if best:
            meta.date, meta.date_source = best[1], source
            return


def metadata_date(document: dict) -> dt.date | None:
    """The file's metadata date ('2019-05-05T21:25:06Z', '7 oktober 2024')."""
    value = document.get("meta_date")
    if not isinstance(value, str) or not value:
        return None
    m = re.search(r"((?:19|20)\d\d)-([01]\d)-([0-3]\d)", value)
    if m:
        return _date(*m.groups())
    exact = [d for d in find_dates(value) if d.label == "DATE" and d.normalized and len(d.normalized) >= 10]
    return dt.date.fromisoformat(exact[0].normalized[:10]) if exact else None


def _path_date(document: dict) -> dt.date | None:
    path = document.get("source_path")
    if not isinstance(path, str) or not path:
        return None
    p = PurePath(path)
    for part in [p.name, *reversed(p.parent.parts)]:
        m = ISO_IN_PATH.search(part)
        if m and _date(*m.groups()):
            return _date(*m.groups())
    return None


def _text_year(text: str) -> dt.date | None:
    """The middle of the year most full dates in the text have (a year written for this meeting)."""
    years = [int(d.normalized[:4]) for d in find_dates(text) if d.label == "DATE" and d.normalized
             and len(d.normalized) >= 10]
    if not years:
        return None
    year = max(set(years), key=years.count)
    return dt.date(year, 7, 1)


def _date(y: str, m: str, d: str) -> dt.date | None:
    try:
        return dt.date(int(y), int(m), int(d))
    except ValueError:
        return None


def header_meta(blocks: list[dict], lines: list[Line]) -> Meta | None:
    """Title, body and date of the first page's title block where the reader removed it as a running
    header (it repeats on every page): the furniture blocks that stand before the first line of text."""
    first = next((ln.start for ln in lines if not ln.blank), 0)
    texts = [b.get("text") for b in blocks if b.get("kind") == "furniture" and b.get("start_char", 0) <= first
             and b.get("text")]
    if not texts:
        return None
    return read_meta(split_lines("\n".join(texts)))
