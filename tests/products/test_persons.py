from pipeline.products.persons import link_persons
from tests.factories import record, row


def _meeting(mid, body, attendees, per, assignees=()):
    rec = record(doc_id=mid, meeting={"body": body})
    mid = rec.meeting["meeting_id"]
    rec.attendees = [row("attendees", meeting_id=mid, name=n, organisation=o) for n, o in attendees]
    rec.entities = [row("entities", meeting_id=mid, label="PER", text=t, normalized=norm) for t, norm in per]
    rec.entities.append(row("entities", meeting_id=mid, label="ORG", text="RSMH"))
    rec.action_items = [row("action_items", meeting_id=mid, assignees=[a for a, _ in assignees],
                            assignees_resolved=[r for _, r in assignees])] if assignees else []
    return rec


def _ids(rec):
    return {a["name"]: a["person_id"] for a in rec.attendees}


def test_one_person_across_meetings_spellings_and_nicknames():
    a = _meeting("m1", "Brukarrådet", [("Bo Pettersson", "Ria"), ("Eva Holm", "RSMH"), ("Kim Lund", None)],
                 [("Bosse", "Bo Pettersson"), ("Eva", "Eva Holm")], assignees=[("Bosse", "Bo Pettersson")])
    b = _meeting("m2", "Brukarrådet", [("Bo Petterson", None), ("Eva Holm", "RSMH")],  # spelt differently
                 [("Evas", None)])  # genitive, unresolved by NER
    # with a middle name, in another body that shares two people with Eva Holm's meetings
    c = _meeting("m3", "Styrgruppen", [("Eva Maria Holm", None), ("Bo Pettersson", None), ("Kim Lund", None)], [])
    rows = link_persons([a, b, c])
    bo = _ids(a)["Bo Pettersson"]
    assert bo and _ids(b)["Bo Petterson"] == bo
    assert a.entities[0]["person_id"] == bo and a.action_items[0]["assignee_person_ids"] == [bo]
    eva = _ids(a)["Eva Holm"]
    assert _ids(b)["Eva Holm"] == eva and _ids(c)["Eva Maria Holm"] == eva
    assert b.entities[0]["person_id"] == eva  # 'Evas' -> the only Eva of the meeting
    assert a.entities[-1]["person_id"] is None  # ORG rows are not people
    by_id = {r["person_id"]: r for r in rows}
    assert by_id[bo]["name"] == "Bo Pettersson" and {"Bosse", "Bo Petterson"} <= set(by_id[bo]["variants"])
    assert by_id[eva]["n_meetings"] == 3 and by_id[eva]["organisations"] == ["RSMH"]


def test_an_ambiguous_first_name_is_not_merged_on_a_guess():
    a = _meeting("m1", "Brukarrådet", [("Anna Ek", None), ("Anna Berg", None)], [("Anna", None)])
    link_persons([a])
    ids = _ids(a)
    assert ids["Anna Ek"] != ids["Anna Berg"]
    assert a.entities[0]["person_id"] not in (ids["Anna Ek"], ids["Anna Berg"])


def test_different_people_with_similar_names_stay_apart():
    a = _meeting("m1", "Brukarrådet", [("Jan Berg", None), ("Jon Borg", None), ("Jan Bergman", None)], [])
    link_persons([a])
    assert len(set(_ids(a).values())) == 3


def test_person_ids_are_stable_across_runs_and_order():
    def build():
        return [_meeting("m1", "B", [("Eva Holm", None)], []), _meeting("m2", "B", [("Bo Ek", None)], [])]
    one, two = build(), build()
    link_persons(one)
    link_persons(list(reversed(two)))
    assert [_ids(r) for r in one] == [_ids(r) for r in two]


def test_a_first_name_links_across_bodies_only_within_the_same_circle_of_people():
    a = _meeting("m1", "Ledningsgruppen", [("David Berg", None), ("Eva Holm", None), ("Bo Ek", None)], [])
    b = _meeting("m2", "Utvecklingsgruppen", [("Eva Holm", None), ("Bo Ek", None)], [("David", None)])
    c = _meeting("m3", "Föreningen Gläntan", [("Kim Lund", None)], [("David", None)])  # other people: no link
    link_persons([a, b, c])
    david = _ids(a)["David Berg"]
    assert b.entities[0]["person_id"] == david
    assert c.entities[0]["person_id"] != david


def test_linking_across_bodies_does_not_depend_on_the_order_of_the_meetings():
    """A link widens the person's circle of meetings: 'David' in m3 shares people only with m2, whose
    'David' is David Berg through m1. Whatever order the meetings come in (a staged DVC run reads the
    records year by year, a run in input order), the same links are made."""
    def build():
        return [_meeting("m1", "Ledningsgruppen", [("David Berg", None), ("Eva Holm", None), ("Bo Ek", None)], []),
                _meeting("m2", "Utvecklingsgruppen", [("Eva Holm", None), ("Bo Ek", None), ("Kim Lund", None),
                                                      ("Ali Noor", None)], [("David", None)]),
                _meeting("m3", "Föreningen Gläntan", [("Kim Lund", None), ("Ali Noor", None)], [("David", None)]),
                _meeting("m4", "Föreningen Gläntan", [("Lisa Ek", None), ("Omar Ali", None)], [("David", None)])]
    for order in (lambda r: r, lambda r: list(reversed(r)), lambda r: [r[2], r[0], r[3], r[1]]):
        records = build()
        link_persons(order(records))
        david = _ids(records[0])["David Berg"]
        assert records[1].entities[0]["person_id"] == david  # shares Eva and Bo with David's meeting
        assert records[2].entities[0]["person_id"] == david  # shares Kim and Ali with m2, where David is
        assert records[3].entities[0]["person_id"] != david  # the same body, but other people


def test_a_middle_name_or_second_surname_links_only_within_the_circle():
    a = _meeting("m1", "Nämnden", [("Maj-Britt Rane-Andersson", "S"), ("Lars Blom", "M")],
                 [("Maj-Britt Rane Andersson", None), ("Karin Friberg", None), ("Karin Knutsson Friberg", None)])
    b = _meeting("m2", "Föreningen Gläntan", [("Maj-Britt Andersson", None), ("Kim Lund", None)], [])
    link_persons([a, b])
    ids = {e["text"]: e["person_id"] for e in a.entities}
    mb = _ids(a)["Maj-Britt Rane-Andersson"]
    assert ids["Maj-Britt Rane Andersson"] == mb  # the hyphen is no difference
    assert ids["Karin Friberg"] == ids["Karin Knutsson Friberg"]  # with and without a surname, one meeting
    assert _ids(b)["Maj-Britt Andersson"] != mb   # another circle: not the same person on a guess


def test_a_surname_initial_links_within_the_meeting():
    a = _meeting("m1", "Referensgruppen", [("Tomas Kvist", "SCB"), ("Tove Kling", None)], [("Tomas K", None)])
    b = _meeting("m2", "Styrgruppen", [("Tomas Kronlund", None)], [])
    link_persons([a, b])
    assert a.entities[0]["person_id"] == _ids(a)["Tomas Kvist"] != _ids(b)["Tomas Kronlund"]


def test_surname_first_in_a_table_is_the_same_person():
    a = _meeting("m1", "Referensgruppen", [("Ekhem Mattias", "DIGG")], [("Mattias Ekhem", None)])
    link_persons([a])
    assert a.entities[0]["person_id"] == _ids(a)["Ekhem Mattias"]


def test_labels_titles_and_glued_pairs_are_not_people():
    a = _meeting("m1", "Socialnämnden", [("Datum Plats", None), ("Anna Berg Per Lund", None), ("Per Lund", None)],
                 [("Verksamhetschef", None), ("Professor Per Skålén", None), ("Per Skålén", None)])
    rows = link_persons([a])
    names = {r["name"] for r in rows}
    assert not any("Datum" in n or "Verksamhetschef" in n or "Anna Berg Per" in n for n in names)
    assert _ids(a)["Datum Plats"] is None and _ids(a)["Anna Berg Per Lund"] is None
    assert {"Anna Berg", "Per Lund"} <= names
    ids = {e["text"]: e["person_id"] for e in a.entities}
    assert ids["Verksamhetschef"] is None
    assert ids["Professor Per Skålén"] == ids["Per Skålén"] is not None


def test_the_index_says_how_each_mention_was_linked():
    """person_mentions.link, the evidence of a person link's confidence."""
    from pipeline.products.persons import PersonIndex

    a = _meeting("m1", "Brukarrådet", [("Bo Pettersson", "Ria"), ("Eva Holm", "RSMH")],
                 [("Eva", None), ("Göran", None)])
    b = _meeting("m2", "Brukarrådet", [("Bo Petterson", None), ("Eva Holm", "RSMH"), ("Bo Pettersson", None)],
                 [("Bo", None)])
    index = PersonIndex()
    for rec in (a, b):
        index.add_record(rec)
    index.build()
    m1, m2 = a.meeting["meeting_id"], b.meeting["meeting_id"]
    assert index.link_of(m1, "Eva Holm") == "name"
    assert index.link_of(m1, "Eva") == "meeting"          # the one Eva of the meeting
    assert index.link_of(m1, "Göran") == "alone"          # no Göran anywhere: a person of his own
    assert index.link_of(m2, "Bo Petterson") == "spelling"  # joined Bo Pettersson as a spelling variant
    assert index.link_of(m2, "Bo Pettersson") == "name"
    assert index.link_of(m1, "Inte Nämnd") is None         # never mentioned: no person, no link
