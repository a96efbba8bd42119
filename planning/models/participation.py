"""The yearly participation report (§4): events' participants entered by staff, next year's targets per
department, and the report itself as a cached computation.

A report is computed by an RQ job, section by section, and kept with a fingerprint of the data it read;
a request is answered from it while the fingerprint still matches the data (see
``planning.participation_report``), so it is cached until the data changes.
"""

from datetime import date

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

REPORT_FIRST_YEAR = 2000
REPORT_LAST_YEAR = 2100
EVENT_NAME_MAX = 200


class ParticipationMetric(models.TextChoices):
    """The report's figures a department can set a target for; each is one figure of the report."""

    FEEDBACK_RECEIVED = "feedback_received", _("Feedback received")
    FEEDBACK_HANDLED = "feedback_handled", _("Feedback handled")
    HANDLING_MEDIAN_DAYS = "handling_median_days", _("Median handling time (days)")  # lower is better
    PRAISE = "praise", _("Praise received")
    PLAN_COMMENTS = "plan_comments", _("Comments on zoning plans")
    BUDGET_VOTERS = "budget_voters", _("Resident-budget voters")  # the whole city's only: rounds have no department
    PANEL_MEMBERS = "panel_members", _("Panel members at the year's end")
    PANEL_MESSAGES = "panel_messages", _("Panel invitations and newsletters sent")
    EVENT_PARTICIPANTS = "event_participants", _("Event participants")


# Figures where less is better: a target is met when the figure is at most the target.
LOWER_IS_BETTER = frozenset({ParticipationMetric.HANDLING_MEDIAN_DAYS})


class EventAttendance(models.Model):
    """How many took part in one event (a resident evening, a walk, a workshop), entered by staff."""

    department = models.ForeignKey("city.Department", on_delete=models.PROTECT, null=True, blank=True,
                                   related_name="+", verbose_name=_("department"),
                                   help_text=_("The department that held it; empty for a city-wide event."))
    name = models.CharField(_("event"), max_length=EVENT_NAME_MAX,
                            help_text=_("What the event was, e.g. 'Resident evening on the Kapernaum plan'."))
    held_on = models.DateField(_("held on"), help_text=_("The day it was held (the first day of a longer one)."))
    participants = models.PositiveIntegerField(_("participants"), help_text=_("How many people took part."))
    area = models.ForeignKey("city.Area", on_delete=models.SET_NULL, null=True, blank=True, related_name="+",
                             verbose_name=_("area"), help_text=_("The residential area it was held in, if one."))
    entered_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
                                   related_name="+", verbose_name=_("entered by"),
                                   help_text=_("The staff member who entered it."))
    created_at = models.DateTimeField(_("entered at"), default=timezone.now, help_text=_("When it was entered."))

    class Meta:
        ordering = ["-held_on", "-id"]
        verbose_name = _("event's participants")
        verbose_name_plural = _("events' participants")
        indexes = [models.Index(fields=["held_on"], name="event_attendance_held_on")]
        constraints = [
            models.CheckConstraint(condition=~Q(name=""), name="event_attendance_name_not_empty",
                                   violation_error_message=_("Name the event.")),
            models.CheckConstraint(condition=Q(participants__gte=1), name="event_attendance_someone_came",
                                   violation_error_message=_("Give how many took part: at least one.")),
            models.CheckConstraint(condition=Q(held_on__gte=date(REPORT_FIRST_YEAR, 1, 1),
                                               held_on__lte=date(REPORT_LAST_YEAR, 12, 31)),
                                   name="event_attendance_held_in_reported_years",
                                   violation_error_message=_("Give a day between 2000 and 2100.")),
        ]

    def __str__(self) -> str:
        return f"{self.name} ({self.held_on}): {self.participants}"


class ParticipationTarget(models.Model):
    """A department's (or the whole city's) target for one figure of one year's report."""

    department = models.ForeignKey("city.Department", on_delete=models.PROTECT, null=True, blank=True,
                                   related_name="+", verbose_name=_("department"),
                                   help_text=_("The department the target is for; empty for the whole city."))
    year = models.PositiveSmallIntegerField(_("year"), help_text=_("The year the target is for."))
    metric = models.CharField(_("figure"), max_length=32, choices=ParticipationMetric.choices,
                              help_text=_("Which figure of the report the target is for."))
    value = models.DecimalField(_("target"), max_digits=10, decimal_places=1,
                                help_text=_("The figure to reach (for the handling time: at most this many days)."))
    note = models.TextField(_("note"), blank=True, help_text=_("Why this target, or how it will be reached."))
    set_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
                               related_name="+", verbose_name=_("set by"), help_text=_("The staff member who set it."))
    updated_at = models.DateTimeField(_("updated at"), default=timezone.now, help_text=_("When it was last set."))

    class Meta:
        ordering = ["year", "department__name_fi", "metric"]
        verbose_name = _("participation target")
        verbose_name_plural = _("participation targets")
        constraints = [
            models.UniqueConstraint(fields=["department", "year", "metric"], nulls_distinct=False,
                                    name="participation_target_once",
                                    violation_error_message=_("This figure has a target for the year already.")),
            models.CheckConstraint(condition=Q(metric__in=ParticipationMetric.values),
                                   name="participation_target_metric_known"),
            models.CheckConstraint(condition=Q(value__gte=0), name="participation_target_not_negative",
                                   violation_error_message=_("A target is zero or more.")),
            models.CheckConstraint(condition=Q(year__gte=REPORT_FIRST_YEAR, year__lte=REPORT_LAST_YEAR),
                                   name="participation_target_year_reported",
                                   violation_error_message=_("Give a year between 2000 and 2100.")),
            models.CheckConstraint(condition=~Q(metric=ParticipationMetric.BUDGET_VOTERS) | Q(department__isnull=True),
                                   name="participation_target_budget_city_wide",
                                   violation_error_message=_("The resident budget belongs to no department: "
                                                             "its target is the whole city's.")),
        ]

    def __str__(self) -> str:
        return f"{self.department or '—'} {self.year} {self.metric}: {self.value}"


class ReportStatus(models.TextChoices):
    """Where a report's computation stands."""

    QUEUED = "queued", _("Waiting to be computed")  # a job is on the queue
    RUNNING = "running", _("Being computed")  # a worker is computing it, section by section
    DONE = "done", _("Ready")  # the figures are stored with the fingerprint of the data read
    FAILED = "failed", _("Failed")  # the job stopped with an error; the next request queues it again


class ParticipationReport(models.Model):
    """One year's report of a department (or the whole city): the computation and its figures."""

    year = models.PositiveSmallIntegerField(_("year"), help_text=_("The year reported on."))
    department = models.ForeignKey("city.Department", on_delete=models.CASCADE, null=True, blank=True,
                                   related_name="+", verbose_name=_("department"),
                                   help_text=_("The department reported on; empty for the whole city."))
    status = models.CharField(_("status"), max_length=10, choices=ReportStatus.choices, default=ReportStatus.QUEUED,
                              help_text=_("Where the computation stands."))
    progress = models.PositiveSmallIntegerField(_("progress (%)"), default=0,
                                                help_text=_("How far the computation is, 0–100."))
    step = models.CharField(_("step"), max_length=40, blank=True,
                            help_text=_("The section being computed now."))
    fingerprint = models.CharField(_("fingerprint"), max_length=64, blank=True,
                                   help_text=_("A digest of the data the figures were computed from."))
    figures = models.JSONField(_("figures"), null=True, blank=True, help_text=_("Every figure, by section."))
    error = models.TextField(_("error"), blank=True, help_text=_("Why the last computation failed, if it did."))
    queued_at = models.DateTimeField(_("queued at"), default=timezone.now, help_text=_("When it was last queued."))
    started_at = models.DateTimeField(_("started at"), null=True, blank=True,
                                      help_text=_("When the last computation started."))
    finished_at = models.DateTimeField(_("finished at"), null=True, blank=True,
                                       help_text=_("When the last computation finished."))

    class Meta:
        ordering = ["-year", "department__name_fi"]
        verbose_name = _("participation report")
        verbose_name_plural = _("participation reports")
        constraints = [
            models.UniqueConstraint(fields=["year", "department"], nulls_distinct=False,
                                    name="participation_report_once"),
            models.CheckConstraint(condition=Q(progress__lte=100), name="participation_report_progress_0_100"),
            models.CheckConstraint(condition=Q(status__in=ReportStatus.values),
                                   name="participation_report_status_known"),
            models.CheckConstraint(condition=~Q(status=ReportStatus.DONE) | Q(figures__isnull=False),
                                   name="participation_report_done_has_figures"),
        ]

    def __str__(self) -> str:
        return f"{self.year} {self.department or '—'} ({self.status})"
