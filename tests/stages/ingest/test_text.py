from __future__ import annotations

import os
import unicodedata

import pytest

from pipeline.stages.ingest.text import NotText, decode_bytes, markdown_to_text, org_to_text, read_text


def test_dev_minutes_come_through_unchanged(dev_minutes):
    for f in dev_minutes:
        data = f.read_bytes()
        text, warnings = read_text(data, "txt")
        assert text == data.decode("utf-8").replace("\r\n", "\n"), f.name
        assert warnings == []


def test_clean_utf8_is_byte_identical_apart_from_crlf(swedish):
    tricky = swedish + "Citat: ”Så här” – ‘ok’ … ﬁ ｆｕｌｌ «x» 1\u00a0200 kr\n\n\n  indrag\tflik\n"
    assert read_text(tricky.encode())[0] == tricky
    assert read_text(tricky.replace("\n", "\r\n").encode())[0] == tricky
    assert read_text(tricky.replace("\n", "\r").encode())[0] == tricky


@pytest.mark.parametrize("encoding", ["utf-8-sig", "utf-16", "utf-16-le", "utf-16-be", "cp1252", "latin-1"])
def test_encodings(swedish, encoding):
    text, warnings = read_text(swedish.replace("\n", "\r\n").encode(encoding))
    assert text == swedish
    if encoding in ("cp1252", "latin-1"):
        assert warnings == ["decoded as cp1252"]


def test_cp1252_specials():
    s = "Kostnad: 100 € – ”offert” från Åhléns\n"
    assert read_text(s.encode("cp1252"))[0] == s


def test_mojibake_is_fixed():
    broken = "Protokoll fÃ¶r mÃ¶tet i VÃ¤xjÃ¶, nÃ¤rvarande Ã…sa Ã–berg\n"
    text, warnings = read_text(broken.encode("utf-8"))
    assert text == "Protokoll för mötet i Växjö, närvarande Åsa Öberg\n"
    assert any("mojibake" in w for w in warnings)


def test_decomposed_characters_become_nfc():
    nfd = unicodedata.normalize("NFD", "Åsa Öberg, Växjö")
    assert read_text(nfd.encode())[0] == "Åsa Öberg, Växjö"


def test_random_bytes_are_not_text():
    with pytest.raises(NotText):
        decode_bytes(os.urandom(4096))
    with pytest.raises(NotText):
        decode_bytes(b"\x00\x01\x02\x03" * 500 + "för".encode())


def test_markdown_reduced_to_text():
    md = (
        "---\ntitle: x\n---\n"
        "# Protokoll för styrelsemöte\n\n"
        "Närvarande: **Åsa Öberg**, *Björn* och [Märta](mailto:m@x.se).\n\n"
        "## § 1 Val av justerare\n"
        "Underrubrik\n-----------\n"
        "- [x] Göran justerar\n"
        "* Åsa skriver\n\n"
        "| Vem | Vad | När |\n|-----|:---:|----|\n| Åsa | Offert | 1 maj |\n\n"
        "```\nkod_rad = 1\n```\n"
        "<br>Text med `kod` och <span>tagg</span> och snake_case_ord.\n"
    )
    assert markdown_to_text(md).split("\n") == [
        "Protokoll för styrelsemöte", "", "Närvarande: Åsa Öberg, Björn och Märta.", "",
        "§ 1 Val av justerare", "Underrubrik", "- Göran justerar", "- Åsa skriver", "",
        "Vem | Vad | När", "Åsa | Offert | 1 maj", "", "kod_rad = 1",
        "Text med kod och tagg och snake_case_ord.", "",
    ]


def test_md_file_through_read_text():
    text, _ = read_text("# Möte\r\n\r\nText **fet**\r\n".encode("utf-8-sig"), "md")
    assert text == "Möte\n\nText fet\n"


def test_org_reduced_to_text():
    org = (
        "#+TITLE: Styrelsemöte 14 mars\n#+OPTIONS: toc:nil\n"
        "* TODO Närvarande :möte:\n"
        ":PROPERTIES:\n:ID: 123\n:END:\n"
        "Åsa Öberg, /Björn/ och *Märta*; se [[https://x.se][kallelsen]].\n"
        "** § 1 Beslut\n"
        "| Vem | Vad |\n|-----+-----|\n| Åsa | offert |\n"
        "#+BEGIN_QUOTE\nCitat\n#+END_QUOTE\n"
    )
    assert org_to_text(org).split("\n") == [
        "Styrelsemöte 14 mars", "Närvarande", "Åsa Öberg, Björn och Märta; se kallelsen.",
        "§ 1 Beslut", "Vem | Vad", "Åsa | offert", "Citat", "",
    ]
