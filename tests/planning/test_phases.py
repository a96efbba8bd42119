"""The six-phase engine (planning.services.phases): every guard, who may move a process, the version
check, and the one event row each move writes; a refused move changes and writes nothing."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import AnonymousUser
from django.utils import translation

from city.models import StaffRole
from planning.models import CommentStatus, Phase, ProcessAction, ProcessEvent, StakeholderGroup, StakeholderMapping
from planning.services.comments import answer_create, comment_create, comment_moderate, comment_react
from planning.services.phases import PhaseMoveRefused, phase_move_blockers, process_move_phase
from tests.factories.processes import near_plan, process_make, process_walk, staff, stakeholder_accept


@pytest.fixture(autouse=True)
def in_english():
    """The refusals' messages are read in English here (Finnish is the default)."""
    with translation.override("en"):
        yield


@pytest.fixture
def planner(city):
    return staff("kaavoittaja-vaiheet", StaffRole.PLANNER)


@pytest.fixture
def plan(planner):
    return process_make(planners=[planner])


def _refused(process, to_phase, actor, *, code, reason="", seen_version=None) -> str:
    """Try the move; it must be refused with ``code`` and leave the process and its history as they were."""
    before = (process.phase, process.version, ProcessEvent.objects.filter(process=process).count())
    with pytest.raises(PhaseMoveRefused) as refusal:
        process_move_phase(process=process, to_phase=to_phase, actor=actor, reason=reason, seen_version=seen_version)
    assert refusal.value.code == code
    process.refresh_from_db()
    assert (process.phase, process.version, ProcessEvent.objects.filter(process=process).count()) == before
    return str(refusal.value)


def _moves(process) -> list[tuple]:
    return list(ProcessEvent.objects.filter(process=process, action__in=[ProcessAction.PHASE_FORWARD,
                                                                         ProcessAction.PHASE_BACK])
                .values_list("action", "from_phase", "to_phase", "actor__username", "reason"))


# Forward, one at a time ----------------------------------------------------------------------------

def test_a_process_moves_forward_one_phase_at_a_time_with_one_event_per_move(plan, planner):
    moved = process_move_phase(process=plan, to_phase=Phase.STAKEHOLDERS, actor=planner)
    assert moved.phase == Phase.STAKEHOLDERS and moved.version == plan.version + 1
    assert _moves(plan) == [("phase_forward", 1, 2, "kaavoittaja-vaiheet", "")]
    event = ProcessEvent.objects.get(process=plan, action=ProcessAction.PHASE_FORWARD)
    assert event.is_public
    message = _refused(moved, Phase.GOALS, planner, code="skip")
    assert "one phase at a time" in message
    _refused(moved, Phase.FINAL, planner, code="skip")
    _refused(moved, Phase.STAKEHOLDERS, planner, code="same")
    _refused(moved, 7, planner, code="invalid")
    _refused(moved, "viisi", planner, code="invalid")


# Phase 3: a stakeholder group mapped with how it is reached ------------------------------------------

def test_the_announcement_needs_a_stakeholder_group_accepted_with_how_it_is_reached(plan, planner):
    plan = process_move_phase(process=plan, to_phase=Phase.STAKEHOLDERS, actor=planner)
    message = _refused(plan, Phase.ANNOUNCEMENT, planner, code="blocked")
    assert "stakeholder group" in message
    assert "stakeholder group" in phase_move_blockers(plan, Phase.ANNOUNCEMENT)[0]

    # The system's proposals (the residents of the affected areas) do not count, even with a way
    # to reach them, until a planner accepts them.
    proposals = StakeholderMapping.objects.filter(process=plan, proposed=True)
    assert proposals.exists()
    proposals.update(how_reached="Kirje jokaiseen talouteen.")
    _refused(plan, Phase.ANNOUNCEMENT, planner, code="blocked")

    # Accepted, but not yet saying how the group is reached: still no.
    accepted = stakeholder_accept(plan, group=StakeholderGroup.ELDERLY, how_reached="   ")
    _refused(plan, Phase.ANNOUNCEMENT, planner, code="blocked")

    accepted.how_reached = "Vanhusneuvoston kokous toukokuussa."
    accepted.save()
    assert phase_move_blockers(plan, Phase.ANNOUNCEMENT) == []
    moved = process_move_phase(process=plan, to_phase=Phase.ANNOUNCEMENT, actor=planner)
    assert moved.phase == Phase.ANNOUNCEMENT


# Phase 6: every published comment of phase 5 answered -----------------------------------------------

def test_the_final_phase_needs_every_published_draft_comment_answered(plan, planner):
    plan = process_walk(plan, Phase.GOALS, actor=planner)
    comment_create(process=plan, text="Tavoitteeksi turvallinen koulutie.")  # phase 4: never blocks
    plan = process_move_phase(process=plan, to_phase=Phase.DRAFT, actor=planner)
    first = comment_create(process=plan, text="Suojatie tähän.", geometry=near_plan())
    second = comment_create(process=plan, text="Toinen suojatie.", geometry=near_plan(300, 300))
    third = comment_create(process=plan, text="Puisto säilytettävä.")
    hidden = comment_create(process=plan, text="Asiaton.")
    flagged = comment_create(process=plan, text="Toinen asiaton.")
    comment_moderate(comment=hidden, publish=False, reason="Asiaton kielenkäyttö.",
                     actor=staff("moderaattori-vaiheet", StaffRole.MODERATOR))
    for key in ("a", "b", "c"):
        comment_react(comment=flagged, kind="flag", reactor_key=key)
    flagged.refresh_from_db()
    assert flagged.status == CommentStatus.FLAGGED

    message = _refused(plan, Phase.FINAL, planner, code="blocked")
    assert "3 still without an answer" in message  # hidden and flagged comments do not count

    # One answer may cover several comments.
    answer_create(process=plan, comments=[first, second], text="Suojatiet lisätään.", theme="Liikenne", actor=planner)
    assert "1 still without an answer" in _refused(plan, Phase.FINAL, planner, code="blocked")
    answer_create(process=plan, comments=[third], text="Puisto säilyy.", actor=planner)
    moved = process_move_phase(process=plan, to_phase=Phase.FINAL, actor=planner)
    assert moved.phase == Phase.FINAL


def test_a_draft_comment_restored_by_a_moderator_blocks_the_final_phase_again(plan, planner):
    plan = process_walk(plan, Phase.DRAFT, actor=planner)
    comment = comment_create(process=plan, text="Kiistelty.")
    moderator = staff("moderaattori-2", StaffRole.MODERATOR)
    comment_moderate(comment=comment, publish=False, reason="Tarkistetaan.", actor=moderator)
    assert phase_move_blockers(plan, Phase.FINAL) == []
    comment_moderate(comment=comment, publish=True, reason="Asiallinen.", actor=moderator)
    assert phase_move_blockers(plan, Phase.FINAL) != []


# Back: a written reason, public in the history ----------------------------------------------------

def test_moving_back_needs_a_reason_and_is_public_in_the_history(plan, planner):
    plan = process_walk(plan, Phase.DRAFT, actor=planner)
    assert "written reason" in _refused(plan, Phase.GOALS, planner, code="reason")
    _refused(plan, Phase.GOALS, planner, code="reason", reason="  \n ")
    moved = process_move_phase(process=plan, to_phase=Phase.STAKEHOLDERS, actor=planner,
                               reason="Uusi osallisryhmä löytyi: sidosryhmät kartoitetaan uudelleen.")
    assert moved.phase == Phase.STAKEHOLDERS  # back may skip phases
    event = ProcessEvent.objects.filter(process=plan).latest("id")
    assert (event.action, event.from_phase, event.to_phase) == (ProcessAction.PHASE_BACK, 5, 2)
    assert event.reason.startswith("Uusi osallisryhmä") and event.is_public and event.actor == planner
    # Forward again one at a time, the guards checked again.
    assert process_move_phase(process=moved, to_phase=Phase.ANNOUNCEMENT, actor=planner).phase == 3


def test_the_database_refuses_a_move_back_without_a_reason(plan):
    from django.db import IntegrityError, transaction

    with pytest.raises(IntegrityError), transaction.atomic():
        ProcessEvent.objects.create(process=plan, action=ProcessAction.PHASE_BACK, from_phase=2, to_phase=1)


# Who may move it ----------------------------------------------------------------------------------

def test_only_the_process_planners_and_administrators_move_it(plan, planner):
    other_planner = staff("toinen-kaavoittaja", StaffRole.PLANNER)
    moderator = staff("moderaattori-3", StaffRole.MODERATOR, StaffRole.PARTICIPATION_AGENT)
    handler = staff("kasittelija", StaffRole.HANDLER)
    from django.contrib.auth import get_user_model

    resident = get_user_model().objects.create_user("asukas-vaiheet")
    for outsider in (other_planner, moderator, handler, resident, AnonymousUser()):
        assert "planners and administrators" in _refused(plan, Phase.STAKEHOLDERS, outsider, code="forbidden")
    administrator = staff("yllapitaja", StaffRole.ADMINISTRATOR)
    plan = process_move_phase(process=plan, to_phase=Phase.STAKEHOLDERS, actor=administrator)
    plan = process_move_phase(process=plan, to_phase=Phase.NEEDS, actor=planner, reason="Tarpeet uudelleen.")
    assert _moves(plan) == [("phase_forward", 1, 2, "yllapitaja", ""),
                            ("phase_back", 2, 1, "kaavoittaja-vaiheet", "Tarpeet uudelleen.")]


def test_a_planner_who_is_removed_from_the_process_can_no_longer_move_it(plan, planner):
    plan.planners.clear()
    _refused(plan, Phase.STAKEHOLDERS, planner, code="forbidden")


# The version check --------------------------------------------------------------------------------

def test_a_move_from_a_stale_page_is_refused(plan, planner):
    seen = plan.version
    moved = process_move_phase(process=plan, to_phase=Phase.STAKEHOLDERS, actor=planner, seen_version=seen)
    assert moved.version == seen + 1
    # Another planner's page still shows the old version: the move is refused, nothing written.
    assert "changed the plan meanwhile" in _refused(moved, Phase.NEEDS, planner, code="changed",
                                                    reason="Takaisin.", seen_version=seen)
    assert process_move_phase(process=moved, to_phase=Phase.NEEDS, actor=planner, reason="Takaisin.",
                              seen_version=moved.version).phase == Phase.NEEDS


def test_each_phase_of_a_whole_walk_leaves_one_event_and_the_version_grows_by_one(plan, planner):
    start = plan.version
    plan = process_walk(plan, Phase.FINAL, actor=planner)
    assert [(move[1], move[2]) for move in _moves(plan)] == [(1, 2), (2, 3), (3, 4), (4, 5), (5, 6)]
    assert plan.version == start + 5
    assert "one phase at a time" not in str(_refused(plan, Phase.FINAL, planner, code="same"))
