from pipeline.contract.record import MinutesRecord
from pipeline.run.cache import RecordCache, fingerprint


def _rec(doc_id):
    return MinutesRecord(document={"doc_id": doc_id, "source_path": f"{doc_id}.txt", "status": "ok",
                                   "text": "Mötet öppnades."})


def test_put_and_get_round_trip(tmp_path):
    cache = RecordCache(tmp_path, {"segment": {}})
    cache.put(_rec("ab12"))
    assert "ab12" in cache and "cd34" not in cache
    assert cache.get("ab12").document["text"] == "Mötet öppnades."
    assert not list(cache.dir.rglob("*.tmp"))


def test_parameters_change_the_fingerprint():
    assert fingerprint({"ner": {}}) == fingerprint({"ner": {}})
    assert fingerprint({"ner": {}}) != fingerprint({"ner": {"model_path": "other"}})


def test_a_truncated_entry_reads_as_missing(tmp_path):
    cache = RecordCache(tmp_path, {})
    cache.put(_rec("ab12"))
    path = next(cache.dir.rglob("ab12.json"))
    path.write_bytes(path.read_bytes()[:10])
    assert cache.get("ab12") is None


def test_prune_drops_other_fingerprints_and_removed_documents(tmp_path):
    old = RecordCache(tmp_path, {"repair": {"lm_weight": 0.5}})
    old.put(_rec("ab12"))
    cache = RecordCache(tmp_path, {})
    cache.put(_rec("ab12"))
    cache.put(_rec("cd34"))
    cache.prune({"ab12"})
    assert not old.dir.exists()
    assert "ab12" in cache and "cd34" not in cache


def test_a_library_version_changes_the_fingerprint(monkeypatch):
    from pipeline.run import cache

    before = fingerprint({})
    versions = cache.library_versions()
    assert {"spacy", "hunspell-sv", "wordfreq"} <= set(versions)  # declared by the stages
    monkeypatch.setattr(cache, "library_versions", lambda: {**versions, "spacy": "3.8.999"})
    assert fingerprint({}) != before


def test_a_resource_change_changes_the_fingerprint(tmp_path, monkeypatch):
    import dataclasses

    from pipeline.run import cache, registry

    lexicon = tmp_path / "cues.yaml"
    lexicon.write_text("beslut: [beslutade]\n", encoding="utf-8")
    spec = dataclasses.replace(registry.DOCUMENT_STAGES[0], resources=("test/cues.yaml",))
    monkeypatch.setattr(registry, "DOCUMENT_STAGES", (spec, *registry.DOCUMENT_STAGES[1:]))
    real = cache.declared_path
    monkeypatch.setattr(cache, "declared_path", lambda p: lexicon if p == "test/cues.yaml" else real(p))
    cache._code_and_resources_digest.cache_clear()
    try:
        before = fingerprint({})
        lexicon.write_text("beslut: [beslutade, beslöt]\n", encoding="utf-8")
        cache._code_and_resources_digest.cache_clear()
        assert fingerprint({}) != before
    finally:
        cache._code_and_resources_digest.cache_clear()


def test_the_shipped_models_are_in_the_fingerprint():
    """The NER model and the repair's language model are declared resources that exist."""
    from pipeline.run import cache, registry

    resources = {r for s in registry.DOCUMENT_STAGES for r in s.resources}
    assert {"models/sv_minutes_ner", "models/repair/bigrams.tsv.gz"} <= resources
    for r in resources:
        assert cache._files(cache.declared_path(r), code_only=False), r


def test_entries_are_json_with_a_checksum_and_round_trip_dates(tmp_path):
    import datetime as dt

    cache = RecordCache(tmp_path, {})
    rec = _rec("ab12")
    rec.meetings = [{"meeting_id": "ab12-1", "doc_id": "ab12", "date": dt.date(2024, 3, 12), "body": "Nämnden"}]
    cache.put(rec)
    blob = next(cache.dir.rglob("ab12.json")).read_bytes()
    header, _, payload = blob.partition(b"\n")
    assert header.startswith(b"minutes-cache/2 " + cache.fingerprint.encode() + b" ab12 ")
    assert payload.startswith(b"{") and b"pickle" not in blob
    assert cache.get("ab12").meetings[0]["date"] == dt.date(2024, 3, 12)


def test_the_person_pass_reads_only_its_fields_of_an_entry(tmp_path):
    """The first payload line holds what the person index reads; the text and the other rows are not parsed."""
    cache = RecordCache(tmp_path, {})
    rec = _rec("ab12")
    rec.meetings = [{"meeting_id": "ab12-1", "doc_id": "ab12", "body": "Nämnden"}]
    rec.attendees = [{"meeting_id": "ab12-1", "name": "Eva Holm", "organisation": None}]
    cache.put(rec)
    thin = cache.get("ab12", persons_only=True)
    assert thin.document == {"doc_id": "ab12"} and thin.attendees == rec.attendees and thin.meetings == rec.meetings
    assert thin.blocks == [] and cache.get("ab12").document["text"] == "Mötet öppnades."
    path = next(cache.dir.rglob("ab12.json"))
    path.write_bytes(path.read_bytes().replace("Mötet".encode(), "Mötte".encode()))  # damage in the other line
    assert cache.get("ab12", persons_only=True) is None  # the checksum covers the whole payload


def test_a_tampered_pickle_in_the_cache_runs_no_code(tmp_path):
    import pickle

    marker = tmp_path / "pwned"

    class Exploit:
        def __reduce__(self):
            return (open, (str(marker), "w"))

    cache = RecordCache(tmp_path, {})
    cache.put(_rec("ab12"))
    path = next(cache.dir.rglob("ab12.json"))
    path.write_bytes(pickle.dumps(Exploit()))
    (path.parent / "ab12.pkl").write_bytes(pickle.dumps(Exploit()))  # the old format's name, too
    assert cache.get("ab12") is None
    assert not marker.exists()


def test_a_corrupt_or_foreign_entry_is_ignored(tmp_path):
    cache = RecordCache(tmp_path, {})
    cache.put(_rec("ab12"))
    cache.put(_rec("cd34"))
    path = next(cache.dir.rglob("ab12.json"))
    good = path.read_bytes()
    path.write_bytes(good.replace("Mötet".encode(), "Mötte".encode()))  # checksum no longer fits
    assert cache.get("ab12") is None
    path.write_bytes(next(cache.dir.rglob("cd34.json")).read_bytes())  # another document's entry
    assert cache.get("ab12") is None
    other = RecordCache(tmp_path, {"repair": {"lm_weight": 0.5}})
    other.dir.mkdir(parents=True)
    (other.dir / "ab").mkdir()
    (other.dir / "ab" / "ab12.json").write_bytes(good)  # an entry of other parameters
    assert other.get("ab12") is None
    path.write_bytes(good)
    assert cache.get("ab12").document["text"] == "Mötet öppnades."


def test_a_failed_write_leaves_nothing_and_a_new_run_sweeps_leftovers(tmp_path, monkeypatch):
    import errno

    import pytest

    cache = RecordCache(tmp_path, {})
    cache.put(_rec("ab12"))
    real_open = open

    def full_disk(path, mode="r", *a, **kw):
        f = real_open(path, mode, *a, **kw)
        if "w" in mode and str(path).endswith(".tmp"):
            f.write(b"half")
            f.close()
            raise OSError(errno.ENOSPC, "No space left on device")
        return f

    monkeypatch.setattr("builtins.open", full_disk)
    with pytest.raises(OSError):
        cache.put(_rec("cd34"))
    monkeypatch.undo()
    assert not list(cache.dir.rglob("*.tmp")) and "cd34" not in cache
    (cache.dir / "ab" / ".ab12.json.999.tmp").write_bytes(b"left by a killed run")
    old = RecordCache(tmp_path, {"repair": {"lm_weight": 0.5}})
    old.put(_rec("ab12"))
    assert cache.sweep() == 2
    assert not old.dir.exists() and not list(cache.dir.rglob("*.tmp")) and "ab12" in cache
