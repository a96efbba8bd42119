"""make run's server script (config/serve.sh) on a database of its own: it migrates, loads the demo
city and serves it with a worker, and its banner is the last thing on the screen; the worker's
start-up lines (161 of them) used to push it out of sight. A second start writes no demo place again."""

import os
import secrets
import socket
import subprocess
import time
from pathlib import Path

import psycopg
import pytest
from django.conf import settings
from django.db import connection

from tests.databases import database_url

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture
def own_database():
    name = f"{connection.settings_dict['NAME']}_serve_{secrets.token_hex(3)}"
    maintenance = "postgresql://" + database_url("postgres").split("://", 1)[1]
    with psycopg.connect(maintenance, autocommit=True) as admin:
        admin.execute(f'CREATE DATABASE "{name}" TEMPLATE template0 ENCODING \'UTF8\'')
    try:
        yield database_url(name)
    finally:
        with psycopg.connect(maintenance, autocommit=True) as admin:
            admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def _serve(database_url: str, logs: Path) -> tuple[str, Path]:
    """Start serve.sh, wait for its banner, stop it; return what it printed and its log folder."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    environment = {key: value for key, value in os.environ.items() if key != "DJANGO_ALLOW_ASYNC_UNSAFE"}
    environment.update({"DATABASE_URL": database_url, "REDIS_URL": settings.REDIS_URL, "DEBUG": "true",
                        "DEMO_DATA": "true", "PORT": str(port), "LOG_DIR": str(logs),
                        "MEDIA_ROOT": settings.MEDIA_ROOT})
    out = logs / f"screen-{port}.txt"
    with out.open("w") as screen:
        process = subprocess.Popen(["bash", "config/serve.sh"], cwd=ROOT, env=environment, stdout=screen,
                                   stderr=subprocess.STDOUT, start_new_session=True)
        try:
            deadline = time.monotonic() + 240
            while "Requests are logged below." not in out.read_text() and time.monotonic() < deadline:
                assert process.poll() is None, out.read_text()[-3000:]
                time.sleep(0.2)
            # The worker starts beside the web server: wait until it has said so in its log (a
            # loaded machine takes a while), so that what it prints has had time to go somewhere.
            worker_log = logs / "worker.log"
            deadline = time.monotonic() + 60
            while time.monotonic() < deadline and not (worker_log.exists() and "Worker" in worker_log.read_text()):
                time.sleep(0.2)
            time.sleep(0.5)
        finally:
            os.killpg(process.pid, 15)
            process.wait(30)
    return out.read_text(), logs


def test_make_run_ends_with_its_banner_and_a_second_start_rewrites_nothing(own_database, tmp_path):
    first, logs = _serve(own_database, tmp_path)
    banner = first[first.index("The participation platform is running at"):].strip().splitlines()
    assert banner[-1].strip() == "Stop all with Ctrl+C. Requests are logged below."
    assert "Demo staff logins: admin / seinajoki-demo, asiakaspalvelu / seinajoki-demo" in first
    assert "rq.worker" not in first and "Worker" not in first  # the worker talks to its log, not the screen
    assert "Worker" in (logs / "worker.log").read_text()
    assert "49 places created" in first

    second, _logs = _serve(own_database, tmp_path)
    assert "0 places created, 0 updated, 49 unchanged" in second
    assert second.strip().endswith("Stop all with Ctrl+C. Requests are logged below.")
