from pipeline.stages.segment.lines import LineIndex, split_lines
from pipeline.stages.segment.officials import elected, signatures


def _signed(text, start=0):
    lines = split_lines(text)
    return [(a.entry.name, a.entry.role) for a in signatures(lines, start, LineIndex(lines).segments)]


def test_names_under_the_closing_signature_labels():
    text = ("Vid protokollet                       Justeras\n\nAmanda Lund                           Fatma Ek"
            "              Berit Klang\n\nMötesordförande\n\nGösta Lind\n")
    assert _signed(text) == [("Amanda Lund", "sekreterare"), ("Fatma Ek", "justerare"), ("Berit Klang", "justerare"),
                             ("Gösta Lind", "ordförande")]
    assert _signed("Förste justerare   Andre justerare\n______   ______\nAnna Berg   Li Ström\n") == [
        ("Anna Berg", "justerare"), ("Li Ström", "justerare")]
    assert _signed("Tack för i dag.\nVi ses.\n") == []


def test_the_officials_a_stamma_elects():
    text = ("2. Val av stämmoordförande\nStämman valde Gert Åkesson till ordförande för stämman.\n"
            "3. Protokollförare\nOrdföranden anmälde att Lisa Wenner skulle föra protokollet.\n"
            "4. Val av justerare\nTill justerare tillika rösträknare valdes Ibrahim Celik och Sofie Aronsson.\n"
            "13. Val av ordförande\nTill ordförande för ett år valdes Ingela Berg.\n")
    got = [(a.entry.name, a.entry.role) for a in elected(split_lines(text), 0)]
    assert got == [("Gert Åkesson", "ordförande"), ("Lisa Wenner", "sekreterare"), ("Ibrahim Celik", "justerare"),
                   ("Sofie Aronsson", "justerare")]
