"""GET /api/v1/participation-report/{year}/: 202 with the progress while computing, 200 with the figures,
400 naming the field for a bad year or an unknown department; the answers match the OpenAPI schema."""

from __future__ import annotations

import pytest
from django.test import Client

from city.seed import CITY_ENVIRONMENT, WELLBEING_COUNTY, departments_seed
from planning.models import ParticipationReport, ReportStatus
from tests.factories.feedback import jobs_clear, jobs_run

pytestmark = pytest.mark.django_db
URL = "/api/v1/participation-report/{}/"


@pytest.fixture
def queue():
    jobs_clear()
    yield
    jobs_clear()


def test_202_while_computing_then_200_with_the_figures(queue, django_capture_on_commit_callbacks):
    departments_seed()
    client = Client()
    with django_capture_on_commit_callbacks(execute=True):
        pending = client.get(URL.format(2025), {"department": CITY_ENVIRONMENT})
    assert pending.status_code == 202
    assert pending["Retry-After"] == "3"
    assert pending.json() == {"status": "queued", "progress": 0, "step": ""}
    assert jobs_run() == {"finished": 1, "failed": 0}
    ready = client.get(URL.format(2025), {"department": CITY_ENVIRONMENT})
    assert ready.status_code == 200
    body = ready.json()
    assert (body["status"], body["year"], body["department"]) == ("done", 2025, CITY_ENVIRONMENT)
    assert body["feedback"]["received"] == 0 and body["budget"]["applies"] is False
    assert "@" not in ready.content.decode()  # no address of anyone


def test_a_running_report_says_how_far_it_is():
    departments_seed()
    ParticipationReport.objects.create(year=2024, department=None, status=ReportStatus.RUNNING, progress=43,
                                       step="panels")
    answer = Client().get(URL.format(2024))
    assert answer.status_code == 202
    assert answer.json() == {"status": "running", "progress": 43, "step": "panels"}


@pytest.mark.parametrize(("year", "query", "field"), [
    ("1999", {}, "year"), ("abc", {}, "year"), ("3000", {}, "year"), ("99999999999999999999", {}, "year"),
    ("2025", {"department": "no-such"}, "department"), ("2025", {"department": WELLBEING_COUNTY}, "department"),
])
def test_400_names_the_field(year, query, field):
    departments_seed()
    answer = Client().get(URL.format(year), {**query, "lang": "en"})
    assert answer.status_code == 400
    assert list(answer.json()) == [field] and answer.json()[field][0]
    assert not ParticipationReport.objects.exists()


def test_in_the_openapi_schema():
    schema = Client().get("/api/v1/schema/?format=json").json()
    operation = schema["paths"]["/api/v1/participation-report/{year}/"]["get"]
    assert set(operation["responses"]) == {"200", "202", "400", "404"}  # 404: the rule for every path parameter
    assert "Retry-After" in operation["responses"]["202"]["headers"]
