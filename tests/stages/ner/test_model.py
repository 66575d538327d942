"""pipeline/stages/ner/model.py and the shipped model in models/sv_minutes_ner."""
from __future__ import annotations

import json

from pipeline.stages.ner.model import DEFAULT_MODEL, chunks, load_model, resolve_path, run_model


def test_shipped_model_is_small_and_records_its_scores():
    path = resolve_path(DEFAULT_MODEL)
    size = sum(p.stat().st_size for p in path.rglob("*") if p.is_file())
    assert size < 30e6
    meta = json.loads((path / "meta.json").read_text(encoding="utf-8"))
    assert meta["lang"] == "sv"
    assert set(meta["labels"]["ner"]) == {"PER", "ORG", "LOC"}
    assert meta["performance"]["ents_f"] > 0.7


def test_model_finds_person_and_place_in_a_clear_sentence(nlp):
    doc = nlp("I går träffade Anna Lindgren kommunens politiker i Jönköping för att tala om bostäder.")
    ents = {(e.text, e.label_) for e in doc.ents}
    assert ("Anna Lindgren", "PER") in ents
    assert ("Jönköping", "LOC") in ents


def test_model_pipeline_has_the_patterns_component(nlp):
    assert nlp.pipe_names[:2] == ["tok2vec", "ner"]
    doc = nlp("Ärendet går vidare till Socialnämnden och Region Skåne.")
    assert {s.text for s in doc.spans["patterns"]} == {"Socialnämnden", "Region Skåne"}


def test_run_model_gives_document_offsets_across_chunks(nlp):
    para = "Under mötet berättade Johan Eriksson om sitt arbete i Uppsala. " * 3
    text = "\n\n".join([para] * 40)  # longer than one chunk
    spans = run_model(nlp, text, max_chars=500)
    assert spans
    for sp in spans:
        assert text[sp.start:sp.end] == sp.text
    assert sum(sp.text == "Uppsala" for sp in spans) >= 100


def test_run_model_on_nothing():
    assert run_model(None, "Anna bor i Lund.") == []
    assert run_model(load_model(), "") == []
    assert run_model(load_model(), "  \n ") == []


def test_missing_model_gives_none(tmp_path):
    assert load_model(str(tmp_path / "no-model")) is None


def test_chunks_cover_the_text_and_respect_the_limit():
    text = ("Första stycket. " * 50 + "\n\n" + "ord " * 2000 + "\n\n" + "x" * 7000 + "\n\n   \n\nSista.")
    pieces = list(chunks(text, max_chars=1000))
    assert all(len(p) <= 1000 for _, p in pieces)
    assert all(text[o:o + len(p)] == p for o, p in pieces)
    covered = "".join(p for _, p in pieces)
    assert covered.replace(" ", "").replace("\n", "") == text.replace(" ", "").replace("\n", "")


def test_blas_ops_multiply_like_thincs_own_ops():
    import numpy as np
    from thinc.api import NumpyOps

    from pipeline.stages.ner.model import BlasOps

    rng = np.random.default_rng(0)
    x, y = rng.random((37, 96), dtype=np.float32), rng.random((96, 288), dtype=np.float32)
    ref = NumpyOps().gemm(x, y)
    assert np.allclose(BlasOps().gemm(x, y), ref, rtol=1e-5)
    assert np.allclose(BlasOps().gemm(x, np.ascontiguousarray(y.T), trans2=True), ref, rtol=1e-5)
    assert np.allclose(BlasOps().gemm(np.ascontiguousarray(x.T), y, trans1=True), ref, rtol=1e-5)
    out = np.zeros((37, 288), dtype=np.float32)
    assert BlasOps().gemm(x, y, out=out) is out and np.allclose(out, ref, rtol=1e-5)


def test_loaded_model_computes_with_blas_ops(nlp):
    from pipeline.stages.ner.model import BlasOps

    for name in ("tok2vec", "ner"):
        assert all(isinstance(node.ops, BlasOps) for node in nlp.get_pipe(name).model.walk())


def test_run_model_holds_blas_to_one_thread():
    from threadpoolctl import threadpool_info

    seen = []

    class Recorder:
        """Stands in for the spaCy pipeline: notes the BLAS threads while it runs."""
        pipe_names = ["tok2vec", "ner"]

        def select_pipes(self, disable):
            import contextlib
            return contextlib.nullcontext()

        def pipe(self, texts, batch_size):
            for _ in texts:
                seen.append({i["num_threads"] for i in threadpool_info() if i["user_api"] == "blas"})
                yield type("Doc", (), {"ents": []})()

    assert run_model(Recorder(), "Anna Berg öppnade mötet.\n\nPer Lund valdes till justerare.") == []
    assert len(seen) == 2 and all(s <= {1} for s in seen)
