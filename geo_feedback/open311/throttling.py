"""The creation limit for Open311 clients: FEEDBACK_CREATE_RATE reports per API key.

The REST API and the pages count reports per client address; an Open311 client is one app or
system sending for many residents, so here the key is the client. The rest (the rate, Redis, and
letting reports through when Redis is down) is the REST API's throttle.
"""

from __future__ import annotations

from geo_feedback.api.throttling import FeedbackCreateThrottle
from geo_feedback.models import Open311ApiKey


class Open311CreateThrottle(FeedbackCreateThrottle):
    """FEEDBACK_CREATE_RATE new reports per Open311 API key, counted in Redis."""

    scope = "open311_create"

    def __init__(self, api_key: Open311ApiKey):
        self.api_key_id = api_key.pk
        super().__init__()

    def get_cache_key(self, request, view):
        return self.cache_format % {"scope": self.scope, "ident": self.api_key_id}


def open311_wait_seconds(request, api_key: Open311ApiKey) -> int | None:
    """None if the client may create a report now, else how many seconds it should wait."""
    throttle = Open311CreateThrottle(api_key)
    if throttle.allow_request(request, None):
        return None
    return max(1, int(throttle.wait() or 1))
