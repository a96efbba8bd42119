"""Reads of the planners' pages: the processes a user runs, a process's comments by whether they are
answered, its history, and the comments waiting for a moderator."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Count, Prefetch, Q, QuerySet

from city.models import StaffRole
from city.permissions import staff_profile
from planning.models import (
    AffectedArea,
    Answer,
    Comment,
    CommentStatus,
    Process,
    ProcessEvent,
    StakeholderGroup,
    StakeholderMapping,
)
from planning.report import geometry_label


def processes_run_by(user) -> QuerySet[Process]:
    """The processes ``user`` runs: their own as a planner, every one as an administrator."""
    profile = staff_profile(user)
    queryset = Process.objects.select_related("department").annotate(
        waiting=Count("comments", filter=Q(comments__status=CommentStatus.PUBLISHED,
                                           comments__answer__isnull=True))).order_by("-updated_at", "-pk")
    if profile is None:
        return queryset.none()
    if profile.has_role(StaffRole.ADMINISTRATOR):
        return queryset
    if profile.has_role(StaffRole.PLANNER):
        return queryset.filter(planners=user)
    return queryset.none()


def process_for_staff(pk: int) -> Process | None:
    return (Process.objects.select_related("department", "area")
            .prefetch_related(Prefetch("stakeholders", queryset=StakeholderMapping.objects.select_related("area")))
            .filter(pk=pk).first())


def process_history(process: Process) -> list[ProcessEvent]:
    """Every event of the process, newest first, with who acted."""
    return list(process.events.select_related("actor").order_by("-created_at", "-id"))


def stakeholder_rows(process: Process) -> list[StakeholderMapping]:
    """The mapped groups and the system's proposals: proposals first, then by group and area."""
    return sorted(process.stakeholders.all(),
                  key=lambda mapping: (not mapping.proposed, mapping.group, mapping.area.name_fi if mapping.area else ""))


def affected_area_choices(process: Process, language: str) -> list[tuple[int, str]]:
    return [(row.area_id, row.area.name(language))
            for row in AffectedArea.objects.filter(process=process).select_related("area").order_by("area__name_fi")]


def comments_waiting(process: Process) -> list[Comment]:
    """Published comments without an answer: the draft's (phase 5, which block phase 6) first."""
    comments = list(Comment.objects.filter(process=process, status=CommentStatus.PUBLISHED, answer__isnull=True)
                    .order_by("-phase", "created_at", "id"))
    return _with_place_labels(comments)


def _with_place_labels(comments: list[Comment]) -> list[Comment]:
    """Each comment's place in words (a point, a line, an area, or the plan as a whole) and its group's name."""
    groups = dict(StakeholderGroup.choices)
    for comment in comments:
        comment.place_label = geometry_label(comment.geometry.geom_type if comment.geometry else "")
        comment.group_label = str(groups.get(comment.group, comment.group))
    return comments


@dataclass(frozen=True)
class AnsweredGroup:
    answer: Answer
    comments: list[Comment]


def answers_given(process: Process) -> list[AnsweredGroup]:
    """Each answer with the comments it covers (only those still published)."""
    answers = (Answer.objects.filter(process=process).select_related("author")
               .prefetch_related(Prefetch("comments", queryset=Comment.objects.filter(
                   status=CommentStatus.PUBLISHED).order_by("created_at", "id")))
               .order_by("-created_at", "-id"))
    return [AnsweredGroup(answer, _with_place_labels(list(answer.comments.all())))
            for answer in answers if answer.comments.all()]


def moderation_queue() -> list[Comment]:
    """Comments flagged three times, waiting hidden for a moderator, oldest first."""
    return _with_place_labels(list(Comment.objects.filter(status=CommentStatus.FLAGGED).select_related("process")
                                   .order_by("created_at", "id")))
