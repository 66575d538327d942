"""Swedish personal identifiers in running text: what they look like, and their placeholders.

Shared knowledge, used by the identifiers stage (which masks them in the identified dataset,
``--mask-identifiers``) and by pseudonymisation (which masks them in every string it writes):

* ``personnummer`` — YYMMDD-NNNC or YYYYMMDD-NNNC, '-' (or '+' from the year someone turns 100);
  written without a separator only when the check digit (Luhn) fits, so that other ten-digit
  numbers (a mobile number 0701234567 is also a date, 2007-01-23) are not taken for one;
* ``samordningsnummer`` — the same with 60 added to the day (coordination numbers);
* ``telefonnummer`` — Swedish numbers: 070-123 45 67, 08-123 456 78, 031-12 34 56, 0701234567,
  +46 70 765 43 21, +46 (0)8 123 456 78, 0046 …;
* ``e-post`` — e-mail addresses, also written 'namn(at)example.se';
* ``adress`` — a street and house number ('Storgatan 12 B', 'Drottning Kristinas väg 5',
  'Stora Nygatan 3, 211 37 Malmö'), with the postcode and town that follow it;
* ``användarnamn`` — a user handle ('@kalle_s'), as chats and issue trackers write them.

:func:`find_identifiers` returns non-overlapping matches in text order; :func:`mask` replaces
them with ``[personnummer]``, ``[telefonnummer]``, … and says what it replaced where.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

PERSONNUMMER = "personnummer"
SAMORDNINGSNUMMER = "samordningsnummer"
PHONE = "telefonnummer"
EMAIL = "e-post"
ADDRESS = "adress"
HANDLE = "användarnamn"
KINDS = (PERSONNUMMER, SAMORDNINGSNUMMER, PHONE, EMAIL, ADDRESS, HANDLE)
# what the identified dataset lists, and masks, by default: numbers and addresses that reach a person.
# A street address is listed but not masked there (in minutes it is mostly where the meeting was held,
# a public place and a LOC entity); pseudonymisation masks every kind.
DEFAULT_FOUND = (PERSONNUMMER, SAMORDNINGSNUMMER, PHONE, EMAIL, ADDRESS)
DEFAULT_MASKED = (PERSONNUMMER, SAMORDNINGSNUMMER, PHONE, EMAIL)
# kinds that are never a named entity (an address may well be a place)
NOT_ENTITIES = (PERSONNUMMER, SAMORDNINGSNUMMER, PHONE, EMAIL)


def placeholder(kind: str) -> str:
    return f"[{kind}]"


_PNR = re.compile(r"(?<![\w+-])(?P<c>(?:18|19|20)?)(?P<y>\d\d)(?P<m>\d\d)(?P<d>\d\d)(?P<sep>[-+]|\s?)"
                  r"(?P<n>\d{3})(?P<k>\d)(?![\w-])")
_EMAIL = re.compile(r"(?<![\w.+-])[\w.+-]+(?:@|\s?[(\[]at[)\]]\s?)[\w-]+(?:\.[\w-]+)*\.[a-zA-Z]{2,}(?![\w-])")
_PHONE_INTL = re.compile(r"(?<![\w+])(?:\+|00)46[\s-]?(?:\(0\)[\s-]?)?[1-9](?:[\s-]?\d){6,8}(?![\d-])")
_PHONE_NATIONAL = re.compile(r"(?<![\w+,.:/-])\(?0[1-9]\d{0,3}\)?(?:\s?[-–/]\s?|\s)?"
                             r"\d(?:[\s-]?\d){4,7}(?![\d,.:-]\d|\d)")
# a street: a capitalised compound ('Storgatan', 'Kungsvägen') or capitalised words and a street word
# ('Drottning Kristinas väg'), then a house number (1-3 digits: a four-digit number is a year)
_STREET_NAME = (r"(?:[A-ZÅÄÖ][a-zåäöéü-]*(?:gatan|gata|vägen|gränden|gränd|torget|stigen|backen|allén|esplanaden|"
                r"promenaden|kajen|slingan|stråket)|(?:[A-ZÅÄÖ][a-zåäöéü]+\s){1,3}(?:gata|gatan|väg|vägen|gränd|torg|"
                r"allé|backe|stig))")
_STREET = re.compile(
    r"(?<![\w-])" + _STREET_NAME + r"\s\d{1,3}(?:\s?[A-Za-z](?![\wåäö]))?(?:\s?[-–]\s?\d{1,3})?"
    r"(?:(?:,\s?|\s)\d{3}\s?\d{2}(?:\s[A-ZÅÄÖ][a-zåäö]+(?:\s[A-ZÅÄÖ][a-zåäö]+)?)?)?(?![\w])")
_HANDLE = re.compile(r"(?<![\w@.])@[A-Za-z_][\w.-]+[\w](?![\w@])")  # three characters at least


@dataclass(frozen=True)
class Identifier:
    start: int
    end: int
    kind: str
    text: str


def luhn_ok(digits: str) -> bool:
    """The check digit of a Swedish personal identity number (over YYMMDDNNNC)."""
    total = 0
    for i, ch in enumerate(digits):
        n = int(ch) * (2 if i % 2 == 0 else 1)
        total += n - 9 if n > 9 else n
    return total % 10 == 0


def _personal_number(m: re.Match) -> str | None:
    """personnummer / samordningsnummer / None for a match of _PNR."""
    month, day = int(m["m"]), int(m["d"])
    if not 1 <= month <= 12:
        return None
    kind = PERSONNUMMER if 1 <= day <= 31 else SAMORDNINGSNUMMER if 61 <= day <= 91 else None
    if kind is None:
        return None
    digits = m["y"] + m["m"] + m["d"] + m["n"] + m["k"]
    if m["sep"] not in ("-", "+") and not luhn_ok(digits):
        return None  # without the separator only a number whose check digit fits
    return kind


def _phone_digits_ok(text: str, international: bool) -> bool:
    digits = re.sub(r"\D", "", text.replace("(0)", ""))
    if international:
        digits = digits[2:] if digits.startswith("46") else digits[4:]
        return 7 <= len(digits) <= 9
    return 8 <= len(digits) <= 10


def find_identifiers(text: str | None, kinds: tuple[str, ...] | list[str] = KINDS) -> list[Identifier]:
    """Every identifier of the given kinds in ``text``: non-overlapping, in text order (the first
    pattern wins where two overlap: personal numbers, e-mail, phone numbers, addresses, handles)."""
    if not text:
        return []
    found: list[Identifier] = []

    def add(s: int, e: int, kind: str) -> None:
        if kind in kinds:
            found.append(Identifier(s, e, kind, text[s:e]))

    for m in _PNR.finditer(text):
        kind = _personal_number(m)
        if kind:
            add(m.start(), m.end(), kind)
    for m in _EMAIL.finditer(text):
        add(m.start(), m.end(), EMAIL)
    for pattern, intl in ((_PHONE_INTL, True), (_PHONE_NATIONAL, False)):
        for m in pattern.finditer(text):
            if _phone_digits_ok(m.group(0), intl):
                add(m.start(), m.end(), PHONE)
    for m in _STREET.finditer(text):
        add(m.start(), m.end(), ADDRESS)
    for m in _HANDLE.finditer(text):
        add(m.start(), m.end(), HANDLE)
    kept: list[Identifier] = []
    for ident in sorted(found, key=lambda x: (x.start, -(x.end - x.start))):
        if kept and ident.start < kept[-1].end:
            continue
        kept.append(ident)
    return kept


def mask(text: str | None, kinds: tuple[str, ...] | list[str] = DEFAULT_MASKED) -> tuple[str | None, list[Identifier]]:
    """(text with every identifier of ``kinds`` replaced by its placeholder, the identifiers replaced)."""
    found = find_identifiers(text, kinds)
    if not found:
        return text, []
    out, pos = [], 0
    for ident in found:
        out.append(text[pos:ident.start])
        out.append(placeholder(ident.kind))
        pos = ident.end
    out.append(text[pos:])
    return "".join(out), found


def relocate(rows: list[dict], text: str) -> list[dict]:
    """Identifier rows (``start_char``, ``end_char``, ``text``) moved onto ``text`` after an edit of it
    (an OCR repair) put them out of place: a row whose offsets no longer show its text is moved to the
    next place after the row before it where the text stands; one whose text is gone is dropped."""
    out, pos = [], 0
    for r in sorted(rows, key=lambda r: (r["start_char"], r["end_char"])):
        s, e, t = r["start_char"], r["end_char"], r["text"]
        if not (pos <= s and text[s:e] == t):
            s = text.find(t, pos) if t else -1
            if s < 0:
                continue
            r = {**r, "start_char": s, "end_char": s + len(t)}
        out.append(r)
        pos = r["end_char"]
    return out


__all__ = [
    "ADDRESS",
    "DEFAULT_FOUND",
    "DEFAULT_MASKED",
    "EMAIL",
    "HANDLE",
    "KINDS",
    "NOT_ENTITIES",
    "PERSONNUMMER",
    "PHONE",
    "SAMORDNINGSNUMMER",
    "Identifier",
    "find_identifiers",
    "luhn_ok",
    "mask",
    "placeholder",
    "relocate",
]
