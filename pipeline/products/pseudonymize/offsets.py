"""Offset remapping: replacing spans of a text, and moving every offset of the other tables along.

A pseudonym is rarely as long as the name it replaces, so each replacement shifts what follows.
``apply_hits`` replaces non-overlapping spans and returns the spans as (old_start, old_end,
new_start, new_end); :class:`OffsetMap` maps any old offset through them. ``documents.text`` is
``text_raw`` with the OCR corrections applied, so a replacement must cover whole corrections
(:func:`widen_to_corrections`) and is made at the same place in both texts
(:func:`align_corrections` says where each correction sits in each).
"""
from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Callable
from dataclasses import dataclass


@dataclass
class Hit:
    """A span to replace: [start, end) by the pseudonym of ``key`` (or a placeholder)."""
    start: int
    end: int
    key: str
    genitive: bool = False
    email: bool = False
    placeholder: str | None = None  # an identifier: '[personnummer]', …


@dataclass(frozen=True)
class Alignment:
    """One correction placed in both texts: text_raw[raw_start:raw_end] became text[start:end]."""
    raw_start: int
    raw_end: int
    start: int
    end: int
    original: str
    replacement: str


def align_corrections(text_raw: str | None, corrections: list[dict]) -> list[Alignment]:
    """Where each correction is in ``documents.text`` (corrections index ``text_raw``).

    ``text`` is ``text_raw`` with the corrections applied in order of ``start_char``, so the
    offset of a correction in ``text`` is its raw offset plus the length change of the
    corrections before it. Corrections that do not match ``text_raw`` are skipped.
    """
    out: list[Alignment] = []
    if not text_raw:
        return out
    delta, pos = 0, 0
    for c in sorted(corrections, key=lambda c: c["start_char"] if c.get("start_char") is not None else -1):
        s, orig, rep = c.get("start_char"), c.get("original") or "", c.get("replacement") or ""
        if s is None or s < pos or text_raw[s:s + len(orig)] != orig:
            continue
        out.append(Alignment(s, s + len(orig), s + delta, s + delta + len(rep), orig, rep))
        delta += len(rep) - len(orig)
        pos = s + len(orig)
    return out


class OffsetMap:
    """Maps offsets of an old text into a new one in which spans were replaced.

    ``spans``: sorted, non-overlapping (old_start, old_end, new_start, new_end). An offset
    inside a replaced span maps to the new span's start (for starts) or end (for ends).
    """

    def __init__(self, spans: list[tuple[int, int, int, int]]):
        self.spans = spans
        self._starts = [s[0] for s in spans]

    def start(self, p: int | None) -> int | None:
        if p is None:
            return None
        i = bisect_right(self._starts, p) - 1
        if i < 0:
            return p
        _, oe, ns, ne = self.spans[i]
        return ns if p < oe else p + ne - oe

    def end(self, p: int | None) -> int | None:
        if p is None:
            return None
        i = bisect_left(self._starts, p) - 1
        if i < 0:
            return p
        _, oe, _, ne = self.spans[i]
        return ne if p <= oe else p + ne - oe


class Intervals:
    """Answers 'does [s, e) overlap any of these spans?' in O(log n)."""

    def __init__(self, spans: list[tuple[int, int]]):
        spans = sorted(spans)
        self.spans = set(spans)
        self.starts = [a for a, _ in spans]
        self.max_end, m = [], -1
        for _, b in spans:
            m = max(m, b)
            self.max_end.append(m)

    def overlaps(self, s: int, e: int) -> bool:
        i = bisect_left(self.starts, e)  # spans starting before e
        return i > 0 and self.max_end[i - 1] > s


def apply_hits(text: str, hits: list[Hit], render: Callable[[Hit], str]) -> tuple[str, list[tuple[int, int, int, int]]]:
    """(new text, offset spans (old_start, old_end, new_start, new_end)); ``hits`` sorted by start,
    a hit overlapping the one before it is left out."""
    out, spans, pos, delta = [], [], 0, 0
    for h in hits:
        if h.start < pos:
            continue
        rep = render(h)
        out.append(text[pos:h.start])
        out.append(rep)
        spans.append((h.start, h.end, h.start + delta, h.start + delta + len(rep)))
        delta += len(rep) - (h.end - h.start)
        pos = h.end
    out.append(text[pos:])
    return "".join(out), spans


def widen_to_corrections(hits: list[Hit], aligned: list[Alignment]) -> list[Hit]:
    """Sorted, non-overlapping hits, each widened to whole corrections (so the same text is
    replaced in text_raw and text); where two overlap the first (earlier, longer) wins."""
    widened = []
    starts = [a.start for a in aligned]
    for h in hits:
        s, e = h.start, h.end
        for a in aligned[max(0, bisect_left(starts, s) - 1):bisect_right(starts, e)]:
            if a.start < e and a.end > s:
                s, e = min(s, a.start), max(e, a.end)
        widened.append(Hit(s, e, h.key, h.genitive and e == h.end, h.email, h.placeholder))
    widened.sort(key=lambda h: (h.start, -h.end))
    out: list[Hit] = []
    for h in widened:
        if out and h.start < out[-1].end:
            out[-1].end = max(out[-1].end, h.end)
            continue
        out.append(h)
    return out


def to_raw_hits(hits: list[Hit], aligned: list[Alignment]) -> list[Hit]:
    """The same hits in text_raw coordinates (they cover whole corrections)."""
    to_raw = OffsetMap([(a.start, a.end, a.raw_start, a.raw_end) for a in aligned])
    return [Hit(to_raw.start(h.start), to_raw.end(h.end), h.key, h.genitive, h.email, h.placeholder) for h in hits]


def corrections_inside(aligned: list[Alignment], raw_hits: list[Hit]) -> set[int]:
    """Raw start_char of the corrections that fall inside a replaced span (they would disclose it)."""
    spans = Intervals([(h.start, h.end) for h in raw_hits])
    points = {h.start for h in raw_hits}
    return {a.raw_start for a in aligned
            if spans.overlaps(a.raw_start, a.raw_end) or (a.raw_start == a.raw_end and a.raw_start in points)}


__all__ = ["Alignment", "Hit", "Intervals", "OffsetMap", "align_corrections", "apply_hits", "corrections_inside",
           "to_raw_hits", "widen_to_corrections"]
