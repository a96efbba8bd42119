"""generate_feedback: the synthetic reports the benchmarks stand on are valid rows of the real model."""

import io

import pytest
from django.core.management import CommandError, call_command
from django.db import connection

from geo_feedback.models import EventAction, Feedback, FeedbackEvent, FeedbackPhoto
from geo_feedback.statuses import FeedbackStatus
from tests.pg_stats import analyze_count

FILLED = ("geo_feedback_feedback", "geo_feedback_feedbackevent", "geo_feedback_feedbackphoto")


def generate(*args, **options) -> str:
    out = io.StringIO()
    call_command("generate_feedback", *args, stdout=out, **options)
    return out.getvalue()


def test_reports_are_generated_in_batches_inside_their_areas_and_deleted_again(city, settings, client):
    settings.DEBUG = True
    events, photos = FeedbackEvent.objects.count(), FeedbackPhoto.objects.count()
    output = generate("250", batch=100)
    assert "250 / 250 reports" in output and "Done: 250 BENCH- reports" in output
    reports = Feedback.objects.filter(number__startswith="BENCH-")
    assert reports.count() == 250
    assert set(reports.values_list("status", flat=True)) <= set(FeedbackStatus.values)
    assert set(reports.filter(status="received").values_list("version", flat=True)) == {1}
    assert set(reports.exclude(status="received").values_list("version", flat=True)) == {2}
    assert not reports.filter(address_text="").exists()
    with connection.cursor() as cursor:  # every point lies in the area it is filed under
        cursor.execute("""SELECT count(*) FROM geo_feedback_feedback f JOIN city_area a ON a.id = f.area_id
                          WHERE f.number LIKE 'BENCH-%%' AND ST_Covers(a.boundary, f.location)""")
        assert cursor.fetchone()[0] == 250
    # They are ordinary public reports: the map lists them, and a generated one opens.
    assert client.get("/api/v1/feedback/?limit=5").json()["features"]
    assert client.get(f"/api/v1/feedback/{reports.exclude(status='rejected').first().number}/").status_code == 200

    assert "Done: 300 BENCH- reports" in generate("50")  # numbering continues
    assert FeedbackEvent.objects.filter(feedback__number__startswith="BENCH-").count() > 300
    assert FeedbackPhoto.objects.filter(feedback__number__startswith="BENCH-").exists()
    assert "Deleted 300 BENCH- reports" in generate(delete=True)
    assert not Feedback.objects.filter(number__startswith="BENCH-").exists()
    assert (FeedbackEvent.objects.count(), FeedbackPhoto.objects.count()) == (events, photos)


def test_reports_have_the_history_and_photos_the_services_would_have_written(city, settings, client):
    settings.DEBUG = True
    before = {table: analyze_count(table) for table in FILLED}
    assert "2,000 / 2,000 reports" in generate("2000")
    assert {table: analyze_count(table) for table in FILLED} == {table: count + 1 for table, count in before.items()}
    with connection.cursor() as cursor:
        # Each report: one creation event as feedback_create writes it, at the report's creation.
        cursor.execute("""
            SELECT count(*) FILTER (WHERE e.from_status = '' AND e.to_status = 'received' AND e.version = 1
                                    AND e.details = jsonb_build_object('channel', f.channel)
                                    AND e.created_at = f.created_at AND e.actor_id IS NULL),
                   count(DISTINCT f.id), count(*)
            FROM geo_feedback_feedback f JOIN geo_feedback_feedbackevent e ON e.feedback_id = f.id
            WHERE f.number LIKE 'BENCH-%%' AND e.action = 'created'""")
        assert cursor.fetchone() == (2000, 2000, 2000)
        # One that moved on: one status event from "received" to its status, its version, at its last change.
        cursor.execute("""
            SELECT count(*) FILTER (WHERE e.id IS NULL), count(*) FILTER (WHERE e.id IS NOT NULL),
                   count(*) FILTER (WHERE e.from_status = 'received' AND e.to_status = f.status
                                    AND e.version = f.version AND e.created_at = f.status_changed_at
                                    AND e.created_at = f.updated_at AND f.created_at <= f.updated_at
                                    AND f.updated_at <= now())
            FROM geo_feedback_feedback f
            LEFT JOIN geo_feedback_feedbackevent e ON e.feedback_id = f.id AND e.action <> 'created'
            WHERE f.number LIKE 'BENCH-%%'""")
        unchanged, moved, consistent = cursor.fetchone()
    reports = Feedback.objects.filter(number__startswith="BENCH-")
    assert unchanged == reports.filter(status="received").count() > 0
    assert moved == consistent == reports.exclude(status="received").count()
    status_events = FeedbackEvent.objects.filter(feedback__in=reports, action=EventAction.STATUS)
    handled = status_events.filter(to_status="handled")
    assert 0.7 < handled.exclude(public_note="").count() / handled.count() < 0.95
    assert not status_events.filter(to_status="rejected", public_note__gt="").exists()  # never shown anyway
    assert 0.1 < status_events.exclude(internal_note="").count() / status_events.count() < 0.4
    photos = FeedbackPhoto.objects.filter(feedback__in=reports)
    assert 0.03 < photos.count() / 2000 < 0.07
    assert photos.values("feedback").distinct().count() == photos.count()
    assert all(photo.is_public and photo.position == 0 and photo.image.name.startswith("feedback/bench/")
               and photo.thumbnail.name and photo.created_at == photo.feedback.created_at
               for photo in photos.select_related("feedback"))
    # The Open311 list shows what a real city's would: notes, photos and addresses.
    shown = client.get("/open311/v2/requests.json?locale=fi").json()
    assert len(shown) > 100
    assert all(request["address"] for request in shown)
    assert sum(bool(request["status_notes"]) for request in shown) > len(shown) / 2
    assert any(request["media_url"] for request in shown)


def test_production_is_refused_without_force(city, settings):
    settings.DEBUG = False
    with pytest.raises(CommandError, match="DEBUG is false"):
        generate("10")
    assert "Done: 10" in generate("10", force=True)


def test_a_bad_count_is_refused(city, settings):
    settings.DEBUG = True
    with pytest.raises(CommandError, match="N must be 0 or more"):
        generate("-1")
