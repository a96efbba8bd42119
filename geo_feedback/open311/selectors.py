"""Reads behind the Open311 API. Only public tickets (never spam) and only public fields.

A list of requests is one query however long it is: the latest public note, the public photos and
the WGS84 point are computed by PostgreSQL beside the filtered, ordered and limited rows, and
PostgreSQL writes the whole document (representation.requests_sql) from the public fields alone.
"""

from __future__ import annotations

import json
from datetime import datetime

from django.conf import settings
from django.contrib.admin.models import LogEntry
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import EmptyResultSet
from django.db import connection
from django.db.models import Max

from city.models import Department
from city.sql import queryset_sql
from geo_feedback.models import Category, Feedback
from geo_feedback.open311.params import RequestsQuery
from geo_feedback.open311.renderers import ListSql

COORDINATE_DECIMALS = 6  # about 0.1 m

# The fields of a ticket that Open311 shows, as the columns representation.request_shape reads
# (``r.<column>``); the reporter's name, email and phone are not among them. ``{page}`` is the
# tickets to show (``_TICKET_COLUMNS`` of each); the note, the photos and the point are computed
# for those only. The latest public note comes with its key, if the system wrote it
# (geo_feedback.notes), for the representation to put in the client's language.
_TICKET_COLUMNS = ("id", "number", "status", "description", "address_text", "created_at", "updated_at",
                   "category_id", "department_id", "area_id", "location")
_REQUEST_ROWS = f"""
SELECT f.id, f.number, f.status, f.description, f.address_text, f.created_at, f.updated_at,
       c.service_code, c.name_fi AS category_name_fi, c.name_sv AS category_name_sv,
       c.name_en AS category_name_en, c.target_days,
       d.name_fi AS department_name_fi, d.name_sv AS department_name_sv, d.name_en AS department_name_en,
       d.is_external AS department_is_external, a.code AS area_code, a.kind AS area_kind,
       round(ST_Y(point)::numeric, {COORDINATE_DECIMALS}) AS lat,
       round(ST_X(point)::numeric, {COORDINATE_DECIMALS}) AS long,
       latest.public_note AS status_note, latest.note AS status_note_key,
       ARRAY(SELECT ph.image FROM geo_feedback_feedbackphoto ph WHERE ph.feedback_id = f.id AND ph.is_public
             ORDER BY ph.position, ph.id) AS photo_names
FROM ({{page}}) AS f
JOIN geo_feedback_category c ON c.id = f.category_id
JOIN city_department d ON d.id = f.department_id
LEFT JOIN city_area a ON a.id = f.area_id
CROSS JOIN LATERAL ST_Transform(f.location, {settings.API_SRID}) AS point
LEFT JOIN LATERAL (SELECT e.public_note, e.details -> 'note' AS note FROM geo_feedback_feedbackevent e
                   WHERE e.feedback_id = f.id AND e.public_note <> ''
                   ORDER BY e.created_at DESC, e.id DESC LIMIT 1) AS latest ON true
"""


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


def requests_filtered(query: RequestsQuery):
    """Public tickets matching ``query`` (unordered; ``requests_document`` orders and limits them)."""
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


def _document(page, sql: ListSql) -> tuple[int, str]:
    """How many tickets ``page`` (a queryset) has and the document ``sql`` writes of them, in one statement."""
    try:
        page_sql, params = queryset_sql(page.values(*_TICKET_COLUMNS), prefix="page")
    except EmptyResultSet:  # a filter that can match nothing (a box far from the city): an empty document
        page_sql, params = f"SELECT {', '.join(_TICKET_COLUMNS)} FROM {Feedback._meta.db_table} WHERE false", {}
    columns = []
    for name, value in sql.parameters.items():
        if isinstance(value, dict):
            columns.append(f"%(p_{name})s::jsonb AS {name}")
            params[f"p_{name}"] = json.dumps(value)
        else:
            columns.append(f"%(p_{name})s::text AS {name}")
            params[f"p_{name}"] = value
    # OFFSET 0 keeps the rows a subquery of their own: merged into the document's query, each use
    # of a column (the photos, the point) would compute it again.
    statement = (f"SELECT count(*), {sql.aggregate(order='r.created_at DESC, r.id DESC')} "
                 f"FROM ({_REQUEST_ROWS.format(page=page_sql)} OFFSET 0) AS r "
                 f"CROSS JOIN (SELECT {', '.join(columns)}) AS p")
    with connection.cursor() as cursor:
        cursor.execute(statement, params)
        return cursor.fetchone()


def requests_document(query: RequestsQuery, sql: ListSql) -> str:
    """The matching tickets, newest first, as the document ``sql`` describes (one query, however long)."""
    return _document(requests_filtered(query).order_by("-created_at", "-id")[: query.limit], sql)[1]


def request_document(number: str, sql: ListSql) -> str | None:
    """One public ticket as the document ``sql`` describes (a list of one), or None (unknown, or spam)."""
    count, document = _document(Feedback.objects.public().filter(number=number), sql)
    return document if count else None


def token_number(token: str) -> str | None:
    """Requests are created at once, so a token is the request's number; None if there is no such request."""
    return Feedback.objects.public().filter(number=token).values_list("number", flat=True).first()
