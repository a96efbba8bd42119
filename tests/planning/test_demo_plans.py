"""The demo processes (planning/demo.py): a zoning plan in each phase inside Seinäjoki touching several
residential areas, a service project with its own phase names, comments of every kind, a history the
services wrote; and a second load that writes nothing."""

from __future__ import annotations

import pytest
from django.contrib.auth import get_user_model
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone, translation

from city.demo import demo_staff_load
from city.models import Area, AreaKind
from planning.demo import DEMO_PLANNER, PROCESSES, demo_plans_load
from planning.models import (
    PLAN_KINDS,
    Answer,
    Comment,
    CommentStatus,
    Phase,
    Process,
    ProcessAction,
    ProcessEvent,
    ProcessKind,
    StakeholderMapping,
)
from planning.services.phases import unanswered_draft_comments


@pytest.fixture
def demo(city):
    demo_staff_load()
    made = demo_plans_load()
    assert made is not None and len(made) == len(PROCESSES)
    return {process.phase if process.is_plan else "service": process for process in Process.objects.all()}


def test_there_is_a_published_zoning_plan_in_every_phase_inside_seinajoki_touching_several_areas(demo):
    city = Area.objects.get(kind=AreaKind.CITY)
    planner = get_user_model().objects.get(username=DEMO_PLANNER)
    for phase in Phase.values:
        plan = demo[phase]
        assert plan.kind in PLAN_KINDS and plan.published and plan.phase == phase
        assert plan.boundary is not None and city.boundary.contains(plan.boundary)
        inside = plan.affected_areas.filter(share_inside__gt=0)
        assert inside.count() >= 3, plan  # where three postal areas meet
        assert all(row.residents_estimate is not None for row in inside)
        assert plan.name_fi and plan.name_sv and plan.name_en and plan.summary_sv and plan.summary_en
        assert plan.diary_number and list(plan.planners.all()) == [planner]
        schedule = list(plan.schedule.order_by("phase"))
        assert [row.phase for row in schedule] == [1, 2, 3, 4, 5, 6]
        current = schedule[phase - 1]
        assert current.starts_on <= timezone.localdate() <= current.ends_on  # today is in the current phase
    assert [demo[phase].statutory_step for phase in Phase.values] == [
        "", "", "initiation", "initiation", "draft", "proposal"]
    assert {demo[phase].kind for phase in Phase.values} == {ProcessKind.MASTER_PLAN, ProcessKind.DETAILED_PLAN}


def test_the_history_is_the_services_one_moves_and_all(demo):
    for phase in Phase.values:
        plan = demo[phase]
        events = list(ProcessEvent.objects.filter(process=plan).order_by("created_at", "id"))
        assert events[0].action == ProcessAction.CREATED
        moves = [(e.from_phase, e.to_phase) for e in events if e.action in (ProcessAction.PHASE_FORWARD,
                                                                            ProcessAction.PHASE_BACK)]
        expected = [(n, n + 1) for n in range(1, phase)]
        if phase == Phase.FINAL:  # back to the goals once, with a reason, and forward again
            expected[4:4] = [(5, 4), (4, 5)]
        assert moves == expected, plan
        assert [e.created_at for e in events] == sorted(e.created_at for e in events)
        assert events[-1].created_at < timezone.now() and plan.version > len(moves)
    back = ProcessEvent.objects.get(action=ProcessAction.PHASE_BACK)
    assert back.reason and back.actor.username == DEMO_PLANNER


def test_stakeholders_are_accepted_with_how_they_are_reached_and_some_proposals_wait(demo):
    for phase in range(Phase.ANNOUNCEMENT, Phase.FINAL + 1):
        accepted = StakeholderMapping.objects.filter(process=demo[phase], proposed=False).exclude(how_reached="")
        assert accepted.filter(group="residents", area__isnull=False).exists() or phase == Phase.GOALS
        assert accepted.exclude(group="residents").exists()
    assert StakeholderMapping.objects.filter(proposed=True).exists()  # neighbours' proposals wait for a planner
    assert StakeholderMapping.objects.exclude(outcome="").filter(process=demo[Phase.FINAL]).count() == 3


def test_comments_of_every_kind_likes_answers_and_a_flagged_one(demo):
    comments = Comment.objects.filter(process__in=demo.values())
    kinds = {comment.geometry.geom_type if comment.geometry else None for comment in comments}
    assert kinds == {"Point", "LineString", "Polygon", None}
    assert {comment.phase for comment in comments} == {1, 4, 5}
    assert {comment.language for comment in comments} == {"fi", "sv", "en"}
    assert comments.filter(like_count__gt=0).count() > 20
    draft = demo[Phase.DRAFT]
    assert draft.comments.filter(answer__isnull=False).count() == 3  # begun: some answered, some waiting
    assert unanswered_draft_comments(draft).exists()
    assert draft.comments.filter(status=CommentStatus.FLAGGED).count() == 1  # waits for a moderator
    final = demo[Phase.FINAL]
    assert final.comments.filter(phase=5).exists() and not unanswered_draft_comments(final).exists()
    assert Answer.objects.filter(process=final).count() == 3 and final.closing_summary_en
    assert Answer.objects.filter(process=final, comments__isnull=False).distinct().count() == 3
    theme = Answer.objects.get(process=final, theme="Liikuntapaikat")
    assert theme.comments.count() == 3  # one answer for several comments


def test_the_service_project_runs_on_the_same_engine_with_its_own_phase_names(demo):
    project = demo["service"]
    assert project.kind == ProcessKind.SERVICE_DEVELOPMENT and project.boundary is None
    assert project.area.code == "60150" and project.statutory_step == ""
    assert project.department.code == "sivistys"
    with translation.override("en"):
        assert project.phase_name() == "Co-design and pilot"
    assert project.comments.filter(geometry__isnull=False).exists()  # near its area
    assert project.comments.filter(answer__isnull=False).exists()


def test_the_api_serves_the_demo(client, demo):
    features = client.get("/api/v1/plans/?lang=en").json()["features"]
    assert sorted(feature["properties"]["phase"] for feature in features) == [1, 2, 3, 4, 5, 5, 6]
    draft = demo[Phase.DRAFT]
    body = client.get(f"/api/v1/plans/{draft.pk}/comments/").json()
    assert len(body["features"]) == draft.comments.filter(status=CommentStatus.PUBLISHED).count() == 9


def test_a_second_load_writes_nothing(demo):
    with CaptureQueriesContext(connection) as queries:
        assert demo_plans_load() == []
    writes = [query["sql"] for query in queries
              if query["sql"].lstrip().upper().startswith(("INSERT", "UPDATE", "DELETE"))]
    assert writes == [] and len(queries) <= 5


def test_without_the_demo_planner_nothing_is_made(city):
    assert demo_plans_load() is None
    assert not Process.objects.exists()
