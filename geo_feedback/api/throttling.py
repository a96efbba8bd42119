"""Rate limit on report creation per client address, counted atomically in Redis; fails open if Redis is down."""

from config.ratelimit import CreationRateThrottle


class FeedbackCreateThrottle(CreationRateThrottle):
    """``FEEDBACK_CREATE_RATE`` reports per client address; signed-in staff are not limited.

    Losing Redis must not stop residents from reporting, so an unreachable cache lets the
    request through (and logs it) instead of failing it.
    """

    scope = "feedback_create"
    rate_setting = "FEEDBACK_CREATE_RATE"


def creation_slot(request) -> FeedbackCreateThrottle:
    """The report form and "me too" take their place in the API's limit (``CreationRateThrottle.slot``)."""
    return FeedbackCreateThrottle.slot(request)
