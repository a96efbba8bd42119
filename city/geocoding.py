"""Place search behind one small interface, so that a network geocoder can replace ours.

``geocoder()`` returns the one named by the ``GEOCODER`` setting: ``"offline"`` searches our own
tables (imported places, residential areas, postal codes) and needs no network; ``"digitransit"``
asks Digitransit's geocoding API (Pelias: every address and place in Finland, in Finnish and
Swedish) and falls back to the offline search when it does not answer. Another geocoder is one
more class with the same ``search`` and one more entry in ``GEOCODERS``; callers never change.
"""

from __future__ import annotations

import json
import logging
import re
import unicodedata
from dataclasses import asdict, dataclass
from typing import Protocol
from urllib.parse import urlencode
from urllib.request import Request, urlopen

from django.conf import settings
from django.contrib.gis.db.models.functions import PointOnSurface, Transform
from django.db.models import Case, IntegerField, Q, Value, When
from django.utils.translation import gettext_lazy as _

from city.models import Area, AreaKind, Place

MAX_RESULTS = 20
MIN_QUERY_LENGTH = 2
MAX_QUERY_LENGTH = 100

# What a result is, in words a resident reads beside it.
KIND_LABELS = {
    "postal_locality": _("Postal code"),
    "address": _("Address"),
    "street": _("Street"),
    "venue": _("Place"),
    "stop": _("Stop"),
    "rail_station": _("Railway station"),
    "rail_stopping_point": _("Railway station"),
    "area": _("Residential area"),
}


@dataclass(frozen=True)
class PlaceResult:
    """One search hit: what to show and where to put the pin (WGS84)."""

    label: str
    kind: str
    lon: float
    lat: float

    @property
    def kind_label(self) -> str:
        return str(KIND_LABELS.get(self.kind, self.kind))

    def as_dict(self) -> dict:
        return {**asdict(self), "kind_label": self.kind_label}


class Geocoder(Protocol):
    """Anything that turns a resident's words into places."""

    def search(self, text: str, limit: int = 10, *, language: str = "fi") -> list[PlaceResult]: ...


def normalise_query(text: str) -> str:
    """Collapse whitespace and cut to a length no real place name needs."""
    return re.sub(r"\s+", " ", text or "").strip()[:MAX_QUERY_LENGTH]


class OfflineGeocoder:
    """Searches the Place table, residential area names and postal codes in our database."""

    def search(self, text: str, limit: int = 10, *, language: str = "fi") -> list[PlaceResult]:
        text = normalise_query(text)
        limit = max(1, min(limit, MAX_RESULTS))
        if len(text) < MIN_QUERY_LENGTH:
            return []
        results = self._areas(text, limit, language) + self._places(text, limit)
        # The label starting with the words first, then a whole word, then a word's start, then the rest.
        results.sort(key=lambda result: _rank(result.label, text))
        seen, unique = set(), []
        for result in results:
            key = (result.label, round(result.lon, 4), round(result.lat, 4))
            if key not in seen:
                seen.add(key)
                unique.append(result)
        return unique[:limit]

    # Names match whatever their case and whether or not ä, ö and å are typed (PostgreSQL's unaccent):
    # "ammalantie" finds Ämmäläntie, "KAUPPATORI" finds Kauppatori.
    def _places(self, text: str, limit: int) -> list[PlaceResult]:
        match = (Q(name__unaccent__icontains=text) | Q(street_address__unaccent__icontains=text)
                 | Q(postcode__startswith=text))
        rows = (
            Place.objects.filter(match)
            .annotate(
                wgs84=Transform("location", settings.API_SRID),
                rank=Case(
                    When(Q(name__unaccent__istartswith=text) | Q(street_address__unaccent__istartswith=text)
                         | Q(postcode__startswith=text), then=Value(0)),
                    default=Value(1), output_field=IntegerField(),
                ),
            )
            .order_by("rank", "postcode", "name", "street_address")[:limit]
        )
        return [PlaceResult(label=_place_label(place), kind=place.kind, lon=round(place.wgs84.x, 6),
                            lat=round(place.wgs84.y, 6)) for place in rows]

    def _areas(self, text: str, limit: int, language: str) -> list[PlaceResult]:
        match = (Q(name_fi__unaccent__icontains=text) | Q(name_sv__unaccent__icontains=text)
                 | Q(name_en__unaccent__icontains=text))
        if text.isdigit():
            match |= Q(code__startswith=text, kind=AreaKind.POSTAL_AREA)
        rows = (
            Area.objects.exclude(kind__in=[AreaKind.CITY, AreaKind.BUDGET_AREA])
            .filter(match)
            .defer("boundary")
            # A point on the surface, unlike a centroid, lies inside a crescent-shaped area too.
            .annotate(inside=Transform(PointOnSurface("boundary"), settings.API_SRID))
            .order_by("name_fi", "code")[:limit]
        )
        return [
            PlaceResult(
                label=f"{area.name(language)} ({area.code})" if area.kind == AreaKind.POSTAL_AREA
                else area.name(language),
                kind="area", lon=round(area.inside.x, 6), lat=round(area.inside.y, 6),
            )
            for area in rows
        ]


def _folded(text: str) -> str:
    """``text`` without case or the accents unaccent removes (ä → a), for ranking as the search matched."""
    return "".join(c for c in unicodedata.normalize("NFKD", text.casefold()) if not unicodedata.combining(c))


def _rank(label: str, text: str) -> int:
    label, text = _folded(label), _folded(text)
    words = re.findall(r"\w+", label)
    if label.startswith(text):
        return 0
    if text in words:
        return 1
    if any(word.startswith(text) for word in words):
        return 2
    return 3


def _place_label(place: Place) -> str:
    if place.kind == "postal_locality":
        return f"{place.postcode} {place.name}".strip()
    if place.street_address:
        where = place.name or place.postcode
        return f"{place.street_address}, {where}" if where else place.street_address
    return place.name


logger = logging.getLogger(__name__)

# Digitransit's layers as our kinds of result (a district or municipality reads as an area).
_DIGITRANSIT_KINDS = {"address": "address", "street": "street", "venue": "venue", "stop": "stop",
                      "station": "stop", "neighbourhood": "area", "localadmin": "area", "locality": "area"}
DIGITRANSIT_TIMEOUT_SECONDS = 3


class DigitransitGeocoder:
    """Digitransit's geocoding API (``/geocoding/v1/search``), limited to ``DIGITRANSIT_BOUNDARY``.

    The subscription key travels in a header from the server; residents' browsers never see it.
    When the API fails or is slow (``DIGITRANSIT_TIMEOUT_SECONDS``), the offline search answers
    instead, so a resident can always find the city's own places, areas and postal codes.
    """

    def search(self, text: str, limit: int = 10, *, language: str = "fi") -> list[PlaceResult]:
        text = normalise_query(text)
        limit = max(1, min(limit, MAX_RESULTS))
        if len(text) < MIN_QUERY_LENGTH:
            return []
        west, south, east, north = settings.DIGITRANSIT_BOUNDARY
        query = urlencode({
            "text": text, "size": limit, "lang": language if language in ("fi", "sv", "en") else "fi",
            "boundary.rect.min_lon": west, "boundary.rect.min_lat": south,
            "boundary.rect.max_lon": east, "boundary.rect.max_lat": north,
        })
        request = Request(f"{settings.DIGITRANSIT_GEOCODING_URL}?{query}", headers={
            "digitransit-subscription-key": settings.DIGITRANSIT_API_KEY, "Accept": "application/json"})
        try:
            with urlopen(request, timeout=DIGITRANSIT_TIMEOUT_SECONDS) as answer:  # noqa: S310 (a set https URL)
                features = json.load(answer).get("features", [])
            return [result for feature in features if (result := _digitransit_result(feature))][:limit]
        except (OSError, ValueError, AttributeError) as error:  # network, HTTP status, JSON or shape
            logger.warning("Digitransit geocoding failed (%s: %s); answering from the offline search",
                           error.__class__.__name__, error)
            return OfflineGeocoder().search(text, limit, language=language)


def _digitransit_result(feature: dict) -> PlaceResult | None:
    """One Pelias feature as a result, or None when it lacks a label or a point."""
    properties = feature.get("properties") or {}
    coordinates = (feature.get("geometry") or {}).get("coordinates") or []
    label = str(properties.get("label") or properties.get("name") or "").strip()
    if not label or len(coordinates) < 2:
        return None
    lon, lat = float(coordinates[0]), float(coordinates[1])
    return PlaceResult(label=label, kind=_DIGITRANSIT_KINDS.get(properties.get("layer"), "venue"),
                       lon=round(lon, 6), lat=round(lat, 6))


GEOCODERS: dict[str, type] = {"offline": OfflineGeocoder, "digitransit": DigitransitGeocoder}


def geocoder() -> Geocoder:
    """The geocoder named by ``settings.GEOCODER`` (default ``"offline"``)."""
    name = getattr(settings, "GEOCODER", "offline")
    try:
        return GEOCODERS[name]()
    except KeyError:
        raise LookupError(f"GEOCODER={name!r} is not one of: {', '.join(GEOCODERS)}") from None
