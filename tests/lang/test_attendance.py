from pipeline.lang.attendance import (
    attendance_heading,
    is_job_title,
    is_party,
    is_role_word,
    more_specific_role,
    normalise_role,
)


def test_roles_are_normalised_to_one_vocabulary():
    assert normalise_role("1:e vice ordförande") == "vice ordförande"
    assert normalise_role("Ordf.") == "ordförande"
    assert normalise_role("andre vice ordförande") == "2:e vice ordförande"
    assert normalise_role("Nämndsekreterare") == "sekreterare"
    assert normalise_role("protokolljusterare") == "justerare"
    assert normalise_role("tjg ers") == "tjänstgörande ersättare"
    assert normalise_role("Adj.") == "adjungerad"
    assert normalise_role("Kassör") == "kassör"


def test_narvarande_is_never_a_role_and_job_titles_are_kept():
    assert normalise_role("närvarande") is None
    assert normalise_role("Deltagare") is None
    assert normalise_role("förvaltningschef") == "förvaltningschef"
    assert normalise_role("biträdande socialchef") == "biträdande socialchef"
    assert normalise_role("HR- och kommunikationschef") == "hr- och kommunikationschef"
    assert normalise_role("MAS") == "mas"


def test_job_titles_are_not_organisations():
    assert is_job_title("utvecklingsledare")
    assert is_job_title("ekonomi- och kvalitetschef")
    assert not is_job_title("Socialförvaltningen")
    assert not is_job_title("Bryggan")
    assert is_role_word("Ledamot") and not is_role_word("Bryggan")


def test_party_letters():
    assert is_party("KD") and is_party("S") and is_party("MP")
    assert not is_party("Bolagsverket") and not is_party("EY")


def test_attendance_headings_say_who_is_present():
    assert attendance_heading("Närvarande:").present
    assert attendance_heading("## Närvarande ledamöter").role == "ledamot"
    assert not attendance_heading("Frånvarande").present
    kallade = attendance_heading("Kallade")
    assert kallade.invited and not kallade.present
    assert attendance_heading("De som deltog i mötet var").present
    assert attendance_heading("Ekonomi") is None


def test_the_more_specific_role_wins():
    assert more_specific_role("ledamot", "justerare") == "justerare"
    assert more_specific_role("ordförande", "justerare") == "ordförande"
    assert more_specific_role("ersättare", "tjänstgörande ersättare") == "tjänstgörande ersättare"
    assert more_specific_role(None, "sekreterare") == "sekreterare"


def test_the_codebook_views_of_the_role_and_heading_vocabularies():
    from pipeline.lang.attendance import ATTENDANCE_STATUSES, ROLES, headings_by_status, job_title_endings, role_forms

    assert ROLES == ("ordförande", "vice ordförande", "2:e vice ordförande", "ledamot", "tjänstgörande ersättare",
                     "ersättare", "sekreterare", "justerare", "kassör", "suppleant", "adjungerad", "personalföreträdare")
    forms = role_forms()
    assert list(forms) == list(ROLES) and "protokollförare" in forms["sekreterare"]
    assert all(normalise_role(f) == role for role, fs in forms.items() for f in fs)  # each form is that role
    assert all(is_job_title(f"verksamhets{e}") for e in ("chef", "utvecklare")) and "chef" in job_title_endings()
    by_status = headings_by_status()
    assert "frånvarande" in by_status["absent"] and by_status["invited"] == ["kallade", "kallade ledamöter"]
    assert all(attendance_heading(h).present for h in by_status["present"])
    assert [s.name for s in ATTENDANCE_STATUSES] == ["present", "substitute", "absent", "replaced", "invited"]
