"""Residents' pages of budget proposals: parse, call one service or selector, render.

The list is the route without the map: every proposal on the map is a row of the list (a proposal
for a whole area or the city is only in the list), and the form takes a place without the map too
(the place search, an area from a list, the whole city).
"""

from __future__ import annotations

import json
import mimetypes

from django.conf import settings
from django.contrib import messages
from django.contrib.gis.geos import Point
from django.core.files.storage import default_storage
from django.http import FileResponse, Http404, JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST, require_safe

from city.geocoding import geocoder
from city.querysets import to_api
from planning.api.proposal_throttling import proposal_slot
from planning.budget_selectors import budget_round_public, budget_section_amount
from planning.identity import current_resident, resident_required
from planning.models import PROPOSAL_COMMENT_MAX, PROPOSAL_TEXT_MAX, PROPOSAL_TITLE_MAX, BudgetPhase, ProposalStatus
from planning.proposal_forms import (
    STATUS_FILTER_CHOICES,
    ProposalCommentForm,
    ProposalForm,
    ProposalPlace,
)
from planning.proposal_selectors import (
    proposal_coauthors,
    proposal_comments_public,
    proposal_history_public,
    proposal_photo_by_file,
    proposal_visible,
    proposals_features,
    proposals_list_page,
    proposals_similar,
    round_budget_areas,
)
from planning.services.proposal_review import proposal_may_review
from planning.services.proposals import (
    PROPOSAL_PHOTOS_MAX,
    ProposalRefused,
    proposal_by_email_stop_token,
    proposal_comment_add,
    proposal_create,
    proposal_edit,
    proposal_email_stop,
    proposal_withdraw,
)

PHOTO_TYPES = "image/jpeg,image/png,image/webp"


def _language() -> str:
    return (get_language() or "fi")[:2]


def _round_or_404(pk: int):
    budget = budget_round_public(pk)
    if budget is None:
        raise Http404(_("No such resident budget round."))
    return budget


def _map_config(language: str) -> dict:
    return {"tileUrl": settings.MAP_TILE_URL, "tileAttribution": settings.MAP_TILE_ATTRIBUTION,
            "language": language, "placesUrl": "/api/v1/places/"}


def _map_labels() -> dict:
    return {
        "zoomIn": _("Zoom in"), "zoomOut": _("Zoom out"), "pin": _("The place of the proposal"),
        "chosen": _("Chosen place"), "notChosen": _("No place chosen yet."),
        "searching": _("Searching…"),
        "noResults": _("No places found. Try another name, address or postal code."),
        "results": _("Places found: choose one."),
        "searchFailed": _("The search did not work. Try again, or choose another way to place your proposal."),
        "similarNone": _("No similar proposals found so far."),
        "similarSome": _("Similar proposals: read them before you send; you can comment on or add to one of them "
                         "instead."),
        "metres": _("%(metres)s m away"), "sameWords": _("similar words"),
        "cost": _("Cost estimate"), "status": _("Status"), "open": _("Open the proposal"),
    }


# The list and map ---------------------------------------------------------------------------------

@require_safe
def proposal_list(request, round_pk: int):
    """A round's proposals: filters by area and status (a GET form), a paginated list and the map."""
    budget = _round_or_404(round_pk)
    language = _language()
    areas = round_budget_areas(budget)
    codes = {area.code for area in areas} | {"city"}
    area = request.GET.get("area", "")
    area = area if area in codes else ""
    status = request.GET.get("status", "")
    status = status if status in dict(STATUS_FILTER_CHOICES) else ""
    page = proposals_list_page(budget, area=area, status=status, page=request.GET.get("page"))
    features = proposals_features(budget, area=area, status=status, language=language)
    query = request.GET.copy()
    query.pop("page", None)
    return render(request, "planning/proposals/list.html", {
        "budget": budget, "name": budget.name(language), "areas": [(a.code, a.name(language)) for a in areas],
        "area": area, "status": status, "status_choices": STATUS_FILTER_CHOICES, "page": page,
        "filter_query": query.urlencode(),
        "may_propose": budget.phase == BudgetPhase.PROPOSALS,
        "collection": {"type": "FeatureCollection", "features": json.loads(features.features_json)},
        "map_config": _map_config(language), "map_labels": _map_labels(),
    })


# One proposal -------------------------------------------------------------------------------------

def _detail(request, proposal, *, comment_form=None, status=200):
    language = _language()
    amount = budget_section_amount(proposal.round, proposal.area)
    resident = current_resident(request)
    accepts_comments = (proposal.round.phase in (BudgetPhase.PROPOSALS, BudgetPhase.REVIEW)
                        and proposal.status in (ProposalStatus.SUBMITTED, ProposalStatus.FEASIBLE,
                                                ProposalStatus.INFEASIBLE))
    is_author = request.user.is_authenticated and proposal.author_id == request.user.pk
    over = (proposal.status == ProposalStatus.FEASIBLE and proposal.cost_estimate is not None
            and amount is not None and proposal.cost_estimate > amount)
    return render(request, "planning/proposals/detail.html", {
        "proposal": proposal, "budget": proposal.round, "name": proposal.round.name(language),
        "area_name": proposal.area.name(language) if proposal.area else _("The whole city"),
        "amount": amount, "over": over,
        "photos": list(proposal.photos.all()),
        "coauthors": proposal_coauthors(proposal),
        "comments": list(proposal_comments_public(proposal)),
        "history": list(proposal_history_public(proposal)),
        "accepts_comments": accepts_comments, "resident": resident,
        "comment_form": comment_form or ProposalCommentForm(),
        "is_author": is_author,
        "may_edit": is_author and proposal.round.phase == BudgetPhase.PROPOSALS
        and proposal.status == ProposalStatus.SUBMITTED,
        "may_withdraw": is_author and proposal.round.phase in (BudgetPhase.PROPOSALS, BudgetPhase.REVIEW)
        and proposal.status in (ProposalStatus.SUBMITTED, ProposalStatus.FEASIBLE, ProposalStatus.INFEASIBLE),
        "may_review": proposal_may_review(request.user),
        "point": _point_4326(proposal.location),
        "map_config": _map_config(language), "map_labels": _map_labels(),
        "comment_max": PROPOSAL_COMMENT_MAX,
    }, status=status)


def _point_4326(location) -> dict | None:
    if location is None:
        return None
    point = to_api(location)
    return {"lon": round(point.x, 6), "lat": round(point.y, 6)}


@require_safe
def proposal_detail(request, pk: int):
    proposal = proposal_visible(pk, request.user)
    if proposal is None:
        raise Http404(_("No such proposal."))
    return _detail(request, proposal)


@require_POST
@resident_required
def proposal_comment(request, pk: int):
    proposal = proposal_visible(pk, request.user)
    if proposal is None:
        raise Http404(_("No such proposal."))
    form = ProposalCommentForm(request.POST)
    if form.is_valid():
        try:
            comment = proposal_comment_add(proposal=proposal, author=request.user, text=form.cleaned_data["text"],
                                           kind=form.cleaned_data["kind"],
                                           author_name=form.cleaned_data["author_name"])
        except ProposalRefused as refusal:
            for field, errors in refusal.errors.items():
                for message in errors:
                    form.add_error(None if field == "__all__" else field, message)
        else:
            messages.success(request, _("Thank you: your comment is published below."))
            return redirect(reverse("budget_proposals:detail", args=[proposal.pk]) + f"#comment-{comment.pk}")
    return _detail(request, proposal, comment_form=form, status=400)


@require_POST
@resident_required
def proposal_withdraw_page(request, pk: int):
    proposal = proposal_visible(pk, request.user)
    if proposal is None:
        raise Http404(_("No such proposal."))
    try:
        proposal_withdraw(proposal=proposal, actor=request.user, note=request.POST.get("note", ""))
    except ProposalRefused as refusal:
        messages.error(request, str(refusal))
    else:
        messages.success(request, _("Your proposal is withdrawn. It is no longer shown to others."))
    return redirect("budget_proposals:detail", pk=proposal.pk)


# The form -----------------------------------------------------------------------------------------

def _form(budget, data=None, **kwargs) -> ProposalForm:
    return ProposalForm(data, areas=round_budget_areas(budget), city_wide=bool(budget.city_wide), **kwargs)


def _form_page(request, budget, form, *, proposal=None, place_results=None, searched=False, status=200):
    language = _language()
    chosen = None
    if form.is_bound:
        lon, lat = form.data.get("lon", ""), form.data.get("lat", "")
        try:
            chosen = {"lon": float(lon), "lat": float(lat), "label": form.data.get("address", "")[:300]}
        except ValueError:
            chosen = None
    elif proposal is not None and proposal.location is not None:
        chosen = {**_point_4326(proposal.location), "label": ""}
    similar = []
    if form.is_bound:
        point = Point(chosen["lon"], chosen["lat"], srid=4326) if chosen else None
        similar = proposals_similar(budget, point=point,
                                    text=f"{form.data.get('title', '')} {form.data.get('description', '')}",
                                    exclude=proposal.pk if proposal else None)
    return render(request, "planning/proposals/form.html", {
        "budget": budget, "name": budget.name(language), "form": form, "proposal": proposal,
        "area_choices": form.area_choices(language), "chosen": chosen,
        "photos": list(proposal.photos.all()) if proposal else [],
        "similar": similar, "place_results": place_results, "searched": searched,
        "max_photos": PROPOSAL_PHOTOS_MAX, "photo_types": PHOTO_TYPES, "title_max": PROPOSAL_TITLE_MAX,
        "text_max": PROPOSAL_TEXT_MAX,
        "similar_url": reverse("budget_proposals:similar", args=[budget.pk]),
        "map_config": _map_config(language), "map_labels": _map_labels(),
    }, status=status)


def _search(request, budget, form_factory, **kwargs):
    """Without JavaScript the place search runs here: what was typed comes back with the places found."""
    typed = {**request.POST.dict(), "place": ProposalPlace.POINT}
    form = form_factory(initial=typed)
    results = geocoder().search(typed.get("place_query", "")[:100], 10, language=_language())
    return _form_page(request, budget, form, place_results=results, searched=True, **kwargs)


@resident_required
def proposal_create_page(request, round_pk: int):
    budget = _round_or_404(round_pk)
    if budget.phase != BudgetPhase.PROPOSALS:
        messages.info(request, _("This round takes no proposals now."))
        return redirect("budget_proposals:list", round_pk=budget.pk)
    if request.method != "POST":
        initial = {"place": ProposalPlace.POINT}
        home = request.resident.home_area
        if home is not None:
            initial["area"] = home.code
        return _form_page(request, budget, _form(budget, initial=initial))
    if request.POST.get("action") == "search":
        return _search(request, budget, lambda **kw: _form(budget, **kw))
    if (wait := (slot := proposal_slot(request)).wait_seconds()) is not None:
        response = render(request, "planning/proposals/too_many.html",
                          {"budget": budget, "minutes": max(1, round(wait / 60))}, status=429)
        response["Retry-After"] = str(wait)
        return response
    form = _form(budget, request.POST)
    if form.is_valid():
        data = form.cleaned_data
        try:
            proposal = proposal_create(
                budget_round=budget, author=request.user, title=data["title"], description=data["description"],
                location=data["location"], area=data["area"], photos=request.FILES.getlist("photos"),
                photo_alt_text=data["photo_alt_text"], author_name=data["author_name"],
                author_email=data["author_email"], language=_language())
        except ProposalRefused as refusal:
            form.add_service_errors(refusal.errors)
        else:
            messages.success(request, _("Thank you: your proposal is published. You can edit it until the "
                                        "proposal phase closes."))
            return redirect("budget_proposals:detail", pk=proposal.pk)
    slot.release()  # a refused proposal does not use up the sender's limit
    return _form_page(request, budget, form, status=400)


@resident_required
def proposal_edit_page(request, pk: int):
    proposal = proposal_visible(pk, request.user)
    if proposal is None or proposal.author_id != request.user.pk:
        raise Http404(_("No such proposal."))
    budget = proposal.round
    if request.method != "POST":
        if proposal.location is not None:
            place = ProposalPlace.POINT
        else:
            place = ProposalPlace.AREA if proposal.area_id else ProposalPlace.CITY
        initial = {"title": proposal.title, "description": proposal.description, "place": place,
                   "area": proposal.area.code if proposal.area else "", "author_name": proposal.author_name,
                   "author_email": proposal.author_email}
        return _form_page(request, budget, _form(budget, initial=initial), proposal=proposal)
    if request.POST.get("action") == "search":
        return _search(request, budget, lambda **kw: _form(budget, **kw), proposal=proposal)
    form = _form(budget, request.POST)
    if form.is_valid():
        data = form.cleaned_data
        remove = [int(value) for value in request.POST.getlist("photos_remove") if value.isdigit()]
        try:
            proposal_edit(proposal=proposal, actor=request.user, title=data["title"],
                          description=data["description"], location=data["location"], area=data["area"],
                          photos=request.FILES.getlist("photos"), photo_alt_text=data["photo_alt_text"],
                          photos_remove=remove, author_name=data["author_name"],
                          author_email=data["author_email"])
        except ProposalRefused as refusal:
            form.add_service_errors(refusal.errors)
        else:
            messages.success(request, _("Your changes are saved."))
            return redirect("budget_proposals:detail", pk=proposal.pk)
    return _form_page(request, budget, form, proposal=proposal, status=400)


@require_safe
def proposal_similar(request, round_pk: int):
    """Similar proposals while a resident writes (JSON for the form's script)."""
    budget = _round_or_404(round_pk)
    point = None
    lon, lat = request.GET.get("lon", ""), request.GET.get("lat", "")
    if lon or lat:
        try:
            lon, lat = float(lon), float(lat)
        except ValueError:
            return JsonResponse({"detail": _("The place could not be read.")}, status=400)
        if not (-180 <= lon <= 180 and -90 <= lat <= 90):
            return JsonResponse({"detail": _("The place could not be read.")}, status=400)
        point = Point(lon, lat, srid=4326)
    exclude = request.GET.get("exclude", "")
    rows = proposals_similar(budget, point=point, text=request.GET.get("text", "")[:PROPOSAL_TEXT_MAX],
                             exclude=int(exclude) if exclude.isdigit() and len(exclude) < 10 else None)
    labels = dict(ProposalStatus.choices)
    return JsonResponse({"results": [
        {"id": row.id, "title": row.title, "status": row.status, "status_label": str(labels[row.status]),
         "metres": row.metres, "shares_words": row.shares_words,
         "url": reverse("budget_proposals:detail", args=[row.id])} for row in rows]})


# Emails and photos --------------------------------------------------------------------------------

def proposal_emails_stop(request, token: str):
    """The stop link of the emails about a proposal: a button erases the address (mail scanners open links)."""
    proposal = proposal_by_email_stop_token(token)
    stopped = request.method == "POST"
    if stopped:
        proposal_email_stop(token=token)  # a second press finds nothing to stop, and says the same
    elif proposal is None:
        raise Http404(_("This link is not valid, or the emails have been stopped already."))
    response = render(request, "planning/proposals/emails_stop.html", {"proposal": proposal, "stopped": stopped})
    response["Cache-Control"] = "private, no-store"
    response["Referrer-Policy"] = "no-referrer"
    return response


@require_safe
def proposal_photo_file(request, name: str):
    """A proposal's photo, while the proposal is visible (its author and officials always)."""
    photo = proposal_photo_by_file(f"budget/{name}")
    if photo is None:
        raise Http404
    proposal = photo.proposal
    public = proposal_visible(proposal.pk) is not None
    if not public and not proposal_may_review(request.user) and not (
            request.user.is_authenticated and proposal.author_id == request.user.pk):
        raise Http404  # the same answer as for a file that does not exist
    content_type = mimetypes.guess_type(photo.image.name)[0] or "application/octet-stream"
    try:
        response = FileResponse(default_storage.open(photo.image.name, "rb"), content_type=content_type)
    except FileNotFoundError:
        raise Http404 from None
    response["Cache-Control"] = "public, max-age=300" if public else "private, no-store"
    response["Content-Disposition"] = "inline"
    response["X-Content-Type-Options"] = "nosniff"
    return response
