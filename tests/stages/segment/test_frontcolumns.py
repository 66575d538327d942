from pipeline.lang.attendance import ATTENDANCE_HEADINGS
from pipeline.stages.segment.frontcolumns import Column, assign_fragments, fragments
from pipeline.stages.segment.lines import Segment, split_lines


def _seg(text, col=0.0):
    return Segment(0, len(text), text, col)


def _columns(*labels, xs=None):
    xs = xs or [None] * len(labels)
    return [Column(label, ATTENDANCE_HEADINGS[label], x) for label, x in zip(labels, xs)]


def _feed(columns, lines):
    for text in lines:
        assign_fragments(columns, fragments(_seg(text)))
    return [[" ".join(p.text for p in e) for e in c.entries] for c in columns]


def test_fragments_cut_a_collapsed_line_into_its_columns():
    kinds = [(f.kind, f.seg.text) for f in fragments(_seg("Anna Ek (L), Ordförande Bo Berg (S) tjänstgör för"))]
    assert kinds == [("name", "Anna Ek (L), Ordförande"), ("name", "Bo Berg (S) tjänstgör för")]
    assert [f.kind for f in fragments(_seg("ordförande Cia Lind (C)"))] == ["cont", "name"]
    assert [f.kind for f in fragments(_seg("Eva Holm (M), 1:e vice Ström (L)"))] == ["name", "half"]
    assert [f.seg.text for f in fragments(_seg("Anna Lena Johnson, kommunikatör"))] == ["Anna Lena Johnson, kommunikatör"]


def test_open_entries_take_the_continuation_and_a_substitute_takes_the_member_replaced():
    cols = _columns("ledamöter", "tjänstgörande ersättare")
    got = _feed(cols, ["Anna Ek (L), Ordförande Bo Berg (S) tjänstgör för",
                       "Eva Holm (M), 2:e vice Cia Lind (S)",
                       "ordförande",
                       "Dan Roos (M)"])
    assert got == [["Anna Ek (L), Ordförande", "Eva Holm (M), 2:e vice ordförande", "Dan Roos (M)"],
                   ["Bo Berg (S) tjänstgör för Cia Lind (S)"]]
    people = [(a.entry.name, a.entry.role, a.entry.present) for c in cols for a in c.attendees()]
    assert ("Eva Holm", "2:e vice ordförande", True) in people
    assert ("Cia Lind", "ledamot", False) in people and ("Bo Berg", "tjänstgörande ersättare", True) in people


def test_a_lone_entry_goes_to_the_column_its_form_fits():
    cols = _columns("ersättare", "tjänstepersoner")
    got = _feed(cols, ["Olle Brandt (KD) Marie Sjö, socialchef", "Jens Ock, enhetschef,", "§ 89", "Kim Ros (L)"])
    assert got == [["Olle Brandt (KD)", "Kim Ros (L)"], ["Marie Sjö, socialchef", "Jens Ock, enhetschef, § 89"]]


def test_positions_place_fragments_when_the_line_shows_its_gaps():
    cols = _columns("personalföreträdare", "övriga", xs=[0.0, 30.0])
    line = split_lines("Birgitta Ros, Vision, § 88    Karl Storm, ordförande")[0]
    assign_fragments(cols, [f for s in line.segments() for f in fragments(s, True)], left=0.0)
    assign_fragments(cols, fragments(Segment(0, 20, "Pensionärsrådet, § 87", 30.0), True), left=0.0)
    assert [[" ".join(p.text for p in e) for e in c.entries] for c in cols] == [
        ["Birgitta Ros, Vision, § 88"], ["Karl Storm, ordförande Pensionärsrådet, § 87"]]


def test_a_job_title_run_into_the_next_column():
    cols = _columns("ersättare", "tjänstepersoner")
    assert _feed(cols, ["Ola Ek (S) Maja Sand, biträdande", "Pia Lund (SD) förvaltningschef"]) == [
        ["Ola Ek (S)", "Pia Lund (SD)"], ["Maja Sand, biträdande förvaltningschef"]]
