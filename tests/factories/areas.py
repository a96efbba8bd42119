"""Areas with hand-placed square boundaries in EPSG:3067 (metres), near Seinäjoki's centre."""

import factory
from django.contrib.gis.geos import MultiPolygon, Polygon

from city.models import Area, AreaKind, PopulationSource

# Seinäjoki's railway station is at about E 288 600, N 6 968 700 in ETRS-TM35FIN.
CENTRE_X, CENTRE_Y = 288_000, 6_968_000


def square(x: float, y: float, size: float) -> MultiPolygon:
    """A ``size`` × ``size`` metre square with its south-west corner at (x, y), SRID 3067."""
    ring = ((x, y), (x + size, y), (x + size, y + size), (x, y + size), (x, y))
    return MultiPolygon(Polygon(ring), srid=3067)


class AreaFactory(factory.django.DjangoModelFactory):
    """A district; each one sits one kilometre east of the previous one."""

    class Meta:
        model = Area
        django_get_or_create = ("code",)

    code = factory.Sequence(lambda n: f"T{n:03d}")
    name_fi = factory.Sequence(lambda n: f"Testikaupunginosa {n}")
    name_sv = factory.Sequence(lambda n: f"Teststadsdel {n}")
    kind = AreaKind.DISTRICT
    boundary = factory.Sequence(lambda n: square(CENTRE_X + 1000 * n, CENTRE_Y, 1000))
    population = 1000
    population_year = 2024
    population_source = PopulationSource.OFFICIAL
