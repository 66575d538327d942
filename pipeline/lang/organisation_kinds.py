"""The kinds of organisation the dataset tells apart: one vocabulary for the organisations table,
the codebook and the notebook.

The research question (brukarmedverkan) turns on who sits at the table, so the kinds separate the
municipality's own bodies and administrations from the user side (brukar-, patient-, anhörig- and
intresseorganisationer) and from everyone else. Each kind has a definition and Swedish examples
for the codebook (``docs/codebook.md``).
"""
from __future__ import annotations

import re
from dataclasses import dataclass


@dataclass(frozen=True)
class OrganisationKind:
    name: str
    definition: str
    examples: tuple[str, ...]


ORGANISATION_KINDS: tuple[OrganisationKind, ...] = (
    OrganisationKind("municipality", "A municipality (kommun) as a whole, named by place.",
                     ("Kungsbacka kommun", "Göteborgs Stad", "Region Gotland (as kommun)")),
    OrganisationKind("municipal_administration",
                     "An administration of a municipality or region: förvaltning, kontor, enhet, avdelning.",
                     ("Socialförvaltningen", "Individ- och familjeomsorg", "Stadsledningskontoret")),
    OrganisationKind("committee", "A political body of a municipality or region: nämnd, styrelse, utskott, "
                     "fullmäktige, råd set up by the municipality.",
                     ("Socialnämnden", "Kommunstyrelsens arbetsutskott", "Kommunfullmäktige",
                      "Kommunala pensionärsrådet")),
    OrganisationKind("region", "A region or county council (region, landsting) or county (län).",
                     ("Region Skåne", "Västra Götalandsregionen", "Hallands län")),
    OrganisationKind("state_agency", "A state agency (statlig myndighet).",
                     ("Socialstyrelsen", "Försäkringskassan", "Myndigheten för digital förvaltning (Digg)")),
    OrganisationKind("political_party", "A political party or its group in a body.",
                     ("Socialdemokraterna (S)", "Moderaterna (M)", "Vänsterpartiet")),
    OrganisationKind("union", "A trade union (fackförbund) or its local branch.",
                     ("Kommunal", "Vision", "Vårdförbundet", "Akademikerförbundet SSR")),
    OrganisationKind("user_organisation", "An organisation of service users, patients, relatives or a "
                     "disability or interest group (brukar-, patient-, anhörig-, intresseorganisation).",
                     ("RSMH", "Attention", "Funktionsrätt Sverige", "Anhörigas riksförbund",
                      "Brukarrådet", "Hela Människan", "PRO")),
    OrganisationKind("association", "Another association (förening): housing cooperative, sports club, "
                     "study association, church, foundation.",
                     ("Brf Tallkotten", "IK Sirius", "ABF", "Svenska kyrkan")),
    OrganisationKind("company", "A company (aktiebolag, handelsbolag, consultancy, supplier).",
                     ("Attendo AB", "Ernst & Young AB", "Vattenfall")),
    OrganisationKind("other", "An organisation that fits none of the kinds above, or whose kind the "
                     "pipeline could not tell.", ("Projektgruppen", "Referensgruppen")),
)

KIND_NAMES: tuple[str, ...] = tuple(k.name for k in ORGANISATION_KINDS)
"""The values of ``organisations.kind``, in codebook order."""


# -- telling the kind from a name ----------------------------------------------------------------
# Everything the pipeline knows about which kind a name is, in one place: how the kinds of the shipped
# gazetteer (models/gazetteer, models/organisations/aliases.tsv) map onto this vocabulary, and rules on
# the name itself. Rules run on the name folded by fold_cue_text (case, diacritics and OCR's '&'/'6'
# for å/ö removed: 'Socialnamnden', 'Förs&kringskassan'), so damaged names get the kind of the name.

GAZETTEER_KINDS: dict[str, str] = {
    "municipality": "municipality", "county": "region", "agency": "state_agency", "court": "state_agency",
    "abbreviation": "state_agency", "state": "state_agency", "party": "political_party", "union": "union",
    "user_organisation": "user_organisation", "company": "company", "association_of_municipalities": "association",
    "international": "other", **{k: k for k in KIND_NAMES},
}
"""A gazetteer entry's kind -> organisations.kind. 'municipal_organ' is not here: a municipality's
organ is a committee or an administration, which the rules on the name's head tell apart."""

# study associations, churches, sports and scouting: associations, also where the NER gazetteer groups
# them with the user organisations (it only needs them to be organisations)
ASSOCIATIONS = frozenset({"abf", "sensus", "studieframjandet", "folkuniversitetet", "medborgarskolan", "vuxenskolan",
                          "studieforbundet vuxenskolan", "ibn rushd", "kfum", "kfuk-kfum", "scouterna",
                          "riksidrottsforbundet", "rf-sisu", "svenska kyrkan", "bilda"})

_W = r"[a-z0-9]*"
# the part of a name before 'i', 'för', 'inom', ... is its head: 'Nämnden för individ- och familjeomsorg'
_HEAD_END = re.compile(r"\s+(?:i|for|inom|vid|pa|med|om)\s+|\s*[,(]|\s+[-–]\s+")
KIND_RULES: tuple[tuple[str, str, re.Pattern], ...] = (
    # (kind, where: 'name' any word of the name, 'head' the last word of the head, 'all' the whole name)
    ("user_organisation", "name", re.compile(
        r"\b(?:brukar|foraldra)(?:rad|organisation|forening|forbund|grupp|representant|rorelse)\w*|"
        r"\b(?:patient|anhorig|intresse|funktionsratt|handikapp|pensionars|riks)(?:organisation|forening|forbund|"
        r"rorelse)\w*|\bfunktionshinder(?:organisation|"
        r"forening|forbund|rorelse|sforbund)\w*|\bfunktionsratt\b|\b(?:rsmh|nsph|fub|dhr|rfhl|spes|kris|pro|spf|"
        r"skpf|rtp|srf|hrf|ifs)\b|\bbrukarorganisation\w*")),
    ("union", "name", re.compile(
        r"^(?:kommunal|vision|ssr|saco|tco|lo|fackforbundet st|st)(?:\s+\w+)?$|\bakademikerforbundet\b|"
        r"\bfack(?:forbund|forening|et)\w*|\b(?:vard|larar|lakar|journalist|transport|byggnads|elektriker|"
        r"fastighets|kommunalarbetare)forbundet\b|\blararnas riksforbund\b")),
    ("company", "name", re.compile(r"\b(?:ab|hb|kb|aktiebolag|handelsbolag|inc|ltd|gmbh|oy|llc)\b\.?|\(publ\)")),
    ("association", "name", re.compile(
        r"\b(?:brf|bostadsrattsforening\w*|\w*forening(?:en)?|\w*klubb(?:en)?|\w*sallskap(?:et)?|stiftelse(?:n)?|"
        r"studieforbund\w*|\w*forsamling(?:en)?|\w*kyrka(?:n)?|\w*idrottsforening|ik|if|bk|ff)\b")),
    ("committee", "head", re.compile(
        r"(?:namnd|namnden|styrelse|styrelsen|utskott|utskottet|fullmaktige|beredning|beredningen|rad|radet|"
        r"presidium|presidiet|revision|revisionen|revisorerna|parlament|parlamentet)$")),
    ("municipal_administration", "head", re.compile(
        r"(?:forvaltning|forvaltningen|kontor|kontoret|enhet|enheten|avdelning|avdelningen|sektion|sektionen|"
        r"omsorg|omsorgen|tjansten|socialtjanst|kansli|kansliet|staben|central|centralen|centrum)$")),
    ("municipality", "all", re.compile(r"^(?:[a-z][\w-]*\s+(?:kommun|stad)|kommunen|staden)$")),
    ("region", "all", re.compile(r"^(?:region\s+\w+(?:\s+\w+)?|regionen|(?:\w+\s+)?\w+regionen|\w+\s+lans\s+landsting|"
                                 r"landstinget(?:\s+i\s+\w+)?|\w+\s+lan)$")),
    ("union", "head", re.compile(r"\w+forbundet$")),  # after the user organisations: 'Vårdförbundet', ...
    ("state_agency", "head", re.compile(r"(?:myndigheten|(?<!ram)verket|inspektionen|kassan|domstol|domstolen|"
                                        r"tingsratt|tingsratten|lansstyrelsen|polisen|kriminalvarden)$")),
)
_NOT_UNION = re.compile(r"(?:kommunalforbund|kommunforbund|samordningsforbund|raddningstjanstforbund)\w*")


_OF_MUNICIPALITY = re.compile(r"\s+(?:[a-z][\w-]*\s+(?:kommun|stad)|region\s+\w+)$")


def head_of(folded: str) -> str:
    """The head of a folded name: 'socialnamnden i kungsbacka' and 'hr-enheten helsingborgs stad' ->
    'socialnamnden', 'hr-enheten'."""
    head = _HEAD_END.split(folded.strip(), maxsplit=1)[0].strip()
    return _OF_MUNICIPALITY.sub("", head) or head


def kind_by_rules(folded: str) -> str | None:
    """The kind a folded name's own words say, else None."""
    head = head_of(folded)
    last = head.split()[-1] if head.split() else ""
    if folded in ASSOCIATIONS:
        return "association"
    for kind, where, rule in KIND_RULES:
        text = {"name": folded, "head": last, "all": folded}[where]
        if rule.search(text) and not (kind == "union" and _NOT_UNION.search(folded)):
            return kind
    return None


def kind_of(folded: str, listed: str | None = None, party: bool = False) -> str:
    """organisations.kind of a name folded by fold_cue_text. ``listed``: the kind the gazetteer gives the
    name (its own vocabulary or this one); ``party``: the name is party letters ('S', 'KD')."""
    if folded in ASSOCIATIONS:
        return "association"
    if listed in GAZETTEER_KINDS:
        return GAZETTEER_KINDS[listed]
    if party:
        return "political_party"
    by_rules = kind_by_rules(folded)
    if by_rules:
        return by_rules
    return "committee" if listed == "municipal_organ" else "other"
