"""Reads of a resident budget round's results and money for the public: the page, the map, the API
and the Pabulib file. Each read is one SQL statement that PostgreSQL turns into JSON (or, for the
Pabulib file, the rows it is written from)."""

from __future__ import annotations

import json
from types import MappingProxyType

from django.conf import settings
from django.db import connection
from django.utils import translation

from city.links import page_path
from city.sql import localized_name_sql
from planning.budget_rules import pabulib_write
from planning.models import BudgetPhase, BudgetRound, ResultRule, VotingRule
from planning.services.budget_results import budget_approval_sets

CITY_WIDE_CODE = "koko-kaupunki"  # the city-wide section's code in addresses and files (areas have their own)


def budget_results_round(pk: int) -> BudgetRound | None:
    """A round whose results residents may look for: one past preparation (before the results phase
    the page says when they come)."""
    return BudgetRound.objects.exclude(phase=BudgetPhase.PREPARATION).filter(pk=pk).first()


def _fetch_json(sql: str, params: dict):
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        row = cursor.fetchone()
    if row is None or row[0] is None:
        return None
    return json.loads(row[0]) if isinstance(row[0], str) else row[0]


def _labels(choices) -> str:
    return json.dumps({str(value): str(label) for value, label in choices.choices})


def _language_params(language: str) -> MappingProxyType:
    with translation.override(language):
        round_path = page_path("budget-round", language, 0)
        results_path = page_path("budget_results:page", language, 0)
        return MappingProxyType({
            "language": language,
            "phase_labels": _labels(BudgetPhase), "rule_labels": _labels(ResultRule),
            "voting_labels": _labels(VotingRule),
            "round_prefix": round_path[: round_path.rindex("0")],
            "results_suffix": results_path[results_path.rindex("0") + 1:],
            "city_wide": CITY_WIDE_CODE, "api_srid": settings.API_SRID,
        })


NAME = localized_name_sql("a")
ROUND_NAME = ("COALESCE(NULLIF(CASE %(language)s WHEN 'sv' THEN r.name_sv WHEN 'en' THEN r.name_en END, ''), "
              "r.name_fi)")

# The results of a round: per section (city-wide first, then the areas by name) its money and voters,
# each rule's spending and selected proposals in order, and every proposal with its votes, cost and
# whether each rule selected it (by votes, then cost, then id: the greedy rule's order).
RESULTS_SQL = f"""
    WITH res AS (
        SELECT g.* FROM planning_budgetresult g WHERE g.round_id = %(round)s
    ), sections AS (
        SELECT g.area_id, min(g.budget) AS budget, min(g.voters) AS voters, max(g.computed_at) AS computed_at,
               json_object_agg(g.rule, json_build_object(
                   'rule', g.rule, 'label', %(rule_labels)s::jsonb ->> g.rule,
                   'official', g.rule = r.official_rule, 'spent', g.spent, 'left', g.budget - g.spent,
                   'selected', (SELECT COALESCE(json_agg(rp.proposal_id ORDER BY rp.position), '[]'::json)
                                FROM planning_budgetresultproject rp WHERE rp.result_id = g.id AND rp.selected)
               ) ORDER BY g.rule) AS rules
        FROM res g JOIN planning_budgetround r ON r.id = g.round_id
        GROUP BY g.area_id
    ), projects AS (
        SELECT g.area_id, json_agg(json_build_object(
                   'id', p.id, 'title', p.title, 'votes', gp.votes, 'cost', gp.cost,
                   'greedy', json_build_object('selected', gp.selected, 'position', gp.position),
                   'mes', json_build_object('selected', mp.selected, 'position', mp.position),
                   'official', CASE r.official_rule WHEN 'greedy' THEN gp.selected ELSE mp.selected END
               ) ORDER BY gp.votes DESC, gp.cost, p.id) AS projects
        FROM res g
        JOIN planning_budgetround r ON r.id = g.round_id
        JOIN planning_budgetresultproject gp ON gp.result_id = g.id
        JOIN res m ON m.area_id IS NOT DISTINCT FROM g.area_id AND m.rule = 'mes'
        JOIN planning_budgetresultproject mp ON mp.result_id = m.id AND mp.proposal_id = gp.proposal_id
        JOIN planning_budgetproposal p ON p.id = gp.proposal_id
        WHERE g.rule = 'greedy'
        GROUP BY g.area_id
    )
    SELECT json_build_object(
        'id', r.id, 'name', {ROUND_NAME}, 'year', r.year, 'phase', r.phase,
        'official_rule', r.official_rule, 'official_rule_label', %(rule_labels)s::jsonb ->> r.official_rule,
        'computed_at', (SELECT max(computed_at) FROM sections),
        'sections', COALESCE((
            SELECT json_agg(json_build_object(
                'code', COALESCE(a.code, %(city_wide)s),
                'area', CASE WHEN a.id IS NULL THEN NULL ELSE json_build_object('code', a.code, 'name', {NAME}) END,
                'budget', s.budget, 'voters', s.voters, 'rules', s.rules,
                'projects', COALESCE(pr.projects, '[]'::json)
            ) ORDER BY a.id IS NOT NULL, {NAME}, a.code)
            FROM sections s LEFT JOIN city_area a ON a.id = s.area_id
            LEFT JOIN projects pr ON pr.area_id IS NOT DISTINCT FROM s.area_id), '[]'::json))
    FROM planning_budgetround r
    WHERE r.id = %(round)s AND r.phase <> 'preparation'
"""


def budget_results_json(pk: int, *, language: str) -> dict | None:
    """A round's stored results (both rules, every section) in one statement; None for an unknown
    round or one still in preparation; ``sections`` is empty until the results are computed."""
    return _fetch_json(RESULTS_SQL, {**_language_params(language), "round": pk})


# The proposals of a round's results that have a place, as GeoJSON in the API SRID: whether the
# official rule (and each rule) selected them, their votes and cost.
RESULTS_MAP_SQL = f"""
    SELECT json_build_object('type', 'FeatureCollection', 'features', COALESCE(json_agg(json_build_object(
        'type', 'Feature', 'id', p.id,
        'geometry', ST_AsGeoJSON(ST_Transform(p.location, %(api_srid)s), 6)::json,
        'properties', json_build_object(
            'id', p.id, 'title', p.title, 'votes', gp.votes, 'cost', gp.cost,
            'area', COALESCE({NAME}, NULL), 'greedy', gp.selected, 'mes', mp.selected,
            'selected', CASE r.official_rule WHEN 'greedy' THEN gp.selected ELSE mp.selected END)
    ) ORDER BY p.id), '[]'::json))
    FROM planning_budgetresult g
    JOIN planning_budgetround r ON r.id = g.round_id
    JOIN planning_budgetresultproject gp ON gp.result_id = g.id
    JOIN planning_budgetresult m ON m.round_id = g.round_id AND m.area_id IS NOT DISTINCT FROM g.area_id
                                 AND m.rule = 'mes'
    JOIN planning_budgetresultproject mp ON mp.result_id = m.id AND mp.proposal_id = gp.proposal_id
    JOIN planning_budgetproposal p ON p.id = gp.proposal_id
    LEFT JOIN city_area a ON a.id = p.area_id
    WHERE g.round_id = %(round)s AND g.rule = 'greedy' AND p.location IS NOT NULL
"""


def budget_results_geojson(budget_round: BudgetRound, *, language: str) -> dict:
    """The results' proposals with a place, the winners marked, in one statement."""
    return _fetch_json(RESULTS_MAP_SQL, {**_language_params(language), "round": budget_round.pk})


# The rounds residents may see (past preparation), the newest first.
ROUNDS_SQL = f"""
    SELECT COALESCE(json_agg(json_build_object(
        'id', r.id, 'year', r.year, 'name', {ROUND_NAME}, 'phase', r.phase,
        'phase_label', %(phase_labels)s::jsonb ->> r.phase, 'total', r.total, 'city_wide', r.city_wide,
        'voting_rule', r.voting_rule, 'official_rule', r.official_rule,
        'has_results', EXISTS (SELECT 1 FROM planning_budgetresult g WHERE g.round_id = r.id),
        'url', %(round_prefix)s || r.id || '/',
        'results_url', %(round_prefix)s || r.id || %(results_suffix)s
    ) ORDER BY r.year DESC, r.created_at DESC, r.id DESC), '[]'::json)
    FROM planning_budgetround r WHERE r.phase <> 'preparation'
"""


def budget_rounds_json(*, language: str) -> list:
    """Every round past preparation, the newest first, in one statement."""
    return _fetch_json(ROUNDS_SQL, _language_params(language))


# One round with its money by area (and, asked for, each area's boundary in the API SRID).
ROUND_SQL = f"""
    SELECT json_build_object(
        'id', r.id, 'year', r.year, 'name', {ROUND_NAME}, 'phase', r.phase,
        'phase_label', %(phase_labels)s::jsonb ->> r.phase, 'total', r.total, 'city_wide', r.city_wide,
        'voting_rule', r.voting_rule, 'voting_rule_label', %(voting_labels)s::jsonb ->> r.voting_rule,
        'approval_limit', r.approval_limit, 'min_spend_percent', r.min_spend_percent,
        'official_rule', r.official_rule, 'official_rule_label', %(rule_labels)s::jsonb ->> r.official_rule,
        'proposals_start', r.proposals_start, 'proposals_end', r.proposals_end,
        'voting_start', r.voting_start, 'voting_end', r.voting_end,
        'url', %(round_prefix)s || r.id || '/',
        'results_url', %(round_prefix)s || r.id || %(results_suffix)s,
        'allocations', (SELECT COALESCE(json_agg(json_build_object(
            'area', json_build_object('code', a.code, 'name', {NAME}),
            'population', x.population,
            'amount', COALESCE(x.override_amount, x.computed_amount), 'computed_amount', x.computed_amount,
            'override_reason', NULLIF(x.override_reason, ''),
            'geometry', CASE WHEN %(geometry)s THEN ST_AsGeoJSON(ST_Multi(ST_Transform(
                ST_SimplifyPreserveTopology(a.boundary, 25), %(api_srid)s)), 6)::json END
        ) ORDER BY {NAME}, a.code), '[]'::json)
        FROM planning_budgetallocation x JOIN city_area a ON a.id = x.area_id WHERE x.round_id = r.id))
    FROM planning_budgetround r
    WHERE r.id = %(round)s AND r.phase <> 'preparation'
"""


def budget_round_json(pk: int, *, language: str, geometry: bool = False) -> dict | None:
    """A round past preparation with its allocations, in one statement; None if there is none."""
    return _fetch_json(ROUND_SQL, {**_language_params(language), "round": pk, "geometry": geometry})


# One section's rows for its Pabulib file: the stored result of the official rule, each proposal with
# its place, and the round's facts for META.
PABULIB_SQL = """
    SELECT g.budget, g.voters, g.area_id, a.name_fi, r.year, r.name_fi, r.official_rule, r.voting_rule,
           r.approval_limit, r.min_spend_percent, r.voting_start, r.voting_end,
           COALESCE(json_agg(json_build_object(
               'id', p.id, 'cost', gp.cost, 'votes', gp.votes, 'title', p.title, 'selected', gp.selected,
               'lon', round(ST_X(ST_Transform(p.location, 4326))::numeric, 6),
               'lat', round(ST_Y(ST_Transform(p.location, 4326))::numeric, 6)
           ) ORDER BY p.id) FILTER (WHERE p.id IS NOT NULL), '[]'::json)
    FROM planning_budgetresult g
    JOIN planning_budgetround r ON r.id = g.round_id
    LEFT JOIN city_area a ON a.id = g.area_id
    LEFT JOIN planning_budgetresultproject gp ON gp.result_id = g.id
    LEFT JOIN planning_budgetproposal p ON p.id = gp.proposal_id
    WHERE g.round_id = %(round)s AND g.rule = r.official_rule AND r.phase = 'results'
      AND (CASE WHEN %(code)s = %(city_wide)s THEN g.area_id IS NULL ELSE a.code = %(code)s END)
    GROUP BY g.id, a.id, r.id
"""


def budget_pabulib(budget_round: BudgetRound, code: str) -> str | None:
    """The Pabulib file of one section of a round's results (``code``: an area's code, or
    ``koko-kaupunki``); None if there is no such section or no results yet.

    Voters are numbered 1, 2, 3… in the order of their approval sets (sorted), never by when or
    how they voted, so a number says nothing about a person."""
    with connection.cursor() as cursor:
        cursor.execute(PABULIB_SQL, {"round": budget_round.pk, "code": code, "city_wide": CITY_WIDE_CODE})
        row = cursor.fetchone()
    if row is None:
        return None
    (budget, voters, area_id, area_name, year, round_name, official, voting_rule, approval_limit, min_spend,
     voting_start, voting_end, projects) = row
    projects = json.loads(projects) if isinstance(projects, str) else projects
    _voters, sets = budget_approval_sets(budget_round, area_id=area_id, only_section=True).get(area_id, (0, []))
    meta = {
        "description": f"{round_name}: {area_name or 'koko kaupunki'}",
        "country": "Finland", "unit": "Seinäjoki", "subunit": area_name or "koko kaupunki",
        "instance": year, "district": code, "num_projects": len(projects), "num_votes": voters,
        "budget": budget, "vote_type": "approval",
        "rule": "greedy" if official == ResultRule.GREEDY else "equalshares",
        "comment": ("equalshares: the Method of Equal Shares with cost utilities, completed by raising the "
                    "budget one euro per voter (Add1U) and then greedily; ties: see planning/budget_rules.py"),
        "currency": "EUR", "language": "fi",
    }
    if voting_start and voting_end:
        meta["date_begin"] = voting_start.strftime("%d.%m.%Y")
        meta["date_end"] = voting_end.strftime("%d.%m.%Y")
    if voting_rule == VotingRule.APPROVAL and approval_limit:
        meta["max_length"] = approval_limit
    if voting_rule == VotingRule.KNAPSACK:
        meta["max_sum_cost"] = budget
        if min_spend:
            meta["min_sum_cost"] = budget * min_spend // 100
    rows = [{"project_id": p["id"], "cost": p["cost"], "votes": p["votes"], "name": p["title"],
             "selected": int(p["selected"]), "latitude": "" if p["lat"] is None else p["lat"],
             "longitude": "" if p["lon"] is None else p["lon"]} for p in projects]
    votes = (approvals for approvals, count in sets for _ in range(count))
    return pabulib_write(meta=meta, projects=rows, votes=votes)
