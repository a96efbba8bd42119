"""Participation processes: a zoning plan or a service development project run through six phases.

The seed's participatory zoning (§3.2.3) and participatory service development (§3.3.1) share one
shape: needs, whose lives it touches, announcement, goals, co-design, and a closing step that tells
residents how they shaped the result. One engine (``planning.services.phases``) runs both; a
process's kind says which names its phases carry and whether it needs a boundary.
"""

from __future__ import annotations

from django.conf import settings
from django.contrib.gis.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class ProcessKind(models.TextChoices):
    DETAILED_PLAN = "detailed_plan", _("Detailed plan")  # asemakaava: a block, a street, a park
    MASTER_PLAN = "master_plan", _("Master plan")  # yleiskaava: land use of a larger area
    SHORE_PLAN = "shore_plan", _("Shore plan")  # ranta-asemakaava: holiday homes on a shore
    SERVICE_DEVELOPMENT = "service_development", _("Service development project")  # §3.3.1


PLAN_KINDS = (ProcessKind.DETAILED_PLAN, ProcessKind.MASTER_PLAN, ProcessKind.SHORE_PLAN)


class Phase(models.IntegerChoices):
    """The six participation phases; a zoning plan's names. Service projects name them their own way."""

    NEEDS = 1, _("Needs")  # residents' needs and wishes gathered, earlier feedback read
    STAKEHOLDERS = 2, _("Stakeholders")  # whose lives the plan touches is mapped
    ANNOUNCEMENT = 3, _("Announcement")  # residents are told how to take part and can follow it
    GOALS = 4, _("Goals")  # residents help set the goals; comments open
    DRAFT = 5, _("Draft")  # comments on the draft, on the map
    FINAL = 6, _("Final")  # answers and the closing report: how residents shaped it


# The names a service development project gives the same six phases (§3.3.1).
SERVICE_PHASE_NAMES = {
    Phase.NEEDS: pgettext_lazy("service phase", "Needs"),
    Phase.STAKEHOLDERS: pgettext_lazy("service phase", "Whose lives it touches"),
    Phase.ANNOUNCEMENT: pgettext_lazy("service phase", "Announcement"),
    Phase.GOALS: pgettext_lazy("service phase", "Goals"),
    Phase.DRAFT: pgettext_lazy("service phase", "Co-design and pilot"),
    Phase.FINAL: pgettext_lazy("service phase", "Report and rollout"),
}

# What residents can do in each phase: said on the plan's page and in the followers' emails.
WHAT_RESIDENTS_CAN_DO = {
    Phase.NEEDS: _("Tell what the area needs: comment on the map or on the plan as a whole. "
                   "Earlier feedback from the area is read too."),
    Phase.STAKEHOLDERS: _("The city maps whose lives the plan touches. Follow the plan to hear when "
                          "comments open."),
    Phase.ANNOUNCEMENT: _("The plan has started: read how to take part, and follow it by email."),
    Phase.GOALS: _("Help set the plan's goals: comment on the map or on the plan as a whole."),
    Phase.DRAFT: _("Comment on the draft: draw on the map what your comment is about, or comment on "
                   "the plan as a whole."),
    Phase.FINAL: _("Read the closing report: every comment with its answer, and how the plan changed "
                   "because of them."),
}

# Phases in which residents may comment (§3.2.3: needs, goals, draft).
COMMENT_PHASES = (Phase.NEEDS, Phase.GOALS, Phase.DRAFT)


class StatutoryStep(models.TextChoices):
    """Where a zoning plan stands under the Land Use and Building Act, shown beside its phase."""

    NONE = "", _("Not started")
    INITIATION = "initiation", _("Initiation and participation plan (OAS)")  # vireilletulo + OAS
    DRAFT = "draft", _("Draft (luonnos)")
    PROPOSAL = "proposal", _("Proposal (ehdotus)")
    APPROVAL = "approval", _("Approval (hyväksyminen)")
    IN_FORCE = "in_force", _("In force (voimaantulo)")


class Process(models.Model):
    """A zoning plan or a service development project and the phase it is in."""

    kind = models.CharField(_("kind"), max_length=32, choices=ProcessKind.choices,
                            help_text=_("A zoning plan's kind, or a service development project."))
    name_fi = models.CharField(_("name in Finnish"), max_length=200, help_text=_("The name residents know it by."))
    name_sv = models.CharField(_("name in Swedish"), max_length=200, blank=True, help_text=_("Name in Swedish."))
    name_en = models.CharField(_("name in English"), max_length=200, blank=True,
                               help_text=_("Name in English, if any; Finnish otherwise."))
    diary_number = models.CharField(_("diary number"), max_length=60, blank=True,
                                    help_text=_("The plan's number in the city's records (e.g. 1234/10.02.03/2026)."))
    summary_fi = models.TextField(_("summary in Finnish"), help_text=_("What it is about, in plain language."))
    summary_sv = models.TextField(_("summary in Swedish"), blank=True, help_text=_("The summary in Swedish."))
    summary_en = models.TextField(_("summary in English"), blank=True, help_text=_("The summary in English."))
    department = models.ForeignKey("city.Department", on_delete=models.PROTECT, related_name="processes",
                                   verbose_name=_("department"), help_text=_("The department that runs it."))
    planners = models.ManyToManyField(settings.AUTH_USER_MODEL, related_name="planned_processes", blank=True,
                                      verbose_name=_("responsible planners"),
                                      help_text=_("Who runs it: they, and administrators, move its phases."))
    boundary = models.MultiPolygonField(_("boundary"), srid=settings.STORAGE_SRID, null=True, blank=True,
                                        help_text=_("The plan area; a service project may have none."))
    area = models.ForeignKey("city.Area", null=True, blank=True, on_delete=models.SET_NULL, related_name="+",
                             verbose_name=_("area"),
                             help_text=_("For a service project: the area it serves, if one (a school's district)."))
    phase = models.PositiveSmallIntegerField(_("phase"), choices=Phase.choices, default=Phase.NEEDS,
                                             help_text=_("Moved only by the phase service, which keeps the history."))
    statutory_step = models.CharField(_("statutory step"), max_length=20, choices=StatutoryStep.choices,
                                      blank=True, default=StatutoryStep.NONE,
                                      help_text=_("A zoning plan's step under the Land Use and Building Act."))
    neighbour_distance_m = models.PositiveIntegerField(
        _("neighbour distance (m)"), default=500,
        help_text=_("Residential areas this close to the plan count as affected though outside it."))
    requires_sign_in = models.BooleanField(_("comments need sign-in"), default=False,
                                           help_text=_("Off: anyone may comment without an account."))
    published = models.BooleanField(_("published"), default=False,
                                    help_text=_("Shown to residents; a draft in preparation is not."))
    closing_summary_fi = models.TextField(
        _("how it changed, in Finnish"), blank=True,
        help_text=_("The closing report's account of how residents' comments changed the plan."))
    closing_summary_sv = models.TextField(_("how it changed, in Swedish"), blank=True,
                                          help_text=_("The same account in Swedish."))
    closing_summary_en = models.TextField(_("how it changed, in English"), blank=True,
                                          help_text=_("The same account in English."))
    version = models.PositiveIntegerField(_("version"), default=1,
                                          help_text=_("Grows by one at every change by the services."))
    created_at = models.DateTimeField(_("created at"), default=timezone.now, help_text=_("When it was created."))
    updated_at = models.DateTimeField(_("updated at"), default=timezone.now, help_text=_("When it last changed."))

    class Meta:
        verbose_name = _("participation process")
        verbose_name_plural = _("participation processes")
        ordering = ["-created_at"]
        constraints = [
            models.CheckConstraint(condition=Q(phase__gte=1, phase__lte=6), name="process_phase_1_to_6",
                                   violation_error_message=_("The phase is a number from 1 to 6.")),
            models.CheckConstraint(condition=~Q(name_fi=""), name="process_name_fi_not_empty",
                                   violation_error_message=_("Give the name in Finnish.")),
            models.CheckConstraint(
                condition=Q(kind=ProcessKind.SERVICE_DEVELOPMENT) | Q(statutory_step__in=StatutoryStep.values),
                name="process_statutory_step_known"),
            models.CheckConstraint(
                condition=~Q(kind=ProcessKind.SERVICE_DEVELOPMENT) | Q(statutory_step=""),
                name="process_service_has_no_statutory_step",
                violation_error_message=_("A service development project has no statutory plan step.")),
            models.UniqueConstraint(fields=["diary_number"], condition=~Q(diary_number=""),
                                    name="process_diary_number_unique",
                                    violation_error_message=_("Another plan has this diary number.")),
        ]

    def __str__(self) -> str:
        return self.name_fi

    @property
    def is_plan(self) -> bool:
        return self.kind in PLAN_KINDS

    def name(self, language: str = "fi") -> str:
        return getattr(self, f"name_{language}", "") or self.name_fi

    def summary(self, language: str = "fi") -> str:
        return getattr(self, f"summary_{language}", "") or self.summary_fi

    def closing_summary(self, language: str = "fi") -> str:
        return getattr(self, f"closing_summary_{language}", "") or self.closing_summary_fi

    def phase_name(self, phase: int | None = None) -> str:
        """The phase's name as this kind of process calls it (the current phase by default)."""
        phase = Phase(phase or self.phase)
        return str(SERVICE_PHASE_NAMES[phase] if self.kind == ProcessKind.SERVICE_DEVELOPMENT else phase.label)

    def accepts_comments(self) -> bool:
        return self.published and self.phase in COMMENT_PHASES


class PhaseSchedule(models.Model):
    """The planned start and end of one phase of a process."""

    process = models.ForeignKey(Process, on_delete=models.CASCADE, related_name="schedule",
                                verbose_name=_("process"), help_text=_("The process this schedule is of."))
    phase = models.PositiveSmallIntegerField(_("phase"), choices=Phase.choices, help_text=_("The phase."))
    starts_on = models.DateField(_("starts on"), help_text=_("The planned first day."))
    ends_on = models.DateField(_("ends on"), help_text=_("The planned last day."))

    class Meta:
        verbose_name = _("phase schedule")
        verbose_name_plural = _("phase schedules")
        ordering = ["process", "phase"]
        constraints = [
            models.UniqueConstraint(fields=["process", "phase"], name="schedule_one_row_per_phase",
                                    violation_error_message=_("This phase already has its dates.")),
            models.CheckConstraint(condition=Q(ends_on__gte=models.F("starts_on")), name="schedule_ends_after_start",
                                   violation_error_message=_("A phase cannot end before it starts.")),
            models.CheckConstraint(condition=Q(phase__gte=1, phase__lte=6), name="schedule_phase_1_to_6"),
        ]


class ProcessAction(models.TextChoices):
    CREATED = "created", _("Created")
    PHASE_FORWARD = "phase_forward", _("Moved to the next phase")
    PHASE_BACK = "phase_back", _("Moved back a phase")  # needs a reason, shown publicly
    BOUNDARY = "boundary", _("Boundary changed")  # affected areas recomputed with it
    STAKEHOLDERS = "stakeholders", _("Stakeholder groups changed")
    ANSWERED = "answered", _("Comments answered")
    MODERATED = "moderated", _("Comment moderated")  # hidden or restored, with the reason
    CLOSING_SUMMARY = "closing_summary", _("Closing summary written")  # how the plan changed, by its planners
    PUBLISHED = "published", _("Published")


PUBLIC_PROCESS_ACTIONS = (ProcessAction.PHASE_FORWARD, ProcessAction.PHASE_BACK, ProcessAction.PUBLISHED)


class ProcessEvent(models.Model):
    """One change of a process, written by the service that made it: its public and staff history."""

    process = models.ForeignKey(Process, on_delete=models.CASCADE, related_name="events",
                                verbose_name=_("process"), help_text=_("The process that changed."))
    action = models.CharField(_("action"), max_length=20, choices=ProcessAction.choices, help_text=_("What happened."))
    from_phase = models.PositiveSmallIntegerField(_("from phase"), choices=Phase.choices, null=True, blank=True,
                                                  help_text=_("The phase before a phase move."))
    to_phase = models.PositiveSmallIntegerField(_("to phase"), choices=Phase.choices, null=True, blank=True,
                                                help_text=_("The phase after a phase move."))
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                              related_name="+", verbose_name=_("actor"),
                              help_text=_("The staff member who acted; empty for the system."))
    reason = models.TextField(_("reason"), blank=True,
                              help_text=_("Why: required for a move back, public with it."))
    details = models.JSONField(_("details"), default=dict, blank=True,
                               help_text=_("What else the change recorded (areas affected, comment numbers)."))
    created_at = models.DateTimeField(_("created at"), default=timezone.now, help_text=_("When it happened."))

    class Meta:
        verbose_name = _("process event")
        verbose_name_plural = _("process events")
        ordering = ["created_at", "id"]
        indexes = [models.Index(fields=["process", "created_at"])]
        constraints = [
            models.CheckConstraint(condition=~Q(action=ProcessAction.PHASE_BACK) | ~Q(reason=""),
                                   name="process_move_back_has_reason",
                                   violation_error_message=_("Moving back a phase needs a written reason.")),
        ]

    @property
    def is_public(self) -> bool:
        return self.action in PUBLIC_PROCESS_ACTIONS


class AffectedArea(models.Model):
    """A residential area the process touches: inside the boundary, or a neighbour near it.

    Computed by PostGIS whenever the boundary changes (``planning.services.areas``), in the same
    transaction; never typed by hand."""

    process = models.ForeignKey(Process, on_delete=models.CASCADE, related_name="affected_areas",
                                verbose_name=_("process"), help_text=_("The process."))
    area = models.ForeignKey("city.Area", on_delete=models.CASCADE, related_name="+", verbose_name=_("area"),
                             help_text=_("The residential area."))
    share_inside = models.FloatField(_("share inside"),
                                     help_text=_("The share of the area's surface inside the plan, 0 to 1."))
    distance_m = models.FloatField(_("distance (m)"),
                                   help_text=_("Distance from the plan's boundary; 0 when they overlap."))
    residents_estimate = models.PositiveIntegerField(
        _("residents affected (estimate)"), null=True, blank=True,
        help_text=_("The area's population times the share inside: an estimate, not a count."))

    class Meta:
        verbose_name = _("affected area")
        verbose_name_plural = _("affected areas")
        ordering = ["process", "-share_inside", "distance_m"]
        constraints = [
            models.UniqueConstraint(fields=["process", "area"], name="affected_area_once"),
            models.CheckConstraint(condition=Q(share_inside__gte=0, share_inside__lte=1), name="affected_share_0_to_1"),
            models.CheckConstraint(condition=Q(distance_m__gte=0), name="affected_distance_not_negative"),
        ]

    @property
    def is_inside(self) -> bool:
        return self.share_inside > 0


class AttachmentKind(models.TextChoices):
    DRAFT_MAP = "draft_map", _("Draft map")
    REPORT = "report", _("Report")
    OTHER = "other", _("Other document")


class Attachment(models.Model):
    """A draft map (PDF or image) or a report of a process, served with the process's visibility."""

    process = models.ForeignKey(Process, on_delete=models.CASCADE, related_name="attachments",
                                verbose_name=_("process"), help_text=_("The process it belongs to."))
    kind = models.CharField(_("kind"), max_length=20, choices=AttachmentKind.choices, default=AttachmentKind.OTHER,
                            help_text=_("What the file is."))
    title_fi = models.CharField(_("title in Finnish"), max_length=200, help_text=_("The file's title."))
    title_sv = models.CharField(_("title in Swedish"), max_length=200, blank=True, help_text=_("Title in Swedish."))
    title_en = models.CharField(_("title in English"), max_length=200, blank=True, help_text=_("Title in English."))
    file = models.FileField(_("file"), upload_to="processes/%Y/%m/",
                            help_text=_("PDF, PNG, JPEG or WebP; images lose their location data on upload."))
    created_at = models.DateTimeField(_("created at"), default=timezone.now, help_text=_("When it was added."))

    class Meta:
        verbose_name = _("attachment")
        verbose_name_plural = _("attachments")
        ordering = ["process", "created_at"]
        constraints = [models.CheckConstraint(condition=~Q(title_fi=""), name="attachment_title_fi_not_empty")]

    def title(self, language: str = "fi") -> str:
        return getattr(self, f"title_{language}", "") or self.title_fi
