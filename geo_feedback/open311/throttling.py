"""Creation limits for Open311 clients: per API key, and per client address.

An Open311 client is one app or system sending for many residents, so its key has a limit of its
own, far above a resident's (``OPEN311_KEY_RATE``, or the key's own ``rate_per_hour`` set in the
admin); each address sending through it has ``OPEN311_ADDRESS_RATE``. Both are counted atomically
in Redis and let reports through when Redis is down, as the REST API's limit does.
"""

from __future__ import annotations

from django.conf import settings

from config.ratelimit import AtomicRateThrottle
from geo_feedback.models import Open311ApiKey


class Open311KeyThrottle(AtomicRateThrottle):
    """The key's own reports per hour, or OPEN311_KEY_RATE."""

    scope = "open311_create"

    def __init__(self, api_key: Open311ApiKey):
        self.api_key = api_key
        super().__init__()

    def get_rate(self):
        if self.api_key.rate_per_hour:
            return f"{self.api_key.rate_per_hour}/hour"
        return settings.OPEN311_KEY_RATE

    def get_cache_key(self, request, view):
        return self.cache_format % {"scope": self.scope, "ident": self.api_key.pk}


class Open311AddressThrottle(AtomicRateThrottle):
    """OPEN311_ADDRESS_RATE reports per client address, whichever key it uses."""

    scope = "open311_address"

    def get_rate(self):
        return settings.OPEN311_ADDRESS_RATE

    def get_cache_key(self, request, view):
        return self.cache_format % {"scope": self.scope, "ident": self.get_ident(request)}


def open311_wait_seconds(request, api_key: Open311ApiKey) -> tuple[str, int] | None:
    """None if the client may create a report now, else (what is limited: "api_key" or "address",
    how many seconds to wait). The key is counted only when the address may send."""
    address = Open311AddressThrottle()
    if not address.allow_request(request, None):
        return "address", max(1, int(address.wait() or 1))
    key = Open311KeyThrottle(api_key)
    if not key.allow_request(request, None):
        return "api_key", max(1, int(key.wait() or 1))
    return None
