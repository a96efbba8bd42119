"""The participation report's page (choice, progress, report with charts, tables and maps), its PDF and
its CSV of every figure."""

from __future__ import annotations

import csv
import io

import pytest
from django.test import Client
from django.utils import timezone
from pypdf import PdfReader

from city.seed import CITY_ENVIRONMENT
from planning.models import ParticipationReport, ReportStatus
from planning.participation_report import ReportScope, report_figures, report_fingerprint
from tests.planning import test_participation_report as fixed

YEAR = fixed.YEAR
departments, world = fixed.departments, fixed.world  # the fixed data set of 2025, as fixtures here too

pytestmark = pytest.mark.django_db
PAGE = "/osallistumisraportti/"


def done_report(department, year: int = YEAR) -> ParticipationReport:
    """The report as the job leaves it, made here without a worker."""
    figures = report_figures(ReportScope(year=year, department=department))
    return ParticipationReport.objects.create(year=year, department=department, status=ReportStatus.DONE,
                                              progress=100, figures=figures, fingerprint=report_fingerprint())


def test_the_page_opens_on_this_years_report_of_the_whole_city():
    answer = Client().get(PAGE)
    assert answer.status_code == 200
    page = answer.content.decode()
    assert 'name="year"' in page and 'name="department"' in page
    report = ParticipationReport.objects.get()
    assert report.year == timezone.localdate().year and report.department is None
    assert f'<option value="{report.year}" selected>' in page


def test_a_bad_choice_is_told_at_the_field():
    answer = Client().get(PAGE, {"year": "1812", "department": "kuu"})
    assert answer.status_code == 400
    page = answer.content.decode()
    assert page.count('aria-invalid="true"') == 2
    assert 'id="id_year-error"' in page and 'id="id_department-error"' in page


def test_the_progress_while_computing(world):
    ParticipationReport.objects.create(year=YEAR, department=world["environment"], status=ReportStatus.RUNNING,
                                       progress=57, step="panels")
    page = Client().get(PAGE, {"year": YEAR, "department": CITY_ENVIRONMENT}).content.decode()
    assert 'data-api-url="/api/v1/participation-report/2025/?department=kaupunkiymparisto&amp;lang=fi"' in page
    assert "js/participation-report.js" in page and 'http-equiv="refresh"' not in page
    assert 'value="57"' in page and 'aria-live="polite"' in page
    assert "57 %" in page and ("Paneelit" in page or "Panels" in page)  # the step being computed


def test_the_report_with_charts_tables_and_maps(world):
    done_report(None)
    answer = Client().get(PAGE, {"year": YEAR, "department": ""})
    assert answer.status_code == 200
    page = answer.content.decode()
    assert "participation-report.js" not in page
    for table in ("feedback-kinds", "feedback-categories", "feedback-areas", "plans-phases", "plans-groups",
                  "plans-ages", "budget-0", "panels-list", "events-list", "targets-comparison", "targets-next"):
        assert f'id="{table}"' in page, table
    assert page.count('class="pr-chart"') >= 8
    # The budget's map (voters' share) and the feedback map, in frames with titles, Leaflet from our files.
    assert 'id="map-budget-0"' in page and 'id="map-feedback"' in page
    assert page.count('<iframe class="pr-map-frame"') == 2 and "title=" in page
    assert "cdn.jsdelivr" not in page and "unpkg.com" not in page and "cdnjs" not in page
    assert "/static/vendor/leaflet/leaflet.js" in page
    assert 'id="pr-figure-feedback-received">' in page


def test_the_csv_holds_every_figure(world):
    done_report(world["environment"])
    answer = Client().get(f"{PAGE}csv/", {"year": YEAR, "department": CITY_ENVIRONMENT})
    assert answer.status_code == 200 and answer["Content-Type"].startswith("text/csv")
    text = b"".join(answer.streaming_content).decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(text)))
    assert rows[0] == ["section", "figure", "key", "value", "label"]
    figures = {(section, figure, key): value for section, figure, key, value, _label in rows[1:]}
    assert figures[("feedback", "received", "")] == "4"
    assert figures[("feedback", "median_days", "")] == "4.0"
    assert figures[("panels", "members", "")] == "3"
    assert figures[("events", "participants", "")] == "42"
    assert figures[("plans", "plans-groups.count", "residents")] == "2"
    assert figures[("plans", "plans-ages.count", "13_17")] == "1"
    assert figures[("targets", "status", "feedback_received")] == "met"
    assert figures[("targets", "status", "handling_median_days")] == "not_met"
    assert figures[("targets", "targets-comparison.target", "event_participants")] == "50.0"


def test_the_pdf_is_made_from_the_same_template(world):
    done_report(world["environment"])
    answer = Client().get(f"{PAGE}pdf/", {"year": YEAR, "department": CITY_ENVIRONMENT})
    assert answer.status_code == 200 and answer["Content-Type"] == "application/pdf"
    assert answer.content.startswith(b"%PDF")
    text = " ".join(page.extract_text() for page in PdfReader(io.BytesIO(answer.content)).pages)
    assert "Asukasilta" in text and "Kävely" in text  # the events' table
    assert "Liikennepaneeli" in text  # the panels' table


def test_the_pdf_and_csv_wait_for_the_report(world):
    answer = Client().get(f"{PAGE}csv/", {"year": YEAR, "department": CITY_ENVIRONMENT})
    assert answer.status_code == 302 and answer["Location"].startswith(PAGE)
    assert Client().get(f"{PAGE}pdf/", {"year": "x"}).status_code == 400


def test_a_ready_report_page_takes_few_queries(world, django_assert_max_num_queries):
    done_report(None)
    client = Client()
    client.get(PAGE, {"year": YEAR, "department": ""})
    with django_assert_max_num_queries(12):  # the same however many rows
        assert client.get(PAGE, {"year": YEAR, "department": ""}).status_code == 200
