"""A resident budget round's results for residents: parse, call one selector, render."""

from __future__ import annotations

from django.conf import settings
from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from planning.models import BudgetPhase
from planning.result_selectors import budget_pabulib, budget_results_geojson, budget_results_json, budget_results_round


def _language() -> str:
    return (get_language() or "fi")[:2]


def budget_results_page(request, pk: int):
    """Both rules' outcomes side by side in each section (the official one marked), and the winners on a map."""
    language = _language()
    results = budget_results_json(pk, language=language)
    if results is None:
        raise Http404(_("No such resident budget round."))
    budget = budget_results_round(pk)
    in_results = budget.phase == BudgetPhase.RESULTS
    sections = results["sections"] if in_results else []
    for section in sections:
        section["greedy"], section["mes"] = section["rules"]["greedy"], section["rules"]["mes"]
    geojson = budget_results_geojson(budget, language=language) if sections else None
    return render(request, "planning/budget_results.html", {
        "budget": budget, "results": results, "sections": sections, "in_results": in_results,
        "geojson": geojson,
        "map_config": {"tileUrl": settings.MAP_TILE_URL, "tileAttribution": settings.MAP_TILE_ATTRIBUTION,
                       "language": language},
        "map_labels": {"zoomIn": _("Zoom in"), "zoomOut": _("Zoom out"), "votes": _("Votes"), "cost": _("Cost"),
                       "selected": _("Selected"), "notSelected": _("Not selected"),
                       "selectedLegend": _("Selected by the official rule"),
                       "notSelectedLegend": _("Not selected by the official rule")},
    })


def budget_results_pabulib(request, pk: int, code: str):
    """One section's results as a Pabulib file (META, PROJECTS, VOTES), for researchers' tools."""
    budget = budget_results_round(pk)
    text = None if budget is None else budget_pabulib(budget, code)
    if text is None:
        raise Http404(_("This round has no results for that area yet."))
    response = HttpResponse(text, content_type="text/plain; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="asukasbudjetti-{pk}-{code}.pb"'
    return response
