"""Admin of the participation report: events' participants and targets are normally entered on the staff
page (/henkilosto/osallistumisraportti/); here administrators can read and correct them. The computed
reports are read-only: they are the job's cache, emptied by deleting a row (the next request computes it).

planning/admin.py imports this module (``from planning import participation_report_admin  # noqa: F401``)."""

from __future__ import annotations

from django.contrib import admin

from planning.models import EventAttendance, ParticipationReport, ParticipationTarget


@admin.register(EventAttendance)
class EventAttendanceAdmin(admin.ModelAdmin):
    list_display = ["held_on", "name", "department", "participants", "area", "entered_by"]
    list_filter = ["department"]
    date_hierarchy = "held_on"
    search_fields = ["name"]
    autocomplete_fields = ["area"]
    readonly_fields = ["entered_by", "created_at"]


@admin.register(ParticipationTarget)
class ParticipationTargetAdmin(admin.ModelAdmin):
    list_display = ["year", "department", "metric", "value", "set_by", "updated_at"]
    list_filter = ["year", "department", "metric"]
    readonly_fields = ["set_by", "updated_at"]


@admin.register(ParticipationReport)
class ParticipationReportAdmin(admin.ModelAdmin):
    list_display = ["year", "department", "status", "progress", "finished_at"]
    list_filter = ["status", "year"]
    readonly_fields = ["year", "department", "status", "progress", "step", "fingerprint", "figures", "error",
                       "queued_at", "started_at", "finished_at"]

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False
