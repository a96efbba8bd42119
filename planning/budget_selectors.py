"""Reads of the resident budget for residents: a round's money by area, the map's GeoJSON built by PostGIS."""

from __future__ import annotations

import json

from django.conf import settings
from django.db import connection

from city.sql import localized_name_sql
from planning.models import BudgetAllocation, BudgetPhase, BudgetProposal, BudgetRound, ProposalStatus


def budget_rounds_public():
    """The rounds residents may see (past preparation), the newest first."""
    return BudgetRound.objects.exclude(phase=BudgetPhase.PREPARATION).order_by("-year", "-created_at")


def budget_round_public(pk: int) -> BudgetRound | None:
    """A round residents may see: one whose money is set (past preparation)."""
    return BudgetRound.objects.exclude(phase=BudgetPhase.PREPARATION).filter(pk=pk).first()


ALLOCATIONS_SQL = """
    SELECT json_build_object('type', 'FeatureCollection', 'features', COALESCE(json_agg(json_build_object(
        'type', 'Feature',
        'geometry', ST_AsGeoJSON(ST_Transform(ST_SimplifyPreserveTopology(a.boundary, 25), %(api_srid)s), 6)::json,
        'properties', json_build_object(
            'code', a.code, 'name', {name}, 'population', x.population,
            'amount', COALESCE(x.override_amount, x.computed_amount), 'computed_amount', x.computed_amount,
            'override_reason', NULLIF(x.override_reason, ''),
            'per_resident', CASE WHEN x.population > 0
                THEN round(COALESCE(x.override_amount, x.computed_amount)::numeric / x.population, 2) END)
    ) ORDER BY {name}), '[]'::json))
    FROM planning_budgetallocation x JOIN city_area a ON a.id = x.area_id
    WHERE x.round_id = %(round)s
""".format(name=localized_name_sql("a"))


def budget_allocations_geojson(budget_round: BudgetRound, *, language: str) -> dict:
    """The round's areas with their money, in the API SRID, in one statement."""
    with connection.cursor() as cursor:
        cursor.execute(ALLOCATIONS_SQL, {"round": budget_round.pk, "api_srid": settings.API_SRID,
                                         "language": language})
        value = cursor.fetchone()[0]
    return json.loads(value) if isinstance(value, str) else value


def budget_section_amount(budget_round: BudgetRound, area) -> int | None:
    """The money of one section of a round: a budget area's amount, or (area None) the city-wide share."""
    if area is None:
        return budget_round.city_wide
    allocation = BudgetAllocation.objects.filter(round=budget_round, area=area).first()
    return None if allocation is None else allocation.amount


def proposals_on_ballot(budget_round: BudgetRound, area):
    """The proposals a ballot may choose in one section (area None: city-wide): feasible, with a cost,
    and costing at most the section's money. Cheapest first, then by title."""
    amount = budget_section_amount(budget_round, area)
    rows = BudgetProposal.objects.filter(round=budget_round, status=ProposalStatus.FEASIBLE,
                                         cost_estimate__isnull=False)
    rows = rows.filter(area__isnull=True) if area is None else rows.filter(area=area)
    if amount is None:
        return rows.none()
    return rows.filter(cost_estimate__lte=amount).order_by("cost_estimate", "title", "id")
