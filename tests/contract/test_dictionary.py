from pipeline.contract.dictionary import data_dictionary
from pipeline.contract.schema import TABLES


def test_dictionary_lists_every_column_with_its_description():
    md = data_dictionary()
    for name, schema in TABLES.items():
        assert f"## {name}" in md
        for f in schema:
            assert f"| `{f.name}` |" in md
    assert "Offsets" in md or "offsets" in md


def test_committed_dictionary_is_current(repo):
    assert (repo / "docs" / "data-dictionary.md").read_text(encoding="utf-8") == data_dictionary()
