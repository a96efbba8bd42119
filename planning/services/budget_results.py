"""A resident budget round's results: the votes counted in SQL, both rules computed, the rows stored.

A round has *sections*: each budget area with its money, and the city-wide share (area None). A
ballot cast in area A counts in A's section with its choices of A's proposals, and in the city-wide
section with its choices of city-wide proposals (the voting service accepts no other choices). A
section's *voters* are the ballots with at least one choice in it: a ballot that chose nothing in a
section did not vote there (this matters to the Method of Equal Shares, which splits the money
between the voters). A section's proposals are those a ballot could choose there
(``proposals_on_ballot``'s rule: feasible, with a cost at most the section's money), with or
without votes.

The counting is done by PostgreSQL, never by a loop over ballots in Python: ``budget_tally`` is one
aggregate statement (votes per proposal), and ``budget_approval_sets`` one more giving each section's
voters and its distinct approval sets with their counts (``array_agg``), which is all the Method of
Equal Shares needs. The rules themselves are ``planning.budget_rules`` (pure, exact).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.db import connection, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from planning.budget_rules import greedy, mes
from planning.models import BudgetPhase, BudgetResult, BudgetResultProject, BudgetRound, ResultRule

RESULTS_JOB_TIMEOUT = 30 * 60  # seconds


class ResultsRefused(ValueError):
    """The results cannot be computed now; ``str()`` says why."""


# The proposals on the ballot of each section of a round, with the section's money (one row each).
ON_BALLOT_SQL = """
    SELECT p.id, p.area_id, p.cost_estimate AS cost
    FROM planning_budgetproposal p
    JOIN planning_budgetround r ON r.id = p.round_id
    LEFT JOIN planning_budgetallocation x ON x.round_id = p.round_id AND x.area_id = p.area_id
    WHERE p.round_id = %(round)s AND p.status = 'feasible' AND p.cost_estimate IS NOT NULL
      AND p.cost_estimate <= CASE WHEN p.area_id IS NULL THEN r.city_wide
                                  ELSE COALESCE(x.override_amount, x.computed_amount) END
"""

# Votes per proposal: the round's choices grouped by proposal (through the (round, proposal) index),
# joined to the proposals on the ballot after grouping, so it costs what the raw GROUP BY costs.
TALLY_SQL = """
    WITH on_ballot AS ({on_ballot})
    SELECT p.id, p.area_id, p.cost, COALESCE(v.votes, 0)::int
    FROM on_ballot p LEFT JOIN (
        SELECT c.proposal_id, count(*) AS votes
        FROM planning_ballotchoice c WHERE c.round_id = %(round)s GROUP BY c.proposal_id
    ) v ON v.proposal_id = p.id
    ORDER BY p.area_id NULLS FIRST, p.id
""".format(on_ballot=ON_BALLOT_SQL)

# Each section's distinct approval sets (sorted ids) with how many ballots chose exactly that set, and
# the section's voters (the ballots with a choice in it: the sum of those counts). Grouping the choices
# by ballot is work only this statement does, once, for the Method of Equal Shares and the voters alike.
APPROVAL_SETS_SQL = """
    WITH on_ballot AS ({on_ballot})
    SELECT section, approvals, count(*)::int, (sum(count(*)) OVER (PARTITION BY section))::int FROM (
        SELECT p.area_id AS section, array_agg(c.proposal_id ORDER BY c.proposal_id) AS approvals
        FROM planning_ballotchoice c JOIN on_ballot p ON p.id = c.proposal_id
        WHERE c.round_id = %(round)s {section_filter}
        GROUP BY c.ballot_id, p.area_id
    ) ballots
    GROUP BY section, approvals
    ORDER BY section NULLS FIRST, approvals
"""


@dataclass
class Section:
    """One section of a round as counted: its money, voters, and each proposal's cost and votes."""

    area_id: int | None
    budget: int
    voters: int = 0
    costs: dict[int, int] = field(default_factory=dict)
    votes: dict[int, int] = field(default_factory=dict)
    ballots: list[tuple[frozenset, int]] = field(default_factory=list)


def budget_tally(budget_round: BudgetRound) -> dict[int | None, dict[int, tuple[int, int]]]:
    """Votes of every proposal on the ballot, in one SQL statement:
    ``{area_id or None: {proposal_id: (cost, votes)}}`` (sections without proposals left out)."""
    sections: dict[int | None, dict[int, tuple[int, int]]] = {}
    with connection.cursor() as cursor:
        cursor.execute(TALLY_SQL, {"round": budget_round.pk})
        for proposal_id, area_id, cost, votes in cursor.fetchall():
            sections.setdefault(area_id, {})[proposal_id] = (cost, votes)
    return sections


def budget_approval_sets(budget_round: BudgetRound, *, area_id: int | None = None,
                         only_section: bool = False) -> dict[int | None, tuple[int, list[tuple[frozenset, int]]]]:
    """Each section's voters and distinct approval sets with their counts, in one SQL statement:
    ``{area_id or None: (voters, [(approval set, ballots), …])}`` for all sections, or with
    ``only_section`` the one of ``area_id`` (None meaning city-wide)."""
    section_filter = ""
    if only_section:
        section_filter = "AND p.area_id IS NULL" if area_id is None else "AND p.area_id = %(area)s"
    sets: dict[int | None, tuple[int, list[tuple[frozenset, int]]]] = {}
    with connection.cursor() as cursor:
        cursor.execute(APPROVAL_SETS_SQL.format(on_ballot=ON_BALLOT_SQL, section_filter=section_filter),
                       {"round": budget_round.pk, "area": area_id})
        for section, approvals, count, voters in cursor.fetchall():
            sets.setdefault(section, (voters, []))[1].append((frozenset(approvals), count))
    return sets


def budget_sections(budget_round: BudgetRound) -> list[Section]:
    """Every section of the round (city-wide first, then the areas by name) counted: two statements
    for the votes and voters, one for the money."""
    sections = [Section(area_id=None, budget=budget_round.city_wide)]
    sections += [Section(area_id=row.area_id, budget=row.amount)
                 for row in budget_round.allocations.select_related("area").order_by("area__name_fi", "area__code")]
    tally = budget_tally(budget_round)
    sets = budget_approval_sets(budget_round)
    for section in sections:
        proposals = tally.get(section.area_id, {})
        section.costs = {pk: cost for pk, (cost, _votes) in proposals.items()}
        section.votes = {pk: votes for pk, (_cost, votes) in proposals.items()}
        section.voters, section.ballots = sets.get(section.area_id, (0, []))
    return sections


def _store(result: BudgetResult, section: Section, selected: list[int]) -> None:
    position = {pk: index for index, pk in enumerate(selected, start=1)}
    BudgetResultProject.objects.bulk_create([
        BudgetResultProject(result=result, proposal_id=pk, votes=section.votes[pk], cost=cost,
                            selected=pk in position, position=position.get(pk))
        for pk, cost in section.costs.items()])


@transaction.atomic
def budget_results_compute(*, budget_round: BudgetRound) -> list[BudgetResult]:
    """Count the round's votes and store both rules' outcomes for every section (greedy and the
    Method of Equal Shares), replacing earlier ones, in one transaction. Only in the results phase.

    Exact and repeatable: the same ballots always give the same rows (the rules' tie-breaks are in
    ``planning.budget_rules``). Running it twice is harmless."""
    locked = BudgetRound.objects.select_for_update().get(pk=budget_round.pk)
    if locked.phase != BudgetPhase.RESULTS:
        raise ResultsRefused(_("Results are computed only in the results phase."))
    BudgetResult.objects.filter(round=locked).delete()
    now = timezone.now()
    stored = []
    for section in budget_sections(locked):
        outcomes = {
            ResultRule.GREEDY: greedy(section.costs, section.votes, section.budget),
            ResultRule.MES: mes(section.costs, section.ballots, section.budget).selected,
        }
        for rule, selected in outcomes.items():
            result = BudgetResult.objects.create(
                round=locked, area_id=section.area_id, rule=rule, budget=section.budget,
                spent=sum(section.costs[pk] for pk in selected), voters=section.voters, computed_at=now)
            _store(result, section, selected)
            stored.append(result)
    return stored


def budget_results_enqueue(budget_round: BudgetRound) -> None:
    """Compute the round's results in the worker once the current transaction commits."""
    from city.queue import enqueue_after_commit
    from planning import jobs

    # The Method of Equal Shares' completion grows with the raises it needs (15 s for 50 000 voters and
    # a million euros on the development machine): half an hour leaves room for a much larger city.
    enqueue_after_commit(jobs.budget_results_compute, budget_round.pk, job_timeout=RESULTS_JOB_TIMEOUT)
