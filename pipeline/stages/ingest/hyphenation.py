"""Words hyphenated at a line end, joined again ('sam-\\nfällighet' -> 'samfällighet')."""
from __future__ import annotations

import re

# Swedish coordination: 'kultur- och fritidsnämnden', 'barn- eller ungdomsverksamhet'
_KEEP_HYPHEN_BEFORE = {"och", "eller", "samt", "respektive", "resp", "till", "som", "men", "and", "or", "&"}
_HYPH_END = re.compile(r"([^\W\d_]*[^\W\d_])[-\u00ad]$")
_LOWER_START = re.compile(r"^\s*([^\W\d_]+)(.*)$")


def join_hyphenated(text: str) -> str:
    """'sam-\\nfällighet är' -> 'samfällighet\\när': the word is joined on the first line and
    the rest of the second line stays on its own line. Hyphens before 'och'/'eller' and
    after capitals/digits ('IT-', 'Covid-19-') are kept."""
    lines = text.split("\n")
    i = 0
    while i < len(lines) - 1:
        cur = lines[i].rstrip()
        m = _HYPH_END.search(cur)
        nxt = lines[i + 1]
        m2 = _LOWER_START.match(nxt)
        if m and m2:
            head = m.group(1)
            word2, rest = m2.group(1), m2.group(2)
            if (head[-1].islower() and word2[0].islower() and word2.lower() not in _KEEP_HYPHEN_BEFORE
                    and cur.endswith(("-", "\u00ad"))):
                lines[i] = cur[:-1] + word2
                lines[i + 1] = rest.lstrip()
                if not lines[i + 1]:
                    del lines[i + 1]
                continue
        i += 1
    return "\n".join(lines)
