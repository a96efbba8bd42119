"""The municipal initiatives' public pages: parse, call one selector, render."""

from __future__ import annotations

from django.http import Http404
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from planning.initiative_selectors import initiative_public, initiative_state_counts, initiatives_page
from planning.models.initiatives import InitiativeState


@require_safe
def initiative_list(request):
    """The city's initiatives with their state and decision, filtered by state, and how to make one."""
    state = request.GET.get("state", "")
    state = state if state in InitiativeState.values else ""
    counts = initiative_state_counts()
    return render(request, "planning/initiatives/list.html", {
        "page": initiatives_page(state=state, page=request.GET.get("page")),
        "state": state, "counts": counts, "total": sum(counts.values()),
        "state_choices": [(value, label, counts[value]) for value, label in InitiativeState.choices],
        "filter_query": f"state={state}&" if state else "",
    })


@require_safe
def initiative_detail(request, number: int):
    """One initiative: its texts, state, dates, supporters and the city's decision."""
    initiative = initiative_public(number)
    if initiative is None:
        raise Http404(_("No initiative addressed to Seinäjoki has this number."))
    return render(request, "planning/initiatives/detail.html", {"initiative": initiative,
                                                                "title": initiative.text("name")[0]})
