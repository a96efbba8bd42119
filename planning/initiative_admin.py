"""Admin of the municipal initiatives: read only. Initiatives come from kuntalaisaloite.fi through the
importer (``manage.py import_initiatives``), which keys them by their number there: a hand edit here
would be overwritten by the next import, so the admin shows the rows, each initiative's history and the
log of each import (with its refused rows) without changing them. An administrator may run an import
again from its source (in the worker).

planning/admin.py imports this module (``from planning import initiative_admin  # noqa: F401``)."""

from __future__ import annotations

from django.contrib import admin, messages
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from city.models import StaffRole
from city.permissions import has_role
from planning.models import Initiative, InitiativeEvent, InitiativeImport
from planning.services.initiatives import initiatives_import_enqueue


class _ReadOnly:
    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


class InitiativeEventInline(_ReadOnly, admin.TabularInline):
    model = InitiativeEvent
    fields = ["at", "action", "from_state", "to_state", "run"]
    readonly_fields = fields
    extra = 0


@admin.register(Initiative)
class InitiativeAdmin(_ReadOnly, admin.ModelAdmin):
    list_display = ["external_id", "name", "state", "published_on", "sent_on", "decided_on", "support_count"]
    list_filter = ["state", "type"]
    search_fields = ["name_fi", "name_sv", "=external_id"]
    date_hierarchy = "published_on"
    inlines = [InitiativeEventInline]

    @admin.display(description=_("name"))
    def name(self, obj):
        return obj.name_fi or obj.name_sv


@admin.register(InitiativeImport)
class InitiativeImportAdmin(_ReadOnly, admin.ModelAdmin):
    list_display = ["started_at", "source", "rows_read", "created", "updated", "unchanged", "refused",
                    "finished_at"]
    list_filter = ["finished_at"]
    actions = ["run_again"]

    def has_reimport_permission(self, request) -> bool:
        return request.user.is_superuser or has_role(request.user, StaffRole.ADMINISTRATOR)

    @admin.action(description=_("Import again from the same source (in the background)"),
                  permissions=["reimport"])
    def run_again(self, request, queryset):
        sources = sorted({(run.source, run.municipality_code) for run in queryset})
        for source, municipality in sources:
            initiatives_import_enqueue(source=source, municipality=municipality, actor=request.user)
        self.message_user(request, ngettext(
            "%(count)d import started; its log appears here when it is done.",
            "%(count)d imports started; their logs appear here when they are done.",
            len(sources)) % {"count": len(sources)}, messages.SUCCESS)
