"""Figures on tickets for staff (§3.3.2, §4): counts, handling times, overdue tickets and praise,
per department and period.

Every figure starts from ``permissions.feedback_for_staff(user)``, so a handler's or participation
agent's figures hold only their department's tickets. Everything is computed by PostgreSQL
(grouped counts, ``percentile_cont … WITHIN GROUP``, the area map's GeoJSON): no ticket is loaded
into Python, whatever the period.

Definitions (also in the page's notes and the README):

- A ticket belongs to the period when it was *received* (``created_at``) between the first and the
  last day, both included, in the city's time zone. Its department is its current one. Every
  status counts, rejected (spam) included: the status table shows how many those were.
- **Time to triage**: from receipt to the first event that moved the ticket out of
  received/in triage (``from_status`` received or in triage, ``to_status`` neither): routed,
  forwarded, closed or handled straight away. Tickets not triaged yet are left out of it.
- **Time to handle**: from receipt to the first event with ``to_status`` handled (the first time
  it was "kuitattu hoidetuksi"; reopening later does not move it). Tickets never handled are left out.
- Both are given as the median and the 90th percentile (``percentile_cont``: interpolated), in
  hours and days.
- **Due** is receipt + the category's target handling time (``Category.target_days``), as on the
  staff queues. **Overdue open**: still open (received, in triage, routed, in progress) and due
  before now. **Handled late**: first handled after it was due. **Handled on time**: the rest of
  the handled ones.
- **Praise**: tickets of kind praise.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta

from django.core.exceptions import EmptyResultSet
from django.db import connection
from django.db.models import (
    Aggregate,
    Count,
    DateTimeField,
    ExpressionWrapper,
    F,
    FloatField,
    Func,
    OuterRef,
    Q,
    Subquery,
)
from django.utils import timezone

from city.models import Department
from city.sql import localized_name_sql
from config.design_tokens import token
from geo_feedback.models import Channel, FeedbackEvent, FeedbackKind
from geo_feedback.permissions import feedback_for_staff, sees_every_department, staff_profile
from geo_feedback.querysets import FeedbackQuerySet
from geo_feedback.statuses import OPEN_STATUSES, FeedbackStatus

S = FeedbackStatus
TRIAGE_STATUSES = (S.RECEIVED, S.IN_TRIAGE)
HOURS_PER_DAY = 24
CHOROPLETH_CLASSES = 5


# Scope: who, which department, which period ---------------------------------------------------


@dataclass(frozen=True)
class SummaryScope:
    """Which tickets the figures are about: a department (None: every one the user sees) and a
    period of receipt, both days included."""

    department: Department | None
    date_from: date
    date_to: date


def default_period(today: date | None = None) -> tuple[date, date]:
    """The last 12 months: from the same day a year ago (28 Feb for 29 Feb) to today, both included."""
    today = today or timezone.localdate()
    try:
        start = today.replace(year=today.year - 1)
    except ValueError:  # 29 February
        start = today.replace(year=today.year - 1, day=28)
    return start + timedelta(days=1), today


def summary_departments(user) -> list[Department]:
    """The departments ``user`` may choose: their own for department roles, any for the others."""
    profile = staff_profile(user)
    if profile is None:
        return []
    if not sees_every_department(user):
        return [profile.department] if profile.department else []
    return list(Department.objects.order_by("name_fi"))


def summary_may_choose_all(user) -> bool:
    """Customer service and administrators may see the figures of every department at once."""
    return sees_every_department(user)


def summary_tickets(user, scope: SummaryScope) -> FeedbackQuerySet:
    """The tickets of ``scope`` that ``user`` may see (none for non-staff)."""
    queryset = feedback_for_staff(user)
    if scope.department is not None:
        queryset = queryset.filter(department=scope.department)
    tz = timezone.get_current_timezone()
    start = datetime.combine(scope.date_from, time.min, tzinfo=tz)
    end = datetime.combine(scope.date_to + timedelta(days=1), time.min, tzinfo=tz)
    return queryset.filter(created_at__gte=start, created_at__lt=end)


# SQL building blocks --------------------------------------------------------------------------


class PercentileCont(Aggregate):
    """PostgreSQL's ``percentile_cont(fraction) WITHIN GROUP (ORDER BY expression)``; NULLs are skipped."""

    function = "percentile_cont"
    template = "%(function)s(%(fraction)s) WITHIN GROUP (ORDER BY %(expressions)s)"
    output_field = FloatField()

    def __init__(self, expression, *, fraction: float, **extra):
        if not 0 <= fraction <= 1:
            raise ValueError("fraction must be between 0 and 1")
        super().__init__(expression, fraction=repr(float(fraction)), **extra)


class HoursBetween(Func):
    """Hours from the first expression to the second, as double precision (NULL if either is)."""

    template = "(EXTRACT(EPOCH FROM (%(expressions)s)) / 3600.0)::double precision"
    arg_joiner = " - "
    output_field = FloatField()

    def __init__(self, start, end, **extra):
        super().__init__(end, start, **extra)  # end - start


def _first_event_at(events) -> Subquery:
    return Subquery(events.filter(feedback=OuterRef("pk")).order_by("created_at", "id").values("created_at")[:1])


def with_milestones(queryset: FeedbackQuerySet) -> FeedbackQuerySet:
    """Annotate ``triaged_at``, ``handled_at`` and ``due_at`` (see the module's definitions)."""
    triaged = FeedbackEvent.objects.filter(from_status__in=TRIAGE_STATUSES).exclude(to_status__in=TRIAGE_STATUSES)
    handled = FeedbackEvent.objects.filter(to_status=S.HANDLED).exclude(from_status=S.HANDLED)
    return queryset.annotate(
        triaged_at=_first_event_at(triaged),
        handled_at=_first_event_at(handled),
        due_at=ExpressionWrapper(F("created_at") + F("category__target_days") * timedelta(days=1),
                                 output_field=DateTimeField()),
    )


# The figures ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class CountRow:
    """One line of a breakdown: a key (code), its label, how many and its share of all."""

    key: str
    label: str
    count: int
    share: float  # percent of all tickets in the summary
    bar: float  # percent of the largest count, for the bar's length


@dataclass(frozen=True)
class Timing:
    """Median and 90th percentile of a duration, over the tickets it could be measured for."""

    measured: int
    median_hours: float | None
    p90_hours: float | None

    @property
    def median_days(self) -> float | None:
        return None if self.median_hours is None else self.median_hours / HOURS_PER_DAY

    @property
    def p90_days(self) -> float | None:
        return None if self.p90_hours is None else self.p90_hours / HOURS_PER_DAY


@dataclass(frozen=True)
class AreaRate:
    """Tickets in one residential area per 1000 inhabitants (None when the population is unknown)."""

    code: str
    name: str
    population: int | None
    population_year: int | None
    population_is_estimate: bool
    count: int
    per_thousand: float | None


@dataclass(frozen=True)
class Summary:
    """Every figure of one scope."""

    scope: SummaryScope
    total: int
    praise: int
    overdue_open: int
    handled: int
    handled_late: int
    triage: Timing
    handling: Timing
    by_category: list[CountRow]
    by_kind: list[CountRow]
    by_status: list[CountRow]
    by_channel: list[CountRow]
    by_department: list[CountRow]
    by_area: list[CountRow]
    area_rates: list[AreaRate] = field(default_factory=list)
    areas_geojson: str = '{"type": "FeatureCollection", "features": []}'

    @property
    def handled_on_time(self) -> int:
        return self.handled - self.handled_late

    @property
    def populations_are_estimates(self) -> bool:
        return any(rate.population_is_estimate for rate in self.area_rates)


def _rows(counts: list[tuple[str, str, int]], total: int) -> list[CountRow]:
    largest = max((count for _key, _label, count in counts), default=0)
    return [
        CountRow(key=key or "", label=label, count=count,
                 share=round(100 * count / total, 1) if total else 0.0,
                 bar=round(100 * count / largest, 1) if largest else 0.0)
        for key, label, count in counts
    ]


def _by_choice(queryset, field_name: str, choices, total: int) -> list[CountRow]:
    """Every choice in its own order, zeros included, so tables of two periods line up."""
    counts = dict(queryset.order_by().values_list(field_name).annotate(n=Count("pk")))
    return _rows([(value, str(label), counts.get(value, 0)) for value, label in choices.choices], total)


def _name_sql_fields(prefix: str, language: str) -> list[str]:
    names = [f"{prefix}__name_fi"]
    if language in ("sv", "en"):
        names.append(f"{prefix}__name_{language}")
    return names


def _by_named(queryset, *, prefix: str, key: str, language: str, total: int, none_label: str = "") -> list[CountRow]:
    """Non-zero counts per related row (category, department, area), largest first."""
    names = _name_sql_fields(prefix, language)
    rows = []
    for values in queryset.order_by().values(f"{prefix}__{key}", *names).annotate(n=Count("pk")):
        label = values.get(names[-1]) or values[names[0]] or none_label
        rows.append((values[f"{prefix}__{key}"], label, values["n"]))
    rows.sort(key=lambda row: (-row[2], row[1]))
    return _rows(rows, total)


def _timing(aggregates: dict, name: str, measured: int) -> Timing:
    return Timing(measured=measured, median_hours=aggregates[f"{name}_median"], p90_hours=aggregates[f"{name}_p90"])


def ticket_summary(user, scope: SummaryScope, *, language: str = "fi", no_area_label: str = "") -> Summary:
    """Every figure of ``scope`` for ``user`` (about ten queries, none per ticket)."""
    tickets = summary_tickets(user, scope)
    now = timezone.now()
    measured = with_milestones(tickets)
    triage_hours = HoursBetween("created_at", "triaged_at")
    handling_hours = HoursBetween("created_at", "handled_at")
    figures = measured.order_by().aggregate(
        total=Count("pk"),
        praise=Count("pk", filter=Q(kind=FeedbackKind.PRAISE)),
        overdue_open=Count("pk", filter=Q(status__in=OPEN_STATUSES, due_at__lt=now)),
        triaged=Count("triaged_at"),
        handled=Count("handled_at"),
        handled_late=Count("pk", filter=Q(handled_at__gt=F("due_at"))),
        triage_median=PercentileCont(triage_hours, fraction=0.5),
        triage_p90=PercentileCont(triage_hours, fraction=0.9),
        handling_median=PercentileCont(handling_hours, fraction=0.5),
        handling_p90=PercentileCont(handling_hours, fraction=0.9),
    )
    total = figures["total"]
    rates, geojson = area_rates(tickets, language=language)
    return Summary(
        scope=scope,
        total=total,
        praise=figures["praise"],
        overdue_open=figures["overdue_open"],
        handled=figures["handled"],
        handled_late=figures["handled_late"],
        triage=_timing(figures, "triage", figures["triaged"]),
        handling=_timing(figures, "handling", figures["handled"]),
        by_category=_by_named(tickets, prefix="category", key="service_code", language=language, total=total),
        by_kind=_by_choice(tickets, "kind", FeedbackKind, total),
        by_status=_by_choice(tickets, "status", FeedbackStatus, total),
        by_channel=_by_choice(tickets, "channel", Channel, total),
        by_department=_by_named(tickets, prefix="department", key="code", language=language, total=total),
        by_area=_by_named(tickets, prefix="area", key="code", language=language, total=total,
                          none_label=no_area_label),
        area_rates=rates,
        areas_geojson=geojson,
    )


# Tickets per 1000 inhabitants by residential area ---------------------------------------------

# The residential areas tickets are placed in: the innermost ones (no area nested in them), not
# the whole city or a resident-budget region. One statement gives the rows of the table and the
# GeoJSON of the map (EPSG:4326, built by PostGIS), so the two always agree.
_AREA_RATES_SQL = """
WITH scope AS ({scope}),
counts AS (SELECT scope.area_id, count(*) AS tickets FROM scope GROUP BY scope.area_id),
rates AS (
    SELECT a.id, a.code,
           {name} AS name,
           a.population, a.population_year, a.population_source = 'estimate' AS estimate,
           COALESCE(counts.tickets, 0) AS tickets,
           CASE WHEN a.population > 0
                THEN round(COALESCE(counts.tickets, 0) * 1000.0 / a.population, 2)::double precision END
               AS per_thousand,
           a.boundary
    FROM city_area a
    LEFT JOIN counts ON counts.area_id = a.id
    WHERE a.kind NOT IN ('city', 'budget_area')
      AND NOT EXISTS (SELECT 1 FROM city_area child WHERE child.parent_id = a.id)
)
SELECT
    COALESCE(json_agg(json_build_object(
        'code', code, 'name', name, 'population', population, 'population_year', population_year,
        'estimate', estimate, 'count', tickets, 'per_thousand', per_thousand) ORDER BY name, code), '[]'::json)::text,
    json_build_object('type', 'FeatureCollection', 'features', COALESCE(json_agg(json_build_object(
        'type', 'Feature', 'id', code,
        'geometry', ST_AsGeoJSON(ST_Transform(ST_SimplifyPreserveTopology(boundary, 10), 4326), 5)::json,
        'properties', json_build_object('code', code, 'name', name, 'population', population,
                                        'count', tickets, 'per_thousand', per_thousand)
    ) ORDER BY code), '[]'::json))::text
FROM rates
"""


def area_rates(tickets: FeedbackQuerySet, *, language: str = "fi") -> tuple[list[AreaRate], str]:
    """Rows (by name) and a GeoJSON FeatureCollection of tickets per 1000 inhabitants per area."""
    try:
        scope_sql, scope_params = tickets.order_by().values("area_id").query.sql_with_params()
    except EmptyResultSet:  # a queryset that can hold nothing (.none())
        scope_sql, scope_params = "SELECT NULL::bigint AS area_id WHERE false", ()
    with connection.cursor() as cursor:
        cursor.execute(_AREA_RATES_SQL.format(scope=scope_sql, name=localized_name_sql("a", "%s")),
                       [*scope_params, language])
        rows_json, geojson = cursor.fetchone()
    rows = [
        AreaRate(code=row["code"], name=row["name"], population=row["population"],
                 population_year=row["population_year"], population_is_estimate=bool(row["estimate"]),
                 count=row["count"], per_thousand=row["per_thousand"])
        for row in json.loads(rows_json)
    ]
    return rows, geojson


@dataclass(frozen=True)
class RateClass:
    """One step of the map's colour scale: rates from ``low`` up to ``high`` (inclusive)."""

    low: float
    high: float
    colour: str


# Five classes light to dark, every step told apart from grey "no data": the city's design tokens.
CHOROPLETH_COLOURS = tuple(token(f"scale-{step}") for step in range(1, 6))
NO_DATA_COLOUR = token("no-data")


def rate_classes(rates: list[AreaRate]) -> list[RateClass]:
    """Five equal steps from 0 to the highest rate (one step when every rate is 0 or unknown)."""
    highest = max((rate.per_thousand for rate in rates if rate.per_thousand is not None), default=0.0)
    if highest <= 0:
        return [RateClass(low=0.0, high=0.0, colour=CHOROPLETH_COLOURS[0])]
    step = highest / CHOROPLETH_CLASSES
    return [
        RateClass(low=round(step * index, 2), high=round(step * (index + 1), 2) if index < CHOROPLETH_CLASSES - 1
                  else highest, colour=colour)
        for index, colour in enumerate(CHOROPLETH_COLOURS)
    ]


def rate_colour(per_thousand: float | None, classes: list[RateClass]) -> str:
    if per_thousand is None:
        return NO_DATA_COLOUR
    for rate_class in classes:
        if per_thousand <= rate_class.high:
            return rate_class.colour
    return classes[-1].colour


# Ticket rows for the export -------------------------------------------------------------------

TICKET_EXPORT_FIELDS = ("number", "created_at", "category__service_code", "category__name_fi", "kind", "status",
                        "channel", "area__code", "area__name_fi", "department__code", "handled_at")


def ticket_export_rows(user, scope: SummaryScope):
    """The scope's tickets as tuples of TICKET_EXPORT_FIELDS, oldest first, streamed from one query.

    Nothing personal: no reporter, no description (residents write names and phone numbers in
    it), no place finer than the residential area.
    """
    return (
        with_milestones(summary_tickets(user, scope))
        .order_by("created_at", "pk")
        .values_list(*TICKET_EXPORT_FIELDS)
        .iterator(chunk_size=2000)
    )
