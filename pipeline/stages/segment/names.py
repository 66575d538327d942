"""What a person's name looks like in an attendee list: 'Ia Jonsson', 'Anna-Karin af Ekström',
'B. Svensson', 'Ekhem Mattias'; a user handle or e-mail address where that is all a list gives."""
from __future__ import annotations

import re

from pipeline.lang.attendance import is_job_title, is_role_word
from pipeline.lang.names import is_first_name

# letters of Turkish, Polish, Bosnian, Czech… names too ('Yıldız', 'Wójcik', 'Łukasz', 'Ilić')
_LOWER = "a-zåäöéüèáíóúøæßčćšžñçëïôıışğłńśźżőűãõâêîûěřůýąęđ'’"
NAME_TOKEN = (r"[A-ZÅÄÖÉÜØÆÁÍÓÚČŠŽĆŁŚŻŹŞİĐÇ][" + _LOWER + r"]+(?:-[A-ZÅÄÖÉÜØŁŚŻa-zåäö][" + _LOWER + r"]+)?")
PARTICLE = r"(?:von|af|av|de|van|der|den|da|di|la|le|el|al|bin|ibn|du|dos|del|ter|zu)"
_NAME = re.compile(r"^(?:" + NAME_TOKEN + r")(?:\s+(?:" + PARTICLE + r"\s+)?" + NAME_TOKEN + r"){1,3}$")
_INITIAL_NAME = re.compile(r"^(?:[A-ZÅÄÖ]\.\s*)+" + NAME_TOKEN + r"$|^" + NAME_TOKEN + r"\s+(?:[A-ZÅÄÖ]\.\s*)+"
                           + r"(?:" + NAME_TOKEN + r")?$")
# the commonest finite verbs: a line that has one is a sentence, not a name, heading or organisation
FINITE_VERB = re.compile(r"\b(?:är|var|har|hade|ska|skall|skulle|bör|borde|kan|kunde|måste|vill|ville|gjorde|gör|"
                         r"finns|fanns|blir|blev|behöver|behövs|kommer|får|fick|tycker|menar|anser|tror|ligger|"
                         r"går|gick|tar|tog|ser|såg|vet|visar|sker|gäller)\b", re.IGNORECASE)
HANDLE = re.compile(r"^(?:[\w.+-]+@[\w-]+(?:\.[\w-]+)+|@[\w.-]{2,40})$")
# words that end the name of an organisation rather than a surname
_ORG_ENDINGS = re.compile(r"(?:verket|förvaltningen|förvaltning|jouren|förbundet|föreningen|förening|kommun|"
                          r"kommunen|regionen|region|nämnden|styrelsen|myndigheten|centrum|enheten|bolaget|"
                          r"institutet|kansliet|rådet|gruppen|sektionen|partiet|kyrkan|skolan|universitet|"
                          r"högskolan|biblioteket|arkivet|museet|landstinget|länsstyrelsen|polisen|AB|HB|"
                          r"iet|eriet|ningen|kassan|servicen|stiftelsen|akademien|byrån|byrå|bolag|huset|gården)$")
_NOT_NAME_WORDS = frozenset({"Mötet", "Nämnden", "Styrelsen", "Förvaltningen", "Kommunen", "Föreningen",
                             "Gruppen", "Sekreterare", "Ordförande", "Ledamot", "Ledamöter", "Ersättare",
                             "Justerare", "Beslut", "Dnr", "Paragrafer", "Närvarande", "Övriga", "Frånvarande",
                             "Tjänstepersoner", "Datum", "Plats", "Tid", "Kommunal", "Vision", "Unionen",
                             "Sveriges", "Svenska", "Statens", "Region", "Kommun", "Stiftelsen", "Förbundet"})


# capitalised words that are never part of a name ('Mötets sekreterare' run into a name)
_NEVER_IN_NAME = frozenset({"Mötets", "Styrelsens", "Nämndens", "Föreningens", "Sektionens", "Gruppens",
                            "Kommunens", "Förvaltningens", "Och", "Samt", "För", "Till", "Från", "Med", "Vid"})


def is_person_name(s: str) -> bool:
    """A full personal name as minutes write it: 'Ia Jonsson', 'Anna-Karin af Ekström', 'B. Svensson'.
    Not an organisation ('Brottsofferjouren Kungsbacka', 'Svenska kraftnät') nor a role ('Vice ordförande')."""
    s = re.sub(r"\s+", " ", s.strip())
    if len(s) > 50 or not (_NAME.match(s) or _INITIAL_NAME.match(s)):
        return False
    words = s.split()
    if words[0] in _NOT_NAME_WORDS or _NEVER_IN_NAME.intersection(words) or is_role_word(s) \
            or is_job_title(s.lower()) or any(is_role_word(w) for w in words) or is_job_title(words[0].lower()):
        return False
    return not any(_ORG_ENDINGS.search(w) and not is_first_name(w) for w in words)


def is_single_name(s: str) -> bool:
    """One name word ('Schölander', 'Nina'): a first name in a signature, or half a wrapped name."""
    return bool(re.fullmatch(NAME_TOKEN, s.strip())) and s.strip() not in _NOT_NAME_WORDS


def is_handle(s: str) -> bool:
    """An e-mail address or user handle ('anna@example.se', '@anna'): all a list may give of a person."""
    return bool(HANDLE.match(s.strip()))
