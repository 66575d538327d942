"""The kinds of organisation the dataset tells apart: one vocabulary for the organisations table,
the codebook and the notebook.

The research question (brukarmedverkan) turns on who sits at the table, so the kinds separate the
municipality's own bodies and administrations from the user side (brukar-, patient-, anhörig- and
intresseorganisationer) and from everyone else. Each kind has a definition and Swedish examples
for the codebook (``docs/codebook.md``).
"""
from __future__ import annotations

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
