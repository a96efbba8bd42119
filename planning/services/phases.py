"""The six-phase engine: one service moves a process, checking the move's conditions.

Forward moves go one phase at a time; a move back may skip phases but needs a written reason, which
is public in the history. Guards (§3.2.3):

- into phase 3 (announcement): at least one stakeholder group accepted with how it will be reached;
- into phase 6 (final): every published comment of phase 5 answered (one answer may cover several).

Only the process's planners and administrators move it. Followers are told by email, in their own
language, what they can do in the new phase.
"""

from __future__ import annotations

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from planning.models import (
    Comment,
    CommentStatus,
    Phase,
    Process,
    ProcessAction,
    ProcessEvent,
)
from planning.permissions import process_may_run


class PhaseMoveRefused(ValueError):
    """The move is not allowed now; ``str()`` says why in words a planner can act on."""

    def __init__(self, message, *, code: str):
        super().__init__(message)
        self.code = code


def unanswered_draft_comments(process: Process):
    """Phase 5's published comments that no answer covers yet: what blocks phase 6."""
    return Comment.objects.filter(process=process, phase=Phase.DRAFT, status=CommentStatus.PUBLISHED,
                                  answer__isnull=True)


def phase_move_blockers(process: Process, to_phase: int) -> list[str]:
    """Why ``process`` cannot move forward into ``to_phase`` now; empty when it can."""
    blockers = []
    if to_phase == Phase.ANNOUNCEMENT and not any(group.is_reached_somehow for group in process.stakeholders.all()):
        blockers.append(str(_("Map at least one stakeholder group and say how it will be reached.")))
    if to_phase == Phase.FINAL:
        waiting = unanswered_draft_comments(process).count()
        if waiting:
            blockers.append(str(_("Answer every comment on the draft first: %(count)s still without an answer.")
                                % {"count": waiting}))
    return blockers


@transaction.atomic
def process_move_phase(*, process: Process, to_phase: int, actor, reason: str = "",
                       seen_version: int | None = None) -> Process:
    """Move ``process`` to ``to_phase``: forward by one, or back with a reason. Locks, checks, records."""
    locked = Process.objects.select_for_update().get(pk=process.pk)
    if actor is not None and not process_may_run(actor, locked):
        raise PhaseMoveRefused(_("Only the plan's planners and administrators move its phases."), code="forbidden")
    if seen_version is not None and seen_version != locked.version:
        raise PhaseMoveRefused(_("Someone changed the plan meanwhile: check it and try again."), code="changed")
    try:
        to_phase = Phase(int(to_phase))
    except (TypeError, ValueError):
        raise PhaseMoveRefused(_("The phase is a number from 1 to 6."), code="invalid") from None
    from_phase = Phase(locked.phase)
    reason = (reason or "").strip()
    if to_phase == from_phase:
        raise PhaseMoveRefused(_("The plan is in that phase already."), code="same")
    if to_phase > from_phase:
        if to_phase != from_phase + 1:
            raise PhaseMoveRefused(_("A plan moves forward one phase at a time."), code="skip")
        blockers = phase_move_blockers(locked, to_phase)
        if blockers:
            raise PhaseMoveRefused(" ".join(blockers), code="blocked")
        action = ProcessAction.PHASE_FORWARD
    else:
        if not reason:
            raise PhaseMoveRefused(_("Moving back a phase needs a written reason; it is shown publicly."),
                                   code="reason")
        action = ProcessAction.PHASE_BACK
    locked.phase = to_phase
    locked.version += 1
    locked.updated_at = timezone.now()
    locked.save(update_fields=["phase", "version", "updated_at"])
    ProcessEvent.objects.create(process=locked, action=action, from_phase=from_phase, to_phase=to_phase,
                                actor=actor, reason=reason)
    from planning.services.following import followers_notify_phase  # the emails, in the same transaction

    followers_notify_phase(process=locked, from_phase=from_phase)
    return locked
