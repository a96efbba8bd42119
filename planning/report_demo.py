"""Two years of the participation report's own figures: events' participants and targets (issue #15).

Events of last year and this year (only days already past) for three departments and the whole city, and
targets for last year, this year and next year, so that this year's report compares its figures with the
targets set for it and lists next year's. The rest of the report reads the other demos' data: the feedback
demo covers only the last twelve months, so last year's feedback figures hold only its last weeks.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from django.utils import timezone

from city.models import Area, Department
from city.seed import CITY_ENVIRONMENT, EDUCATION_WELLBEING, GROUP_SERVICES
from planning.models import EventAttendance, ParticipationMetric, ParticipationTarget
from planning.services.participation_reports import event_attendance_create, participation_target_set

M = ParticipationMetric
CITY = None

# (department code or None, name, month, day, participants); each is made for last year and this year, this
# year's a little bigger (when the day is already past). The city-wide events are held in the centre.
EVENTS = [
    (CITY_ENVIRONMENT, "Asukasilta Kapernaumin asemakaavasta", 2, 12, 64),
    (CITY_ENVIRONMENT, "Kävelykierros Pohjan alueella: kaavan luonnos", 5, 20, 38),
    (CITY_ENVIRONMENT, "Pyöräilyreittien työpaja", 9, 9, 27),
    (EDUCATION_WELLBEING, "Nuorisovaltuuston kuuleminen koulupihoista", 3, 15, 41),
    (EDUCATION_WELLBEING, "Kirjaston kehittäjäryhmän tapaaminen", 10, 2, 17),
    (GROUP_SERVICES, "Kaupunkistrategian asukaskahvit", 4, 8, 85),
    (CITY, "Osallisuusviikon avoimet ovet kaupungintalolla", 10, 24, 140),
]

# (department code or None, metric, targets for last year, this year and next year).
TARGETS = [
    (CITY_ENVIRONMENT, M.FEEDBACK_HANDLED, (150, 300, 320)),
    (CITY_ENVIRONMENT, M.HANDLING_MEDIAN_DAYS, (10, 7, 6)),
    (CITY_ENVIRONMENT, M.PLAN_COMMENTS, (40, 80, 100)),
    (CITY_ENVIRONMENT, M.EVENT_PARTICIPANTS, (100, 150, 160)),
    (EDUCATION_WELLBEING, M.PRAISE, (5, 15, 20)),
    (EDUCATION_WELLBEING, M.EVENT_PARTICIPANTS, (50, 70, 80)),
    (EDUCATION_WELLBEING, M.PANEL_MEMBERS, (20, 30, 40)),
    (GROUP_SERVICES, M.EVENT_PARTICIPANTS, (60, 90, 100)),
    (CITY, M.FEEDBACK_RECEIVED, (200, 400, 420)),
    (CITY, M.BUDGET_VOTERS, (0, 150, 300)),
    (CITY, M.PANEL_MESSAGES, (2, 5, 8)),
    (CITY, M.EVENT_PARTICIPANTS, (300, 500, 550)),
]
NOTE = "Demo: tavoite asetettu edellisen vuoden raportin pohjalta."


def demo_report_load(*, actor=None) -> list[str]:
    """Make the demo's part (only when it is not there yet); the lines to print, one per thing made."""
    departments = {d.code: d for d in Department.objects.filter(
        code__in=[CITY_ENVIRONMENT, EDUCATION_WELLBEING, GROUP_SERVICES])}
    if len(departments) < 3:
        return []
    today = timezone.localdate()
    this_year = today.year
    centre = Area.objects.filter(name_fi__iexact="Seinäjoki Keskus").first()
    events = 0
    for code, name, month, day, participants in EVENTS:
        department = departments[code] if code else None
        for year, count in ((this_year - 1, participants), (this_year, participants + participants // 5)):
            held_on = date(year, month, day)
            if held_on > today or EventAttendance.objects.filter(name=name, held_on=held_on,
                                                                 department=department).exists():
                continue
            event_attendance_create(department=department, name=name, held_on=held_on, participants=count,
                                    area=centre if code is CITY else None, actor=actor)
            events += 1
    targets = 0
    for code, metric, values in TARGETS:
        department = departments[code] if code else None
        for year, value in zip((this_year - 1, this_year, this_year + 1), values, strict=True):
            if ParticipationTarget.objects.filter(department=department, year=year, metric=metric).exists():
                continue
            participation_target_set(department=department, year=year, metric=metric, value=Decimal(value),
                                     note=NOTE, actor=actor)
            targets += 1
    lines = []
    if events:
        lines.append(f"Participation report: {events} events' participants for {this_year - 1} and {this_year}")
    if targets:
        lines.append(f"Participation report: {targets} targets for {this_year - 1}–{this_year + 1} "
                     "(the feedback demo covers only the last twelve months: last year's feedback figures are partial)")
    return lines
