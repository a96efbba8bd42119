"""Translations of the resident feedback pages (merged by locale/translate.py).

Same shape as translate.py: T maps an English msgid to (Finnish, Swedish); PLURALS maps the singular
msgid of a {% blocktranslate count %} to ((fi one, fi many), (sv one, sv many)).
"""

T = {
    "Too many reports at once": ("Liian monta palautetta kerralla", "För många responser på en gång"),
    "If something is urgent or dangerous, call the city's customer service or, in an emergency, 112.": (
        "Jos asia on kiireellinen tai vaarallinen, soita kaupungin asiakaspalveluun tai hätätilanteessa 112.",
        "Om något är brådskande eller farligt, ring stadens kundtjänst eller i en nödsituation 112."),
    # The service and its pages
    "Give feedback": ("Anna palautetta", "Ge respons"),
    "Feedback map": ("Palautekartta", "Responskarta"),
    "Feedback": ("Palaute", "Respons"),
    "Give more feedback": ("Anna lisää palautetta", "Ge mer respons"),
    "See reports on the map": ("Katso palautteet kartalla", "Se responserna på kartan"),
    "Report a fault, share an idea, ask a question or thank the city. Your report and its place are public on "
    "the feedback map; your contact details are not.": (
        "Ilmoita viasta, kerro ideasi, kysy tai kiitä kaupunkia. Palautteesi ja sen paikka näkyvät julkisesti "
        "palautekartalla, yhteystietosi eivät.",
        "Anmäl ett fel, dela en idé, ställ en fråga eller tacka staden. Din respons och dess plats är offentliga "
        "på responskartan, dina kontaktuppgifter är det inte.",
    ),
    "Error": ("Virhe", "Fel"),
    "Error:": ("Virhe:", "Fel:"),
    "Please check these before sending": ("Tarkista nämä ennen lähettämistä", "Kontrollera dessa innan du skickar"),
    "For your safety the photos were not kept: attach them again before sending.": (
        "Kuvia ei turvallisuussyistä säilytetty: liitä ne uudelleen ennen lähettämistä.",
        "Av säkerhetsskäl sparades bilderna inte: bifoga dem igen innan du skickar.",
    ),
    "Send feedback": ("Lähetä palaute", "Skicka respons"),
    # The form
    "Topic": ("Aihe", "Ämne"),
    "Choose a topic": ("Valitse aihe", "Välj ett ämne"),
    "Choose a topic.": ("Valitse aihe.", "Välj ett ämne."),
    "What kind of feedback is it?": ("Millaista palautetta annat?", "Vilken sorts respons är det?"),
    "Where?": ("Missä?", "Var?"),
    "Choose the place in one of these ways: click the map or drag the pin, search for a place, address or "
    "postal code, or use your device’s location. Some topics, such as services, need no place.": (
        "Valitse paikka jollakin näistä tavoista: napsauta karttaa tai vedä merkkiä, hae paikkaa, osoitetta tai "
        "postinumeroa, tai käytä laitteesi sijaintia. Kaikki aiheet, kuten palvelut, eivät tarvitse paikkaa.",
        "Välj platsen på något av dessa sätt: klicka på kartan eller dra markören, sök en plats, adress eller "
        "ett postnummer, eller använd enhetens position. Alla ämnen, till exempel tjänster, behöver ingen plats.",
    ),
    "Map: click to mark the place of your feedback": (
        "Kartta: merkitse palautteesi paikka napsauttamalla", "Karta: klicka för att markera platsen för din respons"),
    "Chosen place": ("Valittu paikka", "Vald plats"),
    "No place chosen yet.": ("Paikkaa ei ole vielä valittu.", "Ingen plats har valts ännu."),
    "Search for a place, address or postal code": (
        "Hae paikkaa, osoitetta tai postinumeroa", "Sök en plats, adress eller ett postnummer"),
    "For example Kalevankatu 1, Nurmo or 60100.": (
        "Esimerkiksi Kalevankatu 1, Nurmo tai 60100.", "Till exempel Kalevankatu 1, Nurmo eller 60100."),
    "Search": ("Hae", "Sök"),
    "Searching…": ("Haetaan…", "Söker…"),
    "Places found: choose one.": ("Löydetyt paikat: valitse yksi.", "Hittade platser: välj en."),
    "No places found. Try another name, address or postal code.": (
        "Paikkoja ei löytynyt. Kokeile toista nimeä, osoitetta tai postinumeroa.",
        "Inga platser hittades. Försök med ett annat namn, en annan adress eller ett annat postnummer.",
    ),
    "The search did not work. Try again, or mark the place on the map.": (
        "Haku ei onnistunut. Yritä uudelleen tai merkitse paikka kartalle.",
        "Sökningen fungerade inte. Försök igen eller markera platsen på kartan.",
    ),
    "Choose one of the places found, or search again.": (
        "Valitse jokin löydetyistä paikoista tai hae uudelleen.", "Välj en av de hittade platserna eller sök igen."),
    "The place could not be read. Choose it again.": (
        "Paikkaa ei voitu lukea. Valitse se uudelleen.", "Platsen kunde inte läsas. Välj den igen."),
    "Use my location": ("Käytä sijaintiani", "Använd min position"),
    "Finding your location…": ("Haetaan sijaintiasi…", "Söker din position…"),
    "Your location could not be found. Search for the place or mark it on the map.": (
        "Sijaintiasi ei löytynyt. Hae paikkaa tai merkitse se kartalle.",
        "Din position kunde inte hittas. Sök platsen eller markera den på kartan.",
    ),
    "The place of your feedback": ("Palautteesi paikka", "Platsen för din respons"),
    "Postal code": ("Postinumero", "Postnummer"),
    "Address": ("Osoite", "Adress"),
    "Railway station": ("Rautatieasema", "Järnvägsstation"),
    "Residential area": ("Asuinalue", "Bostadsområde"),
    # Open reports nearby
    "Open reports on this topic nearby": (
        "Avoimia palautteita samasta aiheesta lähellä", "Öppna responser i samma ämne i närheten"),
    "Someone may already have reported this. If it is the same thing, press “Me too” instead of sending a new "
    "report.": (
        "Joku on ehkä jo ilmoittanut tästä. Jos kyse on samasta asiasta, paina ”Minäkin” uuden palautteen "
        "lähettämisen sijaan.",
        "Någon kan redan ha anmält detta. Om det gäller samma sak, tryck på ”Jag också” i stället för att "
        "skicka en ny respons.",
    ),
    "Your email, if you want news of the report you support (optional)": (
        "Sähköpostisi, jos haluat tietoa tukemasi palautteen etenemisestä (vapaaehtoinen)",
        "Din e-post, om du vill få nyheter om responsen du stöder (frivilligt)",
    ),
    "Me too": ("Minäkin", "Jag också"),
    "Thank you: your support was counted.": ("Kiitos, tukesi on laskettu.", "Tack, ditt stöd har räknats."),
    "Your support could not be counted. Try again.": (
        "Tukeasi ei voitu laskea. Yritä uudelleen.", "Ditt stöd kunde inte räknas. Försök igen."),
    "supporters": ("tukijaa", "stödjare"),
    "m away": ("m päässä", "m bort"),
    "Open the report": ("Avaa palaute", "Öppna responsen"),
    # Description, photos, contact details
    "Description": ("Kuvaus", "Beskrivning"),
    "What is it, exactly where, and since when? 10–5000 characters. The description is public: do not write "
    "anyone’s personal details.": (
        "Mistä on kyse, missä tarkalleen ja mistä lähtien? 10–5000 merkkiä. Kuvaus on julkinen: älä kirjoita "
        "kenenkään henkilötietoja.",
        "Vad gäller det, exakt var och sedan när? 10–5000 tecken. Beskrivningen är offentlig: skriv inte "
        "någons personuppgifter.",
    ),
    "%(count)s of %(max)s characters": ("%(count)s / %(max)s merkkiä", "%(count)s av %(max)s tecken"),
    "at least %(min)s needed": ("vähintään %(min)s tarvitaan", "minst %(min)s behövs"),
    "Tell a little more: at least %(min)d characters.": (
        "Kerro hieman enemmän: vähintään %(min)d merkkiä.", "Berätta lite mer: minst %(min)d tecken."),
    "Photos (optional, at most %(max)s)": ("Kuvat (vapaaehtoinen, enintään %(max)s)",
                                           "Bilder (frivilligt, högst %(max)s)"),
    "JPEG, PNG or WebP, at most 10 MB each. Location and camera data are removed from the photos before they "
    "are stored.": (
        "JPEG, PNG tai WebP, kukin enintään 10 Mt. Sijainti- ja kameratiedot poistetaan kuvista ennen "
        "tallentamista.",
        "JPEG, PNG eller WebP, högst 10 MB var. Positions- och kamerauppgifter tas bort från bilderna innan "
        "de sparas.",
    ),
    "Photos": ("Kuvat", "Bilder"),
    "Your contact details (optional)": ("Yhteystietosi (vapaaehtoinen)", "Dina kontaktuppgifter (frivilligt)"),
    "We use your contact details only to send you a receipt and news of this report and, if needed, to ask you "
    "more about it. They are never shown publicly. With an email address you get a receipt and a private link "
    "for following the report.": (
        "Käytämme yhteystietojasi vain kuittauksen ja tätä palautetta koskevien tietojen lähettämiseen sekä "
        "tarvittaessa lisätietojen kysymiseen. Niitä ei koskaan näytetä julkisesti. Sähköpostiosoitteella saat "
        "kuittauksen ja henkilökohtaisen linkin palautteen seuraamiseen.",
        "Vi använder dina kontaktuppgifter bara för att skicka ett kvitto och nyheter om denna respons och vid "
        "behov fråga dig mer om den. De visas aldrig offentligt. Med en e-postadress får du ett kvitto och en "
        "privat länk för att följa responsen.",
    ),
    "Name": ("Nimi", "Namn"),
    "Email": ("Sähköposti", "E-post"),
    "Phone": ("Puhelin", "Telefon"),
    "Give an email address like name@example.fi.": (
        "Anna sähköpostiosoite muodossa nimi@esimerkki.fi.", "Ange en e-postadress som namn@exempel.fi."),
    "Give an email address like name@example.fi, or leave it empty.": (
        "Anna sähköpostiosoite muodossa nimi@esimerkki.fi tai jätä kenttä tyhjäksi.",
        "Ange en e-postadress som namn@exempel.fi eller lämna fältet tomt.",
    ),
    "Give a phone number with digits only.": (
        "Anna puhelinnumero pelkin numeroin.", "Ange telefonnumret med enbart siffror."),
    "Choose fault, idea, question or praise.": (
        "Valitse vika, idea, kysymys tai kiitos.", "Välj fel, idé, fråga eller beröm."),
    # Thank-you page
    "Thank you for your feedback": ("Kiitos palautteestasi", "Tack för din respons"),
    "Your feedback number is": ("Palautteesi numero on", "Numret på din respons är"),
    "Quote the number if you contact the city about this feedback.": (
        "Mainitse numero, jos otat yhteyttä kaupunkiin tästä palautteesta.",
        "Uppge numret om du kontaktar staden om denna respons.",
    ),
    "Follow your feedback": ("Seuraa palautettasi", "Följ din respons"),
    "Your private follow link (keep it to yourself, anyone with it can open this page):": (
        "Henkilökohtainen seurantalinkkisi (pidä se itselläsi, kuka tahansa linkin saanut voi avata sivun):",
        "Din privata uppföljningslänk (behåll den för dig själv, alla som har den kan öppna sidan):",
    ),
    "A receipt with the number and this link was emailed to you.": (
        "Lähetimme sinulle sähköpostitse kuittauksen, jossa on numero ja tämä linkki.",
        "Ett kvitto med numret och denna länk skickades till dig per e-post.",
    ),
    "You gave no email address, so no receipt was sent: save the number and the link now.": (
        "Et antanut sähköpostiosoitetta, joten kuittausta ei lähetetty: tallenna numero ja linkki nyt.",
        "Du angav ingen e-postadress, så inget kvitto skickades: spara numret och länken nu.",
    ),
    "The public page of your feedback": ("Palautteesi julkinen sivu", "Den offentliga sidan för din respons"),
    # A report's page and the follow page
    "This is your private follow page. Keep the link to yourself: anyone with it can open this page.": (
        "Tämä on henkilökohtainen seurantasivusi. Pidä linkki itselläsi: kuka tahansa linkin saanut voi avata "
        "sivun.",
        "Detta är din privata uppföljningssida. Behåll länken för dig själv: alla som har den kan öppna sidan.",
    ),
    "The status and the city’s answers appear here as the report is handled.": (
        "Käsittelyn tila ja kaupungin vastaukset näkyvät tässä palautteen edetessä.",
        "Status och stadens svar visas här när responsen behandlas.",
    ),
    "A resident thanks the city.": ("Asukas kiittää kaupunkia.", "En invånare tackar staden."),
    "Kind": ("Laji", "Typ"),
    "Status": ("Tila", "Status"),
    "Received": ("Vastaanotettu", "Mottagen"),
    "Supporters": ("Tukijat", "Stödjare"),
    "Location": ("Sijainti", "Plats"),
    "Map of the report’s place": ("Kartta palautteen paikasta", "Karta över responsens plats"),
    "Place of the report": ("Palautteen paikka", "Responsens plats"),
    "Coordinates": ("Koordinaatit", "Koordinater"),
    "This report has no place on the map.": ("Tällä palautteella ei ole paikkaa kartalla.",
                                             "Denna respons har ingen plats på kartan."),
    "Photo %(n)s of the report": ("Palautteen kuva %(n)s", "Responsens bild %(n)s"),
    "What has happened": ("Mitä on tapahtunut", "Vad som har hänt"),
    "Does this concern you too? Say so: the city sees how many people it matters to. With an email address you "
    "also hear when its status changes; the address is never shown publicly.": (
        "Koskeeko tämä sinuakin? Kerro se: kaupunki näkee, kuinka monelle asia on tärkeä. Sähköpostiosoitteella "
        "saat myös tiedon, kun tila muuttuu; osoitetta ei koskaan näytetä julkisesti.",
        "Gäller detta dig också? Säg det: staden ser hur många det berör. Med en e-postadress får du också veta "
        "när statusen ändras; adressen visas aldrig offentligt.",
    ),
    "Your email (optional)": ("Sähköpostisi (vapaaehtoinen)", "Din e-post (frivilligt)"),
    "This follow link is not valid.": ("Tämä seurantalinkki ei ole voimassa.", "Denna uppföljningslänk är inte giltig."),
    "No public report has this number.": ("Tällä numerolla ei ole julkista palautetta.",
                                          "Ingen offentlig respons har detta nummer."),
    # The public map and list
    "Residents’ reports and what the city has done about them. Filter them below: the map and the list show the "
    "same reports.": (
        "Asukkaiden palautteet ja mitä kaupunki on niiden eteen tehnyt. Rajaa niitä alla: kartta ja luettelo "
        "näyttävät samat palautteet.",
        "Invånarnas responser och vad staden har gjort åt dem. Filtrera dem nedan: kartan och listan visar "
        "samma responser.",
    ),
    "Filters": ("Rajaukset", "Filter"),
    "Show": ("Näytä", "Visa"),
    "Clear filters": ("Poista rajaukset", "Rensa filtren"),
    "All topics": ("Kaikki aiheet", "Alla ämnen"),
    "All kinds": ("Kaikki lajit", "Alla typer"),
    "All statuses": ("Kaikki tilat", "Alla statusar"),
    "All areas": ("Kaikki alueet", "Alla områden"),
    "Received on or after": ("Vastaanotettu aikaisintaan", "Mottagen tidigast"),
    "Received on or before": ("Vastaanotettu viimeistään", "Mottagen senast"),
    "The end date is before the start date.": ("Loppupäivä on ennen alkupäivää.", "Slutdatumet är före startdatumet."),
    "Map of feedback": ("Palautteiden kartta", "Karta över responser"),
    "Legend": ("Selite", "Teckenförklaring"),
    "Colour: status": ("Väri: tila", "Färg: status"),
    "Shape: topic family": ("Muoto: aiheryhmä", "Form: ämnesgrupp"),
    "Number on the marker: topic": ("Merkin numero: aihe", "Numret på markören: ämne"),
    "Reports as a list": ("Palautteet luettelona", "Responserna som lista"),
    "Report": ("Palaute", "Respons"),
    "No reports match these filters.": ("Näillä rajauksilla ei löydy palautteita.",
                                        "Inga responser motsvarar dessa filter."),
    "Pages of the list": ("Luettelon sivut", "Listans sidor"),
    "Previous page": ("Edellinen sivu", "Föregående sida"),
    "Next page": ("Seuraava sivu", "Nästa sida"),
    "page %(number)s of %(pages)s": ("sivu %(number)s / %(pages)s", "sida %(number)s av %(pages)s"),
    "The map could not load the reports. The list works without it.": (
        "Kartta ei voinut ladata palautteita. Luettelo toimii ilman karttaa.",
        "Kartan kunde inte läsa in responserna. Listan fungerar utan den.",
    ),
    "The map shows the %(count)s newest reports in this view. Zoom in or filter to see the rest.": (
        "Kartalla näkyvät tämän näkymän %(count)s uusinta palautetta. Lähennä tai rajaa nähdäksesi loput.",
        "Kartan visar de %(count)s nyaste responserna i denna vy. Zooma in eller filtrera för att se resten.",
    ),
    "Reports on the map: %(count)s": ("Palautteita kartalla: %(count)s", "Responser på kartan: %(count)s"),
    # Model labels the pages show (the lead's model catalogue may already carry these; same wording here)
    "City environment": ("Kaupunkiympäristö", "Stadsmiljö"),
    "Services": ("Palvelut", "Tjänster"),
    "Fault": ("Vika", "Fel"),
    "Idea or suggestion": ("Idea tai ehdotus", "Idé eller förslag"),
    "Question": ("Kysymys", "Fråga"),
    "Praise": ("Kiitos", "Beröm"),
    # Error pages (config/templates/400.html, 403.html, 404.html)
    "Page not found": ("Sivua ei löydy", "Sidan hittades inte"),
    "There is no page at this address, or it is no longer public. Check the address, or start again from these:": (
        "Tässä osoitteessa ei ole sivua, tai se ei ole enää julkinen. Tarkista osoite tai aloita alusta:",
        "Det finns ingen sida på den här adressen, eller så är den inte längre offentlig. Kontrollera adressen eller börja om härifrån:"),
    "No access": ("Ei käyttöoikeutta", "Ingen åtkomst"),
    "Your account may not open this page. If you need it for your work, ask your department's administrator for the right role.": (
        "Tunnuksellasi ei voi avata tätä sivua. Jos tarvitset sitä työssäsi, pyydä toimialasi pääkäyttäjältä oikeaa roolia.",
        "Ditt konto får inte öppna den här sidan. Om du behöver den i ditt arbete, be din sektors administratör om rätt roll."),
    "Staff front page": ("Henkilöstön etusivu", "Personalens startsida"),
    "The request could not be read": ("Pyyntöä ei voitu lukea", "Begäran kunde inte läsas"),
    "The address or the form contained something that is not allowed, such as a control character. Go back and try again.": (
        "Osoitteessa tai lomakkeessa oli jotain, mikä ei ole sallittua, esimerkiksi ohjausmerkki. Palaa takaisin ja yritä uudelleen.",
        "Adressen eller formuläret innehöll något som inte är tillåtet, till exempel ett styrtecken. Gå tillbaka och försök igen."),
    "Front page": ("Etusivu", "Startsida"),
}

PLURALS = {
    "So many reports have come from this address that we have to pause for a moment. Try again in "
    "%(minutes)s minute.": (
        ("Tästä osoitteesta on tullut niin monta palautetta, että pidämme pienen tauon. Yritä uudelleen "
         "%(minutes)s minuutin kuluttua.",
         "Tästä osoitteesta on tullut niin monta palautetta, että pidämme pienen tauon. Yritä uudelleen "
         "%(minutes)s minuutin kuluttua."),
        ("Så många responser har kommit från den här adressen att vi måste pausa en stund. Försök igen om "
         "%(minutes)s minut.",
         "Så många responser har kommit från den här adressen att vi måste pausa en stund. Försök igen om "
         "%(minutes)s minuter."),
    ),
    "%(counter)s report": (
        ("%(counter)s palaute", "%(counter)s palautetta"),
        ("%(counter)s respons", "%(counter)s responser"),
    ),
}
