"""Enqueueing jobs after commit without ever failing the request that asked for them."""

import logging
import threading

import django_rq
import redis
from django.conf import settings
from django.db import transaction

logger = logging.getLogger(__name__)

_local = threading.local()


def _connection() -> redis.Redis:
    """One Redis client per thread and queue URL, reused: django_rq makes a new client, and so a
    new TCP connection, on every call (2.4 ms against 0.5 ms per job queued)."""
    url = settings.RQ_QUEUES["default"]["URL"]
    clients = _local.__dict__.setdefault("clients", {})
    if url not in clients:
        clients[url] = redis.Redis.from_url(url)
    return clients[url]


def enqueue_now(func, *args, job_timeout: int | None = None) -> bool:
    """Put a job on the default queue; False (and a log line) when Redis does not answer.

    Work that must not be lost is a database row first (an outbox); ``relay_outbox`` enqueues
    it again later, so a failure here delays it and loses nothing.
    """
    try:
        queue = django_rq.get_queue("default", commit_mode="auto", connection=_connection())
        if job_timeout is None:
            queue.enqueue(func, *args)
        else:  # a job known to run long (a big count) gets its own limit instead of the queue's
            queue.enqueue(func, *args, job_timeout=job_timeout)
    except redis.RedisError as error:
        logger.warning("could not enqueue %s%r: %s", func.__name__, args, error)
        return False
    return True


def enqueue_after_commit(func, *args, job_timeout: int | None = None) -> None:
    transaction.on_commit(lambda: enqueue_now(func, *args, job_timeout=job_timeout))
