"""Who may see and do what with tickets. Every staff view, API and export asks here."""

from __future__ import annotations

from enum import Enum

from geo_feedback.models import Feedback, StaffProfile, StaffRole
from geo_feedback.querysets import FeedbackQuerySet


class Action(str, Enum):
    """Things staff do to tickets, grouped by who may do them."""

    VIEW = "view"  # see the ticket with its private fields and full history
    TRIAGE = "triage"  # route, forward, re-categorise, move, merge, reject, ask, redact, desk entry
    HANDLE = "handle"  # reply, internal note, in progress, handled, send back to triage
    SUMMARISE = "summarise"  # figures and exports


def staff_profile(user) -> StaffProfile | None:
    """The user's staff profile; superusers count as administrators even without one."""
    if user is None or not user.is_authenticated or not user.is_active:
        return None
    profile = getattr(user, "_staff_profile_cache", None)
    if profile is None:
        profile = StaffProfile.objects.select_related("department").filter(user=user).first()
        if profile is None and user.is_superuser:
            profile = StaffProfile(user=user, role=StaffRole.ADMINISTRATOR)
        user._staff_profile_cache = profile
    return profile


def is_staff_member(user) -> bool:
    return staff_profile(user) is not None


def feedback_for_staff(user) -> FeedbackQuerySet:
    """Every ticket ``user`` may see (nothing for non-staff); lists, counts and exports use this."""
    profile = staff_profile(user)
    queryset = Feedback.objects.all()
    if profile is None:
        return queryset.none()
    if profile.role in (StaffRole.HANDLER, StaffRole.PARTICIPATION_AGENT):
        return queryset.filter(department_id=profile.department_id)
    return queryset


ALLOWED = {
    StaffRole.ADMINISTRATOR: {Action.VIEW, Action.TRIAGE, Action.HANDLE, Action.SUMMARISE},
    StaffRole.CUSTOMER_SERVICE: {Action.VIEW, Action.TRIAGE, Action.HANDLE, Action.SUMMARISE},
    StaffRole.HANDLER: {Action.VIEW, Action.HANDLE, Action.SUMMARISE},
    StaffRole.PARTICIPATION_AGENT: {Action.VIEW, Action.SUMMARISE},
}


def can(user, action: Action, feedback: Feedback | None = None) -> bool:
    """May ``user`` do ``action`` (to ``feedback``, when given)?"""
    profile = staff_profile(user)
    if profile is None or action not in ALLOWED[profile.role]:
        return False
    if feedback is not None and profile.role in (StaffRole.HANDLER, StaffRole.PARTICIPATION_AGENT):
        return feedback.department_id == profile.department_id
    return True
