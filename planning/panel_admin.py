"""Admin of the panels: topics and panels are kept here; members join on the residents' pages (or staff add
councils' members on their own page), so a member is read here and removed through the service, which
erases the address with its unsent emails and writes the history. A member's secret token is never shown.
The history (``PanelEvent``) is read-only.

planning/admin.py imports this module (``from planning import panel_admin  # noqa: F401``)."""

from __future__ import annotations

from django.contrib import admin
from django.db.models import Count, Q
from django.utils.translation import gettext_lazy as _

from planning.models import Panel, PanelEvent, PanelMember, PanelTopic
from planning.services.panels import panel_member_remove


@admin.register(PanelTopic)
class PanelTopicAdmin(admin.ModelAdmin):
    list_display = ["name_fi", "name_sv", "name_en", "code"]
    search_fields = ["code", "name_fi", "name_sv", "name_en"]
    prepopulated_fields = {"code": ["name_fi"]}


@admin.register(Panel)
class PanelAdmin(admin.ModelAdmin):
    list_display = ["name_fi", "kind", "accepts_members", "confirmed_members", "department"]
    list_filter = ["kind", "accepts_members"]
    search_fields = ["name_fi", "name_sv", "name_en", "slug"]
    prepopulated_fields = {"slug": ["name_fi"]}
    filter_horizontal = ["topics"]
    fieldsets = [
        (None, {"fields": ["kind", "slug", "name_fi", "name_sv", "name_en", "department", "topics",
                           "accepts_members", "contact_email"]}),
        (_("Description"), {"fields": ["description_fi", "description_sv", "description_en"]}),
        (_("Experience-expert group"), {"fields": ["service_fi", "service_sv", "service_en", "criteria_fi",
                                                   "criteria_sv", "criteria_en"]}),
    ]

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("department").annotate(
            confirmed_count=Count("members", filter=Q(members__confirmed_at__isnull=False)))

    @admin.display(description=_("confirmed members"), ordering="confirmed_count")
    def confirmed_members(self, obj):
        return obj.confirmed_count


@admin.register(PanelMember)
class PanelMemberAdmin(admin.ModelAdmin):
    """Read here; residents change their own choices by their link, staff keep councils on their page."""

    list_display = ["__str__", "panel", "language", "joined_at", "confirmed_at"]
    list_filter = ["panel", ("confirmed_at", admin.EmptyFieldListFilter)]
    list_select_related = ["panel"]
    fields = ["panel", "name", "email", "language", "topics", "areas", "joined_at", "confirmed_at", "added_by"]
    readonly_fields = fields

    def has_add_permission(self, request, obj=None):
        return False  # residents join an open panel themselves; councils' members are added on the staff page

    def has_change_permission(self, request, obj=None):
        return False

    def delete_model(self, request, obj):
        panel_member_remove(member=obj, actor=request.user)

    def delete_queryset(self, request, queryset):
        for member in queryset:
            panel_member_remove(member=member, actor=request.user)


@admin.register(PanelEvent)
class PanelEventAdmin(admin.ModelAdmin):
    """The history: by member number only, written by the services."""

    list_display = ["created_at", "panel", "action", "member_number", "message", "actor"]
    list_filter = ["action", "panel"]
    list_select_related = ["panel", "message", "actor"]
    fields = ["panel", "action", "member_number", "message", "actor", "created_at"]
    readonly_fields = fields

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
