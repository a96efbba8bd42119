"""The resident budget's result rules on hand-worked examples (each worked out in its comment), their
tie-breaks, a proposal costing exactly the money left, the Pabulib writer and parser, and with
Hypothesis: no outcome exceeds the money, grouping identical ballots changes nothing, the lazy
search finds what a plain one finds, and the completed Method of Equal Shares leaves no money a
further project with votes would fit."""

from __future__ import annotations

from fractions import Fraction

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from planning.budget_rules import (
    PabulibError,
    greedy,
    mes,
    mes_core,
    outcome,
    pabulib_parse,
    pabulib_write,
    project_key,
    votes_count,
)

F = frozenset


# The greedy rule -------------------------------------------------------------------------------

def test_greedy_takes_the_most_votes_first_and_skips_what_no_longer_fits():
    # 100 €: P1 (5 votes, 60 €) leaves 40; P2 (4 votes, 50 €) no longer fits and is skipped;
    # P3 (3 votes, 40 €) costs exactly the 40 € left and is selected; P4 (2 votes, 1 €) no longer fits.
    costs = {1: 60, 2: 50, 3: 40, 4: 1}
    assert greedy(costs, {1: 5, 2: 4, 3: 3, 4: 2}, 100) == [1, 3]


def test_greedy_ties_go_to_the_lower_cost_then_the_lower_id():
    # All have 5 votes. Order: 3 (20 €, id 3 before id 4), 4 (20 €), then 1 and 2 (30 €): 40 € is
    # used up by 3 and 4. Were ties broken by id first, 1 and 2 would not both fit: 1 alone (30 €).
    costs = {1: 30, 2: 30, 3: 20, 4: 20}
    assert greedy(costs, dict.fromkeys(costs, 5), 40) == [3, 4]
    assert greedy(costs, dict.fromkeys(costs, 5), 50) == [3, 4]
    assert greedy(costs, dict.fromkeys(costs, 5), 60) == [3, 4]
    assert greedy(costs, dict.fromkeys(costs, 5), 70) == [3, 4, 1]  # 1 before 2: equal cost, lower id


def test_greedy_never_selects_a_proposal_without_votes():
    assert greedy({1: 10, 2: 10}, {1: 3}, 100) == [1]


def test_ids_order_as_numbers_then_as_text():
    assert sorted(["10", "2", "b", "a", 7], key=project_key) == ["2", 7, "10", "a", "b"]


# The Method of Equal Shares --------------------------------------------------------------------

def test_equal_shares_gives_a_minority_its_share_where_greedy_gives_the_majority_everything():
    # 10 voters, 100 €: 10 € each. Six approve A and B (50 € each), four approve C (40 €).
    # Greedy: A and B (6 votes each; equal cost, so A first by id) spend 100 €; C does not fit.
    # MES: A costs its six supporters 50/6 € each (rho 1/6), C its four 10 € each (rho 1/4), B 1/6:
    # A first (tied with B on rho, votes and cost: the lower id). The six then have 5/3 € each, 10 €
    # together: B (50 €) is out of their reach. C (rho 1/4) is selected: 90 € spent. Completion: the
    # 10 € left fit no project with votes, so the outcome stays A, C.
    costs = {"A": 50, "B": 50, "C": 40}
    ballots = [(F({"A", "B"}), 6), (F({"C"}), 4)]
    assert greedy(costs, votes_count(ballots), 100) == ["A", "B"]
    assert mes_core(costs, ballots, 100) == ["A", "C"]
    result = mes(costs, ballots, 100)
    assert result.selected == ["A", "C"] and result.raises == 0


def test_equal_shares_ties_of_rho_go_to_more_votes():
    # 9 voters, 90 €: 10 € each. W (50 €) has 5 supporters, who can pay 10 € each: rho 1/5, selected
    # first (B's rho is 1/3 and A's 1/2 then). Voter 3 backed both W and B and has nothing left. B (20 €,
    # 3 votes): voter 3 pays 0, voters 1 and 2 pay 10 € each: rho 10/20 = 1/2. A (20 €, 2 votes):
    # 10 € each, rho 1/2. A tie of rho: B has more votes and goes first.
    costs = {"W": 50, "B": 20, "A": 20}
    ballots = [(F({"B"}), 2), (F({"B", "W"}), 1), (F({"A"}), 2), (F({"W"}), 4)]
    assert mes_core(costs, ballots, 90) == ["W", "B", "A"]


def test_equal_shares_ties_of_rho_and_votes_go_to_the_lower_cost_then_the_lower_id():
    # 2 voters, 20 €: 10 € each, both approve X (10 €) and Y (20 €). X costs each 5 € (rho 5/10),
    # Y 10 € each (rho 10/20): equal rho and votes, so the cheaper X is selected; then each has 5 €,
    # too little for Y, and the 10 € left do not fit Y either. Had the tie gone to Y, Y alone.
    costs = {"X": 10, "Y": 20}
    ballots = [(F({"X", "Y"}), 2)]
    assert mes_core(costs, ballots, 20) == ["X"]
    assert mes(costs, ballots, 20).selected == ["X"]
    # Equal costs too: the lower id; here the lower number, not the first in alphabetical order.
    assert mes_core({10: 10, 9: 10}, [(F({9, 10}), 2)], 10) == [9]


def test_completion_raises_the_money_one_euro_per_voter_and_keeps_what_fits():
    # 4 voters, 100 €: 25 € each. Voters 1, 2 approve P (52 €), voter 3 Q (20 €), voter 4 R (27 €).
    # MES alone: only Q (20 €: voter 3 pays it); P needs 26 € each, R 27 €.
    # Raise to 26 € each (104 €): P (rho 1/2) and Q: 72 €; 28 € left would fit R: go on.
    # Raise to 27 € each (108 €): P, Q, R (the two at rho 1: equal votes, Q cheaper): 99 € ≤ 100 €,
    # and the 1 € left fits nothing: the raising stops there.
    costs = {"P": 52, "Q": 20, "R": 27}
    ballots = [(F({"P"}), 2), (F({"Q"}), 1), (F({"R"}), 1)]
    result = mes(costs, ballots, 100)
    assert result.core == ["Q"]
    assert result.selected == ["P", "Q", "R"]
    assert (result.raises, result.method_budget) == (2, Fraction(108))


def test_completion_stops_at_the_first_raise_that_no_longer_fits_then_adds_greedily():
    # 5 voters, 100 €: 20 € each. P (42 €) by voters 1, 2; Q (20 €), R (21 €), S (21 €) by one each.
    # MES alone: Q. Raised to 21 € each, all four are selected: 104 € > 100 €, so MES keeps Q and the
    # greedy rule adds P (2 votes, 42 €) and then R (1 vote, 21 €; before S by id): 83 €, 17 € left.
    costs = {"P": 42, "Q": 20, "R": 21, "S": 21}
    ballots = [(F({"P"}), 2), (F({"Q"}), 1), (F({"R"}), 1), (F({"S"}), 1)]
    result = mes(costs, ballots, 100)
    assert result.core == ["Q"] and result.raises == 0
    assert result.selected == ["Q", "P", "R"]


def test_equal_shares_selects_a_project_costing_exactly_the_money_left():
    # 2 voters, 30 €: 15 € each, both approve T (30 €): each pays exactly all they have (rho 1/2).
    assert mes_core({"T": 30}, [(F({"T"}), 2)], 30) == ["T"]
    # And completion adds one costing exactly what MES left: U (10 €, 1 vote) after T (20 €).
    result = mes({"T": 20, "U": 10}, [(F({"T"}), 3), (F({"U"}), 1)], 30)
    assert sorted(result.selected) == ["T", "U"]


def test_no_voters_selects_nothing():
    assert mes({"A": 10}, [], 100).selected == []
    assert greedy({"A": 10}, {}, 100) == []


def test_a_free_project_is_left_to_the_completion():
    result = mes({"A": 0, "B": 10}, [(F({"A", "B"}), 1)], 10)
    assert result.core == ["B"] and result.selected == ["B", "A"]


def test_outcome_names_the_rules():
    costs, ballots = {"A": 50, "B": 50, "C": 40}, [(F({"A", "B"}), 6), (F({"C"}), 4)]
    assert outcome("greedy", costs, ballots, 100) == ["A", "B"]
    assert outcome("mes", costs, ballots, 100) == ["A", "C"]
    assert outcome("mes-core", costs, ballots, 100) == ["A", "C"]
    with pytest.raises(ValueError):
        outcome("knapsack", costs, ballots, 100)


# A plain Method of Equal Shares: every voter apart, every project's rho recomputed at each step.

def _reference_mes(costs, voters, budget):
    money = [Fraction(budget, len(voters))] * len(voters) if voters else []
    left = {p for p in costs if costs[p] > 0 and any(p in v for v in voters)}
    votes = {p: sum(p in v for v in voters) for p in costs}
    selected = []
    while True:
        best = None
        for p in left:
            backers = sorted((money[i] for i, v in enumerate(voters) if p in v))
            if sum(backers) < costs[p]:
                continue
            paid, payers = Fraction(0), len(backers)
            for m in backers:
                if (costs[p] - paid) / payers <= m:
                    rho = (costs[p] - paid) / payers / costs[p]
                    break
                paid, payers = paid + m, payers - 1
            key = (rho, -votes[p], costs[p], project_key(p))
            if best is None or key < best[0]:
                best = (key, p)
        if best is None:
            return selected
        (rho, *_), p = best
        selected.append(p)
        left.discard(p)
        for i, v in enumerate(voters):
            if p in v:
                money[i] = max(Fraction(0), money[i] - rho * costs[p])


elections = st.integers(min_value=1, max_value=7).flatmap(lambda projects: st.tuples(
    st.lists(st.integers(min_value=0, max_value=60), min_size=projects, max_size=projects),
    st.lists(st.frozensets(st.integers(min_value=0, max_value=projects - 1)), min_size=0, max_size=14),
    st.integers(min_value=0, max_value=150)))


def _grouped(voters):
    counts = {}
    for v in voters:
        counts[v] = counts.get(v, 0) + 1
    return sorted(counts.items(), key=lambda item: sorted(item[0]))


@settings(max_examples=300, deadline=None)
@given(elections)
def test_properties_of_the_rules(election):
    cost_list, voters, budget = election
    costs = dict(enumerate(cost_list))
    ballots = _grouped(voters)
    votes = votes_count(ballots)
    chosen_greedy = greedy(costs, votes, budget)
    completed = mes(costs, ballots, budget)
    core = mes_core(costs, ballots, budget)
    for selected in (chosen_greedy, completed.selected, core):
        assert sum(costs[p] for p in selected) <= budget
        assert len(set(selected)) == len(selected)
        assert all(votes.get(p, 0) > 0 for p in selected)
    # Grouping identical ballots changes nothing; the lazy search finds what the plain one finds.
    assert core == mes_core(costs, [(v, 1) for v in voters], budget) == _reference_mes(costs, voters, budget)
    # The completed outcome fits at least as well as MES alone: nothing with votes fits what is left.
    left = budget - sum(costs[p] for p in completed.selected)
    assert not [p for p in costs if p not in completed.selected and votes.get(p, 0) > 0 and costs[p] <= left]
    assert sum(costs[p] for p in completed.selected) >= sum(costs[p] for p in core)
    assert completed.core == core


# Pabulib ---------------------------------------------------------------------------------------

def _file():
    return pabulib_write(
        meta={"description": "Koe; puolipiste", "budget": 100, "vote_type": "approval"},
        projects=[{"project_id": 1, "cost": 50, "votes": 6, "name": "Penkki; ja \"katos\"", "selected": 1},
                  {"project_id": 2, "cost": 50, "votes": 6, "name": "Puisto", "selected": 0},
                  {"project_id": 3, "cost": 40, "votes": 4, "name": "Valo", "selected": 1}],
        votes=[F({1, 2})] * 6 + [F({3})] * 4)


def test_a_pabulib_file_reads_back_as_written():
    parsed = pabulib_parse(_file())
    assert parsed.meta["description"] == "Koe; puolipiste" and parsed.budget == 100
    assert parsed.costs == {"1": 50, "2": 50, "3": 40}
    assert parsed.projects["1"]["name"] == "Penkki; ja \"katos\""
    assert list(parsed.votes) == [str(n) for n in range(1, 11)]
    assert parsed.ballots() == [(F({"1", "2"}), 6), (F({"3"}), 4)]
    assert outcome("mes", parsed.costs, parsed.ballots(), parsed.budget) == ["1", "3"]


@pytest.mark.parametrize("change, line, reason", [
    (lambda t: t.replace("META\n", ""), 1, "does not begin with META"),
    (lambda t: t.replace("budget;100", "budget;sata"), 4, "budget is not a whole number"),
    (lambda t: t.replace("2;50;6", "2;5x;6"), 9, "cost of project 2"),
    (lambda t: t.replace("\n10;3", "\n10;9"), 22, "chose 9, which is not in PROJECTS"),
    (lambda t: t.replace("\n10;3", "\n9;3"), 22, "voter 9 appears twice"),
    (lambda t: t.replace("3;40;4", "3;40"), 10, "fields where the header has"),
    (lambda t: t.split("VOTES")[0], 10, "section VOTES is missing"),
    (lambda t: t.replace("vote_type;approval", "vote_type;ordinal"), 5, "only approval votes"),
])
def test_a_broken_pabulib_file_is_refused_with_its_line_and_reason(change, line, reason):
    with pytest.raises(PabulibError) as refusal:
        pabulib_parse(change(_file()))
    assert refusal.value.line == line and reason in refusal.value.reason, str(refusal.value)
