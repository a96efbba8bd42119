"""Residents' comments (planning.services.comments): every refusal stores nothing, likes and flags
count once per browser, the third flag hides a comment, moderation needs a reason and is recorded,
and answers cover one comment or several."""

from __future__ import annotations

import pytest
from django.contrib.auth import get_user_model
from django.contrib.gis.geos import GEOSGeometry, LineString, MultiPoint, Point, Polygon
from django.db import IntegrityError, transaction
from django.utils import translation

from city.models import StaffRole
from planning.models import (
    COMMENT_MAX,
    Answer,
    Comment,
    CommentReaction,
    CommentStatus,
    Phase,
    ProcessAction,
    ProcessEvent,
    ProcessKind,
)
from planning.services.comments import (
    ActionRefused,
    CommentRefused,
    answer_create,
    comment_create,
    comment_moderate,
    comment_react,
)
from tests.factories.processes import PLAN_X, PLAN_Y, line_in_plan, near_plan, process_make, process_walk, staff


@pytest.fixture(autouse=True)
def in_english():
    with translation.override("en"):
        yield


@pytest.fixture
def planner(city):
    return staff("kaavoittaja-kommentit", StaffRole.PLANNER)


@pytest.fixture
def draft(planner):
    return process_walk(process_make(planners=[planner]), Phase.DRAFT, actor=planner)


@pytest.fixture
def moderator(city):
    return staff("moderaattori-kommentit", StaffRole.MODERATOR)


def _refused(process, **fields) -> dict[str, list[str]]:
    """Send the comment; it must be refused and nothing stored. Returns the errors by field."""
    fields.setdefault("text", "Kommentti.")
    with pytest.raises(CommentRefused) as refusal:
        comment_create(process=process, **fields)
    assert not Comment.objects.exists()
    return refusal.value.errors


# Geometry: each refusal stores nothing ------------------------------------------------------------

def _bow_tie() -> Polygon:
    x, y = PLAN_X + 100, PLAN_Y + 100
    return Polygon(((x, y), (x + 200, y + 200), (x + 200, y), (x, y + 200), (x, y)), srid=3067)


@pytest.mark.parametrize("geometry, words", [
    (GEOSGeometry("POINT EMPTY", srid=3067), "empty"),
    (GEOSGeometry("POLYGON EMPTY", srid=3067), "empty"),
    (MultiPoint(Point(PLAN_X, PLAN_Y), Point(PLAN_X + 10, PLAN_Y), srid=3067), "MultiPoint"),
    (GEOSGeometry(f"GEOMETRYCOLLECTION(POINT({PLAN_X} {PLAN_Y}))", srid=3067), "GeometryCollection"),
    (_bow_tie(), "cross each other"),
    (LineString(*[(PLAN_X + i * 0.1, PLAN_Y) for i in range(5001)], srid=3067), "5001 points"),
    (Point(PLAN_X + 3001, PLAN_Y + 500, srid=3067), "more than 2 km"),
    (Point(PLAN_X + 500, PLAN_Y - 2100, srid=3067), "more than 2 km"),
    (Point(-10_000_000, 0, srid=3067), "outside Finland"),
    (Point(22.84, 91, srid=4326), "outside Finland"),
    (LineString((PLAN_X, PLAN_Y), (PLAN_X, PLAN_Y), srid=3067), "no length"),
    (Polygon(((PLAN_X, PLAN_Y), (PLAN_X + 10, PLAN_Y), (PLAN_X + 20, PLAN_Y), (PLAN_X, PLAN_Y)), srid=3067),
     "encloses nothing"),
])
def test_each_geometry_refusal_names_the_geometry_and_stores_nothing(draft, geometry, words):
    errors = _refused(draft, geometry=geometry)
    assert list(errors) == ["geometry"] and words in errors["geometry"][0], errors


def test_a_point_a_line_and_an_area_are_stored_in_the_storage_srid(draft):
    wgs84 = Point(22.853, 62.785, srid=4326)  # inside the plan area, as a map sends it
    point = comment_create(process=draft, text="Suojatie.", geometry=wgs84)
    line = comment_create(process=draft, text="Pyörätie.", geometry=line_in_plan())
    area = comment_create(process=draft, text="Puisto.", geometry=Polygon(
        ((PLAN_X, PLAN_Y), (PLAN_X + 100, PLAN_Y), (PLAN_X, PLAN_Y + 100), (PLAN_X, PLAN_Y)), srid=3067))
    nearby = comment_create(process=draft, text="Vieressä.", geometry=Point(PLAN_X + 2999, PLAN_Y + 500, srid=3067))
    whole = comment_create(process=draft, text="Koko kaava.")
    stored = {comment.pk: comment for comment in Comment.objects.all()}
    assert stored[point.pk].geometry.srid == 3067 and stored[point.pk].geometry.geom_type == "Point"
    assert PLAN_X < stored[point.pk].geometry.x < PLAN_X + 1000
    assert stored[line.pk].geometry.geom_type == "LineString" and stored[area.pk].geometry.geom_type == "Polygon"
    assert stored[nearby.pk].geometry is not None and stored[whole.pk].geometry is None
    assert {comment.phase for comment in stored.values()} == {Phase.DRAFT}


def test_a_service_project_without_a_boundary_takes_drawings_near_its_area_or_anywhere_without_one(planner):
    from city.models import Area

    pohja = Area.objects.get(code="60120")
    project = process_walk(process_make(kind=ProcessKind.SERVICE_DEVELOPMENT, planners=[planner], area=pohja),
                           Phase.GOALS, actor=planner)
    inside = pohja.boundary.point_on_surface
    inside.srid = 3067
    assert comment_create(process=project, text="Koulun piha.", geometry=inside).geometry is not None
    errors = _refused_after(project, geometry=Point(inside.x + 30_000, inside.y, srid=3067))
    assert "2 km" in errors["geometry"][0]
    anywhere = process_walk(process_make(kind=ProcessKind.SERVICE_DEVELOPMENT, planners=[planner]), Phase.GOALS,
                            actor=planner)
    assert comment_create(process=anywhere, text="Missä vain.", geometry=Point(PLAN_X + 50_000, PLAN_Y,
                                                                               srid=3067)).pk


def _refused_after(process, **fields) -> dict[str, list[str]]:
    """Like ``_refused`` where other comments exist already: the count must not change."""
    before = Comment.objects.count()
    with pytest.raises(CommentRefused) as refusal:
        comment_create(process=process, text="Kommentti.", **fields)
    assert Comment.objects.count() == before
    return refusal.value.errors


# Text, group, age band, phase --------------------------------------------------------------------

def test_text_limits_and_choices_are_refused_field_by_field_together(draft):
    errors = _refused(draft, text="x" * (COMMENT_MAX + 1), group="martians", age_band="100_up",
                      geometry=GEOSGeometry("POINT EMPTY", srid=3067))
    assert set(errors) == {"text", "group", "age_band", "geometry"}
    assert "5001 characters" in errors["text"][0]
    assert "Write your comment" in _refused(draft, text="  \n\t ")["text"][0]
    assert "cannot be stored" in _refused(draft, text="a\x00b")["text"][0]
    assert "cannot be stored" in _refused(draft, text="a\ud800b")["text"][0]
    assert len(comment_create(process=draft, text="x" * COMMENT_MAX).text) == COMMENT_MAX
    assert comment_create(process=draft, text="  Reunoilla tyhjää.  ").text == "Reunoilla tyhjää."


@pytest.mark.parametrize("phase, takes", [(1, True), (2, False), (3, False), (4, True), (5, True), (6, False)])
def test_comments_are_taken_in_phases_1_4_and_5_only(planner, phase, takes):
    process = process_walk(process_make(planners=[planner]), phase, actor=planner)
    if takes:
        assert comment_create(process=process, text="Kommentti.").phase == phase
    else:
        assert "no comments in its current phase" in _refused(process)["__all__"][0]


def test_an_unpublished_process_takes_no_comments_and_one_may_require_sign_in(planner):
    assert _refused(process_make(published=False))["__all__"]
    signed = process_make(requires_sign_in=True)
    assert "Sign in" in _refused(signed)["__all__"][0]
    resident = get_user_model().objects.create_user("asukas-kommentoi")
    assert comment_create(process=signed, text="Kirjautuneena.", author=resident).author == resident


def test_the_database_refuses_a_comment_outside_the_comment_phases_and_a_multipoint(draft):
    with pytest.raises(IntegrityError), transaction.atomic():
        Comment.objects.create(process=draft, phase=Phase.ANNOUNCEMENT, text="Ohi palvelun.")
    with pytest.raises(IntegrityError), transaction.atomic():
        Comment.objects.create(process=draft, phase=Phase.DRAFT, text="Ohi palvelun.",
                               geometry=MultiPoint(near_plan(), near_plan(10, 10), srid=3067))


# Likes and flags ----------------------------------------------------------------------------------

def test_a_like_counts_once_per_browser(draft):
    comment = comment_create(process=draft, text="Hyvä idea.")
    assert comment_react(comment=comment, kind="like", reactor_key="selain-a").counted
    assert not comment_react(comment=comment, kind="like", reactor_key="selain-a").counted
    assert comment_react(comment=comment, kind="like", reactor_key="selain-b").counted
    comment.refresh_from_db()
    assert comment.like_count == 2 and CommentReaction.objects.filter(comment=comment).count() == 2


def test_the_third_flag_from_three_browsers_hides_the_comment_for_a_moderator(draft):
    comment = comment_create(process=draft, text="Kiistelty.")
    comment_react(comment=comment, kind="flag", reactor_key="a", reason="Asiaton")
    comment_react(comment=comment, kind="flag", reactor_key="a")  # the same browser again: not counted
    comment_react(comment=comment, kind="flag", reactor_key="b")
    comment.refresh_from_db()
    assert comment.flag_count == 2 and comment.status == CommentStatus.PUBLISHED
    assert not ProcessEvent.objects.filter(process=draft, action=ProcessAction.MODERATED).exists()
    reacted = comment_react(comment=comment, kind="flag", reactor_key="c")
    assert reacted.counted and reacted.comment.status == CommentStatus.FLAGGED
    event = ProcessEvent.objects.get(process=draft, action=ProcessAction.MODERATED)
    assert event.details == {"comment": comment.pk, "from": "published", "to": "flagged", "flags": 3}
    assert not event.is_public
    # A hidden comment takes no likes.
    assert not comment_react(comment=comment, kind="like", reactor_key="d").counted


def test_an_unknown_reaction_is_a_programming_error(draft):
    comment = comment_create(process=draft, text="Kommentti.")
    with pytest.raises(ValueError):
        comment_react(comment=comment, kind="love", reactor_key="a")


# Moderation ----------------------------------------------------------------------------------------

def test_moderation_needs_a_moderator_and_a_reason_and_writes_an_event(draft, moderator, planner):
    comment = comment_create(process=draft, text="Asiaton kommentti.")
    with pytest.raises(ActionRefused, match="Only moderators"):
        comment_moderate(comment=comment, publish=False, reason="Asiaton.", actor=planner)
    with pytest.raises(ActionRefused, match="reason"):
        comment_moderate(comment=comment, publish=False, reason="   ", actor=moderator)
    assert not ProcessEvent.objects.filter(action=ProcessAction.MODERATED).exists()
    comment.refresh_from_db()
    assert comment.status == CommentStatus.PUBLISHED

    hidden = comment_moderate(comment=comment, publish=False, reason="Loukkaava.", actor=moderator)
    assert hidden.status == CommentStatus.HIDDEN
    event = ProcessEvent.objects.get(action=ProcessAction.MODERATED)
    assert (event.actor, event.reason, event.details["from"], event.details["to"]) == (
        moderator, "Loukkaava.", "published", "hidden")
    # Deciding the same again changes nothing and writes nothing.
    comment_moderate(comment=comment, publish=False, reason="Yhä loukkaava.", actor=moderator)
    assert ProcessEvent.objects.filter(action=ProcessAction.MODERATED).count() == 1
    restored = comment_moderate(comment=comment, publish=True, reason="Tarkistettu uudelleen.", actor=moderator)
    assert restored.status == CommentStatus.PUBLISHED
    assert ProcessEvent.objects.filter(action=ProcessAction.MODERATED).count() == 2


# Answers --------------------------------------------------------------------------------------------

def test_an_answer_covers_several_comments_and_a_later_one_replaces_it(draft, planner):
    first = comment_create(process=draft, text="Suojatie.")
    second = comment_create(process=draft, text="Toinen suojatie.")
    answer = answer_create(process=draft, comments=[first, second, first], text="Suojatiet lisätään.",
                           theme="Liikenne", actor=planner)
    assert set(answer.comments.values_list("pk", flat=True)) == {first.pk, second.pk}
    event = ProcessEvent.objects.get(process=draft, action=ProcessAction.ANSWERED)
    assert event.details == {"answer": answer.pk, "comments": sorted([first.pk, second.pk])}
    later = answer_create(process=draft, comments=[second], text="Toinen suojatie tulee kouluun.", actor=planner)
    second.refresh_from_db()
    first.refresh_from_db()
    assert second.answer == later and first.answer == answer


def test_only_the_process_planners_answer_and_only_its_own_comments(draft, planner, moderator):
    comment = comment_create(process=draft, text="Kysymys.")
    with pytest.raises(ActionRefused, match="planners and administrators"):
        answer_create(process=draft, comments=[comment], text="Vastaus.", actor=moderator)
    with pytest.raises(ActionRefused, match="Write the answer"):
        answer_create(process=draft, comments=[comment], text=" ", actor=planner)
    with pytest.raises(ActionRefused, match="at least one"):
        answer_create(process=draft, comments=[], text="Vastaus.", actor=planner)
    other = process_walk(process_make(planners=[planner]), Phase.DRAFT, actor=planner)
    foreign = comment_create(process=other, text="Toisen kaavan kommentti.")
    with pytest.raises(ActionRefused, match="not this plan"):
        answer_create(process=draft, comments=[comment, foreign], text="Vastaus.", actor=planner)
    assert not Answer.objects.exists()
