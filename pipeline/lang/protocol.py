"""The vocabulary of Swedish formal protocols (kommun, nämnd, utskott, revision, stämma).

One place for the sub-headings of a § item, so segmentation (which marks them as the
``subsection`` of blocks) and extraction (which reads decisions under ``Beslut`` and never under
``Förslag till beslut``) agree on what they are. A proposal of this body to another
('Kommunstyrelsens förslag till kommunfullmäktige') is the item's decision: it maps to ``Beslut``.
"""
from __future__ import annotations

import re

from pipeline.lang.fold import fold_cue_text

# sub-heading as written (lower case) -> its canonical name
SUBHEADINGS: dict[str, str] = {
    "beslut": "Beslut",
    "nämndens beslut": "Beslut",
    "styrelsens beslut": "Beslut",
    "utskottets beslut": "Beslut",
    "kommunstyrelsens beslut": "Beslut",
    "kommunfullmäktiges beslut": "Beslut",
    "stämmans beslut": "Beslut",
    "årsmötets beslut": "Beslut",
    "föreningsstämmans beslut": "Beslut",
    "revisionens beslut": "Beslut",
    "beslut i korthet": "Beslut",
    "överenskommelse": "Beslut",       # the auditors' 'sammanträdesanteckningar' write it for Beslut
    "sammanfattning av ärendet": "Sammanfattning av ärendet",
    "sammanfattning": "Sammanfattning av ärendet",
    "ärendebeskrivning": "Sammanfattning av ärendet",
    "ärendet": "Sammanfattning av ärendet",
    "bakgrund": "Bakgrund",
    "beslutsunderlag": "Beslutsunderlag",
    "handlingar": "Beslutsunderlag",
    "beslutsgång": "Beslutsgång",
    "förslag till beslut": "Förslag till beslut",
    "förvaltningens förslag till beslut": "Förslag till beslut",
    "arbetsutskottets förslag till beslut": "Förslag till beslut",
    "yrkanden": "Yrkanden",
    "yrkande": "Yrkanden",
    "förslag till beslut på sammanträdet": "Förslag till beslut",
    "förslag på sammanträdet": "Förslag till beslut",
    "ordförandens förslag till beslut": "Förslag till beslut",
    "tilläggsyrkande": "Yrkanden",
    "ändringsyrkande": "Yrkanden",
    "propositionsordning": "Propositionsordning",
    "proposition": "Propositionsordning",
    "omröstning": "Omröstning",
    "omröstningsresultat": "Omröstning",
    "votering": "Omröstning",
    "röstning": "Omröstning",
    "voteringsordning": "Omröstning",
    "reservation": "Reservation",
    "reservationer": "Reservation",
    "protokollsanteckning": "Protokollsanteckning",
    "protokollsanteckningar": "Protokollsanteckning",
    "särskilt yttrande": "Protokollsanteckning",
    "särskilda yttranden": "Protokollsanteckning",
    "skiljaktig mening": "Reservation",
    "jäv": "Jäv",
    "beslutet skickas till": "Beslutet skickas till",
    "beslutet ska skickas till": "Beslutet skickas till",
    "expedieras till": "Beslutet skickas till",
    "expediering": "Beslutet skickas till",
    "skickas till": "Beslutet skickas till",
    "beslut på sammanträdet": "Beslut",
    "förslag till beslut på mötet": "Förslag till beslut",
    "tilläggsyrkanden": "Yrkanden",
    "beslutsordning": "Propositionsordning",
    "propositionsordning och beslut": "Propositionsordning",
    "reservationer och protokollsanteckningar": "Reservation",
    "protokollsanteckning och reservation": "Protokollsanteckning",
    "jävsanmälan": "Jäv",
    "information": "Information",
    "föredragning": "Information",
    "ärendets beredning": "Beslutsunderlag",
    "beredning": "Beslutsunderlag",
    "lagstiftning": "Bakgrund",
    "ekonomiska konsekvenser": "Bakgrund",
    "expedieras": "Beslutet skickas till",
    "beslutet expedieras till": "Beslutet skickas till",
    "protokollsutdrag till": "Beslutet skickas till",
    "utdrag till": "Beslutet skickas till",
}

# a proposal this body makes to another ('Kommunstyrelsens förslag till kommunfullmäktige'): its
# text is the decision of the item (what this body resolved to propose)
PROPOSAL_TO_OTHER_BODY = re.compile(
    r"^(?:[\w&-]+(?:\s+[\w&-]+){0,5}?s\s+)?förslag\s+till\s+(?:kommun|region|landstings)?"
    r"(?:fullm[a-zåäö]{5,7}|styrelsen|styrelse)$", re.IGNORECASE)  # (OCR and typos: 'fullmäkyige')

# sub-headings whose text is never a decision
NOT_DECISIONS = frozenset({"Sammanfattning av ärendet", "Bakgrund", "Beslutsunderlag", "Beslutsgång",
                           "Förslag till beslut", "Yrkanden", "Propositionsordning", "Beslutet skickas till", "Jäv"})

# what may follow a sub-heading on its line: 'Omröstningsresultat avser ajournering',
# 'Förslag till beslut på sammanträdet', 'Reservation (S)'
_QUALIFIER = r"(?:\s+(?:avser|gällande|angående|rörande)\s+[^.:;]{1,60}|\s*\([^()]{1,40}\)|\s*\[[^\]]{1,40}\])?"
_SUBHEADING = re.compile(r"^(?P<head>" + "|".join(sorted(map(re.escape, SUBHEADINGS), key=len, reverse=True))
                         + r")" + _QUALIFIER + r"\s*:?\s*$", re.IGNORECASE)


# an organ's own decision or proposal ('Arbetsutskottets beslut', 'Arbetsutskottets förslag till kommunstyrelsen')
_ORGAN_SUBHEADING = re.compile(r"^(?:[A-ZÅÄÖ][\wåäö-]*s)\s+(?P<kind>beslut|förslag\s+till\s+(?:beslut|[\wåäö-]+))\s*:?$")


def subheading(line: str) -> str | None:
    """The canonical sub-heading a line is ('Beslut', 'Beslutsgång', …), or None."""
    s = line.strip().strip("*#_ ").strip()
    m = _SUBHEADING.match(s)
    if m:
        return SUBHEADINGS[m.group("head").lower()]
    m = _ORGAN_SUBHEADING.match(s)
    if m:  # 'Arbetsutskottets beslut'; 'Arbetsutskottets förslag till kommunstyrelsen' is what the organ decided
        kind = m.group("kind").lower()
        return "Förslag till beslut" if kind.endswith("till beslut") else "Beslut"
    return "Beslut" if PROPOSAL_TO_OTHER_BODY.match(s.rstrip(": ")) else None


# --- the item line of a § protocol ----------------------------------------------------------

# '§ 44', '§44', '§§ 12-13', OCR's '$ 22' / '& 22' / '£ 7' (and '5 22' / '8 22' when a Dnr follows)
_ITEM = re.compile(r"^(?:[A-ZÅÄÖ]{1,6}\s?)?(?P<sign>§§?|[$&£](?=\s?\d))\s?(?P<num>\d{1,4}\s?[a-z]?(?:\s?[-–]\s?\d{1,4})?)\b"
                   r"[.:]?(?:\s+(?P<rest>.*?))?\s*$")
_ITEM_OCR_DIGIT = re.compile(r"^(?P<sign>[58])\s(?P<num>\d{1,4})(?:\s+(?P<rest>(?:Dnr|Diarienr)\b.*?))?\s*$", re.IGNORECASE)
_ITEM_TRAILING = re.compile(r"^(?P<num>\d{1,4})\s?§[.:]?(?:\s+(?P<rest>.*?))?\s*$")  # '12 § Val av justerare'
DNR = re.compile(r"\b(?:Dnr|DNR|Diarienr|Diarienummer|Dnr\.)\s*[.:]?\s*(?P<dnr>[A-ZÅÄÖ0-9][\w./:-]*"
                 r"(?:\s(?=[\d/.:-]*\d)[\d/.:-]+)?)", re.IGNORECASE)


# a diary number standing alone after the paragraph ('§ 45   KS 2024/31'): no title
_BARE_DNR = re.compile(r"^(?:[A-ZÅÄÖ]{1,6}[ -]?)?(?:\d{2,4}[/.:-]\d{1,6}(?:[/.:-]\d{1,6})?)$")


def item_line(line: str) -> tuple[str, str, str | None] | None:
    """('§ 44', rest of the line, dnr) for a § item line ('§ 44   Dnr IF-2023-00055',
    '§ 12 Val av justerare', '12 § Val av justerare', 'KS § 34  Dnr KS 2019/101' (the organ's
    letters before the sign), OCR's '$ 22 Dnr V0-2024-00167'); else None.
    The rest has the Dnr removed: it is the title when the title stands on the same line."""
    s = line.strip()
    m = _ITEM.match(s) or _ITEM_OCR_DIGIT.match(s) or _ITEM_TRAILING.match(s)
    if not m:
        return None
    rest = (m.group("rest") or "").strip()
    dnr = None
    num = re.sub(r"\s+", " ", m.group("num").strip())
    sign = "§§" if m.groupdict().get("sign") == "§§" else "§"
    if _BARE_DNR.match(rest):
        return f"{sign} {num}", "", rest
    d = DNR.search(rest)
    if d:
        dnr = d.group("dnr").strip()
        rest = re.sub(r"\(\s*\)|\[\s*\]", "", rest[:d.start()] + " " + rest[d.end():]).strip(" ,;–-")
    return f"{sign} {num}", re.sub(r"\s{2,}", " ", rest), dnr


# a continuation header of an item on its next page: 'forts. § 12', '§ 12 (forts.)'
CONTINUATION = re.compile(r"^(?:forts(?:\.|ättning)?\s*§\s*\d+|§\s*\d+\s*\(?forts(?:\.|ättning)?\)?)\s*\S{0,20}$",
                          re.IGNORECASE)
# the table of contents of a protocol
TOC_HEADING = re.compile(r"^(?:innehåll|innehållsförteckning|ärendeförteckning|ärendelista|förteckning\s+över\s+ärenden)"
                         r"\s*:?$", re.IGNORECASE)
# a table-of-contents line: dot leaders or a trailing page number after a gap ('Brottsofferjouren ....... 5')
TOC_ENTRY = re.compile(r"(?:\.{3,}|…+|(?:\s\.){3,})\s*\d{1,3}\s*$|\s{2,}\d{1,3}$")

# lines of page furniture that a reader may have left in the text: never titles or content
FURNITURE = re.compile(
    r"^(?:justerandes?\s+sign(?:atur)?|justerares\s+signatur|utdragsbestyrkande|expedierat\s*/\s*bestyrkt|"
    r"expedierat|bestyrkt|ordförandes\s+signatur|sekreterarens\s+signatur|"
    r"det\s+här\s+dokumentet\s+är\s+(?:digitalt|elektroniskt)\s+signerat|transaktionsidentitet\s*:.*|"
    r"undertecknat\s+av\s+följande\s+personer|underskriftstjänst\s*:.*|signerat\s+av\s*:?.*|"
    r"sidan?\s+\d+\s*(?:av|\(|/)\s*\d+\)?|\d+\s*\(\d+\)|\d+\s*/\s*\d+|\d+\s+av\s+\d+)$",
    re.IGNORECASE)

# --- the front page of a formal protocol -----------------------------------------------------

# label (lower case) -> the field it fills. Attendance labels are in pipeline.lang.attendance.
FRONT_LABELS: dict[str, str] = {
    "plats och tid": "place_time", "plats och tid för sammanträde": "place_time", "plats och tid för": "place_time",
    "tid och plats": "place_time", "sammanträdesplats": "place", "mötesplats": "place", "plats": "place",
    "lokal": "place", "tid": "time", "tidpunkt": "time",
    "datum": "date", "sammanträdesdatum": "date", "mötesdatum": "date", "datum för sammanträdet": "date",
    "datum och tid": "date",
    "utses att justera": "adjusters", "justerare": "adjusters", "protokolljusterare": "adjusters",
    "justerande": "adjusters", "utsedd att justera": "adjusters", "utsedda att justera": "adjusters",
    "justeringsperson": "adjusters", "justeringspersoner": "adjusters",
    "justering": "adjust_place", "plats och tid för justering": "adjust_place",
    "justeringens plats och tid": "adjust_place", "justeringens tid och plats": "adjust_place",
    "justeringens plats": "adjust_place", "justeringsdatum": "adjust_place", "justeringsdag": "adjust_place",
    "justeringens": "adjust_place", "tid för justering": "adjust_place",
    "sekreterare": "secretary", "vid protokollet": "secretary", "protokollförare": "secretary",
    "sekreterare/protokollförare": "secretary", "mötessekreterare": "secretary",
    "ordförande": "chair", "mötesordförande": "chair", "ordförande för mötet": "chair",
    "paragrafer": "paragraphs", "paragraf": "paragraphs", "§§": "paragraphs",
    "underskrifter": "signatures", "underskrift": "signatures", "signaturer": "signatures",
    "organ": "body", "instans": "body", "nämnd": "body",
    "anslag/bevis": "notice", "anslag": "notice", "bevis": "notice",
    "datum då anslaget sätts upp": "notice", "datum då anslaget tas ned": "notice",
    "datum för anslags uppsättande": "notice", "datum för anslags nedtagande": "notice",
    "datum för anslags": "notice", "datum för anslagets": "notice",   # the label wraps: '… anslags' / 'uppsättande'
    "förvaringsplats för protokollet": "notice", "protokollet förvaras": "notice",
    "protokollet förvaras på": "notice", "anslaget sätts upp": "notice", "anslaget tas ned": "notice",
}
# the second line of a label that wraps ('Plats och tid för' / 'sammanträde')
LABEL_TAILS = frozenset({"sammanträde", "sammanträdet", "justering", "plats och tid", "tid och plats",
                         "för protokollet", "sätts upp", "tas ned", "uppsättande", "nedtagande"})


def front_label(text: str) -> str | None:
    """The field a front-page label fills ('Plats och tid' -> 'place_time'), else None (OCR's lost
    diacritics forgiven: 'Sammantradesdatum')."""
    key = re.sub(r"\s+", " ", text.strip().strip("*_").rstrip(":").strip()).lower()
    return FRONT_LABELS.get(key) or FRONT_LABELS.get(_FOLDED_LABELS.get(fold_cue_text(key), ""))


_FOLDED_LABELS = {fold_cue_text(k): k for k in FRONT_LABELS}


def front_label_words() -> list[str]:
    """The front-page labels, longest first."""
    return sorted(FRONT_LABELS, key=len, reverse=True)
