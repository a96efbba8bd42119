"""Translations of the Open311 GeoReport v2 API and its client keys (merged by locale/translate.py).

Same shape as translate.py: T maps an English msgid to (Finnish, Swedish). Parameter names such as
lat, long, start_date and api_key are the API's and stay as they are.
"""

T = {
    # The key model and its admin
    "Who uses the key, e.g. the app or system and its maker; staff see it on the reports it sends.": (
        "Kuka avainta käyttää, esim. sovellus tai järjestelmä ja sen tekijä; henkilöstö näkee sen avaimella "
        "lähetetyissä palautteissa.",
        "Vem som använder nyckeln, t.ex. appen eller systemet och dess tillverkare; personalen ser det på "
        "responserna som skickas med den."),
    "The first characters of the key, to recognise it; the rest is never stored.": (
        "Avaimen ensimmäiset merkit sen tunnistamiseksi; loppua ei tallenneta koskaan.",
        "Nyckelns första tecken, för att känna igen den; resten sparas aldrig."),
    "SHA-256 of the key (the key itself is not stored).": (
        "Avaimen SHA-256-tiiviste (itse avainta ei tallenneta).",
        "Nyckelns SHA-256-hash (själva nyckeln sparas inte)."),
    "A disabled key is refused (403).": (
        "Käytöstä poistettu avain hylätään (403).", "En inaktiverad nyckel avvisas (403)."),
    "When the key was made.": ("Milloin avain luotiin.", "När nyckeln skapades."),
    "When a report was last sent with the key.": (
        "Milloin avaimella lähetettiin viimeksi palaute.", "När en respons senast skickades med nyckeln."),
    "Open311 API key": ("Open311-rajapinta-avain", "Open311-API-nyckel"),
    "Open311 API keys": ("Open311-rajapinta-avaimet", "Open311-API-nycklar"),
    "The key of “%(name)s” is %(key)s — copy it now: it is not shown again.": (
        "Käyttäjän ”%(name)s” avain on %(key)s — kopioi se nyt: sitä ei näytetä uudelleen.",
        "Nyckeln för ”%(name)s” är %(key)s — kopiera den nu: den visas inte igen."),
    "Disable the selected keys": ("Poista valitut avaimet käytöstä", "Inaktivera de valda nycklarna"),
    "Keys disabled: %(count)d.": ("Käytöstä poistettuja avaimia: %(count)d.", "Inaktiverade nycklar: %(count)d."),
    # Language, jurisdiction, format, method
    "Give a language code such as fi, sv or en.": (
        "Anna kielikoodi, esimerkiksi fi, sv tai en.", "Ange en språkkod, till exempel fi, sv eller en."),
    "This endpoint serves only the jurisdiction “%(ours)s”, not “%(given)s”.": (
        "Tämä rajapinta palvelee vain hallintoaluetta ”%(ours)s”, ei aluetta ”%(given)s”.",
        "Det här gränssnittet betjänar endast jurisdiktionen ”%(ours)s”, inte ”%(given)s”."),
    "“.%(format)s” is not a format of this API: end the address with .json or .xml.": (
        "”.%(format)s” ei ole tämän rajapinnan muoto: päätä osoite .json tai .xml.",
        "”.%(format)s” är inte ett format i detta gränssnitt: avsluta adressen med .json eller .xml."),
    "This address takes only %(methods)s.": (
        "Tämä osoite hyväksyy vain: %(methods)s.", "Den här adressen tar bara emot: %(methods)s."),
    "The request's body could not be read: %(error)s": (
        "Pyynnön sisältöä ei voitu lukea: %(error)s", "Begärans innehåll kunde inte läsas: %(error)s"),
    "There is nothing at this address. The endpoints are discovery, services, services/{service_code}, "
    "requests, requests/{service_request_id} and tokens/{token}, each ending in .json or .xml.": (
        "Tässä osoitteessa ei ole mitään. Rajapinnan osoitteet ovat discovery, services, "
        "services/{service_code}, requests, requests/{service_request_id} ja tokens/{token}, ja jokainen "
        "päättyy .json tai .xml.",
        "Det finns inget på den här adressen. Gränssnittets adresser är discovery, services, "
        "services/{service_code}, requests, requests/{service_request_id} och tokens/{token}, och var och en "
        "slutar med .json eller .xml."),
    # Discovery
    "Questions about this API: %(email)s": (
        "Kysymykset tästä rajapinnasta: %(email)s", "Frågor om detta gränssnitt: %(email)s"),
    "Keys for sending requests are given by the city's administrators; ask at %(email)s.": (
        "Avaimet palautteiden lähettämiseen antavat kaupungin ylläpitäjät; kysy osoitteesta %(email)s.",
        "Nycklar för att skicka responser ges av stadens administratörer; fråga på %(email)s."),
    # Services and requests
    "This topic belongs to %(body)s: reports are forwarded there.": (
        "Aihe kuuluu toimijalle %(body)s: palautteet välitetään sinne.",
        "Ämnet hör till %(body)s: responserna skickas vidare dit."),
    "%(department)s aims to handle reports of this kind within %(days)d days.": (
        "%(department)s pyrkii käsittelemään tällaiset palautteet %(days)d päivässä.",
        "%(department)s strävar efter att behandla sådana responser inom %(days)d dagar."),
    "No service has the code “%(code)s”.": (
        "Palvelua, jonka koodi on ”%(code)s”, ei ole.", "Ingen tjänst har koden ”%(code)s”."),
    "The service “%(code)s” no longer takes requests.": (
        "Palvelu ”%(code)s” ei enää ota vastaan palautteita.", "Tjänsten ”%(code)s” tar inte längre emot responser."),
    "The service “%(service)s” has no attribute “%(code)s” (see services/%(service)s).": (
        "Palvelulla ”%(service)s” ei ole lisätietoa ”%(code)s” (katso services/%(service)s).",
        "Tjänsten ”%(service)s” har inget attribut ”%(code)s” (se services/%(service)s)."),
    "No public request has the id “%(id)s”.": (
        "Julkista palautetta tunnuksella ”%(id)s” ei ole.", "Det finns ingen offentlig respons med id ”%(id)s”."),
    "No request has the token “%(token)s”.": (
        "Palautetta, jonka tunniste on ”%(token)s”, ei ole.", "Ingen respons har token ”%(token)s”."),
    # Filters of GET requests
    "Give a date and time in the W3C format, e.g. 2026-01-31T12:00:00+02:00 or 2026-01-31T10:00:00Z, or a date "
    "such as 2026-01-31.": (
        "Anna päivä ja aika W3C-muodossa, esim. 2026-01-31T12:00:00+02:00 tai 2026-01-31T10:00:00Z, tai "
        "päivämäärä kuten 2026-01-31.",
        "Ange datum och tid i W3C-format, t.ex. 2026-01-31T12:00:00+02:00 eller 2026-01-31T10:00:00Z, eller "
        "ett datum som 2026-01-31."),
    "Give a number from %(low)s to %(high)s.": (
        "Anna luku väliltä %(low)s–%(high)s.", "Ange ett tal mellan %(low)s och %(high)s."),
    "Give both lat and long (WGS84 decimal degrees).": (
        "Anna sekä lat että long (WGS84-desimaaliasteina).", "Ange både lat och long (WGS84, decimalgrader)."),
    "Give the box as lon1,lat1,lon2,lat2 in WGS84 decimal degrees.": (
        "Anna alue muodossa lon1,lat1,lon2,lat2 WGS84-desimaaliasteina.",
        "Ange rutan som lon1,lat1,lon2,lat2 i WGS84-decimalgrader."),
    "The box's corners must differ and lie within -180…180 (longitude) and -90…90 (latitude).": (
        "Alueen kulmien on oltava eri kohdissa ja välillä -180…180 (pituusaste) ja -90…90 (leveysaste).",
        "Rutans hörn måste skilja sig åt och ligga inom -180…180 (longitud) och -90…90 (latitud)."),
    "Give true or false.": ("Anna true tai false.", "Ange true eller false."),
    "Give a whole number from 1 to %(max)d.": (
        "Anna kokonaisluku väliltä 1–%(max)d.", "Ange ett heltal mellan 1 och %(max)d."),
    "Ask for at most %(max)d requests at a time.": (
        "Pyydä enintään %(max)d palautetta kerralla.", "Fråga efter högst %(max)d responser åt gången."),
    "“%(value)s” is not a status: give open, closed or both.": (
        "”%(value)s” ei ole tila: anna open, closed tai molemmat.",
        "”%(value)s” är inte en status: ange open, closed eller båda."),
    "The end must not be before start_date.": (
        "Loppu ei saa olla ennen arvoa start_date.", "Slutet får inte vara före start_date."),
    "The range from start_date to end_date may span at most 90 days.": (
        "Väli start_date–end_date saa olla enintään 90 päivää.",
        "Intervallet från start_date till end_date får vara högst 90 dagar."),
    "The end must not be before updated_after.": (
        "Loppu ei saa olla ennen arvoa updated_after.", "Slutet får inte vara före updated_after."),
    "Give a radius above 0 metres.": ("Anna säde, joka on yli 0 metriä.", "Ange en radie över 0 meter."),
    "Give radius in metres with lat and long.": (
        "Anna lat- ja long-arvojen kanssa myös säde (radius) metreinä.",
        "Ange radien (radius) i meter tillsammans med lat och long."),
    "Give lat and long with radius.": (
        "Anna säteen (radius) kanssa myös lat ja long.", "Ange lat och long tillsammans med radien (radius)."),
    # POST requests
    "The body is not valid JSON.": ("Sisältö ei ole kelvollista JSONia.", "Innehållet är inte giltig JSON."),
    "The body must be a JSON object of the request's fields.": (
        "Sisällön on oltava JSON-olio, jossa on palautteen kentät.",
        "Innehållet måste vara ett JSON-objekt med responsens fält."),
    "At most %(max)d characters.": ("Enintään %(max)d merkkiä.", "Högst %(max)d tecken."),
    "Give the code of one of the services (GET services).": (
        "Anna jonkin palvelun koodi (GET services).", "Ange koden för en av tjänsterna (GET services)."),
    "Addresses are not identified by id here: give lat and long, or address_string.": (
        "Osoitteita ei tunnisteta täällä tunnuksella: anna lat ja long tai address_string.",
        "Adresser identifieras inte med id här: ange lat och long eller address_string."),
    "Give a valid email address.": ("Anna kelvollinen sähköpostiosoite.", "Ange en giltig e-postadress."),
    "Give an http or https address.": ("Anna http- tai https-osoite.", "Ange en http- eller https-adress."),
    "Give fault, idea, question or praise.": (
        "Anna fault, idea, question tai praise.", "Ange fault, idea, question eller praise."),
    "Give service_object_type with service_object_id.": (
        "Anna service_object_id-arvon kanssa myös service_object_type.",
        "Ange service_object_type tillsammans med service_object_id."),
    "At most %(max)d files.": ("Enintään %(max)d tiedostoa.", "Högst %(max)d filer."),
    "An api_key is required to send requests.": (
        "Palautteen lähettäminen vaatii api_key-avaimen.", "Det krävs en api_key för att skicka responser."),
    "Invalid api_key: no client has this key.": (
        "Virheellinen api_key: millään sovelluksella ei ole tätä avainta.",
        "Ogiltig api_key: ingen klient har den här nyckeln."),
    "This api_key has been disabled.": ("Tämä api_key on poistettu käytöstä.", "Den här api_key har inaktiverats."),
    "No place by this name was found; give lat and long instead.": (
        "Tämännimistä paikkaa ei löytynyt; anna sen sijaan lat ja long.",
        "Ingen plats med det namnet hittades; ange lat och long i stället."),
    "Too many requests from this api_key: try again in %(seconds)d seconds.": (
        "Liian monta palautetta tällä api_key-avaimella: yritä uudelleen %(seconds)d sekunnin kuluttua.",
        "För många responser med denna api_key: försök igen om %(seconds)d sekunder."),
    "No id, code or token contains a NUL character.": (
        "Mikään tunnus, koodi tai tunniste ei sisällä NUL-merkkiä.",
        "Inget id, ingen kod och ingen token innehåller ett NUL-tecken."),
    "The value contains a NUL character; remove it.": (
        "Arvossa on NUL-merkki; poista se.", "Värdet innehåller ett NUL-tecken; ta bort det."),
}
