"""pipeline/products/organisations.py: one organisation_id per organisation across the archive."""
from pipeline.contract.record import MinutesRecord
from pipeline.products.organisations import (
    OrganisationIndex,
    OrganisationsParams,
    organisation_id,
    split_attendee_organisation,
)


def _record(meeting_id: str, attendees: list[tuple[str, str | None]], orgs: list[str]) -> MinutesRecord:
    return MinutesRecord(
        document={"doc_id": meeting_id[:-2], "status": "ok"},
        meetings=[{"meeting_id": meeting_id, "doc_id": meeting_id[:-2], "body": "Brukarrådet"}],
        attendees=[{"meeting_id": meeting_id, "name": n, "organisation": o} for n, o in attendees],
        entities=[{"meeting_id": meeting_id, "label": "ORG", "text": t} for t in orgs]
        + [{"meeting_id": meeting_id, "label": "PER", "text": "Anna Berg"}])


def _index(records, **params) -> OrganisationIndex:
    index = OrganisationIndex(OrganisationsParams(**params))
    for rec in records:
        index.add_record(rec)
    index.build()
    for rec in records:
        index.annotate(rec)
    return index


def test_spellings_ocr_damage_short_forms_and_genitives_are_one_organisation():
    records = [
        _record("d1-1", [("Eva Lund", "Försäkringskassan"), ("Per Ek", "RSMH")],
                ["Försäkringskassans", "FK", "socialförvaltningen", "SKR", "IVO"]),
        _record("d2-1", [("Lena Ås", "Socialförvaltningen")], ["Förs&kringskassan", "Socialförvaltningen",
                                                              "Sveriges Kommuner och Regioner",
                                                              "Brottsofferjouren Kungsbacka", "Bra"]),
    ]
    index = _index(records)
    rows = {r["name"]: r for r in index.rows()}
    fk = rows["Försäkringskassan"]
    assert fk["kind"] == "state_agency"
    assert set(fk["variants"]) == {"Försäkringskassan", "Försäkringskassans", "FK", "Förs&kringskassan"}
    assert (fk["n_meetings"], fk["n_attendees"], fk["n_mentions"]) == (2, 1, 3)
    soc = rows["Socialförvaltningen"]  # the capitalised form names it
    assert soc["kind"] == "municipal_administration" and soc["n_meetings"] == 2
    rsmh = rows["Riksförbundet för social och mental hälsa"]
    assert rsmh["kind"] == "user_organisation" and rsmh["variants"] == ["RSMH"]
    skr = rows["Sveriges Kommuner och Regioner"]
    assert set(skr["variants"]) == {"SKR", "Sveriges Kommuner och Regioner"} and skr["n_meetings"] == 2
    assert rows["Inspektionen för vård och omsorg"]["kind"] == "state_agency"
    assert rows["Brottsofferjouren Kungsbacka"]["kind"] == "user_organisation"  # listed, with its place
    assert rows["Bra"]["kind"] == "other"  # an ordinary word, not BRÅ's short form BRA
    fk_ids = {e["organisation_id"] for r in records for e in r.entities if e["text"].lower().startswith(("f", "fk"))}
    assert fk_ids == {fk["organisation_id"]}
    assert records[0].attendees[0]["organisation_id"] == fk["organisation_id"]
    assert all(e["organisation_id"] is None for r in records for e in r.entities if e["label"] == "PER")


def test_party_letters_are_the_party_and_a_place_qualified_body_stays_its_own():
    rec = _record("d3-1", [("Tommy Rydfeldt", "L"), ("Anna Ek", "S"), ("Bo Ek", "KV")],
                  ["Socialnämnden", "Socialnämnden i Kungsbacka", "Liberalerna"])
    rows = {r["name"]: r for r in _index([rec]).rows()}
    assert rows["Liberalerna"]["kind"] == "political_party" and set(rows["Liberalerna"]["variants"]) == {"L",
                                                                                                          "Liberalerna"}
    assert rows["Socialdemokraterna"]["kind"] == "political_party"
    assert rows["KV"]["kind"] == "political_party"  # a local party's letters
    assert rows["Socialnämnden"]["organisation_id"] != rows["Socialnämnden i Kungsbacka"]["organisation_id"]
    assert rows["Socialnämnden i Kungsbacka"]["kind"] == "committee"


def test_ids_are_stable_from_content_whatever_the_order_and_the_genitive_can_be_kept_apart():
    a = _record("d1-1", [("Eva Lund", "Ria/G7")], ["Vorta Drom"])
    b = _record("d2-1", [], ["Vorta Droms", "Vorta Drom"])
    one, two = _index([a, b]).rows(), _index([b, a]).rows()
    assert one == two and organisation_id("vorta drom") in {r["organisation_id"] for r in one}
    assert a.attendees[0]["organisation_id"] == organisation_id("ria")  # 'Ria/G7': the first one
    assert {r["name"] for r in one} == {"Ria", "G7", "Vorta Drom"}
    kept = {r["name"] for r in _index([a, b], merge_genitive=False).rows()}
    assert "Vorta Droms" in kept


def test_an_attendee_organisation_of_two_is_split():
    assert split_attendee_organisation("Ria/G7") == ["Ria", "G7"]
    assert split_attendee_organisation(" Kommunal ; Vision ") == ["Kommunal", "Vision"]
    assert split_attendee_organisation(None) == []


def test_a_municipal_body_is_its_municipality_s_where_the_meeting_or_the_name_says_which():
    kungsbacka = _record("k1-1", [("Eva Lund", "socialförvaltningen")], ["Kungsbacka kommun", "Socialnämnden", "KS"])
    named = _record("k2-1", [], ["Socialnämnden i Kungsbacka", "Socialnämndens"])
    goteborg = _record("g1-1", [], ["Göteborgs Stad", "Socialnämnden"])
    both = _record("b1-1", [], ["Kungsbacka kommun", "Göteborgs Stad", "Socialnämnden"])  # which one?
    nowhere = _record("n1-1", [], ["Socialnämnden", "Försäkringskassan"])
    records = [kungsbacka, named, goteborg, both, nowhere]
    rows = _index(records).rows()
    social = sorted(((r["municipality"], r["n_meetings"], sorted(r["variants"])) for r in rows
                     if r["kind"] == "committee" and r["name"] != "Kommunstyrelsen"), key=str)
    # k2's genitive: the meeting names no municipality (only the body's name does), so it is the bare one's
    assert social == [("Göteborg", 1, ["Socialnämnden"]), ("Kungsbacka", 2, ["Socialnämnden", "Socialnämnden i Kungsbacka"]),
                      (None, 3, ["Socialnämnden", "Socialnämndens"])]  # the meetings that do not say which
    ids = {r.meetings[0]["meeting_id"]: next(e["organisation_id"] for e in r.entities if e["text"] == "Socialnämnden")
           for r in (kungsbacka, goteborg, both, nowhere)}
    assert ids["k1-1"] != ids["g1-1"] and ids["b1-1"] == ids["n1-1"] not in (ids["k1-1"], ids["g1-1"])
    admin = next(r for r in rows if r["kind"] == "municipal_administration")
    assert admin["municipality"] == "Kungsbacka" and kungsbacka.attendees[0]["organisation_id"] == admin["organisation_id"]
    ks = next(r for r in rows if r["name"] == "Kommunstyrelsen")  # listed, and still a municipality's own
    assert (ks["municipality"], ks["variants"]) == ("Kungsbacka", ["KS"])
    fk = next(r for r in rows if r["name"] == "Försäkringskassan")  # a state agency is nobody's municipality's
    assert fk["municipality"] is None
