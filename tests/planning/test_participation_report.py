"""The participation report's figures against hand-computed values on a small fixed data set of 2025,
the cache (served until the data changes) and the job's progress."""

from __future__ import annotations

import secrets
from datetime import date, datetime, timedelta
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest
from django.contrib.contenttypes.models import ContentType

from city.models import AreaKind, Department, Notification
from city.seed import CITY_ENVIRONMENT, EDUCATION_WELLBEING, departments_seed
from geo_feedback.models import Feedback, FeedbackEvent, FeedbackKind
from geo_feedback.services.feedback import feedback_transition
from geo_feedback.statuses import FeedbackStatus
from planning.models import (
    AgeBand,
    Ballot,
    BudgetAllocation,
    BudgetRound,
    Comment,
    CommentStatus,
    EventAttendance,
    PanelAction,
    PanelEvent,
    PanelMember,
    PanelMessage,
    ParticipationMetric,
    ParticipationReport,
    ParticipationTarget,
    Process,
    ReportStatus,
    StakeholderGroup,
)
from planning.participation_report import ReportScope, report_figures, report_fingerprint
from planning.services.participation_reports import (
    participation_report_compute,
    participation_report_request,
    participation_target_set,
)
from tests.factories.areas import AreaFactory, square
from tests.factories.feedback import FeedbackFactory, jobs_clear, jobs_run
from tests.factories.panel_messages import panel_make
from tests.factories.processes import process_make

pytestmark = pytest.mark.django_db

HELSINKI = ZoneInfo("Europe/Helsinki")
YEAR = 2025


def at(*args) -> datetime:
    return datetime(*args, tzinfo=HELSINKI)


def ticket(created: datetime, *, kind=FeedbackKind.FAULT, handled_after: timedelta | None = None,
           status: str | None = None) -> Feedback:
    """A ticket received at ``created``; handled ``handled_after`` later (the event's time moved there)."""
    feedback = FeedbackFactory(kind=kind)
    Feedback.objects.filter(pk=feedback.pk).update(created_at=created)
    if handled_after is not None:
        feedback_transition(feedback=feedback, to_status=FeedbackStatus.HANDLED, notify=False)
        FeedbackEvent.objects.filter(feedback=feedback, to_status=FeedbackStatus.HANDLED).update(
            created_at=created + handled_after)
    if status is not None:
        feedback_transition(feedback=feedback, to_status=status, notify=False)
    return feedback


@pytest.fixture
def departments(city) -> dict[str, Department]:
    return departments_seed()


@pytest.fixture
def world(departments):
    """The fixed data set of 2025 (and a few rows of 2024 and 2026 that must not count)."""
    environment, education = departments[CITY_ENVIRONMENT], departments[EDUCATION_WELLBEING]
    # Feedback of the city environment (category 171): handled after 2, 4 and 10 days, one open.
    ticket(at(2025, 3, 1, 10), handled_after=timedelta(days=2))
    ticket(at(2025, 4, 1, 10), kind=FeedbackKind.IDEA, handled_after=timedelta(days=4))
    ticket(at(2025, 5, 1, 10), kind=FeedbackKind.PRAISE, handled_after=timedelta(days=10))
    ticket(at(2025, 6, 1, 10))
    ticket(at(2024, 12, 31, 23), handled_after=timedelta(days=1))  # last year's
    ticket(at(2025, 7, 1, 10), status=FeedbackStatus.REJECTED)  # spam: never counted

    # A zoning plan of the city environment, and one made after the year (not counted).
    plan = process_make(name_fi="Kaavan testi")
    Process.objects.filter(pk=plan.pk).update(created_at=at(2025, 1, 10, 9))
    later = process_make(name_fi="Myöhempi kaava")
    Process.objects.filter(pk=later.pk).update(created_at=at(2026, 2, 1, 9))

    def comment(group: str, band: str, when: datetime, status=CommentStatus.PUBLISHED, process=plan):
        Comment.objects.create(process=process, phase=1, text="Kommentti.", group=group, age_band=band,
                               status=status, created_at=when)

    comment(StakeholderGroup.RESIDENTS, AgeBand.AGE_30_64, at(2025, 2, 1, 12))
    comment(StakeholderGroup.RESIDENTS, AgeBand.AGE_13_17, at(2025, 2, 2, 12))
    comment(StakeholderGroup.BUSINESSES, AgeBand.AGE_30_64, at(2025, 2, 3, 12))
    comment("", "", at(2025, 2, 4, 12))
    comment(StakeholderGroup.RESIDENTS, AgeBand.AGE_30_64, at(2025, 2, 5, 12), status=CommentStatus.HIDDEN)
    comment(StakeholderGroup.RESIDENTS, AgeBand.AGE_30_64, at(2024, 12, 5, 12))  # last year's

    # A resident-budget round voted in 2025 in two budget areas, and one voted in 2026.
    east = AreaFactory(code="TB-ITA", name_fi="Itä", kind=AreaKind.BUDGET_AREA, boundary=square(290_000, 6_960_000, 5000))
    west = AreaFactory(code="TB-LANSI", name_fi="Länsi", kind=AreaKind.BUDGET_AREA,
                       boundary=square(280_000, 6_960_000, 5000), population=800)
    voted = BudgetRound.objects.create(year=2025, name_fi="Asukasbudjetti 2025", total=100_000, city_wide=0,
                                       rounding_step=1000, voting_start=date(2025, 3, 1), voting_end=date(2025, 3, 31))
    BudgetAllocation.objects.create(round=voted, area=east, population=1000, computed_amount=50_000)
    BudgetAllocation.objects.create(round=voted, area=west, population=500, computed_amount=50_000)
    for number, area in enumerate([east, east, east, west]):
        Ballot.objects.create(round=voted, voter_key=f"avain-{number}", area=area, receipt_code=f"KUITTI{number}")
    next_round = BudgetRound.objects.create(year=2026, name_fi="Asukasbudjetti 2026", total=100_000, city_wide=0,
                                            rounding_step=1000, voting_start=date(2026, 3, 1),
                                            voting_end=date(2026, 3, 31))
    Ballot.objects.create(round=next_round, voter_key="avain-x", area=east, receipt_code="KUITTIX")

    # A panel of the city environment: members in and out across the year's end.
    panel = panel_make("Liikennepaneeli", department=environment)
    panel.__class__.objects.filter(pk=panel.pk).update(created_at=at(2024, 1, 1, 9))

    def member(email: str, confirmed_at: datetime | None = None) -> PanelMember:
        return PanelMember.objects.create(panel=panel, email=email, token=secrets.token_urlsafe(16),
                                          confirmed_at=confirmed_at)

    def event(number: int, action: str, when: datetime) -> None:
        PanelEvent.objects.create(panel=panel, action=action, member_number=number, created_at=when)

    a, b, c = member("a@example.org", at(2024, 5, 1, 9)), member("b@example.org"), member("c@example.org")
    event(a.pk, PanelAction.JOINED, at(2024, 5, 1, 8))
    event(a.pk, PanelAction.CONFIRMED, at(2024, 5, 1, 9))  # in since 2024
    event(b.pk, PanelAction.CONFIRMED, at(2025, 2, 1, 9))
    event(b.pk, PanelAction.LEFT, at(2025, 10, 1, 9))  # out before the year's end
    event(c.pk, PanelAction.ADDED, at(2025, 12, 20, 9))
    event(c.pk, PanelAction.LEFT, at(2026, 1, 5, 9))  # left only after the year's end: in
    event(991, PanelAction.JOINED, at(2025, 11, 1, 9))  # never confirmed: not a member
    member("e@example.org", at(2025, 6, 1, 9))  # no history: counted by its confirmation
    member("f@example.org", at(2026, 2, 1, 9))  # confirmed after the year
    messages = []
    for when in (at(2025, 4, 1, 9), at(2025, 9, 1, 9), at(2024, 9, 1, 9)):
        message = PanelMessage.objects.create(panel=panel, kind="newsletter", subject="Uutiskirje", body="Teksti.",
                                              created_at=when)
        messages.append(message)
    message_type = ContentType.objects.get_for_model(PanelMessage)
    for sent in (True, True, False):
        Notification.objects.create(about_type=message_type, about_id=messages[0].pk, kind="panel_message",
                                    recipient="x@example.org", subject="s", body="b",
                                    sent_at=at(2025, 4, 1, 10) if sent else None)
    other = panel_make("Nuorisovaltuusto", kind="council", department=education)
    other.__class__.objects.filter(pk=other.pk).update(created_at=at(2024, 1, 1, 9))
    council_member = PanelMember.objects.create(panel=other, email="n@example.org", token="n-token")
    PanelEvent.objects.create(panel=other, action=PanelAction.ADDED, member_number=council_member.pk,
                              created_at=at(2025, 1, 1, 9))

    # Events' participants.
    EventAttendance.objects.create(department=environment, name="Asukasilta", held_on=date(2025, 5, 5), participants=30)
    EventAttendance.objects.create(department=environment, name="Kävely", held_on=date(2025, 9, 9), participants=12)
    EventAttendance.objects.create(department=environment, name="Vanha", held_on=date(2024, 9, 9), participants=99)
    EventAttendance.objects.create(department=education, name="Koulun ilta", held_on=date(2025, 3, 3), participants=7)

    # Targets for 2025 (set last year) and for 2026.
    for metric, value in ((ParticipationMetric.FEEDBACK_RECEIVED, 3), (ParticipationMetric.HANDLING_MEDIAN_DAYS, 3),
                          (ParticipationMetric.EVENT_PARTICIPANTS, 50)):
        participation_target_set(department=environment, year=2025, metric=metric, value=Decimal(value))
    participation_target_set(department=environment, year=2026, metric=ParticipationMetric.FEEDBACK_RECEIVED,
                             value=Decimal(10), note="Lisää palautetta.")
    participation_target_set(department=None, year=2025, metric=ParticipationMetric.BUDGET_VOTERS, value=Decimal(4))
    return {"environment": environment, "education": education, "plan": plan, "panel": panel}


def test_feedback_figures_by_hand(world):
    figures = report_figures(ReportScope(year=YEAR, department=world["environment"]))
    feedback = figures["feedback"]
    assert (feedback["received"], feedback["handled"], feedback["praise"]) == (4, 3, 1)
    assert feedback["median_days"] == 4.0  # 2, 4, 10 days
    assert feedback["p90_days"] == 8.8  # 4 + 0.8 × (10 − 4), interpolated
    assert {row["key"]: row["count"] for row in feedback["by_kind"]} == {"fault": 2, "idea": 1, "question": 0,
                                                                          "praise": 1}
    assert [(row["key"], row["count"]) for row in feedback["by_category"]] == [("171", 4)]
    # Another department's report has none of it.
    assert report_figures(ReportScope(year=YEAR, department=world["education"]))["feedback"]["received"] == 0


def test_plan_figures_by_hand(world):
    plans = report_figures(ReportScope(year=YEAR, department=world["environment"]))["plans"]
    assert [(plan["id"], plan["comments"]) for plan in plans["plans"]] == [(world["plan"].pk, 4)]
    assert plans["comments"] == 4  # published, written in 2025
    groups = {row["key"]: row["count"] for row in plans["by_group"]}
    assert (groups["residents"], groups["businesses"], groups[""], groups["elderly"]) == (2, 1, 1, 0)
    bands = {row["key"]: row["count"] for row in plans["by_age_band"]}
    assert (bands["30_64"], bands["13_17"], bands[""], bands["75_up"]) == (2, 1, 1, 0)
    assert next(row for row in plans["by_phase"] if row["key"] == 1) == {"key": 1, "plans": 1, "comments": 4}


def test_budget_figures_by_hand(world):
    city = report_figures(ReportScope(year=YEAR, department=None))
    budget = city["budget"]
    assert budget["applies"] and budget["voters"] == 4
    [voted] = budget["rounds"]
    assert {area["key"]: (area["voters"], area["population"], area["share"]) for area in voted["areas"]} == {
        "TB-ITA": (3, 1000, 0.3), "TB-LANSI": (1, 500, 0.2)}
    assert voted["share"] == round(100 * 4 / 1500, 2)
    department = report_figures(ReportScope(year=YEAR, department=world["environment"]))["budget"]
    assert department == {"applies": False, "rounds": [], "voters": 0}


def test_panel_figures_by_hand(world):
    panels = report_figures(ReportScope(year=YEAR, department=world["environment"]))["panels"]
    [panel] = panels["panels"]
    assert (panel["members"], panel["messages"], panel["emails"]) == (3, 2, 2)  # a, c, e; two of 2025; two sent
    city = report_figures(ReportScope(year=YEAR, department=None))["panels"]
    assert city["members"] == 4 and len(city["panels"]) == 2
    assert report_figures(ReportScope(year=2024, department=world["environment"]))["panels"]["members"] == 1


def test_events_and_targets_by_hand(world):
    figures = report_figures(ReportScope(year=YEAR, department=world["environment"]))
    assert (figures["events"]["count"], figures["events"]["participants"]) == (2, 42)
    status = {row["key"]: row["status"] for row in figures["targets"]["comparison"]}
    assert status["feedback_received"] == "met"  # 4 ≥ 3
    assert status["handling_median_days"] == "not_met"  # 4 days > 3
    assert status["event_participants"] == "not_met"  # 42 < 50
    assert status["praise"] == "no_target"
    assert "budget_voters" not in status  # a department has no budget
    assert figures["targets"]["next_year"] == [{"department": CITY_ENVIRONMENT, "key": "feedback_received",
                                                "target": 10.0, "note": "Lisää palautetta."}]
    city = report_figures(ReportScope(year=YEAR, department=None))
    assert (city["events"]["count"], city["events"]["participants"]) == (3, 49)
    assert {row["key"]: row["status"] for row in city["targets"]["comparison"]}["budget_voters"] == "met"
    assert city["names"]["departments"][CITY_ENVIRONMENT]["fi"] == "Kaupunkiympäristön toimiala"


def test_the_figures_take_few_queries(world, django_assert_max_num_queries):
    scope = ReportScope(year=YEAR, department=None)
    report_figures(scope)  # the content types are cached after this
    with django_assert_max_num_queries(10):
        report_figures(scope)


# The cache and the job ------------------------------------------------------------------------


@pytest.fixture
def queue():
    jobs_clear()
    yield
    jobs_clear()


def test_a_report_is_queued_once_computed_by_the_job_and_served_until_the_data_changes(
        world, queue, django_capture_on_commit_callbacks):
    environment = world["environment"]
    with django_capture_on_commit_callbacks(execute=True):
        report = participation_report_request(year=YEAR, department=environment)
    assert report.status == ReportStatus.QUEUED
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        again = participation_report_request(year=YEAR, department=environment)  # still queued: no second job
    assert callbacks == []
    assert again.pk == report.pk
    assert jobs_run() == {"finished": 1, "failed": 0}
    report.refresh_from_db()
    assert (report.status, report.progress, report.fingerprint) == (ReportStatus.DONE, 100, report_fingerprint())
    assert report.figures["feedback"]["received"] == 4

    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        served = participation_report_request(year=YEAR, department=environment)  # same data: no job
    assert served.status == ReportStatus.DONE and callbacks == []

    ticket(at(2025, 8, 1, 10))  # a new ticket: the report is computed again
    with django_capture_on_commit_callbacks(execute=True):
        assert participation_report_request(year=YEAR, department=environment).status == ReportStatus.QUEUED
    assert jobs_run() == {"finished": 1, "failed": 0}
    report.refresh_from_db()
    assert report.status == ReportStatus.DONE and report.figures["feedback"]["received"] == 5
    assert ParticipationReport.objects.count() == 1


def test_the_whole_city_has_one_report_row(world, queue):
    first = participation_report_request(year=YEAR, department=None)
    second = participation_report_request(year=YEAR, department=None)
    assert first.pk == second.pk and ParticipationReport.objects.filter(department=None).count() == 1


def test_the_job_saves_its_progress_section_by_section(world, monkeypatch):
    from planning import participation_report as module

    report = ParticipationReport.objects.create(year=YEAR, department=world["environment"])
    seen = []
    real = module.compute_section

    def spy(key, scope, figures):
        row = ParticipationReport.objects.get(pk=report.pk)
        seen.append((row.status, row.step, row.progress))
        return real(key, scope, figures)

    monkeypatch.setattr("planning.services.participation_reports.compute_section", spy)
    participation_report_compute(report_id=report.pk)
    assert [step for _status, step, _progress in seen] == ["feedback", "plans", "budget", "panels", "events",
                                                           "targets", "names"]
    assert all(status == ReportStatus.RUNNING for status, _step, _progress in seen)
    progress = [value for _status, _step, value in seen]
    assert progress == sorted(progress) and progress[0] == 0 and 0 < progress[-1] < 100
    report.refresh_from_db()
    assert report.status == ReportStatus.DONE and report.progress == 100


def test_a_failed_job_is_recorded_and_queued_again_on_the_next_request(world, queue, monkeypatch):
    report = ParticipationReport.objects.create(year=YEAR, department=None)

    def broken(key, scope, figures):
        raise RuntimeError("laskenta katkesi")

    monkeypatch.setattr("planning.services.participation_reports.compute_section", broken)
    with pytest.raises(RuntimeError):
        participation_report_compute(report_id=report.pk)
    report.refresh_from_db()
    assert report.status == ReportStatus.FAILED and "laskenta katkesi" in report.error
    assert participation_report_request(year=YEAR, department=None).status == ReportStatus.QUEUED


def test_a_target_per_department_year_and_figure_and_the_budget_only_for_the_whole_city(world):
    from django.db import IntegrityError, transaction

    with pytest.raises(IntegrityError), transaction.atomic():
        ParticipationTarget.objects.create(department=None, year=2025, metric="budget_voters", value=1)
    with pytest.raises(IntegrityError), transaction.atomic():
        ParticipationTarget.objects.create(department=world["environment"], year=2027, metric="budget_voters", value=1)
    with pytest.raises(IntegrityError), transaction.atomic():
        EventAttendance.objects.create(name="Tyhjä", held_on=date(2025, 1, 1), participants=0)
    changed = participation_target_set(department=world["environment"], year=2025,
                                       metric=ParticipationMetric.FEEDBACK_RECEIVED, value=Decimal(5))
    assert ParticipationTarget.objects.filter(department=world["environment"], year=2025,
                                              metric="feedback_received").get().pk == changed.pk


def test_a_report_whose_job_was_lost_is_queued_again(world, queue, django_capture_on_commit_callbacks):
    from django.utils import timezone

    from planning.services.participation_reports import REPORT_STALE_AFTER

    lost = ParticipationReport.objects.create(year=YEAR, department=None, status=ReportStatus.RUNNING, progress=30,
                                              queued_at=timezone.now() - REPORT_STALE_AFTER - timedelta(minutes=1))
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        again = participation_report_request(year=YEAR, department=None)
    assert (again.pk, again.status, again.progress, len(callbacks)) == (lost.pk, ReportStatus.QUEUED, 0, 1)


def test_serving_a_ready_report_takes_few_queries(world, queue, django_assert_max_num_queries):
    participation_report_compute(report_id=ParticipationReport.objects.create(year=YEAR, department=None).pk)
    with django_assert_max_num_queries(4):  # the fingerprint and the locked row, in a savepoint here
        assert participation_report_request(year=YEAR, department=None).status == ReportStatus.DONE
