"""Reads behind the Open311 API. Only public tickets (never spam) and only public fields.

A list of requests is one query however long it is: the latest public note, the public photos and
the WGS84 point are computed by PostgreSQL beside the filtered, ordered and limited rows.
"""

from __future__ import annotations

from datetime import datetime

from django.conf import settings
from django.contrib.admin.models import LogEntry
from django.contrib.contenttypes.models import ContentType
from django.contrib.gis.db.models.functions import Transform
from django.contrib.postgres.expressions import ArraySubquery
from django.db.models import FloatField, Func, Max, OuterRef, Subquery
from django.db.models.functions import Round

from city.models import Department
from geo_feedback.models import Category, Feedback, FeedbackEvent, FeedbackPhoto
from geo_feedback.open311.params import RequestsQuery

COORDINATE_DECIMALS = 6  # about 0.1 m

# The fields of a ticket that Open311 shows; the reporter's name, email and phone are not among them.
REQUEST_FIELDS = (
    "number", "status", "description", "address_text", "created_at", "updated_at",
    "category__service_code", "category__name_fi", "category__name_sv", "category__name_en",
    "category__target_days", "department__name_fi", "department__name_sv", "department__name_en",
    "department__is_external", "area__code", "area__kind", "lat", "long", "status_note", "photo_names",
)


def service_list() -> list[Category]:
    """The services a report can be made in: the active categories, in their usual order."""
    return list(Category.objects.filter(is_active=True).select_related("department"))


def service_get(service_code: str) -> Category | None:
    return Category.objects.select_related("department").filter(service_code=service_code).first()


def service_codes_unknown(codes: tuple[str, ...]) -> list[str]:
    """Those of ``codes`` that no category has, active or not (old tickets keep their codes)."""
    known = set(Category.objects.filter(service_code__in=codes).values_list("service_code", flat=True))
    return [code for code in codes if code not in known]


def services_changed_at() -> datetime | None:
    """When an administrator last changed a category or a department, if ever (the admin's log)."""
    types = ContentType.objects.get_for_models(Category, Department).values()
    return LogEntry.objects.filter(content_type__in=types).aggregate(last=Max("action_time"))["last"]


def _requests_queryset():
    latest_note = (
        FeedbackEvent.objects.filter(feedback=OuterRef("pk")).exclude(public_note="")
        .order_by("-created_at", "-id").values("public_note")[:1]
    )
    photos = FeedbackPhoto.objects.filter(feedback=OuterRef("pk"), is_public=True).order_by("position", "id")
    return Feedback.objects.public().annotate(
        # Degrees as numbers from PostGIS: no geometry object is built per row (a third of the time).
        lat=Round(Func(Transform("location", settings.API_SRID), function="ST_Y", output_field=FloatField()),
                  COORDINATE_DECIMALS),
        long=Round(Func(Transform("location", settings.API_SRID), function="ST_X", output_field=FloatField()),
                   COORDINATE_DECIMALS),
        status_note=Subquery(latest_note),
        photo_names=ArraySubquery(photos.values("image")),
    )


def requests_filtered(query: RequestsQuery):
    """Public tickets matching ``query`` (unordered; ``request_rows`` orders and limits them)."""
    queryset = Feedback.objects.public()
    if query.numbers:
        queryset = queryset.filter(number__in=query.numbers)
    else:
        if query.service_codes:
            queryset = queryset.filter(category__service_code__in=query.service_codes)
        if query.start:
            queryset = queryset.filter(created_at__gte=query.start)
        if query.end:
            queryset = queryset.filter(created_at__lte=query.end)
        if query.statuses:
            queryset = queryset.filter(status__in=query.statuses)
        if query.updated_after:
            queryset = queryset.filter(updated_at__gte=query.updated_after)
        if query.updated_before:
            queryset = queryset.filter(updated_at__lte=query.updated_before)
        if query.near is not None and query.radius_m is not None:
            queryset = queryset.near(query.near, metres=query.radius_m)
        if query.bbox:
            queryset = queryset.in_bbox(query.bbox)
    return queryset


def request_rows(query: RequestsQuery) -> list[dict]:
    """One dict of public fields per matching ticket (one query)."""
    ids = requests_filtered(query).order_by("-created_at", "-id").values("pk")[: query.limit]
    return list(
        _requests_queryset().filter(pk__in=ids).order_by("-created_at", "-id").values(*REQUEST_FIELDS)
    )


def request_row(number: str) -> dict | None:
    """The public fields of one public ticket, or None (unknown, or hidden as spam)."""
    return _requests_queryset().filter(number=number).values(*REQUEST_FIELDS).first()


def token_number(token: str) -> str | None:
    """Requests are created at once, so a token is the request's number; None if there is no such request."""
    return Feedback.objects.public().filter(number=token).values_list("number", flat=True).first()
