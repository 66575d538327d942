"""pipeline/stages/extract/actions.py: is a sentence an action item, and who is to do it?"""
from __future__ import annotations

import re

import pytest

from pipeline.stages.extract import actions as act


def names_in(text: str, per=(), org=()) -> act.Names:
    """Name spans for the given person and organisation names, wherever they occur."""
    spans = []
    for label, words in (("PER", per), ("ORG", org)):
        for w in words:
            for m in re.finditer(r"(?<!\w)" + re.escape(w) + r"(?!\w)", text):
                spans.append((m.start(), m.end(), w, label))
    return act.Names(sorted(spans))


def classify(sentence: str, cues, per=(), org=(), prev_text: str | None = None):
    text = (prev_text + " " if prev_text else "") + sentence
    start = len(text) - len(sentence)
    prev = (0, len(prev_text)) if prev_text else None
    return act.classify(text, start, len(text), cues, names_in(text, per, org), prev)


@pytest.mark.parametrize("sentence, who, per, org", [
    ("David ska fråga Dinah om hon vill hålla i inledningen.", ["David"], ["David", "Dinah"], []),
    ("Leif tar fram ett underlag till nästa möte.", ["Leif"], ["Leif"], []),
    ("Per återkommer med besked.", ["Per"], ["Per"], []),
    ("David Bergström tar emot anmälningar", ["David Bergström"], ["David Bergström"], []),
    ("Ansvarig: Anna Svensson", ["Anna Svensson"], ["Anna Svensson"], []),
    ("Uppdrogs åt Leif att kontakta regionen.", ["Leif"], ["Leif"], []),
    ("Styrelsen ger David i uppdrag att kontakta kommunen.", ["David"], ["David"], []),
    ("Anna får i uppdrag att boka lokal.", ["Anna"], ["Anna"], []),
    ("Ia och Allan jobbar vidare med frågan.", ["Ia", "Allan"], ["Ia", "Allan"], []),
    ("Socialförvaltningen beställer kaffe via Dunkers.", ["Socialförvaltningen"], [], ["Socialförvaltningen"]),
    ("Lars ansvarar för att boka lokal.", ["Lars"], ["Lars"], []),
    ("Kristina åtar sig att skriva ett utkast.", ["Kristina"], ["Kristina"], []),
    ("Maria Ek sammankallar gruppen i juni.", ["Maria Ek"], ["Maria Ek"], []),
    ("Sekreteraren skickar ut minnesanteckningarna.", ["Sekreteraren"], [], []),
    ("Föreningarna bör presentera sina tankar på en kvart.", ["Föreningarna"], [], []),
    ("Alla frivilligorganisationer är välkomna att nominera en representant.", ["frivilligorganisationer"], [], []),
    ("forskare från Centrum för tjänsteforskning ska berätta om sitt arbete.", ["Centrum för tjänsteforskning"],
     [], ["Centrum för tjänsteforskning"]),
    ("att uppdra åt kultur- och fritidsförvaltningen att utvärdera riktlinjerna", ["kultur- och fritidsförvaltningen"],
     [], []),
])
def test_tasks_and_who_does_them(sentence, who, per, org, cues):
    hit = classify(sentence, cues, per, org)
    assert hit is not None, sentence
    assert hit.assignees == who


@pytest.mark.parametrize("sentence", [
    "Inbjudan kommer via mejl.",
    "Inbjudan till julfesten kommer senare.",
    "Protokollet mejlas ut innan mötet.",
    "Kallelse skickas ut två veckor innan mötet.",
    "Vi planerar för en gemensam dag i mars.",
    "Vi ska skicka en skrivelse till nämnden.",
])
def test_tasks_without_a_named_doer(sentence, cues):
    hit = classify(sentence, cues)
    assert hit is not None, sentence
    assert hit.assignees == []


@pytest.mark.parametrize("sentence, per", [
    # opinions, wishes, possibilities
    ("Vi bör se över rutinerna.", []),
    ("Man bör tänka på tillgängligheten.", []),
    ("Det är viktigt att Anna tar fram ett underlag.", ["Anna"]),
    ("Anna kan tänka sig att ta fram ett underlag.", ["Anna"]),
    ("Vi önskar att förvaltningen tar fram statistik.", []),
    ("Det vore bra om Lars kontaktar regionen.", ["Lars"]),
    ("David tycker att vi ska boka lokal.", ["David"]),
    ("Ett förslag är att Anna kontaktar regionen.", ["Anna"]),
    ("Nämnden bör följa frågan noga.", []),
    # questions
    ("Ska vi bjuda in politikerna?", []),
    ("Vem tar fram underlaget?", []),
    # reports of what was said or done
    ("Lars berättade att han ska kontakta regionen.", ["Lars"]),
    ("Peter svarar att han inte vet men ska ta reda på det.", ["Peter"]),
    ("David har skickat ut inbjudan.", ["David"]),
    ("Anna tog fram ett underlag förra veckan.", ["Anna"]),
    ("En inbjudan har skickats ut.", []),
    ("Lena påminner om att ersättningen betalas ut i efterskott.", ["Lena"]),
    # not agents, not tasks
    ("Det ska finnas en plan för detta.", []),
    ("Gruppen ska vara ett stöd för medlemmarna.", []),
    ("Projektet kommer att pågå i två år.", []),
    ("Det kommer att bli en spännande höst.", []),
    ("Vi ska komma ihåg att tacka Anna.", ["Anna"]),
    ("Förvaltningen ordnar utbildningar för medarbetare.", []),
    ("Och att vi ska göra saker tillsammans.", []),
    ("Om Lars tar fram statistik kan vi diskutera vidare.", ["Lars"]),
])
def test_not_tasks(sentence, per, cues):
    assert classify(sentence, cues, per) is None


def test_a_pronoun_takes_the_name_of_the_sentence_before(cues):
    hit = classify("Hon kommer att göra kartläggningen.", cues, ["Anki"],
                   prev_text="Anki har fått praktikplats på G7.")
    assert hit is not None and hit.assignees == ["Anki"]
    # no name before: no task (the doer is unknown)
    assert classify("Hon kommer att göra kartläggningen.", cues) is None


def test_a_subjectless_sentence_continues_the_subject_of_the_sentence_before(cues):
    hit = classify("Tar vidare frågan kring mentorer.", cues, ["Ann"],
                   prev_text="Ann tar upp att det saknas mentorer.")
    assert hit is not None and hit.assignees == ["Ann"]


def test_explicit_assignments_are_marked(cues):
    hit = classify("Uppdras åt socialchefen att återkomma med en plan.", cues)
    assert hit.explicit and hit.assignees == ["socialchefen"]
    hit = classify("Inbjudan kommer via mejl.", cues)
    assert hit.coming and not hit.explicit


def test_split_names():
    assert act.split_names("Ia och Allan") == ["Ia", "Allan"]
    assert act.split_names("Anna Åkerman, Erik Bengtsson & Bo") == ["Anna Åkerman", "Erik Bengtsson", "Bo"]
    assert act.split_names("Kultur- och fritidsförvaltningen") == ["Kultur- och fritidsförvaltningen"]
    assert act.split_names("Lisa (sammankallande)") == ["Lisa"]


@pytest.mark.parametrize("item, who", [
    ("Anna: boka lokal till mars", ["Anna"]),
    ("Lars – skicka kallelsen", ["Lars"]),
    ("Skicka kallelse – Lars", ["Lars"]),
    ("Beställa fika (Olle)", ["Olle"]),
    ("Sammanställa frågor, Ahmed och Kicki", ["Ahmed", "Kicki"]),
    ("Lars och Anna ringer regionen", ["Lars", "Anna"]),
    ("Uppdatera hemsidan", []),
    ("Boka lokal – senast fredag", []),
])
def test_items_of_a_to_do_list(item, who, cues):
    names = names_in(item, per=("Anna", "Lars", "Olle", "Ahmed", "Kicki"))
    hit = act.task_item(item, 0, len(item), cues, names)
    assert hit.assignees == who


@pytest.mark.parametrize("sentence, who, per, org, rule", [
    # the doer after the verb (an adverbial opens the sentence)
    ("Under våren kommer Digg att föra en dialog med SEMIC.", ["Digg"], [], ["Digg", "SEMIC"], "inverted"),
    ("Det som står kommer Matthias lösa inom de närmaste dagarna.", ["Matthias"], ["Matthias"], [], "inverted"),
    ("Till nästa möte tar Anna fram ett förslag.", ["Anna"], ["Anna"], [], "inverted"),
    # a second verb joined by 'och' has the subject that opens the sentence
    ("John efterlyser mer dokumentation och tar frågan till Bolagsverket.", ["John"], ["John"], ["Bolagsverket"],
     "coordinated"),
    # 'X, som återkommer …': the name before the relative clause
    ("Kontakt har tagits med Glasmästarna, som återkommer med en offert.", ["Glasmästarna"], [], ["Glasmästarna"],
     "relative"),
    # 'Ansvarig:' followed by a sentence of its own: its subject and its task
    ("Ansvarig: Frida kallar till ett första möte före påsk.", ["Frida"], ["Frida"], [], "labelled-task"),
])
def test_task_shapes(sentence, who, per, org, rule, cues):
    hit = classify(sentence, cues, per, org)
    assert hit is not None, sentence
    assert (hit.assignees, hit.rule) == (who, rule)


@pytest.mark.parametrize("sentence, who, per", [
    ("Matthias Palmér ber Fredrik Klingvall lägga upp en issue.", ["Fredrik Klingvall"],
     ["Matthias Palmér", "Fredrik Klingvall"]),
    ("Uppmaning till övriga att lägga in frågorna i Github.", ["övriga"], []),
    ("De som har synpunkter uppmanas att höra av sig till Anna.", ["De som har synpunkter"], ["Anna"]),
    ("Några fel har lämnats till fastighetsskötaren för åtgärd.", ["fastighetsskötaren"], []),
    ("Ansvarig för kallelsen: Sebastian Ek.", ["Sebastian Ek"], ["Sebastian Ek"]),
    ("Kommunstyrelsen uppmanar nämnderna att vidta åtgärder.", ["nämnderna"], []),
])
def test_explicit_requests_name_the_one_asked(sentence, who, per, cues):
    hit = classify(sentence, cues, per)
    assert hit is not None and hit.explicit, sentence
    assert hit.assignees == who


@pytest.mark.parametrize("sentence, per, org", [
    # a thing cannot do a task
    ("Fönstren skall gå lätt att öppna.", [], []),
    ("Sopor skall tömmas varje vecka.", [], []),
    ("Räntan på lånet hos Swedbank ska omförhandlas i december.", [], ["Swedbank"]),
    ("Sammanträdena börjar klockan 13:15.", [], []),
    # an adverbial is no subject; a subordinate clause is no task
    ("Enligt kommunallagen ska minst en delårsrapport upprättas.", [], []),
    ("Vi använder redan etablerade vokabulär istället för att Skatteverket börjar om.", [], ["Skatteverket"]),
    # a report of what someone else plans
    ("Annelie beskrev att kommunen väntar på beslut och planerar start efter sommaren.", ["Annelie"], []),
    ("Karin informerade om att E-hälsomyndigheten planerar ett webbinarium.", ["Karin"], ["E-hälsomyndigheten"]),
])
def test_not_tasks_of_anyone(sentence, per, org, cues):
    assert classify(sentence, cues, per, org) is None


def test_the_doer_is_the_name_that_ends_the_subject(cues):
    hit = classify("Stödja inmatning stängs inte Matthias funderar vidare", cues, ["Matthias"])
    assert hit is not None and hit.assignees == ["Matthias"]
    hit = classify("Anna och Erik ringer regionen.", cues, ["Anna", "Erik"])
    assert hit is not None and hit.assignees == ["Anna", "Erik"]


def test_names_that_open_an_item_of_a_to_do_list(cues):
    text = "Maja och Tomas samlar frågor från medlemmarna"
    hit = act.task_item(text, 0, len(text), cues, names_in(text, ["Maja", "Tomas"]))
    assert hit.assignees == ["Maja", "Tomas"]
    text = "Skicka ansökan om bidraget – Göran, senast 31 oktober"
    hit = act.task_item(text, 0, len(text), cues, names_in(text, ["Göran"]))
    assert hit.assignees == ["Göran"]


def test_a_verb_that_reports_the_present_is_a_task_only_with_a_time_to_do_it_by():
    from .helpers import attendees_of, run
    text = ("1. Arbetsmiljö\nJonna och Peter gör en riskbedömning av nattpassen före jul.\n"
            "Jonna gör ett bra jobb med schemat.\nResultatet av enkäten presenteras på nästa möte.\n"
            "Budgeten presenteras av Lena Dahl.\nKatja Berg rapporterar resultatet till nämnden i augusti.\n"
            "Trappan åtgärdas av Lena Dahl senast 1 oktober.\n")
    _, actions = run(text, attendees_of("Jonna Ek", "Peter Sund", "Katja Berg", "Lena Dahl"))
    got = [(a["text"], a["assignees"], a["due_text"]) for a in actions]
    assert got == [("Jonna och Peter gör en riskbedömning av nattpassen före jul.", ["Jonna", "Peter"], "före jul"),
                   ("Resultatet av enkäten presenteras på nästa möte.", [], "på nästa möte"),
                   ("Katja Berg rapporterar resultatet till nämnden i augusti.", ["Katja Berg"], "augusti"),
                   ("Trappan åtgärdas av Lena Dahl senast 1 oktober.", ["Lena Dahl"], "senast 1 oktober")]
