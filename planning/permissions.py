"""What staff may do with participation processes: the planning half's table of roles."""

from __future__ import annotations

from city.models import StaffRole
from city.permissions import staff_profile


def process_may_run(user, process) -> bool:
    """Move phases, answer comments, map stakeholders: the process's own planners and administrators."""
    profile = staff_profile(user)
    if profile is None:
        return False
    if profile.has_role(StaffRole.ADMINISTRATOR):
        return True
    return profile.has_role(StaffRole.PLANNER) and process.planners.filter(pk=user.pk).exists()


def comment_may_moderate(user) -> bool:
    """Hide and restore residents' comments: moderators, participation agents and administrators."""
    profile = staff_profile(user)
    return profile is not None and profile.has_role(StaffRole.MODERATOR, StaffRole.PARTICIPATION_AGENT,
                                                    StaffRole.ADMINISTRATOR)


def planning_pages_may_open(user) -> bool:
    """The staff pages of processes: planners (their own processes), administrators, and moderators
    (the moderation queue)."""
    profile = staff_profile(user)
    return profile is not None and (profile.has_role(StaffRole.PLANNER, StaffRole.ADMINISTRATOR)
                                    or comment_may_moderate(user))
