"""Swedish personal names: the one nickname list and the one first-name list.

``nicknames.json`` maps a nickname to the given names it stands for ('Bosse' -> Bo); the
first-name list (``first_names.txt``) holds given names common in Sweden. NER, the person
index and pseudonymisation all read them from here.
"""
from __future__ import annotations

import json
from functools import lru_cache
from importlib.resources import files

_DATA = files("pipeline.lang")
# nicknames that are also ordinary words or brands: not first names on their own
WORD_LIKE_NICKNAMES = frozenset({"Tina", "Matte", "Meta", "Putte", "Ante"})


@lru_cache(maxsize=1)
def nicknames() -> dict[str, list[str]]:
    """Nickname -> the given names it stands for."""
    data = json.loads(_DATA.joinpath("nicknames.json").read_text(encoding="utf-8"))
    return {k: list(v) for k, v in data.items() if not k.startswith("_")}


@lru_cache(maxsize=1)
def first_names() -> frozenset[str]:
    """The first-name list (case-sensitive), with the nicknames of ``nicknames.json``."""
    names = set()
    for line in _DATA.joinpath("first_names.txt").read_text(encoding="utf-8").splitlines():
        line = line.strip()
        if line and not line.startswith("#"):
            names.add(line)
    names.update(nicknames())
    return frozenset(names - WORD_LIKE_NICKNAMES)


def is_first_name(word: str) -> bool:
    """'Pernilla', also in the genitive ('Pernillas')."""
    names = first_names()
    return word in names or (word.endswith("s") and word[:-1] in names)


def genitive_base(word: str) -> str | None:
    """The base form of a Swedish genitive ('Annas' -> 'Anna', 'Kommunals' -> 'Kommunal'); None if
    the word cannot be one (a word ending in s, x or z takes no extra s)."""
    if len(word) > 2 and word.endswith("s") and word[-2] not in "sxz":
        return word[:-1]
    return None
