"""Places of the feedback channel's tests (the ``city`` fixture is in tests/conftest.py)."""

# Points inside known demo areas (WGS84 lon, lat).
RAILWAY_STATION = (22.8565, 62.7823)  # 60100 Seinäjoki Keskus
NURMO = (22.9123, 62.8267)  # 60550 Nurmo
OUTSIDE_CITY = (24.9384, 60.1699)  # Helsinki
