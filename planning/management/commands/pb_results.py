"""Recompute a resident budget's result from its published Pabulib file, with the platform's own code.

    python manage.py pb_results FILE.pb --rule greedy|mes|mes-core

prints the selected project ids, one per line, in the order selected (``mes-core``: the Method of
Equal Shares before its completion). A broken file is refused with its line and the reason.
"""

from __future__ import annotations

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from planning.budget_rules import RULES, PabulibError, outcome, pabulib_parse


class Command(BaseCommand):
    help = "Print the projects a rule selects from a Pabulib (.pb) file, one id a line."

    def add_arguments(self, parser):
        parser.add_argument("file", help="The .pb file (as downloaded from a round's results page).")
        parser.add_argument("--rule", choices=RULES, default="mes",
                            help="greedy, mes (completed, as the platform does) or mes-core (before completion).")

    def handle(self, *args, file: str, rule: str, **options):
        try:
            text = Path(file).read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as error:
            raise CommandError(f"{file}: cannot be read: {error}") from None
        try:
            parsed = pabulib_parse(text)
        except PabulibError as error:
            raise CommandError(f"{file}: {error}") from None
        for project in outcome(rule, parsed.costs, parsed.ballots(), parsed.budget):
            self.stdout.write(str(project))
