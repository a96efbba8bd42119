"""Rate limits that hold under concurrency: one atomic step in Redis per request.

DRF's throttles read a request history from the cache, append to it and write it back: parallel
requests read the same history, and 40 reports at once from one address let 21 or 22 through a
limit of 20. Here a Lua script trims, counts and records in one Redis step (a sliding window of
timestamps in a sorted set), so no two requests ever see the same count.
"""

import logging
import secrets
import time

import redis
from rest_framework.throttling import SimpleRateThrottle

logger = logging.getLogger(__name__)

# KEYS[1]: the window's sorted set. ARGV: now (ms), window (ms), limit, a unique member.
# Returns {1, 0} when the request is let through (and recorded), {0, ms to wait} when it is not.
_TAKE = """
local key, now, window, limit = KEYS[1], tonumber(ARGV[1]), tonumber(ARGV[2]), tonumber(ARGV[3])
redis.call('ZREMRANGEBYSCORE', key, '-inf', now - window)
if redis.call('ZCARD', key) < limit then
    redis.call('ZADD', key, now, ARGV[4])
    redis.call('PEXPIRE', key, window)
    return {1, 0}
end
local oldest = redis.call('ZRANGE', key, 0, 0, 'WITHSCORES')
return {0, math.max(1, tonumber(oldest[2]) + window - now)}
"""


class AtomicRateThrottle(SimpleRateThrottle):
    """A DRF throttle (rate strings like "20/hour", keys from ``get_cache_key``) counted atomically in
    the cache named ``cache_alias`` (a Django RedisCache). When Redis does not answer, the request
    goes through and the log says so: losing Redis must not stop residents from taking part."""

    cache_alias = "throttle"
    _wait: float | None = None
    _recorded: tuple[str, str] | None = None  # (Redis key, member) of this request's place in the window

    @property
    def cache(self):
        from django.core.cache import caches

        return caches[self.cache_alias]

    def allow_request(self, request, view):
        if self.rate is None:
            return True
        self.key = self.get_cache_key(request, view)
        if self.key is None:
            return True
        try:
            allowed, wait_ms = self._take(self.key)
        except redis.RedisError as error:
            logger.warning("rate limit skipped, Redis unavailable: %s", error)
            return True
        self._wait = wait_ms / 1000 if not allowed else None
        return bool(allowed)

    def _take(self, key: str) -> tuple[int, int]:
        client = self.cache._cache.get_client(key, write=True)  # the cache's own connection pool
        now_ms = int(time.time() * 1000)
        member = f"{now_ms}-{secrets.token_hex(6)}"
        redis_key = self.cache.make_key(key)
        result = client.register_script(_TAKE)(keys=[redis_key],
                                                args=[now_ms, int(self.duration * 1000), self.num_requests, member])
        if int(result[0]):
            self._recorded = (redis_key, member)
        return int(result[0]), int(result[1])

    def release(self) -> None:
        """Take back this request's place in the window: it was refused (invalid input), and a
        resident who corrects a mistake should not run out of reports for it."""
        if self._recorded is None:
            return
        redis_key, member = self._recorded
        self._recorded = None
        try:
            self.cache._cache.get_client(self.key, write=True).zrem(redis_key, member)
        except redis.RedisError as error:
            logger.warning("rate limit place not released, Redis unavailable: %s", error)

    def wait(self):
        return self._wait


class CreationRateThrottle(AtomicRateThrottle):
    """POSTs that create something a resident writes (a report, a comment), per client address, at
    the rate named by the setting ``rate_setting``; each ``scope`` is a window of its own. Signed-in
    staff are not limited (desk entry for walk-ins). Reads are never limited."""

    rate_setting = ""

    def get_rate(self):
        from django.conf import settings

        return getattr(settings, self.rate_setting)

    def get_cache_key(self, request, view):
        from city.permissions import is_staff_member  # the city core loads models; this module must not

        if is_staff_member(getattr(request, "user", None)):
            return None
        return self.cache_format % {"scope": self.scope, "ident": self.get_ident(request)}

    def allow_request(self, request, view):
        if request.method != "POST":
            return True
        return super().allow_request(request, view)

    def wait_seconds(self) -> int | None:
        """None when the request was let through, else how many seconds the client should wait
        (a refusal always leaves a wait, at least a millisecond)."""
        wait = self.wait()
        return None if wait is None else max(1, int(wait))

    @classmethod
    def slot(cls, request):
        """For plain Django views (a form page): takes the request's place in the same limit, under
        the same key, as the API's. ``wait_seconds()`` is None if the request may create;
        ``release()`` gives the place back when the request is refused as invalid."""
        throttle = cls()
        throttle.allow_request(request, None)
        return throttle


class ReleasesRefusedRequests:
    """For a DRF view: a request refused for its content (400, or 409 for a closed report) gives its
    place in the rate limits back; one that was stored, or failed otherwise, keeps it."""

    def get_throttles(self):
        if getattr(self, "_throttle_instances", None) is None:
            self._throttle_instances = super().get_throttles()
        return self._throttle_instances

    def finalize_response(self, request, response, *args, **kwargs):
        if response.status_code in (400, 409):
            for throttle in getattr(self, "_throttle_instances", None) or ():
                if isinstance(throttle, AtomicRateThrottle):
                    throttle.release()
        return super().finalize_response(request, response, *args, **kwargs)
