from pipeline.run.cache import RecordCache, fingerprint
from pipeline.contract.record import MinutesRecord


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
