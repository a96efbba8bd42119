"""Compute a resident budget round's results again (both rules, every section), replacing the stored
ones: ``python manage.py budget_results ROUND_ID`` (in the results phase only). ``--queue`` hands the
work to the worker instead."""

from __future__ import annotations

from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from planning.models import BudgetRound
from planning.services.budget_results import ResultsRefused, budget_results_compute, budget_results_enqueue


class Command(BaseCommand):
    help = "Compute a budget round's results again, replacing the stored ones."

    def add_arguments(self, parser):
        parser.add_argument("round_id", type=int, help="The round's id.")
        parser.add_argument("--queue", action="store_true", help="Queue the computation for the RQ worker.")

    def handle(self, *args, round_id: int, queue: bool, **options):
        budget_round = BudgetRound.objects.filter(pk=round_id).first()
        if budget_round is None:
            raise CommandError(f"There is no budget round {round_id}.")
        if queue:
            with transaction.atomic():
                budget_results_enqueue(budget_round)
            self.stdout.write(f"Queued the results of round {round_id}.")
            return
        try:
            results = budget_results_compute(budget_round=budget_round)
        except ResultsRefused as refusal:
            raise CommandError(str(refusal)) from None
        for result in results:
            self.stdout.write(f"{result.area.code if result.area else 'city-wide'} {result.rule}: {result.spent} of {result.budget} € "
                              f"spent, {result.voters} voters, "
                              f"{result.projects.filter(selected=True).count()} proposals selected")
