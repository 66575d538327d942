"""A vocabulary value with its meaning: the codebook (docs/codebook.md) prints each vocabulary from
its module, so a definition and its Swedish examples are kept beside the value the code uses."""
from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Term:
    name: str                  # the value as the data holds it
    definition: str            # what it means, in English
    examples: tuple[str, ...]  # how Swedish minutes write it


def vocabulary(*terms: Term) -> tuple[Term, ...]:
    """The terms, checked: unique names, each with a definition and at least one example."""
    seen: set[str] = set()
    for t in terms:
        if t.name in seen:
            raise ValueError(f"{t.name!r} twice in one vocabulary")
        if not t.definition.strip() or not t.examples or not all(e.strip() for e in t.examples):
            raise ValueError(f"{t.name!r} needs a definition and Swedish examples")
        seen.add(t.name)
    return tuple(terms)
