"""The life of a feedback ticket: its statuses and the only moves allowed between them."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class FeedbackStatus(models.TextChoices):
    """Where a ticket stands. Only ``feedback_transition`` moves a ticket between these."""

    RECEIVED = "received", _("Received")  # sent by a resident, nobody has looked at it yet
    IN_TRIAGE = "in_triage", _("In triage")  # the customer service point is looking at it
    ROUTED = "routed", _("Routed to a department")  # a department owns it now
    IN_PROGRESS = "in_progress", _("In progress")  # the department is working on it
    HANDLED = "handled", _("Handled")  # "kuitattu hoidetuksi": fixed or answered
    DUPLICATE = "duplicate", _("Closed as a duplicate")  # merged into another ticket
    FORWARDED = "forwarded", _("Forwarded to an outside body")  # e.g. the wellbeing services county
    NOT_CITYS = "not_citys", _("Not the city's to fix")  # private land, state road, …
    REJECTED = "rejected", _("Rejected")  # spam or abuse; never shown publicly


S = FeedbackStatus
OPEN_STATUSES = frozenset({S.RECEIVED, S.IN_TRIAGE, S.ROUTED, S.IN_PROGRESS})
CLOSED_STATUSES = frozenset({S.HANDLED, S.DUPLICATE, S.FORWARDED, S.NOT_CITYS, S.REJECTED})
HIDDEN_STATUSES = frozenset({S.REJECTED})

# from status -> the statuses it may move to. Every closed ticket can be reopened into triage.
TRANSITIONS: dict[str, frozenset[str]] = {
    S.RECEIVED: frozenset({S.IN_TRIAGE, S.ROUTED, S.IN_PROGRESS, S.HANDLED, S.DUPLICATE, S.FORWARDED,
                           S.NOT_CITYS, S.REJECTED}),
    S.IN_TRIAGE: frozenset({S.ROUTED, S.IN_PROGRESS, S.HANDLED, S.DUPLICATE, S.FORWARDED, S.NOT_CITYS,
                            S.REJECTED}),
    S.ROUTED: frozenset({S.IN_TRIAGE, S.IN_PROGRESS, S.HANDLED, S.DUPLICATE, S.FORWARDED, S.NOT_CITYS,
                         S.REJECTED}),
    S.IN_PROGRESS: frozenset({S.IN_TRIAGE, S.ROUTED, S.HANDLED, S.DUPLICATE, S.FORWARDED, S.NOT_CITYS}),
    S.HANDLED: frozenset({S.IN_TRIAGE}),
    S.DUPLICATE: frozenset({S.IN_TRIAGE}),
    S.FORWARDED: frozenset({S.IN_TRIAGE}),
    S.NOT_CITYS: frozenset({S.IN_TRIAGE}),
    S.REJECTED: frozenset({S.IN_TRIAGE}),
}
assert set(TRANSITIONS) == set(S.values), "every status needs a row in the transition table"


def can_transition(from_status: str, to_status: str) -> bool:
    return to_status in TRANSITIONS.get(from_status, frozenset())
