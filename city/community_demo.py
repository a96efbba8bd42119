"""The demo city's area channels and meeting places (issue #15): a DEMO directory, invented.

Every channel's and booking page's address is under https://example.org/, so that no resident of the
demo is sent to a real group that may not exist; every name ends in "(esimerkki)" and every street is
"Esimerkkitie": the shared data holds no addresses of public buildings, and a real house number would
send people to someone's home. A place stands at its postal locality's GeoNames centroid
(fixtures/seinajoki_places_wgs84.csv, about 1 km accurate) when that lies inside its area, else at a
point PostGIS finds inside the area. Idempotent: only what is missing is made (by area and name).
"""

from __future__ import annotations

import csv
from datetime import timedelta
from pathlib import Path

from django.conf import settings
from django.contrib.gis.geos import GEOSGeometry
from django.db import connection, transaction
from django.utils import timezone

from city.models import Area, AreaChannel, ChannelKind, MeetingPlace

PLACES = Path(settings.BASE_DIR) / "fixtures" / "seinajoki_places_wgs84.csv"
DEMO = "https://example.org/seinajoki-demo/"

# postal code -> (channels: kind, name, path under DEMO or None, how to join, kept by; meeting places:
# name, street, capacity, step-free, how to book, booking path or None, how the door opens)
DIRECTORY = {
    "60100": (
        [(ChannelKind.WEBSITE, "Keskustan asukasyhdistys (esimerkki)", "keskusta/", "",
          "Keskustan asukasyhdistys (esimerkki)")],
        [("Keskustan asukastila (esimerkki)", "Esimerkkitie 1, 60100 Seinäjoki", 40, True,
          "Varaa tila varauskalenterista. Maksuton asukasryhmille ja yhdistyksille; yksityistilaisuudet 20 € "
          "illalta.", "keskusta/varaa/",
          "Ovikoodi tulee varausvahvistuksen mukana. Ovi on katutasossa, ja esteetön wc on aulan vieressä.")],
    ),
    "61400": (
        [(ChannelKind.FACEBOOK, "Ylistaron kylät (esimerkki)", "ylistaro/facebook/", "",
          "Ylistaron kyläyhdistys (esimerkki)"),
         (ChannelKind.WHATSAPP, "Ylistaron kyläavun WhatsApp-ryhmä (esimerkki)", None,
          "Pyydä kutsu kyläyhdistykseltä kylätalon kahvilassa tiistaisin.", "Ylistaron kyläyhdistys (esimerkki)")],
        [("Ylistaron kylätalo (esimerkki)", "Esimerkkitie 2, 61400 Ylistaro", 80, True,
          "Varaukset kyläyhdistyksen varauskalenterista. Kyläläisten kokoukset maksutta, juhlat 60 € päivältä.",
          "ylistaro/varaa/",
          "Avain noudetaan Ylistaron kirjastosta sen aukioloaikana ja palautetaan kirjaston palautusluukkuun.")],
    ),
    "60550": (
        [(ChannelKind.FACEBOOK, "Nurmon asukkaat (esimerkki)", "nurmo/facebook/", "", ""),
         (ChannelKind.NOTICE_BOARD, "Nurmon kaupan ilmoitustaulu (esimerkki)", None,
          "Ilmoitustaulu on kaupan aulassa; ilmoituksen saa kiinnittää itse.", "")],
        [("Nurmon asukastupa (esimerkki)", "Esimerkkitie 3, 60550 Nurmo", 25, False,
          "Kysy vapaita aikoja tuvan vapaaehtoisilta tai varaa verkossa. Maksuton.", "nurmo/varaa/",
          "Tupa on auki arkisin klo 9–15. Muina aikoina avain annetaan varauksen yhteydessä. "
          "Sisäänkäynnillä on kaksi porrasta.")],
    ),
    "61100": (
        [(ChannelKind.WEBSITE, "Peräseinäjoen kyläyhdistys (esimerkki)", "peraseinajoki/", "",
          "Peräseinäjoen kyläyhdistys (esimerkki)"),
         (ChannelKind.EMAIL_LIST, "Peräseinäjoen tapahtumat -sähköpostilista (esimerkki)", "peraseinajoki/lista/",
          "", "Peräseinäjoen kyläyhdistys (esimerkki)")],
        [("Peräseinäjoen nuorisotila (esimerkki)", "Esimerkkitie 4, 61100 Peräseinäjoki", 30, True,
          "Varaa nuorisotoimen varauskalenterista. Iltaisin tila on nuorten käytössä klo 18 asti.",
          "peraseinajoki/varaa/", "Ovi on auki, kun nuorisotila on auki; muina aikoina ovikoodi tulee varauksen mukana.")],
    ),
    "61470": (
        [(ChannelKind.FACEBOOK, "Kitinojan kyläläiset (esimerkki)", "kitinoja/facebook/", "",
          "Kitinojan kyläseura (esimerkki)")],
        [("Kitinojan kylätalo (esimerkki)", "Esimerkkitie 5, 61470 Kitinoja", 60, False,
          "Soita tai kirjoita kyläseuralle; yhteystiedot ovat kyläseuran sivuilla. Kyläläisille maksuton.",
          None, "Avain on kyläseuran puheenjohtajalla; sovi noudosta varatessasi.")],
    ),
    "61650": (
        [(ChannelKind.WHATSAPP, "Kalakosken kyläryhmä (esimerkki)", None,
          "Kysy kutsua kylän kesätapahtumassa tai kyläyhdistykseltä.", "Kalakosken kyläyhdistys (esimerkki)")],
        [],
    ),
}

_LOCATION_SQL = """
SELECT ST_AsEWKB(CASE WHEN ST_Covers(a.boundary, p.point) THEN p.point ELSE ST_PointOnSurface(a.boundary) END)
FROM city_area a, (SELECT ST_Transform(ST_SetSRID(ST_MakePoint(%(lon)s, %(lat)s), 4326), %(srid)s) AS point) p
WHERE a.id = %(area)s
"""


def _centroids() -> dict[str, tuple[float, float]]:
    """The postal localities' GeoNames centroids by postal code (the first one of a code)."""
    with PLACES.open(encoding="utf-8") as handle:
        rows = [row for row in csv.DictReader(handle) if row["kind"] == "postal_locality"]
    found: dict[str, tuple[float, float]] = {}
    for row in rows:
        found.setdefault(row["postcode"], (float(row["lon"]), float(row["lat"])))
    return found


def _location(area: Area, lon_lat: tuple[float, float] | None) -> GEOSGeometry:
    lon, lat = lon_lat or (0.0, 0.0)  # no centroid: a point far outside, so PostGIS picks one inside
    with connection.cursor() as cursor:
        cursor.execute(_LOCATION_SQL, {"lon": lon, "lat": lat, "srid": settings.STORAGE_SRID, "area": area.pk})
        return GEOSGeometry(memoryview(bytes(cursor.fetchone()[0])))


@transaction.atomic
def demo_community_load(*, actor=None) -> list[str]:
    """Make the demo's part (only when it is not there yet); the lines to print, one per thing made.

    Needs no user (``actor`` is not used): the directory is kept in the admin, which records nothing more.
    """
    areas = {area.code: area for area in Area.objects.defer("boundary").filter(code__in=DIRECTORY)}
    centroids = _centroids()
    checked = timezone.localdate() - timedelta(days=21)
    lines = []
    for code, (channels, places) in DIRECTORY.items():
        area = areas.get(code)
        if area is None:  # a city without the demo's postal areas: nothing to hang them on
            continue
        have_channels = set(AreaChannel.objects.filter(area=area).values_list("name", flat=True))
        for kind, name, path, how_to_join, kept_by in channels:
            if name in have_channels:
                continue
            AreaChannel.objects.create(area=area, kind=kind, name=name, url=DEMO + path if path else "",
                                       how_to_join=how_to_join, kept_by=kept_by, checked_on=checked)
            lines.append(f"Area channel (demo): {name} in {area.name_fi}")
        have_places = set(MeetingPlace.objects.filter(area=area).values_list("name", flat=True))
        for name, street, capacity, accessible, how_to_book, booking, door in places:
            if name in have_places:
                continue
            MeetingPlace.objects.create(
                area=area, name=name, street_address=street, location=_location(area, centroids.get(code)),
                capacity=capacity, accessible=accessible, how_to_book=how_to_book,
                booking_url=DEMO + booking if booking else "", door=door)
            lines.append(f"Meeting place (demo): {name} in {area.name_fi}")
    if not lines:
        lines.append("Area channels and meeting places: the demo directory is there already (or the demo areas "
                     "are missing); none added")
    return lines
