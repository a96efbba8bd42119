"""The yearly participation report's figures (§4), section by section, for a year and a department or the
whole city; and the fingerprint that tells when any of the data they are read from has changed.

Every section is one or two SQL statements; nothing is counted in Python. The figures are plain JSON
without words in any language: kinds, groups and phases are codes, and the names of areas, departments,
plans and panels are given in Finnish, Swedish and English (``{"fi": …, "sv": …, "en": …}``), so one
stored report serves every language (pages, PDF, CSV and API pick the words when they show it).

Definitions (also in the README):

- The year is the calendar year in the city's time zone.
- **Feedback**: the tickets received in the year (spam and abuse, status rejected, left out), of the
  department (the ticket's current department) or all. Handled, the handling times (median and 90th
  percentile in days, from receipt to the first "handled") and the areas' figures are
  ``geo_feedback.summaries``' definitions, computed by its queryset helpers.
- **Zoning plans**: the published zoning plans (not service projects) of the department, created before
  the year's end and not already final (phase 6) when the year began; each with its phase at the year's
  end (from its phase history) and the published comments written in the year, by stakeholder group
  and by age band.
- **Resident budget**: the rounds whose voting began in the year. Rounds belong to no department, so a
  department's report leaves the section out and says so. Voters are ballots per budget area; the share
  is voters per the area's population when its money was split (else the area's own population).
- **Panels**: the panels of the department (all for the whole city). Members at the year's end from the
  panel's history: a member is in from their last "confirmed" or "added" up to the year's end until a
  later "left", "removed" or "expired"; a member with no history is counted by ``confirmed_at``.
  Messages are the invitations and newsletters sent in the year; emails are their outbox rows sent.
- **Events**: the participants staff entered for events held in the year.
- **Targets**: this year's figures against the targets set for this year (last year, for it), met or
  not (for the handling time: at most the target), and the targets set for next year.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime, time
from decimal import Decimal

from django.db import connection
from django.utils import timezone

from city.models import Department
from geo_feedback.models import Feedback, FeedbackKind
from geo_feedback.summaries import area_rates, with_milestones
from planning.models import (
    LOWER_IS_BETTER,
    PLAN_KINDS,
    AgeBand,
    CommentStatus,
    PanelAction,
    ParticipationMetric,
    StakeholderGroup,
)

M = ParticipationMetric
HOURS_PER_DAY = 24


@dataclass(frozen=True)
class ReportScope:
    """The year and the department (None: the whole city) a report is about."""

    year: int
    department: Department | None

    @property
    def department_id(self) -> int | None:
        return self.department.pk if self.department else None

    @property
    def start(self) -> datetime:
        return datetime.combine(datetime(self.year, 1, 1).date(), time.min, tzinfo=timezone.get_current_timezone())

    @property
    def end(self) -> datetime:
        return datetime.combine(datetime(self.year + 1, 1, 1).date(), time.min,
                                tzinfo=timezone.get_current_timezone())

    def params(self) -> dict:
        return {"start": self.start, "end": self.end, "department": self.department_id, "year": self.year}


def _one(sql: str, params) -> object:
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        row = cursor.fetchone()
    value = row[0]
    return json.loads(value) if isinstance(value, str) else value


def _days(hours: float | None) -> float | None:
    return None if hours is None else round(hours / HOURS_PER_DAY, 1)


# Feedback -------------------------------------------------------------------------------------

# One statement over geo_feedback's own definition of a ticket's milestones (the queryset's SQL):
# the totals, the kinds and the categories as grouping sets.
_FEEDBACK_SQL = """
WITH t AS ({tickets})
SELECT COALESCE(json_agg(json_build_object(
    'g_kind', g_kind, 'g_category', g_category, 'kind', kind, 'code', code,
    'name', json_build_object('fi', name_fi, 'sv', name_sv, 'en', name_en),
    'count', n, 'handled', handled, 'praise', praise, 'median', median, 'p90', p90)), '[]'::json)::text
FROM (
    SELECT GROUPING(t.kind) AS g_kind, GROUPING(c.service_code, c.name_fi, c.name_sv, c.name_en) AS g_category,
           t.kind, c.service_code AS code, c.name_fi, c.name_sv, c.name_en,
           count(*) AS n, count(t.handled_at) AS handled,
           count(*) FILTER (WHERE t.kind = %s) AS praise,
           percentile_cont(0.5) WITHIN GROUP (ORDER BY EXTRACT(EPOCH FROM t.handled_at - t.created_at) / 3600.0)
               AS median,
           percentile_cont(0.9) WITHIN GROUP (ORDER BY EXTRACT(EPOCH FROM t.handled_at - t.created_at) / 3600.0)
               AS p90
    FROM t JOIN geo_feedback_category c ON c.id = t.category_id
    GROUP BY GROUPING SETS ((t.kind), (c.service_code, c.name_fi, c.name_sv, c.name_en), ())
) grouped
"""


def _tickets(scope: ReportScope):
    tickets = Feedback.objects.public().filter(created_at__gte=scope.start, created_at__lt=scope.end)
    if scope.department is not None:
        tickets = tickets.filter(department=scope.department)
    return tickets


def feedback_figures(scope: ReportScope) -> dict:
    """Received, by kind and category, handled, median and 90th percentile handling days, praise, and by
    residential area with the rate per 1000 inhabitants (two statements)."""
    tickets = _tickets(scope)
    sql, params = with_milestones(tickets).order_by().values(
        "id", "kind", "category_id", "created_at", "handled_at").query.sql_with_params()
    rows = _one(_FEEDBACK_SQL.format(tickets=sql), [*params, FeedbackKind.PRAISE])
    total = next((row for row in rows if row["g_kind"] and row["g_category"]), None)
    kinds = {row["kind"]: row["count"] for row in rows if not row["g_kind"]}
    categories = sorted((row for row in rows if not row["g_category"]), key=lambda row: (-row["count"], row["code"]))
    rates, _geojson = area_rates(tickets)
    return {
        "received": total["count"] if total else 0,
        "handled": total["handled"] if total else 0,
        "praise": total["praise"] if total else 0,
        "median_days": _days(total["median"]) if total else None,
        "p90_days": _days(total["p90"]) if total else None,
        "by_kind": [{"key": kind, "count": kinds.get(kind, 0)} for kind in FeedbackKind.values],
        "by_category": [{"key": row["code"], "name": row["name"], "count": row["count"],
                         "handled": row["handled"], "median_days": _days(row["median"])} for row in categories],
        "by_area": [{"key": rate.code, "population": rate.population, "count": rate.count,
                     "per_thousand": rate.per_thousand} for rate in rates],
    }


# Zoning plans ---------------------------------------------------------------------------------

_PLANS_SQL = """
WITH plans AS (
    SELECT p.id, p.kind, p.name_fi, p.name_sv, p.name_en,
           COALESCE((SELECT e.to_phase FROM planning_processevent e
                     WHERE e.process_id = p.id AND e.to_phase IS NOT NULL AND e.created_at < %(end)s
                     ORDER BY e.created_at DESC, e.id DESC LIMIT 1), p.phase) AS phase_at_end,
           COALESCE((SELECT e.to_phase FROM planning_processevent e
                     WHERE e.process_id = p.id AND e.to_phase IS NOT NULL AND e.created_at < %(start)s
                     ORDER BY e.created_at DESC, e.id DESC LIMIT 1), 0) AS phase_at_start
    FROM planning_process p
    WHERE p.published AND p.kind = ANY(%(kinds)s) AND p.created_at < %(end)s
      AND (%(department)s::bigint IS NULL OR p.department_id = %(department)s::bigint)
),
active AS (SELECT * FROM plans WHERE phase_at_start < 6),
comments AS (
    SELECT c.process_id, c."group", c.age_band
    FROM planning_comment c JOIN active ON active.id = c.process_id
    WHERE c.status = %(published)s AND c.created_at >= %(start)s AND c.created_at < %(end)s
)
SELECT json_build_object(
    'plans', (SELECT COALESCE(json_agg(json_build_object(
                  'id', a.id, 'kind', a.kind, 'phase', a.phase_at_end,
                  'name', json_build_object('fi', a.name_fi, 'sv', a.name_sv, 'en', a.name_en),
                  'comments', (SELECT count(*) FROM comments c WHERE c.process_id = a.id))
              ORDER BY a.phase_at_end, a.name_fi, a.id), '[]'::json) FROM active a),
    'by_group', (SELECT COALESCE(json_object_agg(g, n), '{}'::json)
                 FROM (SELECT "group" AS g, count(*) AS n FROM comments GROUP BY "group") x),
    'by_age_band', (SELECT COALESCE(json_object_agg(b, n), '{}'::json)
                    FROM (SELECT age_band AS b, count(*) AS n FROM comments GROUP BY age_band) y),
    'comments', (SELECT count(*) FROM comments)
)::text
"""


def plan_figures(scope: ReportScope) -> dict:
    """The department's zoning plans active in the year by phase at the year's end, and the published
    comments written on them in the year by stakeholder group and age band (one statement)."""
    data = _one(_PLANS_SQL, {**scope.params(), "kinds": list(PLAN_KINDS), "published": CommentStatus.PUBLISHED})
    plans = data["plans"]

    def listed(counts: dict, keys: list[str]) -> list[dict]:
        rows = [{"key": key, "count": counts.get(key, 0)} for key in keys]
        return rows + [{"key": key, "count": n} for key, n in sorted(counts.items()) if key not in keys]

    return {
        "plans": plans,
        "by_phase": [{"key": phase, "plans": sum(1 for plan in plans if plan["phase"] == phase),
                      "comments": sum(plan["comments"] for plan in plans if plan["phase"] == phase)}
                     for phase in range(1, 7)],
        "comments": data["comments"],
        "by_group": listed(data["by_group"], [*StakeholderGroup.values, ""]),
        "by_age_band": listed(data["by_age_band"], [*AgeBand.values, ""]),
    }


# Resident budget ------------------------------------------------------------------------------

_BUDGET_SQL = """
SELECT COALESCE(json_agg(json_build_object(
    'id', r.id, 'year', r.year, 'voting_start', r.voting_start, 'voting_end', r.voting_end,
    'name', json_build_object('fi', r.name_fi, 'sv', r.name_sv, 'en', r.name_en),
    'areas', (SELECT COALESCE(json_agg(json_build_object(
                  'key', a.code, 'voters', v.voters, 'population', v.population,
                  'share', CASE WHEN v.population > 0 THEN round(100.0 * v.voters / v.population, 2)::float END)
              ORDER BY a.code), '[]'::json)
              FROM (SELECT area_id, sum(voters)::int AS voters, max(population) AS population FROM (
                        SELECT b.area_id, count(*) AS voters, NULL::int AS population
                        FROM planning_ballot b WHERE b.round_id = r.id GROUP BY b.area_id
                        UNION ALL
                        SELECT al.area_id, 0, al.population FROM planning_budgetallocation al WHERE al.round_id = r.id
                    ) parts GROUP BY area_id) v0
              CROSS JOIN LATERAL (SELECT v0.voters,
                                         COALESCE(v0.population, (SELECT population FROM city_area
                                                                  WHERE id = v0.area_id)) AS population) v
              JOIN city_area a ON a.id = v0.area_id)
) ORDER BY r.voting_start, r.id), '[]'::json)::text
FROM planning_budgetround r
WHERE r.voting_start >= %(start_day)s AND r.voting_start < %(end_day)s
"""


def budget_figures(scope: ReportScope) -> dict:
    """Voters per budget area and as a share of its population, for the rounds whose voting began in the
    year (one statement). Only the whole city's report has it: rounds belong to no department."""
    if scope.department is not None:
        return {"applies": False, "rounds": [], "voters": 0}
    rounds = _one(_BUDGET_SQL, {"start_day": scope.start.date(), "end_day": scope.end.date()})
    for budget in rounds:
        budget["voters"] = sum(area["voters"] for area in budget["areas"])
        population = sum(area["population"] or 0 for area in budget["areas"])
        budget["population"] = population
        budget["share"] = round(100 * budget["voters"] / population, 2) if population else None
    return {"applies": True, "rounds": rounds, "voters": sum(budget["voters"] for budget in rounds)}


# Panels ---------------------------------------------------------------------------------------

_PANELS_SQL = """
WITH panels AS (
    SELECT p.* FROM planning_panel p
    WHERE p.created_at < %(end)s AND (%(department)s::bigint IS NULL OR p.department_id = %(department)s::bigint)
),
last_move AS (
    SELECT DISTINCT ON (e.panel_id, e.member_number) e.panel_id, e.member_number, e.action
    FROM planning_panelevent e JOIN panels ON panels.id = e.panel_id
    WHERE e.member_number IS NOT NULL AND e.created_at < %(end)s AND e.action = ANY(%(moves)s)
    ORDER BY e.panel_id, e.member_number, e.created_at DESC, e.id DESC
),
with_history AS (
    SELECT DISTINCT e.panel_id, e.member_number FROM planning_panelevent e JOIN panels ON panels.id = e.panel_id
    WHERE e.member_number IS NOT NULL AND e.action = ANY(%(moves)s)
),
members AS (
    SELECT panel_id, count(*) AS n FROM (
        SELECT panel_id, member_number FROM last_move WHERE action = ANY(%(in)s)
        UNION
        SELECT m.panel_id, m.id FROM planning_panelmember m JOIN panels ON panels.id = m.panel_id
        WHERE m.confirmed_at < %(end)s
          AND NOT EXISTS (SELECT 1 FROM with_history h WHERE h.panel_id = m.panel_id AND h.member_number = m.id)
    ) inside GROUP BY panel_id
),
messages AS (
    SELECT m.panel_id, count(*) AS n, COALESCE(sum(sent.n), 0) AS emails
    FROM planning_panelmessage m JOIN panels ON panels.id = m.panel_id
    LEFT JOIN LATERAL (SELECT count(*) AS n FROM city_notification o
                       WHERE o.about_type_id = %(message_type)s AND o.about_id = m.id AND o.sent_at IS NOT NULL) sent
           ON true
    WHERE m.created_at >= %(start)s AND m.created_at < %(end)s
    GROUP BY m.panel_id
)
SELECT COALESCE(json_agg(json_build_object(
    'key', p.slug, 'kind', p.kind, 'name', json_build_object('fi', p.name_fi, 'sv', p.name_sv, 'en', p.name_en),
    'members', COALESCE(members.n, 0), 'messages', COALESCE(messages.n, 0), 'emails', COALESCE(messages.emails, 0))
    ORDER BY p.kind, p.name_fi, p.id), '[]'::json)::text
FROM panels p LEFT JOIN members ON members.panel_id = p.id LEFT JOIN messages ON messages.panel_id = p.id
"""

MEMBER_IN = (PanelAction.CONFIRMED, PanelAction.ADDED)
MEMBER_OUT = (PanelAction.LEFT, PanelAction.REMOVED, PanelAction.EXPIRED)


def _panel_message_type() -> int:
    from django.contrib.contenttypes.models import ContentType

    from planning.models import PanelMessage

    return ContentType.objects.get_for_model(PanelMessage).pk


def panel_figures(scope: ReportScope) -> dict:
    """Every panel's members at the year's end, messages sent in the year and their emails sent."""
    panels = _one(_PANELS_SQL, {**scope.params(), "moves": [*MEMBER_IN, *MEMBER_OUT], "in": list(MEMBER_IN),
                                "message_type": _panel_message_type()})
    return {"panels": panels, "members": sum(p["members"] for p in panels),
            "messages": sum(p["messages"] for p in panels), "emails": sum(p["emails"] for p in panels)}


# Events ---------------------------------------------------------------------------------------

_EVENTS_SQL = """
SELECT COALESCE(json_agg(json_build_object(
    'id', e.id, 'name', e.name, 'held_on', e.held_on, 'participants', e.participants, 'area', a.code,
    'department', d.code) ORDER BY e.held_on, e.id), '[]'::json)::text
FROM planning_eventattendance e
LEFT JOIN city_area a ON a.id = e.area_id LEFT JOIN city_department d ON d.id = e.department_id
WHERE e.held_on >= %(start_day)s AND e.held_on < %(end_day)s
  AND (%(department)s::bigint IS NULL OR e.department_id = %(department)s::bigint)
"""


def event_figures(scope: ReportScope) -> dict:
    """The events held in the year with their participants (the whole city's report: every event)."""
    events = _one(_EVENTS_SQL, {"start_day": scope.start.date(), "end_day": scope.end.date(),
                                "department": scope.department_id})
    return {"events": events, "count": len(events), "participants": sum(e["participants"] for e in events)}


# Targets --------------------------------------------------------------------------------------

_TARGETS_SQL = """
SELECT COALESCE(json_agg(json_build_object(
    'year', t.year, 'department', d.code, 'metric', t.metric, 'value', t.value, 'note', t.note)
    ORDER BY t.year, d.name_fi NULLS FIRST, t.metric), '[]'::json)::text
FROM planning_participationtarget t LEFT JOIN city_department d ON d.id = t.department_id
WHERE (t.year = %(year)s AND t.department_id IS NOT DISTINCT FROM %(department)s::bigint)
   OR (t.year = %(year)s + 1 AND (%(department)s::bigint IS NULL OR t.department_id = %(department)s::bigint))
"""


def metric_values(figures: dict) -> dict[str, float | None]:
    """This year's figure of every metric a target can be set for."""
    feedback, panels = figures["feedback"], figures["panels"]
    return {
        M.FEEDBACK_RECEIVED: feedback["received"],
        M.FEEDBACK_HANDLED: feedback["handled"],
        M.HANDLING_MEDIAN_DAYS: feedback["median_days"],
        M.PRAISE: feedback["praise"],
        M.PLAN_COMMENTS: figures["plans"]["comments"],
        M.BUDGET_VOTERS: figures["budget"]["voters"] if figures["budget"]["applies"] else None,
        M.PANEL_MEMBERS: panels["members"],
        M.PANEL_MESSAGES: panels["messages"],
        M.EVENT_PARTICIPANTS: figures["events"]["participants"],
    }


def target_met(metric: str, value: float | None, target: float | None) -> str:
    """"met", "not_met" or "no_target" ("not_met" also when the figure could not be measured)."""
    if target is None:
        return "no_target"
    if value is None:
        return "not_met"
    return "met" if (value <= target if metric in LOWER_IS_BETTER else value >= target) else "not_met"


def target_figures(scope: ReportScope, figures: dict) -> dict:
    """This year's figures against the targets set for this year, and the targets set for next year
    (the whole city's report lists every department's)."""
    targets = _one(_TARGETS_SQL, scope.params())
    own = {t["metric"]: float(Decimal(str(t["value"]))) for t in targets if t["year"] == scope.year}
    values = metric_values(figures)
    comparison = []
    for metric in M.values:
        if metric == M.BUDGET_VOTERS and scope.department is not None:
            continue
        target = own.get(metric)
        comparison.append({"key": metric, "value": values[metric], "target": target,
                           "status": target_met(metric, values[metric], target)})
    return {
        "comparison": comparison,
        "met": sum(1 for row in comparison if row["status"] == "met"),
        "not_met": sum(1 for row in comparison if row["status"] == "not_met"),
        "next_year": [{"department": t["department"], "key": t["metric"], "target": float(t["value"]),
                       "note": t["note"]} for t in targets if t["year"] == scope.year + 1],
    }


# Names ----------------------------------------------------------------------------------------

_NAMES_SQL = """
SELECT json_build_object(
    'areas', (SELECT COALESCE(json_object_agg(a.code, json_build_object('fi', a.name_fi, 'sv', a.name_sv,
                                                                         'en', a.name_en)), '{}'::json)
              FROM city_area a WHERE a.code = ANY(%(areas)s)),
    'departments', (SELECT COALESCE(json_object_agg(d.code, json_build_object('fi', d.name_fi, 'sv', d.name_sv,
                                                                               'en', d.name_en)), '{}'::json)
                    FROM city_department d WHERE d.code = ANY(%(departments)s))
)::text
"""


def names(figures: dict) -> dict:
    """The names of the areas and departments the figures speak of, in three languages (one statement)."""
    areas = {row["key"] for row in figures["feedback"]["by_area"]}
    areas |= {area["key"] for budget in figures["budget"]["rounds"] for area in budget["areas"]}
    areas |= {event["area"] for event in figures["events"]["events"] if event["area"]}
    departments = {event["department"] for event in figures["events"]["events"] if event["department"]}
    departments |= {t["department"] for t in figures["targets"]["next_year"] if t["department"]}
    if figures["department"]:
        departments.add(figures["department"])
    return _one(_NAMES_SQL, {"areas": sorted(areas), "departments": sorted(departments)})


# The sections in the order the job computes them: (key, function); the names come last, from the rest.
SECTIONS = (
    ("feedback", feedback_figures),
    ("plans", plan_figures),
    ("budget", budget_figures),
    ("panels", panel_figures),
    ("events", event_figures),
    ("targets", None),
    ("names", None),
)


def compute_section(key: str, scope: ReportScope, figures: dict) -> object:
    if key == "targets":
        return target_figures(scope, figures)
    if key == "names":
        return names(figures)
    return dict(SECTIONS)[key](scope)


def report_figures(scope: ReportScope) -> dict:
    """Every section at once (the job does the same one section at a time, saving its progress)."""
    figures: dict = {"year": scope.year, "department": scope.department.code if scope.department else None}
    for key, _function in SECTIONS:
        figures[key] = compute_section(key, scope, figures)
    return figures


# Fingerprint ----------------------------------------------------------------------------------

# Counts and the largest ids and times of every table the report reads, in one statement: an insert,
# a delete or a change (each change writes an event row or moves a time) gives another digest.
_FINGERPRINT_SQL = """
SELECT md5(concat_ws('|',
    (SELECT concat_ws(',', count(*), max(id), max(updated_at)) FROM geo_feedback_feedback),
    (SELECT concat_ws(',', count(*), max(id)) FROM geo_feedback_feedbackevent),
    (SELECT concat_ws(',', count(*), max(id), sum(department_id)) FROM geo_feedback_category),
    (SELECT concat_ws(',', count(*), max(id), max(updated_at)) FROM planning_process),
    (SELECT concat_ws(',', count(*), max(id)) FROM planning_processevent),
    (SELECT concat_ws(',', count(*), max(id), sum(CASE WHEN status = 'published' THEN id ELSE 0 END))
     FROM planning_comment),
    (SELECT concat_ws(',', count(*), max(id), max(created_at), max(voting_start)) FROM planning_budgetround),
    (SELECT concat_ws(',', count(*), max(id), max(updated_at)) FROM planning_ballot),
    (SELECT concat_ws(',', count(*), max(id), sum(population)) FROM planning_budgetallocation),
    (SELECT concat_ws(',', count(*), max(updated_at), sum(population)) FROM city_area),
    (SELECT concat_ws(',', count(*), max(id), sum(COALESCE(department_id, 0))) FROM planning_panel),
    (SELECT concat_ws(',', count(*), max(id), max(confirmed_at)) FROM planning_panelmember),
    (SELECT concat_ws(',', count(*), max(id)) FROM planning_panelevent),
    (SELECT concat_ws(',', count(*), max(id)) FROM planning_panelmessage),
    (SELECT concat_ws(',', count(*), max(sent_at)) FROM city_notification
     WHERE about_type_id = %(message_type)s AND sent_at IS NOT NULL),
    (SELECT concat_ws(',', count(*), max(id), sum(participants)) FROM planning_eventattendance),
    (SELECT concat_ws(',', count(*), max(id), max(updated_at)) FROM planning_participationtarget),
    (SELECT concat_ws(',', count(*), max(id)) FROM city_department)
))
"""


def report_fingerprint() -> str:
    """A digest that changes whenever any data the report reads changes (one statement)."""
    with connection.cursor() as cursor:
        cursor.execute(_FINGERPRINT_SQL, {"message_type": _panel_message_type()})
        return cursor.fetchone()[0]
