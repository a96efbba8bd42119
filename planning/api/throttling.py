"""Rate limit on residents' comments per client address, counted atomically in Redis as reports are
(config/ratelimit.py); fails open if Redis is down."""

from django.conf import settings

from city.permissions import is_staff_member
from config.ratelimit import AtomicRateThrottle


class CommentCreateThrottle(AtomicRateThrottle):
    """``PLAN_COMMENT_RATE`` comments per client address, a window of their own (a resident who
    reported a pothole has not used up their comments on a plan); signed-in staff are not limited."""

    scope = "plan_comment"

    def get_rate(self):
        return settings.PLAN_COMMENT_RATE

    def get_cache_key(self, request, view):
        if is_staff_member(getattr(request, "user", None)):
            return None
        return self.cache_format % {"scope": self.scope, "ident": self.get_ident(request)}

    def allow_request(self, request, view):
        if request.method != "POST":
            return True
        return super().allow_request(request, view)

    def wait_seconds(self) -> int | None:
        """None when the request was let through, else how many seconds the client should wait."""
        wait = self.wait()
        return None if wait is None else max(1, int(wait))


def comment_slot(request) -> CommentCreateThrottle:
    """For the plan's page (a plain Django view): takes the request's place in the same limit as
    the API's. ``wait_seconds()`` is None if the request may comment; ``release()`` gives the place
    back when the comment is refused."""
    throttle = CommentCreateThrottle()
    throttle.allow_request(request, None)
    return throttle
