"""Rate limit on residents' budget proposals per client address, counted atomically in Redis
(config/ratelimit.py); the proposal form and the API share it. Fails open if Redis is down."""

from django.conf import settings

from config.ratelimit import CreationRateThrottle

DEFAULT_RATE = "20/hour"


class ProposalCreateThrottle(CreationRateThrottle):
    """``BUDGET_PROPOSAL_RATE`` proposals per client address (20 an hour unless set), a window of their own."""

    scope = "budget_proposal"
    rate_setting = "BUDGET_PROPOSAL_RATE"

    def get_rate(self):
        return getattr(settings, self.rate_setting, DEFAULT_RATE)


def proposal_slot(request) -> ProposalCreateThrottle:
    """The proposal form takes its place in the API's limit (``CreationRateThrottle.slot``)."""
    return ProposalCreateThrottle.slot(request)
