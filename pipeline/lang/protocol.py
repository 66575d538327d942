"""The vocabulary of Swedish formal protocols (kommun, nämnd, utskott, revision, stämma).

One place for the sub-headings of a § item, so segmentation (which marks them as the
``subsection`` of blocks) and extraction (which reads decisions under ``Beslut`` and never under
``Förslag till beslut``) agree on what they are. A proposal of this body to another
('Kommunstyrelsens förslag till kommunfullmäktige') is the item's decision: it maps to ``Beslut``.
"""
from __future__ import annotations

import re

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
_QUALIFIER = r"(?:\s+(?:avser|gällande|angående|rörande)\s+[^.:;]{1,60}|\s*\([^()]{1,40}\))?"
_SUBHEADING = re.compile(r"^(?P<head>" + "|".join(sorted(map(re.escape, SUBHEADINGS), key=len, reverse=True))
                         + r")" + _QUALIFIER + r"\s*:?\s*$", re.IGNORECASE)


def subheading(line: str) -> str | None:
    """The canonical sub-heading a line is ('Beslut', 'Beslutsgång', …), or None."""
    line = line.strip().strip("*#_ ").strip()
    m = _SUBHEADING.match(line)
    if m:
        return SUBHEADINGS[m.group("head").lower()]
    return "Beslut" if PROPOSAL_TO_OTHER_BODY.match(line.rstrip(": ")) else None
