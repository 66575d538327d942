"""What one document's rows become."""
from __future__ import annotations

from pipeline.products.pseudonymize.io import Document
from pipeline.products.pseudonymize.people import PersonModel
from pipeline.products.pseudonymize.rows import DocumentRewrite, Rewriter, new_person_id, transform_person

TEXT = "Styrelsen 1 maj 2024\n\nNärvarande: Eva Holm\n\nEva ringer 070-123 45 67 om Evas förslag.\n"


def _rewrite() -> tuple[Rewriter, DocumentRewrite]:
    m = PersonModel()
    m.add_person({"person_id": "p1", "name": "Eva Holm", "variants": ["Eva Holm", "Eva"]})
    m.add_meeting({"meeting_id": "d-1", "body": "Styrelsen"})
    m.add_attendee({"meeting_id": "d-1", "name": "Eva Holm", "organisation": None, "person_id": "p1"})
    m.build(["d-1"])
    m.number()
    rw = Rewriter(m)
    s = TEXT.index("070")
    doc = Document("2024", {"doc_id": "d", "text": TEXT, "text_raw": TEXT},
                   {"meetings": [{"meeting_id": "d-1", "doc_id": "d"}],
                    "identifiers": [{"doc_id": "d", "kind": "telefonnummer", "start_char": s, "end_char": s + 13,
                                     "text": "070-123 45 67", "masked": False}]})
    return rw, DocumentRewrite(rw, doc)


def test_text_rows_and_ids_are_rewritten_together():
    rw, d = _rewrite()
    eva = rw.pseudonyms["p1"]
    assert d.new_text == (f"Styrelsen 1 maj 2024\n\nNärvarande: {eva}\n\n{eva} ringer [telefonnummer] om "
                          f"{eva}:s förslag.\n")
    ident = d.transform("identifiers", d.rows["identifiers"][0])
    assert d.new_text[ident["start_char"]:ident["end_char"]] == ident["text"] == "[telefonnummer]"
    att = d.transform("attendees", {"meeting_id": "d-1", "name": "Eva Holm", "person_id": "p1",
                                    "start_char": TEXT.index("Eva"), "end_char": TEXT.index("Eva") + 8})
    assert att["name"] == eva and att["person_id"] == new_person_id(eva) != "p1"
    person = transform_person(rw, {"person_id": "p1", "name": "Eva Holm", "variants": ["Eva", "Eva Holm"],
                                   "organisations": ["eva.holm@example.se"]}, rw.model.matcher(None))
    assert person["name"] == eva and person["variants"] == [eva] and person["organisations"] == [f"[e-post {eva}]"]
