from django import forms
from django.contrib import admin
from django.contrib.gis.admin import GISModelAdmin
from django.contrib.gis.forms.widgets import OSMWidget
from django.utils.translation import gettext_lazy as _

from city.forms import BoundaryField
from city.geometry import GeometryRefused, geometry_from_text
from city.models import Area, AreaImport, Department, Notification, Place, StaffProfile, StaffRole


class LocalOSMWidget(OSMWidget):
    """Django's OpenStreetMap widget with OpenLayers served from our own static files (no CDN).

    A value it cannot read (sent back with a form error) is shown as an empty map instead of a
    GDAL error while the page is drawn.
    """

    class Media:
        extend = False  # replace, not add to, the parent's CDN links
        css = {"all": ("vendor/ol/ol.css", "gis/css/ol3.css")}
        js = ("vendor/ol/ol.js", "gis/js/OLMapWidget.js")

    def deserialize(self, value):
        try:
            geometry = geometry_from_text(value)
        except GeometryRefused:
            return None
        if value.lstrip().startswith("{") and self.map_srid != 4326:
            geometry.srid = self.map_srid
        return geometry


@admin.register(Area)
class AreaAdmin(GISModelAdmin):
    gis_widget = LocalOSMWidget
    gis_widget_kwargs = {"attrs": {"default_lat": 62.79, "default_lon": 22.84, "default_zoom": 9}}
    list_display = ["code", "name_fi", "name_sv", "kind", "parent", "population", "population_source"]
    list_filter = ["kind", "population_source"]
    search_fields = ["code", "name_fi", "name_sv"]
    autocomplete_fields = ["parent"]

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        if db_field.name == "boundary":  # the importer's rules: refused with a reason, or repaired
            kwargs["form_class"] = BoundaryField
        return super().formfield_for_dbfield(db_field, request, **kwargs)


@admin.register(AreaImport)
class AreaImportAdmin(admin.ModelAdmin):
    list_display = ["source", "kind", "source_crs", "created", "updated", "repaired", "imported_at"]
    readonly_fields = [field.name for field in AreaImport._meta.fields]

    def has_add_permission(self, request):
        return False


@admin.register(Department)
class DepartmentAdmin(admin.ModelAdmin):
    list_display = ["name_fi", "code", "is_external", "email"]
    search_fields = ["code", "name_fi", "name_sv", "name_en"]


@admin.register(Place)
class PlaceAdmin(GISModelAdmin):
    gis_widget = LocalOSMWidget
    list_display = ["name", "street_address", "postcode", "kind"]
    search_fields = ["name", "street_address", "postcode"]


class StaffProfileForm(forms.ModelForm):
    """Roles as checkboxes: one person may hold several."""

    roles = forms.TypedMultipleChoiceField(
        choices=StaffRole.choices, widget=forms.CheckboxSelectMultiple, label=_("Roles"),
        help_text=_("What they may see and do; one person may hold several roles."),
    )

    class Meta:
        model = StaffProfile
        fields = ["user", "roles", "department"]


@admin.register(StaffProfile)
class StaffProfileAdmin(admin.ModelAdmin):
    form = StaffProfileForm
    list_display = ["user", "role_list", "department"]
    list_filter = ["department"]
    search_fields = ["user__username", "user__first_name", "user__last_name"]
    autocomplete_fields = ["user"]

    @admin.display(description=_("Roles"))
    def role_list(self, profile: StaffProfile) -> str:
        return ", ".join(profile.role_labels())


@admin.register(Notification)
class NotificationAdmin(admin.ModelAdmin):
    """The outbox, read-only: what was queued, about what, and whether it went out."""

    list_display = ["about_type", "about_id", "kind", "recipient", "created_at", "enqueued_at", "sent_at", "attempts"]
    list_filter = ["about_type", "kind"]
    readonly_fields = [field.name for field in Notification._meta.fields]

    def has_add_permission(self, request):
        return False
