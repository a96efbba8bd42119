"""The status table: every allowed move works and is recorded, every other move changes nothing."""

import pytest

from city.models import Notification
from geo_feedback.models import Feedback, FeedbackEvent
from geo_feedback.services.feedback import ChangedMeanwhile, TransitionNotAllowed, feedback_transition
from geo_feedback.statuses import TRANSITIONS, FeedbackStatus
from tests.factories import FeedbackFactory

S = FeedbackStatus

# The moves a ticket may make, written out by hand from the README's description, not read from
# the table under test: x = allowed. Open tickets move forward, back to triage or to any close
# (rejection only before work starts); every closed ticket can only be reopened into triage.
MOVES = """
              received in_triage routed in_progress handled duplicate forwarded not_citys rejected
received         .         x        x       x          x        x         x         x        x
in_triage        .         .        x       x          x        x         x         x        x
routed           .         x        .       x          x        x         x         x        x
in_progress      .         x        x       .          x        x         x         x        .
handled          .         x        .       .          .        .         .         .        .
duplicate        .         x        .       .          .        .         .         .        .
forwarded        .         x        .       .          .        .         .         .        .
not_citys        .         x        .       .          .        .         .         .        .
rejected         .         x        .       .          .        .         .         .        .
"""
_header, *_rows = MOVES.strip().splitlines()
ALLOWED = {row.split()[0]: {to for to, mark in zip(_header.split(), row.split()[1:]) if mark == "x"}
           for row in _rows}


def test_the_code_has_exactly_the_moves_written_out_here():
    assert set(ALLOWED) == set(S.values)
    assert {status: set(moves) for status, moves in TRANSITIONS.items()} == ALLOWED


@pytest.fixture
def staff(django_user_model):
    return django_user_model.objects.create_user("asiakaspalvelu", is_staff=True)


def feedback_in(status: str, **extra) -> Feedback:
    """A new report moved straight from received to ``status`` (every status is reachable so)."""
    feedback = FeedbackFactory(**extra)
    if status != S.RECEIVED:
        feedback_transition(feedback=feedback, to_status=status, notify=False)
    feedback.refresh_from_db()
    assert feedback.status == status
    return feedback


@pytest.mark.parametrize("from_status", S.values)
def test_every_allowed_move_changes_the_status_and_writes_an_event(city, staff, from_status):
    for to_status in sorted(ALLOWED[from_status]):
        feedback = feedback_in(from_status)
        events_before = feedback.events.count()
        changed_before = feedback.status_changed_at

        feedback_transition(feedback=feedback, to_status=to_status, actor=staff,
                            public_note=f"  Julkinen: {to_status}  ", internal_note=f"Sisäinen: {to_status}")

        feedback.refresh_from_db()
        assert feedback.status == to_status, (from_status, to_status)
        assert feedback.status_changed_at > changed_before
        assert feedback.events.count() == events_before + 1
        event = feedback.events.order_by("-id").first()
        assert (event.from_status, event.to_status, event.actor) == (from_status, to_status, staff)
        assert event.public_note == f"Julkinen: {to_status}"  # trimmed
        assert event.internal_note == f"Sisäinen: {to_status}"


@pytest.mark.parametrize("from_status", S.values)
def test_every_disallowed_move_raises_and_changes_nothing(city, staff, from_status):
    forbidden = sorted(set(S.values) - ALLOWED[from_status])
    assert from_status in forbidden  # staying put is not a move
    feedback = feedback_in(from_status, reporter_email="asukas@example.fi")
    events = list(FeedbackEvent.objects.values_list("id", flat=True))
    notifications = Notification.objects.count()
    before = Feedback.objects.values("status", "status_changed_at", "updated_at").get(pk=feedback.pk)
    for to_status in forbidden:
        with pytest.raises(TransitionNotAllowed):
            feedback_transition(feedback=feedback, to_status=to_status, actor=staff, public_note="Ei käy")
        assert feedback.status == from_status  # the caller's copy is not touched either
    assert Feedback.objects.values("status", "status_changed_at", "updated_at").get(pk=feedback.pk) == before
    assert list(FeedbackEvent.objects.values_list("id", flat=True)) == events
    assert Notification.objects.count() == notifications


def test_closed_tickets_reopen_into_triage_and_move_on(city, staff):
    feedback = feedback_in(S.HANDLED)
    feedback_transition(feedback=feedback, to_status=S.IN_TRIAGE, actor=staff,
                        public_note="Asukas ilmoitti, että vika uusiutui.")
    feedback_transition(feedback=feedback, to_status=S.ROUTED, actor=staff)
    feedback_transition(feedback=feedback, to_status=S.HANDLED, actor=staff)
    path = list(feedback.events.values_list("from_status", "to_status"))
    assert path == [("", S.RECEIVED), (S.RECEIVED, S.HANDLED), (S.HANDLED, S.IN_TRIAGE),
                    (S.IN_TRIAGE, S.ROUTED), (S.ROUTED, S.HANDLED)]


def test_a_stale_seen_status_raises_changed_meanwhile(city, staff):
    feedback = feedback_in(S.RECEIVED)
    someone_elses_copy = Feedback.objects.get(pk=feedback.pk)
    feedback_transition(feedback=someone_elses_copy, to_status=S.IN_TRIAGE, actor=staff)

    with pytest.raises(ChangedMeanwhile) as raised:
        feedback_transition(feedback=feedback, to_status=S.ROUTED, actor=staff, seen_status=S.RECEIVED)
    assert raised.value.feedback.status == S.IN_TRIAGE
    assert Feedback.objects.get(pk=feedback.pk).status == S.IN_TRIAGE
    assert feedback.events.count() == 2
    # With the status it really has, the same move goes through.
    feedback_transition(feedback=feedback, to_status=S.ROUTED, actor=staff, seen_status=S.IN_TRIAGE)
    assert Feedback.objects.get(pk=feedback.pk).status == S.ROUTED


def test_the_move_is_checked_against_the_stored_status_not_the_callers_copy(city, staff):
    feedback = feedback_in(S.RECEIVED)
    feedback_transition(feedback=Feedback.objects.get(pk=feedback.pk), to_status=S.HANDLED)
    assert feedback.status == S.RECEIVED  # stale copy
    with pytest.raises(TransitionNotAllowed):  # handled -> in progress is not a move
        feedback_transition(feedback=feedback, to_status=S.IN_PROGRESS)
    assert Feedback.objects.get(pk=feedback.pk).status == S.HANDLED


def test_rejected_reports_are_not_public(city):
    shown = {status: feedback_in(status) for status in S.values}
    public = set(Feedback.objects.public().values_list("status", flat=True))
    assert public == set(S.values) - {S.REJECTED}
    assert not Feedback.objects.public().filter(pk=shown[S.REJECTED].pk).exists()
    # Reopened, it is public again.
    feedback_transition(feedback=shown[S.REJECTED], to_status=S.IN_TRIAGE)
    assert Feedback.objects.public().filter(pk=shown[S.REJECTED].pk).exists()
