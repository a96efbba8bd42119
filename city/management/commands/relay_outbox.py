"""python manage.py relay_outbox [--once] [--interval 10]: queue the emails and thumbnails whose job is missing.

Runs beside the RQ worker (config/serve.sh, docker-compose). A notification is a database row
before it is a job; when Redis was down at the moment of the change, this is what queues it later.
"""

import logging
import time
from datetime import timedelta

from django.core.management.base import BaseCommand
from django.db import DatabaseError, close_old_connections

from city.services.outbox import outbox_relay

logger = logging.getLogger("city.relay_outbox")


class Command(BaseCommand):
    help = "Queue pending notification emails and missing thumbnails (after a Redis outage); loops unless --once."

    def add_arguments(self, parser):
        parser.add_argument("--once", action="store_true", help="Run one round and exit (tests, cron).")
        parser.add_argument("--interval", type=float, default=10.0, help="Seconds between rounds (default 10).")
        parser.add_argument(
            "--stale-after", type=float, default=300.0,
            help="Queue again a job queued this many seconds ago that has not finished (default 300).",
        )

    def handle(self, *args, once: bool, interval: float, stale_after: float, **options):
        stale = timedelta(seconds=stale_after)
        if once:
            queued = outbox_relay(stale_after=stale)
            self.stdout.write(f"Queued {queued} job(s).")
            return
        logger.info("relaying the outbox every %.0f s", interval)
        try:
            while True:
                self._round(stale)
                time.sleep(interval)
        except KeyboardInterrupt:  # Ctrl+C in `make run`: leave quietly
            pass

    def _round(self, stale: timedelta) -> None:
        # A long-running process: drop connections the database closed meanwhile (restart, CONN_MAX_AGE).
        close_old_connections()
        try:
            queued = outbox_relay(stale_after=stale)
        except DatabaseError as error:  # the database is restarting or not migrated yet: try next round
            logger.warning("outbox relay round failed: %s", error)
            close_old_connections()
            return
        if queued:
            logger.info("queued %d job(s)", queued)
