"""Public pages of the city core: the area map."""

from django.conf import settings
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from city.geocoding import MAX_QUERY_LENGTH, geocoder
from city.place_areas import places_with_areas
from city.selectors import area_table

PLACE_RESULTS = 10


def area_map(request):
    """The city's residential areas on a map, with the same facts as a list beside it; each area links
    to its own page, and an address search (``?osoite=``) answers with links to the areas the places
    lie in (no script needed)."""
    language = (get_language() or "fi")[:2]
    query = request.GET.get("osoite", "").strip()[:MAX_QUERY_LENGTH].replace("\x00", "")
    places = None
    if "osoite" in request.GET:
        found = geocoder().search(query, PLACE_RESULTS, language=language) if query else []
        places = places_with_areas(found, language=language)
    # The area pages live with the planning map (named, not imported: the city core imports neither half).
    area_page_prefix = reverse("participation_map:area", args=["CODE"]).removesuffix("CODE/")
    return render(
        request,
        "city/area_map.html",
        {
            "areas": area_table(language=language),
            "query": query,
            "places": places,
            "map_config": {
                "areasUrl": f"/api/v1/areas/?lang={language}",
                "areaPagePrefix": area_page_prefix,
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
                "areaPage": _("%(name)s: the area's own page"),
                "loadFailed": _("The map could not load the areas. The list beside the map works without it."),
            },
        },
    )
