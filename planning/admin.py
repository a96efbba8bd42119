"""Admin of participation processes. The phase is read-only here: only the phase service moves it, and
planners move it on their own page. A boundary drawn on the map is saved through the boundary service,
so the affected areas and their residents' proposals follow in the same transaction; comments are
moderated through the moderation service, with a reason kept in the history."""

from __future__ import annotations

from django import forms
from django.contrib import admin, messages
from django.contrib.gis.admin import GISModelAdmin
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from city.admin import LocalOSMWidget
from city.forms import BoundaryField
from city.geometry import GeometryRefused
from planning.models import (
    AffectedArea,
    Attachment,
    Comment,
    PhaseSchedule,
    Process,
    ProcessAction,
    ProcessEvent,
)
from planning.services.areas import process_boundary_set
from planning.services.attachments import attachment_file_clean
from planning.services.comments import ActionRefused, comment_moderate


class ReadOnlyInline(admin.TabularInline):
    """Rows only a service writes: shown, never added, changed or removed here."""

    extra = 0
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


class PhaseScheduleInline(admin.TabularInline):
    model = PhaseSchedule
    extra = 0


class AttachmentForm(forms.ModelForm):
    """An upload is checked and, if an image, stripped of its metadata before it is stored."""

    class Meta:
        model = Attachment
        fields = ["kind", "title_fi", "title_sv", "title_en", "file"]

    def clean_file(self):
        upload = self.cleaned_data.get("file")
        if upload is None or not hasattr(upload, "content_type"):  # unchanged: the stored file stays
            return upload
        return attachment_file_clean(upload)


class AttachmentInline(admin.TabularInline):
    model = Attachment
    form = AttachmentForm
    extra = 0
    fields = ["kind", "title_fi", "title_sv", "title_en", "file", "created_at"]
    readonly_fields = ["created_at"]


class AffectedAreaInline(ReadOnlyInline):
    """Computed by PostGIS from the boundary; never typed by hand."""

    model = AffectedArea
    fields = ["area", "share_inside", "distance_m", "residents_estimate"]
    readonly_fields = fields


class EventInline(ReadOnlyInline):
    """The process's history as it happened."""

    model = ProcessEvent
    fields = ["created_at", "actor", "action", "from_phase", "to_phase", "reason", "details"]
    readonly_fields = fields
    ordering = ["-created_at", "-id"]


@admin.register(Process)
class ProcessAdmin(GISModelAdmin):
    gis_widget = LocalOSMWidget
    gis_widget_kwargs = {"attrs": {"default_lat": 62.79, "default_lon": 22.84, "default_zoom": 11}}
    list_display = ["name_fi", "kind", "phase", "statutory_step", "department", "published", "updated_at"]
    list_filter = ["kind", "phase", "statutory_step", "published", "department"]
    search_fields = ["name_fi", "name_sv", "name_en", "diary_number"]
    list_select_related = ["department"]
    readonly_fields = ["phase", "planner_page", "version", "created_at", "updated_at"]
    autocomplete_fields = ["planners", "area"]
    inlines = [PhaseScheduleInline, AttachmentInline, AffectedAreaInline, EventInline]
    fieldsets = [
        (None, {"fields": ["kind", "name_fi", "name_sv", "name_en", "diary_number", "department", "planners",
                           "published", "requires_sign_in"]}),
        (_("Phase"), {"fields": ["phase", "planner_page", "statutory_step"]}),
        (_("Summary"), {"fields": ["summary_fi", "summary_sv", "summary_en"]}),
        (_("Place"), {"fields": ["boundary", "neighbour_distance_m", "area"]}),
        (_("Closing report"), {"fields": ["closing_summary_fi", "closing_summary_sv", "closing_summary_en"]}),
        (_("Record"), {"fields": ["version", "created_at", "updated_at"]}),
    ]

    @admin.display(description=_("moved on the planners' page"))
    def planner_page(self, process: Process) -> str:
        if process.pk is None:
            return "–"
        return format_html('<a href="{}">{}</a>', reverse("plan_staff:plan", args=[process.pk]),
                           _("Move the phase on the planners' page"))

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        if db_field.name == "boundary":  # the importer's rules: refused with a reason, or repaired
            kwargs["form_class"] = BoundaryField
        return super().formfield_for_dbfield(db_field, request, **kwargs)

    @transaction.atomic
    def save_model(self, request, obj, form, change):
        """Save what the form changed, never the phase or the version (a phase move made meanwhile
        stays), and the boundary through the boundary service."""
        boundary_changed = "boundary" in form.changed_data
        boundary = obj.boundary
        if not change:
            obj.boundary = None
            super().save_model(request, obj, form, change)
            ProcessEvent.objects.create(process=obj, action=ProcessAction.CREATED, actor=request.user,
                                        details={"source": "admin"})
        else:
            fields = [name for name in form.changed_data
                      if name != "boundary" and not Process._meta.get_field(name).many_to_many]
            if fields:
                obj.updated_at = timezone.now()
                obj.save(update_fields=[*fields, "updated_at"])
        if boundary_changed:
            try:
                process_boundary_set(process=obj, boundary=boundary, actor=request.user, source="admin")
            except GeometryRefused as refusal:
                self.message_user(request, _("The boundary was not saved: %(reason)s") % {"reason": refusal},
                                  messages.ERROR)
            obj.refresh_from_db()


class CommentModerationForm(forms.ModelForm):
    """A comment is read, not edited, here; a moderator may publish or hide it, with a reason."""

    decision = forms.ChoiceField(label=_("Moderation decision"), required=False, choices=[
        ("", _("No change")), ("publish", _("Publish")), ("hide", _("Hide"))])
    decision_reason = forms.CharField(label=_("Reason of the decision"), required=False, max_length=2000,
                                      widget=forms.Textarea(attrs={"rows": 2}),
                                      help_text=_("Required with a decision; kept in the plan's history."))

    class Meta:
        model = Comment
        fields = []

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("decision") and not (cleaned.get("decision_reason") or "").strip():
            self.add_error("decision_reason", _("Give the reason for the decision; it is kept in the history."))
        return cleaned


@admin.register(Comment)
class CommentAdmin(GISModelAdmin):
    gis_widget = LocalOSMWidget
    form = CommentModerationForm
    list_display = ["short_text", "process", "phase", "status", "group", "age_band", "flag_count", "like_count",
                    "answered", "created_at"]
    list_filter = ["status", "phase", "group", "age_band", "process"]
    search_fields = ["text"]
    list_select_related = ["process"]
    date_hierarchy = "created_at"
    ordering = ["-created_at", "-id"]
    readonly_fields = ["process", "phase", "text", "geometry", "group", "age_band", "language", "status",
                       "like_count", "flag_count", "answer", "created_at"]
    fieldsets = [
        (None, {"fields": readonly_fields}),
        (_("Moderation"), {"fields": ["decision", "decision_reason"]}),
    ]

    @admin.display(description=_("comment"))
    def short_text(self, comment: Comment) -> str:
        return comment.text if len(comment.text) <= 80 else comment.text[:79] + "…"

    @admin.display(description=_("answered"), boolean=True)
    def answered(self, comment: Comment) -> bool:
        return comment.answer_id is not None

    def has_add_permission(self, request):
        return False  # residents write comments, on the plan's page or through the API

    def has_delete_permission(self, request, obj=None):
        return False  # hidden with a reason instead: the history and the report stay whole

    def save_model(self, request, obj, form, change):
        decision = form.cleaned_data.get("decision")
        if not decision:
            return
        try:
            comment_moderate(comment=obj, publish=decision == "publish",
                             reason=form.cleaned_data["decision_reason"], actor=request.user)
        except ActionRefused as refused:
            self.message_user(request, str(refused), messages.ERROR)

from planning import (
    budget_admin,  # noqa: E402,F401  (registers the resident budget's admin)
    initiative_admin,  # noqa: E402,F401  (registers the initiatives' admin)
    panel_admin,  # noqa: E402,F401  (registers the panels' admin)
    participation_report_admin,  # noqa: E402,F401  (registers the report's admin)
)
