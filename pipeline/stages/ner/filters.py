"""Checks on candidate spans: common words that look like names, model spans to trim or drop.

A news model reads a capitalised word at a line start, a heading word or an ordinary compound
as a name; these checks decide, from the document itself, whether a span can be one.
"""
from __future__ import annotations

import re
from functools import lru_cache

from pipeline.lang.roles import is_not_name_word
from pipeline.lang.words import whole_words
from pipeline.stages.ner.names import is_proper_noun
from pipeline.stages.ner.patterns import NOT_ORG_ACRONYMS
from pipeline.stages.ner.people import fold

# titles and roles written before names: 'Professor Per Skålén', 'ordförande Anna Ek'
_TITLE = re.compile(r"^(?:(?:[Pp]rofessor|[Pp]rof\.|[Dd]ocent|[Dd]r\.?|[Dd]oktor|[Ff]il\.?\s?dr\.?|[Rr]ektor|"
                    r"[Oo]rdförande|[Ss]ekreterare|[Vv]ice|[Cc]hef|[Ss]tatsminister|[Mm]inister|[Bb]iskop|"
                    r"[Kk]ommunalråd(?:et)?|[Ff]orskare(?:n)?|[Hh]err|[Ff]ru|[Ff]röken)\s+)+")
# generic or anaphoric nouns that are not names, and meeting words the model confuses
GENERIC = {
    "förvaltningen", "staden", "kommunen", "regionen", "föreningen", "föreningarna", "organisationen",
    "organisationerna", "brukarorganisationerna", "brukarorganisationer", "nämnden", "styrelsen", "gruppen",
    "arbetsgruppen", "myndigheten", "myndigheter", "landstinget", "centrum", "stan", "byn", "regeringen",
    "närvarande", "frånvarande", "beslut", "övrigt", "mötet", "protokoll", "dagordning", "ordförande",
    "sekreterare", "justerare", "vid pennan", "ej närvarande", "fasta ledamöter", "ledamöter", "ersättare",
    "tabell", "bilaga", "stiftelsen", "kultur", "barn", "vård", "omsorg", "staten", "riket",
}
_GENERIC_FOLDED = {fold(g) for g in GENERIC}
_HAS_UPPER = re.compile(r"[A-ZÅÄÖÉÜ]")
_LINE_START = re.compile(r"(?:^|\n)[ \t]*(?:[-–•*●○■▪e][ \t]+|\d+[.)][ \t]+)?$")
_SENT_START = re.compile(r"[.!?:][\s\"'”»)]*$")
_EDGE = " \t\n\"'“”‘’«»()[]{}*•●○■▪-–—,.:;!?/|"


@lru_cache(maxsize=1)
def stop_words() -> frozenset[str]:
    from spacy.lang.sv.stop_words import STOP_WORDS
    return frozenset(STOP_WORDS)


_stop_words = stop_words


def at_sentence_start(text: str, start: int) -> bool:
    before = text[max(0, start - 40):start]
    return start == 0 or bool(_LINE_START.search(before) or _SENT_START.search(before))


def is_common_word(text: str, start: int, end: int, strict: bool = True) -> bool:
    """A single capitalised word that is a common word, not a name: a stop word, a whole line
    (a heading), a plural definite noun ('Volontärerna'), or (``strict``) a word at a line or
    sentence start that the text never writes capitalised in mid-sentence."""
    word = text[start:end]
    if " " in word or "\n" in word:
        return False
    low = word.lower()
    if low in _stop_words():
        return True
    ls = text.rfind("\n", 0, start) + 1
    le = text.find("\n", end)
    le = len(text) if le < 0 else le
    if not text[ls:start].strip(" \t-–•*/●○■▪") and not text[end:le].strip(" \t.:!?"):
        return True
    if is_proper_noun(word):
        return False  # 'Sverige', 'Olsson', 'Pernilla' at the start of a sentence
    if word[1:].islower() and len(word) > 6 and low.endswith(("erna", "arna", "orna")):
        return True
    if strict and at_sentence_start(text, start):
        if text[end:end + 1] == ":":
            return True
        for m in whole_words(word).finditer(text):
            if m.start() != start and not at_sentence_start(text, m.start()):
                return False
        return True
    return False


def trim_edges(text: str, start: int, end: int) -> tuple[int, int]:
    """Without punctuation and with no label or title word at either end ('Plats Stadshuset')."""
    while True:
        while start < end and text[start] in _EDGE:
            start += 1
        while end > start and text[end - 1] in _EDGE:
            end -= 1
        m = re.match(r"\S+", text[start:end])
        if m and m.end() < end - start and is_not_name_word(m.group()):
            start += m.end()
            continue
        m = re.search(r"\S+$", text[start:end])
        if m and m.start() > 0 and is_not_name_word(m.group()):
            end = start + m.start()
            continue
        return start, end


def clean_model_span(text: str, start: int, end: int, label: str) -> tuple[int, int] | None:
    """Trim titles, labels and punctuation from a model span; None when what is left is not a name."""
    if label == "PER":
        m = _TITLE.match(text[start:end])
        if m:
            start += m.end()
    start, end = trim_edges(text, start, end)
    span = text[start:end]
    if len(span) < 2 or len(span) > 60 or "\n\n" in span or span.count("\n") > 1:
        return None
    if not _HAS_UPPER.search(span[0]) and label in ("PER", "LOC"):
        return None
    if not _HAS_UPPER.search(span) or is_not_name_word(span):
        return None
    if fold(span) in _GENERIC_FOLDED or any(ch.isdigit() for ch in span) and label == "PER":
        return None
    if span.upper() in NOT_ORG_ACRONYMS:
        return None
    if span.isupper() and len(span) > 1 and label == "PER" and " " not in span:
        return None  # all-capital text: keep multi-word names only
    return start, end


_PLACE_CUE = re.compile(r"(?i:\b(?:i|på|till|från|vid|mot|utanför|runt|nära|genom|över|via|inom|ut\s+i|"
                        r"bort\s+till|hela|norra|södra|östra|västra|centrala)\s+)$")
_PLACE_END = re.compile(r"(?:gatan|vägen|torget|torg|parken|rummet|salen|huset|skolan|kyrkan|stranden|hamnen|"
                        r"berget|backen|viken|holmen|ön|sjön|dalen|by|köping|hamn|stad|landet|län|mark)s?$", re.IGNORECASE)


def plausible_place(text: str, start: int, end: int, places: set[str] | None = None) -> bool:
    """A model 'place' that can be one: a known place name (the gazetteer's or a capitalised
    dictionary stem that is not a first name), a word with a place ending ('-gatan', '-rummet'),
    several capitalised words, or a name after a locative preposition ('i Tofsvipan'); not an
    English word ('Resources', 'Sandbox')."""
    from pipeline.lang.names import is_first_name
    from pipeline.stages.ner.names import is_english_word

    span = text[start:end]
    words = span.split()
    if len(words) == 1 and (is_english_word(span) or is_first_name(span)):
        return False
    from wordfreq import zipf_frequency

    from pipeline.stages.ner.names import is_common_noun

    if places and span in places:
        return True
    if any(_PLACE_END.search(w) and not is_common_noun(w) for w in words if not w.isdigit()):
        return True  # 'Storgatan 3', 'Kyrkskolan' (not 'Bostad')
    if len(words) == 1 and is_proper_noun(span):
        return True
    if len(words) >= 2 and all(w[:1].isupper() for w in words):
        return True
    if len(words) == 1 and len(span) > 8 and re.search(r"(?:en|et|na|erna)$", span):
        return False  # 'Narkotikautredningen', 'Kungsbackamodellen': a noun in the definite form
    # after 'i'/'på'/'till': a name, not an ordinary noun ('till Rekommendationer')
    return bool(_PLACE_CUE.search(text[max(0, start - 20):start])) and zipf_frequency(span.lower(), "sv") < 3.0


def lead_word_end(text: str, start: int, end: int) -> int:
    """Where a person span starts once an ordinary word that opens the sentence is left out
    ('Fixar Pierre det?', 'Senast Halmstad'); a name with no such word keeps its start."""
    from wordfreq import zipf_frequency

    from pipeline.lang.names import is_first_name

    m = re.match(r"[^\W\d_]+\.?", text[start:end])
    if not m or m.end() >= end - start or text[start + m.end()] != " ":
        return start
    word = m.group().rstrip(".")
    if word.isupper() or not word[1:].islower():
        return start  # capitals ('DAVID BERGSTRÖM') or a name with inner capitals
    if (zipf_frequency(word.lower(), "sv") >= 3.5 and not is_first_name(word) and not is_proper_noun(word)
            and is_common_word(text, start, start + len(word))):
        return start + m.end() + 1
    return start


def common_word_name(t: str) -> bool:
    """A multi-word 'person' made of ordinary capitalised words ('Hela Människan'): no word is a
    listed first name or a proper noun, and the first is a frequent Swedish word."""
    from wordfreq import zipf_frequency

    words = t.split()
    if len(words) < 2 or not all(w[:1].isupper() and w[1:].islower() for w in words):
        return False
    if any(is_proper_noun(w) for w in words):
        return False
    return zipf_frequency(words[0].lower(), "sv") >= 4.5
