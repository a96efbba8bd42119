"""Residents' comments on a process, their likes and flags, moderation, and planners' answers.

A comment is taken in phases 1, 4 and 5 of a published process, with an optional point, line or
polygon checked by the one map-drawing validator (``city.geometry.map_drawing_clean``); a refused
comment writes nothing. A like or a flag counts once per browser or account (a unique constraint);
the third flag hides the comment until a moderator decides. Moderation and answers are events in
the process's history.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils.translation import gettext as _

from city.geometry import GeometryRefused, map_drawing_clean
from config.bodies import unstorable_text_errors
from planning.models import (
    COMMENT_MAX,
    FLAGS_TO_HIDE,
    AgeBand,
    Answer,
    Comment,
    CommentReaction,
    CommentStatus,
    Process,
    ProcessAction,
    ProcessEvent,
    StakeholderGroup,
)
from planning.permissions import comment_may_moderate, process_may_run


class CommentRefused(ValueError):
    """The comment cannot be taken; ``errors`` maps a field (or ``__all__``) to its messages."""

    def __init__(self, errors: dict[str, list[str]]):
        super().__init__("; ".join(message for messages in errors.values() for message in messages))
        self.errors = errors


class ActionRefused(ValueError):
    """A staff action on comments is not allowed; ``str()`` says why."""


def comment_place_reference(process: Process):
    """What a drawing must lie near: the plan's boundary, a service project's area, or nothing."""
    if process.boundary is not None:
        return process.boundary
    return process.area.boundary if process.area_id else None


@transaction.atomic
def comment_create(*, process: Process, text: str, geometry=None, group: str = "", age_band: str = "",
                   language: str = "fi", author=None) -> Comment:
    """Take a resident's comment, or raise CommentRefused with every reason, field by field."""
    errors: dict[str, list[str]] = {}
    process = Process.objects.select_related("area").get(pk=process.pk)
    if not process.accepts_comments():
        errors.setdefault("__all__", []).append(_("This plan takes no comments in its current phase."))
    if process.requires_sign_in and (author is None or not author.is_authenticated):
        errors.setdefault("__all__", []).append(_("Sign in to comment on this plan."))
    text = (text or "").strip()
    if not text:
        errors.setdefault("text", []).append(_("Write your comment."))
    elif len(text) > COMMENT_MAX:
        errors.setdefault("text", []).append(_("The comment is %(count)s characters long; at most %(max)s are taken.")
                                              % {"count": len(text), "max": COMMENT_MAX})
    if unstorable_text_errors(text):  # a NUL, or a lone UTF-16 surrogate a JSON client can send
        errors.setdefault("text", []).append(_("The comment contains a character that cannot be stored."))
    if group and group not in StakeholderGroup.values:
        errors.setdefault("group", []).append(_("Choose the group from the list, or none."))
    if age_band and age_band not in AgeBand.values:
        errors.setdefault("age_band", []).append(_("Choose the age band from the list, or none."))
    if geometry is not None:
        try:
            geometry = map_drawing_clean(geometry, near=comment_place_reference(process))
        except GeometryRefused as refusal:
            errors.setdefault("geometry", []).append(str(refusal))
    if errors:
        raise CommentRefused(errors)
    return Comment.objects.create(
        process=process, phase=process.phase, text=text, geometry=geometry, group=group, age_band=age_band,
        language=language if language in ("fi", "sv", "en") else "fi",
        author=author if author is not None and author.is_authenticated else None)


@dataclass(frozen=True)
class Reacted:
    comment: Comment
    counted: bool  # False when this browser or account had already liked (or flagged) it


@transaction.atomic
def comment_react(*, comment: Comment, kind: str, reactor_key: str, reason: str = "") -> Reacted:
    """Like or flag ``comment`` once per ``reactor_key``; the third flag hides it for a moderator."""
    if kind not in CommentReaction.Kind.values:
        raise ValueError(f"unknown reaction {kind!r}")
    locked = Comment.objects.select_for_update().get(pk=comment.pk)
    if locked.status != CommentStatus.PUBLISHED and kind == CommentReaction.Kind.LIKE:
        return Reacted(locked, counted=False)
    try:
        with transaction.atomic():
            CommentReaction.objects.create(comment=locked, kind=kind, reactor_key=reactor_key, reason=reason[:500])
    except IntegrityError:
        return Reacted(locked, counted=False)
    if kind == CommentReaction.Kind.LIKE:
        locked.like_count = F("like_count") + 1
        locked.save(update_fields=["like_count"])
    else:
        locked.flag_count = F("flag_count") + 1
        locked.save(update_fields=["flag_count"])
    locked.refresh_from_db(fields=["like_count", "flag_count", "status"])
    if kind == CommentReaction.Kind.FLAG and locked.flag_count >= FLAGS_TO_HIDE and locked.status == CommentStatus.PUBLISHED:
        locked.status = CommentStatus.FLAGGED
        locked.save(update_fields=["status"])
        ProcessEvent.objects.create(process_id=locked.process_id, action=ProcessAction.MODERATED, details={
            "comment": locked.pk, "from": CommentStatus.PUBLISHED, "to": CommentStatus.FLAGGED,
            "flags": locked.flag_count})
    return Reacted(locked, counted=True)


@transaction.atomic
def comment_moderate(*, comment: Comment, publish: bool, reason: str, actor) -> Comment:
    """A moderator's decision: publish (restore) or hide a comment, with a reason kept in the history."""
    if not comment_may_moderate(actor):
        raise ActionRefused(_("Only moderators decide on comments."))
    reason = (reason or "").strip()
    if not reason:
        raise ActionRefused(_("Give the reason for the decision; it is kept in the history."))
    locked = Comment.objects.select_for_update().get(pk=comment.pk)
    to_status = CommentStatus.PUBLISHED if publish else CommentStatus.HIDDEN
    if locked.status != to_status:
        from_status = locked.status
        locked.status = to_status
        locked.save(update_fields=["status"])
        ProcessEvent.objects.create(process_id=locked.process_id, action=ProcessAction.MODERATED, actor=actor,
                                    reason=reason, details={"comment": locked.pk, "from": from_status,
                                                            "to": to_status})
    return locked


@transaction.atomic
def answer_create(*, process: Process, comments: Iterable[Comment], text: str, actor, theme: str = "") -> Answer:
    """Answer one comment or several grouped by theme; an answer given before to them is replaced."""
    if not process_may_run(actor, process):
        raise ActionRefused(_("Only the plan's planners and administrators answer its comments."))
    text = (text or "").strip()
    if not text:
        raise ActionRefused(_("Write the answer."))
    ids = sorted({comment.pk for comment in comments})
    if not ids:
        raise ActionRefused(_("Choose at least one comment to answer."))
    chosen = list(Comment.objects.select_for_update().filter(pk__in=ids, process=process))
    if len(chosen) != len(ids):
        raise ActionRefused(_("Some of the chosen comments are not this plan's."))
    answer = Answer.objects.create(process=process, theme=(theme or "").strip()[:200], text=text, author=actor)
    Comment.objects.filter(pk__in=ids).update(answer=answer)
    ProcessEvent.objects.create(process=process, action=ProcessAction.ANSWERED, actor=actor,
                                details={"answer": answer.pk, "comments": ids})
    return answer
