"""Every write to a feedback ticket: creation, status changes and residents' support."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from django.conf import settings
from django.contrib.gis.geos import Point
from django.core.exceptions import ValidationError
from django.db import IntegrityError, connection, transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from city.queue import enqueue_after_commit
from city.selectors import area_placement
from city.services.outbox import notification_drop_unsent
from config.bodies import unstorable_text_errors
from geo_feedback import jobs
from geo_feedback.models import (
    Category,
    Channel,
    EventAction,
    Feedback,
    FeedbackEvent,
    FeedbackFollower,
    FeedbackKind,
    FeedbackMessage,
    FeedbackNumberCounter,
    FeedbackPhoto,
    IdempotencyKey,
)
from geo_feedback.models.feedback import DESCRIPTION_MAX, DESCRIPTION_MIN
from geo_feedback.notes import SystemNote, note_forwarded
from geo_feedback.services.notifications import feedback_notify
from geo_feedback.services.photos import MAX_PHOTOS, photo_clean
from geo_feedback.statuses import OPEN_STATUSES, FeedbackStatus


class FeedbackInvalid(ValidationError):
    """Input a resident can correct; ``message_dict`` maps each field to its messages."""


class TransitionNotAllowed(Exception):
    """The ticket cannot move from its status to the one asked for."""


class ChangedMeanwhile(Exception):
    """Someone else changed the ticket since the caller last saw it; ``changes`` says what."""

    def __init__(self, feedback: Feedback, *, seen_status: str | None = None, seen_version: int | None = None):
        super().__init__(f"{feedback.number} changed meanwhile: it is now version {feedback.version}, "
                         f"status {feedback.status}")
        self.feedback = feedback
        self.seen_status = seen_status
        self.seen_version = seen_version
        since = seen_version if seen_version is not None else 0
        self.changes = list(
            FeedbackEvent.objects.filter(feedback=feedback, version__gt=since).select_related("actor")
            .order_by("version", "id")
        ) if seen_version is not None else []


def feedback_lock(feedback: Feedback, *, seen_version: int | None = None, seen_status: str | None = None) -> Feedback:
    """Lock the ticket's row for a change; raise ChangedMeanwhile if it moved on since it was seen.

    Call inside a transaction. Staff pages send the version they showed; nothing is overwritten
    silently when two people act on the same ticket at once.
    """
    locked = Feedback.objects.select_for_update().get(pk=feedback.pk)
    if (seen_version is not None and locked.version != seen_version) or (
        seen_status is not None and locked.status != seen_status
    ):
        raise ChangedMeanwhile(locked, seen_status=seen_status, seen_version=seen_version)
    return locked


def feedback_record(
    locked: Feedback,
    *,
    actor,
    action: str,
    fields: Sequence[str] = (),
    from_status: str | None = None,
    public_note: str = "",
    internal_note: str = "",
    details: dict | None = None,
    note: SystemNote | None = None,
) -> FeedbackEvent:
    """Save a locked ticket's changed ``fields`` with a new version and write the event row.

    A ``note`` the system writes goes into the row's details by its key, and its Finnish text into
    ``public_note`` (what search and an old reader find); readers see it in their own language.
    """
    if note is not None:
        public_note = note.fallback(departments=[locked.department] if note.department_codes() else [])
        details = {**(details or {}), "note": note.as_details()}
    locked.version += 1
    locked.save(update_fields=[*fields, "version", "updated_at"])
    return FeedbackEvent.objects.create(
        feedback=locked, actor=actor, action=action,
        from_status=locked.status if from_status is None else from_status, to_status=locked.status,
        public_note=public_note.strip(), internal_note=internal_note.strip(), details=details or {},
        version=locked.version,
    )


@dataclass(frozen=True)
class CreatedFeedback:
    feedback: Feedback
    created: bool  # False when an Idempotency-Key returned an earlier report


_NUMBER_NEXT_SQL = f"""
INSERT INTO {FeedbackNumberCounter._meta.db_table} AS counter (year, last) VALUES (%(year)s, 1)
ON CONFLICT (year) DO UPDATE SET last = counter.last + 1
RETURNING last
"""


def feedback_number_next(*, year: int) -> str:
    """The next readable number of ``year``, in one statement. Call it inside the transaction that
    stores the report: the counter row stays locked until commit, so a parallel report waits and
    takes the next number (none repeats), and a rollback gives the number back (none is skipped)."""
    with connection.cursor() as cursor:
        cursor.execute(_NUMBER_NEXT_SQL, {"year": year})
        last = cursor.fetchone()[0]
    return f"{settings.FEEDBACK_NUMBER_PREFIX}-{year}-{last:06d}"


def description_errors(description: str) -> list[str]:
    """What is wrong with a report's (stripped) description, if anything; shared with the Open311 parser."""
    if len(description) < DESCRIPTION_MIN:
        return [_("Tell a little more: at least %(min)d characters.") % {"min": DESCRIPTION_MIN}]
    if len(description) > DESCRIPTION_MAX:
        return [_("The description is %(length)d characters; at most %(max)d fit.")
                % {"length": len(description), "max": DESCRIPTION_MAX}]
    return []


def _validate(*, category: Category | None, kind: str, description: str, location: Point | None,
              photos: Sequence) -> dict[str, list[str]]:
    errors: dict[str, list[str]] = {}
    if category is None or not category.is_active:
        errors["category"] = [_("Choose one of the categories.")]
    if kind not in FeedbackKind.values:
        errors["kind"] = [_("Choose fault, idea, question or praise.")]
    if wrong := description_errors(description):
        errors["description"] = wrong
    if location is None and category is not None and category.location_required:
        errors["location"] = [_("Mark the place on the map or search for an address: this category needs one.")]
    if len(photos) > MAX_PHOTOS:
        errors["photos"] = [_("At most %(max)d photos.") % {"max": MAX_PHOTOS}]
    return errors


@transaction.atomic
def feedback_create(
    *,
    category: Category | None,
    kind: str,
    description: str,
    location: Point | None = None,
    address_text: str = "",
    photos: Sequence = (),
    reporter_name: str = "",
    reporter_email: str = "",
    reporter_phone: str = "",
    channel: str = Channel.WEB,
    language: str = "fi",
    idempotency_key: str = "",
    actor=None,
    event_details: dict | None = None,
) -> CreatedFeedback:
    """Store a resident's report with its photos, history row and receipt; route it by category.

    ``event_details`` are added to the creation's history row, which only staff see (e.g. which
    Open311 client sent the report).

    Raises FeedbackInvalid naming each field that is wrong; nothing is stored then.
    """
    if idempotency_key:
        earlier = IdempotencyKey.objects.filter(key=idempotency_key).select_related("feedback").first()
        if earlier is not None:
            return CreatedFeedback(feedback=earlier.feedback, created=False)

    description = (description or "").strip()
    errors = _validate(category=category, kind=kind, description=description, location=location, photos=photos)
    placement = None
    if location is not None:
        placement = area_placement(location)
        if not placement.inside_city:
            errors.setdefault("location", []).append(
                _("The place is outside the city. Feedback on other municipalities goes to them.")
            )
    texts = {"description": description, "address_text": address_text, "reporter_name": reporter_name,
             "reporter_email": reporter_email, "reporter_phone": reporter_phone}
    for name, text in texts.items():  # every channel's text passes here: none may break the database
        if problems := unstorable_text_errors(text or ""):
            errors.setdefault(name, []).extend(problems)
    cleaned = []
    for index, upload in enumerate(photos[:MAX_PHOTOS]):
        try:
            cleaned.append(photo_clean(upload, name=f"photo-{index + 1}"))
        except ValidationError as error:
            errors.setdefault("photos", []).extend(error.messages)
    if errors:
        raise FeedbackInvalid(errors)

    now = timezone.now()
    feedback = Feedback.objects.create(
        number=feedback_number_next(year=timezone.localtime(now).year),
        category=category,
        kind=kind,
        description=description,
        location=placement.point if placement else None,
        address_text=address_text.strip()[:300],
        area_id=placement.area_id if placement else None,
        department=category.department,
        channel=channel,
        language=language if language in dict(settings.LANGUAGES) else "fi",
        reporter_name=reporter_name.strip(),
        reporter_email=reporter_email.strip(),
        reporter_phone=reporter_phone.strip(),
    )
    FeedbackEvent.objects.create(feedback=feedback, actor=actor, action=EventAction.CREATED, from_status="",
                                 to_status=feedback.status, version=feedback.version,
                                 details={"channel": channel, **(event_details or {})})
    for position, photo in enumerate(cleaned):
        stored = FeedbackPhoto.objects.create(
            feedback=feedback, image=photo.content, width=photo.width, height=photo.height, position=position
        )
        enqueue_after_commit(jobs.photo_thumbnail_make, stored.pk)
    if idempotency_key:
        try:
            with transaction.atomic():
                IdempotencyKey.objects.create(key=idempotency_key, feedback=feedback)
        except IntegrityError:  # a parallel retry won the race: give its report, keep none of ours
            # Read before marking the block for rollback: Django refuses queries after that.
            earlier = IdempotencyKey.objects.select_related("feedback").get(key=idempotency_key)
            transaction.set_rollback(True)
            return CreatedFeedback(feedback=earlier.feedback, created=False)
    if category.department.is_external:
        feedback_transition(
            feedback=feedback,
            to_status=FeedbackStatus.FORWARDED,
            note=note_forwarded(category.department),
            notify=False,  # the receipt, written after this, already says so
        )
        feedback.refresh_from_db()
    if feedback.reporter_email:
        feedback_notify(feedback=feedback, kind=FeedbackMessage.RECEIPT, recipients=[feedback.reporter_email])
    return CreatedFeedback(feedback=feedback, created=True)


@transaction.atomic
def feedback_transition(
    *,
    feedback: Feedback,
    to_status: str,
    actor=None,
    public_note: str = "",
    internal_note: str = "",
    seen_status: str | None = None,
    seen_version: int | None = None,
    notify: bool = True,
    extra_fields: Sequence[str] = (),
    details: dict | None = None,
    note: SystemNote | None = None,
) -> Feedback:
    """Move a ticket to ``to_status``: the one place a status changes.

    Locks the row, checks the move against the table in ``statuses``, writes the event row and
    queues emails to the reporter and followers after commit. With ``seen_status`` or
    ``seen_version``, a ticket that someone else changed meanwhile raises ChangedMeanwhile
    instead of being overwritten. ``extra_fields`` already set on ``feedback`` (a department,
    say) are saved in the same change. A ``note`` the system writes (``geo_feedback.notes``) takes the
    place of ``public_note``: each reader, and each email, has it in their own language.
    """
    locked = feedback_lock(feedback, seen_version=seen_version, seen_status=seen_status)
    for field in extra_fields:
        setattr(locked, field, getattr(feedback, field))
    if not locked.can_transition_to(to_status):
        raise TransitionNotAllowed(
            _("A ticket that is “%(from)s” cannot become “%(to)s”.")
            % {"from": FeedbackStatus(locked.status).label, "to": FeedbackStatus(to_status).label}
        )
    from_status = locked.status
    locked.status = to_status
    locked.status_changed_at = timezone.now()
    event = feedback_record(locked, actor=actor, action=EventAction.STATUS,
                            fields=["status", "status_changed_at", *extra_fields], from_status=from_status,
                            public_note=public_note, internal_note=internal_note, details=details, note=note)
    if notify:
        recipients = [locked.reporter_email] if locked.reporter_email else []
        recipients += list(locked.followers.exclude(email="").values_list("email", flat=True))
        if recipients:
            feedback_notify(feedback=locked, kind=FeedbackMessage.STATUS, recipients=recipients,
                            public_note=event.public_note, note=note)
    feedback.status = locked.status
    feedback.status_changed_at = locked.status_changed_at
    feedback.version = locked.version
    return locked


class SupportClosed(Exception):
    """A closed report takes no more "me too"s: there is nothing left for the city to do about it."""


SUPPORT_CLOSED = gettext_lazy("This report is closed and takes no more support. If the problem is back, send a "
                              "new report.")
# What a resident is told after "me too", by what it did (Supported).
SUPPORT_COUNTED = gettext_lazy("Thank you: your support was counted.")
SUPPORT_NOW_FOLLOWING = gettext_lazy("You had already supported this report, so it counts once; you will now "
                                     "also hear of its changes by email.")
SUPPORT_ALREADY = gettext_lazy("You have already supported this report: each person counts once.")


def support_message(supported: "Supported") -> str:
    if supported.counted:
        return str(SUPPORT_COUNTED)
    return str(SUPPORT_NOW_FOLLOWING if supported.follower is not None else SUPPORT_ALREADY)


@dataclass(frozen=True)
class Supported:
    """What a "me too" did: ``counted`` when the count went up; ``follower`` is the supporter row
    created, or the earlier one that now follows by email; None when nothing changed."""

    counted: bool
    follower: FeedbackFollower | None


@transaction.atomic
def feedback_support(*, feedback: Feedback, email: str = "", browser_key: str = "") -> Supported:
    """A resident says "me too" to an open report: the count goes up, and with an email they follow it.

    It counts once per browser (``browser_key``, see config.browser) and once per email, also when
    the same browser or address asks in parallel requests: the database's unique constraints
    decide. A browser that supported without an email and comes back with one starts following
    without counting again. Raises SupportClosed for a report that is no longer open.
    """
    status = Feedback.objects.filter(pk=feedback.pk).values_list("status", flat=True).first()
    if status not in OPEN_STATUSES:
        raise SupportClosed(feedback.number)
    email = email.strip().lower()
    followers = FeedbackFollower.objects.filter(feedback=feedback)
    by_browser = followers.filter(browser_key=browser_key).first() if browser_key else None
    by_email = followers.filter(email=email).exists() if email else False
    if by_browser is not None:
        if email and not by_browser.email and not by_email:
            by_browser.email = email
            try:
                with transaction.atomic():
                    by_browser.save(update_fields=["email"])
            except IntegrityError:  # the email joined meanwhile from another browser
                return Supported(counted=False, follower=None)
            return Supported(counted=False, follower=by_browser)
        return Supported(counted=False, follower=None)
    if by_email:
        return Supported(counted=False, follower=None)
    try:
        with transaction.atomic():
            follower = FeedbackFollower.objects.create(feedback=feedback, email=email, browser_key=browser_key)
    except IntegrityError:  # the same browser or email in a parallel request: it counts once
        return Supported(counted=False, follower=None)
    Feedback.objects.filter(pk=feedback.pk).update(supporter_count=F("supporter_count") + 1)
    return Supported(counted=True, follower=follower)


@transaction.atomic
def feedback_reporter_stop_emails(*, follow_token: str) -> Feedback | None:
    """The reporter stops the emails about their report (the secret of their follow link).

    Their address is erased with a "personal data removed" event that staff see, and emails to it
    not yet sent are dropped. The phone number stays: the city may still call about the report.
    None for an unknown token.
    """
    feedback = Feedback.objects.filter(follow_token=follow_token).first()
    if feedback is None:
        return None
    locked = feedback_lock(feedback)
    if locked.reporter_email:
        address, locked.reporter_email = locked.reporter_email, ""
        feedback_record(locked, actor=None, action=EventAction.REDACTED, fields=["reporter_email"],
                        details={"reporter_email": True, "by_reporter": True})
        notification_drop_unsent(about=locked, recipient=address)
    return locked


def feedback_unfollow(*, token: str) -> FeedbackFollower | None:
    """A follower stops the emails (their link's secret); their "me too" still counts.

    The address is erased, not kept: the city has no further use for it. None for an unknown token.
    """
    follower = FeedbackFollower.objects.select_related("feedback").filter(token=token).first()
    if follower is not None and follower.email:
        address, follower.email = follower.email, ""
        with transaction.atomic():
            follower.save(update_fields=["email"])
            notification_drop_unsent(about=follower.feedback, recipient=address)
    return follower
