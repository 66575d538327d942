"""docs/codebook.md: generated from the vocabularies, committed as generated, every value in it."""
from __future__ import annotations

import re

from typer.testing import CliRunner

from pipeline.cli import app
from pipeline.contract.concepts import CONCEPTS
from pipeline.lang import attendance
from pipeline.lang.entity_labels import ENTITY_LABELS
from pipeline.lang.organisation_kinds import ORGANISATION_KINDS
from pipeline.products.codebook import cell, codebook
from pipeline.stages.extract.kinds import DECISION_KINDS


def _section(text: str, heading: str) -> str:
    """The text of the '## heading' section, up to the next '## '."""
    start = text.index(f"\n## {heading}")
    end = text.find("\n## ", start + 1)
    return text[start:end if end > 0 else len(text)]


def test_the_committed_codebook_is_the_generated_one(repo):
    assert (repo / "docs" / "codebook.md").read_text(encoding="utf-8") == codebook(), \
        "docs/codebook.md is out of date: run `make generate`"


def test_every_value_of_every_vocabulary_is_defined_in_its_section():
    book = codebook()
    vocabularies = {"Decision kinds (`decisions.kind`)": DECISION_KINDS,
                    "Attendee roles (`attendees.role`)": attendance.ROLE_TERMS,
                    "Attendance statuses": attendance.ATTENDANCE_STATUSES,
                    "Organisation kinds (`organisations.kind`)": ORGANISATION_KINDS,
                    "Entity labels (`entities.label`)": ENTITY_LABELS}
    for heading, terms in vocabularies.items():
        section = _section(book, heading)
        rows = {m.group(1): m.group(0) for m in re.finditer(r"^\| `([^`]+)` \|.*$", section, re.M)}
        assert list(rows) == [t.name for t in terms], heading  # each value once, in the vocabulary's order
        for t in terms:
            assert cell(t.definition) in rows[t.name] and all(cell(e) in rows[t.name] for e in t.examples), t.name
    assert set(attendance.ROLES) == {t.name for t in attendance.ROLE_TERMS}
    roles = _section(book, "Attendee roles (`attendees.role`)")
    assert "protokollförare" in roles and "-chef" in roles  # written forms and job titles, from the code
    assert "‘kallade’" in _section(book, "Attendance statuses")


def test_every_unit_is_defined_with_examples():
    units = _section(book := codebook(), "The units of the dataset")
    for c in CONCEPTS:
        assert f"(`{c.table}`)" in units and c.definition in units
        assert all(f"- {e}" in units for e in c.counts + c.not_counted + c.notes), c.name
    assert [c.name for c in CONCEPTS] == ["meeting", "section", "attendee", "decision", "action item"]
    assert book.startswith("# Codebook") and "[data dictionary](data-dictionary.md)" in book


def test_cell_keeps_a_markdown_table_intact():
    assert cell("a | b\n  c") == "a \\| b c"


def test_codebook_command(tmp_path):
    out = tmp_path / "codebook.md"
    result = CliRunner().invoke(app, ["codebook", "--out", str(out)])
    assert result.exit_code == 0, result.output
    assert out.read_text(encoding="utf-8") == codebook()
