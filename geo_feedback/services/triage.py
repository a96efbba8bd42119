"""The city's work on tickets: routing, merging, replies and the rest of triage and handling.

Every function locks the ticket, checks the version the caller saw (``seen_version``), writes
an event row through ``feedback_record`` or ``feedback_transition``, and queues emails after
commit. Permissions are checked by the caller (``geo_feedback.permissions``).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from django.contrib.gis.geos import Point
from django.db import transaction
from django.db.models import F
from django.utils.translation import gettext as _

from city.models import Department
from city.selectors import area_placement
from geo_feedback.models import Category, EventAction, Feedback, FeedbackFollower, FeedbackMessage, FeedbackPhoto
from geo_feedback.models.feedback import DESCRIPTION_MAX, DESCRIPTION_MIN
from geo_feedback.notes import note_duplicate, note_forwarded
from geo_feedback.services.feedback import (
    FeedbackInvalid,
    TransitionNotAllowed,
    feedback_lock,
    feedback_record,
    feedback_transition,
)
from geo_feedback.services.notifications import feedback_notify
from geo_feedback.statuses import CLOSED_STATUSES, FeedbackStatus

S = FeedbackStatus


def _recipients(feedback: Feedback) -> list[str]:
    emails = [feedback.reporter_email] if feedback.reporter_email else []
    return emails + list(feedback.followers.exclude(email="").values_list("email", flat=True))


@transaction.atomic
def feedback_route(*, feedback: Feedback, department: Department, actor, handler=None, public_note: str = "",
                   internal_note: str = "", seen_version: int | None = None) -> Feedback:
    """Give the ticket to a department (and optionally one handler); an outside body forwards it."""
    locked = feedback_lock(feedback, seen_version=seen_version)
    details = {"from": locked.department.code, "to": department.code,
               "handler": handler.get_username() if handler else None}
    locked.department = department
    locked.assigned_to = handler
    if department.is_external:  # a note of the staff member's own, or the system's in each reader's language
        return feedback_transition(feedback=locked, to_status=S.FORWARDED, actor=actor, public_note=public_note,
                                   note=None if public_note.strip() else note_forwarded(department),
                                   internal_note=internal_note, extra_fields=["department", "assigned_to"],
                                   details=details)
    if locked.can_transition_to(S.ROUTED) and locked.status != S.IN_PROGRESS:
        return feedback_transition(feedback=locked, to_status=S.ROUTED, actor=actor, public_note=public_note,
                                   internal_note=internal_note, extra_fields=["department", "assigned_to"],
                                   details=details)
    if locked.status in CLOSED_STATUSES:
        raise TransitionNotAllowed(_("A closed ticket must be reopened before it is routed."))
    feedback_record(locked, actor=actor, action=EventAction.ROUTED, fields=["department", "assigned_to"],
                    public_note=public_note, internal_note=internal_note, details=details)
    return locked


@transaction.atomic
def feedback_recategorise(*, feedback: Feedback, category: Category, actor, internal_note: str = "",
                          seen_version: int | None = None) -> Feedback:
    """Change the ticket's category; its department follows the new category's."""
    locked = feedback_lock(feedback, seen_version=seen_version)
    details = {"from": locked.category.service_code, "to": category.service_code}
    locked.category = category
    locked.department = category.department
    feedback_record(locked, actor=actor, action=EventAction.RECATEGORISED, fields=["category", "department"],
                    internal_note=internal_note, details=details)
    return locked


@transaction.atomic
def feedback_move(*, feedback: Feedback, location: Point, actor, internal_note: str = "",
                  seen_version: int | None = None) -> Feedback:
    """Move the pin; the residential area is found again. A place outside the city is refused."""
    placement = area_placement(location)
    if not placement.inside_city:
        raise FeedbackInvalid({"location": [_("The place is outside the city.")]})
    locked = feedback_lock(feedback, seen_version=seen_version)
    area = placement.area
    details = {"from_area": locked.area.code if locked.area else None, "to_area": area.code if area else None}
    locked.location = placement.point
    locked.area = area
    feedback_record(locked, actor=actor, action=EventAction.MOVED, fields=["location", "area"],
                    internal_note=internal_note, details=details)
    return locked


@transaction.atomic
def feedback_merge(*, duplicate: Feedback, into: Feedback, actor, public_note: str = "",
                   seen_version: int | None = None) -> Feedback:
    """Close ``duplicate`` as a duplicate of ``into``; its reporter, followers and support move over."""
    if duplicate.pk == into.pk:
        raise TransitionNotAllowed(_("A ticket cannot be merged into itself."))
    target = feedback_lock(into)
    if target.status in CLOSED_STATUSES and target.status != S.HANDLED:
        raise TransitionNotAllowed(_("Merge into an open or handled ticket, not a closed one."))
    note = None if public_note.strip() else note_duplicate(target.number)  # else the staff member's own
    source = feedback_transition(feedback=duplicate, to_status=S.DUPLICATE, actor=actor, public_note=public_note,
                                 note=note, seen_version=seen_version, notify=False,
                                 details={"into": target.number})
    source.merged_into = target
    source.save(update_fields=["merged_into"])
    moved = 0
    already = set(target.followers.exclude(email="").values_list("email", flat=True))
    if source.reporter_email and source.reporter_email.lower() not in already:
        FeedbackFollower.objects.create(feedback=target, email=source.reporter_email.lower())
        already.add(source.reporter_email.lower())
    for follower in source.followers.all():
        if follower.email and follower.email in already:
            follower.delete()
            continue
        follower.feedback = target
        follower.save(update_fields=["feedback"])
        already.add(follower.email)
        moved += 1
    # The duplicate's reporter is one more resident with the same problem.
    added = source.supporter_count + 1
    Feedback.objects.filter(pk=target.pk).update(supporter_count=F("supporter_count") + added)
    Feedback.objects.filter(pk=source.pk).update(supporter_count=0)
    target.refresh_from_db(fields=["supporter_count"])
    feedback_record(target, actor=actor, action=EventAction.MERGED,
                    details={"from": source.number, "followers_moved": moved, "supporters_added": added})
    if source.reporter_email:  # they now follow the other ticket; tell them where
        feedback_notify(feedback=source, kind=FeedbackMessage.STATUS, recipients=[source.reporter_email],
                        public_note=public_note.strip(), note=note)
    return target


@transaction.atomic
def feedback_reply(*, feedback: Feedback, actor, text: str, to_status: str | None = None,
                   internal_note: str = "", seen_version: int | None = None) -> Feedback:
    """A public reply to the reporter and followers, optionally with a change of status."""
    text = text.strip()
    if not text:
        raise FeedbackInvalid({"text": [_("Write the reply.")]})
    if to_status and to_status != feedback.status:
        return feedback_transition(feedback=feedback, to_status=to_status, actor=actor, public_note=text,
                                   internal_note=internal_note, seen_version=seen_version)
    locked = feedback_lock(feedback, seen_version=seen_version)
    feedback_record(locked, actor=actor, action=EventAction.REPLY, public_note=text, internal_note=internal_note)
    recipients = _recipients(locked)
    if recipients:
        feedback_notify(feedback=locked, kind=FeedbackMessage.REPLY, recipients=recipients, public_note=text)
    return locked


@transaction.atomic
def feedback_note(*, feedback: Feedback, actor, text: str, seen_version: int | None = None) -> Feedback:
    """An internal note: never leaves the staff side."""
    text = text.strip()
    if not text:
        raise FeedbackInvalid({"text": [_("Write the note.")]})
    locked = feedback_lock(feedback, seen_version=seen_version)
    feedback_record(locked, actor=actor, action=EventAction.NOTE, internal_note=text)
    return locked


@transaction.atomic
def feedback_request_info(*, feedback: Feedback, actor, question: str, seen_version: int | None = None) -> Feedback:
    """Ask the reporter for more information by email (the question stays internal to the ticket)."""
    question = question.strip()
    if not question:
        raise FeedbackInvalid({"question": [_("Write the question.")]})
    locked = feedback_lock(feedback, seen_version=seen_version)
    if not locked.reporter_email:
        raise FeedbackInvalid({"question": [_("The reporter left no email address; they cannot be asked.")]})
    feedback_record(locked, actor=actor, action=EventAction.INFO_REQUESTED, internal_note=question)
    feedback_notify(feedback=locked, kind=FeedbackMessage.INFO_REQUEST, recipients=[locked.reporter_email],
                       public_note=question)
    return locked


@transaction.atomic
def feedback_redact(*, feedback: Feedback, actor, description: str | None = None,
                    hide_photos: Sequence[int] = (), seen_version: int | None = None) -> Feedback:
    """Remove personal data: replace the public description and hide photos from the public.

    The original text is not kept anywhere: redaction exists to make personal data go away.
    """
    locked = feedback_lock(feedback, seen_version=seen_version)
    fields, details = [], {}
    if description is not None and description.strip() != locked.description:
        description = description.strip()
        if not DESCRIPTION_MIN <= len(description) <= DESCRIPTION_MAX:
            raise FeedbackInvalid({"description": [
                _("The description must be %(min)d to %(max)d characters.") % {"min": DESCRIPTION_MIN,
                                                                                "max": DESCRIPTION_MAX}]})
        locked.description = description
        fields.append("description")
        details["description"] = True
    hidden = FeedbackPhoto.objects.filter(feedback=locked, pk__in=list(hide_photos), is_public=True).update(
        is_public=False)
    if hidden:
        details["photos_hidden"] = hidden
    if not details:
        raise FeedbackInvalid({"description": [_("Nothing to redact: change the text or choose a photo.")]})
    feedback_record(locked, actor=actor, action=EventAction.REDACTED, fields=fields, details=details)
    return locked


@transaction.atomic
def feedback_bulk(*, tickets: Sequence[Feedback], action: str, actor, department: Department | None = None,
                  into: Feedback | None = None, public_note: str = "",
                  seen_versions: Mapping[str, int] | None = None) -> int:
    """Route, merge or reject several tickets at once: all of them, or none if one cannot move.

    ``seen_versions`` maps ticket numbers to the versions the confirmation page showed; a ticket
    that someone changed since raises ChangedMeanwhile and nothing is changed.
    """
    seen_versions = seen_versions or {}
    for ticket in tickets:
        seen = seen_versions.get(ticket.number)
        if action == "route":
            feedback_route(feedback=ticket, department=department, actor=actor, public_note=public_note,
                           seen_version=seen)
        elif action == "merge":
            feedback_merge(duplicate=ticket, into=into, actor=actor, public_note=public_note, seen_version=seen)
        elif action == "reject":
            feedback_transition(feedback=ticket, to_status=S.REJECTED, actor=actor, notify=False,
                                internal_note=public_note, seen_version=seen)
        else:
            raise ValueError(f"unknown bulk action {action!r}")
    return len(tickets)
