"""Load the trained NER model once per process and run it over long texts in chunks.

The model (``models/sv_minutes_ner``) is a spaCy pipeline ``tok2vec`` + ``ner`` on a blank
Swedish tokenizer, trained by ``python -m spacy train configs/ner.cfg`` (see models/README.md).
The ``minutes_patterns`` component (pipeline.stages.ner.patterns) is added after loading so that
the patterns also land in ``doc.spans`` for anyone using the pipeline directly.

Speed: the model's matrix products go to numpy's BLAS (:class:`BlasOps`; about 3x the speed of
the blis kernel thinc ships, on the same entities), and that BLAS runs on one thread while the
model runs — the runner parallelises over documents, and BLAS threads would only add CPU time.
"""
from __future__ import annotations

import re
from collections.abc import Iterator
from functools import lru_cache
from pathlib import Path

import numpy as np
from thinc.api import NumpyOps

from pipeline.contract.record import LabelledSpan
from pipeline.contract.resources import model_path

DEFAULT_MODEL = "sv_minutes_ner"
MAX_CHUNK = 3000  # characters per piece of text given to the model

_PARA = re.compile(r"\n[ \t\r\f\v]*\n\s*")
_BREAK = re.compile(r"\n|(?<=[.!?])\s+")



def resolve_path(path: str | Path) -> Path:
    """A model path: absolute as given, else inside the shipped models (pipeline.contract.resources)."""
    return model_path(path)


class BlasOps(NumpyOps):
    """thinc's CPU ops with numpy's matrix product (OpenBLAS) in place of blis."""

    def gemm(self, x, y, *, out=None, trans1=False, trans2=False):
        x = x.T if trans1 else x
        y = y.T if trans2 else y
        if out is None:
            return np.matmul(x, y)
        np.matmul(x, y, out=out)
        return out


def use_blas_ops(nlp) -> None:
    """Every layer of the pipeline's trained components computes with :class:`BlasOps`."""
    ops = BlasOps()
    for _, component in nlp.pipeline:
        model = getattr(component, "model", None)
        for node in model.walk() if hasattr(model, "walk") else ():
            node.ops = ops


@lru_cache(maxsize=1)
def _blas_threads():
    """The process's BLAS libraries, to be held to one thread while the model runs."""
    from threadpoolctl import ThreadpoolController

    return ThreadpoolController()


@lru_cache(maxsize=4)
def load_model(path: str = DEFAULT_MODEL):
    """The spaCy pipeline at ``path`` (relative to the repo root), with the patterns component.

    Returns None when no trained model is there, so the rule layers still work.
    """
    import spacy

    from pipeline.stages.ner import patterns  # noqa: F401  (registers the factory)

    p = resolve_path(path)
    if not (p / "config.cfg").exists():
        return None
    nlp = spacy.load(p, exclude=["parser", "tagger", "lemmatizer", "attribute_ruler", "senter"])
    if "minutes_patterns" not in nlp.pipe_names:
        nlp.add_pipe("minutes_patterns", last=True)
    nlp.max_length = max(nlp.max_length, 2 * MAX_CHUNK)
    use_blas_ops(nlp)
    return nlp


def chunks(text: str, max_chars: int = MAX_CHUNK) -> Iterator[tuple[int, str]]:
    """(offset, piece) pairs covering the text: paragraphs, long ones cut at line or sentence
    ends, and as a last resort at whitespace or hard at ``max_chars``. Blank pieces are skipped."""
    pos = 0
    for m in list(_PARA.finditer(text)) + [None]:
        end = m.start() if m else len(text)
        yield from _split_long(text, pos, end, max_chars)
        pos = m.end() if m else len(text)


def _split_long(text: str, start: int, end: int, max_chars: int) -> Iterator[tuple[int, str]]:
    while start < end:
        while start < end and text[start].isspace():
            start += 1
        if start >= end:
            return
        if end - start <= max_chars:
            yield start, text[start:end]
            return
        limit = start + max_chars
        cut = -1
        for m in _BREAK.finditer(text, start + max_chars // 3, limit):
            cut = m.end()
        if cut <= start:
            ws = text.rfind(" ", start + max_chars // 3, limit)
            cut = ws + 1 if ws > start else limit
        yield start, text[start:cut]
        start = cut


def run_model(nlp, text: str, batch_size: int = 64, max_chars: int = MAX_CHUNK) -> list[LabelledSpan]:
    """Entity spans of the statistical NER over the whole text (document offsets)."""
    if nlp is None or not text or not text.strip():
        return []
    pieces = list(chunks(text, max_chars))
    out: list[LabelledSpan] = []
    disable = [n for n in nlp.pipe_names if n not in ("tok2vec", "ner")]
    with nlp.select_pipes(disable=disable), _blas_threads().limit(limits=1, user_api="blas"):
        for (off, _), doc in zip(pieces, nlp.pipe((p for _, p in pieces), batch_size=batch_size)):
            for ent in doc.ents:
                s, e = off + ent.start_char, off + ent.end_char
                out.append(LabelledSpan(s, e, ent.label_, text[s:e]))
    return out
