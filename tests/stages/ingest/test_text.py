from __future__ import annotations

import os
import unicodedata

import pytest

from pipeline.stages.ingest.text import NotText, decode_bytes, read_text


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


def test_text_whose_non_ascii_letters_were_lost_is_text_not_binary():
    lost = "Nämnden beslutade att godkänna förslaget om öppettider i Åby.\n" * 20
    damaged = "".join("\ufffd" if not c.isascii() else c for c in lost)
    text, warnings = read_text(damaged.encode("utf-8"))
    assert text == damaged
    assert any("U+FFFD" in w for w in warnings)
    with pytest.raises(NotText):   # but a file that is mostly replacement characters is not text
        decode_bytes(("\ufffd" * 40 + "ab").encode("utf-8") * 50)
