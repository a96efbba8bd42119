"""The demo city's resident budget: a round in every phase, made through the real services, and the
2023–24 round as Seinäjoki ran it, with results where the two rules differ."""

import pytest

from planning.models import (
    BUDGET_PHASE_ORDER,
    Ballot,
    BallotChannel,
    BudgetPhase,
    BudgetResult,
    ProposalComment,
    ProposalStatus,
)
from tests.factories.processes import staff


@pytest.fixture
def demo(db):
    from city.demo import demo_city_load
    from planning.budget_demo import demo_budget_load

    demo_city_load()
    admin = staff("paakayttaja-d", "administrator")
    rounds = demo_budget_load(actor=admin)
    return admin, rounds


def test_the_demo_holds_a_round_in_every_phase_and_a_second_start_adds_nothing(demo):
    from planning.budget_demo import demo_budget_load

    admin, rounds = demo
    assert [budget.phase for budget in rounds] == [BudgetPhase.RESULTS, BudgetPhase.VOTING, BudgetPhase.REVIEW,
                                                    BudgetPhase.PROPOSALS, BudgetPhase.PREPARATION]
    assert set(BUDGET_PHASE_ORDER) == {budget.phase for budget in rounds}
    assert demo_budget_load(actor=admin) is None


def test_the_2023_round_mirrors_the_decided_amounts_and_has_results_where_the_rules_differ(demo, client):
    _admin, rounds = demo
    budget = rounds[0]
    amounts = {row.area.code: (row.amount, bool(row.override_reason)) for row in budget.allocations.all()}
    assert amounts == {"SJK-POHJOINEN": (20_000, True), "SJK-ITA": (70_000, True), "SJK-LANSI": (70_000, True),
                       "SJK-ETELA": (20_000, True)}
    assert (budget.total, budget.city_wide) == (200_000, 20_000)
    assert budget.ballots.count() > 400
    assert budget.ballots.filter(channel=BallotChannel.PAPER).exists()
    statuses = set(budget.proposals.values_list("status", flat=True))
    assert {ProposalStatus.FEASIBLE, ProposalStatus.INFEASIBLE, ProposalStatus.MERGED} <= statuses
    assert ProposalComment.objects.filter(proposal__round=budget).exists()
    results = BudgetResult.objects.filter(round=budget)
    assert results.count() == 2 * 5  # both rules, four areas and the whole city
    chosen = {(result.area_id, result.rule): set(result.projects.filter(selected=True).values_list("proposal_id",
                                                                                                  flat=True))
              for result in results}
    assert any(chosen[(area, "greedy")] != chosen[(area, "mes")] for area, _rule in chosen), \
        "the demo's results should show the rules differing somewhere"
    for result in results:
        assert result.spent <= result.budget
    home = client.get("/en/").content.decode()
    assert f'href="/en/asukasbudjetti/{budget.pk}/"' in home and "Resident budget 2023–2024" in home


def test_the_rounds_in_voting_and_review_hold_what_their_phase_needs(demo):
    _admin, rounds = demo
    voting, review, proposals, preparation = rounds[1:]
    voting.refresh_from_db()  # the database locked its rules at the first ballot
    assert Ballot.objects.filter(round=voting).count() > 50 and voting.rules_locked_at is not None
    assert not voting.results.exists()
    review_statuses = set(review.proposals.values_list("status", flat=True))
    assert ProposalStatus.SUBMITTED in review_statuses and ProposalStatus.FEASIBLE in review_statuses
    assert proposals.proposals.filter(status=ProposalStatus.SUBMITTED).count() == proposals.proposals.count() > 0
    assert not preparation.proposals.exists() and preparation.allocations.count() == 4
