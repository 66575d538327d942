"""What a row of the main tables stands for: the units of the dataset, defined once, with Swedish
examples of what counts and what does not (docs/codebook.md prints them; the extraction tests check
that the pipeline reads the decision and action-item examples as the definitions say).

The definitions follow the annotation conventions the pipeline is measured against: a string is
verbatim from the document (white space collapsed, markup removed, running page headers and footers
never part of it).
"""
from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Concept:
    name: str
    table: str                      # the table whose rows are this concept
    definition: str
    counts: tuple[str, ...]         # Swedish examples that are one
    not_counted: tuple[str, ...]    # Swedish examples that are none
    notes: tuple[str, ...] = ()     # the judgement calls


CONCEPTS: tuple[Concept, ...] = (
    Concept(
        "meeting", "meetings",
        "One meeting of one body, as one document's minutes record it. Its body is the group, board or committee "
        "that met, as the title or header names it; not the kind of document and not the municipality alone. Its "
        "date is set only when the year is written in the document for this meeting.",
        ("Protokoll fört vid Socialnämndens sammanträde 2024-04-18 — body 'Socialnämnden'",
         "Minnesanteckningar Brukarrådet 12 mars — body 'Brukarrådet', no year: date empty, date_text '12 mars'"),
        ("Protokoll (the kind of document is no body)", "Kungsbacka kommun (a municipality alone is no body)"),
        ("The author is who wrote the minutes when named as such: 'Sekreterare Josefin Ek', 'Vid pennan: Ola', "
         "a closing '/Anne'.",)),
    Concept(
        "section", "sections",
        "An agenda item: its heading, as written with its own numbering, and the text up to the next item. In a "
        "formal protocol one section per paragraph (§), the title being the item's title (the Dnr never part of "
        "it); in informal notes the headings and numbered items.",
        ("§ 44 Förändring av ärendelistan (paragraph '§ 44', Dnr IF-2023-00055 in its own column)",
         "3. Ekonomi", "Närvarande (when it stands as a heading of its own)"),
        ("Innehåll (the table of contents)", "Beslutande, Övriga närvarande, Justering, Underskrifter (form labels)",
         "Beslut, Sammanfattning av ärendet, Beslutsunderlag, Beslutsgång, Yrkanden (sub-headings of an item: "
         "blocks.subsection)", "Beslut:, Synpunkter: (labels inside an item)", "the document's title line")),
    Concept(
        "attendee", "attendees",
        "A person (or, where only organisations are listed, an organisation) listed as taking part: from the "
        "attendance lists and a formal protocol's front page — members, substitutes, staff, others present, staff "
        "representatives, the secretary, those who check the minutes, co-opted members. The name as written without "
        "the party; the party letters or the organisation after a comma are its organisation; its role is one of "
        "the roles below or the job title written after the name.",
        ("Anna Ek (S), ordförande — name 'Anna Ek', organisation 'S', role 'ordförande'",
         "Karl Berg, socialförvaltningen — organisation 'socialförvaltningen'",
         "Deltagare: RSMH, Attention — two rows with an organisation and no name",
         "Frånvarande: Per Ek (M) — present false",
         "Kallade: Ola Nyström — invited only: present false (present true when also under Närvarande)"),
        ("people named in the discussion but in no attendance list (they are entities)",
         "Beslutet skickas till: Socialförvaltningen (who receives the decision)"),
        ("A member a substitute served for ('X (M) tjänstgör för Y (M)') is listed with present false.",
         "Attendance limited to some items ('§§ 46-59') is present, with the items in attendees.paragraphs.")),
    Concept(
        "decision", "decisions",
        "What the meeting decided or resolved, one row per decision statement. In a formal protocol each paragraph "
        "or 'att'-clause under the item's 'Beslut' heading; in other minutes 'Beslut:' lines and bullets, "
        "'beslutade att', 'Vi är överens om', elections, approvals, deferrals, forming a group, fixing the next "
        "meeting. Its kind is one of the decision kinds below; what the item records of a vote, reservations and "
        "notes to the minutes is on every decision of the item.",
        ("Nämnden beslutar att införa digitala möten från den 1 september.",
         "Nämnden ger förvaltningen i uppdrag att ta fram en handlingsplan mot hemlöshet.",
         "Vi bildar en arbetsgrupp för den nya hemsidan.",
         "Nästa möte hålls den 14 maj kl. 13.00 i Stadshuset."),
        ("Vi kan ta upp frågan igen i höst.", "Förvaltningen informerade om budgetläget för 2024.",
         "Anna tycker att mötestiden borde flyttas till eftermiddagen.",
         "Nämnden beslutade den 12 oktober att införa nya riktlinjer.", "Ska vi byta lokal till hösten?",
         "Beslutet skickas till socialförvaltningen."),
        ("Förslag till beslut, Beslutsgång, Beslutsunderlag, reservations and yrkanden are not decisions.",
         "A decision that gives someone a task (kind 'assigned') is an action item as well.")),
    Concept(
        "action item", "action_items",
        "A task that someone is to do after the meeting: who does what, by when. Its assignees are the names or "
        "organisations that do it, as written (none for 'Vi' or the passive); its deadline as written.",
        ("Karin bokar lokal till nästa möte.", "Ola ska fråga Funktionsrätt om de vill delta.",
         "Förvaltningen återkommer till nämnden i juni med en redovisning.", "Boka möte med RSMH",
         "Ansvarig: Per Ek"),
        ("Beslutet skickas till socialförvaltningen. (distribution)", "Vi kan ta upp frågan igen i höst. (a "
         "possibility)", "Det vore bra med fler deltagare från RSMH. (a wish)",
         "Karin har redan bokat lokalen. (already done)"),
        ("A sentence is both a decision and an action item when the meeting decides that someone shall do "
         "something: 'Nämnden ger förvaltningen i uppdrag att …'.",)),
)
