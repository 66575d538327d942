"""pipeline/products/attendance.py: person × meeting with a status, from what the attendee lists say."""
import datetime as dt

from pipeline.contract.record import MinutesRecord
from pipeline.products.attendance import STATUSES, attendance_rows, status_of

PROTOCOL = """Socialnämnden 2024-03-21
Beslutande
Anna Ek (S), ordförande
Lars Sundbom (M) tjänstgör för Marianne Pleijel (M)
Frånvarande
Karl Öst (V)
Kallade
Eva Lund, RSMH
Närvarande
Per Holm, socialförvaltningen
"""


def _attendee(name: str, present: bool, role: str | None = None, line: str | None = None, **more) -> dict:
    start = PROTOCOL.index(line or name)
    end = PROTOCOL.index("\n", start)
    return {"meeting_id": "d1-1", "attendee_id": f"a-{name[:3]}", "name": name, "present": present, "role": role,
            "start_char": start, "end_char": end, **more}


def test_each_status_comes_from_the_list_the_attendee_stands_in():
    cases = {
        "present": _attendee("Anna Ek", True, "ordförande"),
        "substitute": _attendee("Lars Sundbom", True, "tjänstgörande ersättare"),
        "replaced": _attendee("Marianne Pleijel", False, "ledamot", line="Lars Sundbom"),
        "absent": _attendee("Karl Öst", False),
        "invited": _attendee("Eva Lund", False),
    }
    assert {status_of(a, PROTOCOL) for a in cases.values()} == set(STATUSES)
    for status, a in cases.items():
        assert status_of(a, PROTOCOL) == status, a["name"]
    assert status_of(_attendee("Per Holm", True), PROTOCOL) == "present"
    assert status_of({"present": False}, None) == "absent"  # no text to look at: absent as listed


def test_an_inline_kallade_list_is_invited():
    text = "Kallade: Eva Lund, Bo Ek\nNärvarande: Bo Ek\n"
    eva = {"name": "Eva Lund", "present": False, "start_char": 0, "end_char": 24}
    assert status_of(eva, text) == "invited"


def test_rows_carry_the_person_organisation_and_meeting():
    a = _attendee("Eva Lund", False, person_id="p-1", organisation="RSMH", organisation_id="o-1")
    rec = MinutesRecord(document={"doc_id": "d1", "status": "ok", "text": PROTOCOL}, attendees=[a],
                        meetings=[{"meeting_id": "d1-1", "doc_id": "d1", "body": "Socialnämnden",
                                   "date": dt.date(2024, 3, 21)}])
    [row] = attendance_rows(rec, {"o-1": ("RSMH", "user_organisation")})
    assert row["status"] == "invited" and row["present"] is False
    assert (row["person_id"], row["organisation"], row["organisation_kind"]) == ("p-1", "RSMH", "user_organisation")
    assert (row["body"], row["date"]) == ("Socialnämnden", dt.date(2024, 3, 21))
    assert PROTOCOL[row["start_char"]:row["end_char"]] == "Eva Lund, RSMH"
