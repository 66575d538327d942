"""The labels of ``entities.label``: what counts as a person, an organisation, a place, a date or a time.

One vocabulary for the NER stage (:data:`LABELS` is what it writes) and the codebook
(docs/codebook.md). The definitions follow the annotation conventions of the development set: names as
written, without titles or roles; party letters after a councillor's name are the attendee's
organisation, not an entity; the meeting's own body, generic nouns, laws and products are no
organisations; bare years, relative words and law references are no dates.
"""
from __future__ import annotations

from pipeline.lang.terms import Term, vocabulary

ENTITY_LABELS = vocabulary(
    Term("PER", "A person named in the text: full name, first name, nickname or surname alone, without title or "
         "role. A masked name ('[namn]') is none.", ("Anna Svensson", "Bosse", "Lindqvist", "Per Skålén")),
    Term("ORG", "A named organisation: an administration, authority, company, association, union, court, region, "
         "a party written out, a municipality acting as an organisation. Not the party letters after a name, "
         "generic nouns (förvaltningen, nämnden), laws (LSS, SoL), projects or products (Teams).",
         ("Socialförvaltningen", "Försäkringskassan", "RSMH", "Kungsbacka kommun", "Sverigedemokraterna")),
    Term("LOC", "A named place, address or venue.", ("Storgatan 37", "Kommunfullmäktigesalen", "Dunkers", "Malmö")),
    Term("DATE", "A calendar date, month, week or date range as written (normalised to ISO 8601). Not a bare year, "
         "a season, 'idag' or 'nästa möte', nor a law reference ('(2017:735)').",
         ("2024-04-18", "den 7/12", "21 nov", "vecka 45", "i slutet av mars", "3–5 juni")),
    Term("TIME", "A clock time or a span of clock times, also with a weekday.",
         ("kl 19.00", "15:30 – 17:50", "klockan 9", "tisdag 18.00")),
)
LABELS: tuple[str, ...] = tuple(t.name for t in ENTITY_LABELS)
