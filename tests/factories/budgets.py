"""Resident budget rounds for tests: the demo city's four budget areas (use the ``city`` fixture),
a round walked to a phase through the real phase service, and proposals as rows in a chosen state.

Proposal rows are written directly (as a fixture, not as a resident would): tests of voting and results
need feasible proposals with costs without going through the proposal and review pages.
"""

from __future__ import annotations

import itertools

from django.contrib.gis.geos import Point

from city.models import Area, AreaKind, StaffRole
from planning.models import BUDGET_PHASE_ORDER, BudgetPhase, BudgetProposal, BudgetRound, ProposalStatus
from planning.services.budgets import budget_allocations_compute, budget_round_move_phase
from tests.factories.processes import staff

_numbers = itertools.count(1)


def budget_admin():
    """An administrator to move rounds (one per call: usernames are numbered)."""
    return staff(f"budjettiyllapito-{next(_numbers)}", StaffRole.ADMINISTRATOR)


def budget_areas() -> dict[str, Area]:
    """The city's budget areas by code (the demo city's: SJK-POHJOINEN, SJK-ITA, SJK-LANSI, SJK-ETELA)."""
    return {area.code: area for area in Area.objects.filter(kind=AreaKind.BUDGET_AREA)}


def budget_round_make(*, phase: str = BudgetPhase.PROPOSALS, actor=None, **fields) -> BudgetRound:
    """A round with its money split by population, moved phase by phase to ``phase``."""
    values = {"year": 2027, "name_fi": f"Asukasbudjetti {next(_numbers)}", "total": 200_000, "city_wide": 20_000,
              "rounding_step": 1000}
    values.update(fields)
    budget = BudgetRound.objects.create(**values)
    actor = actor or budget_admin()
    budget_allocations_compute(budget_round=budget)
    for step in BUDGET_PHASE_ORDER[1:BUDGET_PHASE_ORDER.index(phase) + 1]:
        budget = budget_round_move_phase(budget_round=budget, to_phase=step, actor=actor)
    return budget


def proposal_row(budget: BudgetRound, *, area: Area | None, cost: int | None = None,
                 status: str = ProposalStatus.FEASIBLE, title: str | None = None, location: Point | None = None,
                 **fields) -> BudgetProposal:
    """A proposal row in ``status`` (feasible with ``cost`` by default); ``area`` None is city-wide."""
    if status == ProposalStatus.FEASIBLE and cost is None:
        cost = 10_000
    if location is None and area is not None:
        location = area.boundary.point_on_surface
    return BudgetProposal.objects.create(
        round=budget, area=area, location=location, title=title or f"Ehdotus {next(_numbers)}",
        description="Testiehdotus.", status=status, cost_estimate=cost, **fields)
