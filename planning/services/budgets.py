"""The resident budget's money by area: each budget area's share in proportion to its population,
rounded by the largest-remainder (Hamilton) method so that the parts add up exactly to the money.

Ties of the remainders go to the larger population, then to the area code in alphabetical order:
a rule stated here and tested, so that the same figures always give the same split.
"""

from __future__ import annotations

from dataclasses import dataclass
from fractions import Fraction

from django.db import connection, transaction
from django.utils.translation import gettext as _

from city.models import AreaKind
from planning.models.budgets import BUDGET_PHASE_ORDER, BudgetAllocation, BudgetPhase, BudgetRound, BudgetRoundEvent


class AllocationRefused(ValueError):
    """The money cannot be split as asked; ``str()`` says why."""


def rules_locked_message() -> str:
    """Why the money cannot change once a ballot is cast (read when raised, in that moment's language)."""
    return _("Ballots have been cast in this round: its rules and money are locked and cannot change.")


@dataclass(frozen=True)
class Share:
    code: str
    population: int
    amount: int


def largest_remainder(total: int, populations: dict[str, int], *, step: int = 1) -> dict[str, int]:
    """Split ``total`` (a multiple of ``step``) in proportion to ``populations`` into multiples of
    ``step`` that add up to ``total`` exactly; ties of the remainders: larger population, then code."""
    if step < 1:
        raise AllocationRefused(_("The rounding step is at least 1 €."))
    if total % step:
        raise AllocationRefused(_("%(total)s € cannot be split into steps of %(step)s €: the money must be a "
                                  "multiple of the step.") % {"total": total, "step": step})
    people = sum(populations.values())
    if people <= 0:
        raise AllocationRefused(_("The budget areas have no population to split the money by."))
    units = total // step
    quotas = {code: Fraction(units * population, people) for code, population in populations.items()}
    whole = {code: int(quota) for code, quota in quotas.items()}  # floor: quotas are never negative
    left = units - sum(whole.values())
    by_remainder = sorted(quotas, key=lambda code: (-(quotas[code] - whole[code]), -populations[code], code))
    for code in by_remainder[:left]:
        whole[code] += 1
    return {code: count * step for code, count in whole.items()}


BUDGET_AREA_POPULATION_SQL = """
    WITH RECURSIVE below(budget_id, area_id) AS (
        SELECT b.id, b.id FROM city_area b WHERE b.kind = %(budget_kind)s
        UNION ALL
        SELECT below.budget_id, child.id FROM below JOIN city_area child ON child.parent_id = below.area_id
    )
    SELECT b.id, b.code, COALESCE(SUM(a.population) FILTER (
               WHERE NOT EXISTS (SELECT 1 FROM city_area inner_area WHERE inner_area.parent_id = a.id)
               AND a.id <> b.id), 0)::bigint
    FROM city_area b
    LEFT JOIN below ON below.budget_id = b.id
    LEFT JOIN city_area a ON a.id = below.area_id
    WHERE b.kind = %(budget_kind)s
    GROUP BY b.id, b.code
    ORDER BY b.code
"""


def budget_area_populations() -> list[tuple[int, str, int]]:
    """Each budget area's (id, code, population): the residents of the innermost areas inside it."""
    with connection.cursor() as cursor:
        cursor.execute(BUDGET_AREA_POPULATION_SQL, {"budget_kind": AreaKind.BUDGET_AREA})
        return [(row[0], row[1], int(row[2])) for row in cursor.fetchall()]


@transaction.atomic
def budget_allocations_compute(*, budget_round: BudgetRound) -> list[BudgetAllocation]:
    """(Re)compute the round's allocations from today's populations; a hand-set amount is kept.

    Only before voting begins: once a ballot may be cast, the money of an area does not move."""
    locked = BudgetRound.objects.select_for_update().get(pk=budget_round.pk)
    if locked.rules_locked_at is not None:
        raise AllocationRefused(rules_locked_message())
    if locked.phase in (BudgetPhase.VOTING, BudgetPhase.RESULTS):
        raise AllocationRefused(_("The money of a round is fixed once voting has begun."))
    areas = budget_area_populations()
    taking_part = set(locked.areas.values_list("id", flat=True))
    if taking_part:  # none chosen: every budget area
        areas = [row for row in areas if row[0] in taking_part]
    amounts = largest_remainder(locked.areas_total, {code: population for _id, code, population in areas},
                                step=locked.rounding_step)
    rows = []
    for area_id, code, population in areas:
        row, _created = BudgetAllocation.objects.update_or_create(
            round=locked, area_id=area_id, defaults={"population": population, "computed_amount": amounts[code]})
        rows.append(row)
    BudgetAllocation.objects.filter(round=locked).exclude(area_id__in=[area_id for area_id, _c, _p in areas]).delete()
    return rows


@transaction.atomic
def budget_allocation_override(*, allocation: BudgetAllocation, amount: int | None, reason: str,
                               actor) -> BudgetAllocation:
    """An administrator sets an area's amount by hand with a public reason, or (None) returns it to
    the computed one. Before voting only."""
    from city.models import StaffRole
    from city.permissions import has_role

    if not has_role(actor, StaffRole.ADMINISTRATOR):
        raise AllocationRefused(_("Only administrators set an area's amount by hand."))
    locked = BudgetAllocation.objects.select_for_update().select_related("round").get(pk=allocation.pk)
    if locked.round.rules_locked_at is not None:
        raise AllocationRefused(rules_locked_message())
    if locked.round.phase in (BudgetPhase.VOTING, BudgetPhase.RESULTS):
        raise AllocationRefused(_("The money of a round is fixed once voting has begun."))
    reason = (reason or "").strip()
    if amount is not None and not reason:
        raise AllocationRefused(_("Give the reason for the amount; it is shown publicly."))
    locked.override_amount = amount
    locked.override_reason = reason if amount is not None else ""
    locked.overridden_by = actor if amount is not None else None
    locked.save(update_fields=["override_amount", "override_reason", "overridden_by"])
    return locked


@transaction.atomic
def budget_round_move_phase(*, budget_round: BudgetRound, to_phase: str, actor) -> BudgetRound:
    """Move a round one phase forward: locks the row, checks the move, writes an event row.

    Into the proposals phase the money must be split (every budget area has its amount); administrators
    move rounds."""
    from city.models import StaffRole
    from city.permissions import has_role

    if not has_role(actor, StaffRole.ADMINISTRATOR):
        raise AllocationRefused(_("Only administrators move a budget round's phases."))
    locked = BudgetRound.objects.select_for_update().get(pk=budget_round.pk)
    if to_phase not in BUDGET_PHASE_ORDER:
        raise AllocationRefused(_("There is no such phase."))
    here, there = BUDGET_PHASE_ORDER.index(locked.phase), BUDGET_PHASE_ORDER.index(to_phase)
    if there != here + 1:
        raise AllocationRefused(_("A budget round moves forward one phase at a time."))
    if to_phase == BudgetPhase.PROPOSALS:
        split = sum(row.amount for row in locked.allocations.all())
        if not locked.allocations.exists():
            raise AllocationRefused(_("Split the money between the budget areas first."))
        if split + locked.city_wide != locked.total and not locked.allocations.filter(
                override_amount__isnull=False).exists():
            raise AllocationRefused(_("The areas' amounts do not add up to the money: compute them again."))
    from_phase = locked.phase
    locked.phase = to_phase
    locked.save(update_fields=["phase"])
    BudgetRoundEvent.objects.create(round=locked, from_phase=from_phase, to_phase=to_phase, actor=actor)
    if to_phase == BudgetPhase.RESULTS:  # the worker counts the votes once the move is committed
        from planning.services.budget_results import budget_results_enqueue

        budget_results_enqueue(locked)
    return locked
