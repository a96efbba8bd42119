"""Rate limit on joining panels per client address, counted atomically in Redis as reports are
(config/ratelimit.py); fails open if Redis is down. Every join may send an email, so the limit also
keeps the form from being used to flood someone's inbox."""

from django.conf import settings

from config.ratelimit import CreationRateThrottle

DEFAULT_RATE = "20/hour"


class PanelJoinThrottle(CreationRateThrottle):
    """``PANEL_JOIN_RATE`` joins per client address (20 an hour unless set), a window of their own."""

    scope = "panel_join"
    rate_setting = "PANEL_JOIN_RATE"

    def get_rate(self):
        return getattr(settings, self.rate_setting, DEFAULT_RATE)


def panel_join_slot(request) -> PanelJoinThrottle:
    """The join form takes its place in the limit (``CreationRateThrottle.slot``)."""
    return PanelJoinThrottle.slot(request)
