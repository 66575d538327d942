"""Swedish organisation and place patterns for meeting minutes.

News-trained models miss what minutes are full of: lower-case administrations
('socialförvaltningen'), '… nämnden', 'Region Skåne', 'Helsingborgs stad', acronyms ('IFS',
'G7'), streets and squares ('Hamntorget') and virtual venues ('via Teams'). These are regular
expressions over the text, tolerant of OCR damage to å/ä/ö, exposed both as a plain function
(:func:`find_patterns`) and as a registered spaCy component (``minutes_patterns``) that writes
the spans to ``doc.spans["patterns"]``.

Generic or anaphoric nouns ('förvaltningen', 'föreningen', 'staden') are not matched: an
organisation suffix needs a name part in front of it.
"""
from __future__ import annotations

import re

from spacy.language import Language
from spacy.tokens import Doc

from pipeline.contract.record import LabelledSpan

# a letter that OCR may have damaged: å/ä/ö and what they become
_O = "[öoóòéeб6&]"
_A = "[äåaáàd&]"
_L = r"[A-Za-zÅÄÖåäöÉéÜü]"           # a letter
_UP = r"[A-ZÅÄÖÉÜ]"                  # an upper-case letter
_W = r"[A-Za-zÅÄÖåäöÉéÜü0-9]"          # a word character (no underscore)
_NB = r"(?<![\w-])"                   # left word boundary (hyphen counts as word)
_NA = r"(?![\w])"                     # right word boundary

# Suffixes that make a compound a named body; lower case is allowed ('socialförvaltningen').
_ORG_SUFFIX_ANY_CASE = [
    f"f{_O}rvaltningen", f"n{_A}mnden", f"f{_O}reningen", f"f{_O}rbundet", "styrelsen",
    f"h{_O}gskolan", "inspektionen", "myndigheten", "delegationen", "enheten", "avdelningen", "departementet",
    "jouren", "revisionen", "ombudet", "utskottet", "beredningen", "sektionen", "r[åa]det", "staben",
]
# words that end like a body but are not one ('erfarenheten', 'lägenheten')
_NOT_BODIES = {"huvudkontoret", "hemmakontoret", "erfarenheten", "lägenheten", "lagenheten", "erfarenheterna", "gemenheten", "beredningen",
               "området", "förrådet", "omradet", "forradet", "utrymmet", "tillrådet", "avrådet"}
# Public bodies that are names on their own, in any case ('socialtjänsten', 'Försäkringskassan').
_ORG_WORDS = [
    f"socialtj{_A}nsten", f"f{_O}rs{_A}kringskassan", f"arbetsf{_O}rmedlingen", "polisen",
    "kriminalv[åa]rden", "(?:allm[äa]nna\\s)?arvsfonden", "migrationsverket", "skatteverket", "kronofogden",
    f"l{_A}nsstyrelsen",
    "socialstyrelsen", "kommunstyrelsen", "kommunfullm[äa]ktige", "regionfullm[äa]ktige", "kyrkofullm[äa]ktige",
    f"f{_O}rvaltningsr{_A}tten", f"kammarr{_A}tten", f"hovr{_A}tten", f"tingsr{_A}tten", "migrationsdomstolen",
    "arbetsdomstolen", f"h{_O}gsta\\sdomstolen", f"h{_O}gsta\\sf{_O}rvaltningsdomstolen",
    f"(?:f{_O}rvaltnings|stads|kommun|verksamhets|koncern|region)ledningen",
]
# Suffixes that need a capitalised name ('Fritidsbanken', 'LP-stiftelsen', 'Skatteverket').
_ORG_SUFFIX_CAPITAL = [
    "stiftelsen", "banken", f"byr{_A}n", "verket", "kassan", f"f{_O}rmedlingen", "fonden",
    "akademien", "institutet", "kyrkan", "partiet", "rörelsen", "missionen", "armén", "trafiken", "kliniken",
]
_LOC_SUFFIX = ["torget", "gatan", f"v{_A}gen", f"gr{_A}nd", "parken", "platsen", "stranden", "hamnen",
               "backen", "allén", "torg", "leden", "sjön", "älven", "fjärden", "bäcken", "bygden", "(?<=[a-zåäö]{3})(?<![Ii]fr)ån"]
# what a named building or site is ('Ängsskolan', 'Granåsa gymnasium', 'Hammarö kapell',
# 'Hallbäcka kommunhus'): the place where something is, not the body that runs it
_SITE_NOUN = (r"(?:gymnasium|gymnasiet|f[öo]rskola|f[öo]rskolan|skola|kapell|lasarett|kommunhus|stadshus|"
              r"kyrkog[åa]rd(?:en)?|centrum|resecentrum|torg)")
# rooms: 'sal Bryggan', 'rum Linnea', 'mötesrum Ugglan', 'sammanträdesrum 3', 'konferensrummet plan 2'
_ROOM = (r"(?:[Ss]al(?:en)?|[Rr]um(?:met)?|(?i:m[öo]tes|sammantr[äa]des|konferens|grupp|studie|samlings|styrelse|"
         r"sessions)(?:rum(?:met)?|sal(?:en)?))")

# acronyms that are not organisations: laws, methods, tools, emphasis words, units
NOT_ORG_ACRONYMS = {
    "SIP", "IPS", "ACT", "FACT", "BBIC", "LSS", "SOL", "LVU", "LVM", "HVB", "KBT", "DBT", "MI", "ADHD",
    "ASD", "PTSD", "HR", "IT", "TV", "PDF", "CV", "OK", "OBS", "VD", "NB", "PS", "EN", "ETT", "INTE",
    "ALLA", "OCH", "ATT", "DET", "MEN", "NU", "JA", "NEJ", "VI", "DU", "MIN", "BRF", "AB", "HB", "KL",
    "CA", "ST", "NR", "II", "III", "IV", "VII", "VIII", "IX", "XI", "XII", "FAQ", "SMS", "URL",
    "GDPR", "COVID", "MVH", "EV", "TEL", "FIKA", "DVS", "ETC", "TILL", "FRÅN", "SOM", "HAR", "ÄR",
    "BNP", "ATP", "DDT", "VA", "PM", "KPI", "MOMS", "AI", "APT", "RUT", "ROT", "AT", "BT",
    # words of headings written in capitals
    "ÖVRIGT", "ÖVRIGA", "BESLUT", "MÖTE", "MÖTET", "INFO", "NYTT", "TACK", "HEJ", "PUNKT", "TEMA", "MÅL",
    "SYFTE", "PLATS", "TID", "TIDER", "DATUM", "BILAGA", "ÄRENDE", "ÄRENDEN", "FRÅGA", "FRÅGOR", "SVAR",
    "NÄSTA", "DAG", "DAGENS", "RAPPORT", "LUNCH", "PAUS", "NOTERA", "VIKTIG", "VIKTIGT", "STATUS",
    "KLART", "KLAR", "START", "SLUT", "ORD", "LISTA", "PLAN", "BUDGET", "EKONOMI", "NAMN", "ADRESS",
}
# acronyms of countries: places, not organisations
PLACE_ACRONYMS = {"USA", "UK", "DDR", "BRD", "USSR", "UAE", "SSSR"}

_ANY = "|".join(_ORG_SUFFIX_ANY_CASE)
_CAP = "|".join(_ORG_SUFFIX_CAPITAL)
_LOCS = "|".join(_LOC_SUFFIX)

_PATTERNS: list[tuple[str, re.Pattern]] = [
    # 'HR-enheten Helsingborgs stad', 'Helsingborgs stad', 'Lunds kommun', 'Region Skåne'
    ("ORG", re.compile(_NB + rf"(?:{_UP}[\w-]*(?:enheten|avdelningen|f{_O}rvaltningen)\s)?"
                       + rf"{_UP}{_L}+(?:-{_UP}{_L}+)?s\s(?:stad|kommun)" + _NA)),
    ("ORG", re.compile(_NB + r"[A-ZÅÄÖ]{3,}(?:-[A-ZÅÄÖ]+)?\s(?:KOMMUN|STAD)" + _NA)),
    ("ORG", re.compile(_NB + rf"{_UP}{_L}+(?:-{_UP}{_L}+)?\s(?:[Kk]ommun|[Ss]tad|[Uu]niversitet|[Hh]ögskola)" + _NA)),
    ("ORG", re.compile(_NB + rf"{_UP}{_L}+s\s(?:[Uu]niversitet|[Hh]ögskola|[Ll]än|[Ll]äns\s?landsting)" + _NA)),
    ("ORG", re.compile(_NB + rf"(?:Region|Landstinget|Länsstyrelsen\si)\s(?:Jämtland\sHärjedalen|"
                       rf"(?:Västra|Östra|Norra|Södra)\s{_UP}{_L}+|{_UP}{_L}+(?:\slän)?)" + _NA)),
    # 'Centrum för tjänsteforskning', 'Institutet för språk och folkminnen'
    ("ORG", re.compile(_NB + r"(?:Centrum|Center|Centret|Institutet|Rådet|Myndigheten|Förbundet|Föreningen|"
                       r"Stiftelsen|Akademin|Sällskapet|Riksförbundet|Nätverket|Kommittén|Byrån|Enheten|Avdelningen|"
                       r"Sektionen|Kansliet|Kontoret|Förvaltningen|Nämnden|Utskottet)\s(?:för|mot)\s"
                       r"[a-zåäö]{3,}(?:(?:\s(?:och|i)\s|,\s)[a-zåäö]{3,})?" + _NA)),
    # 'Nämnden för Individ & Familjeomsorg', 'förvaltningen för Vård och Omsorg', 'Utskottet för Teknik'
    ("ORG", re.compile(_NB + rf"(?:(?i:n{_A}mnden)(?:[ \t]f{_O}r)?|(?i:f{_O}rvaltningen|utskottet|kontoret|avdelningen|"
                       r"enheten|sektorn|beredningen|direktionen|styrelsen|r[åa]det|f[öo]rbundet|verksamheten|"
                       rf"omr[åa]det)[ \t]f{_O}r)[ \t]{_UP}{_L}+(?:\s(?:&|och)\s{_UP}{_L}+)*" + _NA)),
    # 'Kommunstyrelsens arbetsutskott', 'Socialnämndens individutskott'
    ("ORG", re.compile(_NB + rf"{_UP}{_L}+(?:n{_A}mndens|styrelsens|fullm{_A}ktiges)\s(?:{_L}*utskott|presidium|"
                       rf"f{_O}rvaltning|kansli)" + _NA)),
    # 'Tekniska nämnden', 'Sociala utskottet', 'Kommunala pensionärsrådet', 'Brukarrådet i Sjöhamra'
    ("ORG", re.compile(_NB + rf"{_UP}[a-zåäö]+(?:a|e)\s(?:n{_A}mnden|f{_O}rvaltningen|utskottet|enheten|avdelningen|"
                       rf"{_L}*r[åa]det|styrelsen|kansliet|kontoret)" + _NA)),
    ("ORG", re.compile(_NB + rf"(?:tekniska|sociala|kommunala|lokala|regionala)\s(?:n{_A}mnden|{_L}*r[åa]det|kontoret)" + _NA)),
    ("ORG", re.compile(_NB + rf"{_UP}{_L}+r[åa]det\si\s{_UP}{_L}+" + _NA)),
    # municipal areas and organs named by two words with '&': 'Kultur & Fritid', 'Vård & Omsorg'
    ("ORG", re.compile(_NB + rf"{_UP}{_L}+\s&\s{_UP}{_L}+" + _NA)),
    # courts: 'Förvaltningsrätten i Göteborg', 'Kammarrätten i Jönköping', 'Göteborgs tingsrätt'
    ("ORG", re.compile(_NB + rf"(?:F{_O}rvaltningsr{_A}tten|Kammarr{_A}tten|Hovr{_A}tten|Tingsr{_A}tten|"
                       rf"Migrationsdomstolen|Mark-\soch\smilj{_O}domstolen)\si\s{_UP}{_L}+" + _NA)),
    ("ORG", re.compile(_NB + rf"{_UP}{_L}+s\s(?:tingsr{_A}tt|hovr{_A}tt|f{_O}rvaltningsr{_A}tt)" + _NA)),
    # 'TCD Ekonomiska förening', 'Solgläntans ekonomiska förening', 'Stiftelsen Gyllenkroken', 'Häggvik HVB'
    ("ORG", re.compile(_NB + rf"{_UP}[\w&-]*(?:\s{_UP}[\w&-]*){{0,2}}\s[Ee]konomisk[a]?\s[Ff]{_O}rening" + _NA)),
    ("ORG", re.compile(_NB + rf"(?:Stiftelsen|Föreningen|Förbundet|Kooperativet|Bostadsrättsföreningen|Samfälligheten)"
                       rf"\s{_UP}{_L}+(?:\s{_UP}{_L}+)?" + _NA)),
    ("ORG", re.compile(_NB + rf"{_UP}{_L}+(?:\s{_UP}{_L}+)?\sHVB(?:-hem)?" + _NA)),
    # 'Ödeshults hembygdsförening', 'Barnahus Mittland'
    ("ORG", re.compile(_NB + rf"{_UP}{_L}+s\s[a-zåäö]*(?:f{_O}rening|f{_O}rbund|klubb|s{_A}llskap|idrottsf{_O}rening)"
                       + _NA)),
    ("ORG", re.compile(_NB + rf"(?:Barnahus|V{_A}rdcentralen|H{_A}lsocentralen|Folktandv{_A}rden)\s{_UP}{_L}+" + _NA)),
    # parishes: 'Sankt Olofs församling', 'Hallbäcka församling'
    ("ORG", re.compile(_NB + rf"(?:(?:Sankt|S:t)\s)?{_UP}{_L}+\sf{_O}rsamling" + _NA)),
    # 'Brf Solrosen', 'Brf. Eken 3'
    ("ORG", re.compile(_NB + rf"(?:Brf|BRF|HSB|Riksbyggen)\.?\s{_UP}{_L}+(?:\s{_UP}{_L}+)?(?:\s\d+)?" + _NA)),
    # 'Ekonomikonsult AB', 'Bygg & Montage HB'
    ("ORG", re.compile(_NB + rf"(?!(?:För|Av|Till|Från|Med|Hos|Vid|Enligt|Om|Mot)\s){_UP}[\w&-]*"
                       rf"(?:\s(?:&\s|i\s)?(?:{_UP}[\w&-]*|[a-zåäö]+(?:iga|liga|ska|na)(?=\s{_UP}))){{0,5}}"
                       r"\s(?:AB|HB|KB)(?:\s?\(publ\))?" + _NA)),
    # compounds with a body suffix: 'socialförvaltningen', 'Schizofreniföreningen', 'Arbetsmarknadsnämnden'
    # (with a coordinated first part: 'Hälso- och sjukvårdsförvaltningen', 'Vård- och omsorgsnämnden')
    ("ORG", re.compile(_NB + rf"(?:{_L}{{2,}}-\s(?:och|eller)\s)?(?:{_UP}{_W}*-)?{_L}{{3,}}(?:{_ANY})(?=s?{_NA})",
                       re.IGNORECASE)),
    ("ORG", re.compile(_NB + rf"(?:{'|'.join(_ORG_WORDS)})(?=s?{_NA})", re.IGNORECASE)),
    # lower-case offices are administrations ('trafikkontoret'); 'Kommunkontoret' is mostly the building
    ("ORG", re.compile(_NB + r"[a-zåäö]{3,}kontoret(?=s?(?![\w]))")),
    ("ORG", re.compile(_NB + rf"{_UP}[\w-]*?(?:{_CAP})(?=s?{_NA})")),
    ("ORG", re.compile(_NB + rf"{_UP}{_W}{{0,2}}-(?:{_CAP})(?=s?{_NA})")),
    # named houses run by associations: 'Hemlösas hus', 'Ungdomens hus', 'Kvinnornas hus'
    ("ORG", re.compile(_NB + rf"{_UP}{_L}+(?:s|ns|nas|rnas)\s[Hh]us" + _NA)),
    # housing companies: 'Helsingborgshem', 'Familjebostäder'
    ("ORG", re.compile(_NB + rf"{_UP}{_L}{{2,}}(?:shem|bost{_A}der)(?=s?{_NA})")),
    # 'soc' (colloquial for socialtjänsten) and platform names built on it ('Öppna soc', 'Öppnasoc')
    ("ORG", re.compile(r"(?<![\w-])(?:(?<=[a-zåäö,;] )[A-ZÅÄÖ][a-zåäö]+\s?|[A-ZÅÄÖ][a-zåäö]+)?soc(?![\w-])")),
    # places: 'Hamntorget', 'Drottninggatan', 'Storgatan 12'
    ("LOC", re.compile(_NB + r"(?:(?:Södra|Norra|Östra|Västra|Stora|Lilla|Gamla|Nya|Sankt|S:t)\s)?"
                       + rf"{_UP}{_L}*(?:{_LOCS})(?:\s\d+[A-Za-z]?)?(?=s?{_NA})")),
    # 'Södra Vägen 12', 'Lilla Torg', 'Stora Torget'
    ("LOC", re.compile(_NB + r"(?:Södra|Norra|Östra|Västra|Stora|Lilla|Gamla|Nya)\s"
                       + rf"(?:V{_A}gen|Torg|Torget|Gatan|Hamnen|Parken|Allén|Stranden)(?:\s\d+[A-Za-z]?)?" + _NA)),
    # streets named in two words: 'Syster Estrids gata', 'Drottning Kristinas väg', 'Sankt Eriks plan'
    ("LOC", re.compile(_NB + rf"{_UP}{_L}+(?:\s{_UP}{_L}+)?s\s(?:gata|v{_A}g|torg|plan|gr{_A}nd|allé|backe|stig)"
                       r"(?:\s\d+[A-Za-z]?)?" + _NA)),
    # care homes and other facilities named after a place: 'Gällingevägens gruppbostad',
    # 'Solrosens korttidsboende', 'Björkhagens vård- och omsorgsboende'
    ("LOC", re.compile(_NB + rf"(?:(?:Sankt|S:t)\s)?{_UP}{_L}+s\s(?:{_L}+-\s(?:och|eller)\s)?[a-zåäö]*(?:boende|bostad|bostäder|"
                       r"hem|förskola|skola|center|fritidsgård|träffpunkt|kyrka|kapell|kyrkogård)" + _NA)),
    # property designations (fastighetsbeteckningar): 'Stensjö Prästgården 1:4', 'Åkern 3:14'
    ("LOC", re.compile(_NB + rf"(?!(?:Bilaga|Kapitel|Kap|Punkt|Sida|Dnr|Avsnitt|Tabell|Figur|Fastighet\w*|Tomt\w*|Bygglov\w*|Del)\b){_UP}{_L}+"
                       rf"(?:[ \t]{_UP}{_L}+)?[ \t]\d{{1,3}}:\d{{1,4}}(?![\d:])")),
    # schools and sites: 'Ängsskolan' (not 'Vuxenskolan', 'socialhögskolan': bodies), 'Granåsa gymnasium',
    # 'Västra förskolan', 'Hammarö kapell', 'Norra kyrkogården', 'Ekbacka torg 3', 'Fritidsgården Stationen'
    ("LOC", re.compile(_NB + rf"{_UP}{_L}{{2,}}(?<!h{_O}g)(?<!Vuxen)skolan(?=s?{_NA})")),
    ("LOC", re.compile(_NB + rf"{_UP}{_L}+(?<![tT])[ \t]{_SITE_NOUN}(?:[ \t]\d+[A-Za-z]?)?" + _NA)),
    ("LOC", re.compile(_NB + rf"(?:Tr{_A}ffpunkt(?:en)?|Fritidsg{_A}rden|Polisstationen|Hembygdsg{_A}rden)[ \t]{_UP}{_L}+" + _NA)),
    ("LOC", re.compile(_NB + rf"(?<![\w-]){_ROOM}[ \t](?:{_UP}{_L}+|\d{{1,3}}[A-Za-z]?(?:[ \t]plan[ \t]\d+)?|plan[ \t]\d+)"
                       r"(?![\w:.-]\w)")),
    # 'Västra Norrvreten', 'Östra Tallåsen', 'Norra Sjöhamra'
    ("LOC", re.compile(_NB + rf"(?:Södra|Norra|Östra|Västra)[ \t]{_UP}{_L}{{3,}}" + _NA)),
    # virtual venues count as places
    ("LOC", re.compile(r"(?:(?<=\bvia )|(?<=\bpå )|(?<=\bi )|(?<=\böver ))(?:Teams|Zoom|Skype|Google Meet)\b")),
]
# an organisation named after the noun that says what it is: 'föreningen Maskrosbarn',
# 'organisationen Maskrosbarn', 'stödboendet Fenix' (the name only)
_APPOSITION = re.compile(r"(?<![\w-])(?i:" + f"f{_O}reningen|organisationen|f{_O}rbundet|f{_O}retaget|stiftelsen|"
                         r"n[äa]tverket|\w*boendet|kooperativet)\s+"
                         rf"({_UP}{_L}+(?:\s{_UP}{_L}+)?)(?![\w-])")
# a capitalised name after 'på' ('på Dunkers', 'på The Tivoli'): a weak place cue, used only
# where no other layer labelled the words
_LOCATIVE = re.compile(rf"(?<![\w-])på\s+((?:The\s)?{_UP}[a-zåäöéü]+(?:s?\s{_UP}[a-zåäöéü]+)?)(?![\w-])")

# acronyms: 'SVT', 'IFS', 'RFSL', 'G7' (not followed by a hyphenated compound: 'OCN-metoden')
_ACRONYM = re.compile(r"(?<![\w/-])(?:[A-ZÅÄÖ]{2,6}|[A-Z]\d{1,2})(?:s)?(?![\w-])")


def _mostly_upper(line: str) -> bool:
    letters = [c for c in line if c.isalpha()]
    return len(letters) >= 8 and sum(c.isupper() for c in letters) > 0.6 * len(letters)


def find_patterns(text: str, exclude: set[str] | None = None) -> list[LabelledSpan]:
    """Organisation/place matches in text, longest first where they overlap (abbreviations are
    organisations only on evidence: pipeline.stages.ner.acronyms).

    ``exclude``: case-folded strings never to report (e.g. the meeting's own body).
    """
    exclude = exclude or set()
    found: list[LabelledSpan] = []
    for label, pat in _PATTERNS:
        for m in pat.finditer(text):
            s, e = m.start(), m.end()
            if text[s:e].casefold() in exclude or text[s:e].lower() in _NOT_BODIES or \
                    text[s:e].lower().endswith(("området", "omradet")):
                continue
            if label == "ORG" and text[s:e].endswith(" stad") and text[max(0, s - 2):s].lower() == "i ":
                label, e = "LOC", e - len(" stad")  # 'utegym i Helsingborg stad': a place
            found.append(LabelledSpan(s, e, label, text[s:e]))
    for m in _ACRONYM.finditer(text):  # country abbreviations; other abbreviations: pipeline.stages.ner.acronyms
        word = m.group()
        if word in PLACE_ACRONYMS:
            found.append(LabelledSpan(m.start(), m.end(), "LOC", word))
    for m in _APPOSITION.finditer(text):
        if m.group(1).casefold() not in exclude:
            found.append(LabelledSpan(m.start(1), m.end(1), "ORG", m.group(1)))
    return select_longest(found)


def find_weak_places(text: str) -> list[LabelledSpan]:
    """Capitalised names after 'på' (a place cue that needs confirmation by no other layer)."""
    out = []
    for m in _LOCATIVE.finditer(text):
        if m.group(1).endswith("s") and re.match(r"\s+[a-zåäö]", text[m.end(1):m.end(1) + 3]):
            continue  # 'på Sveriges dataportal': a genitive before a noun is not the place
        out.append(LabelledSpan(m.start(1), m.end(1), "LOC", m.group(1)))
    return out


def select_longest(spans: list) -> list:
    """Non-overlapping subset preferring longer spans, then earlier ones; sorted by start."""
    chosen: list = []
    taken: list[tuple[int, int]] = []
    for sp in sorted(spans, key=lambda x: (-(x.end - x.start), x.start)):
        if any(sp.start < e and s < sp.end for s, e in taken):
            continue
        chosen.append(sp)
        taken.append((sp.start, sp.end))
    return sorted(chosen, key=lambda x: x.start)


@Language.factory("minutes_patterns", assigns=["doc.spans"], default_config={"spans_key": "patterns"})
def make_minutes_patterns(nlp: Language, name: str, spans_key: str):
    return MinutesPatterns(spans_key)


class MinutesPatterns:
    """spaCy component: organisation/place patterns into ``doc.spans[spans_key]``."""

    def __init__(self, spans_key: str = "patterns"):
        self.spans_key = spans_key

    def __call__(self, doc: Doc) -> Doc:
        spans = []
        for m in find_patterns(doc.text):
            sp = doc.char_span(m.start, m.end, label=m.label, alignment_mode="expand")
            if sp is not None:
                spans.append(sp)
        doc.spans[self.spans_key] = spans
        return doc
