"""The meeting's own officials: who chaired, kept the minutes and checked them (justerare).

Minutes name them where no attendance list does: in the closing signatures ('Vid protokollet'
over a name, 'Justeras' over two) and, in the minutes of a stämma or årsmöte, in the items that
elect them ('Till mötesordförande valdes Gösta Lind', 'Stämman valde A och B till justerare',
'… anmälde att Lisa Ek skulle föra protokollet'). A chair elected for the association's next year
('Till ordförande för ett år valdes …') is not the meeting's chair.
"""
from __future__ import annotations

import re

from pipeline.stages.segment.attendees import Attendee
from pipeline.stages.segment.entry import Entry, leading_name
from pipeline.stages.segment.lines import Line, Segment
from pipeline.stages.segment.names import NAME_TOKEN

# a signature label -> the role of the names under it
_SIGN_ROLES = (("vid protokollet", "sekreterare"), ("vid pennan", "sekreterare"), ("protokollförare", "sekreterare"),
               ("sekreterare", "sekreterare"), ("justeras", "justerare"), ("justerare", "justerare"),
               ("justerande", "justerare"), ("ordförande", "ordförande"))
_SIGN_LABEL = re.compile(r"^(?:förste|andre|första|andra|1:e|2:e|mötes|stämmo|årsmötes|sammanträdets)?\s*"
                         r"(?:vid\s+protokollet|vid\s+pennan|protokollförare|sekreterare|justeras|justerare|justerande|"
                         r"ordförande)[\s._…:]*$", re.IGNORECASE)
_RULE = re.compile(r"^[\s._…-]+$")
_NAMES = r"(?P<names>" + NAME_TOKEN + r"(?:\s+" + NAME_TOKEN + r"){1,3}(?:\s*(?:,|och)\s*" + NAME_TOKEN \
         + r"(?:\s+" + NAME_TOKEN + r"){1,3})*)"
_MEETING_CHAIR = r"(?:mötes|stämmo|årsmötes)ordförande|ordförande\s+(?:för|vid)\s+(?:mötet|stämman|årsmötet|" \
                 r"sammanträdet|dagens\s+möte)"
_MEETING_SECRETARY = r"(?:mötes|stämmo|årsmötes)sekreterare|sekreterare\s+(?:för|vid)\s+(?:mötet|stämman|årsmötet)|" \
                     r"protokollförare"
_ELECTIONS = [
    (re.compile(r"\b[Tt]ill\s+(?:" + _MEETING_CHAIR + r")[^.]*?\bvaldes\s+" + _NAMES), "ordförande"),
    (re.compile(r"\b[Tt]ill\s+(?:" + _MEETING_SECRETARY + r")[^.]*?\bvaldes\s+" + _NAMES), "sekreterare"),
    (re.compile(r"\b[Tt]ill\s+(?:två\s+)?justerare[^.]*?\bvaldes\s+" + _NAMES), "justerare"),
    (re.compile(r"\bvalde\s+" + _NAMES + r"\s+till\s+(?:" + _MEETING_CHAIR + r")"), "ordförande"),
    (re.compile(r"\bvalde\s+" + _NAMES + r"\s+till\s+(?:" + _MEETING_SECRETARY + r")"), "sekreterare"),
    (re.compile(r"\bvalde\s+" + _NAMES + r"\s+(?:till|att\s+vara)\s+(?:två\s+)?justerare"), "justerare"),
    (re.compile(_NAMES + r"\s+(?:valdes|utsågs)\s+till\s+(?:" + _MEETING_CHAIR + r")"), "ordförande"),
    (re.compile(_NAMES + r"\s+(?:valdes|utsågs)\s+(?:till|att\s+vara)\s+justerare"), "justerare"),
    (re.compile(_NAMES + r"\s+(?:skulle\s+)?(?:föra|för)\s+(?:dagens\s+)?protokoll(?:et)?\b"), "sekreterare"),
    (re.compile(r"\b(?:utsett|utsåg)\s+" + _NAMES + r"\s+att\s+föra\s+(?:dagens\s+)?protokoll"), "sekreterare"),
]


def _sign_role(label: str) -> str:
    low = label.lower()
    return next(role for key, role in _SIGN_ROLES if key in low)


def _people_in(text: str) -> list[str]:
    out = []
    for part in re.split(r"\s*,\s*|\s+och\s+", text):
        name, _ = leading_name(part)
        if name:
            out.append(name)
    return out


def signatures(lines: list[Line], start: int, segments) -> list[Attendee]:
    """The people under the signature labels of the closing that begins at line ``start``
    (``segments``: a line's column segments)."""
    out, labels = [], []
    for ln in lines[start:]:
        if ln.blank or _RULE.match(ln.text):
            continue
        segs = [s for s in segments(ln) if not _RULE.match(s.text)]
        if segs and all(_SIGN_LABEL.match(s.text) for s in segs):
            labels = [(_sign_role(s.text), s.col) for s in segs]
            continue
        names = [(s, leading_name(s.text)[0]) for s in segs]
        if not labels or not names or not all(n for _, n in names):
            continue
        for k, (seg, name) in enumerate(names):
            role = _nearest(labels, seg, k)
            out.append(Attendee(Entry(name, role=role), seg.start, seg.end))
    return out


def _nearest(labels: list[tuple[str, float]], seg: Segment, k: int) -> str:
    """The label over a name: by position where the labels stand apart, else by order (more names
    than labels: the last label, 'Justeras' over two justerare)."""
    if len({x for _, x in labels}) == len(labels) > 1:
        return min(labels, key=lambda lab: abs(lab[1] - seg.col))[0]
    return labels[min(k, len(labels) - 1)][0]


def elected(lines: list[Line], first: int) -> list[Attendee]:
    """The meeting's chair, secretary and justerare as the items from line ``first`` elect them."""
    out = []
    body = lines[first:]
    for k, ln in enumerate(body):
        if ln.blank:
            continue
        text = ln.text if k + 1 >= len(body) or body[k + 1].blank else f"{ln.text} {body[k + 1].text}"
        for pattern, role in _ELECTIONS:
            for m in pattern.finditer(text):
                if m.start() >= len(ln.text):
                    continue  # the next line's own sentence: read there
                out += [Attendee(Entry(name, role=role), ln.start, ln.end) for name in _people_in(m.group("names"))]
    return out
