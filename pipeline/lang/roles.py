"""Words that label, title or place a person in Swedish minutes, but are never a name.

Front-page forms ('Plats och tid', 'Beslutande', 'Justerare'), attendance lists ('Ledamöter',
'Tjänstepersoner'), meeting roles ('ordförande', 'kassör') and job titles ('förvaltningschef',
'utvecklingsledare', 'MAS') sit right beside names, and a name finder that reads them as part of
a name makes 'Datum Plats' or 'Verksamhetschef Anna Ek' a person. One place for that vocabulary,
so NER, segmentation and the person index agree; and the party abbreviations written in
parentheses after a councillor's name ('Anna Ek (S)'), which are the person's party, not an entity.
"""
from __future__ import annotations

import re

from pipeline.lang.fold import fold_name
from pipeline.lang.protocol import SUBHEADINGS


def _folded(words: str) -> frozenset[str]:
    """A vocabulary written as white-space separated words, folded (lower case, no diacritics)."""
    return frozenset(fold_name(w) for w in words.split())


# labels of protocol forms and attendance lists
FORM_LABELS = _folded("""
datum plats tid lokal sammanträde sammanträdet sammanträdesdatum sammanträdestid mötesdatum mötesplats
justering justerare justerande justerandes justeras protokolljusterare protokollsjusterare signatur signaturer
underskrift underskrifter underskrivare paragraf paragrafer beslutande ledamöter ledamot ledamöterna ersättare
ersättarna tjänstgörande närvarande frånvarande övriga övrig tjänstepersoner tjänsteperson tjänstemän tjänsteman
personalföreträdare personalrepresentant personalrepresentanter sekreterare ordförande ordföranden vice adjungerad
adjungerade kallade kallad deltagare deltagarna deltog gäster gäst mötesdeltagare mötesdeltagarna utses
anslag anslagsdatum anslaget organ förvaringsplats förvaring protokoll protokollet sammanträdesprotokoll
mötesprotokoll minnesanteckningar anteckningar mötesroll organisation namn roll bilaga bilagor dnr diarienummer
ärende ärenden innehåll sida sidor utdragsbestyrkande expedierat bestyrkt närvarolista omröstning reservation
yrkande yrkanden beslut dagordning föredragningslista kallelse mötets mötet digital digitalt digitala
""") | frozenset(fold_name(k) for k in SUBHEADINGS if " " not in k)

# meeting roles and job titles written as whole words
ROLE_WORDS = _folded("""
kommissarie kyrkoherde komminister diakon präst rektor kantor läkare överläkare barnmorska
ordförande ordföranden vice förste andre tredje ledamot ledamöter ersättare suppleant suppleanter kassör kassören
sekreterare sekreteraren justerare revisor revisorer revisorn adjungerad ombud talman talesperson
kommunalråd kommunalrådet oppositionsråd regionråd gruppledare ordinarie tjänstgörande
förvaltningschef socialchef kommundirektör stadsdirektör regiondirektör kanslichef nämndsekreterare
controller ekonom jurist kurator psykolog sjuksköterska undersköterska biståndshandläggare handläggare
socialsekreterare samordnare koordinator utredare strateg praktikant student volontär konsult projektledare
processledare utvecklare utvecklingsledare metodutvecklare verksamhetsutvecklare stödbiträde kommunikatör
arkivarie registrator nämndsekreterare föredragande mas mar sas hr skyddsombud huvudskyddsombud
professor docent doktorand lektor rektor forskare föreläsare moderator inledare gästföreläsare
""")
# job-title endings: 'verksamhetschef', 'utvecklingsledare', 'kommunikationsspecialist', plurals too
_TITLE_END = re.compile(r"(?:chef|chefer|cheferna|direktör|direktörer|ledare|ledarna|sekreterare|handläggare|"
                        r"samordnare|strateg|strateger|ansvarig|ansvariga|utvecklare|specialist|specialister|"
                        r"konsult|konsulter|revisor|revisorer|assistent|assistenter|ombud|skötare|ekonom|ekonomer|"
                        r"jurist|jurister|controller|koordinator|koordinatorer|handledare|pedagog|pedagoger|"
                        r"kurator|kuratorer|psykolog|psykologer|föreståndare|tekniker|ingenjör|arkitekt|"
                        r"rådgivare|analytiker|administratör|inspektör|utredare|sjuksköterska|biträde|biträden|"
                        r"företrädare|representant|representanter|personal|tjänstepersoner|tjänstemän)$")
_TITLE_PREFIX = re.compile(r"^(?:bitr(?:adande)?\.?|t\.f\.|tf|vice|forste|andre|1:e|2:e|3:e|t\.?\s?f\.?)$")  # folded

# party abbreviations written in parentheses after a name: the Riksdag parties (also historical
# forms, riksdagen-corpus/party_abbreviation.csv) and common local-party letters
PARTY_CODES = frozenset(["S", "M", "SD", "C", "V", "KD", "L", "MP", "FP", "KDS", "NYD", "VPK", "FI", "SPI", "SJV",
                         "SJVP", "KV", "KD-L", "SKP", "PP", "ÖP", "KL", "LPo", "SOL", "BA", "KPML(r)", "KP"])


def is_label_word(word: str) -> bool:
    """'Datum', 'Plats', 'Ledamöter', 'Justerare': a form or list label."""
    return fold_name(word.strip(" ,.:;()")) in FORM_LABELS


def is_title_word(word: str) -> bool:
    """'Förvaltningschef', 'utvecklingsledare', 'MAS', 'Verksamhetschefer', 'biträdande': a role or job title."""
    w = fold_name(word.strip(" ,.:;()"))
    if not w or not w.replace("-", "").isalpha():
        return False
    return w in ROLE_WORDS or bool(_TITLE_PREFIX.match(w)) or (len(w) > 6 and bool(_TITLE_END.search(w)))


def is_not_name_word(word: str) -> bool:
    """A word that can stand beside a name but never be part of one."""
    return is_label_word(word) or is_title_word(word)


def is_party_code(token: str) -> bool:
    """'S', 'SD', 'KD', 'MP' (also lower-case 's', 'kd' as old protocols write them)."""
    t = token.strip(" ()")
    return t in PARTY_CODES or (t.islower() and t.upper() in PARTY_CODES and len(t) <= 3)
