from __future__ import annotations

from pipeline.stages.ingest.hyphenation import join_hyphenated


def test_join_hyphenated():
    assert join_hyphenated("Styrelsen beslöt att åt-\ngärda gropar på vägen.") == \
        "Styrelsen beslöt att åtgärda\ngropar på vägen."
    assert join_hyphenated("Stenålderns samfällighets-\nförening") == "Stenålderns samfällighetsförening"
    # Swedish coordination and capitals keep their hyphen
    assert join_hyphenated("kultur-\noch fritidsnämnden") == "kultur-\noch fritidsnämnden"
    assert join_hyphenated("barn- eller\nungdom") == "barn- eller\nungdom"
    assert join_hyphenated("frågor om IT-\nsystem") == "frågor om IT-\nsystem"
    assert join_hyphenated("Beslut:\n- punkt ett") == "Beslut:\n- punkt ett"
    assert join_hyphenated("rad slutar med -\nny rad") == "rad slutar med -\nny rad"
    assert join_hyphenated("mjuk\u00ad\nbindestreck") == "mjukbindestreck"
