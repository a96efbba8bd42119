"""Rate limit on residents' comments per client address, counted atomically in Redis as reports are
(config/ratelimit.py); fails open if Redis is down."""

from config.ratelimit import CreationRateThrottle


class CommentCreateThrottle(CreationRateThrottle):
    """``PLAN_COMMENT_RATE`` comments per client address, a window of their own (a resident who
    reported a pothole has not used up their comments on a plan); signed-in staff are not limited."""

    scope = "plan_comment"
    rate_setting = "PLAN_COMMENT_RATE"


def comment_slot(request) -> CommentCreateThrottle:
    """The plan's page takes its place in the API's limit (``CreationRateThrottle.slot``)."""
    return CommentCreateThrottle.slot(request)
