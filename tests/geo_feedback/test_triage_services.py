"""The city's work on tickets: each service writes its event row, and none overwrites a change it did not see."""

import pytest
from django.contrib.auth import get_user_model
from django.contrib.gis.geos import Point
from django.utils import translation

from city.models import Department, Notification
from geo_feedback.models import EventAction, Feedback, FeedbackFollower, FeedbackPhoto
from geo_feedback.services.feedback import (
    ChangedMeanwhile,
    FeedbackInvalid,
    TransitionNotAllowed,
    feedback_support,
    feedback_transition,
)
from geo_feedback.services.triage import (
    feedback_bulk,
    feedback_merge,
    feedback_move,
    feedback_note,
    feedback_recategorise,
    feedback_redact,
    feedback_reply,
    feedback_request_info,
    feedback_route,
)
from geo_feedback.statuses import FeedbackStatus as S
from tests.factories.feedback import POINTS, FeedbackFactory, category, jpeg_with_gps, point


@pytest.fixture
def agent(db):
    return get_user_model().objects.create_user("agentti")


def last_event(feedback):
    return feedback.events.order_by("version", "id").last()


def test_route_to_a_department_and_handler_writes_one_event(city, agent):
    ticket = FeedbackFactory()
    handler = get_user_model().objects.create_user("kasittelija")
    routed = feedback_route(feedback=ticket, department=Department.objects.get(code="sivistys"), handler=handler,
                            actor=agent, internal_note="Koulun piha", seen_version=ticket.version)
    routed.refresh_from_db()
    assert (routed.status, routed.department.code, routed.assigned_to, routed.version) == (
        S.ROUTED, "sivistys", handler, 2)
    event = last_event(routed)
    assert (event.action, event.from_status, event.to_status, event.actor) == ("status", S.RECEIVED, S.ROUTED, agent)
    assert event.details == {"from": "kaupunkiymparisto", "to": "sivistys", "handler": "kasittelija"}
    assert event.internal_note == "Koulun piha" and event.version == 2


def test_routing_to_an_outside_body_forwards_with_a_public_note(city, agent):
    ticket = FeedbackFactory(reporter_email="a@example.fi")
    feedback_route(feedback=ticket, department=Department.objects.get(code="hyvinvointialue"), actor=agent)
    ticket.refresh_from_db()
    assert ticket.status == S.FORWARDED
    assert "Etelä-Pohjanmaan hyvinvointialue" in last_event(ticket).public_note
    assert Notification.objects.filter(feedback=ticket, kind="status").count() == 1


def test_rerouting_a_ticket_in_progress_keeps_its_status(city, agent):
    ticket = FeedbackFactory()
    feedback_transition(feedback=ticket, to_status=S.IN_PROGRESS, actor=agent)
    feedback_route(feedback=ticket, department=Department.objects.get(code="elinvoima"), actor=agent)
    ticket.refresh_from_db()
    assert (ticket.status, ticket.department.code, last_event(ticket).action) == (S.IN_PROGRESS, "elinvoima",
                                                                                   EventAction.ROUTED)


def test_recategorise_moves_the_department_with_the_category(city, agent):
    ticket = FeedbackFactory()
    feedback_recategorise(feedback=ticket, category=category("304"), actor=agent)
    ticket.refresh_from_db()
    assert (ticket.category.service_code, ticket.department.code) == ("304", "sivistys")
    assert last_event(ticket).details == {"from": "171", "to": "304"}


def test_moving_the_pin_recomputes_the_area_and_refuses_outside_the_city(city, agent):
    ticket = FeedbackFactory()
    assert ticket.area.code == "60100"
    feedback_move(feedback=ticket, location=point(POINTS["60550"]), actor=agent)
    ticket.refresh_from_db()
    assert ticket.area.code == "60550"
    assert last_event(ticket).details == {"from_area": "60100", "to_area": "60550"}
    with pytest.raises(FeedbackInvalid):
        feedback_move(feedback=ticket, location=Point(24.95, 60.17, srid=4326), actor=agent)
    ticket.refresh_from_db()
    assert ticket.area.code == "60550"


def test_merge_moves_reporter_followers_and_support(city, agent):
    kept = FeedbackFactory(reporter_email="eka@example.fi")
    duplicate = FeedbackFactory(reporter_email="toka@example.fi")
    feedback_support(feedback=duplicate, email="seuraaja@example.fi")
    feedback_support(feedback=duplicate, email="eka@example.fi")  # already follows the kept one as reporter
    feedback_support(feedback=kept, email="seuraaja2@example.fi")
    feedback_merge(duplicate=duplicate, into=kept, actor=agent)
    duplicate.refresh_from_db()
    kept.refresh_from_db()
    assert (duplicate.status, duplicate.merged_into) == (S.DUPLICATE, kept)
    assert set(FeedbackFollower.objects.filter(feedback=kept).values_list("email", flat=True)) == {
        "seuraaja2@example.fi", "toka@example.fi", "seuraaja@example.fi", "eka@example.fi"}
    assert kept.supporter_count == 1 + 2 + 1  # its own, the duplicate's two, the duplicate's reporter
    assert duplicate.supporter_count == 0
    assert last_event(kept).action == EventAction.MERGED
    assert duplicate.number in last_event(duplicate).public_note or kept.number in last_event(duplicate).public_note
    with pytest.raises(TransitionNotAllowed):
        feedback_merge(duplicate=kept, into=kept, actor=agent)


def test_reply_note_and_question_reach_only_who_they_should(city, agent):
    ticket = FeedbackFactory(reporter_email="a@example.fi")
    feedback_support(feedback=ticket, email="b@example.fi")
    feedback_reply(feedback=ticket, actor=agent, text="Kiitos, katsomme asiaa.")
    feedback_note(feedback=ticket, actor=agent, text="Soitettu urakoitsijalle")
    feedback_request_info(feedback=ticket, actor=agent, question="Onko kuoppa ajoradalla vai pyörätiellä?")
    kinds = sorted(Notification.objects.filter(feedback=ticket).values_list("kind", "recipient"))
    assert kinds == [("info_request", "a@example.fi"), ("receipt", "a@example.fi"),
                     ("reply", "a@example.fi"), ("reply", "b@example.fi")]
    assert "Onko kuoppa" in Notification.objects.get(kind="info_request").body
    note = ticket.events.get(action=EventAction.NOTE)
    assert (note.public_note, note.internal_note) == ("", "Soitettu urakoitsijalle")
    with pytest.raises(FeedbackInvalid):
        feedback_reply(feedback=ticket, actor=agent, text="  ")


def test_asking_a_reporter_without_email_is_a_clear_error(city, agent):
    ticket = FeedbackFactory()
    with translation.override("fi"), pytest.raises(FeedbackInvalid) as raised:
        feedback_request_info(feedback=ticket, actor=agent, question="Missä tarkalleen?")
    assert "ei jättänyt sähköpostiosoitetta" in str(raised.value.message_dict["question"])
    assert not ticket.events.exclude(action=EventAction.CREATED).exists()


def test_redaction_replaces_the_text_and_hides_photos_without_keeping_the_original(city, agent):
    ticket = FeedbackFactory(description="Naapurini Matti Virtanen, puh 040 111 2222, jätti roskat tielle",
                             photos=[jpeg_with_gps()])
    photo = FeedbackPhoto.objects.get(feedback=ticket)
    feedback_redact(feedback=ticket, actor=agent, description="Joku jätti roskat tielle", hide_photos=[photo.pk])
    ticket.refresh_from_db()
    photo.refresh_from_db()
    assert ticket.description == "Joku jätti roskat tielle" and photo.is_public is False
    assert not Feedback.objects.filter(description__contains="Virtanen").exists()
    assert "Virtanen" not in str(list(ticket.events.values_list("details", "internal_note", "public_note")))
    with pytest.raises(FeedbackInvalid):
        feedback_redact(feedback=ticket, actor=agent, description="lyhyt")


def test_a_change_made_meanwhile_is_reported_not_overwritten(city, agent):
    ticket = FeedbackFactory()
    seen = ticket.version
    other = get_user_model().objects.create_user("toinen")
    feedback_route(feedback=Feedback.objects.get(pk=ticket.pk), department=Department.objects.get(code="sivistys"),
                   actor=other, seen_version=seen)
    with pytest.raises(ChangedMeanwhile) as raised:
        feedback_reply(feedback=ticket, actor=agent, text="Hoidettu", to_status=S.HANDLED, seen_version=seen)
    changes = raised.value.changes
    assert [(event.actor, event.to_status) for event in changes] == [(other, S.ROUTED)]
    ticket.refresh_from_db()
    assert ticket.status == S.ROUTED and ticket.events.count() == 2


def test_bulk_actions_are_all_or_nothing(city, agent):
    tickets = [FeedbackFactory() for _ in range(3)]
    closed = FeedbackFactory()
    feedback_transition(feedback=closed, to_status=S.HANDLED, actor=agent)
    sivistys = Department.objects.get(code="sivistys")
    assert feedback_bulk(tickets=tickets, action="route", department=sivistys, actor=agent) == 3
    assert set(Feedback.objects.filter(pk__in=[t.pk for t in tickets]).values_list("status", flat=True)) == {S.ROUTED}
    with pytest.raises(TransitionNotAllowed):
        feedback_bulk(tickets=[*tickets, closed], action="route", department=sivistys, actor=agent)
    assert Feedback.objects.get(pk=closed.pk).department.code == "kaupunkiymparisto"
    target = FeedbackFactory()
    feedback_bulk(tickets=tickets, action="merge", into=target, actor=agent)
    assert Feedback.objects.filter(merged_into=target).count() == 3
    spam = [FeedbackFactory() for _ in range(2)]
    feedback_bulk(tickets=spam, action="reject", actor=agent)
    assert not Feedback.objects.public().filter(pk__in=[t.pk for t in spam]).exists()
