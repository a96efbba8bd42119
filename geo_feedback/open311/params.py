"""Reading Open311 parameters: every bad value becomes a 400 that names the parameter.

"Optional" in GeoReport v2 means an empty parameter is the same as a missing one, so blank values
are ignored throughout.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, field
from datetime import datetime, time, timedelta

from django.conf import settings
from django.contrib.gis.geos import Point
from django.core.exceptions import ValidationError
from django.core.validators import URLValidator, validate_email
from django.utils import timezone, translation
from django.utils.dateparse import parse_date, parse_datetime
from django.utils.translation import gettext as _

from config.bodies import JSONTooDeep, json_loads, unstorable_text_errors
from geo_feedback.models import FeedbackKind
from geo_feedback.open311.errors import FieldErrors, Open311Error
from geo_feedback.open311.mapping import OPEN311_STATUSES
from geo_feedback.services.feedback import description_errors
from geo_feedback.services.photos import MAX_PHOTOS

MAX_REQUESTS = 1000  # GeoReport v2: "first 1000 requests returned"
MAX_WINDOW = timedelta(days=90)  # GeoReport v2: a date range "may not span more than 90 days"
MAX_RADIUS_M = 100_000
LANGUAGES = ("fi", "sv", "en")
_LOCALE = re.compile(r"^[A-Za-z]{2,3}(?:[_-][A-Za-z0-9]{1,8})*$")
_PHONE = re.compile(r"^[0-9+()\- ]{5,40}$")
# "+02:00" in an unencoded query string arrives as " 02:00".
_LOST_PLUS = re.compile(r" (\d{2}(?::?\d{2})?)$")
_ATTRIBUTE = re.compile(r"^attribute\[([^\]]*)\](?:\[\])?$")


def clean(value) -> str:
    return str(value).strip() if value is not None else ""


# --- what every method shares: the format, the language and the jurisdiction ----------------------


def language_choose(request, locale: str) -> str:
    """fi, sv or en: the CitySDK ``locale`` (fi, fi_FI, en-GB, …) first, then Accept-Language, then Finnish.

    A well-formed locale of a language we do not have falls back (CitySDK: setting a locale is
    "not guaranteed to translate anything"); a malformed one is an error.
    """
    locale = clean(locale)
    if locale:
        if not _LOCALE.match(locale):
            raise Open311Error(400, [(400, "locale: " + _("Give a language code such as fi, sv or en."))])
        language = locale[:2].lower()
        return language if language in LANGUAGES else settings.LANGUAGE_CODE
    language = translation.get_language_from_request(request, check_path=False)[:2]
    return language if language in LANGUAGES else settings.LANGUAGE_CODE


def jurisdiction_check(value) -> None:
    """We serve one jurisdiction, so jurisdiction_id is optional; another one is not found (404)."""
    value = clean(value)
    if value and value.lower() != settings.OPEN311_JURISDICTION.lower():
        raise Open311Error(404, [(404, "jurisdiction_id: " + _(
            "This endpoint serves only the jurisdiction “%(ours)s”, not “%(given)s”."
        ) % {"ours": settings.OPEN311_JURISDICTION, "given": value[:100]})])


def unstorable_text_refuse(data, path_values: dict[str, str]) -> None:
    """PostgreSQL text cannot hold a NUL character or a lone surrogate: refuse one anywhere before it
    reaches a query.

    In the address, no id, code or token can contain one (404); in a parameter it is a 400 naming it.
    """
    for name, value in path_values.items():
        if "\x00" in value:  # a path is decoded with replacement characters: it holds no surrogate
            raise Open311Error(404, [(404, f"{name}: " + _("No id, code or token contains a NUL character."))])
    errors = FieldErrors()
    for key in data.keys():
        values = [value for value in data.getlist(key) if isinstance(value, str)]
        for problem in dict.fromkeys(unstorable_text_errors(key) + sum(map(unstorable_text_errors, values), [])):
            errors.add(_printable(key), problem)
    errors.raise_if_any()


def _printable(key: str) -> str:
    """A parameter's name as an error can quote it: no NUL, no lone surrogate, at most 50 characters."""
    return key.replace("\x00", "\\0").encode("utf-8", "backslashreplace").decode()[:50]


# --- values -----------------------------------------------------------------------------------------


def _moment(value: str, *, end_of_day: bool = False) -> datetime | None:
    """A W3C date-time (with Z or an offset) or a date; a time without a zone is Finnish time."""
    value = _LOST_PLUS.sub(r"+\1", value)
    try:
        moment = parse_datetime(value)
        if moment is None:
            day = parse_date(value)
            if day is None:
                return None
            moment = datetime.combine(day, time.max if end_of_day else time.min)
    except ValueError:  # well-formed but impossible, e.g. month 13
        return None
    if timezone.is_naive(moment):
        moment = timezone.make_aware(moment, timezone.get_current_timezone())
    return moment


def _shifted(moment: datetime, delta: timedelta) -> datetime | None:
    """``moment + delta``, or None (no bound) where that falls off Python's calendar (years 1…9999)."""
    try:
        return moment + delta
    except OverflowError:
        return None


def _datetime_param(params, name: str, errors: FieldErrors, *, end_of_day: bool = False) -> datetime | None:
    value = clean(params.get(name))
    if not value:
        return None
    moment = _moment(value, end_of_day=end_of_day)
    if moment is None:
        errors.add(name, _("Give a date and time in the W3C format, e.g. 2026-01-31T12:00:00+02:00 or "
                           "2026-01-31T10:00:00Z, or a date such as 2026-01-31."))
    return moment


def _float_param(params, name: str, errors: FieldErrors, *, low: float, high: float) -> float | None:
    value = clean(params.get(name))
    if not value:
        return None
    try:
        number = float(value)
    except ValueError:
        number = math.nan
    if not math.isfinite(number) or not low <= number <= high:
        errors.add(name, _("Give a number from %(low)s to %(high)s.") % {"low": low, "high": high})
        return None
    return number


def _comma_list(value) -> tuple[str, ...]:
    return tuple(dict.fromkeys(part.strip() for part in clean(value).split(",") if part.strip()))


def _point(params, errors: FieldErrors) -> Point | None:
    """lat and long, both or neither (WGS84)."""
    lat = _float_param(params, "lat", errors, low=-90, high=90)
    lon = _float_param(params, "long", errors, low=-180, high=180)
    has_lat, has_lon = bool(clean(params.get("lat"))), bool(clean(params.get("long")))
    if has_lat != has_lon:
        errors.add("long" if has_lat else "lat", _("Give both lat and long (WGS84 decimal degrees)."))
        return None
    if lat is None or lon is None:
        return None
    return Point(lon, lat, srid=4326)


def _bbox(params, errors: FieldErrors) -> tuple[float, float, float, float] | None:
    """``lon1,lat1,lon2,lat2`` (commas or semicolons, either corner first), as (minlon, minlat, maxlon, maxlat)."""
    value = clean(params.get("bbox"))
    if not value:
        return None
    parts = value.split(";" if ";" in value else ",")
    try:
        lon1, lat1, lon2, lat2 = (float(part) for part in parts)
    except ValueError:
        errors.add("bbox", _("Give the box as lon1,lat1,lon2,lat2 in WGS84 decimal degrees."))
        return None
    box = (min(lon1, lon2), min(lat1, lat2), max(lon1, lon2), max(lat1, lat2))
    if not all(math.isfinite(v) for v in box) or not (-180 <= box[0] < box[2] <= 180 and -90 <= box[1] < box[3] <= 90):
        errors.add("bbox", _("The box's corners must differ and lie within -180…180 (longitude) and -90…90 "
                             "(latitude)."))
        return None
    return box


# --- GET requests -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class RequestsQuery:
    """The filters of GET requests, after the spec's defaults are applied."""

    numbers: tuple[str, ...] = ()  # service_request_id: when given, every other filter is ignored
    service_codes: tuple[str, ...] = ()
    start: datetime | None = None
    end: datetime | None = None
    statuses: frozenset[str] = frozenset()  # our statuses; empty for all public ones
    updated_after: datetime | None = None
    updated_before: datetime | None = None
    near: Point | None = None
    radius_m: float | None = None
    bbox: tuple[float, float, float, float] | None = None
    limit: int = MAX_REQUESTS
    extensions: bool = False


def extensions_param(params) -> bool:
    value = clean(params.get("extensions")).lower()
    if value in ("", "false"):
        return False
    if value == "true":
        return True
    raise Open311Error(400, [(400, "extensions: " + _("Give true or false."))])


def requests_query_parse(params, *, now: datetime | None = None) -> RequestsQuery:
    """Read GET requests' parameters; raise Open311Error (400) naming every bad one."""
    now = now or timezone.now()
    errors = FieldErrors()
    try:
        extensions = extensions_param(params)
    except Open311Error as error:
        errors.errors += error.errors
        extensions = False
    limit = MAX_REQUESTS
    if clean(params.get("limit")):
        try:
            limit = int(clean(params.get("limit")))
        except ValueError:
            limit = 0
        if not 1 <= limit <= MAX_REQUESTS:
            errors.add("limit", _("Give a whole number from 1 to %(max)d.") % {"max": MAX_REQUESTS})

    numbers = _comma_list(params.get("service_request_id"))
    if numbers:  # "This overrides all other arguments."
        if len(numbers) > MAX_REQUESTS:
            errors.add("service_request_id", _("Ask for at most %(max)d requests at a time.") % {"max": MAX_REQUESTS})
        errors.raise_if_any()
        return RequestsQuery(numbers=numbers, limit=limit, extensions=extensions)

    statuses: set[str] = set()
    for value in _comma_list(params.get("status")):
        if value.lower() not in OPEN311_STATUSES:
            errors.add("status", _("“%(value)s” is not a status: give open, closed or both.") % {"value": value[:50]})
        else:
            statuses |= OPEN311_STATUSES[value.lower()]

    start = _datetime_param(params, "start_date", errors)
    end = _datetime_param(params, "end_date", errors, end_of_day=True)
    updated_after = _datetime_param(params, "updated_after", errors)
    updated_before = _datetime_param(params, "updated_before", errors, end_of_day=True)
    if start and end and end < start:
        errors.add("end_date", _("The end must not be before start_date."))
    elif start and end and end - start > MAX_WINDOW:
        errors.add("end_date", _("The range from start_date to end_date may span at most 90 days."))
    if updated_after and updated_before and updated_before < updated_after:
        errors.add("updated_before", _("The end must not be before updated_after."))
    # When not given, the range is the most recent 90 days. A changeset asked for by updated_after
    # or updated_before may include changes to older requests, so it has no default range.
    if start and not end:
        end = _shifted(start, MAX_WINDOW)
    elif end and not start:
        start = _shifted(end, -MAX_WINDOW)
    elif not start and not end and not updated_after and not updated_before:
        start, end = now - MAX_WINDOW, now

    near = _point(params, errors)
    radius = _float_param(params, "radius", errors, low=0, high=MAX_RADIUS_M)
    radius_given = bool(clean(params.get("radius")))
    location_given = bool(clean(params.get("lat")) or clean(params.get("long")))
    if radius is not None and radius <= 0:
        errors.add("radius", _("Give a radius above 0 metres."))
    if location_given and not radius_given:
        errors.add("radius", _("Give radius in metres with lat and long."))
    if radius_given and not location_given:
        errors.add("lat", _("Give lat and long with radius."))
    bbox = _bbox(params, errors)

    errors.raise_if_any()
    return RequestsQuery(
        service_codes=_comma_list(params.get("service_code")), start=start, end=end,
        statuses=frozenset(statuses), updated_after=updated_after, updated_before=updated_before,
        near=near, radius_m=radius, bbox=bbox, limit=limit, extensions=extensions,
    )


# --- POST requests ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class NewRequest:
    """A POST requests, read and checked field by field; the service checks the rest."""

    service_code: str
    description: str
    point: Point | None = None
    address_string: str = ""
    email: str = ""
    first_name: str = ""
    last_name: str = ""
    phone: str = ""
    media_url: str = ""
    title: str = ""
    kind: str = FeedbackKind.FAULT
    service_object_id: str = ""
    service_object_type: str = ""
    attributes: dict[str, list[str]] = field(default_factory=dict)
    media: tuple = ()


def form_data(request):
    """The POST body as a dict-like: a form (urlencoded or multipart), or a JSON object.

    GeoReport v2 posts forms; some CitySDK clients post the same fields as JSON.
    """
    if request.content_type == "application/json":
        try:
            body = json_loads(request.body or b"{}")
        except JSONTooDeep as error:
            raise Open311Error(400, [(400, str(error))]) from None
        except (ValueError, UnicodeDecodeError):
            raise Open311Error(400, [(400, _("The body is not valid JSON."))]) from None
        if not isinstance(body, dict):
            raise Open311Error(400, [(400, _("The body must be a JSON object of the request's fields."))])
        return _JSONForm(body)
    return request.POST


class _JSONForm(dict):
    """A JSON object read like a form: one string per field, attributes flattened to attribute[code]."""

    def __init__(self, body: dict):
        flat = {}
        for key, value in body.items():
            if key == "attribute" and isinstance(value, dict):
                for code, answer in value.items():
                    flat[f"attribute[{code}]"] = answer if isinstance(answer, list) else [answer]
            else:
                flat[key] = value
        super().__init__(flat)

    def get(self, key, default=None):
        value = super().get(key, default)
        return "" if value is None else (value if isinstance(value, list) else str(value))

    def getlist(self, key):
        value = super().get(key)
        if value is None:
            return []
        return [str(item) for item in value] if isinstance(value, list) else [str(value)]


def _text_param(data, name: str, errors: FieldErrors, *, max_length: int) -> str:
    value = clean(data.get(name))
    if len(value) > max_length:
        errors.add(name, _("At most %(max)d characters.") % {"max": max_length})
        return ""
    return value


def new_request_parse(data, files) -> NewRequest:
    """Read POST requests' fields (``files``: the multipart uploads); raise Open311Error naming each bad one."""
    errors = FieldErrors()
    service_code = clean(data.get("service_code"))
    if not service_code:
        errors.add("service_code", _("Give the code of one of the services (GET services)."))
    description = clean(data.get("description"))
    for message in description_errors(description):  # here, so that it is named with the other fields
        errors.add("description", message)
    point = _point(data, errors)
    address_string = _text_param(data, "address_string", errors, max_length=300)
    if point is None and not address_string and clean(data.get("address_id")) and not errors:
        errors.add("address_id", _("Addresses are not identified by id here: give lat and long, or "
                                   "address_string."))
    email = _text_param(data, "email", errors, max_length=254)
    if email:
        try:
            validate_email(email)
        except ValidationError:
            errors.add("email", _("Give a valid email address."))
    phone = _text_param(data, "phone", errors, max_length=40)
    if phone and not _PHONE.match(phone):
        errors.add("phone", _("Give a phone number with digits only."))
    media_url = _text_param(data, "media_url", errors, max_length=500)
    if media_url:
        try:
            URLValidator(schemes=["http", "https"])(media_url)
        except ValidationError:
            errors.add("media_url", _("Give an http or https address."))
    kind = clean(data.get("kind")) or FeedbackKind.FAULT
    if kind not in FeedbackKind.values:
        errors.add("kind", _("Give fault, idea, question or praise."))
    service_object_id = _text_param(data, "service_object_id", errors, max_length=200)
    service_object_type = _text_param(data, "service_object_type", errors, max_length=200)
    if service_object_id and not service_object_type:
        errors.add("service_object_type", _("Give service_object_type with service_object_id."))
    attributes = {}
    for key in data.keys():
        match = _ATTRIBUTE.match(key)
        if match:
            attributes[match.group(1)] = [clean(v) for v in data.getlist(key)]
    media = tuple(files.getlist("media")) + tuple(files.getlist("media[]"))
    if len(media) > MAX_PHOTOS:
        errors.add("media", _("At most %(max)d files.") % {"max": MAX_PHOTOS})
    first_name = _text_param(data, "first_name", errors, max_length=100)
    last_name = _text_param(data, "last_name", errors, max_length=100)
    title = _text_param(data, "title", errors, max_length=200)
    errors.raise_if_any()
    return NewRequest(
        service_code=service_code, description=description, point=point, address_string=address_string,
        email=email, first_name=first_name, last_name=last_name, phone=phone, media_url=media_url, title=title,
        kind=kind, service_object_id=service_object_id, service_object_type=service_object_type,
        attributes=attributes, media=media,
    )
