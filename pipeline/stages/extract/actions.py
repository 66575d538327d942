"""Decide whether a sentence is an action item, and find who is to do it.

The doer is read from the sentence itself: the subject before the task verb ('David ska
fråga …', 'Ia och Allan jobbar vidare …'), the person after 'uppdrogs åt' / 'Ansvarig:',
an organisation after 'från' ('forskare från CTF ska berätta …'). A pronoun subject is
resolved only to a name written in the preceding sentence; a subjectless sentence ('Tar
vidare frågan …') takes the name that opens the preceding sentence. 'Vi …' and passives
give no assignee.
"""
from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field

from pipeline.lang.fold import fold_cue_text as fold
from pipeline.lang.names import is_first_name
from pipeline.stages.extract.cues import Cues, TaskVerb, flat
from pipeline.stages.extract.decisions import is_question
from pipeline.stages.extract.due import find_due
from pipeline.stages.extract.passive import agent, passive_task

FINITE_RE = re.compile(r"\b(är|var|har|hade|blir|blev|får|fick|finns|fanns|gör|gjorde|går|gick|kommer|kom|"
                       r"ser|såg|tar|tog|vill|kan|ska|skall|bör|måste|behöver|borde)\b", re.IGNORECASE)
FROM_ORG_RE = re.compile(r"\b(?:från|fran|vid|hos|inom)\s+(?P<org>[A-ZÅÄÖ][\w&/-]*"
                         r"(?:\s+[A-ZÅÄÖ][\w&/-]*|\s+(?:för|for|av)\s+[\wåäöé-]+){0,4})")
SPLIT_RE = re.compile(r"\s*,\s*|(?<!-)\s+och\s+|\s+samt\s+|\s*&\s*|\s+\+\s+")
PAREN_RE = re.compile(r"\s*\([^)]*\)?")
CLAUSE_START_RE = re.compile(r"(?:\batt\s+|;\s*|:\s+|\s[–—-]\s|,\s*(?:och|men|så|sedan|medan)\s+|\s(?:men|utan)\s+)",
                             re.IGNORECASE)
NAME_WORD_RE = re.compile(r"^[A-ZÅÄÖ][\wåäöé'-]*$")
GOR_RE = re.compile(r"^\s*gor\s+(?P<who>[^,.(;]+)", re.IGNORECASE)  # on folded text
# a subject that opens with a preposition or an adverb is an adverbial ('Enligt lagen ska …', 'Därtill ska …')
PREP_START_RE = re.compile(r"^(enligt|i|pa|for|med|under|efter|infor|till|vid|fran|om|av|genom|utifran|inom|"
                           r"sedan|dartill|dessutom|da|nu|har|dar|aven|ocksa|darfor|samtidigt|framover|"
                           r"senare|snart|idag|darutover|vidare|slutligen|forst)\b")
RECUR_RE = re.compile(r"\b(varje|vart (annat|\w+e) (ar|vecka|manad)|var \d|varannan|vartannat|arligen|manatligen|"
                      r"veckovis|alltid|normalt|vanligtvis|regelbundet|lopande)\b")
# 'Det som står kommer Matthias lösa …', 'Under våren kommer Digg att föra en dialog …': the doer after the modal
INVERTED_RE = re.compile(r"\b(?:kommer|ska|skall)\s+(?P<who>[A-ZÅÄÖ][\wåäöéü-]+(?:\s+[A-ZÅÄÖ][\wåäöéü-]+){0,2})\s+"
                         r"(?:(?:att|nog|också|även|sedan|dock)\s+)*(?P<verb>[a-zåäö]{2,})\b")
# 'Till nästa möte tar Anna fram ett förslag': a particle verb with its doer between verb and particle
PARTICLE_INVERTED_RE = re.compile(r"\b(?:tar|skickar|lägger|bjuder|ringer|kollar|ser|hör|följer|sätter|kallar)\s+"
                                  r"(?P<who>[A-ZÅÄÖ][\wåäöéü-]+(?:\s+[A-ZÅÄÖ][\wåäöéü-]+){0,2})\s+"
                                  r"(?P<verb>fram|ut|upp|in|över|med|reda|till|av|vidare)\b")
NOT_TASK_VERBS = {"vara", "ha", "bli", "inte", "kunna", "få", "finnas", "behöva", "vilja", "gå", "komma"}
STOP_CAPS = {"i", "vi", "de", "det", "den", "en", "ett", "och", "men", "att", "som", "han", "hon", "alla",
             "inte", "även", "också", "nu", "sedan", "då", "här", "där", "denna", "detta", "dessa", "man"}


@dataclass
class Names:
    """Spans of names (PER / ORG entities and attendee names) in the document."""

    spans: list[tuple[int, int, str, str]] = field(default_factory=list)  # start, end, text, label

    def __post_init__(self):
        self.spans = sorted(self.spans)
        self._starts = [s[0] for s in self.spans]

    def within(self, start: int, end: int, labels=("PER", "ORG")) -> list[tuple[int, int, str, str]]:
        lo = bisect.bisect_left(self._starts, start)
        hi = bisect.bisect_left(self._starts, end)
        return [s for s in self.spans[lo:hi] if s[1] <= end and s[3] in labels]


@dataclass
class ActionHit:
    cue: str
    assignees: list[str]
    cue_start: int  # offset in the sentence
    explicit: bool = False  # an explicit assignment ('Uppdrogs åt X att', 'Ansvarig: X')
    coming: bool = False  # a thing that comes ('Inbjudan kommer')
    cue_end: int | None = None  # end offset of the cue in the sentence
    rule: str | None = None  # the rule family, where it is not told by the flags above
    assigns: bool = False  # the sentence gives the task to the doer ('Pierre får fixa det'): also a decision
    owner_at: int | None = None  # offset in the item where an owner written after a dash begins ('… – Anna')


def _clean_name(s: str) -> str:
    s = PAREN_RE.sub("", s).strip(" \t\n,.;:–-\"'")
    return re.sub(r"\s+", " ", s)


def split_names(s: str) -> list[str]:
    """'Ia och Allan' -> ['Ia', 'Allan']; 'Anna Akerman och Erik Bengtsson' -> both."""
    s = PAREN_RE.sub("", s)
    return [n for n in (_clean_name(p) for p in SPLIT_RE.split(s)) if n]


def _org_at(m: re.Match, offset: int, names: Names) -> str:
    """The organisation after 'från': the entity starting there, or the capitalised phrase."""
    phrase = _clean_name(m.group("org"))
    ents = [t for s, e, t, _ in names.spans if s == offset + m.start("org")]
    return max([phrase, *ents], key=len)


def _who_from_span(text: str, start: int, end: int, names: Names, cues: Cues) -> list[str]:
    """Assignees in a subject span: an organisation after 'från', else the listed names/nouns."""
    span = text[start:end]
    m = FROM_ORG_RE.search(span)
    if m:
        org = _org_at(m, start, names)
        if org:
            return [org]
    ends = [n for n in names.within(start, end) if n[1] >= start + len(PAREN_RE.sub("", span).rstrip()) - 1]
    if ends and len(span.split()) > len(ends[-1][2].split()) + 1 \
            and not re.search(r"(?:\boch|\bsamt|[,&/+])\s*$", text[start:ends[-1][0]]):
        return [ends[-1][2]]  # 'Stödja inmatning stängs inte Matthias funderar vidare'
    title = fold(text[start:ends[-1][0]]).strip() if ends and ends[-1][3] == "PER" else ""
    if title and len(title.split()) <= 2 and (_agentive(title, cues) or (
            cues.agent_nouns is not None and cues.agent_nouns.match(title.split()[-1]))):
        return [ends[-1][2]]  # 'Förvaltningschef Anneli Rask återkommer': the person, not the title
    span = cues.subject_prefixes.sub("", span.strip()) if cues.subject_prefixes else span
    # the subject was written with a prefix ('Alla frivilligorganisationer'); keep the noun
    out = []
    for part in split_names(span):
        words = part.split()
        if not words or len(words) > 5:
            continue
        out.append(part)
    return out


def subject_of(sentence: str, s_off: int, text: str, names: Names) -> str | None:
    """The name that opens a sentence ('Ann tar upp frågan …' -> 'Ann'), for subjectless follow-ups."""
    for s, _e, t, _label in sorted(names.within(s_off, s_off + len(sentence))):
        if sentence[: s - s_off].strip() == "":
            return t
        break
    return None


def _resolve_pronoun(pron: str, prev: tuple[int, int] | None, names: Names) -> list[str]:
    if prev is None:
        return []
    found = names.within(prev[0], prev[1], ("PER",) if pron in ("han", "hon", "hen") else ("PER", "ORG"))
    uniq: list[str] = []
    for _, _, t, _ in found:
        if t not in uniq:
            uniq.append(t)
    if pron in ("han", "hon", "hen"):
        return uniq[:1] if len({u.split()[0] for u in uniq}) == 1 else []
    return uniq


def classify(text: str, start: int, end: int, cues: Cues, names: Names,
             prev: tuple[int, int] | None = None, allow_tasks: bool = True, in_list: bool = False
             ) -> ActionHit | None:
    """Is text[start:end] an action item? Returns the cue and the assignees as written.

    prev: the span of the preceding sentence (for pronouns and subjectless sentences).
    allow_tasks: False under opinion labels ('Synpunkter:'); explicit assignments still count.
    in_list: the sentence is a list item ('- Studentguiden skall uppdateras' is a task there).
    """
    sent = text[start:end]
    if is_question(sent):
        return None
    f = flat(sent)

    # 1. explicit assignment: 'Uppdrogs åt X att', 'Ansvarig: X'
    for rx in cues.assignment:
        m = rx.search(f)
        if m:
            task = _labelled_task(text, start + m.start("who"), start + m.end("who"), names)
            if task is not None:  # 'Ansvarig: Frida kallar till ett första möte': Frida, and her task
                return ActionHit(sent[m.start():m.start("who")].strip(), task, m.start(), explicit=True,
                                 cue_end=m.start("who"), rule="labelled-task")
            who = [w for w in split_names(sent[m.start("who"):m.end("who")]) if _can_do(w, cues)]
            if who:
                return ActionHit(sent[m.start():m.end()].strip(), who, m.start(), explicit=True, cue_end=m.end())

    # 2. things that come: 'Inbjudan kommer …'
    m = cues.coming.search(f) if cues.coming else None
    if m:
        before = f[: m.start()]
        if not any(b.search(before) for b in cues.action_blockers):
            return ActionHit(sent[m.start():m.end()].strip(" ("), [], m.start(), coming=True, cue_end=m.end())

    if not allow_tasks:
        return None

    # 3. task verbs: the earliest match wins
    hits = []
    dated = None
    for tv in cues.task_verbs:
        if tv.dated:
            dated = find_due(sent, cues, None, unmarked=True)[0] is not None if dated is None else dated
            if not dated:
                continue
        for m in tv.regex.finditer(f):
            hits.append((m.start(), -(m.end() - m.start()), tv, m))
            break
    for _, _, tv, m in sorted(hits, key=lambda h: (h[0], h[1])):
        res = _check_task(text, start, sent, f, tv, m, cues, names, prev)
        if res is not None:
            return res
    # 4. the doer after the modal: 'Under våren kommer Digg att föra en dialog med SEMIC'
    hit = _inverted(text, start, sent, cues, names)
    if hit is not None:
        return hit
    # 5. the passive: 'Skyltningen kommer att ses över', 'Kommer att åtgärdas av SMS'
    p = passive_task(text, start, end, cues, names, in_list)
    if p is not None:
        return ActionHit(p[0], p[1], p[2], rule="passive", cue_end=p[2] + len(p[0]))
    return None


PLURAL_DEFINITE_RE = re.compile(r"(erna|arna|orna|rna|ena)$")
DEFINITE_RE = re.compile(r"(en|et|ena|rna)$")


def _is_first_name(word: str) -> bool:
    """Is the word a common first name (the one first-name list, pipeline.lang.names)?"""
    return bool(is_first_name(word))


def _looks_like_name(subj: str, initial: bool = False) -> bool:
    """A single capitalised word that is a first name or not a definite noun ('Mattias', 'Anna',
    not 'Föreningen'); at the start of a sentence, where every word is capitalised, only a first name."""
    words = subj.split()
    if len(words) != 1 or NAME_WORD_RE.match(words[0]) is None:
        return False
    if initial:
        return _is_first_name(words[0])
    return not DEFINITE_RE.search(words[0]) or _is_first_name(words[0])


def _inverted(text: str, start: int, sent: str, cues: Cues, names: Names) -> ActionHit | None:
    """'… kommer Matthias lösa …', 'Till nästa möte tar Anna fram …': a modal (or a particle verb), a
    name (an entity there) and the verb of the task. What stands before is a topic ('Det som står'),
    so only the blockers of opinions and reports are read there, not those of subordinate clauses."""
    matches = [*INVERTED_RE.finditer(sent), *PARTICLE_INVERTED_RE.finditer(sent)]
    for m in sorted(matches, key=lambda x: x.start()):
        if m.group("verb") in NOT_TASK_VERBS or (m.re is INVERTED_RE and m.group("verb").endswith("s")):
            continue
        who = [n for n in names.within(start + m.start("who"), start + m.end("who")) if n[0] == start + m.start("who")]
        before = flat(sent[: m.start()])
        if not who or any(b.search(before) for b in cues.action_blockers if not b.pattern.endswith("$")):
            continue
        return ActionHit(sent[m.start():m.end()], [who[0][2]], m.start(), rule="inverted", cue_end=m.end())
    return None


def _labelled_task(text: str, s: int, e: int, names: Names) -> list[str] | None:
    """After 'Ansvarig:' a sentence of its own ('Frida kallar till ett möte före påsk'): the names that
    open it, when a verb in lower case follows them; None when only names follow the label."""
    run = _names_ending_at(text, s, _first_lower_word(text, s, e), names)
    if run and run[0][0] == s and re.match(r"\s+[a-zåäö]+\w*\s+\S", text[run[-1][1]:e] + " "):
        # (a verb right after the names: 'Yasin och Ebba, klart till 20 mars' names the doers of the task before)
        return [n[2] for n in run]
    return None


def _can_do(who: str, cues: Cues) -> bool:
    """Can the one named in an assignment do a task: a name (capitalised), a role or an organisation?"""
    core = fold(who).strip()
    head = core.split()[0] if core else ""  # 'nämnder med negativ prognos': the noun that heads it
    return bool(core) and (who[:1].isupper() or _agentive(core, cues) or _agentive(head, cues)
                           or (cues.agent_nouns is not None and cues.agent_nouns.match(core) is not None))


def _agentive(core: str, cues: Cues) -> bool:
    """Can the (folded) subject be the doer of a task: does its last word name people or an organisation?"""
    words = PAREN_RE.sub("", core).split()
    return bool(words) and (cues.agents is None or cues.agents.match(words[-1]) is not None)


def is_person(text: str, start: int, end: int, names: Names) -> bool:
    """Is text[start:end] a person's name (a PER entity there, or capitalised first names)?"""
    if any(n[3] == "PER" for n in names.within(start, end)):
        return True
    words = text[start:end].split()
    return bool(words) and _is_first_name(words[0]) and all(NAME_WORD_RE.match(w) for w in words)


def _check_task(text, start, sent, f, tv, m, cues: Cues, names: Names, prev):
    """The doer of task verb ``tv`` matched at ``m`` (in the folded sentence ``f``), or None."""
    pre_f, pre = f[: m.start()], sent[: m.start()]
    cue = sent[m.start():m.end()].strip()
    # 'Kontakt har tagits med Södra vägens glas, som återkommer …': the name before ', som'
    rel = re.search(r",\s*som\s*$", pre)
    if rel:
        run = _names_ending_at(text, start, start + rel.start(), names)
        if run and run[0][0] > start and not any(b.search(pre_f[: rel.start()]) for b in cues.action_blockers):
            return ActionHit(cue, [n[2] for n in run], m.start(), rule="relative")
        pre, pre_f = pre[: rel.start()], pre_f[: rel.start()]
    coordinated = re.search(r"\boch\s*$", pre_f) is not None and not rel
    if coordinated:  # 'John efterlyser dokumentation och tar frågan till Bolagsverket'
        return _coordinated(text, start, sent, f, tv, m, cue, cues, names)
    if any(b.search(pre_f) for b in cues.action_blockers):
        return None
    # the clause the verb belongs to starts after the last 'att', ';', ', och', ...
    cstart = 0
    for cm in CLAUSE_START_RE.finditer(pre):
        cstart = cm.end()
    cstart = _after_och_name(pre, cstart, start, names)
    subj = pre[cstart:]
    subj_stripped = subj.strip()
    subj_start = start + cstart + (len(subj) - len(subj.lstrip()))
    subj_end = subj_start + len(subj_stripped)
    if tv.passive:
        if subj_stripped and FINITE_RE.search(subj_stripped):
            return None
        return ActionHit(cue, agent(text, start, m.end(), names), m.start())   # 'åtgärdas av SMS': SMS does it
    core = cues.subject_prefixes.sub("", fold(subj_stripped)).strip() if subj_stripped else ""
    if not core or PREP_START_RE.match(core):
        return _no_subject(text, start, sent, f, tv, m, cue, names, prev, bool(core))
    if len(subj_stripped.split()) > 8 or FINITE_RE.search(PAREN_RE.sub("", subj_stripped)):
        return None
    if tv.modal and RECUR_RE.search(f) and re.match(r"(ska|skall|bor)\b", f[m.start():]):
        return None  # 'Sopor skall tömmas varje vecka': a rule, not a task
    if cues.non_agents.match(core):
        # 'Vi planerar …' counts only as the main clause of the sentence ('… att vi ska …' is reported)
        if core == "vi" and tv.we and cstart == 0:
            return ActionHit(cue, [], m.start())
        return None
    if cues.pronouns.match(core):
        who = _resolve_pronoun(core, prev, names)
        return ActionHit(cue, who, m.start()) if who else None
    if not _doer_ok(text, subj_start, subj_end, core, tv, cues, names, initial=start + cstart == start):
        return None
    who = _who_from_span(text, subj_start, subj_end, names, cues)
    return ActionHit(cue, who, m.start(), assigns=tv.assigns) if who else None


def _names_ending_at(text: str, start: int, end: int, names: Names) -> list:
    """The names listed right before ``end`` ('Anna Åkerman och Erik Bengtsson' before ', som')."""
    found = names.within(start, end)
    if not found or found[-1][1] < end - 1:
        return []
    run = [found[-1]]
    for n in reversed(found[:-1]):
        if re.fullmatch(r"\s*(?:,|och|samt|&)\s*", text[n[1]:run[0][0]]):
            run.insert(0, n)
        else:
            break
    return run


def _no_subject(text, start, sent, f, tv, m, cue, names: Names, prev, adverbial: bool):
    """A task verb with no subject before it: the doer after it ('Till nästa möte tar Anna fram …',
    'Medverkar gör Sara Nilsson'), else the subject of the sentence before ('Tar vidare frågan …')."""
    after = _name_after(start + m.start(), start + m.end() + 1, names, text)
    if after is not None:
        return ActionHit(cue, [after], m.start(), rule="inverted")
    if adverbial:
        return None
    g = GOR_RE.match(f[m.end():])
    if g:
        who = sent[m.end() + g.start("who"):m.end() + g.end("who")]
        return ActionHit(cue, split_names(who), m.start())
    if prev is not None and not tv.modal:
        who = subject_of(text[prev[0]:prev[1]], prev[0], text, names)
        if who:
            return ActionHit(cue, [who], m.start())
    return None


def _name_after(cue_start: int, limit: int, names: Names, text: str) -> str | None:
    """A name that stands right after the first word of the cue ('ska Anna …', 'tar Anna fram …')."""
    first_end = cue_start + len(text[cue_start:limit].split(" ", 1)[0])
    for s, _e, t, _ in names.within(first_end, first_end + 60):
        if not text[first_end:s].strip():
            return t
        break
    return None


def _coordinated(text, start, sent, f, tv, m, cue, cues: Cues, names: Names):
    """The second verb of 'X <verb> … och <task verb> …': the doer is the subject that opens the sentence
    (not where the first verb reports what someone else does: 'A beskrev att B väntar … och planerar …')."""
    if re.search(r"\b(att|som|om)\b", f[: m.start()]):
        return None
    who = subject_of(sent, start, text, names)
    if who is not None and text[start + len(who):start + len(who) + 1] in " ,":
        return ActionHit(cue, [who], m.start(), rule="coordinated", assigns=tv.assigns)
    if tv.we and re.match(r"(?:\w+\s+[-–—:]\s+)?vi\b", f):
        return ActionHit(cue, [], m.start(), rule="coordinated")
    return None


def _after_och_name(pre: str, cstart: int, start: int, names: Names) -> int:
    """'Snart kommer ett förslag och Matthias kommer att …': the clause after 'och' when a name opens it."""
    for om in re.finditer(r"\s(?:och|men)\s+|,\s+", pre[cstart:]):
        at = cstart + om.end()
        first = pre[cstart:cstart + om.start()]
        clause = FINITE_RE.search(first) or (om.group().startswith(",") and len(first.split()) >= 2)
        if clause and any(n[0] == start + at for n in names.within(start + at, start + len(pre))):
            return at  # ('Betatestare efterlyses, Ulrika tar upp det internt')
    return cstart


def _doer_ok(text: str, s: int, e: int, core: str, tv: TaskVerb, cues: Cues, names: Names, initial: bool) -> bool:
    """Can the subject text[s:e] (folded: ``core``) do the task of verb ``tv``?

    A name (an entity that ends the subject, or a first name), a role ('sekreteraren') or, for verbs
    that take any doer, a person or an organisation ('Organisationerna', 'Förvaltningen'); never a
    thing ('Fönstren skall gå lätt att öppna'). A lower-case word opening a sentence is no subject.
    """
    subj = text[s:e]
    tail_end = s + len(PAREN_RE.sub("", subj).rstrip())  # 'forskare från Centrum för tjänsteforskning (CTF)'
    in_subj = [n for n in names.within(s, e) if n[1] >= tail_end - 1]
    named = bool(in_subj) or _looks_like_name(subj, initial) or \
        (cues.agent_nouns is not None and cues.agent_nouns.match(core) is not None)
    if tv.subject == "named" and not named:
        return False
    # 'group': a name, a role, or a plural group ('Föreningarna bör presentera …'); a single
    # institution with 'bör' is advice ('Nämnden bör följa frågan')
    if tv.subject == "group" and not named and not PLURAL_DEFINITE_RE.search(core):
        return False
    if not named and not _agentive(core, cues):
        return False
    return bool(in_subj) or not (subj[:1].islower() and initial)


def staffing(text: str, start: int, end: int, cues: Cues, names: Names) -> ActionHit | None:
    """'I första hand är Allan, Per och Bosse involverade …' after a group was formed."""
    sent = text[start:end]
    f = flat(sent)
    for rx in cues.staffing:
        m = rx.search(f)
        if m:
            who = [t for _, _, t, label in sorted(names.within(start, end, ("PER",)))]
            if who:
                uniq = list(dict.fromkeys(who))
                return ActionHit(sent[m.start():m.end()].strip(), uniq, m.start())
    return None


def contribution(text: str, start: int, end: int, names: Names) -> ActionHit | None:
    """A guest or item listed under 'Nästa möte' with a named person or organisation."""
    sent = text[start:end]
    if is_question(sent):
        return None
    # names in brackets explain something ('FACT (Flexible Assertive …)'); they do not contribute
    bracketed = [(start + b.start(), start + b.end()) for b in re.finditer(r"\([^)]*\)?", sent)]
    found = [n for n in names.within(start, end) if not any(a <= n[0] < z for a, z in bracketed)]
    if not found:
        return None
    # an organisation after 'från' is the contributor ('ombud från PO Skåne')
    m = FROM_ORG_RE.search(sent)
    if m:
        return ActionHit("", [_org_at(m, start, names)], 0)
    per = [t for _, _, t, label in sorted(found) if label == "PER"]
    # the names listed first ('Anna och Erik, som …'): stop at the first non-name stretch
    who = list(dict.fromkeys(per or [t for _, _, t, _ in sorted(found)]))
    return ActionHit("", who[:4], 0)


_NAME = r"[A-ZÅÄÖÉ][\wåäöéü-]*(?:\s+[A-ZÅÄÖÉ][\wåäöéü-]*){0,2}"
_NAMES = _NAME + r"(?:\s*(?:,|/|&|\boch\b|\bsamt\b)\s*" + _NAME + r")*"
LEAD_WHO_RE = re.compile(r"^(?P<who>" + _NAMES + r")\s*(?::|\s[–—-])\s+(?=\S)")
# the doer after the task, perhaps followed by its deadline: 'Skicka ansökan – Göran, senast 31 oktober'
TAIL_WHO_RE = re.compile(r"(?:\s[–—-]\s*|\s*\(\s*(?:ansvarig:?\s*)?|,\s*(?:ansvarig:?\s*)?|\s/\s*)(?P<who>" + _NAMES
                         + r")\s*\)?\s*(?:,\s*(?:senast|innan|före|till|klart|deadline)\b[^,()]{1,40})?[.]?$")


def _all_names(who: str, start: int, names: Names, cues: Cues) -> bool:
    """Is every part of ``who`` a name (an entity there, or a capitalised word that is no noun)?"""
    parts = split_names(who)
    if not parts:
        return False
    for p in parts:
        if fold(p) in STOP_CAPS or (cues.non_agents is not None and cues.non_agents.match(fold(p))):
            return False
        # a name the NER stage or the attendee list knows, or a first name ('Issue - gå igenom …' is a topic)
        if not names.within(start, start + len(who)) and not _is_first_name(p.split()[0]):
            return False
    return True


def task_item(text: str, start: int, end: int, cues: Cues, names: Names,
              prev: tuple[int, int] | None = None) -> ActionHit:
    """An item of a to-do list ('Att göra:', 'Åtgärder:'): always an action item. The doer is
    written before a colon or dash ('Anna: boka lokal', 'Lars – skicka kallelsen'), after
    the task ('Boka lokal (Anna)', 'Skicka kallelsen – Lars'), or as the subject of a task
    verb ('Anna bokar lokal')."""
    item = text[start:end]
    m = LEAD_WHO_RE.match(item)
    if m and _all_names(m.group("who"), start + m.start("who"), names, cues):
        return ActionHit("", split_names(m.group("who")), 0, explicit=True)
    m = TAIL_WHO_RE.search(item)
    if m and m.start() > 0 and _all_names(m.group("who"), start + m.start("who"), names, cues):
        dash = re.match(r"\s[–—-]", item[m.start():m.start("who")]) is not None
        return ActionHit("", split_names(m.group("who")), m.start("who"), explicit=True,
                         owner_at=m.start() if dash else None)
    hit = classify(text, start, end, cues, names, prev)
    if hit is not None:
        return hit
    run = _names_ending_at(text, start, _first_lower_word(text, start, end), names)
    if run and run[0][0] == start:  # 'Maja och Tomas samlar frågor': the names that open the item
        return ActionHit("", [n[2] for n in run], 0)
    return ActionHit("", [], 0)


def _first_lower_word(text: str, start: int, end: int) -> int:
    """Where the first word in lower case (after the names that open an item) begins, minus the space."""
    m = re.search(r"\s+(?=(?!(?:och|samt)\b)[a-zåäö])", text[start:end])
    return start + m.start() if m else start
