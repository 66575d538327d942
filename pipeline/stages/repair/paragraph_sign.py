"""OCR's '§' misread at the start of an item line: '$ 12 Budget', '£ 12', '& 12', '5 44 Dnr …', '8 44 Dnr …'.

Formal protocols number their items '§ 44'; Tesseract often reads the sign as '$', '&', '£', 'S', '5'
or '8'. At the start of a line, followed by an item number and the item's title (a capital or
'Dnr'), the sign is restored. The digits '5' and '8' are taken for '§' only when the line cannot be
a number ('8 44 Dnr' has no meaning as 8 and 44) and the document numbers its items with '§'
elsewhere or on several such lines, so real numbers ('5 ledamöter', '8 000 kronor') are never touched.
"""
from __future__ import annotations

import re

_ITEM = re.compile(r"(?m)^(?P<lead>[ \t]*)(?P<sign>[$&£S58])(?P<gap>[ \t]*)(?P<num>\d{1,3}[a-z]?)"
                   r"(?P<after>[ \t]+(?:Dnr\b|[A-ZÅÄÖ][a-zåäöé]))")
_SIGN_LINE = re.compile(r"(?m)^[ \t]*§[ \t]*\d{1,3}\b")
_SCORE = 1.0


def paragraph_sign_edits(text: str) -> list[tuple[int, int, str, str, float]]:
    """(start, end, '§', 'paragraph-sign', score) for each misread sign at the start of an item line."""
    hits = list(_ITEM.finditer(text))
    if not hits:
        return []
    evidence = len(_SIGN_LINE.findall(text)) + sum(1 for m in hits if m.group("sign") in "$&£")
    out = []
    for m in hits:
        sign = m.group("sign")
        if sign in "58S" and not m.group("gap"):
            continue   # '512 Budget' or 'S12' is not a sign and a number
        if sign in "58" and not (evidence >= 1 or sum(1 for h in hits if h.group("sign") in "58") >= 2):
            continue
        if sign == "S" and evidence < 1:
            continue
        out.append((m.start("sign"), m.end("sign"), "§", "paragraph-sign", _SCORE))
    return out
