"""Following a process by email: the address is confirmed by its link first, and every email has a
one-click stop. Phase changes reach confirmed followers in their own language through the outbox."""

from __future__ import annotations

import secrets

from django.conf import settings
from django.db import transaction
from django.utils import translation

from city.links import page_path
from city.services.outbox import Recipient, notification_drop_unsent, notification_queue
from planning.models import WHAT_RESIDENTS_CAN_DO, Follower, Phase, Process


def _url(name: str, language: str, *args) -> str:
    return settings.SITE_URL + page_path(name, language, *args)


def _stop_recipient(follower: Follower) -> Recipient:
    with translation.override(follower.language):
        reason = translation.gettext("You get these emails because you follow this plan. To stop them:")
    return Recipient(email=follower.email, stop_url=_url("plans:unfollow", follower.language, follower.token),
                     stop_reason=reason)


@transaction.atomic
def follower_add(*, process: Process, email: str, language: str) -> Follower:
    """Follow ``process`` at ``email``: a confirmation email first; following twice changes nothing."""
    email = email.strip()
    follower, created = Follower.objects.get_or_create(
        process=process, email__iexact=email,
        defaults={"email": email, "language": language, "token": secrets.token_urlsafe(32)})
    if follower.confirmed_at is None:
        notification_queue(
            about=process, kind="follow_confirm", language=follower.language, template="planning/email/follow_confirm",
            context={"process_name": process.name(follower.language),
                     "confirm_url": _url("plans:follow-confirm", follower.language, follower.token)},
            recipients=[_stop_recipient(follower)])
    return follower


@transaction.atomic
def follower_confirm(*, token: str) -> Follower | None:
    """Confirm the address behind ``token`` (twice is harmless); None for an unknown token."""
    from django.utils import timezone

    follower = Follower.objects.select_for_update().filter(token=token).select_related("process").first()
    if follower is not None and follower.confirmed_at is None:
        follower.confirmed_at = timezone.now()
        follower.save(update_fields=["confirmed_at"])
    return follower


@transaction.atomic
def follower_stop(*, token: str) -> Process | None:
    """Stop following: the address is erased with its unsent emails. The process, or None."""
    follower = Follower.objects.select_for_update().filter(token=token).select_related("process").first()
    if follower is None:
        return None
    notification_drop_unsent(about=follower.process, recipient=follower.email)
    follower.delete()
    return follower.process


def followers_notify_phase(*, process: Process, from_phase: int) -> None:
    """Tell the confirmed followers of the move, each language's followers in their language."""
    followers = list(process.followers.filter(confirmed_at__isnull=False))
    for language in sorted({follower.language for follower in followers}):
        with translation.override(language):
            context = {
                "process_name": process.name(language),
                "from_phase": process.phase_name(from_phase), "to_phase": process.phase_name(),
                "phase_number": int(process.phase), "moved_back": process.phase < from_phase,
                "what_now": str(WHAT_RESIDENTS_CAN_DO[Phase(process.phase)]),
                "page_url": _url("plans:detail", language, process.pk),
            }
        notification_queue(
            about=process, kind="phase_changed", language=language, template="planning/email/phase_changed",
            context=context, recipients=[_stop_recipient(f) for f in followers if f.language == language])
