"""Joining and leaving the panels: one service per change, each writing a ``PanelEvent`` row.

A resident joins an open panel with an email address, confirmed by the link sent to it (double
opt-in); until then the address is neither counted nor written to, and a sign-up never confirmed is
deleted after ``SIGNUP_EXPIRES`` (``panel_signups_expire``). Joining again with the same address
reveals nothing on the page: the address gets a fresh confirmation, or, once confirmed, a link to
its own data. The councils are kept by staff (``panel_member_add``/``panel_member_remove``).

Every email goes through the outbox (``about`` = the panel) and carries the stop link
(``panels:unsubscribe``). Events name a member by number only, never by address.
"""

from __future__ import annotations

import secrets
from collections.abc import Iterable
from datetime import timedelta

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import IntegrityError, transaction
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _

from city.links import page_path
from city.models import Area, Notification
from city.services.outbox import Recipient, notification_drop_unsent, notification_queue
from planning.models import Panel, PanelAction, PanelEvent, PanelKind, PanelMember, PanelMessage, PanelTopic
from planning.panel_selectors import residential_areas

SIGNUP_EXPIRES = timedelta(days=14)  # an unconfirmed sign-up is deleted after this
LANGUAGES = ("fi", "sv", "en")


class PanelRefused(Exception):
    """The change is refused; ``errors`` maps a field ("topics", "areas", "email", "__all__") to messages."""

    def __init__(self, errors: dict[str, list[str]]):
        super().__init__("; ".join(str(m) for messages in errors.values() for m in messages))
        self.errors = errors


def _url(name: str, language: str, *args) -> str:
    return settings.SITE_URL + page_path(name, language, *args)


def _language(language: str | None) -> str:
    language = (language or "fi")[:2]
    return language if language in LANGUAGES else "fi"


def panel_stop_recipient(member: PanelMember) -> Recipient:
    """The member's address with the link that takes them out of the panel (every panel email has it, in
    the body and as the List-Unsubscribe header). The sending helper's emails may use it too."""
    with translation.override(member.language):
        reason = translation.gettext("You get these emails because you are a member of “%(panel)s”. To leave "
                                     "the panel and erase your address:") % {"panel": member.panel.name(member.language)}
    return Recipient(email=member.email, stop_url=_url("panels:unsubscribe", member.language, member.token),
                     stop_reason=reason, one_click=True)  # the stop link takes RFC 8058's one-click POST


def _event(member: PanelMember, action: str, *, actor=None) -> PanelEvent:
    return PanelEvent.objects.create(panel_id=member.panel_id, action=action, member_number=member.pk, actor=actor)


def _queue(member: PanelMember, *, kind: str, template: str, extra: dict | None = None) -> None:
    language = member.language
    context = {"panel_name": member.panel.name(language),
               "panel_url": _url("panels:detail", language, member.panel.slug),
               "member_url": _url("panels:member", language, member.token),
               "confirm_url": _url("panels:confirm", language, member.token),
               "member_name": member.name, **(extra or {})}
    notification_queue(about=member.panel, kind=kind, language=language, template=f"planning/email/{template}",
                       context=context, recipients=[panel_stop_recipient(member)])


def _choices_check(panel: Panel, topics: Iterable[PanelTopic], areas: Iterable[Area]) -> tuple[list, list]:
    """The topics and areas as lists, refused unless the topics are the panel's and the areas residential."""
    topics, areas = list(topics), list(areas)
    errors = {}
    allowed = set(panel.topics.values_list("pk", flat=True))
    if any(topic.pk not in allowed for topic in topics):
        errors["topics"] = [_("Choose the topics among the panel's own.")]
    if areas:
        ids = {area.pk for area in areas}
        if residential_areas().filter(pk__in=ids).count() != len(ids):
            errors["areas"] = [_("Choose residential areas from the list.")]
    if errors:
        raise PanelRefused(errors)
    return topics, areas


def _set_choices(member: PanelMember, topics: list, areas: list) -> None:
    member.topics.set(topics)
    member.areas.set(areas)


@transaction.atomic
def panel_join(*, panel: Panel, email: str, language: str, topics: Iterable[PanelTopic] = (),
               areas: Iterable[Area] = ()) -> PanelMember:
    """Ask to join an open panel at ``email``: a confirmation email first, nothing counted before it.

    The same address again (in any case) reveals nothing to the one asking: an unconfirmed sign-up
    takes the new choices and gets a fresh confirmation; a member gets an email with their own-data
    link. No topics means all the panel's; no areas, the whole city.
    """
    if not panel.is_open:
        raise PanelRefused({"__all__": [_("This panel does not take members by themselves: its members are "
                                          "chosen by the city.")]})
    email = email.strip()
    language = _language(language)
    topics, areas = _choices_check(panel, topics, areas)
    member = PanelMember.objects.select_for_update().filter(panel=panel, email__iexact=email).first()
    if member is None:
        try:
            with transaction.atomic():  # a parallel join with the same address meets the unique constraint
                member = PanelMember.objects.create(panel=panel, email=email, language=language,
                                                    token=secrets.token_urlsafe(32))
        except IntegrityError:
            member = PanelMember.objects.select_for_update().get(panel=panel, email__iexact=email)
        else:
            _set_choices(member, topics, areas)
            _event(member, PanelAction.JOINED)
            _queue(member, kind="panel_confirm", template="panel_confirm")
            return member
    if member.confirmed_at is None:
        member.language, member.joined_at = language, timezone.now()  # the time to confirm starts again
        member.save(update_fields=["language", "joined_at"])
        _set_choices(member, topics, areas)
        _event(member, PanelAction.JOINED)
        _queue(member, kind="panel_confirm", template="panel_confirm")
    else:
        _queue(member, kind="panel_own_data", template="panel_already")
    return member


@transaction.atomic
def panel_confirm(*, token: str) -> PanelMember | None:
    """Confirm the address behind ``token`` (twice is harmless); None for an unknown token."""
    member = PanelMember.objects.select_for_update().filter(token=token).select_related("panel").first()
    if member is not None and member.confirmed_at is None:
        member.confirmed_at = timezone.now()
        member.save(update_fields=["confirmed_at"])
        _event(member, PanelAction.CONFIRMED)
    return member


@transaction.atomic
def panel_member_change(*, token: str, topics: Iterable[PanelTopic], areas: Iterable[Area],
                        language: str) -> PanelMember | None:
    """Change a member's topics, areas and language (their own-data page); None for an unknown token."""
    member = PanelMember.objects.select_for_update().filter(token=token).select_related("panel").first()
    if member is None:
        return None
    topics, areas = _choices_check(member.panel, topics, areas)
    member.language = _language(language)
    member.save(update_fields=["language"])
    _set_choices(member, topics, areas)
    _event(member, PanelAction.CHANGED)
    return member


def _drop_unsent(member: PanelMember) -> None:
    """The emails still waiting for the member: about the panel and about its messages."""
    notification_drop_unsent(about=member.panel, recipient=member.email)
    waiting = Notification.objects.filter(
        about_type=ContentType.objects.get_for_model(PanelMessage), recipient=member.email, sent_at__isnull=True,
        about_id__in=PanelMessage.objects.filter(panel_id=member.panel_id).values("pk"),
    ).values_list("about_id", flat=True).distinct()
    for message in PanelMessage.objects.filter(pk__in=list(waiting)):
        notification_drop_unsent(about=message, recipient=member.email)


def _delete(member: PanelMember, action: str, *, actor=None) -> Panel:
    panel = member.panel
    _drop_unsent(member)
    _event(member, action, actor=actor)
    member.delete()
    return panel


@transaction.atomic
def panel_leave(*, token: str) -> Panel | None:
    """Leave the panel: the member and their unsent emails are deleted. The panel, or None."""
    member = PanelMember.objects.select_for_update().filter(token=token).select_related("panel").first()
    if member is None:
        return None
    return _delete(member, PanelAction.LEFT)


@transaction.atomic
def panel_member_add(*, panel: Panel, name: str, email: str, language: str, actor) -> PanelMember:
    """Staff add a council member by name and address, confirmed at once; an email tells them so."""
    if panel.kind != PanelKind.COUNCIL:
        raise PanelRefused({"__all__": [_("Staff add members to councils only: residents join the other panels "
                                          "themselves.")]})
    name, email = name.strip(), email.strip()
    if not name:
        raise PanelRefused({"name": [_("Write the member's name.")]})
    if PanelMember.objects.filter(panel=panel, email__iexact=email).exists():
        raise PanelRefused({"email": [_("This address is in the council already.")]})
    try:
        with transaction.atomic():
            member = PanelMember.objects.create(panel=panel, name=name, email=email, language=_language(language),
                                                token=secrets.token_urlsafe(32), confirmed_at=timezone.now(),
                                                added_by=actor)
    except IntegrityError:
        raise PanelRefused({"email": [_("This address is in the council already.")]}) from None
    _event(member, PanelAction.ADDED, actor=actor)
    _queue(member, kind="panel_added", template="panel_added")
    return member


@transaction.atomic
def panel_member_remove(*, member: PanelMember, actor) -> Panel:
    """Staff remove a member: deleted with their unsent emails."""
    member = PanelMember.objects.select_for_update().select_related("panel").get(pk=member.pk)
    return _delete(member, PanelAction.REMOVED, actor=actor)


def panel_signups_expire(*, now=None, expires: timedelta = SIGNUP_EXPIRES) -> int:
    """Delete the sign-ups never confirmed within ``expires`` (with their unsent emails); how many.

    Run by every round of the outbox relay (``manage.py relay_outbox``, registered by
    ``register_relays``) and by ``manage.py expire_panel_signups``.
    """
    cutoff = (now or timezone.now()) - expires
    expired = 0
    for pk in list(PanelMember.objects.unconfirmed_before(cutoff).values_list("pk", flat=True)[:500]):
        with transaction.atomic():
            member = (PanelMember.objects.unconfirmed_before(cutoff).select_for_update(skip_locked=True)
                      .select_related("panel").filter(pk=pk).first())
            if member is not None:
                _delete(member, PanelAction.EXPIRED)
                expired += 1
    return expired


def panel_signups_relay(*, cutoff, limit: int) -> int:
    """The outbox relay's round: expire old sign-ups; queues no jobs (so 0)."""
    panel_signups_expire()
    return 0


def register_relays() -> None:
    """Called from the app's ready(): the relay's rounds also expire the unconfirmed sign-ups."""
    from city.services.outbox import outbox_relay_register

    outbox_relay_register("planning.panel_signups", panel_signups_relay)
