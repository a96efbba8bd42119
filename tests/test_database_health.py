"""The persistent connection's health check (config/postgis/base.py): no round trip while the
connection is well, and a session the server ended is noticed and replaced before a request uses it."""

import select
import time

import pytest
from django.db import connections

pytestmark = pytest.mark.django_db


@pytest.fixture
def wrappers():
    """Two connections of their own to the test database: the one checked, and an observer."""
    checked, observer = connections.create_connection("default"), connections.create_connection("default")
    checked.ensure_connection()
    observer.ensure_connection()
    yield checked, observer
    checked.close()
    observer.close()


def _last_query(observer, pid: int) -> str:
    with observer.cursor() as cursor:
        cursor.execute("SELECT query FROM pg_stat_activity WHERE pid = %s", [pid])
        return cursor.fetchone()[0]


def test_a_well_connection_is_usable_without_asking_the_server(wrappers):
    checked, observer = wrappers
    with checked.connection.cursor() as cursor:
        cursor.execute("SELECT 'the last statement before the check'")
    pid = checked.connection.info.backend_pid

    assert checked.is_usable()
    assert _last_query(observer, pid) == "SELECT 'the last statement before the check'"  # no SELECT 1 was sent


def test_a_session_the_server_ended_is_noticed_and_replaced(wrappers):
    checked, observer = wrappers
    pid = checked.connection.info.backend_pid
    with observer.cursor() as cursor:
        cursor.execute("SELECT pg_terminate_backend(%s)", [pid])
    poller = select.poll()
    poller.register(checked.connection.fileno(), select.POLLIN)
    deadline = time.monotonic() + 10
    while not poller.poll(50) and time.monotonic() < deadline:  # the server's goodbye reaches the socket
        pass

    assert not checked.is_usable()

    checked.health_check_done = False  # as at the start of a request
    checked.close_if_health_check_failed()
    with checked.cursor() as cursor:  # the next query gets a new session
        cursor.execute("SELECT pg_backend_pid()")
        assert cursor.fetchone()[0] != pid
