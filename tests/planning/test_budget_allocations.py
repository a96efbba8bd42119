"""Each budget area's money by population, rounded by the largest-remainder method: the parts add up
to the money exactly, whatever the populations, and ties go by a stated rule."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from city.models import AreaKind
from planning.models import BudgetPhase, BudgetRound
from planning.services.budgets import (
    AllocationRefused,
    budget_allocation_override,
    budget_allocations_compute,
    largest_remainder,
)
from tests.factories import AreaFactory
from tests.factories.areas import square
from tests.factories.processes import staff


@pytest.fixture(autouse=True)
def english():
    """The refusals are read in English here (Finnish is the default language)."""
    from django.utils import translation

    with translation.override("en"):
        yield


def test_a_hand_worked_split_with_a_tie_goes_to_the_larger_population_then_the_code():
    # 100 € over 3 + 3 + 2 people: quotas 37.5, 37.5, 25 -> 37, 37, 25 and one euro left for a tie
    # of remainders between "a" and "b" (equal populations): "a" by the code.
    assert largest_remainder(100, {"b": 3, "a": 3, "c": 2}) == {"a": 38, "b": 37, "c": 25}
    # The larger population wins a tie of remainders before the code does.
    # 10 € over 1 + 1 + 2 + 2: quotas 1.67, 1.67, 3.33, 3.33 -> 1, 1, 3, 3 and two euros left; the
    # remainders .67 of "a" and "b" are the largest (equal populations: "a", "b" by the code).
    assert largest_remainder(10, {"a": 1, "b": 1, "c": 2, "d": 2}) == {"a": 2, "b": 2, "c": 3, "d": 3}
    # Equal remainders, different populations: 5 € over 1 + 3 (quotas 1.25, 3.75) and 7 € over 2 + 2 + 3.
    assert largest_remainder(7, {"x": 2, "y": 2, "z": 3}) == {"x": 2, "y": 2, "z": 3}
    assert largest_remainder(3, {"a": 1, "b": 2}) == {"a": 1, "b": 2}


def test_the_2023_round_split_in_thousands_adds_up():
    # Seinäjoki's 2023–24 round had 180 000 € for its four areas; populations of the size of the city's.
    populations = {"north": 11_873, "east": 21_207, "west": 20_011, "south": 11_519}
    amounts = largest_remainder(180_000, populations, step=1000)
    assert sum(amounts.values()) == 180_000
    assert all(amount % 1000 == 0 for amount in amounts.values())
    assert amounts == {"north": 33_000, "east": 59_000, "west": 56_000, "south": 32_000}


@given(total_units=st.integers(min_value=0, max_value=10_000), step=st.sampled_from([1, 5, 100, 1000]),
       populations=st.dictionaries(st.text("abcdefgh", min_size=1, max_size=3),
                                   st.integers(min_value=0, max_value=500_000), min_size=1, max_size=12))
def test_any_populations_give_parts_that_add_up_exactly_and_stay_within_a_step_of_their_quota(
        total_units, step, populations):
    if sum(populations.values()) == 0:
        with pytest.raises(AllocationRefused):
            largest_remainder(total_units * step, populations, step=step)
        return
    total = total_units * step
    amounts = largest_remainder(total, populations, step=step)
    assert sum(amounts.values()) == total
    people = sum(populations.values())
    for code, amount in amounts.items():
        assert amount % step == 0
        assert abs(amount - total * populations[code] / people) < step + 1e-9


def test_money_that_is_not_a_multiple_of_the_step_is_refused_with_the_reason():
    with pytest.raises(AllocationRefused, match="must be a multiple of the step"):
        largest_remainder(1500, {"a": 1}, step=1000)


@pytest.fixture
def budget_city(db):
    """Two budget areas: one with two postal areas (one nested a level deeper), one with one."""
    north = AreaFactory(code="B-N", name_fi="Pohjoinen alue", kind=AreaKind.BUDGET_AREA, boundary=square(0, 0, 10),
                        population=None, population_year=None, population_source="")
    south = AreaFactory(code="B-S", name_fi="Eteläinen alue", kind=AreaKind.BUDGET_AREA, boundary=square(0, 20, 10),
                        population=None, population_year=None, population_source="")
    village = AreaFactory(code="V1", kind=AreaKind.VILLAGE, parent=north, population=999_999,  # counted through
                          boundary=square(0, 0, 5))                                             # its inner areas
    AreaFactory(code="60100", kind=AreaKind.POSTAL_AREA, parent=village, population=3, boundary=square(0, 0, 2))
    AreaFactory(code="60200", kind=AreaKind.POSTAL_AREA, parent=north, population=3, boundary=square(5, 5, 2))
    AreaFactory(code="60300", kind=AreaKind.POSTAL_AREA, parent=south, population=2, boundary=square(0, 20, 2))
    return north, south


def test_a_round_is_split_between_the_budget_areas_by_the_residents_of_their_innermost_areas(budget_city):
    north, south = budget_city
    budget = BudgetRound.objects.create(year=2027, name_fi="Asukasbudjetti 2027", total=120_000, city_wide=20_000,
                                        rounding_step=100)
    rows = {row.area.code: row for row in budget_allocations_compute(budget_round=budget)}
    assert {code: (row.population, row.amount) for code, row in rows.items()} == {
        "B-N": (6, 75_000), "B-S": (2, 25_000)}
    assert sum(row.amount for row in rows.values()) == budget.areas_total


def test_an_administrator_sets_an_amount_by_hand_with_a_public_reason_and_a_recompute_keeps_it(budget_city):
    budget = BudgetRound.objects.create(year=2027, name_fi="Asukasbudjetti 2027", total=100_000)
    north_row = next(row for row in budget_allocations_compute(budget_round=budget) if row.area.code == "B-N")
    admin = staff("paakayttaja-b", "administrator")
    planner = staff("kaavoittaja-b", "planner")
    with pytest.raises(AllocationRefused, match="Only administrators"):
        budget_allocation_override(allocation=north_row, amount=80_000, reason="Koulun piha", actor=planner)
    with pytest.raises(AllocationRefused, match="reason"):
        budget_allocation_override(allocation=north_row, amount=80_000, reason=" ", actor=admin)
    set_by_hand = budget_allocation_override(allocation=north_row, amount=80_000,
                                             reason="Pohjoisen koulun piha uusitaan samana vuonna.", actor=admin)
    assert (set_by_hand.amount, set_by_hand.computed_amount) == (80_000, 75_000)
    again = next(row for row in budget_allocations_compute(budget_round=budget) if row.area.code == "B-N")
    assert again.amount == 80_000 and again.override_reason.startswith("Pohjoisen")


def test_the_money_does_not_move_once_voting_has_begun(budget_city):
    budget = BudgetRound.objects.create(year=2027, name_fi="Asukasbudjetti 2027", total=100_000)
    budget_allocations_compute(budget_round=budget)
    BudgetRound.objects.filter(pk=budget.pk).update(phase=BudgetPhase.VOTING)
    with pytest.raises(AllocationRefused, match="fixed once voting"):
        budget_allocations_compute(budget_round=budget)


def test_a_round_moves_forward_one_phase_at_a_time_by_an_administrator_with_an_event_each(budget_city):
    from planning.models import BudgetRoundEvent
    from planning.services.budgets import budget_round_move_phase

    budget = BudgetRound.objects.create(year=2027, name_fi="Asukasbudjetti 2027", total=100_000)
    admin = staff("paakayttaja-c", "administrator")
    with pytest.raises(AllocationRefused, match="Split the money"):
        budget_round_move_phase(budget_round=budget, to_phase=BudgetPhase.PROPOSALS, actor=admin)
    budget_allocations_compute(budget_round=budget)
    with pytest.raises(AllocationRefused, match="Only administrators"):
        budget_round_move_phase(budget_round=budget, to_phase=BudgetPhase.PROPOSALS,
                                actor=staff("kaavoittaja-c", "planner"))
    with pytest.raises(AllocationRefused, match="one phase at a time"):
        budget_round_move_phase(budget_round=budget, to_phase=BudgetPhase.VOTING, actor=admin)
    for phase in (BudgetPhase.PROPOSALS, BudgetPhase.REVIEW, BudgetPhase.VOTING):
        budget = budget_round_move_phase(budget_round=budget, to_phase=phase, actor=admin)
    assert budget.phase == BudgetPhase.VOTING
    assert list(BudgetRoundEvent.objects.filter(round=budget).values_list("from_phase", "to_phase")) == [
        ("preparation", "proposals"), ("proposals", "review"), ("review", "voting")]
    with pytest.raises(AllocationRefused, match="one phase at a time"):
        budget_round_move_phase(budget_round=budget, to_phase=BudgetPhase.REVIEW, actor=admin)


def test_a_round_may_take_only_some_budget_areas_and_splits_its_money_between_them(budget_city):
    north, south = budget_city
    budget = BudgetRound.objects.create(year=2027, name_fi="Pohjoisen kokeilu", total=50_000, city_wide=0,
                                        rounding_step=100)
    budget.areas.set([north])
    rows = budget_allocations_compute(budget_round=budget)
    assert [(row.area.code, row.amount) for row in rows] == [("B-N", 50_000)]
    budget.areas.set([])  # none chosen: every budget area again, the other's row made
    assert {row.area.code for row in budget_allocations_compute(budget_round=budget)} == {"B-N", "B-S"}
    budget.areas.set([south])
    assert [row.area.code for row in budget_allocations_compute(budget_round=budget)] == ["B-S"]
    assert list(budget.allocations.values_list("area__code", flat=True)) == ["B-S"]  # north's row removed
