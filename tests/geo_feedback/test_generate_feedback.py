"""generate_feedback: the synthetic reports the benchmarks stand on are valid rows of the real model."""

import io

import pytest
from django.core.management import CommandError, call_command
from django.db import connection

from geo_feedback.models import Feedback
from geo_feedback.statuses import FeedbackStatus


def generate(*args, **options) -> str:
    out = io.StringIO()
    call_command("generate_feedback", *args, stdout=out, **options)
    return out.getvalue()


def test_reports_are_generated_in_batches_inside_their_areas_and_deleted_again(city, settings, client):
    settings.DEBUG = True
    output = generate("250", batch=100)
    assert "250 / 250 reports" in output and "Done: 250 BENCH- reports" in output
    reports = Feedback.objects.filter(number__startswith="BENCH-")
    assert reports.count() == 250
    assert set(reports.values_list("status", flat=True)) <= set(FeedbackStatus.values)
    assert set(reports.values_list("version", flat=True)) == {1}
    with connection.cursor() as cursor:  # every point lies in the area it is filed under
        cursor.execute("""SELECT count(*) FROM geo_feedback_feedback f JOIN city_area a ON a.id = f.area_id
                          WHERE f.number LIKE 'BENCH-%%' AND ST_Covers(a.boundary, f.location)""")
        assert cursor.fetchone()[0] == 250
    # They are ordinary public reports: the map lists them, and a generated one opens.
    assert client.get("/api/v1/feedback/?limit=5").json()["features"]
    assert client.get(f"/api/v1/feedback/{reports.exclude(status='rejected').first().number}/").status_code == 200

    assert "Done: 300 BENCH- reports" in generate("50")  # numbering continues
    assert "Deleted 300 BENCH- reports" in generate(delete=True)
    assert not Feedback.objects.filter(number__startswith="BENCH-").exists()


def test_production_is_refused_without_force(city, settings):
    settings.DEBUG = False
    with pytest.raises(CommandError, match="DEBUG is false"):
        generate("10")
    assert "Done: 10" in generate("10", force=True)


def test_a_bad_count_is_refused(city, settings):
    settings.DEBUG = True
    with pytest.raises(CommandError, match="N must be 0 or more"):
        generate("-1")
