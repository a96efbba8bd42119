from django.contrib import admin
from django.contrib.gis.admin import GISModelAdmin
from django.contrib.gis.forms.widgets import OSMWidget

from planning.models import Area, AreaImport


class LocalOSMWidget(OSMWidget):
    """Django's OpenStreetMap widget with OpenLayers served from our own static files (no CDN)."""

    class Media:
        extend = False  # replace, not add to, the parent's CDN links
        css = {"all": ("vendor/ol/ol.css", "gis/css/ol3.css")}
        js = ("vendor/ol/ol.js", "gis/js/OLMapWidget.js")


@admin.register(Area)
class AreaAdmin(GISModelAdmin):
    gis_widget = LocalOSMWidget
    gis_widget_kwargs = {"attrs": {"default_lat": 62.79, "default_lon": 22.84, "default_zoom": 9}}
    list_display = ["code", "name_fi", "name_sv", "kind", "parent", "population", "population_source"]
    list_filter = ["kind", "population_source"]
    search_fields = ["code", "name_fi", "name_sv"]
    autocomplete_fields = ["parent"]


@admin.register(AreaImport)
class AreaImportAdmin(admin.ModelAdmin):
    list_display = ["source", "kind", "source_crs", "created", "updated", "repaired", "imported_at"]
    readonly_fields = [field.name for field in AreaImport._meta.fields]

    def has_add_permission(self, request):
        return False
