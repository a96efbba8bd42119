"""The demo's resident budget: the 2023–24 round as Seinäjoki ran it (200 000 €: whole city 20 000,
north 20 000, east 70 000, west 70 000, south 20 000). Its amounts were decided, not split by
population, so each area's amount is set by hand with that reason beside the computed one."""

from __future__ import annotations

from city.models import Area, AreaKind
from planning.models import BudgetPhase, BudgetRound
from planning.services.budgets import (
    budget_allocation_override,
    budget_allocations_compute,
    budget_round_move_phase,
)

DEMO_ROUND = {"year": 2024, "name_fi": "Asukasbudjetti 2023–2024", "name_sv": "Invånarbudget 2023–2024",
              "name_en": "Resident budget 2023–2024", "total": 200_000, "city_wide": 20_000, "rounding_step": 1000}
DECIDED = {"SJK-POHJOINEN": 20_000, "SJK-ITA": 70_000, "SJK-LANSI": 70_000, "SJK-ETELA": 20_000}
REASON = ("Kaupunginhallituksen päätös 2023: alueiden summat päätettiin kierroksen alussa, ei väkiluvun mukaan "
          "(asukasbudjetin kokeilu).")


def demo_budget_load(*, actor) -> BudgetRound | None:
    """The demo round in its proposal phase, or None when it is there already (or the city lacks the
    demo's budget areas, or there is no administrator to act)."""
    if actor is None or BudgetRound.objects.filter(name_fi=DEMO_ROUND["name_fi"]).exists():
        return None
    if set(Area.objects.filter(kind=AreaKind.BUDGET_AREA).values_list("code", flat=True)) != set(DECIDED):
        return None
    budget = BudgetRound.objects.create(**DEMO_ROUND)
    for allocation in budget_allocations_compute(budget_round=budget):
        budget_allocation_override(allocation=allocation, amount=DECIDED[allocation.area.code], reason=REASON,
                                   actor=actor)
    return budget_round_move_phase(budget_round=budget, to_phase=BudgetPhase.PROPOSALS, actor=actor)
