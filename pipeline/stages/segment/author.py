"""Who wrote the minutes: a closing signature ('/Anne', 'Vid pennan Bo Ek', 'Vid protokollet' over a
name), the sender of notes sent as an e-mail, the front page's Sekreterare, else the attendee whose
role is sekreterare."""
from __future__ import annotations

import re

from pipeline.lang.protocol import FURNITURE
from pipeline.stages.segment.attendees import Attendee
from pipeline.stages.segment.lines import Line
from pipeline.stages.segment.meta import mail_header, mail_value
from pipeline.stages.segment.names import is_person_name, is_single_name

AUTHOR_LABEL = re.compile(r"^(?:vid\s+pennan|vid\s+protokollet|vid\s+anteckningarna|vid\s+tangentbordet|vid\s+datorn|"
                          r"sekreterare|mötessekreterare|"
                          r"protokollförare|antecknat\s+av|antecknare|anteckningar|minnesanteckningar|"
                          r"protokollet\s+fört\s+av|fört\s+av|skrivet\s+av|noterat\s+av)"
                          r"(?:\s*(?:vid|av))?\s*[:.\-–]*\s*(?P<name>.*)$", re.IGNORECASE)
# the note-taker's own closing, where a first name alone is the author ('Vid tangentbordet: Marianne')
_BY_HAND = re.compile(r"^(?:vid\s+pennan|vid\s+tangentbordet|vid\s+datorn|antecknat\s+av|antecknare)\b", re.IGNORECASE)
SIGNATURE = re.compile(r"^/\s*(?P<name>[A-ZÅÄÖÉ][\w'.-]*(?:\s+[A-ZÅÄÖÉ][\w'.-]*){0,3})\s*$")
_INLINE_SIGNATURE = re.compile(r"(?:^|\s)/\s*(?P<name>[A-ZÅÄÖÉ][\w'-]+(?:\s+[A-ZÅÄÖÉ][\w'-]+){0,3})\s*$")


def _name_of(text: str) -> str | None:
    name = text.split(",")[0].strip(" .:_")
    return name if name and (is_person_name(name) or is_single_name(name)) else None


def closing_author(lines: list[Line]) -> tuple[str | None, int | None]:
    """The author a closing signature names, and the line where the closing begins."""
    content = [ln for ln in lines if not ln.blank and not FURNITURE.match(ln.text)]
    tail = content[-6:]
    for k, ln in enumerate(tail):
        m = SIGNATURE.match(ln.text) or (_INLINE_SIGNATURE.search(ln.text) if len(ln.text) <= 60 else None)
        if m and _name_of(m.group("name")):
            label = tail[k - 1] if k > 0 and AUTHOR_LABEL.match(tail[k - 1].text) and len(tail[k - 1].text) <= 40 else None
            return _name_of(m.group("name")), (label or ln).no
        m = AUTHOR_LABEL.match(ln.text)
        if m and len(ln.text) <= 80:
            name = m.group("name").strip(" .:_")
            if name and _name_of(name) and (is_person_name(_name_of(name)) or _BY_HAND.match(ln.text)):
                return _name_of(name), ln.no
            if not name:
                nxt = next((x for x in tail[k + 1:] if not re.fullmatch(r"[._\s-]+", x.text)), None)
                if nxt is not None and _name_of(nxt.text) and is_person_name(_name_of(nxt.text)):
                    return _name_of(nxt.text), ln.no
    return None, None


# 'Anteckningar: Amir Haddadi', '- Antecknare :: Tobias Lind', 'Anteckn: Bo Ek' (a form's short label), 'Sekreterare: Tuva Nilsson (kårsekreterare)'
_HEAD_LABEL = re.compile(r"^(?:[-*•]\s*)?(?:anteckningar|antecknare|antecknat\s+av|anteckn\.?|sekreterare|sekr\.?|"
                         r"mötessekreterare|protokollförare|protokollförd\s+av|vid\s+pennan|vid\s+tangentbordet|"
                         r"sekreterare\s+för\s+mötet)\s*(?::+|\s[-–]\s)\s*"
                         r"(?P<name>\S.*)$", re.IGNORECASE)


def head_author(lines: list[Line]) -> str | None:
    """The note-taker a label near the top names."""
    for ln in [x for x in lines if not x.blank][:25]:
        m = _HEAD_LABEL.match(ln.text)
        if m:
            name = _name_of(re.sub(r"\s*\([^)]*\)", "", m.group("name")))
            if name and is_person_name(name):
                return name
    return None


def mail_author(lines: list[Line]) -> str | None:
    """The sender of notes sent as an e-mail ('Från: Katja Lind <katja.lind@…>'): who wrote them."""
    fields = mail_header([ln for ln in lines if not ln.blank])
    if "from" not in fields:
        return None
    name = re.sub(r"<[^>]*>|\[[^\]]*\]|[\"']", " ", mail_value(fields["from"])).strip(" ,;")
    name = " ".join(name.split())
    return name if is_person_name(name) else None


def author(lines: list[Line], attendees: list[Attendee], secretary: str | None) -> tuple[str | None, int | None]:
    """The author and the first line of the closing (None when the author is not from a closing)."""
    name, closing = closing_author(lines)
    if name:
        return name, closing
    sender = mail_author(lines)
    if sender:
        return sender, None
    if secretary:
        return secretary, None
    labelled = head_author(lines)
    if labelled:
        return labelled, None
    for a in attendees:
        if a.entry.role == "sekreterare" and a.entry.name:
            return a.entry.name, None
    return None, None
