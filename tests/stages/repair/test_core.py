"""pipeline/stages/repair/core.py: the decoder — context, clean text untouched, U+FFFD, mojibake,
names from the document, the corrections table."""
from __future__ import annotations

import pytest

from pipeline.stages.repair import apply_corrections, repair_text
from pipeline.stages.repair.core import _case_like, _fffd_standalone


def _check(raw: str):
    res = repair_text(raw)
    assert apply_corrections(raw, res.corrections) == res.text
    pos = -1
    for c in res.corrections:
        s = c["start_char"]
        assert s > pos
        assert raw[s:s + len(c["original"])] == c["original"]
        assert c["original"] != c["replacement"]
        assert c["method"] in {"confusion+lm", "fffd", "ftfy"}
        assert isinstance(c["score"], float)
        pos = s + len(c["original"]) - 1
    return res


# -- context: OCR forms that are real words --------------------------------------------------

@pytest.mark.parametrize("raw,expected", [
    ("Motet borjade klockan nio. Vi har bott i Lund i 5 ar och det ar dags for en forandring.",
     "Mötet började klockan nio. Vi har bott i Lund i 5 år och det är dags för en förändring."),
    ("Det ar viktigt att alla far komma till tals. Hon far ett brev fran kommunen varje manad.",
     "Det är viktigt att alla får komma till tals. Hon får ett brev från kommunen varje månad."),
    ("Gruppen traffas pa fredag for att prata om hur det gar. Dar fick vi veta att beslutet ar fattat.",
     "Gruppen träffas på fredag för att prata om hur det går. Där fick vi veta att beslutet är fattat."),
    ("Det har arendet maste behandlas av namnden innan vi kan ga vidare.",
     "Det här ärendet måste behandlas av nämnden innan vi kan gå vidare."),
    ("Har finns det manga som vill vara med. Vi ar har for att lyssna pa er.",
     "Här finns det många som vill vara med. Vi är här för att lyssna på er."),
    ("Han har varit ordforande i tva ar. Nasta mote blir den 5 maj pa kontoret dar vi traffades forra aret.",
     "Han har varit ordförande i två år. Nästa möte blir den 5 maj på kontoret där vi träffades förra året."),
    ("Far jag fraga om det ar mojligt att fa hjalp med ansokan? Min far ar sjuk sedan flera ar.",
     "Får jag fråga om det är möjligt att få hjälp med ansökan? Min far är sjuk sedan flera år."),
])
def test_context_decides_between_real_words(raw, expected):
    assert _check(raw).text == expected


def test_ocr_symbols_and_case():
    raw = ("Emelie vill formedla tre ord. Att det &r viktigt att ha tid 6ver fér métet och att "
           "individen kdnner sig sedd. \"@r det en merit?\" Lésningar behdvs for de |6sa fragorna.")
    assert _check(raw).text == (
        "Emelie vill förmedla tre ord. Att det är viktigt att ha tid över för mötet och att "
        "individen känner sig sedd. \"Är det en merit?\" Lösningar behövs för de lösa frågorna.")


def test_all_caps():
    raw = "DET AR VIKTIGT ATT VI TAR HAND OM VARA BRUKARE. VI MASTE BORJA FORST MED ATT FORSTA."
    out = _check(raw).text
    assert out.startswith("DET ÄR VIKTIGT") and "VI MÅSTE BÖRJA FÖRST" in out and out == out.upper()


def test_compounds_are_repaired():
    raw = ("Socialforvaltningen har ett nattharbarge och Arbetsmarknadsforvaltningen ordnar "
           "sysselsattning for dem som ar langt fran arbetsmarknaden.")
    out = _check(raw).text
    for w in ("Socialförvaltningen", "natthärbärge", "Arbetsmarknadsförvaltningen", "sysselsättning",
              "långt från"):
        assert w in out, w


# -- clean text is left alone ------------------------------------------------------------------

CLEAN_TEXTS = [
    "Mötet öppnades kl. 13.30. Se https://www.helsingborg.se/omsorg/brukarrad och mejla "
    "anna.svensson@helsingborg.se. Ärendet KS 2019/123 och §§ 4–6 behandlades. Filen heter "
    "rapport_v2.docx och koden är x = f(a, b) + 6.",
    "Meeting notes in English: the board agreed to proceed, for now. Action: Paul and Ana will "
    "report back at the AGM on 5 May.",
    "Närvarande: Anna Karlsson, Olof Palme, Hans Jonsson, Maria Andersson, Peter Johansson, Lars Persson",
    "Budget 2020: 1 250 000 kr, 3 % ökning; Q3-rapport klar. Tel 042-10 50 00. Org.nr 212000-2890.",
    "Per Skålén och Renée Dahl deltog. Idéer om café i Malmö diskuterades. För- och nackdelar.",
    "Hon sa att det var bra. Vi tar det sen. Mats och Ola kom till mötet, men Jonas var sjuk.",
    "for i in range(10): print(i)  # a loop in Python, not Swedish",
    "Ordförande: Bo Ek\nSekreterare: Ia Jonsson\nJusterare: Åsa Öberg\n\n\n",
    "Agenda: 1. Welcome 2. Minutes 3. AOB. Contact: info@example.org, +46 42 10 50 00.",
    "\ufeffRad 1\r\nRad 2\r\n\tIndrag\u00a0och  dubbla  mellanslag – tankstreck … slut",
]


@pytest.mark.parametrize("text", CLEAN_TEXTS)
def test_clean_text_is_byte_identical(text):
    res = repair_text(text)
    assert res.text == text
    assert res.corrections == []


def test_damaged_document_keeps_urls_numbers_codes_and_acronyms():
    raw = ("Motet oppnades kl 13.30 av ordforanden. Protokollet finns pa "
           "https://www.helsingborg.se/omsorg/brukarrad och fragor skickas till "
           "anna.svensson@helsingborg.se. Arendet KS 2019/123 galler LSS och IPS. "
           "Filen rapport_v2.docx ar bifogad och kostar 6 500 kr.")
    out = _check(raw).text
    assert out == ("Mötet öppnades kl 13.30 av ordföranden. Protokollet finns på "
                   "https://www.helsingborg.se/omsorg/brukarrad och frågor skickas till "
                   "anna.svensson@helsingborg.se. Ärendet KS 2019/123 gäller LSS och IPS. "
                   "Filen rapport_v2.docx är bifogad och kostar 6 500 kr.")


def test_only_damaged_words_change_in_a_damaged_text():
    raw = "Vi traffades i Lund och pratade om hur vi kan forbattra stodet till brukarna."
    res = _check(raw)
    assert {c["original"] for c in res.corrections} == {"traffades", "forbattra", "stodet"}


# -- U+FFFD and mojibake --------------------------------------------------------------------------

def test_fffd_from_context():
    raw = ("\ufffd 1 M\ufffdtet \ufffdppnas\n\nOrdf\ufffdranden h\ufffdlsade alla v\ufffdlkomna och "
           "fr\ufffdgade om n\ufffdgon hade n\ufffdgot att till\ufffdgga. Vi \ufffdr h\ufffdr f\ufffdr "
           "att lyssna p\ufffd er. Det \ufffdr 5 \ufffdr sedan sist.")
    res = _check(raw)
    assert res.text == ("§ 1 Mötet öppnas\n\nOrdföranden hälsade alla välkomna och frågade om "
                        "någon hade något att tillägga. Vi är här för att lyssna på er. Det är 5 år "
                        "sedan sist.")
    assert {c["method"] for c in res.corrections} == {"fffd"}


def test_fffd_standalone():
    assert _fffd_standalone("\ufffd 12 Avslutning", 0, 1) == "§"


def test_mojibake_with_ftfy():
    raw = "Vi mÃ¶ttes fÃ¶r att diskutera frÃ¥gan om bÃ¤ttre lokaler fÃ¶r Ã¤ldre."
    res = _check(raw)
    assert res.text == "Vi möttes för att diskutera frågan om bättre lokaler för äldre."
    assert {c["method"] for c in res.corrections} == {"ftfy"}


# -- the document's own names ---------------------------------------------------------------------

def test_names_seen_in_the_attendee_list_guide_damaged_mentions():
    raw = ("Protokoll fort vid motet med brukarradet 12 mars 2019\n\n"
           "Narvarande: Ia Jonsson, Åsa Törnqvist, Göran Skålén, Per Öhrn\n\n"
           "§ 1 Motet oppnas\nOrdforanden oppnade motet och halsade alla valkomna. la Jonsson valdes "
           "att justera protokollet.\n\n"
           "§ 2 Rapporter\nAsa Tornqvist berattade om arbetet pa boendet. Goran Skalen och Per Ohrn "
           "har last rapporten och tycker att den ar bra. la har skrivit ett svar.")
    res = _check(raw)
    t = res.text
    assert "Närvarande: Ia Jonsson, Åsa Törnqvist, Göran Skålén, Per Öhrn" in t   # intact list kept
    assert "Ia Jonsson valdes" in t and "Ia har skrivit" in t
    assert "Åsa Törnqvist berättade" in t
    assert "Göran Skålén och Per Öhrn har läst" in t


def test_without_the_list_a_real_word_stays():
    raw = ("Ordforanden oppnade motet och halsade alla valkomna. Sedan la hon fram forslaget och "
           "vi diskuterade det lange.")
    assert "Sedan la hon fram förslaget" in _check(raw).text


def test_case_like():
    assert _case_like("AR", "är") == "ÄR"
    assert _case_like("&R", "är") == "ÄR"
    assert _case_like("Ar", "är") == "Är"
    assert _case_like("&r", "är") == "är"


LOST_LETTERS = """Protokoll fört vid styrelsemöte i föreningen Gröna Gården
Datum: måndagen den 4 mars 2024 klockan 19.00
Närvarande: Åsa Lindqvist (ordförande), Jörgen Bäck, Märta Holm (sekreterare)

§ 1 Mötets öppnande
Ordföranden hälsade alla välkomna och förklarade mötet öppnat.

§ 2 Ekonomi
Kassören redogjorde för föreningens ekonomi. Årets överskott blev högre än väntat tack vare lägre
kostnader för snöröjning. Styrelsen beslöt att avsätta överskottet till underhåll av gården.

§ 3 Underhåll
Styrelsen beslöt att anlita en entreprenör för att åtgärda gropar på gångvägen före midsommar.
Märta får i uppdrag att begära offerter och återkomma till nästa möte. Önskemål om fler
cykelställ framfördes och frågan skjuts till nästa möte.

§ 4 Övriga frågor
Inga övriga frågor togs upp. Nästa möte äger rum måndagen den 8 april i föreningslokalen.

§ 5 Mötets avslutande
Ordföranden tackade för visat intresse och förklarade mötet avslutat.
"""


def test_text_whose_non_ascii_letters_became_fffd_is_restored():
    """A UTF-8 file saved through a wrong encoding: every å/ä/ö/§ is U+FFFD (about 5 % of characters)."""
    damaged = "".join("\ufffd" if not c.isascii() else c for c in LOST_LETTERS)
    lost = [i for i, c in enumerate(LOST_LETTERS) if not c.isascii()]
    assert 0.04 < len(lost) / len(LOST_LETTERS) < 0.10
    r = repair_text(damaged)
    assert len(r.text) == len(LOST_LETTERS)
    restored = sum(1 for i in lost if r.text[i] == LOST_LETTERS[i])
    assert restored / len(lost) >= 0.98, [LOST_LETTERS[i - 8:i + 8] for i in lost if r.text[i] != LOST_LETTERS[i]]
    assert "\ufffd" not in r.text
    assert {c["method"] for c in r.corrections} == {"fffd"}
