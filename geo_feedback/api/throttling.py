"""Rate limit on report creation per client address, counted atomically in Redis; fails open if Redis is down."""

from django.conf import settings

from city.permissions import is_staff_member
from config.ratelimit import AtomicRateThrottle


class FeedbackCreateThrottle(AtomicRateThrottle):
    """``FEEDBACK_CREATE_RATE`` reports per client address; signed-in staff are not limited.

    Losing Redis must not stop residents from reporting, so an unreachable cache lets the
    request through (and logs it) instead of failing it.
    """

    scope = "feedback_create"

    def get_rate(self):
        return settings.FEEDBACK_CREATE_RATE

    def get_cache_key(self, request, view):
        if is_staff_member(getattr(request, "user", None)):  # desk entry for walk-ins is not limited
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


def creation_slot(request) -> FeedbackCreateThrottle:
    """For plain Django views (the report form, "me too"): takes the request's place in the same
    limit, under the same key, as the API's. ``wait_seconds()`` is None if the request may create;
    ``release()`` gives the place back when the request is refused as invalid."""
    throttle = FeedbackCreateThrottle()
    throttle.allow_request(request, None)
    return throttle
