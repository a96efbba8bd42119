"""Who is staff, and in which roles. Each half keeps its own table of what a role may do."""

from __future__ import annotations

from city.models import StaffProfile, StaffRole


def staff_profile(user) -> StaffProfile | None:
    """The user's staff profile; superusers count as administrators even without one.

    Read once per request and kept on the user object.
    """
    if user is None or not user.is_authenticated or not user.is_active:
        return None
    profile = getattr(user, "_staff_profile_cache", None)
    if profile is None:
        profile = StaffProfile.objects.select_related("department").filter(user=user).first()
        if profile is None and user.is_superuser:
            profile = StaffProfile(user=user, roles=[StaffRole.ADMINISTRATOR])
        user._staff_profile_cache = profile
    return profile


def is_staff_member(user) -> bool:
    return staff_profile(user) is not None


def has_role(user, *roles: str) -> bool:
    """Whether ``user`` is staff holding any of ``roles``."""
    profile = staff_profile(user)
    return profile is not None and profile.has_role(*roles)
