"""Formal protocols: the decisions under 'Beslut', and what an item records about them.

Under a § item's ``Beslut`` sub-heading each paragraph or 'att' clause is one decision
('Nämnden för Individ & Familjeomsorg noterar informationen till protokollet.' is `noted`); a lead-in
that ends in ':' and a statement of who presented the matter ('X föredrar ärendet') are not.
What the item records about its decision is attached to every decision of the item:
  * a vote (Omröstning): 'med 6 ja-röster mot 5 nej-röster, och 1 som avstår', 'Ja: 7, Nej: 4',
    or a voting table with a Ja / Nej / Avstår column (the first vote of the item);
  * reservations ('Per Hoel (SD) och Göran Ottosson (SD) reserverar sig mot beslutet') and
    notes to the minutes ('Ermin Škorić (S) lämnar följande protokollsanteckning');
  * 'förklarar paragrafen omedelbart justerad' (``immediately_adjusted``).
"""
from __future__ import annotations

import re

from pipeline.lang.fold import fold_cue_text as fold
from pipeline.stages.extract.sentences import trim_item

NUMBER_WORDS = {"noll": 0, "en": 1, "ett": 1, "två": 2, "tre": 3, "fyra": 4, "fem": 5, "sex": 6, "sju": 7,
                "åtta": 8, "nio": 9, "tio": 10, "elva": 11, "tolv": 12, "tretton": 13, "fjorton": 14,
                "femton": 15, "sexton": 16, "sjutton": 17, "arton": 18, "nitton": 19, "tjugo": 20}
NUMBER_WORDS = {fold(k): v for k, v in NUMBER_WORDS.items()}  # matched on folded text: 'två' -> 'tva'
_N = r"(\d{1,3}|" + "|".join(sorted(NUMBER_WORDS, key=len, reverse=True)) + r")"
VOTE_PATTERNS = [  # (regex on the folded text, group of yes, no, abstain)
    re.compile(_N + r"\s+ja-?\s?rost(?:er)?\s+(?:mot|och|,)\s+" + _N + r"\s+nej-?\s?rost(?:er)?"
               r"(?:\s*,?\s*(?:och|samt)?\s*" + _N + r"\s+(?:som\s+)?(?:avstar|avstod|nedlagda|blanka))?"),
    re.compile(r"\bja\s*[:=]?\s*" + _N + r"\s*[,;]?\s+nej\s*[:=]?\s*" + _N
               + r"(?:\s*[,;]?\s+(?:avstar|avstod|avstaende|nedlagda)\s*[:=]?\s*" + _N + r")?"),
    re.compile(r"\bmed\s+rostsiffrorna\s+" + _N + r"\s*[-–]\s*" + _N + r"(?:\s*[-–]\s*" + _N + r")?"),
]
ADJUSTED_RE = re.compile(r"\bomedelbart\s+justera(d|t|s|de)\b|\bjusteras\s+omedelbart\b")
RESERVE_RE = re.compile(r"(?P<who>[^.;:]*?)\s*\breserver(?:ar|ade)\s+(?:sig|de sig)\b(?P<after>[^.;]*)")
NOTE_RE = re.compile(r"(?P<who>[^.;:]*?)\s*\b(?:lämnar|lämnade|avger|avgav|anmäler|anmälde)\s+(?:en\s+|följande\s+|"
                     r"ett\s+|sin\s+|sitt\s+)?(?:protokollsanteckning|särskilt yttrande|särskilt\s+yttrande)")
SPLIT_RE = re.compile(r"\s*,\s*|\s+och\s+|\s+samt\s+|\s*&\s*")
AFTER_STOP_RE = re.compile(r"\s+(?:mot|till förmån|med|för|till|i|enligt)\b.*$")
LEAD_RE = re.compile(r"^(?:mot\s+(?:beslutet|detta|förslaget)\s*|ledamöterna\s+|ledamoten\s+|ersättaren\s+)",
                     re.IGNORECASE)
REPORT_RE = re.compile(r"\b(föredrar|föredrog|föredras|diskuterar|diskuterade|informerar|informerade|redogör|"
                       r"redogjorde|presenterar|presenterade|går igenom|gick igenom)\b")
MARK_RE = re.compile(r"^\s*(?:x|×|✓|✔|1|ja|nej|avstår|\*)\s*$", re.IGNORECASE)
SUM_RE = re.compile(r"^\s*(?:summa|totalt|summa röster|antal|resultat)\b", re.IGNORECASE)


def decision_paragraph(walk, u, ctx) -> None:
    """A paragraph or 'att' clause under 'Beslut': one decision (not a lead-in, not a report)."""
    text = walk.text
    s, e = trim_item(text, u.start, u.end)
    if e <= s:
        return
    body = text[s:e]
    record(walk, u, ctx)
    if body.endswith(":") or (u.kind == "para" and not u.att and _is_report(body, walk.cues)):
        return
    body_s = u.label_end if u.label and u.label_end else s
    walk.decision(s, e, body_s, "beslut-section", ctx, "Beslut")
    walk.prev, walk.prev_kind = (s, e), "decided"


def _is_report(body: str, cues) -> bool:
    """'Kommunrevisionen diskuterar revisionsberättelsen.': a statement, not what was decided."""
    from pipeline.stages.extract import decisions as dec

    return REPORT_RE.search(body) is not None and dec.classify(body, cues, strict=False) is None


def _number(s: str | None) -> int | None:
    if s is None:
        return None
    return int(s) if s.isdigit() else NUMBER_WORDS.get(s)


def record(walk, u, ctx) -> None:
    """What a unit of an item says about its decision: a vote, reservations, notes, immediate adjustment."""
    f = fold(walk.text[u.start:u.end].replace("\n", " "))
    item = walk.items.setdefault(ctx.item, {})
    for rx in VOTE_PATTERNS:
        m = rx.search(f)
        if m:
            item.setdefault("text_votes", []).append(tuple(_number(g) for g in m.groups()))
            break
    if ADJUSTED_RE.search(f):
        item["adjusted"] = True
    raw = walk.text[u.start:u.end].replace("\n", " ")
    for m in RESERVE_RE.finditer(raw):
        item.setdefault("reservations", []).extend(_who(m.group("who"), m.group("after")))
    for m in NOTE_RE.finditer(raw):
        item.setdefault("notes", []).extend(_who(m.group("who"), ""))


def _who(before: str, after: str) -> list[str]:
    """The names (or parties) that reserve themselves, as written: the subject, else what follows."""
    who = LEAD_RE.sub("", before.strip()).strip(" ,")
    if not re.search(r"[A-ZÅÄÖ(]", who):
        who = AFTER_STOP_RE.sub("", after.strip())
    return [p.strip(" .,") for p in SPLIT_RE.split(who) if re.search(r"[A-ZÅÄÖ(]", p)]


def vote_row(item: dict, table: int, cells: list[tuple[str, int, int]], roles: list[str | None]) -> None:
    """A row of a voting table: a mark in the Ja / Nej / Avstår column, or the table's sum row."""
    counts = item.setdefault("tables", {}).setdefault(table, {})
    texts = [c[0] for c in cells]
    if texts and SUM_RE.match(texts[0]):
        for role, t in zip(roles, texts):
            if role in ("yes", "no", "abstain") and t.strip().isdigit():
                counts[role] = int(t.strip())
        counts["sum"] = True
        return
    if counts.get("sum"):
        return
    for role, t in zip(roles, texts):
        if role in ("yes", "no", "abstain") and t.strip() and MARK_RE.match(t):
            counts[role] = counts.get(role, 0) + 1


def attach(decisions: list[dict], items: dict) -> None:
    """Each decision gets what its item records (and loses the item number it carried)."""
    for d in decisions:
        item = items.get(d.pop("_item", None)) or {}
        votes = item.get("text_votes")
        tables = item.get("tables") or {}
        table = tables[min(tables)] if tables else {}
        if votes:
            yes, no, abstain = votes[0]
            if abstain is None and table and table.get("yes") == yes and table.get("no") == no:
                abstain = table.get("abstain", 0)
            d["vote_yes"], d["vote_no"], d["vote_abstain"] = yes, no, abstain
        elif table:
            d["vote_yes"], d["vote_no"] = table.get("yes", 0), table.get("no", 0)
            d["vote_abstain"] = table.get("abstain", 0)
        d["reservations"] = list(dict.fromkeys(item.get("reservations", [])))
        d["protocol_notes"] = list(dict.fromkeys(item.get("notes", [])))
        d["immediately_adjusted"] = bool(item.get("adjusted"))
