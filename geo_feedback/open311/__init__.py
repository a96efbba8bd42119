"""Open311 GeoReport v2 with the CitySDK/6Aika extensions, under /open311/v2/ (see README)."""
