"""Officials' review of budget proposals (under /henkilosto/asukasbudjetti/): parse, call one
service or selector, render. For budget officials and administrators (``proposal_may_review``);
anyone else signed in gets 403, a visitor goes to the staff sign-in and comes back."""

from __future__ import annotations

from functools import wraps

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from planning.budget_selectors import budget_section_amount
from planning.models import ProposalStatus
from planning.panel_message_selectors import BUDGET_OFFER_PHASES, budget_round_panel_offers
from planning.proposal_forms import ProposalMergeForm, ProposalReviewForm
from planning.proposal_selectors import (
    proposal_coauthors,
    proposals_similar,
    review_merge_targets,
    review_proposal,
    review_proposals,
    review_round,
    review_rounds,
    round_budget_areas,
)
from planning.services.proposal_review import proposal_may_review, proposal_merge, proposal_review
from planning.services.proposals import ProposalRefused


def _language() -> str:
    return (get_language() or "fi")[:2]


def reviewer_required(view):
    """Signed in (else to the staff sign-in) and a budget official or administrator (else 403)."""
    @wraps(view)
    @login_required
    def wrapped(request, *args, **kwargs):
        if not proposal_may_review(request.user):
            raise PermissionDenied
        return view(request, *args, **kwargs)
    return wrapped


def _proposal_or_404(pk: int):
    proposal = review_proposal(pk)
    if proposal is None:
        raise Http404(_("No such proposal."))
    return proposal


@reviewer_required
def review_round_list(request):
    """Every round, with its proposals counted by status."""
    language = _language()
    rounds = [(budget, budget.name(language)) for budget in review_rounds()]
    return render(request, "planning/budget_review/rounds.html", {
        "rounds": rounds,
        # Rounds open for proposals or votes: the panels to invite (issue #15).
        "budget_offers": [(budget, name, budget_round_panel_offers(budget)) for budget, name in rounds
                          if budget.phase in BUDGET_OFFER_PHASES]})


@reviewer_required
def review_proposal_list(request, round_pk: int):
    """A round's proposals to review, filtered by area and status."""
    budget = review_round(round_pk)
    if budget is None:
        raise Http404(_("No such resident budget round."))
    language = _language()
    areas = round_budget_areas(budget)
    codes = {area.code for area in areas} | {"city"}
    area = request.GET.get("area", "")
    area = area if area in codes else ""
    status = request.GET.get("status", "")
    status = status if status in ProposalStatus.values else ""
    page = review_proposals(budget, area=area, status=status, page=request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    return render(request, "planning/budget_review/proposals.html", {
        "budget": budget, "name": budget.name(language), "page": page, "area": area, "status": status,
        "areas": [(a.code, a.name(language)) for a in areas], "status_choices": ProposalStatus.choices,
        "filter_query": query.urlencode()})


def _review_page(request, proposal, form, status=200):
    language = _language()
    point = proposal.location
    return render(request, "planning/budget_review/review.html", {
        "proposal": proposal, "budget": proposal.round, "name": proposal.round.name(language),
        "area_name": proposal.area.name(language) if proposal.area else _("The whole city"),
        "amount": budget_section_amount(proposal.round, proposal.area),
        "coauthors": proposal_coauthors(proposal),
        "similar": proposals_similar(proposal.round, point=point, text=f"{proposal.title} {proposal.description}",
                                     exclude=proposal.pk),
        "form": form}, status=status)


@reviewer_required
def review_proposal_page(request, pk: int):
    """The review form: feasible with a cost, or not feasible with the public reason."""
    proposal = _proposal_or_404(pk)
    if request.method != "POST":
        initial = {"cost": proposal.cost_estimate, "note": proposal.review_note}
        if proposal.status in (ProposalStatus.FEASIBLE, ProposalStatus.INFEASIBLE):
            initial["feasible"] = "yes" if proposal.status == ProposalStatus.FEASIBLE else "no"
        return _review_page(request, proposal, ProposalReviewForm(initial=initial))
    form = ProposalReviewForm(request.POST)
    if form.is_valid():
        data = form.cleaned_data
        try:
            proposal = proposal_review(proposal=proposal, actor=request.user, feasible=data["feasible"],
                                       cost=data["cost"], note=data["note"])
        except ProposalRefused as refusal:
            form.add_service_errors(refusal.errors)
        else:
            messages.success(request, _("The review of “%(title)s” is saved; its author is told if they gave an "
                                        "email.") % {"title": proposal.title})
            return redirect("budget_review:proposals", round_pk=proposal.round_id)
    return _review_page(request, proposal, form, status=400)


@reviewer_required
def review_merge_page(request, pk: int):
    """Merge a proposal into a similar one of the same area; its author is credited there."""
    proposal = _proposal_or_404(pk)
    targets = review_merge_targets(proposal)
    form = ProposalMergeForm(request.POST if request.method == "POST" else None, targets=targets)
    if request.method == "POST" and form.is_valid():
        into = next(target for target in targets if target.pk == form.cleaned_data["into"])
        try:
            proposal_merge(proposal=proposal, into=into, actor=request.user, note=form.cleaned_data["note"])
        except ProposalRefused as refusal:
            form.add_service_errors(refusal.errors)
        else:
            messages.success(request, _("“%(title)s” is merged into “%(into)s”.") % {"title": proposal.title,
                                                                                  "into": into.title})
            return redirect("budget_review:proposals", round_pk=proposal.round_id)
    language = _language()
    return render(request, "planning/budget_review/merge.html", {
        "proposal": proposal, "budget": proposal.round, "name": proposal.round.name(language),
        "targets": targets, "form": form}, status=400 if form.is_bound else 200)
