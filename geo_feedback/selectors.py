"""Reads of feedback for the API and the map: visibility, filters, and GeoJSON built in SQL."""

from __future__ import annotations

import functools
import json
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from types import MappingProxyType

from django.contrib.gis.db.models.functions import Distance
from django.contrib.gis.geos import Point
from django.core.exceptions import EmptyResultSet
from django.db import connection
from django.db.models import Prefetch
from django.utils import timezone, translation

from city.links import page_path
from city.paging import InvalidCursor, decode_cursor, encode_cursor  # noqa: F401 (the API views import them from here)
from city.querysets import to_storage
from city.sql import local_time_sql, localized_name_sql, queryset_sql, stored_file_url_sql
from geo_feedback.models import Category, Feedback, FeedbackEvent, FeedbackKind
from geo_feedback.notes import note_templates, note_text_sql
from geo_feedback.querysets import PUBLIC_EVENT_SQL, FeedbackQuerySet
from geo_feedback.statuses import HIDDEN_STATUSES, OPEN_STATUSES, FeedbackStatus

MAX_PAGE = 1000


@dataclass(frozen=True)
class FeedbackFilters:
    """What a map or list asks for; every field optional."""

    categories: tuple[str, ...] = ()
    kinds: tuple[str, ...] = ()
    statuses: tuple[str, ...] = ()
    area_code: str = ""
    created_after: date | None = None
    created_before: date | None = None
    bbox: tuple[float, float, float, float] | None = None
    open_only: bool = False


def feedback_filtered(filters: FeedbackFilters) -> FeedbackQuerySet:
    """Public tickets matching ``filters`` (hidden ones never match)."""
    queryset = Feedback.objects.public()
    if filters.categories:
        queryset = queryset.filter(category__service_code__in=filters.categories)
    if filters.kinds:
        queryset = queryset.filter(kind__in=filters.kinds)
    if filters.statuses:
        queryset = queryset.filter(status__in=filters.statuses)
    if filters.open_only:
        queryset = queryset.open()
    if filters.area_code:
        # The area and everything nested in it: a budget area's reports include its districts'.
        queryset = queryset.filter(area_id__in=_area_and_descendants(filters.area_code))
    tz = timezone.get_current_timezone()
    if filters.created_after:
        queryset = queryset.filter(created_at__gte=datetime.combine(filters.created_after, time.min, tz))
    if filters.created_before:
        end = datetime.combine(filters.created_before + timedelta(days=1), time.min, tz)
        queryset = queryset.filter(created_at__lt=end)
    if filters.bbox:
        queryset = queryset.in_bbox(filters.bbox)
    return queryset


def _area_and_descendants(code: str) -> list[int]:
    """Ids of the area with ``code`` and of every area nested in it."""
    with connection.cursor() as cursor:
        cursor.execute(
            """
            WITH RECURSIVE tree AS (
                SELECT id FROM city_area WHERE code = %s
                UNION ALL
                SELECT a.id FROM city_area a JOIN tree ON a.parent_id = tree.id
            ) SELECT id FROM tree
            """,
            [code],
        )
        return [row[0] for row in cursor.fetchall()]


# Each name in the request's language, the Finnish one where the row has none in it.
_NAMES = {"category_name": localized_name_sql("c"), "department_name": localized_name_sql("d"),
          "area_name": localized_name_sql("a")}


# One ticket as a public GeoJSON Feature. Labels come in as a JSON object so that the
# database speaks the request's language without a translation table of its own.
_FEATURE = """
json_build_object(
    'type', 'Feature',
    'id', f.number,
    'geometry', ST_AsGeoJSON(ST_Transform(f.location, 4326), 6)::json,
    'properties', json_build_object(
        'number', f.number,
        'category', c.service_code,
        'category_name', {category_name},
        'kind', f.kind,
        'kind_label', %(kind_labels)s::json ->> f.kind,
        'status', f.status,
        'status_label', %(status_labels)s::json ->> f.status,
        'area', a.code,
        'area_name', {area_name},
        'created_at', f.created_at,
        'supporter_count', f.supporter_count,
        'url', %(url_prefix)s || f.number || '/'
        {extra}
    )
)
"""

_PAGE_SQL = """
SELECT COALESCE(json_agg({feature} ORDER BY {order}), '[]'::json)::text
FROM unnest(%(ids)s::bigint[]) AS page(id)
JOIN geo_feedback_feedback f ON f.id = page.id
JOIN geo_feedback_category c ON c.id = f.category_id
LEFT JOIN city_area a ON a.id = f.area_id
"""


def _labels(choices) -> str:
    return json.dumps({value: str(label) for value, label in choices.choices})


@functools.lru_cache(maxsize=16)
def _language_params(language: str) -> Mapping[str, str]:
    """What the tickets' SQL reads besides their rows: the language, its labels and its pages' address.

    The same for every request in a language while the process lives (the catalogues are read at
    start), so it is made once a language: translating a dozen labels cost a read of one report 0.1 ms.
    Callers spread it into their own parameters; it cannot be changed.
    """
    with translation.override(language):
        return MappingProxyType({
            "language": language,
            "kind_labels": _labels(FeedbackKind),
            "status_labels": _labels(FeedbackStatus),
            "url_prefix": page_path("feedback_pages:map", language),  # a report's page is this + its number
            "note_templates": json.dumps(note_templates(language)),  # system notes (geo_feedback.notes)
        })


def _features_json(ids: list[int], *, language: str, order: str, extra: str = "", extra_params=None) -> str:
    params = {"ids": ids, **_language_params(language), **(extra_params or {})}
    sql = _PAGE_SQL.format(feature=_FEATURE.format(extra=extra, **_NAMES), order=order)
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return cursor.fetchone()[0]


@dataclass(frozen=True)
class FeaturePage:
    features_json: str  # a JSON array of GeoJSON Features, as text from the database
    next_cursor: str | None


# One page of the map in one pass: the filtered, ordered tickets (the queryset's own SQL, with the
# columns a Feature shows) with one row more than the page, numbered; the features of the first
# ``limit``; whether more follow; and the last one's (created_at, id) for the next cursor. (Reading
# ids first and joining the tickets again by id cost the database 1.2 ms more for 500.)
_MAP_COLUMNS = ("pk", "created_at", "number", "location", "category_id", "area_id", "kind", "status", "supporter_count")
_MAP_PAGE_SQL = """
SELECT
    COALESCE(json_agg({feature} ORDER BY f.n) FILTER (WHERE f.n <= %(limit)s), '[]'::json)::text,
    count(*) > %(limit)s,
    max(f.created_at) FILTER (WHERE f.n = %(limit)s),
    max(f.id) FILTER (WHERE f.n = %(limit)s)
FROM (
    SELECT q.*, row_number() OVER (ORDER BY q.created_at DESC, q.id DESC) AS n
    FROM ({rows}) AS q(id, created_at, number, location, category_id, area_id, kind, status, supporter_count)
) f
JOIN geo_feedback_category c ON c.id = f.category_id
LEFT JOIN city_area a ON a.id = f.area_id
"""


def feedback_map_page(filters: FeedbackFilters, *, limit: int, cursor: str = "", language: str = "fi") -> FeaturePage:
    """One page of mapped public tickets, newest first, as GeoJSON built by PostGIS (one statement)."""
    queryset = feedback_filtered(filters).filter(location__isnull=False)
    if cursor:
        created_at, pk = decode_cursor(cursor)
        queryset = queryset.filter(created_at__lte=created_at).exclude(created_at=created_at, pk__gte=pk)
    try:
        rows_sql, rows_params = queryset_sql(
            queryset.order_by("-created_at", "-pk").values_list(*_MAP_COLUMNS)[: limit + 1])
    except EmptyResultSet:  # a filter that nothing can match (an unknown area, say)
        return FeaturePage(features_json="[]", next_cursor=None)
    params = {**rows_params, "limit": limit, **_language_params(language)}
    with connection.cursor() as db:
        db.execute(_MAP_PAGE_SQL.format(rows=rows_sql, feature=_FEATURE.format(extra="", **_NAMES)), params)
        features, more, last_created, last_id = db.fetchone()
    return FeaturePage(features_json=features, next_cursor=encode_cursor(last_created, last_id) if more else None)


def feedback_nearby_open(*, point: Point, category: Category, limit: int = 20, language: str = "fi") -> str:
    """Open public tickets of ``category`` within its duplicate radius, nearest first (GeoJSON array)."""
    local = to_storage(point)
    ids = list(
        Feedback.objects.public()
        .open()
        .filter(category=category)
        .near(local, metres=category.duplicate_radius_m)
        .annotate(distance=Distance("location", local))
        .order_by("distance", "-created_at")
        .values_list("pk", flat=True)[:limit]
    )
    return _features_json(
        ids,
        language=language,
        order="ST_Distance(f.location, ST_GeomFromEWKB(%(point)s)), f.created_at DESC",
        extra=", 'distance_m', round(ST_Distance(f.location, ST_GeomFromEWKB(%(point)s))::numeric, 1)",
        extra_params={"point": bytes(local.ewkb)},
    )


def feedback_public_near(geometry, *, metres: float, limit: int = 200, language: str = "fi") -> str:
    """Public tickets inside ``geometry`` (any SRID: a plan's area, say) or within ``metres`` of it,
    newest first, as a GeoJSON array of their public Features (the map's fields; never a contact)."""
    ids = list(
        Feedback.objects.public()
        .filter(location__isnull=False)
        .near(geometry, metres=metres)
        .order_by("-created_at", "-pk")
        .values_list("pk", flat=True)[:limit]
    )
    return _features_json(ids, language=language, order="f.created_at DESC, f.id DESC")


def feedback_public_detail(number: str) -> Feedback | None:
    """A public ticket with what its page shows, or None (unknown or hidden)."""
    return (
        Feedback.objects.public()
        .select_related("category", "area", "department")
        .prefetch_related("photos", public_history_prefetch())
        .filter(number=number)
        .first()
    )


def public_history_prefetch() -> Prefetch:
    """A ticket's public history (FeedbackEventQuerySet.public), in order, as ``public_history``."""
    return Prefetch("events", queryset=FeedbackEvent.objects.public(), to_attr="public_history")


# One ticket with everything public about it (photos, history), as a GeoJSON Feature in the
# request's language, in one statement. Never a reporter's contact, an internal note or the follow
# token. A note the system wrote is rendered in that language too (geo_feedback.notes).
_DETAIL_SQL = """
SELECT json_build_object(
    'type', 'Feature',
    'id', f.number,
    'geometry', ST_AsGeoJSON(ST_Transform(f.location, 4326), 6)::json,
    'properties', json_build_object(
        'number', f.number,
        'category', c.service_code,
        'category_name', {category_name},
        'kind', f.kind,
        'kind_label', %(kind_labels)s::json ->> f.kind,
        'status', f.status,
        'status_label', %(status_labels)s::json ->> f.status,
        'description', f.description,
        'address', f.address_text,
        'area', a.code,
        'area_name', {area_name},
        'department', {department_name},
        'channel', f.channel,
        'created_at', {created_at},
        'updated_at', {updated_at},
        'supporter_count', f.supporter_count,
        'photos', (
            SELECT COALESCE(json_agg(json_build_object(
                'url', {photo_url},
                'thumbnail_url', CASE WHEN p.thumbnail <> '' THEN {thumbnail_url} END,
                'width', p.width,
                'height', p.height
            ) ORDER BY p.position, p.id), '[]'::json)
            FROM geo_feedback_feedbackphoto p WHERE p.feedback_id = f.id AND p.is_public
        ),
        'history', (
            SELECT COALESCE(json_agg(json_build_object(
                'at', {event_at},
                'action', e.action,
                'status', e.to_status,
                'status_label', %(status_labels)s::json ->> e.to_status,
                'note', {event_note}
            ) ORDER BY e.created_at, e.id), '[]'::json)
            FROM geo_feedback_feedbackevent e WHERE e.feedback_id = f.id AND {public_event}
        )
    ){extra}
)::text
FROM geo_feedback_feedback f
JOIN geo_feedback_category c ON c.id = f.category_id
JOIN city_department d ON d.id = f.department_id
LEFT JOIN city_area a ON a.id = f.area_id
WHERE {where}
""".format(
    created_at=local_time_sql("f.created_at", "%(tz)s", isoformat=True),
    updated_at=local_time_sql("f.updated_at", "%(tz)s", isoformat=True),
    event_at=local_time_sql("e.created_at", "%(tz)s", isoformat=True),
    photo_url=stored_file_url_sql("p.image", "%(media)s"),
    thumbnail_url=stored_file_url_sql("p.thumbnail", "%(media)s"),
    public_event=PUBLIC_EVENT_SQL,
    event_note=note_text_sql(note="e.details -> 'note'", stored="e.public_note",
                             templates="%(note_templates)s::jsonb", language="%(language)s"),
    extra="{extra}",
    where="{where}",
    **_NAMES,
)
# On one line: psycopg caches its parsing of a statement only up to 4 KB (its literals hold no spaces).
_PUBLIC_DETAIL_SQL = " ".join(
    _DETAIL_SQL.format(extra="", where="f.number = %(number)s AND f.status <> ALL(%(hidden)s)").split())
_CREATED_DETAIL_SQL = " ".join(_DETAIL_SQL.format(extra=", 'follow_url', %(follow_url)s", where="f.id = %(id)s").split())


def _detail_json(sql: str, *, language: str, media_url: str, **params) -> str | None:
    with connection.cursor() as cursor:
        cursor.execute(sql, {**params, **_language_params(language), "media": media_url,
                             "tz": timezone.get_current_timezone_name()})
        row = cursor.fetchone()
    return row[0] if row else None


def feedback_public_detail_json(number: str, *, language: str, media_url: str) -> str | None:
    """A public ticket as a GeoJSON Feature (text built by PostGIS, one statement), or None if it
    is unknown or hidden. ``media_url`` is the absolute URL the stored photos' names follow."""
    return _detail_json(_PUBLIC_DETAIL_SQL, language=language, media_url=media_url, number=number,
                        hidden=sorted(HIDDEN_STATUSES))


def feedback_created_json(pk: int, *, language: str, media_url: str, follow_url: str) -> str | None:
    """The ticket ``pk`` as its sender sees it after sending (whatever its status since): the
    public Feature plus ``follow_url``, the sender's private follow link (one statement)."""
    return _detail_json(_CREATED_DETAIL_SQL, language=language, media_url=media_url, id=pk,
                        follow_url=follow_url)


def category_list() -> list[Category]:
    return list(Category.objects.filter(is_active=True).select_related("department"))


# Residents' feedback by residential area, for the planning map (planning reads it through these two).
# Public tickets received in the last ``days`` days: how many, how many are still open, how many
# are handled, and (for one area) the median days from receipt to the first time a ticket was marked
# handled, as the staff summary measures it. Counts by area come from one GROUP BY on the tickets'
# area (indexed), so the map's layer stays a few dozen points however many thousands of reports there are.
AREA_FIGURES_DAYS = 365

_AREA_FIGURES_SQL = " ".join("""
WITH RECURSIVE tree AS (
    SELECT id FROM city_area WHERE code = %(code)s
    UNION ALL
    SELECT a.id FROM city_area a JOIN tree ON a.parent_id = tree.id
), scope AS (
    SELECT f.id, f.status, f.created_at FROM geo_feedback_feedback f
    WHERE f.area_id IN (SELECT id FROM tree) AND f.status <> ALL(%(hidden)s) AND f.created_at >= %(since)s
), measured AS (
    SELECT s.status, (SELECT min(e.created_at) FROM geo_feedback_feedbackevent e
                      WHERE e.feedback_id = s.id AND e.to_status = %(handled)s
                        AND e.from_status IS DISTINCT FROM %(handled)s) - s.created_at AS to_handle
    FROM scope s
)
SELECT EXISTS (SELECT FROM tree), count(*), count(*) FILTER (WHERE status = ANY(%(open)s)),
       count(*) FILTER (WHERE status = %(handled)s),
       percentile_cont(0.5) WITHIN GROUP (ORDER BY EXTRACT(EPOCH FROM to_handle) / 86400.0)
FROM measured
""".split())

_AREA_FIGURES_MAP_SQL = " ".join("""
WITH counts AS (
    SELECT f.area_id, count(*) AS received, count(*) FILTER (WHERE f.status = ANY(%(open)s)) AS open,
           count(*) FILTER (WHERE f.status = %(handled)s) AS handled
    FROM geo_feedback_feedback f
    WHERE f.area_id IS NOT NULL AND f.status <> ALL(%(hidden)s) AND f.created_at >= %(since)s
    GROUP BY f.area_id
)
SELECT json_build_object('type', 'FeatureCollection', 'days', %(days)s, 'features', COALESCE(json_agg(json_build_object(
    'type', 'Feature', 'id', a.code,
    'geometry', ST_AsGeoJSON(ST_Transform(ST_PointOnSurface(a.boundary), 4326), 6)::json,
    'properties', json_build_object('code', a.code, 'name', {name}, 'received', counts.received,
                                    'open', counts.open, 'handled', counts.handled)
) ORDER BY a.code), '[]'::json))::text
FROM counts JOIN city_area a ON a.id = counts.area_id
""".format(name=localized_name_sql("a")).split())


@dataclass(frozen=True)
class AreaFeedbackFigures:
    """Public feedback of an area (and the areas inside it) received in the last ``days`` days."""

    days: int
    received: int
    open: int
    handled: int
    median_days_to_handle: float | None  # over the tickets ever marked handled; None when there are none


def _figures_params(days: int) -> dict:
    return {"hidden": sorted(HIDDEN_STATUSES), "open": sorted(OPEN_STATUSES), "handled": FeedbackStatus.HANDLED,
            "since": timezone.now() - timedelta(days=days), "days": days}


def feedback_area_figures(code: str, *, days: int = AREA_FIGURES_DAYS) -> AreaFeedbackFigures | None:
    """The feedback figures of the area with ``code`` (one statement), or None if there is no such area."""
    with connection.cursor() as cursor:
        cursor.execute(_AREA_FIGURES_SQL, {**_figures_params(days), "code": code})
        known, received, still_open, handled, median = cursor.fetchone()
    if not known:
        return None
    return AreaFeedbackFigures(days=days, received=received, open=still_open, handled=handled,
                               median_days_to_handle=None if median is None else round(median, 1))


def feedback_figures_by_area_geojson(*, language: str = "fi", days: int = AREA_FIGURES_DAYS) -> str:
    """A point inside each area that received public feedback in the last ``days`` days, with its
    counts (received, open, handled), as a GeoJSON FeatureCollection text in EPSG:4326 (one statement)."""
    with connection.cursor() as cursor:
        cursor.execute(_AREA_FIGURES_MAP_SQL, {**_figures_params(days), "language": language})
        return cursor.fetchone()[0]
