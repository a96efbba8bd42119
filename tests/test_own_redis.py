"""The suite runs beside a running site: its jobs go to a Redis server of the test run's own, so a
worker of `make run` cannot take them (9 notification and photo tests failed that way)."""

import os

import django_rq
import pytest
import redis

SITE_REDIS = os.environ.get("REDIS_URL", "redis://127.0.0.1:6379/0")


def test_the_tests_jobs_never_reach_the_sites_queue(settings, _redis_of_the_test_run):
    assert settings.RQ_QUEUES["default"]["URL"] == _redis_of_the_test_run != SITE_REDIS
    assert settings.CACHES["throttle"]["LOCATION"] == _redis_of_the_test_run
    site = redis.Redis.from_url(SITE_REDIS, socket_connect_timeout=1)
    try:
        before = site.llen("rq:queue:default")
    except redis.ConnectionError:
        pytest.skip("no site Redis answers on this machine: nothing to take the tests' jobs")
    queue = django_rq.get_queue("default")
    job = queue.enqueue(len, "abc")
    try:
        assert queue.connection.connection_pool.connection_kwargs["port"] != site.connection_pool.connection_kwargs[
            "port"]
        assert site.llen("rq:queue:default") == before and job.id in queue.job_ids
    finally:
        job.delete()
