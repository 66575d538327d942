from pipeline.stages.segment.attendees import attendance_blocks, heading_kind, merge_attendees, strip_markup
from pipeline.stages.segment.lines import split_lines
from tests.stages.segment.samples import ORGS_AND_HANDLES, WORKING_GROUP


def _people(text):
    found = [a for b in attendance_blocks(split_lines(text), set()) for a in b.attendees]
    return [(a.entry.name, a.entry.organisation, a.entry.present) for a in merge_attendees(found)]


def test_blocks_under_headings_and_kallade():
    people = _people(WORKING_GROUP)
    assert ("Amira Hassan", "Försäkringskassan", True) in people   # in Deltagare and Kallade: present
    assert ("Nora Sten", None, False) in people                    # only in Kallade: absent
    assert ("Erik Strand", "Länsstyrelsen", False) in people       # Frånvarande
    assert ("Sam Öberg", "Hjärnkoll", True) in people and ("Kim Ek", "Hjärnkoll", True) in people
    assert len(people) == 8


def test_kallade_alone_is_not_attendance():
    assert _people("Kallade:\nAnna Ek\nBo Berg\n\nDagordning\n") == []


def test_inline_list_and_the_block_ends_at_the_first_line_naming_no_one():
    text = "Närvarande: Anna Ek (ordf), Bo Berg, Cia Lind (sekr)\nFrånvarande: Eva Holm\n\nEkonomi\n\nText.\n"
    assert _people(text) == [("Anna Ek", None, True), ("Bo Berg", None, True), ("Cia Lind", None, True),
                             ("Eva Holm", None, False)]
    blocks = attendance_blocks(split_lines("Närvarande\n\nAnna Ek\nBo Berg\n\nEkonomi\n\nAnna Ek redovisade."), set())
    assert [(b.heading.no, b.last) for b in blocks] == [(0, 3)]


def test_organisations_handles_and_an_empty_list():
    people = _people(ORGS_AND_HANDLES)
    assert (None, "RSMH", True) in people and (None, "Attention Helsingborg", True) in people
    assert ("@kim.lund", None, True) in people and ("anna.berg@example.se", None, True) in people
    assert _people("Övriga deltagare\n-\nMötet öppnas\n\n- Städdag\n") == []


def test_a_sub_heading_inside_a_block_and_a_label_before_the_list():
    text = ("De som deltog i mailtråden var\nanna@example.se\nSamt styrelseledamöter som fick kopia\nbo@example.se\n\n"
            "Frågor\n")
    blocks = attendance_blocks(split_lines(text), set())
    assert [(a.entry.name, a.entry.role) for a in blocks[0].attendees] == [("anna@example.se", None),
                                                                          ("bo@example.se", "ledamot")]
    text = "Närvarande\nMötets ordförande\nStyrelsen\n● Ordförande: Vera Holm\n● Ledamot: Nils Ek\n"
    assert [(a.entry.name, a.entry.role) for a in attendance_blocks(split_lines(text), set())[0].attendees] == [
        ("Vera Holm", "ordförande"), ("Nils Ek", "ledamot")]


def test_heading_kind_and_markup():
    assert strip_markup("## **Närvarande:**") == "Närvarande:"
    kind, rest = heading_kind("Närvarande: Anna Ek, Bo Berg")
    assert kind.present and rest == "Anna Ek, Bo Berg"
    assert heading_kind("Närvarandelista för året") is None


def test_a_small_association_lists_first_names():
    assert _people("Närvarande: Anna, Bo, Cia och Dan\n\nText.\n") == [
        ("Anna", None, True), ("Bo", None, True), ("Cia", None, True), ("Dan", None, True)]


def test_an_inline_list_over_two_lines_and_organisations_before_their_people():
    text = "Närvarande: Anna Ek, Bo Berg, Cia Lind,\nDan Roos och Eva Holm\n\nFrån Bryggan: Per Nord, Jan Ek\n"
    # the inline list ends at the blank line; the people of an organisation on a line of their own are a list too
    assert [p[0] for p in _people(text)] == ["Anna Ek", "Bo Berg", "Cia Lind", "Dan Roos", "Eva Holm", "Per Nord", "Jan Ek"]
    from pipeline.stages.segment.attendees import attendance_blocks
    from pipeline.stages.segment.lines import split_lines
    assert [len(b.attendees) for b in attendance_blocks(split_lines(text), set())] == [5, 2]
    text = "Deltagare\nFrån Bryggan: Per Nord, Jan Ek\nFrån socialförvaltningen: Leif Ros, Ada Berg\n\nÖvrigt\n"
    assert _people(text) == [("Per Nord", "Bryggan", True), ("Jan Ek", "Bryggan", True),
                             ("Leif Ros", "socialförvaltningen", True), ("Ada Berg", "socialförvaltningen", True)]


def test_groups_inside_a_block_organisations_over_indented_people_and_roles_on_a_line():
    text = ("Närvarande\n\nFörtroendevalda\nGun Sjö (S), ordförande\n\nPensionärsorganisationer\n"
            "PRO Norrby: Rolf Sund, Gun Hägg\n\nDeltagare\n\n- Region Norrby, Norrby sjukhus\n"
            "  - Katja Lind, vårdplanerare\n- PRO Norrby\n  - Britt Hammar\n\n1. Uppföljning\n\nText.\n"
            "Sekreterare: Tuva Nyman (kårsekreterare)\nGäst: Anna Sköld, områdesansvarig (punkt 3)\n")
    people = _people(text)
    assert ("Rolf Sund", "PRO Norrby", True) in people and ("Gun Sjö", "S", True) in people
    assert ("Katja Lind", "Region Norrby, Norrby sjukhus", True) in people
    assert ("Britt Hammar", "PRO Norrby", True) in people
    assert not any(p[0] is None for p in people)          # the organisations over their people are no rows
    assert ("Tuva Nyman", None, True) in people and ("Anna Sköld", None, True) in people


def test_masked_names_are_different_people():
    text = "Närvarande\n[namn], brukarrepresentant Snickeriet\n[namn], brukarrepresentant Caféet\n"
    assert [p[:2] for p in _people(text)] == [("[namn]", "Snickeriet"), ("[namn]", "Caféet")]


def test_a_group_heading_inside_a_list_of_those_present():
    text = "Närvarande\nAnna Ek (S)\nTjänstepersoner\nLena Forsberg, förvaltningschef\nFrånvarande\nBo Holm\n"
    blocks = attendance_blocks(split_lines(text), set())
    assert [(b.heading.text, len(b.attendees)) for b in blocks] == [("Närvarande", 2), ("Frånvarande", 1)]


def test_first_names_with_an_initial_and_people_named_with_their_organisation_in_a_sentence():
    from pipeline.stages.segment.attendees import attendance_blocks
    from pipeline.stages.segment.lines import split_lines
    text = ("# APT Hemtjänst Väst\n\nNärvarande: Sanna (enhetschef), Ahmed, Eva-Lotta, Birgitta K (skyddsombud), Leo\n\n"
            "## Info\n")
    (block,) = attendance_blocks(split_lines(text), set())
    assert [(a.entry.name, a.entry.role) for a in block.attendees] == [
        ("Sanna", "enhetschef"), ("Ahmed", None), ("Eva-Lotta", None), ("Birgitta K", "skyddsombud"), ("Leo", None)]
    text = ("Hej!\n\nVi var: jag (socialtjänsten), Per Holm (Bostadsbolaget), Amal från\n"
            "Stadsmissionen och Jan-Erik från Röda korset.\n")
    (block,) = attendance_blocks(split_lines(text), set())
    assert [(a.entry.name, a.entry.organisation) for a in block.attendees] == [
        ("Per Holm", "Bostadsbolaget"), ("Amal", "Stadsmissionen"), ("Jan-Erik", "Röda korset")]


def test_the_people_of_each_side_on_lines_of_their_own_without_an_attendance_heading():
    from pipeline.stages.segment.attendees import attendance_blocks
    from pipeline.stages.segment.lines import split_lines
    text = ("Boendemöte 3 juni\n\nFör föreningen: Sara Lind (ordförande), Olle Berg\n"
            "Från Bostadsbolaget AB: Karl Ek, områdeschef; Mia Öst, förvaltare\n\nFör mötet: Ingen fika i år.\n")
    got = [(a.entry.name, a.entry.organisation, a.entry.role) for b in attendance_blocks(split_lines(text), set())
           for a in b.attendees]
    assert got == [("Sara Lind", None, "ordförande"), ("Olle Berg", None, None),
                   ("Karl Ek", "Bostadsbolaget AB", "områdeschef"), ("Mia Öst", "Bostadsbolaget AB", "förvaltare")]


def test_one_person_after_their_organisation_in_a_list_and_an_organisation_that_sent_its_regrets():
    from pipeline.stages.segment.attendees import attendance_blocks
    from pipeline.stages.segment.lines import split_lines
    text = ("## Närvarande\n\nFörtroendevalda\n\n- Eva Holm (S), ordförande\n\nFöreningarna\n\n"
            "- SRF Norrby: Bertil Sand\n- FUB Norrby: Lina Ek, Sven Åhs\n- Reumatikerföreningen: anmält förhinder\n\n"
            "## 1. Mötets öppnande\n")
    got = [(a.entry.name, a.entry.organisation, a.entry.present) for b in attendance_blocks(split_lines(text), set())
           for a in b.attendees]
    assert got == [("Eva Holm", "S", True), ("Bertil Sand", "SRF Norrby", True), ("Lina Ek", "FUB Norrby", True),
                   ("Sven Åhs", "FUB Norrby", True), (None, "Reumatikerföreningen", False)]


def test_entries_separated_by_semicolons_each_a_person_and_their_organisation():
    from pipeline.stages.segment.attendees import attendance_blocks
    from pipeline.stages.segment.lines import split_lines
    text = ("**Närvarande:** Eva Ek, samordnare (ordförande); Omar Said, Norrby Moské; Lisa Berg, Nattvandrarna Norrby\n\n"
            "Text.\n")
    (block,) = attendance_blocks(split_lines(text), set())
    assert [(a.entry.name, a.entry.organisation) for a in block.attendees] == [
        ("Eva Ek", None), ("Omar Said", "Norrby Moské"), ("Lisa Berg", "Nattvandrarna Norrby")]
