"""Import municipal initiatives from kuntalaisaloite.fi's public JSON (a file or an address).

    manage.py import_initiatives fixtures/kuntalaisaloite_sample.json
    manage.py import_initiatives "https://www.kuntalaisaloite.fi/api/v1/initiatives?municipality=743&limit=50"
    manage.py import_initiatives FILE --municipality 0      # every municipality's rows

The format and the two keys read beside it (``decision``, ``decisionDate``) are described in
``planning/services/initiatives.py``. ``fixtures/kuntalaisaloite_sample.json`` is a hand-written sample
in that format, not real initiatives. Rows are matched by their kuntalaisaloite.fi id, so running the
command again updates what changed and creates nothing twice. A row that cannot be read is reported
by its position in the file (counting from 1) and its id, with the reason, and skipped; the exit status
is 1 when the file itself cannot be read, 0 otherwise (refused rows are in the output and the log).
"""

from __future__ import annotations

from django.core.management.base import BaseCommand, CommandError

from planning.models.initiatives import SEINAJOKI_MUNICIPALITY
from planning.services.initiatives import InitiativeSourceUnreadable, initiatives_import_source


class Command(BaseCommand):
    help = "Import municipal initiatives from a kuntalaisaloite.fi JSON file or address (idempotent)."

    def add_arguments(self, parser):
        parser.add_argument("source", help="A JSON file or an http(s) address in kuntalaisaloite.fi's format.")
        parser.add_argument("--municipality", type=int, default=SEINAJOKI_MUNICIPALITY,
                            help="Import only initiatives addressed to this municipality code (default 743, "
                                 "Seinäjoki; 0 for all).")

    def handle(self, *args, source: str, municipality: int, **options):
        def progress(done: int, total: int, run) -> None:
            self.stdout.write(f"{done}/{total} rows read: {run.created} created, {run.updated} updated, "
                              f"{run.unchanged} unchanged, {run.refused} refused")

        try:
            run = initiatives_import_source(source=source, municipality=municipality or None, progress=progress)
        except InitiativeSourceUnreadable as error:
            raise CommandError(str(error)) from None
        for problem in run.problems:
            self.stderr.write(f"row {problem['index']} (id {problem['id']}): skipped, {problem['reason']}")
        other = f", {run.other_municipality} for other municipalities left out" if run.other_municipality else ""
        self.stdout.write(self.style.SUCCESS(
            f"{run.rows_read} rows read: {run.created} created, {run.updated} updated, {run.unchanged} unchanged, "
            f"{run.refused} refused{other}."))
