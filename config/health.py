"""GET /healthz: is the platform able to serve? Names the part that is down, and nothing more.

The public answer says which dependency is down ("database", "redis"); why (host, port, errno)
goes to the log, where the city's IT sees it and an attacker does not.
"""

import logging

import redis
from django.conf import settings
from django.db import connection
from django.http import JsonResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

logger = logging.getLogger("config.health")


def _database() -> str:
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT PostGIS_Lib_Version()")
            cursor.fetchone()
    except Exception:  # any failure means "down"; the log says why
        logger.exception("health check: the database is down")
        return "down"
    return "ok"


def _redis() -> str:
    timeout = settings.HEALTH_CHECK_TIMEOUT
    client = redis.Redis.from_url(settings.REDIS_URL, socket_connect_timeout=timeout, socket_timeout=timeout)
    try:
        client.ping()
    except redis.RedisError as error:
        logger.error("health check: Redis is down: %s: %s", error.__class__.__name__, error)
        return "down"
    finally:
        client.close()
    return "ok"


@never_cache
@require_GET
def healthz(request):
    checks = {"database": _database(), "redis": _redis()}
    down = [name for name, state in checks.items() if state != "ok"]
    body = {"status": "ok" if not down else "unavailable", "checks": checks, "down": down}
    return JsonResponse(body, status=503 if down else 200)
