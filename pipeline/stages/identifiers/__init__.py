"""Identifiers: personal identity numbers, phone numbers, e-mail and street addresses (issue 16).

Runs right after ingest, before any other stage reads the text, so that with ``mask`` on (the
default; ``minutes run --no-mask-identifiers`` turns it off) no later stage, table, cache entry or
review page ever holds them: each is replaced in ``documents.text_raw`` (and so in ``text``) by a
typed placeholder, '[personnummer]', '[telefonnummer]', … (the patterns are shared Swedish
knowledge: :mod:`pipeline.lang.identifiers`). The same is done to the page furniture kept in
``blocks`` and to the metadata columns; block offsets are moved onto the masked text.

Either way each identifier gets a row in the ``identifiers`` table (kind, offsets, the text or
its placeholder), so the dataset says what they are: a personnummer is never an organisation
(the NER stage drops entities that overlap one).
"""
from __future__ import annotations

import json
from dataclasses import dataclass

from pipeline.contract.document import remap_blocks
from pipeline.contract.record import MinutesRecord
from pipeline.contract.stage import Budget, StageSpec, param
from pipeline.lang.identifiers import DEFAULT_FOUND, DEFAULT_MASKED, KINDS, find_identifiers, mask, placeholder

_META_COLUMNS = ("meta_title", "meta_date", "meta_author")


@dataclass(frozen=True)
class IdentifiersParams(Budget):
    mask: bool = param(True, "replace identifiers in the text by a typed placeholder ('[personnummer]'); "
                             "false keeps them (the identifiers table lists them either way)")
    kinds: list = param(list(DEFAULT_FOUND), "the kinds found and listed: " + ", ".join(KINDS))  # noqa: RUF009
    mask_kinds: list = param(list(DEFAULT_MASKED), "the kinds masked (with mask on)")  # noqa: RUF009


def _mask_strings(doc: dict, kinds: tuple[str, ...]) -> None:
    for col in _META_COLUMNS:
        doc[col] = mask(doc.get(col), kinds)[0]
    if doc.get("metadata"):
        try:
            meta = json.loads(doc["metadata"])
        except ValueError:
            meta = None
        if isinstance(meta, dict):
            meta = {k: mask(str(v), kinds)[0] for k, v in meta.items()}
            doc["metadata"] = json.dumps(meta, ensure_ascii=False, sort_keys=True)
        else:
            doc["metadata"] = mask(doc["metadata"], kinds)[0]


def identifiers_stage(rec: MinutesRecord, params: IdentifiersParams) -> None:
    doc = rec.document
    raw = doc.get("text_raw") or ""
    masked_kinds = tuple(k for k in params.mask_kinds if k in params.kinds) if params.mask else ()
    found = find_identifiers(raw, tuple(params.kinds))
    rows, edits, out, pos, shift = [], [], [], 0, 0
    for i in found:
        start = i.start + shift
        if i.kind not in masked_kinds:
            rows.append(_row(doc["doc_id"], i.kind, start, start + len(i.text), i.text, False))
            continue
        rep = placeholder(i.kind)
        rows.append(_row(doc["doc_id"], i.kind, start, start + len(rep), rep, True))
        edits.append({"start_char": i.start, "original": i.text, "replacement": rep})
        out += [raw[pos:i.start], rep]
        pos = i.end
        shift += len(rep) - len(i.text)
    rec.identifiers = rows
    if not edits:
        return
    masked = "".join(out) + raw[pos:]
    doc["text"] = masked if doc.get("text") in (raw, None) else mask(doc["text"], masked_kinds)[0]
    doc["text_raw"] = masked
    rec.blocks = [{**b, "text": mask(b.get("text"), masked_kinds)[0]} for b in remap_blocks(rec.blocks, edits)]
    _mask_strings(doc, masked_kinds)


def _row(doc_id: str, kind: str, start: int, end: int, text: str, masked: bool) -> dict:
    return {"doc_id": doc_id, "kind": kind, "start_char": start, "end_char": end, "text": text, "masked": masked}


STAGE = StageSpec(
    name="identifiers",
    params=IdentifiersParams,
    requires=("document.text_raw", "blocks"),
    assigns=("document.text_raw", "document.text", "blocks", "identifiers"),
    code=("pipeline/stages/identifiers", "pipeline/lang/identifiers.py"),
    run=identifiers_stage,
    description="personnummer, phone numbers, e-mail and street addresses: masked (default) and listed",
)

__all__ = ["STAGE", "IdentifiersParams", "identifiers_stage"]
