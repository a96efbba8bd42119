"""The admin shows tickets and moves them only through the status service."""

from django.contrib.gis.geos import Point

from geo_feedback.models import Category, FeedbackEvent
from geo_feedback.services.feedback import feedback_create
from tests.geo_feedback.conftest import RAILWAY_STATION


def test_admin_action_moves_tickets_through_the_status_service(admin_client, admin_user, city):
    feedback = feedback_create(category=Category.objects.get(service_code="171"), kind="fault",
                               description="Kuoppa ajoradalla asemalla",
                               location=Point(*RAILWAY_STATION, srid=4326)).feedback
    assert admin_client.get("/admin/geo_feedback/feedback/").status_code == 200
    assert admin_client.get(f"/admin/geo_feedback/feedback/{feedback.pk}/change/").status_code == 200
    response = admin_client.post("/admin/geo_feedback/feedback/",
                                 {"action": "move_to_handled", "_selected_action": [feedback.pk]})
    assert response.status_code == 302
    feedback.refresh_from_db()
    assert feedback.status == "handled"
    event = FeedbackEvent.objects.filter(feedback=feedback).last()
    assert (event.from_status, event.to_status, event.actor) == ("received", "handled", admin_user)


def test_a_ticket_cannot_be_deleted_and_its_history_cannot_be_edited_in_the_admin(admin_client, city):
    feedback = feedback_create(category=Category.objects.get(service_code="171"), kind="fault",
                               description="Kuoppa ajoradalla asemalla",
                               location=Point(*RAILWAY_STATION, srid=4326)).feedback
    change = admin_client.get(f"/admin/geo_feedback/feedback/{feedback.pk}/change/").content.decode()
    assert f"/admin/geo_feedback/feedback/{feedback.pk}/delete/" not in change  # no delete link
    assert 'name="events-0-public_note"' not in change and 'name="events-0-action"' not in change
    assert admin_client.get(f"/admin/geo_feedback/feedback/{feedback.pk}/delete/").status_code == 403
    listing = admin_client.get("/admin/geo_feedback/feedback/").content.decode()
    assert 'value="delete_selected"' not in listing
    admin_client.post("/admin/geo_feedback/feedback/", {"action": "delete_selected", "_selected_action": [feedback.pk],
                                                        "post": "yes"})
    assert FeedbackEvent.objects.filter(feedback=feedback).exists()
    feedback.refresh_from_db()  # still there
