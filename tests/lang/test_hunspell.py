from pipeline.lang.hunspell import hunspell_sv_base


def test_the_dictionary_is_found_or_an_override_is_used(tmp_path, monkeypatch):
    base = tmp_path / "sv_SE"
    base.with_suffix(".dic").write_text("2\nhus/A\nKalmar\n", encoding="utf-8")
    base.with_suffix(".aff").write_text("SET UTF-8\n", encoding="utf-8")
    monkeypatch.setenv("MINUTES_HUNSPELL_SV", str(base))
    assert hunspell_sv_base() == base
    monkeypatch.setenv("MINUTES_HUNSPELL_SV", str(tmp_path / "missing"))
    found = hunspell_sv_base()
    assert found is None or found.with_suffix(".dic").exists()
