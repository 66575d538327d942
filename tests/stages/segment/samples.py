"""Minutes written for the segment tests, one per form the stage reads (invented bodies and people).

FORMAL_GAPS and FORMAL_COLLAPSED are the same two-column front page: as a text file keeps it
(columns apart by runs of spaces) and as a PDF reader that collapses the gaps gives it.
"""

FORMAL_GAPS = """ÖSTERVIKS KOMMUN                   SAMMANTRÄDESPROTOKOLL
Socialnämnden
Datum
2023-10-12

Plats och tid för  Rådhuset, Sessionssalen Klockan 13:15 – 16:40
sammanträde
Beslutande    Ledamöter                     Tjänstgörande ersättare
Göran Vik (C), Ordförande     Petra Sund (S) tjänstgör för
Ylva Berglund (M), 1:e vice   Hussein Karimi (S)
ordförande                    Olle Brandt (KD) tjänstgör för
Rasmus Lind (S), 2:e vice     Stina Ek (M) § 90
ordförande
Tove Hagberg (M)
Filip Norrman (SD), §§ 87-89

Liselott Ahl (V)
Övriga närvarande Ersättare                 Tjänstepersoner
Olle Brandt (KD), §§ 87-89    Marie Sjöholm, socialchef
Kerstin Åkesson (L)           Anders Fjäll, biträdande
Niklas Persson (S)            socialchef, § 88
                              Hanna Vall, nämndsekreterare
                              Jens Ockelbo, enhetschef,
                              § 89

Personalföreträdare           Övriga
Birgitta Ros, Vision, § 88    Karl Storm, ordförande
                              Pensionärsrådet, § 87

Plats och tid för justering   Socialkontoret 2023-10-16

Sekreterare   Hanna Vall                    Paragrafer §§ 87-90

Ordförande    Göran Vik (C)

Protokolljusterare Tove Hagberg (M)

ÖSTERVIKS KOMMUN                   SAMMANTRÄDESPROTOKOLL           2 (5)
Socialnämnden
Datum
2023-10-12

Innehåll

§ 87 Dnr SN-2023-00101
Information från Pensionärsrådet ............................................ 3

§ 88 Dnr SN-2023-00120
Delårsrapport januari–augusti 2023 ........................................... 4

§ 89
Ansökan om särskilt förordnad vårdnadshavare enligt 6 kap 8 §
föräldrabalken ................................................................................ 5

§ 90 Dnr SN-2023-00133
Val av ersättare till nämndens utskott ....................................... 5

ÖSTERVIKS KOMMUN                   SAMMANTRÄDESPROTOKOLL           3 (5)

§ 87                       Dnr SN-2023-00101
Information från Pensionärsrådet

Beslut
Socialnämnden noterar informationen till protokollet.

Sammanfattning av ärendet
Karl Storm berättar om rådets arbete under året.

Beslutsgång
Ordförande Göran Vik (C) prövar om nämnden kan notera informationen, och finner att nämnden bifaller det.

§ 88                       Dnr SN-2023-00120
Delårsrapport januari–augusti 2023

Beslut
Socialnämnden godkänner delårsrapporten.

Beslutsunderlag
Förvaltningens tjänsteskrivelse, 2023-09-28

Beslutet skickas till
Kommunstyrelsen

§ 89
Ansökan om särskilt förordnad vårdnadshavare enligt 6 kap 8 §
föräldrabalken

Sekretess enligt 26 kap 1 § offentlighets- och sekretesslagen.

§ 90                       Dnr SN-2023-00133
Val av ersättare till nämndens utskott

Beslut
Socialnämnden utser Kerstin Åkesson (L) till ersättare i utskottet.

Det här dokumentet är digitalt signerat
Transaktionsidentitet: 4AF10B0C9E11
"""

FORMAL_COLLAPSED = "\n".join(" ".join(line.split()) for line in FORMAL_GAPS.splitlines()) + "\n"

LABEL_MARGIN = """Kommunstyrelsens arbetsutskott
SAMMANTRÄDESPROTOKOLL
Sammanträdesdatum 2022-11-08

Plats och tid      Kommunhuset, Lillsalen, kl. 08.30–11.45

Beslutande         Per Ahlström (C), ordförande
                   Lena Forsberg (S)
                   Mikael Öst (M), §§ 101-103
                   Sara Nyqvist (S) ersätter Tomas Krantz (S)

Övriga deltagare   Eva Lundgren, kommundirektör
                   Johan Berglund, kanslichef

Utses att justera  Lena Forsberg

Justeringens       Kommunkansliet 2022-11-10
plats och tid

Sekreterare        Johan Berglund                  Paragrafer 101-104

§ 101
Val av justerare

Beslut
Arbetsutskottet utser Lena Forsberg att justera protokollet.

§ 102  Dnr KS 2022/431
Budgetuppföljning oktober

Beslut
Arbetsutskottet noterar informationen.

§ 103  Dnr KS 2022/440
Remiss om ny översiktsplan för
Norra hamnen

Förslag till beslut
Arbetsutskottet föreslår kommunstyrelsen att yttra sig enligt förvaltningens förslag.

Beslut
Arbetsutskottet föreslår kommunstyrelsen att yttra sig enligt förvaltningens förslag.

§ 104
Övriga frågor

Inga övriga frågor anmäldes.
"""

STAMMA = """Protokoll fört vid ordinarie föreningsstämma i Bostadsrättsföreningen Lärkan
Datum: 2023-05-24, kl. 19.00
Plats: Föreningslokalen, Lärkgatan 4

Närvarande: 23 röstberättigade medlemmar enligt bifogad röstlängd.

§ 1 Stämmans öppnande
Styrelsens ordförande Karin Wall öppnade stämman.

§ 2 Val av stämmoordförande
Till ordförande för stämman valdes Nils Berg.

§ 3 Anmälan av protokollförare
Ordföranden anmälde att han utsett Lisa Ek att föra protokollet.

§ 4 Val av två justerare tillika rösträknare
Stämman valde Omar Said och Britt Holm.

§ 5 Fastställande av resultat- och balansräkning
Stämman fastställde resultat- och balansräkningen.

§ 6 Stämmans avslutande
Ordföranden tackade för visat intresse och avslutade stämman.

Vid protokollet
Lisa Ek
"""

BOARD = """Styrelsemöte i Föreningen Gröna Gården 2021-02-03

Närvarande: Anna Ek (ordf), Bo Berg, Cia Lind (sekr), Dan Roos (kassör)
Frånvarande: Eva Holm

§1 Mötets öppnande
Anna öppnade mötet.

§2 Ekonomi
Kassören redovisade läget.
Beslut: Att godkänna den ekonomiska rapporten.

§3 Vårens aktiviteter
Synpunkter:
- Vi vill ha en städdag i april.

§4 Mötets avslutande

Vid tangentbordet
Cia Lind
"""

WORKING_GROUP = """Arbetsgruppen för brukarinflytande 14 mars

Deltagare:
Amira Hassan (Försäkringskassan)
Jonas Berg, Per Lund, Arbetsförmedlingen
Lotta Vik, utredare, Socialstyrelsen
Hjärnkoll: Sam Öberg, Kim Ek

Frånvarande:
Erik Strand (Länsstyrelsen)

Kallade:
Amira Hassan
Nora Sten

Bakgrund

Gruppen träffas för tredje gången.

Nästa möte

Den 11 april.

/Lotta
"""

TABLE_NOTES = """# Referensgruppen för öppna data

**Minnesanteckningar 2022-06-09**

Namn | Organisation | Roll
:--- | :--- | :---
Karin Holm | Lantmäteriet | Ordförande
Per Vik | SCB | Sekreterare
Sofia Åberg | Trafikverket
Ali Reza | Skatteverket | Ej närvarande

## Genomgång av förslaget
Vi gick igenom förslaget.

## Övrigt
Inget.
"""

ORGS_AND_HANDLES = """Samverkansmöte 2020-09-01

Närvarande:
- RSMH
- Attention Helsingborg
- Hjärnkoll

Deltagare i chatten:
@kim.lund
anna.berg@example.se

Dagens frågor

Vi gick igenom vårens frågor.
"""

DENSE = """Samrådsgruppen Väster 2 juni 2022
Närvarande
Elin Boman (Vuxenenheten)
Ahmed Noor (Brukarföreningen)
Bakgrund och syfte
Gruppen ska följa arbetet med det nya boendet och ge synpunkter till förvaltningen under
hela projekttiden. Vi utgår från de förslag som kom in under våren.
Lokalfrågan
Förvaltningen har tittat på tre lokaler. Den mest lämpliga ligger centralt.
Synpunkter och frågor
Flera undrade över tillgängligheten.
"""

NO_YEAR = """Brukarrådet 14 mars

Närvarande

Karin Lund, Verdandi

Övrigt

Inget.
"""

REVISION_STYLE = """Revisionen i Österviks kommun SAMMANTRÄDESANTECKNINGAR
2023-04-17
Plats och tid Stadshuset, rum 3, klockan 09:00-12:00
Beslutande Ledamöter
Gun Lövgren (S)
Arne Dahl (M)
Övriga närvarande Tjänstepersoner
Maja Kron (PwC) ärende 1-3 Lars Ek ärende 2

Innehåll
Mötets öppnande 3
Granskning av bokslut 3
Övriga frågor 4

1
Mötets öppnande
Sammanfattning
Ordförande Gun Lövgren öppnar mötet.
2
Granskning av bokslut
Överenskommelse
Revisionen noterar informationen.
3
Övriga frågor
Sammanfattning
Inga frågor.
"""

CLASSIC = """KOMMUNSTYRELSEN                                   PROTOKOLL
                                                  Sammanträdesdatum
                                                  2019-04-02

Plats och tid        Kommunhuset, Sammanträdesrum Älven, kl 14.00-16.30

Beslutande           Ulf Lindqvist (M), ordförande
                     Karin Sund (S)
                     Per Ek (C)
                     Lars Holm (SD) ersättare för Anna Berg (SD)

Övriga deltagare     Mats Ström, kommunchef
                     Eva Dahl, sekreterare

Utses att justera    Karin Sund

Justeringens         Kommunkansliet 2019-04-08
plats och tid

Underskrifter        Sekreterare   ............................  Paragrafer 34-36
                                   Eva Dahl

                     Ordförande    ............................
                                   Ulf Lindqvist

                     Justerande    ............................
                                   Karin Sund

KS § 34              Dnr KS 2019/101
Årsredovisning 2018

Kommunstyrelsens beslut
Kommunstyrelsen föreslår kommunfullmäktige att godkänna årsredovisningen.

KS § 35              Dnr KS 2019/87
Detaljplan för Norra Ängen

Kommunstyrelsens beslut
Kommunstyrelsen antar detaljplanen.

KS § 36
Meddelanden
"""
