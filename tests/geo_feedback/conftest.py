"""Fixtures for the feedback channel: the demo city's areas and the seeded categories."""

import pytest

from city.demo import demo_city_load
from geo_feedback.seed import categories_seed


@pytest.fixture
def city(db):
    """Seinäjoki's demo areas, and the categories (a flushing test may have emptied them)."""
    demo_city_load()
    categories_seed()


# Points inside known demo areas (WGS84 lon, lat).
RAILWAY_STATION = (22.8565, 62.7823)  # 60100 Seinäjoki Keskus
NURMO = (22.9123, 62.8267)  # 60550 Nurmo
OUTSIDE_CITY = (24.9384, 60.1699)  # Helsinki
