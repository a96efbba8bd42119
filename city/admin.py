from django import forms
from django.contrib import admin
from django.contrib.gis.admin import GISModelAdmin
from django.contrib.gis.forms.widgets import OSMWidget
from django.utils.translation import gettext_lazy as _

from city.forms import BoundaryField
from city.geometry import GeometryRefused, geometry_from_text
from city.models import (
    Area,
    AreaChannel,
    AreaImport,
    Department,
    MeetingPlace,
    Notification,
    Place,
    StaffProfile,
    StaffRole,
)


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


@admin.register(AreaChannel)
class AreaChannelAdmin(admin.ModelAdmin):
    """The directory of the areas' own channels (Facebook and WhatsApp groups, sites, notice boards),
    shown on each area's page. Only groups and associations, never a private person's details."""

    list_display = ["name", "area", "kind", "kept_by", "checked_on"]
    list_filter = ["kind", "area"]
    search_fields = ["name", "kept_by", "area__name_fi", "area__code"]
    autocomplete_fields = ["area"]
    fields = ["area", "kind", "name", "url", "how_to_join", "kept_by", "checked_on"]


class MeetingPlaceForm(forms.ModelForm):
    """The place must lie in the area it is listed under (within a metre: a pin on the border counts)."""

    class Meta:
        model = MeetingPlace
        fields = ["area", "name", "street_address", "location", "capacity", "accessible", "how_to_book",
                  "booking_url", "door"]

    def clean(self):
        cleaned = super().clean()
        area, location = cleaned.get("area"), cleaned.get("location")
        if area is not None and location is not None and not Area.objects.filter(
                pk=area.pk, boundary__dwithin=(location, 1)).exists():
            self.add_error("location", _("The place lies outside the area “%(area)s”. Move the pin into the area, "
                                         "or choose the area it lies in.") % {"area": area.name_fi})
        return cleaned


@admin.register(MeetingPlace)
class MeetingPlaceAdmin(GISModelAdmin):
    """Rooms and halls residents can meet in, with how to book them and how the door opens: shown on
    each area's page, on its map and in the list beside it. The location is set on the map."""

    form = MeetingPlaceForm
    gis_widget = LocalOSMWidget
    gis_widget_kwargs = {"attrs": {"default_lat": 62.79, "default_lon": 22.84, "default_zoom": 10}}
    list_display = ["name", "area", "street_address", "capacity", "accessible"]
    list_filter = ["accessible", "area"]
    search_fields = ["name", "street_address", "area__name_fi", "area__code"]
    autocomplete_fields = ["area"]
