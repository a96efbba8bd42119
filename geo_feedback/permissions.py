"""Who may see and do what with tickets. Every staff view, API and export asks here.

A staff member may hold several roles (``city.models.StaffRole``); what they may do with tickets
is the union of what their roles allow. Roles of the other half (planner, budget official,
moderator) give nothing here.
"""

from __future__ import annotations

from enum import Enum

from city.models import StaffRole
from city.permissions import is_staff_member, staff_profile
from geo_feedback.models import Feedback
from geo_feedback.querysets import FeedbackQuerySet

__all__ = ["Action", "can", "feedback_for_staff", "is_staff_member", "sees_every_department", "staff_profile"]


class Action(str, Enum):
    """Things staff do to tickets, grouped by who may do them."""

    VIEW = "view"  # see the ticket with its private fields and full history
    TRIAGE = "triage"  # route, forward, re-categorise, move, merge, reject, ask, redact, desk entry
    HANDLE = "handle"  # reply, internal note, in progress, handled, send back to triage
    SUMMARISE = "summarise"  # figures and exports


ALLOWED = {
    StaffRole.ADMINISTRATOR: {Action.VIEW, Action.TRIAGE, Action.HANDLE, Action.SUMMARISE},
    StaffRole.CUSTOMER_SERVICE: {Action.VIEW, Action.TRIAGE, Action.HANDLE, Action.SUMMARISE},
    StaffRole.HANDLER: {Action.VIEW, Action.HANDLE, Action.SUMMARISE},
    StaffRole.PARTICIPATION_AGENT: {Action.VIEW, Action.SUMMARISE},
}
# Roles that act on every department's tickets; the other ticket roles only on their own department's.
CITY_WIDE = (StaffRole.ADMINISTRATOR, StaffRole.CUSTOMER_SERVICE)


def sees_every_department(user) -> bool:
    """Customer service and administrators work on every department's tickets."""
    profile = staff_profile(user)
    return profile is not None and profile.has_role(*CITY_WIDE)


def feedback_for_staff(user) -> FeedbackQuerySet:
    """Every ticket ``user`` may see (nothing for non-staff); lists, counts and exports use this."""
    profile = staff_profile(user)
    queryset = Feedback.objects.all()
    if profile is None or not any(Action.VIEW in ALLOWED.get(role, ()) for role in profile.roles):
        return queryset.none()
    if profile.has_role(*CITY_WIDE):
        return queryset
    return queryset.filter(department_id=profile.department_id)


def can(user, action: Action, feedback: Feedback | None = None) -> bool:
    """May ``user`` do ``action`` (to ``feedback``, when given)?"""
    profile = staff_profile(user)
    if profile is None:
        return False
    granting = [role for role in profile.roles if action in ALLOWED.get(role, ())]
    if not granting:
        return False
    if feedback is None or any(role in CITY_WIDE for role in granting):
        return True
    return feedback.department_id == profile.department_id
