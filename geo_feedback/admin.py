"""Admin for the feedback channel. Statuses change only through the status service."""

from django.contrib import admin, messages
from django.contrib.gis.admin import GISModelAdmin
from django.utils.functional import lazy
from django.utils.translation import gettext_lazy as _

from city.admin import LocalOSMWidget
from geo_feedback.models import Category, Feedback, FeedbackEvent, FeedbackPhoto, Open311ApiKey
from geo_feedback.open311.services import open311_key_assign
from geo_feedback.services.feedback import TransitionNotAllowed, feedback_transition
from geo_feedback.statuses import FeedbackStatus


@admin.register(Category)
class CategoryAdmin(admin.ModelAdmin):
    list_display = ["service_code", "name_fi", "group", "department", "location_required", "target_days",
                    "duplicate_radius_m", "is_active"]
    list_filter = ["group", "department", "is_active"]
    search_fields = ["service_code", "name_fi", "name_sv", "name_en"]


class EventInline(admin.TabularInline):
    """The ticket's history as it happened: nothing in it can be added, changed or removed here."""

    model = FeedbackEvent
    extra = 0
    can_delete = False
    fields = ["created_at", "actor", "action", "from_status", "to_status", "public_note", "internal_note"]
    readonly_fields = fields

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False


class PhotoInline(admin.TabularInline):
    model = FeedbackPhoto
    extra = 0
    readonly_fields = ["image", "thumbnail", "width", "height", "created_at"]
    fields = ["image", "thumbnail", "width", "height", "is_public", "created_at"]

    def has_add_permission(self, request, obj=None):
        return False


def _transition_action(status: str):
    def action(modeladmin, request, queryset):
        moved = 0
        for feedback in queryset:
            try:
                feedback_transition(feedback=feedback, to_status=status, actor=request.user)
                moved += 1
            except TransitionNotAllowed as error:
                modeladmin.message_user(request, f"{feedback.number}: {error}", messages.WARNING)
        modeladmin.message_user(request, _("%(count)d tickets moved.") % {"count": moved})

    action.__name__ = f"move_to_{status}"
    # Lazy as a whole: "%" on a lazy text would fix the label in the language active at import.
    action.short_description = lazy(lambda: _("Move to “%(status)s”") % {"status": FeedbackStatus(status).label},
                                    str)()
    return action


@admin.register(Feedback)
class FeedbackAdmin(GISModelAdmin):
    gis_widget = LocalOSMWidget
    list_display = ["number", "category", "kind", "status", "area", "channel", "supporter_count", "created_at"]
    list_filter = ["status", "kind", "channel", "category__group", "department"]
    search_fields = ["number", "description", "address_text"]
    date_hierarchy = "created_at"
    list_select_related = ["category", "area"]
    readonly_fields = ["number", "status", "status_changed_at", "supporter_count", "created_at", "updated_at",
                       "merged_into", "area", "department", "language"]
    inlines = [PhotoInline, EventInline]
    actions = [_transition_action(status) for status in (FeedbackStatus.IN_TRIAGE, FeedbackStatus.HANDLED,
                                                          FeedbackStatus.REJECTED)]

    def has_delete_permission(self, request, obj=None):
        # A ticket is never deleted, not even by a superuser: its number, history and the city's
        # figures stay whole. Spam is rejected (hidden from the public); personal data is redacted.
        return False


@admin.register(Open311ApiKey)
class Open311ApiKeyAdmin(admin.ModelAdmin):
    """Keys of Open311 clients: the key is shown once, when it is made; only its hash is stored."""

    list_display = ["name", "key_prefix", "is_active", "rate_per_hour", "created_at", "last_used_at"]
    list_filter = ["is_active"]
    search_fields = ["name", "key_prefix"]
    readonly_fields = ["key_prefix", "created_at", "last_used_at"]
    actions = ["disable_keys"]

    def get_fields(self, request, obj=None):
        return ["name", "is_active", "rate_per_hour"] if obj is None else [
            "name", "key_prefix", "is_active", "rate_per_hour", "created_at", "last_used_at"]

    def save_model(self, request, obj, form, change):
        key = None if change else open311_key_assign(obj)
        super().save_model(request, obj, form, change)
        if key:
            self.message_user(request, _("The key of “%(name)s” is %(key)s — copy it now: it is not shown again.")
                              % {"name": obj.name, "key": key}, messages.WARNING)

    @admin.action(description=_("Disable the selected keys"))
    def disable_keys(self, request, queryset):
        count = queryset.filter(is_active=True).update(is_active=False)
        self.message_user(request, _("Keys disabled: %(count)d.") % {"count": count})
