"""Who took part in a Swedish meeting: attendance headings, roles, party letters, absence marks.

Shared knowledge: segmentation reads attendance with it, NER and the person index may use the
same vocabulary. Roles are normalised to one vocabulary (:data:`ROLES`) or kept as the job title
written after a name ('förvaltningschef'); "närvarande" or "deltagare" is never a role.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from pipeline.lang.fold import fold_cue_text
from pipeline.lang.terms import Term, vocabulary

# the normalised role vocabulary (a job title written after a name is kept as written, lower case)
ROLE_TERMS = vocabulary(
    Term("ordförande", "Chairs the body, or this meeting.", ("Lena Holm (S), ordförande", "Mötesordförande: Ali Said")),
    Term("vice ordförande", "The (first) deputy chair.", ("Per Lind (M), 1:e vice ordförande",)),
    Term("2:e vice ordförande", "The second deputy chair.", ("Eva Ek (SD), 2:e vice ordförande",)),
    Term("ledamot", "A full member of the body, taking part in its decisions.",
         ("Beslutande ledamöter: Karin Berg (C), Ola Nyström (L)",)),
    Term("tjänstgörande ersättare", "A substitute who serves (decides) in a member's place at this meeting.",
         ("Lars Sundström (M) tjänstgör för Maria Persson (M)", "Tjänstgörande ersättare: Sara Nilsson (V)")),
    Term("ersättare", "A substitute who attends without serving: may speak, does not decide.",
         ("Ersättare: Sofia Ahmed (V), Jonas Holm (KD)",)),
    Term("sekreterare", "Keeps the minutes (also written protokollförare, nämndsekreterare, 'vid pennan').",
         ("Vid protokollet: Josefin Ek, nämndsekreterare",)),
    Term("justerare", "Checks and signs the minutes afterwards.", ("Utses att justera: Karin Berg (C)",)),
    Term("kassör", "Treasurer of an association or cooperative.", ("Bengt Nilsson, kassör",)),
    Term("suppleant", "A deputy member of an association's board (styrelsesuppleant).",
         ("Suppleanter: Eva Holm, Ali Hassan",)),
    Term("adjungerad", "Co-opted: invited to take part, with the right to speak but not to decide.",
         ("Adjungerad: Maja Strand, Funktionsrätt Stockholm",)),
    Term("personalföreträdare", "Represents the staff's unions at the meeting; does not decide.",
         ("Personalföreträdare: Anders Lund (Vision)",)),
)
ROLES = tuple(t.name for t in ROLE_TERMS)

# what the minutes say of a listed person's attendance (attendees.present is true for the first two)
ATTENDANCE_STATUSES = vocabulary(
    Term("present", "Listed as taking part in the meeting (also for some of its items only: '§§ 46-59').",
         ("Närvarande: Anna Svensson, RSMH", "Karl Berg (L), ledamot, §§ 46-59")),
    Term("substitute", "Present as a tjänstgörande ersättare, serving in a member's place.",
         ("Lars Sundström (M) tjänstgör för Maria Persson (M)",)),
    Term("absent", "Listed, but marked absent.", ("Frånvarande: Per Ek (S)", "Eva Holm (anmält förhinder)")),
    Term("replaced", "A member a substitute served for: not present.",
         ("Lars Sundström (M) tjänstgör för Maria Persson (M) — Maria Persson",)),
    Term("invited", "Listed only among those invited (Kallade), not among those present.",
         ("Kallade: Ola Nyström, Sara Nilsson",)),
)

# a role as written (lower case, no trailing dot) -> its normalised form; None: not a role
_ROLE_FORMS: dict[str, str | None] = {
    "ordf": "ordförande", "ordförande": "ordförande", "mötesordförande": "ordförande", "ordföranden": "ordförande",
    "vice ordföranden": "vice ordförande", "sekreteraren": "sekreterare", "kassören": "kassör",
    "ledamoten": "ledamot", "stämmoordförande": "ordförande", "sammankallande": "ordförande",
    "mötets ordförande": "ordförande", "ordf. för mötet": "ordförande",
    "vice ordförande": "vice ordförande", "vice ordf": "vice ordförande", "v ordf": "vice ordförande",
    "v. ordf": "vice ordförande", "1:e vice ordförande": "vice ordförande", "förste vice ordförande": "vice ordförande",
    "första vice ordförande": "vice ordförande", "1:a vice ordförande": "vice ordförande",
    "2:e vice ordförande": "2:e vice ordförande", "andre vice ordförande": "2:e vice ordförande",
    "1:e vice ordf": "vice ordförande", "2:e vice ordf": "2:e vice ordförande", "1:e v ordf": "vice ordförande",
    "2:e v ordf": "2:e vice ordförande", "1:e v. ordf": "vice ordförande", "2:e v. ordf": "2:e vice ordförande",
    "andra vice ordförande": "2:e vice ordförande",
    "ledamot": "ledamot", "ledamöter": "ledamot", "ordinarie ledamot": "ledamot", "styrelseledamot": "ledamot",
    "ordinarie": "ledamot", "ledamot i styrelsen": "ledamot",
    "tjänstgörande ersättare": "tjänstgörande ersättare", "tjg ers": "tjänstgörande ersättare",
    "tjg. ers": "tjänstgörande ersättare", "tjänstgörande": "tjänstgörande ersättare",
    "ersättare": "ersättare", "ers": "ersättare", "icke tjänstgörande ersättare": "ersättare",
    "sekreterare": "sekreterare", "sekr": "sekreterare", "mötessekreterare": "sekreterare",
    "mötets sekreterare": "sekreterare", "protokollförare": "sekreterare", "protokollförande": "sekreterare",
    "nämndsekreterare": "sekreterare", "styrelsesekreterare": "sekreterare", "kommittésekreterare": "sekreterare",
    "sekreterare i styrelsen": "sekreterare", "antecknare": "sekreterare", "sekreterar": "sekreterare",
    "justerare": "justerare", "justerande": "justerare", "protokolljusterare": "justerare",
    "justeringsperson": "justerare", "justeringsman": "justerare", "förste justerare": "justerare",
    "andre justerare": "justerare", "justerare tillika rösträknare": "justerare",
    "kassör": "kassör", "kassör i styrelsen": "kassör",
    "suppleant": "suppleant", "styrelsesuppleant": "suppleant", "ersättare i styrelsen": "suppleant",
    "adjungerad": "adjungerad", "adj": "adjungerad", "adjungerande": "adjungerad", "adjungerade": "adjungerad",
    "personalföreträdare": "personalföreträdare", "personalrepresentant": "personalföreträdare",
    "antecknar": "sekreterare", "för anteckningar": "sekreterare", "antecknade": "sekreterare",
    # block words, not roles
    "närvarande": None, "deltagare": None, "mötesdeltagare": None, "övrig": None, "övriga": None,
    "gäst": None, "gäster": None, "beslutande": None, "frånvarande": None, "kallade": None,
}

# words that end a job title ('förvaltningschef', 'utvecklingsledare'): a role, not an organisation
_JOB_ENDINGS = ("chef", "direktör", "sekreterare", "handläggare", "samordnare", "strateg", "utvecklare",
                "controller", "ekonom", "jurist", "registrator", "kurator", "socionom", "sjuksköterska",
                "utredare", "ombud", "representant", "assistent", "föredragande", "konsult", "ledare",
                "specialist", "praktikant", "biträde", "planerare", "arkivarie", "revisor", "rådgivare",
                "inspektör", "administratör", "koordinator", "pedagog", "psykolog", "läkare", "analytiker",
                "arkitekt", "ingenjör", "tekniker", "expert", "förvaltare", "chefsjurist", "kommunikatör",
                "sakkunnig", "projektledare", "verksamhetsledare", "enhetschef", "stödbiträde", "forskare",
                "medarbetare", "utvecklingsledare", "ansvarig", "samordnare", "tolk", "vaktmästare",
                "skötare", "anställd", "rektor", "lärare", "förvaltare", "präst", "diakon",
                "bibliotekarie", "sköterska", "kock", "vägledare", "tekniker", "kontrollant", "notarie",
                "kyrkoherde", "komminister", "kantor", "kommissarie", "ombudsman", "intendent")
_JOB_PREFIX = r"(?:(?:bitr(?:ädande)?\.?|t\.\s?f\.?|tf\.?|vice|senior|förste|särskild|medicinskt\s+ansvarig|" \
              r"ställföreträdande)\s+)?"
_JOB_TITLE = re.compile(r"^" + _JOB_PREFIX + r"(?:[a-zåäöé]+(?:-\s?|\s+och\s+|\s+))*[a-zåäöé-]*(?:"
                        + "|".join(sorted(_JOB_ENDINGS, key=len, reverse=True)) + r")$")
# an upper-case acronym of a job title (MAS: medicinskt ansvarig sjuksköterska)
_JOB_ACRONYMS = frozenset({"MAS", "MAR", "SAS", "MAP", "HR-chef", "IT-chef"})

# party letters written in parentheses after a politician's name
PARTIES = frozenset({"S", "M", "V", "C", "L", "KD", "MP", "SD", "FP", "NYD", "PP", "FI", "KB", "SPI", "SVP",
                     "LPo", "ÖP", "KV", "VG", "SJV", "MED"})
_PARTY_CODE = re.compile(r"^[A-ZÅÄÖ]{1,4}$")

ABSENT_MARKS = re.compile(r"\b(?:ej\s+närvarande|ej\s+närv\.?|frånvarande|förhindrad|anmält\s+förhinder|"
                          r"anmält\s+frånvaro|deltog\s+ej|deltar\s+ej|ej\s+med|inte\s+närvarande|"
                          r"inte\s+med|ej\s+på\s+plats|avböjt|ej\s+deltagande|förhinder)\b", re.IGNORECASE)
# a mark that someone came or left part way: still present
PARTIAL_MARKS = re.compile(r"\b(?:anslöt\s+senare|anslöt\s+kl\.?|kom\s+senare|gick\s+tidigare|lämnade\s+mötet|"
                           r"från\s+kl\.?|till\s+kl\.?|deltog\s+delvis|via\s+(?:teams|zoom|telefon|länk))\b",
                           re.IGNORECASE)


@dataclass(frozen=True)
class AttendanceKind:
    """What a block heading says about the people under it."""
    role: str | None     # role given to its members ('ledamot'), None when the heading gives none
    present: bool        # False under 'Frånvarande'
    invited: bool = False  # 'Kallade': attendance only together with a list of those present
    organisation: str | None = None  # 'För Nordhamnshem AB: …': the organisation of the people on the line


_PRESENT = AttendanceKind(None, True)
# attendance heading (lower case) -> what it says
ATTENDANCE_HEADINGS: dict[str, AttendanceKind] = {
    "närvarande": _PRESENT, "deltagare": _PRESENT, "mötesdeltagare": _PRESENT, "närvarolista": _PRESENT,
    "deltagande": _PRESENT, "närvarande deltagare": _PRESENT, "deltog": _PRESENT, "medverkande": _PRESENT,
    "närvaro": _PRESENT, "de som deltog": _PRESENT, "följande deltog": _PRESENT, "på mötet": _PRESENT,
    "vi var": _PRESENT, "vi som var med": _PRESENT, "med på mötet": _PRESENT, "närvarande var": _PRESENT,
    "med var": _PRESENT, "närvarande på mötet": _PRESENT,
    "närvarande ledamöter": AttendanceKind("ledamot", True), "fasta ledamöter": AttendanceKind("ledamot", True),
    "ordinarie ledamöter": AttendanceKind("ledamot", True), "ledamöter": AttendanceKind("ledamot", True),
    "beslutande": AttendanceKind("ledamot", True), "beslutande ledamöter": AttendanceKind("ledamot", True),
    "närvarande styrelseledamöter": AttendanceKind("ledamot", True),
    "styrelseledamöter": AttendanceKind("ledamot", True),
    "närvarande från styrelsen": AttendanceKind("ledamot", True),
    "tjänstgörande ersättare": AttendanceKind("tjänstgörande ersättare", True),
    "tjänstgörande ersättare/ledamöter": AttendanceKind("tjänstgörande ersättare", True),
    "ersättare": AttendanceKind("ersättare", True), "närvarande ersättare": AttendanceKind("ersättare", True),
    "icke tjänstgörande ersättare": AttendanceKind("ersättare", True),
    "ej tjänstgörande ersättare": AttendanceKind("ersättare", True),
    "suppleanter": AttendanceKind("suppleant", True), "närvarande suppleanter": AttendanceKind("suppleant", True),
    "övriga närvarande": _PRESENT, "övriga deltagare": _PRESENT, "övriga deltagande": _PRESENT,
    "övriga": _PRESENT, "även närvarande": _PRESENT, "dessutom närvarande": _PRESENT,
    "närvarande tjänstemän": _PRESENT, "närvarande tjänstepersoner": _PRESENT, "tjänstemän": _PRESENT,
    "tjänstepersoner": _PRESENT, "tjänsteperson": _PRESENT, "från förvaltningen": _PRESENT,
    "adjungerade": AttendanceKind("adjungerad", True), "adjungerad": AttendanceKind("adjungerad", True),
    "sakkunnigt biträde": _PRESENT, "sakkunniga biträden": _PRESENT, "sakkunniga": _PRESENT,
    "revisorer": _PRESENT, "närvarande revisorer": _PRESENT, "dessutom närvarade": _PRESENT,
    "närvarade även": _PRESENT, "även närvarade": _PRESENT,
    "gäster": _PRESENT, "gäst": _PRESENT, "inbjudna": _PRESENT, "inbjudna gäster": _PRESENT,
    "personalföreträdare": AttendanceKind("personalföreträdare", True),
    "personalrepresentanter": AttendanceKind("personalföreträdare", True),
    "övriga mötesdeltagare": _PRESENT, "närvarande övriga": _PRESENT,
    "frånvarande": AttendanceKind(None, False), "anmält förhinder": AttendanceKind(None, False),
    "förhinder": AttendanceKind(None, False), "frånvarande ledamöter": AttendanceKind("ledamot", False),
    "ej närvarande": AttendanceKind(None, False), "anmäld frånvaro": AttendanceKind(None, False),
    "frånvarande ersättare": AttendanceKind("ersättare", False),
    "kallade": AttendanceKind(None, False, invited=True), "kallade ledamöter": AttendanceKind("ledamot", False, True),
    "inbjudna men ej närvarande": AttendanceKind(None, False),
}
# a free heading sentence that introduces the list of participants ('De som deltog i mailtråden var')
_ATTENDANCE_PHRASE = re.compile(r"^(?:de\s+som\s+(?:deltog|var\s+med|närvarade)|följande\s+(?:deltog|närvarade|var\s+med)|"
                                r"närvarande\s+(?:vid|på|var)|deltagare\s+(?:vid|på|i))\b[^.!?]{0,60}$", re.IGNORECASE)
# 'Närvarande revisorer', 'Deltagande styrelseledamöter', 'Närvarande från förvaltningen': a kind of people present
_PRESENT_NOUN = re.compile(r"^(?:närvarande|deltagande|närvarade)\s+(?:från\s+)?[a-zåäö-]+(?:\s+[a-zåäö-]+)?$", re.IGNORECASE)


def normalise_role(text: str | None) -> str | None:
    """One vocabulary for roles: '1:e vice ordförande' -> 'vice ordförande', 'Ordf.' -> 'ordförande',
    'Nämndsekreterare' -> 'sekreterare', 'förvaltningschef' -> 'förvaltningschef' (a job title);
    None for block words such as 'närvarande'."""
    if not text:
        return None
    s = re.sub(r"\s+", " ", text.strip().strip(".,:;()").strip())
    key = s.lower().rstrip(".")
    if key in _ROLE_FORMS:
        return _ROLE_FORMS[key]
    if is_job_title(s):
        return s.lower() if _JOB_TITLE.match(s.lower()) else singular(s.lower())
    return None


def is_role_word(text: str) -> bool:
    """A role as written, known to the vocabulary ('Ordförande', 'ledamot', 'sekr.')."""
    return _ROLE_FORMS.get(re.sub(r"\s+", " ", text.strip().strip(".,:;").lower())) is not None


def is_job_title(text: str) -> bool:
    """A job title written after a name: 'förvaltningschef', 'biträdande förvaltningschef',
    'HR- och kommunikationschef', 'MAS'. Capitalised words that name an organisation are not."""
    s = re.sub(r"\s+", " ", text.strip().strip(".,;"))
    if s in _JOB_ACRONYMS:
        return True
    if not s or len(s) > 60:
        return False
    low = s[0].lower() + s[1:]
    if low != low.lower() and not re.fullmatch(r"[A-ZÅÄÖ]{2,4}-\s?och\s+[a-zåäö]+", s):
        return False  # 'Socialförvaltningen' stays an organisation; 'HR- och kommunikationschef' is a title
    low = low.lower()
    return bool(_JOB_TITLE.match(low) or _JOB_TITLE.match(singular(low)))


def singular(title: str) -> str:
    """A title in the singular ('föräldrarepresentanter' -> 'föräldrarepresentant', 'chefer' -> 'chef')."""
    for plural, one in (("erna", ""), ("arna", "e"), ("ter", "t"), ("er", "")):
        if title.endswith(plural) and len(title) > len(plural) + 3:
            return title[: -len(plural)] + one
    return title


def is_party(code: str) -> bool:
    """Party letters as written in parentheses ('S', 'KD', 'MP'); a local party's letters too."""
    c = code.strip().strip(".")
    return c in PARTIES or (bool(_PARTY_CODE.match(c)) and len(c) <= 3 and c not in {"EY", "PWC", "KPMG"})


def attendance_heading(text: str) -> AttendanceKind | None:
    """What an attendance heading says ('Närvarande', 'Närvarande ledamöter:', 'Kallade'), else None.
    OCR's lost diacritics are forgiven ('Narvarande')."""
    key = re.sub(r"\s*\([^)]*\)", "", text.strip().strip("*#_")).strip().rstrip(":").strip()
    key = re.sub(r"\s+", " ", key).lower()
    if key in ATTENDANCE_HEADINGS:
        return ATTENDANCE_HEADINGS[key]
    folded = _FOLDED_HEADINGS.get(fold_cue_text(key))
    if folded:
        return ATTENDANCE_HEADINGS[folded]
    if _ATTENDANCE_PHRASE.match(key) or _PRESENT_NOUN.match(key):
        return _PRESENT
    return None


_FOLDED_HEADINGS = {fold_cue_text(k): k for k in ATTENDANCE_HEADINGS}


# a label over a group of the people present ('Vuxna:', 'Förtroendevalda'): no organisation
GROUP_LABELS = frozenset({"vuxna", "ungdomar", "elever", "föräldrar", "föräldrarepresentanter", "brukare",
                          "brukarrepresentanter", "förtroendevalda", "politiker", "personal", "medlemmar",
                          "representanter", "pensionärsorganisationer", "organisationer", "föreningar",
                          "brukarorganisationer", "myndigheter", "experter", "observatörer", "från förvaltningen",
                          "från kommunen", "från regionen", "från föreningarna", "föreningarna", "organisationerna",
                          "pensionärsorganisationerna", "brukarorganisationerna", "myndigheterna", "politikerna",
                          "förtroendevalda politiker", "intresseorganisationer", "intresseorganisationerna",
                          "funktionshindersorganisationer", "funktionshindersorganisationerna"})


def is_group_label(text: str) -> bool:
    """'Vuxna:', 'Förtroendevalda', 'Pensionärsorganisationer': a group of those present."""
    return text.strip().rstrip(":").strip().lower() in GROUP_LABELS


def attendance_heading_words() -> list[str]:
    """The attendance headings, longest first (for a regex that finds 'Närvarande: A, B')."""
    return sorted(ATTENDANCE_HEADINGS, key=len, reverse=True)


ROLE_RANK = {"ordförande": 0, "vice ordförande": 0, "2:e vice ordförande": 0, "justerare": 1,
             "sekreterare": 2, "tjänstgörande ersättare": 3, "kassör": 4, "adjungerad": 4,
             "personalföreträdare": 5, "ledamot": 6, "suppleant": 6, "ersättare": 7}


def more_specific_role(a: str | None, b: str | None) -> str | None:
    """Of two roles given to one person, the more specific ('justerare' over 'ledamot',
    'sekreterare' over 'nämndsekreterare' already normalised, a job title over 'ersättare')."""
    if not a or not b:
        return a or b
    return a if ROLE_RANK.get(a, 4) <= ROLE_RANK.get(b, 4) else b


def role_forms() -> dict[str, list[str]]:
    """Each role of :data:`ROLES` -> the ways minutes write it (each normalises to the role): for the codebook."""
    out: dict[str, list[str]] = {r: [] for r in ROLES}
    for form, role in _ROLE_FORMS.items():
        if role in out and form != role:
            out[role].append(form)
    return out


def job_title_endings() -> list[str]:
    """The word endings that make a written title a job title, kept as the role ('förvaltningschef')."""
    return sorted(set(_JOB_ENDINGS))


def headings_by_status() -> dict[str, list[str]]:
    """The attendance headings grouped by what they say of the people under them: present, absent, invited."""
    out: dict[str, list[str]] = {"present": [], "absent": [], "invited": []}
    for heading, kind in ATTENDANCE_HEADINGS.items():
        out["invited" if kind.invited else "present" if kind.present else "absent"].append(heading)
    return out
