"""RQ job entry points of the planning app: take ids, load, call a service. Running one twice is harmless."""


def budget_results_compute(round_id: int) -> int:
    """Compute a budget round's results (both rules, every section); returns how many results were stored.
    A round no longer in its results phase (or gone) is left alone."""
    from planning.models import BudgetPhase, BudgetRound
    from planning.services.budget_results import budget_results_compute as compute

    budget_round = BudgetRound.objects.filter(pk=round_id, phase=BudgetPhase.RESULTS).first()
    if budget_round is None:
        return 0
    return len(compute(budget_round=budget_round))
