from pipeline.stages.segment.attendees import Attendee
from pipeline.stages.segment.author import author, closing_author
from pipeline.stages.segment.entry import Entry
from pipeline.stages.segment.lines import split_lines


def _closing(text):
    return closing_author(split_lines(text))[0]


def test_closing_signatures():
    assert _closing("Text.\n\n/Anne\n") == "Anne"
    assert _closing("Text.\n\nVid pennan: Bo Ek\n") == "Bo Ek"
    assert _closing("Text.\n\nVid protokollet\n\n............\nLisa Ek\n") == "Lisa Ek"
    assert _closing("Text.\n\nVid anteckningarna /Per-Åke Holm\n") == "Per-Åke Holm"
    assert _closing("Text.\n\n/Nina\n, sekreterare i styrelsen\n") == "Nina"
    assert _closing("Text.\n\nTack för i dag.\n") is None


def test_the_secretary_when_there_is_no_closing():
    lines = split_lines("Styrelsen\n\nText.\n")
    people = [Attendee(Entry("Cia Lind", role="sekreterare"), 0, 0)]
    assert author(lines, people, None) == ("Cia Lind", None)
    assert author(lines, people, "Hanna Vall") == ("Hanna Vall", None)
    assert author(lines, [], None) == (None, None)


def test_more_closing_phrases():
    assert _closing("Text.\n\nVid tangentbordet\nCia Lind\n") == "Cia Lind"


def test_a_note_taker_named_at_the_top():
    from pipeline.stages.segment.author import head_author
    assert head_author(split_lines("Föräldrarådet 5 mars\n\nAnteckningar: Amir Holm\n\nText.\n")) == "Amir Holm"
    assert head_author(split_lines("Rådet\n- Antecknare :: Tobias Lind\n")) == "Tobias Lind"
    assert head_author(split_lines("Rådet\nSekreterare: Tuva Nyman (kårsekreterare, anställd)\n")) == "Tuva Nyman"


def test_a_first_name_after_the_note_takers_label_and_signatures_run_together_on_a_form():
    assert _closing("Text.\n\nVid tangentbordet: Marianne\n") == "Marianne"
    from pipeline.stages.segment.frontpage import read_front_page
    from pipeline.stages.segment.lines import LineIndex
    text = ("Plats och tid   Rådhuset kl. 13.00\nUtses att justera   Bo Berg\nUnderskrifter   Sekreterare ........ "
            "Paragrafer 45–51 Elin Sand Ordförande ........ Anna Lind Justerande ........ Bo Berg\n")
    lines = split_lines(text)
    fp = read_front_page(lines, LineIndex(lines))
    assert (fp.value("secretary"), fp.value("chair")) == ("Elin Sand", "Anna Lind")


def test_a_forms_short_label_for_the_note_taker():
    from pipeline.stages.segment.author import head_author
    text = "SAMVERKANSRÅD\n\nDatum:   6 mars 2025\nOrdf:    Eva Lind\nAnteckn: Nils Ström\n\nText.\n"
    assert head_author(split_lines(text)) == "Nils Ström"
    assert head_author(split_lines("Rådet\nSekr.: Tuva Nyman\n")) == "Tuva Nyman"


def test_the_sender_of_e_mailed_notes_is_their_author():
    text = "Från: Pia Lund <pia.lund@example.se>\nSkickat: 12 mars 2025\nTill: Nätverket\nÄmne: Anteckningar\n\nHej!\n"
    assert author(split_lines(text), [], None) == ("Pia Lund", None)
