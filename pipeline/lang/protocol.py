"""The vocabulary of Swedish formal protocols (kommun, nämnd, utskott, revision, stämma).

One place for the sub-headings of a § item, so segmentation (which marks them as the
``subsection`` of blocks) and extraction (which reads decisions under ``Beslut`` and never under
``Förslag till beslut``) agree on what they are.
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
    "propositionsordning": "Propositionsordning",
    "proposition": "Propositionsordning",
    "omröstning": "Omröstning",
    "omröstningsresultat": "Omröstning",
    "voteringsordning": "Omröstning",
    "reservation": "Reservation",
    "reservationer": "Reservation",
    "protokollsanteckning": "Protokollsanteckning",
    "protokollsanteckningar": "Protokollsanteckning",
    "särskilt yttrande": "Protokollsanteckning",
    "jäv": "Jäv",
    "beslutet skickas till": "Beslutet skickas till",
    "beslutet ska skickas till": "Beslutet skickas till",
    "expedieras till": "Beslutet skickas till",
    "expediering": "Beslutet skickas till",
    "skickas till": "Beslutet skickas till",
}

# sub-headings whose text is never a decision
NOT_DECISIONS = frozenset({"Sammanfattning av ärendet", "Bakgrund", "Beslutsunderlag", "Beslutsgång",
                           "Förslag till beslut", "Yrkanden", "Propositionsordning", "Beslutet skickas till", "Jäv"})

_SUBHEADING = re.compile(r"^(?P<head>" + "|".join(sorted(map(re.escape, SUBHEADINGS), key=len, reverse=True))
                         + r")\s*:?\s*$", re.IGNORECASE)


def subheading(line: str) -> str | None:
    """The canonical sub-heading a line is ('Beslut', 'Beslutsgång', …), or None."""
    m = _SUBHEADING.match(line.strip().strip("*#_ ").strip())
    return SUBHEADINGS[m.group("head").lower()] if m else None
