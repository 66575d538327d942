"""Parameters of the OCR repair stage (the ``repair`` section of params.yaml)."""
from __future__ import annotations

from dataclasses import dataclass

from pipeline.contract.stage import Budget, param


@dataclass(frozen=True)
class RepairParams(Budget):
    enabled: bool = param(True, "false: text = text_raw, no corrections")
    lm_path: str | None = param(None, "another bigram model (default: the shipped models/repair/bigrams.tsv.gz)")
    lm_weight: float = param(1.0, "weight of the context model against the channel costs")
    lm_mu: float = param(1.5, "Witten-Bell smoothing strength of the bigram model")
    lm_classes: float = param(0.5, "weight of the word-class (cluster/suffix) ratio for unseen pairs")
    doc_weight: float = param(0.5, "cache model: words written with å/ä/ö elsewhere in the document")
    d_cost: float = param(3.0, "channel cost of 'd' read for ä (ö, å: +0.5)")
    b_cost: float = param(3.5, "channel cost of 'b' read for ö")
    i_cost: float = param(6.0, "channel cost of 'i' read for ä")
    cap_i_cost: float = param(3.5, "channel cost of 'l' read for a word-initial capital I")
    cap_common_cost: float = param(0.0, "extra cost of a capitalised common word read as a name")
    lower_start_cost: float = param(2.5, "a sentence that starts in lower case in a sentence-cased text")
    compound_margin: float = param(1.0, "extra cost of a repaired compound not in the lexicon")
    split_penalty: float = param(2.0, "cost of reading one token as two words")
    name_prob: float = param(0.0, "prior of an attendee name as a repair; 0 = no special prior")
    oov_base_cost: float = param(8.0, "-log P of an unknown token: base ...")
    oov_char_cost: float = param(2.2, "... plus this per character")
    clean_strip_cost: float = param(9.0, "cost of stripping a diacritic in a block that looks clean")
    extra_single: dict = param({}, "extra single-character confusions {observed: {intended: cost}}")
    min_damaged_tokens: int = param(3, "detection: a block needs this many damaged-looking tokens")
    min_damage_share: float = param(0.01, "... and this share of its tokens")
    min_strip_rate: float = param(0.08, "... and this estimated share of å/ä/ö stripped (or OCR symbols)")
    min_block_words: int = param(40, "shorter blocks pool their evidence with the whole document")
