"""Reads of the planning map (/osallistumiskartta/): where the zoning half and the resident budget meet.

Everything is built by PostGIS as JSON, a statement per question, in the language asked for:

- ``participation_layers`` (1 statement): the map's layers in EPSG:4326 — the published plans with
  their phase, the budget areas with their money in the current round, that round's proposals as
  points and the residential areas one chooses from. The feedback layer comes from geo_feedback's
  selector (1 more statement): a point per area with its counts, not a pin per report, so the map
  stays a few dozen features however many thousands of reports there are.
- ``area_participation`` (1 statement, + 1 for the feedback figures): one area's facts — the plans
  touching it (affected, or served by a service project) with their phase and what residents can do
  now, the stakeholder groups mapped for it, its budget area's money, proposals and results.
- ``plan_participation`` (1 statement): one plan's affected areas with their budget areas' money,
  and the groups it affects.

The **current round** is the newest round residents may see: past preparation, the latest year
first, then the latest created. An area's budget is its nearest budget-area ancestor's (itself,
for a budget area) allocation in that round.

Only what is public: published plans, groups a planner accepted, proposals not withdrawn (merged ones
on the map only through the proposal they joined), results once the round is in its results phase.
"""

from __future__ import annotations

import functools
import json
from collections.abc import Mapping
from types import MappingProxyType

from django.db import connection
from django.urls import NoReverseMatch
from django.utils import translation

from city.links import page_path
from city.models import AreaKind, ChannelKind
from city.place_areas import NOT_RESIDENTIAL, PlaceArea, places_with_areas  # noqa: F401 (the map's address search)
from city.sql import localized_name_sql
from geo_feedback.selectors import feedback_area_figures, feedback_figures_by_area_geojson
from planning.models import BudgetPhase, ProposalStatus, ResultRule
from planning.selectors import _language_params as _plan_language_params

# Proposals residents see in lists; a merged one is shown (it says where it went), a withdrawn one is not.
LISTED_PROPOSALS = [s.value for s in ProposalStatus if s != ProposalStatus.WITHDRAWN]
# Proposals drawn as points: a merged one is drawn through the proposal it joined.
MAPPED_PROPOSALS = [s.value for s in ProposalStatus if s not in (ProposalStatus.WITHDRAWN, ProposalStatus.MERGED)]
PROPOSALS_LISTED_MAX = 50  # an area's list; the count says how many there are in all


def _one_line(sql: str) -> str:
    """psycopg caches its parsing of a statement only up to 4 KB; the literals hold no runs of spaces."""
    return " ".join(sql.split())


def _prefix(name: str, language: str, placeholder: str = "0") -> str | None:
    """The path of page ``name`` for an argument, less the argument: SQL appends the id or code."""
    try:
        path = page_path(name, language, placeholder)
    except NoReverseMatch:  # a page not built yet (a proposal's own page): no link rather than a wrong one
        return None
    return path[: path.rindex(placeholder)]


ID_PLACEHOLDER = "987654321"  # stands for a round's id in a page's address; SQL puts the id in its place


def _template(name: str, language: str) -> str | None:
    """The path of page ``name`` of a round, with ID_PLACEHOLDER for its id; None for a page not built."""
    try:
        return page_path(name, language, int(ID_PLACEHOLDER))
    except NoReverseMatch:
        return None


def _labels(choices) -> str:
    return json.dumps({str(value): str(label) for value, label in choices.choices})


@functools.lru_cache(maxsize=8)
def _language_params(language: str) -> Mapping[str, object]:
    """What the map's SQL reads besides its rows, in one language (made once a language: the
    catalogues are read at start): the plans' labels, the budget's labels and the pages' addresses."""
    with translation.override(language):
        return MappingProxyType({
            **_plan_language_params(language),
            "area_kind_labels": _labels(AreaKind),
            "budget_phase_labels": _labels(BudgetPhase),
            "proposal_labels": _labels(ProposalStatus),
            "rule_labels": _labels(ResultRule),
            "channel_labels": _labels(ChannelKind),
            "area_prefix": _prefix("participation_map:area", language, "CODE"),
            "map_plan_prefix": _prefix("participation_map:plan", language),
            "round_prefix": _prefix("budget-round", language),
            "round_proposals": _template("budget_proposals:list", language),
            "round_results": _template("budget_results:page", language),
            "id_placeholder": ID_PLACEHOLDER,
            "proposal_prefix": _prefix("budget_proposals:detail", language),
            "feedback_prefix": page_path("feedback_pages:map", language) + "?area=",
            "not_residential": NOT_RESIDENTIAL,
            "listed": LISTED_PROPOSALS,
            "mapped": MAPPED_PROPOSALS,
            "listed_max": PROPOSALS_LISTED_MAX,
            "budget_kind": AreaKind.BUDGET_AREA.value,
            "preparation": BudgetPhase.PREPARATION.value,
            "results_phase": BudgetPhase.RESULTS.value,
        })


# The newest round residents may see (see the module's docstring).
_CURRENT_ROUND = """current_round AS (
    SELECT r.* FROM planning_budgetround r WHERE r.phase <> %(preparation)s
    ORDER BY r.year DESC, r.created_at DESC, r.id DESC LIMIT 1
)"""

_ROUND_JSON = """CASE WHEN r.id IS NOT NULL THEN json_build_object(
    'id', r.id, 'name', {round_name}, 'year', r.year, 'phase', r.phase,
    'phase_label', %(budget_phase_labels)s::jsonb ->> r.phase, 'url', %(round_prefix)s || r.id || '/',
    'proposals_url', replace(%(round_proposals)s, %(id_placeholder)s, r.id::text),
    'results_url', CASE WHEN r.phase = %(results_phase)s THEN replace(%(round_results)s, %(id_placeholder)s, r.id::text) END) END
""".format(round_name=localized_name_sql("r"))

# A plan as the map's lists show it: its phase as its kind names it, and what residents can do now.
_PLAN_JSON = """
    'id', p.id, 'name', {plan_name}, 'kind', p.kind, 'kind_label', %(kind_labels)s::jsonb ->> p.kind,
    'phase', p.phase, 'phase_name', %(phase_names)s::jsonb -> p.kind ->> p.phase::text,
    'what_residents_can_do', %(can_do)s::jsonb ->> p.phase::text,
    'accepts_comments', p.phase = ANY(%(comment_phases)s),
    'url', %(url_prefix)s || p.id || '/', 'map_url', %(map_plan_prefix)s || p.id || '/'
""".format(plan_name=localized_name_sql("p"))

# The layers ------------------------------------------------------------------------------------

_LAYERS_SQL = _one_line("""
WITH {current_round},
innermost AS (
    SELECT a.id, a.code, a.boundary, {area_name} AS name, a.population FROM city_area a
    WHERE a.kind <> ALL(%(not_residential)s)
      AND NOT EXISTS (SELECT FROM city_area c WHERE c.parent_id = a.id AND c.kind <> ALL(%(not_residential)s))
)
SELECT json_build_object(
    'round', (SELECT {round_json} FROM current_round r),
    'plans', json_build_object('type', 'FeatureCollection', 'features', (
        SELECT COALESCE(json_agg(json_build_object(
            'type', 'Feature', 'id', p.id,
            'geometry', ST_AsGeoJSON(ST_Transform(ST_SimplifyPreserveTopology(p.boundary, 2), 4326), 6)::json,
            'properties', json_build_object({plan_json})
        ) ORDER BY p.phase, {plan_name}, p.id), '[]'::json)
        FROM planning_process p WHERE p.published
    )),
    'budget_areas', json_build_object('type', 'FeatureCollection', 'features', (
        SELECT COALESCE(json_agg(json_build_object(
            'type', 'Feature', 'id', b.code,
            'geometry', ST_AsGeoJSON(ST_Transform(ST_SimplifyPreserveTopology(b.boundary, 25), 4326), 6)::json,
            'properties', json_build_object(
                'code', b.code, 'name', {budget_name},
                'amount', COALESCE(x.override_amount, x.computed_amount), 'population', x.population,
                'override_reason', NULLIF(x.override_reason, ''),
                'proposals', (SELECT count(*) FROM planning_budgetproposal bp JOIN current_round r ON r.id = bp.round_id
                              WHERE bp.area_id = b.id AND bp.status = ANY(%(listed)s)),
                'url', %(area_prefix)s || b.code || '/')
        ) ORDER BY b.code), '[]'::json)
        FROM city_area b
        LEFT JOIN current_round r ON true
        LEFT JOIN planning_budgetallocation x ON x.round_id = r.id AND x.area_id = b.id
        WHERE b.kind = %(budget_kind)s
    )),
    'proposals', json_build_object('type', 'FeatureCollection', 'features', (
        SELECT COALESCE(json_agg(json_build_object(
            'type', 'Feature', 'id', bp.id,
            'geometry', ST_AsGeoJSON(ST_Transform(bp.location, 4326), 6)::json,
            'properties', json_build_object(
                'id', bp.id, 'title', bp.title, 'status', bp.status,
                'status_label', %(proposal_labels)s::jsonb ->> bp.status, 'cost_estimate', bp.cost_estimate,
                'area', pa.code, 'area_name', {proposal_area_name},
                'url', %(proposal_prefix)s || bp.id || '/')
        ) ORDER BY bp.created_at, bp.id), '[]'::json)
        FROM planning_budgetproposal bp JOIN current_round r ON r.id = bp.round_id
        LEFT JOIN city_area pa ON pa.id = bp.area_id
        WHERE bp.location IS NOT NULL AND bp.status = ANY(%(mapped)s)
    )),
    'areas', json_build_object('type', 'FeatureCollection', 'features', (
        SELECT COALESCE(json_agg(json_build_object(
            'type', 'Feature', 'id', i.code,
            'geometry', ST_AsGeoJSON(ST_Transform(ST_SimplifyPreserveTopology(i.boundary, 10), 4326), 6)::json,
            'properties', json_build_object('code', i.code, 'name', i.name, 'population', i.population,
                                            'url', %(area_prefix)s || i.code || '/')
        ) ORDER BY i.name, i.code), '[]'::json)
        FROM innermost i
    ))
)::text
""".format(current_round=_CURRENT_ROUND, round_json=_ROUND_JSON, plan_json=_PLAN_JSON,
           plan_name=localized_name_sql("p"), area_name=localized_name_sql("a"),
           budget_name=localized_name_sql("b"), proposal_area_name=localized_name_sql("pa")))


def participation_layers(*, language: str) -> dict:
    """The planning map's layers (2 statements): ``round`` (the current round or None), and the
    FeatureCollections ``plans``, ``budget_areas``, ``proposals``, ``areas`` (the innermost residential
    areas, to choose from) and ``feedback`` (a point per area with its counts of the last 12 months)."""
    with connection.cursor() as cursor:
        cursor.execute(_LAYERS_SQL, _language_params(language))
        layers = json.loads(cursor.fetchone()[0])
    layers["feedback"] = json.loads(feedback_figures_by_area_geojson(language=language))
    return layers


# One area's facts -----------------------------------------------------------------------------

_AREA_SQL = _one_line("""
WITH RECURSIVE target AS (
    SELECT a.* FROM city_area a WHERE a.code = %(code)s
), tree AS (
    SELECT id FROM target
    UNION ALL
    SELECT c.id FROM city_area c JOIN tree ON c.parent_id = tree.id
), up AS (
    SELECT t.id, t.parent_id, t.kind, 0 AS depth FROM target t
    UNION ALL
    SELECT p.id, p.parent_id, p.kind, up.depth + 1 FROM city_area p JOIN up ON p.id = up.parent_id WHERE up.depth < 32
), budget_area AS (
    SELECT b.* FROM up JOIN city_area b ON b.id = up.id WHERE up.kind = %(budget_kind)s ORDER BY up.depth LIMIT 1
), {current_round},
touching AS (
    SELECT aa.process_id AS id, max(aa.share_inside) AS share, min(aa.distance_m) AS distance,
           sum(aa.residents_estimate) AS residents, false AS served
    FROM planning_affectedarea aa WHERE aa.area_id IN (SELECT id FROM tree) GROUP BY aa.process_id
    UNION ALL
    SELECT p.id, NULL, NULL, NULL, true FROM planning_process p
    WHERE p.area_id IN (SELECT id FROM tree)
      AND NOT EXISTS (SELECT FROM planning_affectedarea aa WHERE aa.process_id = p.id AND aa.area_id IN (SELECT id FROM tree))
), plans AS (
    SELECT p.*, t.share, t.distance, t.residents, t.served FROM touching t JOIN planning_process p ON p.id = t.id
    WHERE p.published
), allocation AS (
    SELECT x.* FROM planning_budgetallocation x, current_round r, budget_area b WHERE x.round_id = r.id AND x.area_id = b.id
), proposals AS (
    SELECT bp.* FROM planning_budgetproposal bp, current_round r, budget_area b
    WHERE bp.round_id = r.id AND bp.area_id = b.id AND bp.status = ANY(%(listed)s)
), result AS (
    SELECT res.* FROM planning_budgetresult res, current_round r, budget_area b
    WHERE res.round_id = r.id AND res.area_id = b.id AND res.rule = r.official_rule AND r.phase = %(results_phase)s
), channels AS (
    SELECT c.*, CASE WHEN c.area_id = (SELECT id FROM target) THEN 0 WHEN c.area_id IN (SELECT id FROM tree) THEN 1
                     ELSE 2 + (SELECT min(up.depth) FROM up WHERE up.id = c.area_id) END AS reach
    FROM city_areachannel c WHERE c.area_id IN (SELECT id FROM tree) OR c.area_id IN (SELECT id FROM up)
)
SELECT json_build_object(
    'area', json_build_object(
        'code', t.code, 'name', {area_name}, 'kind', t.kind, 'kind_label', %(area_kind_labels)s::jsonb ->> t.kind,
        'population', t.population, 'population_year', t.population_year,
        'population_source', NULLIF(t.population_source, ''),
        'parent', (SELECT json_build_object('code', pa.code, 'name', {parent_name}) FROM city_area pa WHERE pa.id = t.parent_id),
        'url', %(area_prefix)s || t.code || '/'),
    'budget_area', (SELECT json_build_object('code', b.code, 'name', {budget_name}, 'url', %(area_prefix)s || b.code || '/')
                    FROM budget_area b),
    'plans', (SELECT COALESCE(json_agg(json_build_object({plan_json},
                  'inside', COALESCE(p.share > 0, false), 'served', p.served,
                  'share_inside', round((p.share * 100)::numeric, 1), 'distance_m', round(p.distance::numeric),
                  'residents_estimate', p.residents
              ) ORDER BY p.served DESC, p.share DESC NULLS LAST, p.distance, p.id), '[]'::json) FROM plans p),
    'groups', (SELECT COALESCE(json_agg(json_build_object(
                  'group', m."group", 'group_label', %(group_labels)s::jsonb ->> m."group",
                  'plan', json_build_object('id', p.id, 'name', {plan_name}, 'url', %(url_prefix)s || p.id || '/'),
                  'area', CASE WHEN ma.id IS NOT NULL THEN json_build_object('code', ma.code, 'name', {mapped_name}) END,
                  'why', m.why, 'how_reached', m.how_reached, 'when_reached', m.when_reached,
                  'residents_estimate', m.residents_estimate
              ) ORDER BY m."group", {plan_name}, p.id, ma.code NULLS FIRST), '[]'::json)
              FROM planning_stakeholdermapping m JOIN plans p ON p.id = m.process_id
              LEFT JOIN city_area ma ON ma.id = m.area_id
              WHERE NOT m.proposed AND (m.area_id IS NULL OR m.area_id IN (SELECT id FROM tree))),
    'budget', (SELECT json_build_object(
                  'round', {round_json},
                  'amount', (SELECT COALESCE(x.override_amount, x.computed_amount) FROM allocation x),
                  'population', (SELECT x.population FROM allocation x),
                  'override_reason', (SELECT NULLIF(x.override_reason, '') FROM allocation x),
                  'proposals_count', (SELECT count(*) FROM proposals),
                  'proposals', (SELECT COALESCE(json_agg(json_build_object(
                      'id', q.id, 'title', q.title, 'status', q.status,
                      'status_label', %(proposal_labels)s::jsonb ->> q.status, 'cost_estimate', q.cost_estimate,
                      'url', %(proposal_prefix)s || q.id || '/') ORDER BY q.created_at DESC, q.id DESC), '[]'::json)
                      FROM (SELECT * FROM proposals ORDER BY created_at DESC, id DESC LIMIT %(listed_max)s) q),
                  'results', (SELECT json_build_object(
                      'rule', res.rule, 'rule_label', %(rule_labels)s::jsonb ->> res.rule,
                      'budget', res.budget, 'spent', res.spent, 'voters', res.voters,
                      'projects', (SELECT COALESCE(json_agg(json_build_object(
                          'id', bp.id, 'title', bp.title, 'votes', rp.votes, 'cost', rp.cost,
                          'selected', rp.selected, 'position', rp.position, 'url', %(proposal_prefix)s || bp.id || '/'
                      ) ORDER BY rp.selected DESC, rp.position NULLS LAST, rp.votes DESC, bp.id), '[]'::json)
                          FROM planning_budgetresultproject rp JOIN planning_budgetproposal bp ON bp.id = rp.proposal_id
                          WHERE rp.result_id = res.id)) FROM result res))
               FROM current_round r CROSS JOIN budget_area b),
    'channels', (SELECT COALESCE(json_agg(json_build_object(
                  'kind', c.kind, 'kind_label', %(channel_labels)s::jsonb ->> c.kind, 'name', c.name,
                  'url', NULLIF(c.url, ''), 'how_to_join', NULLIF(c.how_to_join, ''), 'kept_by', NULLIF(c.kept_by, ''),
                  'checked_on', c.checked_on, 'own', c.reach = 0,
                  'area', json_build_object('code', ca.code, 'name', {channel_area_name}, 'url', %(area_prefix)s || ca.code || '/')
              ) ORDER BY c.reach, c.kind, c.name, c.id), '[]'::json)
              FROM channels c JOIN city_area ca ON ca.id = c.area_id),
    'meeting_places', json_build_object('type', 'FeatureCollection', 'features', (
        SELECT COALESCE(json_agg(json_build_object(
            'type', 'Feature', 'id', m.id,
            'geometry', ST_AsGeoJSON(ST_Transform(m.location, 4326), 6)::json,
            'properties', json_build_object(
                'id', m.id, 'name', m.name, 'street_address', m.street_address, 'capacity', m.capacity,
                'accessible', m.accessible, 'how_to_book', m.how_to_book, 'booking_url', NULLIF(m.booking_url, ''),
                'door', m.door, 'area', json_build_object('code', ma.code, 'name', {place_area_name}))
        ) ORDER BY m.name, m.id), '[]'::json)
        FROM city_meetingplace m JOIN city_area ma ON ma.id = m.area_id WHERE m.area_id IN (SELECT id FROM tree))),
    'boundary', CASE WHEN %(with_boundary)s THEN
        ST_AsGeoJSON(ST_Transform(ST_SimplifyPreserveTopology(t.boundary, 5), 4326), 6)::json END
)::text
FROM target t
""".format(current_round=_CURRENT_ROUND, round_json=_ROUND_JSON, plan_json=_PLAN_JSON,
           plan_name=localized_name_sql("p"), area_name=localized_name_sql("t"), parent_name=localized_name_sql("pa"),
           budget_name=localized_name_sql("b"), mapped_name=localized_name_sql("ma"),
           channel_area_name=localized_name_sql("ca"), place_area_name=localized_name_sql("ma")))


def area_participation(code: str, *, language: str, with_boundary: bool = False) -> dict | None:
    """One area's facts (2 statements), or None if no area has ``code``: ``area``, ``budget_area``,
    ``plans``, ``groups``, ``budget`` (None without a current round or a budget area), ``channels``
    (the area's own, those of the areas inside it, then those of the areas it lies in: ``own`` says
    which are its own), ``meeting_places`` (a FeatureCollection of points in EPSG:4326: the area's and
    those of the areas inside it) and ``feedback`` (public feedback of the last 12 months: received,
    open, handled, median days to handle). ``with_boundary`` adds ``boundary``, the area's outline
    in EPSG:4326 (simplified by 5 m) for the area page's map."""
    if "\x00" in code:  # no code holds a NUL (nor can PostgreSQL text)
        return None
    params = _language_params(language)
    with connection.cursor() as cursor:
        cursor.execute(_AREA_SQL, {**params, "code": code, "with_boundary": with_boundary})
        row = cursor.fetchone()
    if row is None:
        return None
    facts = json.loads(row[0])
    if not with_boundary:
        del facts["boundary"]
    figures = feedback_area_figures(code)
    if figures is None:  # the area was deleted between the two statements
        return None
    facts["feedback"] = {
        "days": figures.days, "received": figures.received, "open": figures.open, "handled": figures.handled,
        "median_days_to_handle": figures.median_days_to_handle, "url": params["feedback_prefix"] + code,
    }
    return facts


# One plan's facts -----------------------------------------------------------------------------

# The plan's affected areas (a service project without a boundary: the area it serves), each with
# its nearest budget-area ancestor and that area's money in the current round, and the groups a
# planner accepted for the plan.
_PLAN_SQL = _one_line("""
WITH RECURSIVE {current_round},
plan AS (
    SELECT p.* FROM planning_process p WHERE p.id = %(id)s AND p.published
), areas AS (
    SELECT aa.area_id, aa.share_inside AS share, aa.distance_m AS distance, aa.residents_estimate AS residents,
           false AS served
    FROM planning_affectedarea aa JOIN plan ON plan.id = aa.process_id
    UNION ALL
    SELECT plan.area_id, NULL, NULL, NULL, true FROM plan
    WHERE plan.area_id IS NOT NULL
      AND NOT EXISTS (SELECT FROM planning_affectedarea aa WHERE aa.process_id = plan.id AND aa.area_id = plan.area_id)
), chain AS (
    SELECT s.area_id, a.id AS ancestor_id, a.parent_id, a.kind, 0 AS depth
    FROM areas s JOIN city_area a ON a.id = s.area_id
    UNION ALL
    SELECT c.area_id, p.id, p.parent_id, p.kind, c.depth + 1 FROM chain c JOIN city_area p ON p.id = c.parent_id
    WHERE c.depth < 32
), budget_of AS (
    SELECT DISTINCT ON (c.area_id) c.area_id, c.ancestor_id AS budget_id
    FROM chain c WHERE c.kind = %(budget_kind)s ORDER BY c.area_id, c.depth
)
SELECT json_build_object(
    'plan', json_build_object({plan_json}),
    'round', (SELECT {round_json} FROM current_round r),
    'areas', (SELECT COALESCE(json_agg(json_build_object(
        'code', a.code, 'name', {area_name}, 'url', %(area_prefix)s || a.code || '/',
        'inside', COALESCE(s.share > 0, false), 'served', s.served,
        'share_inside', round((s.share * 100)::numeric, 1), 'distance_m', round(s.distance::numeric),
        'residents_estimate', s.residents,
        'budget_area', CASE WHEN b.id IS NOT NULL THEN json_build_object(
            'code', b.code, 'name', {budget_name}, 'url', %(area_prefix)s || b.code || '/',
            'amount', (SELECT COALESCE(x.override_amount, x.computed_amount) FROM planning_budgetallocation x
                       JOIN current_round r ON r.id = x.round_id WHERE x.area_id = b.id)) END
        ) ORDER BY s.served DESC, s.share DESC NULLS LAST, s.distance, a.code), '[]'::json)
        FROM areas s JOIN city_area a ON a.id = s.area_id
        LEFT JOIN budget_of bo ON bo.area_id = s.area_id LEFT JOIN city_area b ON b.id = bo.budget_id),
    'groups', (SELECT COALESCE(json_agg(json_build_object(
        'group', m."group", 'group_label', %(group_labels)s::jsonb ->> m."group",
        'area', CASE WHEN ma.id IS NOT NULL THEN json_build_object('code', ma.code, 'name', {mapped_name},
                                                                   'url', %(area_prefix)s || ma.code || '/') END,
        'why', m.why, 'how_reached', m.how_reached, 'when_reached', m.when_reached,
        'residents_estimate', m.residents_estimate
        ) ORDER BY m."group", ma.code NULLS FIRST, m.id), '[]'::json)
        FROM planning_stakeholdermapping m LEFT JOIN city_area ma ON ma.id = m.area_id
        WHERE m.process_id = p.id AND NOT m.proposed)
)::text
FROM plan p
""".format(current_round=_CURRENT_ROUND, round_json=_ROUND_JSON, plan_json=_PLAN_JSON,
           area_name=localized_name_sql("a"), budget_name=localized_name_sql("b"), mapped_name=localized_name_sql("ma")))


def plan_participation(pk: int, *, language: str) -> dict | None:
    """One published plan's facts (1 statement), or None: ``plan``, ``round`` (the current one or
    None), ``areas`` (each with its budget area and that area's money) and ``groups``."""
    with connection.cursor() as cursor:
        cursor.execute(_PLAN_SQL, {**_language_params(language), "id": pk})
        row = cursor.fetchone()
    return None if row is None else json.loads(row[0])


def residential_area_choices(layers: dict) -> list[tuple[str, str]]:
    """(code, name) of the areas to choose from, by name: read from the layers already fetched."""
    return [(f["properties"]["code"], f["properties"]["name"]) for f in layers["areas"]["features"]]


def plan_choices(layers: dict) -> list[dict]:
    """The published plans' id, name, phase and phase name, by phase then name: from the layers already fetched."""
    return [{key: f["properties"][key] for key in ("id", "name", "phase", "phase_name")}
            for f in layers["plans"]["features"]]
