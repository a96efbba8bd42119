"""Public pages of the city core: the area map."""

from django.conf import settings
from django.shortcuts import render
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from city.selectors import area_table


def area_map(request):
    """The city's residential areas on a map, with the same facts as a list beside it."""
    language = get_language() or "fi"
    return render(
        request,
        "city/area_map.html",
        {
            "areas": area_table(language=language),
            "map_config": {
                "areasUrl": f"/api/v1/areas/?lang={language}",
                "tileUrl": settings.MAP_TILE_URL,
                "tileAttribution": settings.MAP_TILE_ATTRIBUTION,
                "language": language,
            },
            "map_labels": {
                "population": _("Population"),
                "estimate": _("estimate"),
                "budgetArea": _("Resident budget area"),
                "code": _("Code"),
                "zoomIn": _("Zoom in"),
                "zoomOut": _("Zoom out"),
                "noArea": _("Not in any resident budget area"),
                "loadFailed": _("The map could not load the areas. The list beside the map works without it."),
            },
        },
    )
