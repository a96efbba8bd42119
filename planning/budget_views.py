"""The resident budget's public pages: parse, call one selector, render."""

from __future__ import annotations

from django.conf import settings
from django.http import Http404
from django.shortcuts import render
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from planning.budget_selectors import budget_allocations_geojson, budget_round_public, budget_rounds_public


def budget_round_list(request):
    """Every round residents may see, the newest first, each with its phase and what can be done now."""
    return render(request, "planning/budget_rounds.html", {"rounds": budget_rounds_public()})


def budget_round_page(request, pk: int):
    """A round's money by budget area: a table, and the same figures as a choropleth map."""
    budget = budget_round_public(pk)
    if budget is None:
        raise Http404(_("No such resident budget round."))
    language = (get_language() or "fi")[:2]
    allocations = budget_allocations_geojson(budget, language=language)
    rows = [feature["properties"] for feature in allocations["features"]]
    return render(request, "planning/budget_round.html", {
        "budget": budget, "name": budget.name(language), "rows": rows,
        "areas_sum": sum(row["amount"] for row in rows),
        "allocations": allocations,
        "map_config": {"tileUrl": settings.MAP_TILE_URL, "tileAttribution": settings.MAP_TILE_ATTRIBUTION,
                       "language": language},
        "map_labels": {"zoomIn": _("Zoom in"), "zoomOut": _("Zoom out"), "amount": _("Money"),
                       "population": _("Population"), "perResident": _("Per resident"),
                       "setByHand": _("Set by hand")},
    })
