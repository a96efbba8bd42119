"""python manage.py expire_panel_signups [--days 14]: delete panel sign-ups never confirmed in time.

The outbox relay (``manage.py relay_outbox``) does the same on every round once
``planning.services.panels.register_relays`` is called from the planning app's ready(); this command is
for a cron job where the relay does not run, and for trying it by hand.
"""

from datetime import timedelta

from django.core.management.base import BaseCommand

from planning.services.panels import SIGNUP_EXPIRES, panel_signups_expire


class Command(BaseCommand):
    help = "Delete panel sign-ups that were never confirmed within the given number of days (default 14)."

    def add_arguments(self, parser):
        parser.add_argument("--days", type=int, default=SIGNUP_EXPIRES.days,
                            help="Sign-ups older than this many days and still unconfirmed are deleted.")

    def handle(self, *args, days: int, **options):
        if days < 1:
            self.stderr.write("--days must be at least 1")
            return
        expired = panel_signups_expire(expires=timedelta(days=days))
        self.stdout.write(f"Deleted {expired} unconfirmed panel sign-up(s) older than {days} days")
