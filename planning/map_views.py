"""The planning map's pages: parse, call one selector, render.

The area view (``alue/<code>/``) is the one place an area's facts are drawn: a page of its own that
works without the map and without JavaScript, and the same template as a panel (``paneeli/``) that the
map page loads into its side panel. The plan view is built the same way.
"""

from __future__ import annotations

from datetime import date

from django.conf import settings
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from city.geocoding import MAX_QUERY_LENGTH, geocoder
from planning.map_selectors import (
    area_participation,
    participation_layers,
    places_with_areas,
    plan_choices,
    plan_participation,
    residential_area_choices,
)
from planning.models import Phase

BUDGET_STEPS = 5  # the choropleth's classes, light to dark (the tokens' scale-1 … scale-5)
PLACE_RESULTS = 10
LARGEST_ID = 2**63 - 1  # a bigint: a larger number in the path is no plan, not a database error


def _language() -> str:
    return (get_language() or "fi")[:2]


def _budget_legend(layers: dict) -> list[dict]:
    """The money classes of the budget areas' shading: five equal steps from 0 to the largest amount."""
    amounts = [f["properties"]["amount"] or 0 for f in layers["budget_areas"]["features"]]
    highest = max(amounts, default=0)
    return [{"step": index + 1, "low": highest * index // BUDGET_STEPS, "high": highest * (index + 1) // BUDGET_STEPS}
            for index in range(BUDGET_STEPS)] if highest else []


def participation_map(request):
    """The map page: the layers, the legend, and three ways to choose an area (the map, a list, an address)."""
    language = _language()
    layers = participation_layers(language=language)
    query = request.GET.get("osoite", "").strip()[:MAX_QUERY_LENGTH].replace("\x00", "")
    places = None
    if "osoite" in request.GET:
        places = places_with_areas(geocoder().search(query, PLACE_RESULTS, language=language), language=language)
    return render(request, "planning/participation_map.html", {
        "layers": layers,
        "round": layers["round"],
        "area_choices": residential_area_choices(layers),
        "plan_choices": plan_choices(layers),
        "phases": [(int(phase), phase.label) for phase in Phase],
        "budget_legend": _budget_legend(layers),
        "query": query,
        "places": places,
        "map_config": {"tileUrl": settings.MAP_TILE_URL, "tileAttribution": settings.MAP_TILE_ATTRIBUTION,
                       "language": language, "placesUrl": "/api/v1/places/", "areasUrl": "/api/v1/areas/",
                       "panelPrefix": reverse("participation_map:area", args=["CODE"]).removesuffix("CODE/"),
                       "planPrefix": reverse("participation_map:plan", args=[0]).removesuffix("0/")},
        "map_labels": {
            "zoomIn": _("Zoom in"), "zoomOut": _("Zoom out"),
            "phase": _("Phase %(number)s/6: %(name)s"), "money": _("Money"), "proposals": _("Proposals"),
            "feedbackOpen": _("Open feedback"), "feedbackReceived": _("Feedback in the last 12 months"),
            "showArea": _("Show this area's facts"), "showPlan": _("Show the plan's areas and groups"),
            "loading": _("Loading…"), "loadFailed": _("The facts could not be loaded. Open the area's own page instead."),
            "areaShown": _("Showing the facts of %(name)s."), "planShown": _("Showing the plan %(name)s."),
            "notInArea": _("The place is not inside any residential area of the city."),
            "searching": _("Searching…"), "noResults": _("No places found. Try another name, address or postal code."),
            "results": _("Places found: choose one."), "searchFailed": _("The search did not work. Try again, or "
                                                                        "choose the area from the list."),
        },
    })


def participation_choose(request):
    """The list's form without JavaScript: ``?alue=CODE`` opens the area view, ``?kaava=ID`` the plan view."""
    code = request.GET.get("alue", "").strip()
    plan = request.GET.get("kaava", "").strip()
    if code and "\x00" not in code and len(code) <= 40:
        return redirect("participation_map:area", code=code)
    if plan.isascii() and plan.isdigit() and len(plan) <= 18:
        return redirect("participation_map:plan", pk=int(plan))
    return redirect("participation_map:map")


def _area_context(code: str, *, with_boundary: bool = False) -> dict:
    facts = area_participation(code, language=_language(), with_boundary=with_boundary)
    if facts is None:
        raise Http404(_("No residential area has this code."))
    for channel in facts["channels"]:  # a date to format in the page's language; the JSON keeps ISO
        channel["checked_date"] = date.fromisoformat(channel["checked_on"]) if channel["checked_on"] else None
    return {"facts": facts, "language": _language()}


def area_page(request, code: str):
    """An area's page: its boundary and meeting places on a small map, and every fact in words beside
    and below it (channels, meeting places, plans, groups, budget, feedback): nothing is on the map only,
    and the page works without script."""
    context = _area_context(code, with_boundary=True)
    facts = context["facts"]
    return render(request, "planning/participation_area.html", {
        **context, "h": 1, "show_map": True,
        "area_map": {"boundary": facts.pop("boundary"), "meeting_places": facts["meeting_places"]},
        "map_config": {"tileUrl": settings.MAP_TILE_URL, "tileAttribution": settings.MAP_TILE_ATTRIBUTION,
                       "language": _language()},
        "map_labels": {"zoomIn": _("Zoom in"), "zoomOut": _("Zoom out"),
                       "capacity": _("Capacity"), "people": _("people"),
                       "stepFree": _("Step-free access"), "notStepFree": _("Step-free access not confirmed")},
    })


def area_panel(request, code: str):
    """The same facts as a piece of HTML for the map page's panel."""
    return render(request, "planning/_participation_area.html", {**_area_context(code), "h": 3})


def _plan_context(pk: int) -> dict:
    facts = plan_participation(pk, language=_language()) if pk <= LARGEST_ID else None
    if facts is None:
        raise Http404(_("No such plan."))
    return {"facts": facts, "language": _language()}


def plan_page(request, pk: int):
    """A plan's affected areas with their budget areas' money, and the groups it affects."""
    return render(request, "planning/participation_plan.html", {**_plan_context(pk), "h": 1})


def plan_panel(request, pk: int):
    return render(request, "planning/_participation_plan.html", {**_plan_context(pk), "h": 3})
