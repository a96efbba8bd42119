"""Writes of the Open311 API: its clients' keys, and reports created through it.

A report created here goes through ``feedback_create`` like every other report, with channel "api":
the same validation, numbering, area, routing, photo cleaning and receipt email.
"""

from __future__ import annotations

import secrets

from django.contrib.gis.geos import Point
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from city.geocoding import geocoder
from geo_feedback.models import Channel, Open311ApiKey
from geo_feedback.models.open311 import KEY_PREFIX_LENGTH, open311_key_hash
from geo_feedback.open311.errors import FieldErrors, Open311Error
from geo_feedback.open311.params import NewRequest
from geo_feedback.open311.selectors import service_get
from geo_feedback.services.feedback import CreatedFeedback, FeedbackInvalid, feedback_create

# --- keys -------------------------------------------------------------------------------------------


class KeyNameTaken(ValueError):
    """Another key already has that name."""


def open311_key_new() -> tuple[str, str, str]:
    """A fresh key (256 random bits): (the key, its display prefix, its hash)."""
    key = secrets.token_urlsafe(32)
    return key, key[:KEY_PREFIX_LENGTH], open311_key_hash(key)


def open311_key_assign(api_key: Open311ApiKey) -> str:
    """Give an unsaved key row a fresh key; returns the key, which is shown once and never stored."""
    key, api_key.key_prefix, api_key.key_hash = open311_key_new()
    return key


@transaction.atomic
def open311_key_create(*, name: str) -> tuple[Open311ApiKey, str]:
    """A new active key for the client ``name``: the row and the key itself (shown once)."""
    name = name.strip()
    if not name:
        raise ValueError("a key needs a name")
    if Open311ApiKey.objects.filter(name=name).exists():
        raise KeyNameTaken(name)
    api_key = Open311ApiKey(name=name)
    key = open311_key_assign(api_key)
    api_key.save()
    return api_key, key


def open311_key_set_active(*, name: str, active: bool) -> Open311ApiKey:
    """Disable (or enable again) the key named ``name``; raises Open311ApiKey.DoesNotExist."""
    api_key = Open311ApiKey.objects.get(name=name)
    if api_key.is_active != active:
        api_key.is_active = active
        api_key.save(update_fields=["is_active"])
    return api_key


def open311_key_authenticate(key: str) -> Open311ApiKey:
    """The active key row for ``key``; Open311Error 403 for a missing, unknown or disabled key."""
    key = (key or "").strip()
    if not key:
        raise Open311Error(403, [(403, "api_key: " + _("An api_key is required to send requests."))])
    api_key = Open311ApiKey.objects.filter(key_hash=open311_key_hash(key)).first()
    if api_key is None:
        raise Open311Error(403, [(403, "api_key: " + _("Invalid api_key: no client has this key."))])
    if not api_key.is_active:
        raise Open311Error(403, [(403, "api_key: " + _("This api_key has been disabled."))])
    return api_key


# --- reports ----------------------------------------------------------------------------------------


def _location_field(new: NewRequest, geocoded: bool) -> str:
    if new.point is not None:
        return "lat, long"
    return "address_string" if geocoded else "lat, long / address_string"


def _open311_errors(error: FeedbackInvalid, new: NewRequest, *, geocoded: bool) -> Open311Error:
    """Our field errors under the names an Open311 client sent them by."""
    names = {"category": "service_code", "kind": "kind", "description": "description", "photos": "media",
             "location": _location_field(new, geocoded), "address_text": "address_string",
             "reporter_name": "first_name", "reporter_email": "email", "reporter_phone": "phone"}
    errors = FieldErrors()
    for field, messages in error.message_dict.items():
        for message in messages:
            errors.add(names.get(field, field), message)
    return Open311Error(400, errors.errors)


@transaction.atomic
def open311_request_create(*, api_key: Open311ApiKey, new: NewRequest, language: str,
                           idempotency_key: str = "") -> CreatedFeedback:
    """Store a report sent by an Open311 client; Open311Error (400/404) names each field that is wrong.

    ``address_string`` without lat/long is looked up with the place search (its first hit). A
    ``media_url`` is never fetched (a server fetching addresses its clients name can be turned against
    the city's own network); it is kept, with the client's name and the CitySDK service object, in
    the history row of the report's creation, which only staff see.
    """
    category = service_get(new.service_code)
    if category is None:
        raise Open311Error(404, [(404, "service_code: " + _("No service has the code “%(code)s”.") % {
            "code": new.service_code[:50]})])
    errors = FieldErrors()
    if not category.is_active:
        errors.add("service_code", _("The service “%(code)s” no longer takes requests.") % {"code": category.service_code})
    for code in new.attributes:
        errors.add(f"attribute[{code}]", _("The service “%(service)s” has no attribute “%(code)s” (see services/"
                                           "%(service)s).") % {"service": category.service_code, "code": code[:50]})
    point, geocoded = new.point, False
    if point is None and new.address_string:
        hits = geocoder().search(new.address_string, 1, language=language)
        if not hits:
            errors.add("address_string", _("No place by this name was found; give lat and long instead."))
        else:
            point, geocoded = Point(hits[0].lon, hits[0].lat, srid=4326), True
    errors.raise_if_any()

    description = new.description
    if new.title and not description.startswith(new.title):
        description = f"{new.title}\n\n{description}"
    details = {"open311_client": api_key.name}
    for field in ("media_url", "title", "service_object_id", "service_object_type"):
        if getattr(new, field):
            details[field] = getattr(new, field)
    if geocoded:
        details["geocoded"] = new.address_string
    try:
        result = feedback_create(
            category=category, kind=new.kind, description=description, location=point,
            address_text=new.address_string, photos=list(new.media),
            reporter_name=f"{new.first_name} {new.last_name}".strip(), reporter_email=new.email,
            reporter_phone=new.phone, channel=Channel.API, language=language,
            idempotency_key=f"open311:{api_key.pk}:{idempotency_key}" if idempotency_key else "",
            event_details=details,
        )
    except FeedbackInvalid as error:
        raise _open311_errors(error, new, geocoded=geocoded) from None
    Open311ApiKey.objects.filter(pk=api_key.pk).update(last_used_at=timezone.now())
    return result
