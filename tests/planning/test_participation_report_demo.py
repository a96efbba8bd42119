"""The report's demo: two years of events and three years of targets, made once."""

from __future__ import annotations

import pytest
from django.utils import timezone

from planning.models import EventAttendance, ParticipationTarget
from planning.participation_report import ReportScope, report_figures
from planning.report_demo import EVENTS, TARGETS, demo_report_load

pytestmark = pytest.mark.django_db


def test_the_demo_makes_its_rows_once_and_this_years_report_meets_its_targets(city):
    lines = demo_report_load()
    assert len(lines) == 2
    this_year = timezone.localdate().year
    assert ParticipationTarget.objects.count() == 3 * len(TARGETS)
    assert EventAttendance.objects.filter(held_on__year=this_year - 1).count() == len(EVENTS)
    assert EventAttendance.objects.filter(held_on__year=this_year).exists()
    assert demo_report_load() == []  # a second load adds nothing
    assert ParticipationTarget.objects.count() == 3 * len(TARGETS)
    figures = report_figures(ReportScope(year=this_year, department=None))
    statuses = {row["key"]: row["status"] for row in figures["targets"]["comparison"]}
    assert statuses["event_participants"] in ("met", "not_met") and statuses["praise"] == "no_target"
    assert figures["targets"]["next_year"]
