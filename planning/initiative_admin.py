"""Admin of the municipal initiatives: read only. Initiatives come from kuntalaisaloite.fi through the
importer (``manage.py import_initiatives``), which keys them by their number there: a hand edit here
would be overwritten by the next import, so the admin shows the rows, each initiative's history and the
log of each import (with its refused rows) without changing them.

planning/admin.py imports this module (``from planning import initiative_admin  # noqa: F401``)."""

from __future__ import annotations

from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from planning.models import Initiative, InitiativeEvent, InitiativeImport


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
