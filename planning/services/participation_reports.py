"""The yearly participation report: asking for it (served from the cache or queued once), computing it
section by section in a job, and the staff's own figures (events' participants, next year's targets)."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

from django.db import IntegrityError, transaction
from django.utils import timezone

from city.models import Area, Department
from planning.models import (
    EventAttendance,
    ParticipationMetric,
    ParticipationReport,
    ParticipationTarget,
    ReportStatus,
)
from planning.participation_report import SECTIONS, ReportScope, compute_section, report_fingerprint

# A report takes seconds; the limit is for a city with years of data on a busy worker.
REPORT_JOB_TIMEOUT = 600
# A report queued or running for longer than this lost its job (a worker died): it is queued again.
REPORT_STALE_AFTER = timedelta(seconds=REPORT_JOB_TIMEOUT + 120)


def _queue(report: ParticipationReport) -> None:
    from city.queue import enqueue_after_commit
    from planning import participation_report_jobs

    enqueue_after_commit(participation_report_jobs.participation_report_compute, report.pk,
                         job_timeout=REPORT_JOB_TIMEOUT)


@transaction.atomic
def participation_report_request(*, year: int, department: Department | None) -> ParticipationReport:
    """The report of ``year`` and ``department`` (None: the whole city): done and up to date, or queued.

    A done report whose fingerprint still matches the data is served as it is (cached until the data
    changes). Otherwise it is queued, once: a request while it is queued or running queues nothing more,
    unless it has waited so long that its job must have been lost.
    """
    fingerprint = report_fingerprint()
    rows = ParticipationReport.objects.select_for_update().order_by()
    report, created = rows.filter(year=year, department=department).first(), False
    if report is None:
        try:
            with transaction.atomic():
                ParticipationReport.objects.create(year=year, department=department)
                created = True
        except IntegrityError:  # another request made it at the same moment, and queued it
            pass
        report = rows.get(year=year, department=department)
    if report.status == ReportStatus.DONE and report.fingerprint == fingerprint:
        return report
    waiting = report.status in (ReportStatus.QUEUED, ReportStatus.RUNNING)
    if not created and waiting and report.queued_at > timezone.now() - REPORT_STALE_AFTER:
        return report
    report.status, report.progress, report.step, report.error = ReportStatus.QUEUED, 0, "", ""
    report.queued_at = timezone.now()
    report.save(update_fields=["status", "progress", "step", "error", "queued_at"])
    _queue(report)
    return report


def _progress(report_id: int, *, done: int, of: int, step: str) -> None:
    ParticipationReport.objects.filter(pk=report_id).update(progress=min(99, round(100 * done / of)), step=step)


def participation_report_compute(*, report_id: int) -> ParticipationReport | None:
    """Compute a report section by section, saving the progress and the step's name on its row after each,
    then store the figures with the fingerprint of the data as it was when the computation began.

    Run by the job outside any transaction, so that the progress is seen while it runs. A report already
    done for the current data is left alone (a job run twice is harmless)."""
    report = ParticipationReport.objects.select_related("department").filter(pk=report_id).first()
    if report is None:
        return None
    fingerprint = report_fingerprint()
    if report.status == ReportStatus.DONE and report.fingerprint == fingerprint:
        return report
    ParticipationReport.objects.filter(pk=report_id).update(
        status=ReportStatus.RUNNING, progress=0, step=SECTIONS[0][0], started_at=timezone.now(), error="")
    scope = ReportScope(year=report.year, department=report.department)
    figures: dict = {"year": scope.year, "department": scope.department.code if scope.department else None}
    try:
        for index, (key, _function) in enumerate(SECTIONS):
            _progress(report_id, done=index, of=len(SECTIONS), step=key)
            figures[key] = compute_section(key, scope, figures)
    except Exception as error:
        ParticipationReport.objects.filter(pk=report_id).update(
            status=ReportStatus.FAILED, error=f"{type(error).__name__}: {error}"[:2000], finished_at=timezone.now())
        raise
    figures["computed_at"] = timezone.now().isoformat(timespec="seconds")
    ParticipationReport.objects.filter(pk=report_id).update(
        status=ReportStatus.DONE, progress=100, step="", figures=figures, fingerprint=fingerprint,
        finished_at=timezone.now())
    return ParticipationReport.objects.get(pk=report_id)


# Staff's figures --------------------------------------------------------------------------------


@transaction.atomic
def event_attendance_create(*, department: Department | None, name: str, held_on: date, participants: int,
                            area: Area | None = None, actor=None) -> EventAttendance:
    """Enter an event's participants (a participation agent for their department, an administrator any)."""
    return EventAttendance.objects.create(department=department, name=name.strip(), held_on=held_on,
                                          participants=participants, area=area, entered_by=actor)


@transaction.atomic
def event_attendance_delete(*, event: EventAttendance) -> None:
    """Remove an event entered by mistake (the report's fingerprint sees the count drop)."""
    EventAttendance.objects.filter(pk=event.pk).delete()


@transaction.atomic
def participation_target_set(*, department: Department | None, year: int, metric: str, value: Decimal,
                             note: str = "", actor=None) -> ParticipationTarget:
    """Set (or change) a department's target for one figure of one year."""
    if metric == ParticipationMetric.BUDGET_VOTERS and department is not None:
        raise ValueError("the resident budget's target is the whole city's")
    target = ParticipationTarget.objects.select_for_update().order_by().filter(
        department=department, year=year, metric=metric).first()
    if target is None:
        return ParticipationTarget.objects.create(department=department, year=year, metric=metric, value=value,
                                                  note=note.strip(), set_by=actor)
    target.value, target.note, target.set_by, target.updated_at = value, note.strip(), actor, timezone.now()
    target.save(update_fields=["value", "note", "set_by", "updated_at"])
    return target


@transaction.atomic
def participation_target_delete(*, target: ParticipationTarget) -> None:
    ParticipationTarget.objects.filter(pk=target.pk).delete()
