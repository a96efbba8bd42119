"""Demo participation processes for the demo city: a zoning plan in each of the six phases and one
service development project (§3.3.1's pilot: a school's meal service), made through the real services.

Each process is created as the admin creates one (the row and its "created" event), its boundary set
by the boundary service (so the affected areas and the residents' proposals are PostGIS's), its
stakeholders mapped, its comments written, liked, flagged and answered, its closing summary saved and
its phases moved by the services, with the demo planner (``kaavoittaja``) as the actor, so the
history is the one real use would leave. Only the moments are moved back afterwards, onto a schedule
around today. The boundaries are hand-placed polygons in EPSG:3067 where three of the demo city's
postal areas meet. Fixed data: every load makes the same processes; a process whose diary number
exists already is left as it is, so a second load writes nothing.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.gis.geos import LineString, MultiPolygon, Point, Polygon
from django.db import transaction
from django.utils import timezone

from city.models import Area
from city.seed import CITY_ENVIRONMENT, EDUCATION_WELLBEING, departments_seed
from planning.models import (
    Answer,
    Comment,
    CommentReaction,
    Phase,
    PhaseSchedule,
    Process,
    ProcessAction,
    ProcessEvent,
    ProcessKind,
    StakeholderGroup,
    StakeholderMapping,
    StatutoryStep,
)
from planning.services.areas import process_boundary_set
from planning.services.comments import answer_create, comment_create, comment_react
from planning.services.phases import process_move_phase
from planning.services.report import process_closing_summary_save
from planning.services.stakeholders import stakeholder_save

DEMO_PLANNER = "kaavoittaja"  # city.demo.DEMO_LOGINS: a planner of the city environment department
PHASE_DAYS = {1: 60, 2: 45, 3: 30, 4: 60, 5: 45, 6: 45}  # a phase's planned length in the demo schedules
G = StakeholderGroup


@dataclass(frozen=True)
class DemoComment:
    phase: int
    text: str
    # None for the plan as a whole; else ("point", (dx, dy)), ("line", [(dx, dy), …]) or ("area", [(dx, dy), …]),
    # metres from the process's centre.
    drawing: tuple | None = None
    group: str = ""
    age_band: str = ""
    language: str = "fi"
    likes: int = 0
    answer: str = ""  # the key of the answer that covers it
    flags: int = 0


@dataclass(frozen=True)
class DemoStakeholder:
    group: str
    why: str
    how_reached: str
    when_reached: str
    outcome: str = ""


@dataclass(frozen=True)
class DemoProcess:
    diary_number: str
    kind: str
    phase: int
    names: tuple[str, str, str]
    summaries: tuple[str, str, str]
    centre: tuple[float, float]  # EPSG:3067: where three postal areas meet
    corners: tuple[tuple[float, float], ...] = ()  # the boundary, metres from the centre; none for a service
    area_code: str = ""  # a service project's area
    department: str = CITY_ENVIRONMENT
    statutory_step: str = ""
    stakeholders: tuple[DemoStakeholder, ...] = ()
    comments: tuple[DemoComment, ...] = ()
    answers: dict[str, tuple[str, str]] = field(default_factory=dict)  # key -> (theme, text)
    closing: tuple[str, str, str] | None = None
    back: tuple[int, int, str] | None = None  # (from, to, reason): a move back on the way


def _residents(how: str, when: str) -> DemoStakeholder:
    return DemoStakeholder(G.RESIDENTS, "", how, when)


PROCESSES = (
    DemoProcess(
        diary_number="215/10.02.02/2026", kind=ProcessKind.MASTER_PLAN, phase=Phase.NEEDS,
        names=("Keskustan osayleiskaava 2040", "Delgeneralplan för centrum 2040", "Centre partial master plan 2040"),
        summaries=(
            "Osayleiskaava ohjaa keskustan maankäyttöä vuoteen 2040: missä asutaan, missä on palveluja, puistoja "
            "ja kulkureittejä. Nyt kerätään asukkaiden tarpeita ja toiveita, ja alueelta aiemmin tulleet "
            "palautteet luetaan mukaan.",
            "Delgeneralplanen styr markanvändningen i centrum fram till 2040: var man bor, var det finns service, "
            "parker och leder. Nu samlas invånarnas behov och önskemål in, och tidigare respons från området "
            "läses också.",
            "The partial master plan guides land use in the centre until 2040: where people live, where services, "
            "parks and routes are. Residents' needs and wishes are gathered now, and earlier feedback from the "
            "area is read too."),
        centre=(289_300, 6_968_700),
        corners=((-1500, -900), (-200, -1500), (1300, -1100), (1700, 200), (900, 1400), (-600, 1500), (-1600, 400)),
        comments=(
            DemoComment(1, "Keskustaan tarvitaan lisää penkkejä ja varjoisia paikkoja, joissa ikäihmiset voivat "
                           "levähtää kauppamatkalla.", ("point", (-300, 200)), G.ELDERLY, "75_up", likes=6),
            DemoComment(1, "Radan ali kulkeva pyöräreitti on pimeä ja kapea. Toivon valaistusta ja leveämpää "
                           "väylää.", ("line", [(-200, -600), (150, -350), (500, -200)]), G.RESIDENTS, "30_64",
                        likes=9),
            DemoComment(1, "Tämä joutomaa sopisi puistoksi ja leikkipaikaksi: lähellä ei ole yhtään.",
                        ("area", [(600, 500), (900, 500), (950, 800), (620, 820)]), G.RESIDENTS, "30_64", likes=4),
            DemoComment(1, "Keskustassa pitäisi voida asua ilman autoa: kaupat, terveysasema ja koulut "
                           "kävelymatkan päähän.", None, "", "18_29", likes=3),
            DemoComment(1, "Det behövs fler bostäder för barnfamiljer i centrum, inte bara små lägenheter.",
                        None, G.RESIDENTS, "30_64", language="sv", likes=2),
            DemoComment(1, "Torille kaivataan katettu alue, jossa voi pitää tapahtumia sateellakin.",
                        ("point", (-700, -100)), G.BUSINESSES, "", likes=5),
        ),
    ),
    DemoProcess(
        diary_number="388/10.02.03/2026", kind=ProcessKind.DETAILED_PLAN, phase=Phase.STAKEHOLDERS,
        names=("Huhtalan koulun ympäristön asemakaava", "Detaljplan för omgivningen kring Huhtala skola",
               "Detailed plan for the surroundings of Huhtala school"),
        summaries=(
            "Koulun viereen suunnitellaan pientaloja ja uutta pyörätietä. Kaava koskettaa kolmen asuinalueen "
            "rajaa: nyt kartoitetaan, keitä muutos koskee ja miten heidät tavoitetaan.",
            "Småhus och en ny cykelväg planeras intill skolan. Planen berör gränsen mellan tre bostadsområden: "
            "nu kartläggs vilka ändringen berör och hur de nås.",
            "Detached houses and a new cycle path are planned next to the school. The plan touches the border of "
            "three residential areas: who the change affects, and how to reach them, is mapped now."),
        centre=(287_081, 6_968_532),
        corners=((-450, -300), (50, -520), (480, -250), (520, 250), (100, 480), (-420, 300)),
        stakeholders=(
            DemoStakeholder(G.CHILDREN_AND_YOUNG, "Koulun oppilaat kulkevat alueen läpi joka päivä.",
                            "Kävelykierros ja karttatyöpaja koulun 4.–6.-luokkalaisten kanssa.", "Syyskuussa"),
            DemoStakeholder(G.ELDERLY_COUNCIL, "Alueella on palvelutalo.", "", ""),
        ),
        comments=(
            DemoComment(1, "Koulun edessä autot ajavat aamuisin liian lujaa. Tähän tarvitaan hidaste.",
                        ("point", (-80, -60)), G.CHILDREN_AND_YOUNG, "under_13", likes=11),
            DemoComment(1, "Tätä polkua kuljetaan kouluun metsän läpi; se pitää säilyttää.",
                        ("line", [(-350, 200), (-150, 100), (50, 120), (200, -20)]), "", "13_17", likes=5),
            DemoComment(1, "Huhtalaan ei saa rakentaa niin tiiviisti, että lähimetsä katoaa.", None, G.RESIDENTS,
                        "65_74", likes=7),
        ),
    ),
    DemoProcess(
        diary_number="402/10.02.03/2026", kind=ProcessKind.DETAILED_PLAN, phase=Phase.ANNOUNCEMENT,
        statutory_step=StatutoryStep.INITIATION,
        names=("Impivaaranraitin asemakaavan muutos", "Ändring av detaljplanen för Impivaaraleden",
               "Impivaara path detailed plan amendment"),
        summaries=(
            "Raitin varren vanhat liikerakennukset muutetaan asunnoiksi ja raitista tehdään viihtyisämpi. "
            "Kaava on tullut vireille: osallistumis- ja arviointisuunnitelmasta näet, miten voit osallistua.",
            "De gamla affärshusen längs leden görs om till bostäder och leden görs trivsammare. Planen har "
            "inletts: av programmet för deltagande och bedömning framgår hur du kan delta.",
            "The old commercial buildings along the path become homes and the path more pleasant. The plan has "
            "been initiated: the participation and assessment plan tells how to take part."),
        centre=(286_050, 6_970_763),
        corners=((-500, -350), (100, -560), (560, -200), (450, 380), (-50, 560), (-520, 250)),
        stakeholders=(
            _residents("Kirje kaava-alueen ja naapuritonttien kotitalouksiin, asukasilta Impivaaran koululla.",
                       "Vaiheessa 3"),
            DemoStakeholder(G.BUSINESSES, "Raitin varren yrittäjien tilat muuttuvat.",
                            "Yrittäjäaamu ja tapaamiset liiketiloissa.", "Vaiheessa 3"),
        ),
        comments=(
            DemoComment(1, "Tällä tontilla on vanha puutarha, jonka omenapuut kannattaisi säilyttää.",
                        ("area", [(-200, -100), (0, -120), (20, 80), (-180, 90)]), G.RESIDENTS, "65_74", likes=8),
            DemoComment(1, "Please keep the cycle lane separate from the pavement; it is busy with children.",
                        None, G.IMMIGRANTS, "30_64", language="en", likes=3),
        ),
    ),
    DemoProcess(
        diary_number="97/10.02.03/2026", kind=ProcessKind.DETAILED_PLAN, phase=Phase.GOALS,
        statutory_step=StatutoryStep.INITIATION,
        names=("Pohjan koulukeskuksen asemakaava", "Detaljplan för Pohja skolcentrum", "Pohja school centre detailed plan"),
        summaries=(
            "Pohjaan suunnitellaan koulukeskusta, johon tulee koulu, päiväkoti ja lähiliikuntapaikka. Nyt "
            "asetetaan kaavan tavoitteet yhdessä: kerro, mikä on tärkeää.",
            "Ett skolcentrum med skola, daghem och en närmotionsplats planeras i Pohja. Nu ställs planens mål "
            "upp tillsammans: berätta vad som är viktigt.",
            "A school centre with a school, a day-care centre and a local sports ground is planned in Pohja. "
            "The plan's goals are set together now: tell what matters."),
        centre=(289_802, 6_969_250),
        corners=((-420, -380), (180, -500), (520, -80), (400, 420), (-100, 520), (-500, 120)),
        stakeholders=(
            _residents("Kirje kotitalouksiin ja kysely kaupungin verkkosivuilla.", "Vaiheissa 3–4"),
            DemoStakeholder(G.CHILDREN_AND_YOUNG, "Koulukeskus on lasten ja nuorten arkiympäristö.",
                            "Oppilaskuntien työpajat kolmessa koulussa, piirustuskilpailu alakouluille.",
                            "Vaiheessa 4, huhtikuu"),
            DemoStakeholder(G.YOUTH_COUNCIL, "Lähiliikuntapaikka on nuorten toive.",
                            "Esittely nuorisovaltuuston kokouksessa.", "Vaiheessa 4"),
            DemoStakeholder(G.DISABILITY_COUNCIL, "Koulun ja pihan esteettömyys.",
                            "Vammaisneuvoston lausunto tavoitteista.", "Vaiheessa 4"),
        ),
        comments=(
            DemoComment(1, "Koulukeskuksen pihalle toivotaan lähiliikuntapaikka, joka on auki myös iltaisin.",
                        ("point", (120, 60)), G.YOUTH_COUNCIL, "13_17", likes=10),
            DemoComment(4, "Tavoitteeksi: jokainen lapsi voi kulkea kouluun turvallisesti kävellen tai "
                           "pyörällä.", None, G.CHILDREN_AND_YOUNG, "30_64", likes=14),
            DemoComment(4, "Koulureitti radan suuntaisesti tarvitsee erillisen pyörätien.",
                        ("line", [(-450, -200), (-100, -80), (250, 40), (480, 160)]), "", "13_17", likes=7),
            DemoComment(4, "Tämä metsikkö on lasten leikkipaikka: säilytetään se viheralueena.",
                        ("area", [(150, 250), (350, 230), (380, 420), (170, 430)]), G.CHILDREN_AND_YOUNG,
                        "under_13", likes=8),
            DemoComment(4, "Målet borde vara att skolan också är en mötesplats för invånarna på kvällarna.",
                        None, G.ASSOCIATIONS, "65_74", language="sv", likes=4),
        ),
    ),
    DemoProcess(
        diary_number="1123/10.02.03/2025", kind=ProcessKind.DETAILED_PLAN, phase=Phase.DRAFT,
        statutory_step=StatutoryStep.DRAFT,
        names=("Kasperin keskustan asemakaava", "Detaljplan för Kasperi centrum", "Kasperi centre detailed plan"),
        summaries=(
            "Kasperin ostoskeskuksen ympärille suunnitellaan kerrostaloja, uusi katu ja puisto. Kaavaluonnos on "
            "valmis: piirrä kartalle, mitä kommenttisi koskee, tai kommentoi luonnosta kokonaisuutena.",
            "Flervåningshus, en ny gata och en park planeras kring Kasperi köpcentrum. Planutkastet är klart: "
            "rita på kartan vad din kommentar gäller, eller kommentera utkastet som helhet.",
            "Blocks of flats, a new street and a park are planned around Kasperi's shopping centre. The draft is "
            "ready: draw on the map what your comment is about, or comment on the draft as a whole."),
        centre=(288_802, 6_966_894),
        corners=((-550, -300), (-100, -580), (450, -420), (600, 100), (250, 550), (-300, 500), (-600, 150)),
        stakeholders=(
            _residents("Kirje kotitalouksiin, luonnoksen esittely ostoskeskuksen aulassa.", "Vaiheissa 3 ja 5"),
            DemoStakeholder(G.CHILDREN_AND_YOUNG, "Koulureitti kulkee suunnitellun kadun yli.",
                            "Karttakävely Kasperin koulun oppilaiden kanssa.", "Vaiheessa 5, toukokuu"),
            DemoStakeholder(G.ELDERLY, "Alueen palvelut ovat ikäihmisten kävelymatkan päässä.",
                            "Luonnosilta palvelutalolla, tulostetut kartat.", "Vaiheessa 5"),
            DemoStakeholder(G.IMMIGRANTS, "Alueella asuu paljon maahan muuttaneita perheitä.",
                            "Asukasilta tulkkauksella arabiaksi ja somaliksi.", "Vaiheessa 5"),
            DemoStakeholder(G.BUSINESSES, "Ostoskeskuksen yrittäjät.", "Yrittäjäaamu.", "Vaiheessa 4"),
        ),
        comments=(
            DemoComment(1, "Ostoskeskuksen ympäristö tarvitsee valoa ja viihtyisyyttä iltaisin.",
                        ("point", (40, -30)), G.RESIDENTS, "18_29", likes=6),
            DemoComment(4, "Kasperin keskustaan tarvitaan kohtaamispaikka kaikenikäisille.", None, G.ASSOCIATIONS,
                        "65_74", likes=9),
            DemoComment(5, "Suojatie puuttuu tästä kohdasta, vaikka tästä kulkee paljon koululaisia.",
                        ("point", (-150, 210)), G.CHILDREN_AND_YOUNG, "under_13", likes=12, answer="traffic"),
            DemoComment(5, "Luonnoksen uusi katu katkaisee ulkoilureitin. Reitille tarvitaan alikulku tai "
                           "turvallinen ylitys.", ("line", [(-500, 300), (-200, 120), (100, 40), (400, -60)]),
                        G.RESIDENTS, "30_64", likes=9, answer="traffic"),
            DemoComment(5, "Kerrostalokortteli on liian korkea tähän: se varjostaa viereiset pientalot "
                           "iltapäivisin.", ("area", [(150, -250), (380, -260), (400, -60), (170, -40)]),
                        G.RESIDENTS, "65_74", likes=6, answer="height"),
            DemoComment(5, "Luonnoksen puisto on liian pieni. Laajennetaan sitä pohjoiseen.",
                        ("area", [(-250, 250), (0, 240), (20, 450), (-240, 460)]), "", "30_64", likes=10),
            DemoComment(5, "Hyvä luonnos! Erityisesti pyöräpysäköinnin lisääminen on tarpeen.", None, "", "18_29",
                        likes=3),
            DemoComment(5, "Utkastet saknar bänkar där äldre kan vila längs promenadvägen.", None, G.ELDERLY,
                        "75_up", language="sv", likes=5),
            DemoComment(5, "A bench and a drinking fountain by the playground would help families.",
                        ("point", (-120, 330)), G.IMMIGRANTS, "30_64", language="en", likes=2),
            DemoComment(5, "Kaavoittajat eivät kuuntele ketään, koko kysely on pelkkää teatteria!!!", None,
                        flags=3),
        ),
        answers={
            "traffic": ("Liikenneturvallisuus", "Suojatie ja ulkoilureitin turvallinen ylitys lisätään "
                        "kaavaehdotukseen, ja katu suunnitellaan koulun kohdalla 30 km/h nopeudelle."),
            "height": ("Rakentamisen korkeus", "Korttelin varjostus tutkitaan ennen ehdotusta, ja korkein osa "
                       "siirretään kadun puolelle."),
        },
    ),
    DemoProcess(
        diary_number="640/10.02.03/2025", kind=ProcessKind.DETAILED_PLAN, phase=Phase.FINAL,
        statutory_step=StatutoryStep.PROPOSAL,
        names=("Hyllykallion liikuntapuiston asemakaava", "Detaljplan för Hyllykallio idrottspark",
               "Hyllykallio sports park detailed plan"),
        summaries=(
            "Liikuntapuistoon tulee kenttiä, ulkokuntosali ja valaistu reitti. Kaavaehdotus on nähtävillä: "
            "loppuraportista näet, miten asukkaiden kommentit muuttivat kaavaa.",
            "Idrottsparken får planer, ett utegym och en belyst led. Planförslaget är framlagt: av slutrapporten "
            "framgår hur invånarnas kommentarer ändrade planen.",
            "The sports park gets pitches, an outdoor gym and a lit route. The plan proposal is on display: the "
            "closing report tells how residents' comments changed the plan."),
        centre=(291_278, 6_967_013),
        corners=((-500, -400), (150, -520), (560, -150), (480, 380), (-80, 540), (-540, 200)),
        stakeholders=(
            _residents("Kirje kotitalouksiin ja asukasilta liikuntahallilla.", "Vaiheissa 3 ja 5"),
            DemoStakeholder(G.YOUTH_COUNCIL, "Puiston käyttäjistä suuri osa on nuoria.",
                            "Nuorisovaltuuston kävelykierros puistossa.", "Vaiheessa 4",
                            outcome="Nuoret toivoivat skeittipaikkaa ja tekonurmikenttää; molemmat ovat ehdotuksessa."),
            DemoStakeholder(G.ELDERLY_COUNCIL, "Ulkoliikuntapaikkojen tulee palvella myös ikäihmisiä.",
                            "Vanhusneuvoston kokous.", "Vaiheessa 5",
                            outcome="Ulkokuntosali sijoitettiin kävelyreitin varteen ja penkkejä lisättiin."),
            DemoStakeholder(G.ASSOCIATIONS, "Urheiluseurat käyttävät kenttiä.", "Seurojen yhteinen tilaisuus.",
                            "Vaiheessa 4", outcome="Kenttien varaukset ja pukutilat otettiin huomioon."),
        ),
        comments=(
            DemoComment(4, "Liikuntapuiston pitää palvella myös niitä, jotka eivät harrasta kilpaurheilua.", None,
                        G.RESIDENTS, "30_64", likes=11),
            DemoComment(5, "Tekonurmikenttä tähän, niin pelikausi pitenee keväällä ja syksyllä.",
                        ("area", [(-200, -150), (100, -160), (110, 50), (-190, 60)]), G.CHILDREN_AND_YOUNG,
                        "13_17", likes=15, answer="sports"),
            DemoComment(5, "Ulkokuntosali lähelle kävelyreittiä, jotta ikäihmisetkin käyttäisivät sitä.",
                        ("point", (250, 150)), G.ELDERLY, "65_74", likes=8, answer="sports"),
            DemoComment(5, "Valaistu latu kiertämään puiston reunaa talvella.",
                        ("line", [(-450, -300), (100, -450), (450, -100), (400, 300), (-50, 450)]), G.RESIDENTS,
                        "30_64", likes=6, answer="winter"),
            DemoComment(5, "Pysäköintiä on luonnoksessa liikaa; tilan voisi käyttää viheralueeksi.", None, "",
                        "18_29", likes=4, answer="parking"),
            DemoComment(5, "En skatepark här skulle ge ungdomarna en egen plats.", ("point", (-300, 250)),
                        G.CHILDREN_AND_YOUNG, "13_17", language="sv", likes=9, answer="sports"),
        ),
        answers={
            "sports": ("Liikuntapaikat", "Ehdotukseen on lisätty tekonurmikenttä, ulkokuntosali kävelyreitin varteen "
                       "ja skeittipaikka nuorisovaltuuston toivomaan paikkaan."),
            "winter": ("Talvikäyttö", "Puiston reunaa kiertävä reitti valaistaan ja ajetaan talvella laduksi."),
            "parking": ("", "Pysäköintialuetta on pienennetty kolmanneksella, ja vapautunut tila on osoitettu "
                        "puistoksi."),
        },
        closing=(
            "Asukkaiden kommenttien perusteella ehdotukseen lisättiin tekonurmikenttä, ulkokuntosali kävelyreitin "
            "varteen, puiston reunaa kiertävä valaistu latu ja skeittipaikka. Pysäköintialuetta pienennettiin "
            "kolmanneksella ja vapautunut tila osoitettiin puistoksi. Nuorisovaltuusto ja vanhusneuvosto "
            "kommentoivat ehdotusta ennen sen julkaisemista.",
            "Utifrån invånarnas kommentarer fick förslaget en konstgräsplan, ett utegym längs promenadvägen, ett "
            "belyst skidspår runt parken och en skatepark. Parkeringen minskades med en tredjedel och det "
            "frigjorda området blev park. Ungdomsfullmäktige och äldrerådet kommenterade förslaget innan det "
            "lades fram.",
            "Because of residents' comments the proposal gained an artificial-turf pitch, an outdoor gym by the "
            "footpath, a lit ski track round the park and a skatepark. Parking was cut by a third and the land "
            "freed became park. The youth council and the elderly council commented on the proposal before it "
            "was put on display."),
        back=(5, 4, "Tavoitteita tarkennettiin nuorisovaltuuston toiveesta ennen luonnoksen julkaisemista."),
    ),
    DemoProcess(
        diary_number="52/12.00.01/2026", kind=ProcessKind.SERVICE_DEVELOPMENT, phase=Phase.DRAFT,
        department=EDUCATION_WELLBEING, area_code="60150",
        names=("Kasperin koulun kouluruokailu uudistuu", "Skolmåltiderna i Kasperi skola förnyas",
               "Kasperi school's meals renewed"),
        summaries=(
            "Kouluruokailu suunnitellaan uudelleen yhdessä oppilaiden, huoltajien ja keittiön henkilökunnan "
            "kanssa. Uutta mallia kokeillaan yhden lukukauden pilottina ennen kuin se otetaan käyttöön kaikissa "
            "kouluissa.",
            "Skolmåltiderna planeras om tillsammans med elever, vårdnadshavare och kökspersonalen. Den nya "
            "modellen prövas som pilot under en termin innan den tas i bruk i alla skolor.",
            "School meals are redesigned together with pupils, parents and the kitchen staff. The new model is "
            "tried as a one-term pilot before it is rolled out in every school."),
        centre=(290_300, 6_966_200),
        stakeholders=(
            DemoStakeholder(G.CHILDREN_AND_YOUNG, "Oppilaat syövät koululounaan joka päivä.",
                            "Makuraati ja luokkien ruokailuhaastattelut.", "Koko lukuvuoden ajan"),
            DemoStakeholder(G.EMPLOYEES, "Keittiön henkilökunnan työ muuttuu.", "Työpaja keittiössä.", "Vaiheessa 4"),
        ),
        comments=(
            DemoComment(1, "Ruokaa on liian vähän, jos syö viimeisessä vuorossa.", None, G.CHILDREN_AND_YOUNG,
                        "under_13", likes=13),
            DemoComment(1, "Kasvisvaihtoehto on usein sama viikosta toiseen.", None, "", "13_17", likes=7),
            DemoComment(4, "Tavoitteeksi rauhallinen ruokailu: nyt ruokalassa on niin kova meteli, ettei kuule "
                           "omaa ääntään.", None, "", "30_64", likes=5),
            DemoComment(5, "Pilotissa kokeiltu välipalakioski aulassa toimi hyvin, sitä kannattaa jatkaa.",
                        ("point", (0, 0)), G.CHILDREN_AND_YOUNG, "13_17", likes=6, answer="kiosk"),
            DemoComment(5, "Oppilaiden makuraati kannattaa pitää pilotin jälkeenkin.", None, "", "30_64", likes=4),
            DemoComment(5, "The new menu should list the allergens in English too.", None, G.IMMIGRANTS, "30_64",
                        language="en", likes=3),
        ),
        answers={"kiosk": ("", "Välipalakioski jatkuu koko koulun käytössä syksystä alkaen.")},
    ),
)


class _Clock:
    """Moves the moments of what the services wrote back onto the demo schedule.

    The services stamp everything with now; after each step the rows written since the last mark
    get the step's moment (a second apart, in the order they were written)."""

    def __init__(self, process: Process):
        self.process = process
        self.last = {model: self._max(model) for model in (ProcessEvent, Comment, Answer, CommentReaction)}

    @staticmethod
    def _max(model) -> int:
        return model.objects.order_by("-pk").values_list("pk", flat=True).first() or 0

    def mark(self, moment: datetime) -> None:
        for model, last in self.last.items():
            rows = model.objects.filter(pk__gt=last)
            for offset, pk in enumerate(rows.order_by("pk").values_list("pk", flat=True)):
                model.objects.filter(pk=pk).update(created_at=moment + timedelta(seconds=offset))
            self.last[model] = self._max(model)


def _starts(spec: DemoProcess, today: date) -> dict[int, date]:
    """Each phase's first day, so that today falls in the middle of the process's current phase."""
    start = today - timedelta(days=PHASE_DAYS[spec.phase] // 2)
    starts = {spec.phase: start}
    for phase in range(spec.phase - 1, 0, -1):
        starts[phase] = starts[phase + 1] - timedelta(days=PHASE_DAYS[phase])
    for phase in range(spec.phase + 1, 7):
        starts[phase] = starts[phase - 1] + timedelta(days=PHASE_DAYS[phase - 1])
    return starts


def _at(day: date, hour: int, now: datetime) -> datetime:
    return min(datetime.combine(day, time(hour), timezone.get_current_timezone()), now - timedelta(minutes=5))


def _drawing(spec: DemoProcess, drawing):
    if drawing is None:
        return None
    kind, where = drawing
    x, y = spec.centre
    srid = settings.STORAGE_SRID
    if kind == "point":
        return Point(x + where[0], y + where[1], srid=srid)
    points = [(x + dx, y + dy) for dx, dy in where]
    if kind == "line":
        return LineString(points, srid=srid)
    return Polygon([*points, points[0]], srid=srid)


class _Builder:
    """One demo process, built step by step through the services."""

    def __init__(self, spec: DemoProcess, planner, departments: dict, now: datetime):
        self.spec, self.planner, self.now = spec, planner, now
        self.starts = _starts(spec, timezone.localdate(now))
        self.comments: dict[int, list[Comment]] = {}
        self.departments = departments

    def build(self) -> Process:
        spec = self.spec
        area = Area.objects.filter(code=spec.area_code).first() if spec.area_code else None
        process = Process.objects.create(
            kind=spec.kind, diary_number=spec.diary_number, name_fi=spec.names[0], name_sv=spec.names[1],
            name_en=spec.names[2], summary_fi=spec.summaries[0], summary_sv=spec.summaries[1],
            summary_en=spec.summaries[2], department=self.departments[spec.department], area=area,
            statutory_step=spec.statutory_step, published=True)
        process.planners.set([self.planner])
        for phase, starts_on in self.starts.items():
            PhaseSchedule.objects.create(process=process, phase=phase, starts_on=starts_on,
                                         ends_on=starts_on + timedelta(days=PHASE_DAYS[phase] - 1))
        self.clock = _Clock(process)
        ProcessEvent.objects.create(process=process, action=ProcessAction.CREATED, actor=self.planner,
                                    details={"source": "demo"})
        if spec.corners:
            x, y = spec.centre
            ring = [(x + dx, y + dy) for dx, dy in spec.corners]
            process = process_boundary_set(process=process, boundary=MultiPolygon(
                Polygon([*ring, ring[0]], srid=settings.STORAGE_SRID), srid=settings.STORAGE_SRID),
                actor=self.planner, source="demo")
        self.clock.mark(_at(self.starts[1], 8, self.now))
        process = self._phase(process, Phase.NEEDS)
        for phase in range(2, spec.phase + 1):
            if spec.back and phase == spec.back[0] + 1:  # back and forward again before going on
                process = self._move(process, spec.back[1], reason=spec.back[2], day=self.starts[phase] - timedelta(
                    days=10))
                process = self._move(process, spec.back[0], day=self.starts[phase] - timedelta(days=5))
            if phase == Phase.FINAL:
                self._answer(process, moment=_at(self.starts[Phase.FINAL] - timedelta(days=2), 14, self.now))
                self._close(process)
            process = self._move(process, phase, day=self.starts[phase])
            process = self._phase(process, phase)
        if spec.phase == Phase.DRAFT and spec.answers:  # the planner has begun answering the draft's comments
            self._answer(process, moment=self.now - timedelta(hours=1))
        Process.objects.filter(pk=process.pk).update(
            created_at=_at(self.starts[1], 8, self.now), updated_at=self.now - timedelta(minutes=5))
        return process

    def _move(self, process: Process, to_phase: int, *, day: date, reason: str = "") -> Process:
        process = process_move_phase(process=process, to_phase=to_phase, actor=self.planner, reason=reason)
        self.clock.mark(_at(day, 9, self.now))
        return process

    def _phase(self, process: Process, phase: int) -> Process:
        """What happens during ``phase``: the stakeholders mapped in phase 2, comments where taken."""
        start = self.starts[phase]
        end = min(self.starts.get(phase + 1, start + timedelta(days=PHASE_DAYS[phase])),
                  timezone.localdate(self.now))
        if phase == Phase.STAKEHOLDERS:
            self._map_stakeholders(process)
            self.clock.mark(_at(start + timedelta(days=7), 10, self.now))
        comments = [comment for comment in self.spec.comments if comment.phase == phase]
        for index, demo in enumerate(comments):
            comment = comment_create(process=process, text=demo.text, geometry=_drawing(self.spec, demo.drawing),
                                     group=demo.group, age_band=demo.age_band, language=demo.language)
            for like in range(demo.likes):
                comment_react(comment=comment, kind=CommentReaction.Kind.LIKE,
                              reactor_key=f"demo-{process.pk}-{comment.pk}-{like}")
            for flag in range(demo.flags):
                comment_react(comment=comment, kind=CommentReaction.Kind.FLAG,
                              reactor_key=f"demo-flag-{comment.pk}-{flag}", reason="Asiaton")
            self.comments.setdefault(id(demo), []).append(comment)
            day = start + timedelta(days=max(0, (end - start).days) * (index + 1) // (len(comments) + 1))
            self.clock.mark(_at(day, 12 + index % 8, self.now))
        return process

    def _map_stakeholders(self, process: Process) -> None:
        """The planner accepts the proposals of the areas inside the plan, saying how they are reached,
        and maps the other groups; the neighbours' proposals wait for a decision."""
        residents = next((s for s in self.spec.stakeholders if s.group == G.RESIDENTS), None)
        if residents is not None:
            for mapping in StakeholderMapping.objects.filter(process=process, proposed=True).select_related("area"):
                share = process.affected_areas.filter(area=mapping.area).values_list("share_inside", flat=True).first()
                if share:
                    stakeholder_save(process=process, actor=self.planner, mapping=mapping,
                                     why="Kaava-alue on osittain asuinalueella.", how_reached=residents.how_reached,
                                     when_reached=residents.when_reached)
        for group in self.spec.stakeholders:
            if group.group != G.RESIDENTS:
                stakeholder_save(process=process, actor=self.planner, group=group.group, why=group.why,
                                 how_reached=group.how_reached, when_reached=group.when_reached,
                                 outcome=group.outcome)

    def _answer(self, process: Process, *, moment: datetime) -> None:
        for key, (theme, text) in self.spec.answers.items():
            covered = [comment for demo in self.spec.comments if demo.answer == key
                       for comment in self.comments.get(id(demo), [])]
            answer_create(process=process, comments=covered, text=text, theme=theme, actor=self.planner)
        self.clock.mark(moment)

    def _close(self, process: Process) -> None:
        fi, sv, en = self.spec.closing
        process_closing_summary_save(process=process, actor=self.planner, fi=fi, sv=sv, en=en)
        self.clock.mark(_at(self.starts[Phase.FINAL] - timedelta(days=1), 15, self.now))


@transaction.atomic
def demo_plans_load() -> list[Process] | None:
    """Create the demo processes that are missing; returns those made (None without the demo planner).

    The demo planner ``kaavoittaja`` exists only where the demo logins do (DEBUG on): every action
    on a process needs one of its planners."""
    planner = get_user_model().objects.filter(username=DEMO_PLANNER).first()
    if planner is None:
        return None
    existing = set(Process.objects.filter(diary_number__in=[spec.diary_number for spec in PROCESSES])
                   .values_list("diary_number", flat=True))
    missing = [spec for spec in PROCESSES if spec.diary_number not in existing]
    if not missing:
        return []
    departments = departments_seed()
    now = timezone.now()
    return [_Builder(spec, planner, departments, now).build() for spec in missing]
