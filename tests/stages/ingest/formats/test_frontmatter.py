from __future__ import annotations

from pipeline.stages.ingest.formats.frontmatter import split_front_matter


def test_yaml_toml_and_comment_front_matter():
    meta, rest, n = split_front_matter("---\ntitle: Möte\ndate: 2024-01-02\n---\n# Rubrik\n")
    assert meta["title"] == "Möte" and rest == "# Rubrik\n" and n == 4
    meta, rest, _ = split_front_matter('+++\ntitle = "Möte"\n+++\nText')
    assert meta == {"title": "Möte"} and rest == "Text"
    meta, rest, _ = split_front_matter("<!-- title: Referensgruppen\nauthor: Kim -->\nText")
    assert meta == {"title": "Referensgruppen", "author": "Kim"} and rest.strip() == "Text"


def test_no_front_matter_is_left_alone():
    for text in ("---\nbara en linje\n", "<!-- en vanlig kommentar med flera ord -->\nText", "Text\n---\n"):
        assert split_front_matter(text) == ({}, text, 0)
