"""Fill locale/{fi,sv}/LC_MESSAGES/django.po from the tables below (run after makemessages).

Kept beside the catalogues so a translator can see every string and its translations in one place;
the .po files stay the source the build compiles.
"""

import re
import sys
from pathlib import Path

T = {
    "Finnish": ("suomi", "finska"),
    "Swedish": ("ruotsi", "svenska"),
    "English": ("englanti", "engelska"),
    "Participation in Seinäjoki": ("Osallistu Seinäjoella", "Delta i Seinäjoki"),
    "Skip to content": ("Siirry sisältöön", "Hoppa till innehållet"),
    "Language": ("Kieli", "Språk"),
    "Map data": ("Karttatiedot", "Kartdata"),
    "Areas": ("Alueet", "Områden"),
    "Statistics Finland, postal code areas (Paavo) 2019, CC BY 4.0.": (
        "Tilastokeskus, postinumeroalueet (Paavo) 2019, CC BY 4.0.",
        "Statistikcentralen, postnummerområden (Paavo) 2019, CC BY 4.0.",
    ),
    "Map feedback": ("Karttapalaute", "Kartrespons"),
    "Give the point as LON,LAT in decimal degrees, e.g. 22.84,62.79.": (
        "Anna piste muodossa LON,LAT desimaaliasteina, esim. 22.84,62.79.",
        "Ange punkten som LON,LAT i decimalgrader, t.ex. 22.84,62.79.",
    ),
    "Longitude must be between -180 and 180 and latitude between -90 and 90.": (
        "Pituusasteen on oltava välillä -180…180 ja leveysasteen välillä -90…90.",
        "Longituden måste vara mellan -180 och 180 och latituden mellan -90 och 90.",
    ),
    "Planning and areas": ("Suunnittelu ja alueet", "Planering och områden"),
    "Whole city": ("Koko kaupunki", "Hela staden"),
    "Resident budget area": ("Asukasbudjettialue", "Invånarbudgetområde"),
    "Former municipality": ("Entinen kunta", "Tidigare kommun"),
    "District": ("Kaupunginosa", "Stadsdel"),
    "Village": ("Kylä", "By"),
    "Postal code area": ("Postinumeroalue", "Postnummerområde"),
    "Official statistics": ("Virallinen tilasto", "Officiell statistik"),
    "Estimate": ("Arvio", "Uppskattning"),
    "estimate": ("arvio", "uppskattning"),
    "Stable identifier used in URLs and imports, e.g. a postal code or district number.": (
        "Pysyvä tunnus, jota käytetään osoitteissa ja tuonneissa, esim. postinumero tai kaupunginosan numero.",
        "Stabil kod som används i adresser och importer, t.ex. ett postnummer eller stadsdelsnummer."),
    "Name in Finnish.": ("Nimi suomeksi.", "Namn på finska."),
    "Name in Swedish, if any.": ("Nimi ruotsiksi, jos on.", "Namn på svenska, om det finns."),
    "Kind of area.": ("Alueen tyyppi.", "Typ av område."),
    "The larger area this one lies in, if any.": (
        "Suurempi alue, johon tämä kuuluu, jos on.", "Det större område som detta ligger i, om något."),
    "Boundary in ETRS-TM35FIN (EPSG:3067).": ("Rajaus ETRS-TM35FIN-koordinaatistossa (EPSG:3067).",
                                              "Gräns i ETRS-TM35FIN (EPSG:3067)."),
    "Number of inhabitants, if known.": ("Asukasluku, jos tiedossa.", "Antal invånare, om känt."),
    "Year the population figure describes.": ("Vuosi, jota asukasluku kuvaa.", "Året som invånarantalet avser."),
    "Whether the population is an official figure or an estimate.": (
        "Onko asukasluku virallinen luku vai arvio.", "Om invånarantalet är officiellt eller en uppskattning."),
    "When the area was first stored.": ("Milloin alue tallennettiin.", "När området sparades."),
    "When the area was last changed.": ("Milloin aluetta viimeksi muutettiin.", "När området senast ändrades."),
    "area": ("alue", "område"),
    "areas": ("alueet", "områden"),
    "File name and layer that were imported.": ("Tuotu tiedosto ja taso.", "Importerad fil och lager."),
    "Kind given to the areas.": ("Alueille annettu tyyppi.", "Typ som områdena fick."),
    "Coordinate system the file was read in.": ("Koordinaatisto, jossa tiedosto luettiin.",
                                                "Koordinatsystem som filen lästes i."),
    "Areas created.": ("Luodut alueet.", "Skapade områden."),
    "Areas updated.": ("Päivitetyt alueet.", "Uppdaterade områden."),
    "Rows whose invalid geometry was repaired.": ("Rivit, joiden virheellinen geometria korjattiin.",
                                                  "Rader vars ogiltiga geometri reparerades."),
    "Rejected rows: a list of {row, code, reason}.": ("Hylätyt rivit: luettelo {row, code, reason}.",
                                                      "Avvisade rader: en lista med {row, code, reason}."),
    "Who ran the import (user name or system account).": ("Kuka tuonnin teki (käyttäjä tai järjestelmätili).",
                                                           "Vem som körde importen (användare eller systemkonto)."),
    "When the import ran.": ("Milloin tuonti tehtiin.", "När importen kördes."),
    "area import": ("aluetuonti", "områdesimport"),
    "area imports": ("aluetuonnit", "områdesimporter"),
    "Residential areas": ("Asuinalueet", "Bostadsområden"),
    "Every area of the city on the map and in the list beside it. Choose an area on the map or press "
    "“Show on map” in the list to see its population and resident budget area.": (
        "Kaupungin kaikki alueet kartalla ja sen vieressä listana. Valitse alue kartalta tai paina listan "
        "”Näytä kartalla” -painiketta, niin näet alueen asukasluvun ja asukasbudjettialueen.",
        "Stadens alla områden på kartan och i listan bredvid. Välj ett område på kartan eller tryck på "
        "”Visa på kartan” i listan för att se områdets invånarantal och invånarbudgetområde.",
    ),
    "Map": ("Kartta", "Karta"),
    "Map of residential areas": ("Asuinalueiden kartta", "Karta över bostadsområden"),
    "Areas as a list": ("Alueet listana", "Områdena som lista"),
    "Area": ("Alue", "Område"),
    "Population": ("Asukasluku", "Invånarantal"),
    "Actions": ("Toiminnot", "Åtgärder"),
    "Show on map": ("Näytä kartalla", "Visa på kartan"),
    "No areas have been imported yet.": ("Alueita ei ole vielä tuotu.", "Inga områden har importerats ännu."),
    "Estimated population, not an official figure.": ("Arvioitu asukasluku, ei virallinen luku.",
                                                      "Uppskattat invånarantal, inte en officiell siffra."),
    "Code": ("Tunnus", "Kod"),
    "Zoom in": ("Lähennä", "Zooma in"),
    "Zoom out": ("Loitonna", "Zooma ut"),
    "Main": ("Päävalikko", "Huvudmeny"),
    "Feedback on the map": ("Palautteet kartalla", "Respons på kartan"),
    "Not in any resident budget area": ("Ei kuulu asukasbudjettialueeseen", "Hör inte till något invånarbudgetområde"),
    "The map could not load the areas. The list beside the map works without it.": (
        "Kartta ei saanut alueita ladattua. Kartan vieressä oleva lista toimii ilman karttaa.",
        "Kartan kunde inte läsa in områdena. Listan bredvid kartan fungerar utan den."),
}
PLURALS = {
    "%(counter)s residential area": (
        ("%(counter)s asuinalue", "%(counter)s asuinaluetta"),
        ("%(counter)s bostadsområde", "%(counter)s bostadsområden"),
    ),
}

# Each part of the platform keeps its strings in a catalogue_*.py module beside this file.
sys.path.insert(0, str(Path(__file__).resolve().parent))
for _path in sorted(Path(__file__).resolve().parent.glob("catalogue_*.py")):
    _catalogue = __import__(_path.stem)
    T.update(_catalogue.T)
    PLURALS.update(getattr(_catalogue, "PLURALS", {}))

ENTRY = re.compile(r'((?:#[^\n]*\n)*)msgid ((?:"[^\n]*"\n)+)(msgid_plural ((?:"[^\n]*"\n)+))?((?:msgstr[^\n]*\n(?:"[^\n]*"\n)*)+)')


def unquote(block: str) -> str:
    return "".join(line[1:-1] for line in block.strip().split("\n")).replace('\\"', '"')


def quote(text: str) -> str:
    return '"' + text.replace('"', '\\"') + '"'


def fill(path: Path, column: int) -> list[str]:
    missing = []

    def replace(match: re.Match) -> str:
        comments, msgid_block, plural_part, _plural_block, _msgstr = match.groups()
        msgid = unquote(msgid_block)
        # A filled entry is no guess: drop msgmerge's fuzzy flag and its "previous msgid" lines.
        comments = comments.replace("#, fuzzy\n", "").replace("#, fuzzy, ", "#, ")
        comments = "".join(line + "\n" for line in comments.splitlines() if not line.startswith("#|"))
        if not msgid:
            return match.group(0)
        if plural_part:
            forms = PLURALS.get(msgid)
            if forms is None:
                missing.append(msgid)
                return match.group(0)
            one, many = forms[column]
            return (f"{comments}msgid {msgid_block.strip()}\n{plural_part}"
                    f"msgstr[0] {quote(one)}\nmsgstr[1] {quote(many)}\n")
        if msgid not in T:
            missing.append(msgid)
            return match.group(0)
        return f"{comments}msgid {msgid_block.strip()}\nmsgstr {quote(T[msgid][column])}\n"

    text = path.read_text(encoding="utf-8")
    text = ENTRY.sub(replace, text)
    text = text.replace('"Plural-Forms: nplurals=INTEGER; plural=EXPRESSION;\\n"', '"Plural-Forms: nplurals=2; plural=(n != 1);\\n"')
    text = text.replace("#, fuzzy\nmsgid \"\"", "msgid \"\"", 1)
    language = path.parent.parent.name
    for field, value in [("Project-Id-Version", "seinajoki-participation"), ("Language", language),
                         ("Last-Translator", "Platform team"), ("Language-Team", language),
                         ("PO-Revision-Date", "2026-11-28 12:00+0200")]:
        text = re.sub(rf'"{field}: [^"]*\\n"', lambda _m, f=field, v=value: f'"{f}: {v}\\n"', text, count=1)
    path.write_text(text, encoding="utf-8")
    return missing


if __name__ == "__main__":
    root = Path(__file__).resolve().parent
    problems = []
    for column, language in enumerate(["fi", "sv"]):
        problems += [f"{language}: {m}" for m in fill(root / language / "LC_MESSAGES" / "django.po", column)]
    if problems:
        sys.exit("untranslated:\n" + "\n".join(problems))
