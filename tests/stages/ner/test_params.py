"""pipeline/stages/ner/params.py: one typed flag per layer."""
import pytest

from pipeline.contract.stage import ParamsError
from pipeline.stages.ner.layers import LAYERS
from pipeline.stages.ner.params import NerParams


def test_every_layer_has_a_flag_on_by_default():
    p = NerParams()
    for flag, _ in LAYERS:
        assert getattr(p, flag) is True


def test_coerce_from_a_section_and_errors():
    assert NerParams.coerce(None) == NerParams()
    assert NerParams.coerce({"model": False}).model is False
    p = NerParams(gazetteer=False)
    assert NerParams.coerce(p) is p
    with pytest.raises(ParamsError):
        NerParams.coerce({"modle": False})
    with pytest.raises(ParamsError):
        NerParams.coerce({"model": "no"})
