"""Writing to a panel: an invitation (a survey, a plan's comment round, the resident budget, an event)
or a newsletter, to the confirmed members its areas and topics reach.

One call writes the ``PanelMessage`` with its reach, one outbox row per member reached (each in the
member's own language, with their own-data link and their one-click unsubscribe link), the count,
and a ``PanelEvent`` (sent) — all in one transaction, so the emails leave only if the message is
recorded. The outbox's RQ job per row sends each email once: it locks the row and skips a sent one,
and a failed send stays unsent with its reason for ``relay_outbox`` to queue again.

Who writes (§3.4.3): administrators and participation agents to any panel; planners invite panels to
comment on their own plans only; budget officials invite them to a resident-budget round only.

A compose form carries a one-time ``send_key``: the same key again returns the message already sent
and sends nothing (a double click, a resubmitted form, two tabs).
"""

from __future__ import annotations

import dataclasses
import uuid
from collections.abc import Iterable
from datetime import datetime

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.db import transaction
from django.utils import formats, timezone, translation
from django.utils.translation import gettext as _

from city.links import page_path
from city.models import Area, StaffRole
from city.permissions import staff_profile
from city.services.outbox import Recipient, notification_queue
from config.bodies import unstorable_text_errors
from planning.models import (
    PANEL_MESSAGE_BODY_MAX,
    PANEL_MESSAGE_SUBJECT_MAX,
    BudgetRound,
    Panel,
    PanelAction,
    PanelEvent,
    PanelMember,
    PanelMessage,
    PanelMessageKind,
    PanelTopic,
    Process,
)
from planning.panel_message_selectors import panel_message_reach, panel_message_recipients
from planning.permissions import process_may_run
from planning.services.panels import panel_stop_recipient

LINK_MAX = 200  # PanelMessage.link's length
TEMPLATE = "planning/email/panel_message"


class PanelMessageRefused(ValueError):
    """The message cannot be sent as asked: ``errors`` says why by field (None: the whole form);
    ``forbidden`` when the user may not send it at all."""

    def __init__(self, errors: dict[str | None, list[str]], *, forbidden: bool = False):
        super().__init__(" ".join(message for messages in errors.values() for message in messages))
        self.errors = errors
        self.forbidden = forbidden


# Who may write ------------------------------------------------------------------------------------


def panel_message_kinds_for(user) -> list[str]:
    """The kinds of message ``user`` may send at all (empty: none)."""
    profile = staff_profile(user)
    if profile is None:
        return []
    if profile.has_role(StaffRole.ADMINISTRATOR, StaffRole.PARTICIPATION_AGENT):
        return list(PanelMessageKind.values)
    kinds = []
    if profile.has_role(StaffRole.PLANNER):
        kinds.append(PanelMessageKind.PLAN_COMMENTS.value)
    if profile.has_role(StaffRole.BUDGET_OFFICIAL):
        kinds.append(PanelMessageKind.BUDGET.value)
    return kinds


def panel_pages_may_open(user) -> bool:
    """The staff's panel pages: whoever may send some kind of message."""
    return bool(panel_message_kinds_for(user))


def panel_message_refusal(user, *, kind: str, process: Process | None = None,
                          budget_round: BudgetRound | None = None) -> str | None:
    """Why ``user`` may not send a message of ``kind`` (about ``process`` or ``budget_round``); None if they may."""
    profile = staff_profile(user)
    if profile is None:
        return _("Only the city's staff write to panels.")
    if profile.has_role(StaffRole.ADMINISTRATOR, StaffRole.PARTICIPATION_AGENT):
        return None
    if profile.has_role(StaffRole.PLANNER) and kind == PanelMessageKind.PLAN_COMMENTS:
        if process is not None and process_may_run(user, process):
            return None
        if not profile.has_role(StaffRole.BUDGET_OFFICIAL):
            return _("A planner invites panels to comment on their own plans only: choose one of your plans.")
    if profile.has_role(StaffRole.BUDGET_OFFICIAL) and kind == PanelMessageKind.BUDGET:
        if budget_round is not None:
            return None
        return _("Choose the resident-budget round the invitation is about.")
    if profile.has_role(StaffRole.PLANNER):
        return _("A planner invites panels to comment on their own plans only; administrators and participation "
                 "agents send the other messages.")
    if profile.has_role(StaffRole.BUDGET_OFFICIAL):
        return _("A budget official invites panels to the resident budget only; administrators and participation "
                 "agents send the other messages.")
    return _("Administrators and participation agents write to panels; planners invite them to their plans and "
             "budget officials to the resident budget.")


# Checking what was written ------------------------------------------------------------------------


def _text_errors(value: str, *, limit: int, empty: str, too_long: str) -> list[str]:
    if not value:
        return [empty]
    if len(value) > limit:
        return [too_long % {"limit": limit, "length": len(value)}]
    return unstorable_text_errors(value)


def _link_errors(link: str) -> list[str]:
    if not link:
        return []
    if len(link) > LINK_MAX:
        return [_("The link is at most %(limit)s characters long.") % {"limit": LINK_MAX}]
    try:
        URLValidator(schemes=["http", "https"])(link)
    except ValidationError:
        return [_("Give the whole address beginning with https://.")]
    return []


def _checked(*, panel: Panel, kind: str, subject: str, body: str, link: str, event_starts_at: datetime | None,
             topics: list[PanelTopic], process: Process | None,
             budget_round: BudgetRound | None) -> dict[str | None, list[str]]:
    errors: dict[str | None, list[str]] = {}

    def add(field: str | None, messages: list[str]) -> None:
        if messages:
            errors.setdefault(field, []).extend(messages)

    if kind not in PanelMessageKind.values:
        add("kind", [_("Choose what kind of message it is.")])
    add("subject", _text_errors(subject, limit=PANEL_MESSAGE_SUBJECT_MAX, empty=_("Write the subject."),
                                too_long=_("The subject is at most %(limit)s characters long (now %(length)s).")))
    add("body", _text_errors(body, limit=PANEL_MESSAGE_BODY_MAX, empty=_("Write the message."),
                             too_long=_("The message is at most %(limit)s characters long (now %(length)s).")))
    add("link", _link_errors(link))
    if kind == PanelMessageKind.SURVEY and not link:
        add("link", [_("A survey invitation needs the survey's link.")])
    if kind == PanelMessageKind.PLAN_COMMENTS and process is None:
        add("process", [_("Choose the plan whose comment round the invitation is about.")])
    if kind == PanelMessageKind.BUDGET and budget_round is None:
        add("budget_round", [_("Choose the resident-budget round the invitation is about.")])
    if kind == PanelMessageKind.EVENT and event_starts_at is None:
        add("event_starts_at", [_("Give the date and time the event begins.")])
    panel_topics = {topic.pk for topic in panel.topics.all()}
    if any(topic.pk not in panel_topics for topic in topics):
        add("topics", [_("Choose among the panel's own topics.")])
    return errors


# Sending -----------------------------------------------------------------------------------------


def _url(name: str, language: str, *args) -> str:
    return settings.SITE_URL + page_path(name, language, *args)


def _default_link(*, kind: str, process: Process | None, budget_round: BudgetRound | None) -> str:
    """The plan's or the round's public page, when the invitation leads there and no link was given."""
    if kind == PanelMessageKind.PLAN_COMMENTS and process is not None:
        return _url("plans:detail", settings.LANGUAGE_CODE, process.pk)
    if kind == PanelMessageKind.BUDGET and budget_round is not None:
        return _url("budget-round", settings.LANGUAGE_CODE, budget_round.pk)
    return ""


def _member_recipient(member: PanelMember) -> Recipient:
    """The panels' own stop link and reason (``panel_stop_recipient``), with the member's own-data link."""
    return dataclasses.replace(panel_stop_recipient(member),
                               context={"member_url": _url("panels:member", member.language, member.token)})


def _queue_emails(message: PanelMessage, members: list[PanelMember]) -> None:
    """One outbox row per member, each language's members in their language."""
    panel = message.panel
    for language in sorted({member.language for member in members}):
        with translation.override(language):
            context = {
                "panel_name": panel.name(language),
                "kind": message.get_kind_display(),
                "subject": message.subject,
                "body": message.body,
                "link": message.link,
                "event_starts_at": formats.date_format(timezone.localtime(message.event_starts_at), "DATETIME_FORMAT")
                if message.event_starts_at else "",
            }
        notification_queue(about=message, kind="panel_message", language=language, template=TEMPLATE,
                           context=context,
                           recipients=[_member_recipient(member) for member in members if member.language == language])


@transaction.atomic
def panel_message_send(*, panel: Panel, kind: str, subject: str, body: str, link: str = "",
                       event_starts_at: datetime | None = None, topics: Iterable[PanelTopic] = (),
                       areas: Iterable[Area] = (), process: Process | None = None,
                       budget_round: BudgetRound | None = None, actor,
                       send_key: uuid.UUID | None = None) -> PanelMessage:
    """Send a message to the members of ``panel`` it reaches; the message, with ``recipient_count``.

    The reach is the chosen areas' union, else the plan's boundary, else the round's budget areas;
    ``send_key`` seen before returns that message and sends nothing again. Raises ``PanelMessageRefused``.
    """
    refusal = panel_message_refusal(actor, kind=kind, process=process, budget_round=budget_round)
    if refusal:
        raise PanelMessageRefused({None: [refusal]}, forbidden=True)
    subject, body, link = (subject or "").strip(), (body or "").strip(), (link or "").strip()
    topics, areas = list(topics), list(areas)
    errors = _checked(panel=panel, kind=kind, subject=subject, body=body, link=link,
                      event_starts_at=event_starts_at, topics=topics, process=process, budget_round=budget_round)
    if errors:
        raise PanelMessageRefused(errors)
    if send_key is not None:
        earlier = PanelMessage.objects.filter(send_key=send_key).first()
        if earlier is not None:
            return earlier
    reach = panel_message_reach(areas=areas, process=process, budget_round=budget_round)
    fields = {"panel": panel, "kind": kind, "subject": subject, "body": body,
              "link": link or _default_link(kind=kind, process=process, budget_round=budget_round),
              "event_starts_at": event_starts_at, "process": process, "budget_round": budget_round, "reach": reach,
              "created_by": actor}
    if send_key is None:
        message = PanelMessage.objects.create(**fields)
    else:
        # Two submissions at once: the second waits on the key's unique index and then finds the first.
        message, created = PanelMessage.objects.get_or_create(send_key=send_key, defaults=fields)
        if not created:
            return message
    message.topics.set(topics)
    message.areas.set(areas)
    members = list(panel_message_recipients(panel=panel, reach=reach, topics=topics)
                   .only("pk", "panel_id", "email", "language", "token").order_by("pk"))
    for member in members:
        member.panel = panel  # the stop reason names it: no query per member
    _queue_emails(message, members)
    message.recipient_count = len(members)
    message.save(update_fields=["recipient_count"])
    PanelEvent.objects.create(panel=panel, action=PanelAction.SENT, message=message, actor=actor)
    return message
