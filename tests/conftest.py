"""Test-wide settings and fixtures. Tests run against real PostGIS and Redis."""

import os
import shutil
import socket
import subprocess
import time
from pathlib import Path

import pytest

# Playwright's sync API keeps an event loop running in the test thread; Django would then
# refuse ORM calls from that thread. The tests are single-threaded, so this is safe here.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures"


@pytest.fixture(autouse=True)
def _isolated_media(settings, tmp_path):
    settings.MEDIA_ROOT = str(tmp_path / "media")


@pytest.fixture(autouse=True)
def _generous_rate_limit(settings):
    """Tests post many reports from one address; the rate-limit test sets its own rate."""
    settings.FEEDBACK_CREATE_RATE = "100000/minute"
    settings.PLAN_COMMENT_RATE = "100000/minute"
    settings.BUDGET_PROPOSAL_RATE = "100000/minute"


@pytest.fixture
def city(db):
    """Seinäjoki's demo areas, departments and feedback categories (a flushing test may have emptied them)."""
    from city.demo import demo_city_load
    from geo_feedback.seed import categories_seed

    demo_city_load()
    categories_seed()


@pytest.fixture
def mail_queue(settings):
    """Emails into Django's locmem outbox, and the default queue on the test's Redis emptied before and after."""
    import django_rq

    from tests.factories import jobs_clear

    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    queue = django_rq.get_queue("default")  # kept: a test may point the settings at a stopped Redis
    jobs_clear(queue)
    yield queue
    jobs_clear(queue)


@pytest.fixture
def fixtures_dir() -> Path:
    return FIXTURES


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _redis_server() -> tuple[str, subprocess.Popen]:
    """A Redis server of our own on a free port: (its URL, its process)."""
    server = shutil.which("redis-server")
    if server is None:
        pytest.fail("redis-server is not installed: run `make test`, which installs it")
    port = _free_port()
    process = subprocess.Popen(
        [server, "--port", str(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"],
        stdout=subprocess.DEVNULL,
    )
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
            break
        except OSError:
            time.sleep(0.05)
    return f"redis://127.0.0.1:{port}/0", process


def _stop(process: subprocess.Popen) -> None:
    if process.poll() is None:
        process.terminate()
        process.wait(timeout=10)


@pytest.fixture(scope="session", autouse=True)
def _redis_of_the_test_run(django_test_environment):
    """The whole run's queues, rate limits and health check use a Redis server of their own.

    A worker of `make run` (or another test run) on the machine's Redis would otherwise take the
    tests' jobs from the shared queue, and the tests would fail beside a running site.
    """
    from django.conf import settings
    from django.test.utils import override_settings

    url, process = _redis_server()
    override = override_settings(
        REDIS_URL=url,
        RQ_QUEUES={name: {**queue, "URL": url} for name, queue in settings.RQ_QUEUES.items()},
        CACHES={**settings.CACHES, "throttle": {**settings.CACHES["throttle"], "LOCATION": url}},
    )
    override.enable()
    yield url
    override.disable()
    _stop(process)


@pytest.fixture
def private_redis():
    """A Redis server of the test's own, on a free port, that the test may stop."""
    url, process = _redis_server()

    class PrivateRedis:
        pass

    PrivateRedis.url = url
    PrivateRedis.stop = staticmethod(lambda: _stop(process))
    yield PrivateRedis
    _stop(process)
