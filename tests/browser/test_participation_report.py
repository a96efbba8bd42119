"""The yearly participation report as its readers use it: choose a year and the whole city, watch the job's
progress while a worker computes the figures, read a table, download the CSV; and a participation agent
enters an event's participants on the staff page."""

from __future__ import annotations

import csv
import io
import re

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from planning.models import ReportStatus
from planning.report_demo import demo_report_load
from tests.browser.test_staff_pages import sign_in, staff  # noqa: F401 (a fixture)
from tests.factories.feedback import jobs_clear, jobs_run


@pytest.fixture
def queue():
    jobs_clear()
    yield
    jobs_clear()


def test_choose_a_year_wait_for_the_job_read_a_table_and_download_the_csv(page, live_server, city, queue,
                                                                          axe_check):
    from planning.models import ParticipationReport

    demo_report_load()
    year = timezone.localdate().year
    page.goto(f"{live_server.url}/osallistumisraportti/")  # opens on this year's report of the whole city
    expect(page.locator("#pr-progress")).to_be_visible()
    axe_check(page)
    assert ParticipationReport.objects.get(year=year, department=None).status == ReportStatus.QUEUED
    page.locator("#id_year").select_option(str(year - 1))
    page.locator("#id_department").select_option("")
    page.locator("#pr-show").click()
    # The job is queued: the page shows its progress and updates itself.
    expect(page.locator("#pr-progress")).to_be_visible()
    expect(page.locator("#pr-progress-bar")).to_be_visible()
    axe_check(page)
    assert ParticipationReport.objects.get(year=year - 1, department=None).status == ReportStatus.QUEUED
    assert jobs_run() == {"finished": 2, "failed": 0}  # the worker computes both
    # The page's own refresh brings the report.
    expect(page.locator("#events-list")).to_be_visible(timeout=15_000)
    expect(page.locator("#pr-figure-events-participants")).to_have_text("412")  # last year's demo events
    row = page.locator("#events-list tbody tr").filter(has_text="Osallisuusviikon avoimet ovet")
    expect(row.locator("td")).to_have_text("140")
    expect(page.locator("iframe.pr-map-frame").first).to_have_attribute("title", re.compile(r"\S"))
    axe_check(page)
    with page.expect_download() as download_info:
        page.locator("#pr-download-csv").click()
    text = open(download_info.value.path(), encoding="utf-8-sig").read()
    rows = list(csv.reader(io.StringIO(text)))
    assert rows[0] == ["section", "figure", "key", "value", "label"]
    figures = {(section, figure, key): value for section, figure, key, value, _label in rows[1:]}
    assert figures[("events", "participants", "")] == "412"
    assert figures[("report", "year", "")] == str(year - 1)


def test_an_agent_enters_an_events_participants(page, live_server, staff, axe_check):  # noqa: F811
    sign_in(page, live_server.url, "osallisuus")
    page.goto(f"{live_server.url}/henkilosto/osallistumisraportti/")
    axe_check(page)
    page.locator("#event-save").click()  # nothing filled in
    expect(page.locator("#id_event-name-error")).to_be_visible()
    axe_check(page)
    page.locator("#id_event-name").fill("Asukasilta kirjastolla")
    page.locator("#id_event-held_on").fill(timezone.localdate().isoformat())
    page.locator("#id_event-participants").fill("23")
    page.locator("#event-save").click()
    row = page.locator("#events tbody tr").filter(has_text="Asukasilta kirjastolla")
    expect(row.locator("td.num")).to_have_text("23")
