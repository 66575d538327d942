"""OCR repair of Swedish text (issue 4).

``repair_text(text_raw, params)`` returns the repaired text and one correction record per
change (offset into ``text_raw``, original, replacement, method, score).  Clean modern text
comes back byte-identical; in damaged blocks a noisy-channel decoder chooses, per sentence,
the most probable Swedish reading of each word:

    score(w_1..n) = sum_i  lm_weight * log P_lm(w_i | w_{i-1})  -  cost_i(observed_i | w_i)

Modules:

- ``detect``      is repair needed at all (a near-instant test for clean text), per block/page,
                  and how much of the å/ä/ö was stripped there (prices 'a' → 'ä').
- ``confusions``  the OCR confusion model: '6'/'&'/'é'/'d'/'b'/'i'/'|'/U+FFFD and stripped
                  vowels → candidate words, compounds split into repaired parts.
- ``lexicon``     wordfreq + hunspell-sv: inflected forms by reverse suffix analysis,
                  compound flags, names; an index by diacritic-folded form.
- ``lm``          bigram context model with distributional word classes for unseen pairs,
                  built by ``build_lm`` from Swedish corpora (models/repair/README.md).
- ``core``        the decoder, with the document's own evidence: forms written intact
                  elsewhere in it (an attendee list) are preferred for damaged mentions.

Mojibake is fixed with ftfy, U+FFFD from context.  ``score`` of a correction is the margin in
nats by which the chosen reading beats keeping the token (1.0 for ftfy and lone U+FFFD).
"""
from __future__ import annotations

from dataclasses import dataclass, field

from pipeline.contract.document import remap_blocks
from pipeline.contract.record import MinutesRecord
from pipeline.contract.stage import StageSpec
from pipeline.lang.identifiers import relocate
from pipeline.stages.repair.core import repair_text_impl
from pipeline.stages.repair.params import RepairParams


@dataclass
class RepairResult:
    text: str                                   # repaired text
    corrections: list[dict] = field(default_factory=list)
    # dicts with keys start_char (offset in text_raw), original, replacement, method, score


def repair_text(text_raw: str, params: dict | RepairParams | None = None) -> RepairResult:
    if not isinstance(params, RepairParams):
        params = RepairParams.from_mapping(params, "repair")
    text, corrections = repair_text_impl(text_raw, params.as_dict())
    return RepairResult(text=text, corrections=corrections)


def apply_corrections(text_raw: str, corrections: list[dict]) -> str:
    """Rebuild the repaired text from text_raw and the correction records."""
    out, pos = [], 0
    for c in sorted(corrections, key=lambda c: c["start_char"]):
        s = c["start_char"]
        out.append(text_raw[pos:s])
        out.append(c["replacement"])
        pos = s + len(c["original"])
    out.append(text_raw[pos:])
    return "".join(out)


def repair_stage(rec: MinutesRecord, params: RepairParams) -> None:
    """documents.text from text_raw; corrections; the blocks moved onto the repaired text."""
    result = repair_text(rec.document["text_raw"], params)
    rec.document["text"] = result.text
    rec.corrections = [{"doc_id": rec.document["doc_id"], **c} for c in result.corrections]
    rec.blocks = remap_blocks(rec.blocks, result.corrections)
    rec.identifiers = relocate(remap_blocks(rec.identifiers, result.corrections), result.text)  # onto the text


STAGE = StageSpec(
    name="repair",
    params=RepairParams,
    requires=("document.text_raw", "blocks", "identifiers"),
    assigns=("document.text", "corrections", "blocks", "identifiers"),
    code=("pipeline/stages/repair",),
    resources=("models/repair/bigrams.tsv.gz",),
    libraries=("hunspell-sv", "wordfreq", "spylls", "ftfy"),
    run=repair_stage,
    description="OCR-damaged Swedish -> repaired text, every change logged",
)

__all__ = ["RepairResult", "repair_text", "apply_corrections", "repair_stage", "STAGE"]
