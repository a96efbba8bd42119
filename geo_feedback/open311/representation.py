"""The GeoReport v2 shapes of a service and a request, with the CitySDK/6Aika extensions.

Field names and order follow the GeoReport v2 specification. Extensions (``extensions=true``) go in
``extended_attributes``, as Helsinki's and the 6Aika servers put them.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime, timedelta, tzinfo
from functools import cache

from django.core.files.storage import default_storage
from django.utils import timezone
from django.utils.translation import gettext as _

from city.models import AreaKind
from geo_feedback.models import Category, CategoryGroup
from geo_feedback.open311.mapping import STATUS_MAP

TITLE_LENGTH = 80


def w3c(moment: datetime | None, tz: tzinfo | None = None) -> str | None:
    """ISO 8601 in Finnish time with its offset, e.g. 2026-11-28T19:52:09+02:00."""
    if moment is None:
        return None
    return moment.astimezone(tz or timezone.get_current_timezone()).isoformat(timespec="seconds")


def _named(row: dict, prefix: str, language: str) -> str:
    return row.get(f"{prefix}_{language}") or row[f"{prefix}_fi"]


def service_notice(*, target_days: int, department: str, external: bool) -> str:
    if external:
        return _("This topic belongs to %(body)s: reports are forwarded there.") % {"body": department}
    return _("%(department)s aims to handle reports of this kind within %(days)d days.") % {
        "department": department, "days": target_days}


def service_data(category: Category, language: str) -> dict:
    department = category.department.name(language)
    names = dict.fromkeys(name for name in (category.name_fi, category.name_sv, category.name_en) if name)
    return {
        "service_code": category.service_code,
        "service_name": category.name(language),
        "description": service_notice(target_days=category.target_days, department=department,
                                      external=category.department.is_external),
        "metadata": False,  # no service has extra attributes: no call to services/{code} is needed
        "type": "realtime",  # the service_request_id is returned at once
        "keywords": ", ".join(names),
        "group": str(CategoryGroup(category.group).label),
    }


def title_from(description: str) -> str:
    """CitySDK's title: the description's first line, shortened."""
    first_line = description.strip().splitlines()[0] if description.strip() else ""
    if len(first_line) <= TITLE_LENGTH:
        return first_line
    return first_line[: TITLE_LENGTH - 1].rstrip() + "…"


def requests_data(rows: list[dict], *, language: str, absolute: Callable[[str], str], extensions: bool) -> list[dict]:
    """Tickets (rows of selectors.REQUEST_FIELDS) as GeoReport v2 requests.

    The time zone is looked up once and each department's notice made once: for a list of 1000
    requests those were a third of the time (tests/bench/test_bench_open311.py).
    """
    tz = timezone.get_current_timezone()
    notice = cache(lambda days, department, external: service_notice(
        target_days=days, department=department, external=external))
    return [_request_data(row, language=language, absolute=absolute, extensions=extensions, tz=tz, notice=notice)
            for row in rows]


def _request_data(row: dict, *, language: str, absolute: Callable[[str], str], extensions: bool, tz: tzinfo,
                  notice: Callable[[int, str, bool], str]) -> dict:
    status, detailed_status = STATUS_MAP[row["status"]]
    department = _named(row, "department__name", language)
    media_urls = [absolute(default_storage.url(name)) for name in row["photo_names"] or []]
    data = {
        "service_request_id": row["number"],
        "status": status,
        "status_notes": row["status_note"] or None,
        "service_name": _named(row, "category__name", language),
        "service_code": row["category__service_code"],
        "description": row["description"],
        "agency_responsible": department,
        "service_notice": notice(row["category__target_days"], department, row["department__is_external"]),
        "requested_datetime": w3c(row["created_at"], tz),
        "updated_datetime": w3c(row["updated_at"], tz),
        "expected_datetime": w3c(row["created_at"] + timedelta(days=row["category__target_days"]), tz),
        "address": row["address_text"] or None,
        "address_id": None,
        "zipcode": row["area__code"] if row["area__kind"] == AreaKind.POSTAL_AREA else None,
        "lat": row["lat"],
        "long": row["long"],
        "media_url": media_urls[0] if media_urls else None,
    }
    if extensions:
        data["extended_attributes"] = {
            "title": title_from(row["description"]),
            "detailed_status": detailed_status,
            "media_urls": media_urls,
            "service_object_id": None,  # we keep no service objects (e.g. a bin's id in a register)
            "service_object_type": None,
        }
    return data
