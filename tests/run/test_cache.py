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
    path = next(cache.dir.rglob("ab12.pkl"))
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
