"""Feedback figures by area for the planning map: an area's public reports of the last 12 months (its
inner areas' included), still open, handled, and the median days to handle; and the map's layer of a
point per area with its counts, in one statement whatever the number of reports."""

from datetime import timedelta

import pytest
from django.utils import timezone

from geo_feedback.models import Feedback, FeedbackEvent
from geo_feedback.selectors import feedback_area_figures, feedback_figures_by_area_geojson
from geo_feedback.services.feedback import feedback_transition
from geo_feedback.statuses import FeedbackStatus
from tests.factories.feedback import POINTS, FeedbackFactory, point

pytestmark = pytest.mark.django_db


def _received_days_ago(feedback: Feedback, days: float) -> None:
    Feedback.objects.filter(pk=feedback.pk).update(created_at=timezone.now() - timedelta(days=days))


def _handled_after(days_received: float, days_to_handle: float) -> Feedback:
    feedback = FeedbackFactory(location=point(POINTS["60100"]))
    feedback_transition(feedback=feedback, to_status=FeedbackStatus.HANDLED, public_note="Korjattu.")
    _received_days_ago(feedback, days_received)
    FeedbackEvent.objects.filter(feedback=feedback, to_status=FeedbackStatus.HANDLED).update(
        created_at=timezone.now() - timedelta(days=days_received - days_to_handle))
    return feedback


@pytest.fixture
def reports(city):
    _handled_after(10, 2)
    _handled_after(20, 6)
    FeedbackFactory(location=point(POINTS["60100"]))  # still open
    spam = FeedbackFactory(location=point(POINTS["60100"]))
    feedback_transition(feedback=spam, to_status=FeedbackStatus.REJECTED, internal_note="roskaa")  # never public
    _received_days_ago(FeedbackFactory(location=point(POINTS["60100"])), 400)  # older than a year
    FeedbackFactory(location=point(POINTS["60550"]))  # another area (Nurmo)


def test_an_areas_figures_count_the_public_reports_of_the_year_and_the_median_days_to_handle(
        reports, django_assert_num_queries):
    with django_assert_num_queries(1):
        figures = feedback_area_figures("60100")
    assert (figures.days, figures.received, figures.open, figures.handled) == (365, 3, 1, 2)
    assert figures.median_days_to_handle == 4.0  # 2 and 6 days


def test_a_larger_area_counts_the_reports_of_the_areas_inside_it(reports):
    figures = feedback_area_figures("SJK")  # the whole city
    assert (figures.received, figures.open, figures.handled) == (4, 2, 2)


def test_an_area_without_reports_has_zeros_and_an_unknown_area_none(reports):
    quiet = feedback_area_figures("61400")
    assert (quiet.received, quiet.open, quiet.handled, quiet.median_days_to_handle) == (0, 0, 0, None)
    assert feedback_area_figures("no-such-area") is None


def test_the_layer_is_a_point_per_area_with_its_counts_in_wgs84(reports, django_assert_num_queries):
    import json

    with django_assert_num_queries(1):
        layer = json.loads(feedback_figures_by_area_geojson(language="sv"))
    by_code = {feature["id"]: feature for feature in layer["features"]}
    assert set(by_code) == {"60100", "60550"}
    assert by_code["60100"]["properties"] | {"name": ""} == {"code": "60100", "name": "", "received": 3, "open": 1,
                                                            "handled": 2}
    lon, lat = by_code["60100"]["geometry"]["coordinates"]
    assert 22.7 < lon < 23.0 and 62.7 < lat < 62.9

