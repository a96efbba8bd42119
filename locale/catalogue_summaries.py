"""Translations of the staff summary page, its CSV downloads and the staff API (merged by locale/translate.py).

Same shape as translate.py: T maps an English msgid to (Finnish, Swedish). No plural forms here.
"""

T = {
    # The page
    "Feedback summary": ("Palauteyhteenveto", "Responssammanställning"),
    "Figures on the tickets you may see, by the day they were received.": (
        "Luvut palautteista, jotka sinulla on oikeus nähdä, vastaanottopäivän mukaan.",
        "Siffror om de responser du får se, enligt den dag de togs emot."),
    "Department and period": ("Toimiala ja ajanjakso", "Sektor och period"),
    "Department": ("Toimiala", "Sektor"),
    "All departments": ("Kaikki toimialat", "Alla sektorer"),
    "all departments you may see": ("kaikki toimialat, jotka sinulla on oikeus nähdä",
                                    "alla sektorer du får se"),
    "Received from": ("Vastaanotettu alkaen", "Mottagen från"),
    "Received until": ("Vastaanotettu asti", "Mottagen till och med"),
    "Received %(first)s–%(last)s": ("Vastaanotettu %(first)s–%(last)s", "Mottagna %(first)s–%(last)s"),
    "The last day must not be before the first day.": (
        "Viimeinen päivä ei voi olla ennen ensimmäistä päivää.",
        "Den sista dagen får inte vara före den första dagen."),
    "Give a day in 2000 or later.": ("Anna päivä vuodelta 2000 tai myöhemmin.", "Ange en dag år 2000 eller senare."),
    "Tickets received": ("Vastaanotetut palautteet", "Mottagna responser"),
    "Praise received": ("Saadut kiitokset", "Mottagna beröm"),
    "Open and overdue now": ("Avoinna ja myöhässä nyt", "Öppna och försenade nu"),
    "Handled on time": ("Hoidettu ajallaan", "Åtgärdade i tid"),
    "Handled late": ("Hoidettu myöhässä", "Åtgärdade för sent"),
    "Handling times": ("Käsittelyajat", "Handläggningstider"),
    "Time from receipt, median and 90th percentile": (
        "Aika vastaanotosta, mediaani ja 90. persentiili", "Tid från mottagandet, median och 90:e percentil"),
    "Measure": ("Mittari", "Mått"),
    "Tickets measured": ("Mitatut palautteet", "Uppmätta responser"),
    "Median, hours": ("Mediaani, tuntia", "Median, timmar"),
    "Median, days": ("Mediaani, päivää", "Median, dagar"),
    "90th percentile, hours": ("90. persentiili, tuntia", "90:e percentil, timmar"),
    "90th percentile, days": ("90. persentiili, päivää", "90:e percentil, dagar"),
    "Time to triage": ("Aika ohjaukseen", "Tid till styrning"),
    "Time to handle": ("Aika hoitamiseen", "Tid till åtgärd"),
    "Breakdown of the tickets": ("Palautteet ryhmittäin", "Responserna per grupp"),
    "Tickets": ("Palautteita", "Responser"),
    "Share of all tickets": ("Osuus kaikista palautteista", "Andel av alla responser"),
    "No tickets.": ("Ei palautteita.", "Inga responser."),
    "Tickets by category": ("Palautteet aiheittain", "Responser per ämne"),
    "Tickets by kind": ("Palautteet lajeittain", "Responser per typ"),
    "Tickets by status now": ("Palautteet nykyisen tilan mukaan", "Responser enligt nuvarande status"),
    "Tickets by channel": ("Palautteet kanavittain", "Responser per kanal"),
    "Channel": ("Kanava", "Kanal"),
    "Tickets by department": ("Palautteet toimialoittain", "Responser per sektor"),
    "Tickets by residential area": ("Palautteet asuinalueittain", "Responser per bostadsområde"),
    "No place given": ("Ei paikkaa", "Ingen plats angiven"),
    # The map
    "Tickets per 1000 inhabitants by residential area": (
        "Palautteita 1000 asukasta kohden asuinalueittain", "Responser per 1000 invånare per bostadsområde"),
    "Tickets per 1000 inhabitants": ("Palautteita 1000 asukasta kohden", "Responser per 1000 invånare"),
    "The populations are estimates": ("Asukasluvut ovat arvioita", "Invånarantalen är uppskattningar"),
    "in this demo they are estimates, not official statistics, so the rates are rough.": (
        "tässä esittelyssä ne ovat arvioita eivätkä virallisia tilastoja, joten suhdeluvut ovat karkeita.",
        "i den här demon är de uppskattningar, inte officiell statistik, så talen är ungefärliga."),
    "The same figures are in the table below the map. Areas whose population is not known are shown as "
    "“no data”.": (
        "Samat luvut ovat kartan alla olevassa taulukossa. Alueet, joiden asukasluku ei ole tiedossa, näkyvät "
        "merkinnällä ”ei tietoa”.",
        "Samma siffror finns i tabellen under kartan. Områden vars invånarantal inte är känt visas som "
        "”inga uppgifter”."),
    "no data": ("ei tietoa", "inga uppgifter"),
    "Inhabitants": ("Asukkaita", "Invånare"),
    "Map legend": ("Kartan selite", "Kartans teckenförklaring"),
    "Map: tickets per 1000 inhabitants by residential area": (
        "Kartta: palautteita 1000 asukasta kohden asuinalueittain",
        "Karta: responser per 1000 invånare per bostadsområde"),
    # Downloads and notes
    "Download": ("Lataa", "Ladda ner"),
    "These figures (CSV)": ("Nämä luvut (CSV)", "Dessa siffror (CSV)"),
    "The tickets, one a row, without personal data (CSV)": (
        "Palautteet riveittäin ilman henkilötietoja (CSV)", "Responserna, en per rad, utan personuppgifter (CSV)"),
    "How the figures are counted": ("Miten luvut lasketaan", "Hur siffrorna räknas"),
    "A ticket counts in the period in which it was received, under the department it belongs to now. Every "
    "status counts, rejected spam too.": (
        "Palaute lasketaan sille ajanjaksolle, jolla se vastaanotettiin, ja sille toimialalle, jolle se nyt "
        "kuuluu. Kaikki tilat lasketaan, myös hylätty roskaposti.",
        "En respons räknas till den period då den togs emot och till den sektor den nu hör till. Alla "
        "statusar räknas, även avvisad skräppost."),
    "Time to triage runs from receipt to the first time the ticket left “received” or “in triage” (routed, "
    "forwarded, closed or handled). Tickets not triaged yet are not measured.": (
        "Aika ohjaukseen lasketaan vastaanotosta siihen, kun palaute ensimmäisen kerran siirtyi pois tiloista "
        "”vastaanotettu” ja ”asiakaspalvelun käsittelyssä” (ohjattiin, välitettiin, suljettiin tai hoidettiin). "
        "Palautteita, joita ei ole vielä ohjattu, ei mitata.",
        "Tiden till styrning räknas från mottagandet till första gången responsen lämnade ”mottagen” eller "
        "”granskas av kundtjänsten” (styrdes, vidarebefordrades, stängdes eller åtgärdades). Responser som inte "
        "styrts ännu mäts inte."),
    "Time to handle runs from receipt to the first time the ticket was marked handled. Tickets never handled "
    "are not measured.": (
        "Aika hoitamiseen lasketaan vastaanotosta siihen, kun palaute ensimmäisen kerran kuitattiin hoidetuksi. "
        "Hoitamattomia palautteita ei mitata.",
        "Tiden till åtgärd räknas från mottagandet till första gången responsen kvitterades som åtgärdad. "
        "Responser som aldrig åtgärdats mäts inte."),
    "A ticket is due on the day received plus its category's target handling time. Open and overdue: still "
    "open and past that. Handled late: first handled after that.": (
        "Palautteen määräaika on vastaanottopäivä lisättynä aiheen tavoitekäsittelyajalla. Avoinna ja myöhässä: "
        "yhä avoinna ja määräaika ohi. Hoidettu myöhässä: kuitattu hoidetuksi ensimmäisen kerran määräajan "
        "jälkeen.",
        "En respons ska vara åtgärdad senast mottagningsdagen plus ämnets målsatta handläggningstid. Öppna och "
        "försenade: fortfarande öppna och tiden har gått ut. Åtgärdade för sent: kvitterade som åtgärdade första "
        "gången efter det."),
    # The staff API
    "Only the city's staff may use this.": ("Vain kaupungin henkilöstö voi käyttää tätä.",
                                            "Endast stadens personal får använda detta."),
    "Unknown status: %(codes)s.": ("Tuntematon tila: %(codes)s.", "Okänd status: %(codes)s."),
    "No department has that code.": ("Millään toimialalla ei ole tätä tunnusta.", "Ingen sektor har den koden."),
    "No ticket has that number.": ("Millään palautteella ei ole tätä numeroa.", "Ingen respons har det numret."),
}
