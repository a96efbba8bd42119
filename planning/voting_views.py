"""Voting in a resident budget round (under /asukasbudjetti/): the ballot, its confirmation, the
receipt, and the public receipt check. Parse, call one service or selector, render.

Without JavaScript the ballot is a plain form checked by the server with the same rules
(``planning.services.ballots.ballot_check``); ``static/js/ballot.js`` adds the money left as the voter
picks, and explains a pick that does not fit instead of taking it.
"""

from __future__ import annotations

from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import NoReverseMatch, reverse
from django.utils.translation import get_language, ngettext
from django.utils.translation import gettext as _

from planning.ballot_selectors import (
    ballot_area,
    ballot_areas,
    ballot_of_voter,
    ballot_receipt_lookup,
    ballot_sections,
    receipt_code_normal,
)
from planning.budget_selectors import budget_round_public
from planning.identity import resident_required
from planning.models import BudgetPhase, VotingRule
from planning.services.ballots import (
    BallotRefused,
    ballot_cast,
    ballot_check,
    ballot_receipt_send,
    euros,
    section_least_spend,
)


def _language() -> str:
    return (get_language() or "fi")[:2]


def _round_or_404(pk: int):
    budget = budget_round_public(pk)
    if budget is None:
        raise Http404(_("No such resident budget round."))
    return budget


def proposal_url(proposal) -> str:
    """The proposal's public page, if the proposals' pages are mounted (they are another module's)."""
    for args in ((proposal.round_id, proposal.pk), (proposal.pk,)):
        try:
            return reverse("budget_proposals:detail", args=args)
        except NoReverseMatch:
            continue
    return ""


def sections_context(budget, sections, chosen_ids: set[int], language: str) -> list[dict]:
    rows = []
    for section in sections:
        picked = [p for p in section.proposals if p.pk in chosen_ids]
        spent = sum(p.cost_estimate for p in picked)
        rows.append({
            "key": section.key, "name": section.name(language), "amount": section.amount,
            "amount_text": euros(section.amount), "spent": spent, "spent_text": euros(spent),
            "left_text": euros(section.amount - spent), "over": spent > section.amount,
            "least": section_least_spend(budget, section), "least_text": euros(section_least_spend(budget, section)),
            "count": len(picked),
            "proposals": [{"pk": p.pk, "title": p.title, "cost": p.cost_estimate, "cost_text": euros(p.cost_estimate),
                           "url": proposal_url(p), "chosen": p.pk in chosen_ids} for p in section.proposals],
            "picked": [{"title": p.title, "cost_text": euros(p.cost_estimate), "url": proposal_url(p)}
                       for p in picked],
        })
    return rows


def _ballot_labels(budget) -> dict:
    """The texts ballot.js writes, in the page's language (placeholders filled in by the script)."""
    return {
        "rule": budget.voting_rule, "limit": budget.approval_limit or 0, "language": _language(),
        "left": _("Money left: %(left)s of %(amount)s"),
        "chosenCount": _("Chosen: %(count)s of at most %(limit)s"),
        "tooExpensive": _("“%(title)s” costs %(cost)s, but only %(left)s is left in %(section)s. "
                          "It was not chosen: remove another choice first."),
        "tooMany": ngettext("At most %(limit)s proposal may be chosen in %(section)s. “%(title)s” was not chosen: "
                            "remove another choice first.",
                            "At most %(limit)s proposals may be chosen in %(section)s. “%(title)s” was not chosen: "
                            "remove another choice first.", budget.approval_limit or 0),
        "picked": _("“%(title)s” chosen. Money left in %(section)s: %(left)s."),
        "pickedApproval": _("“%(title)s” chosen in %(section)s."),
        "removed": _("“%(title)s” removed. Money left in %(section)s: %(left)s."),
        "removedApproval": _("“%(title)s” removed from %(section)s."),
        "belowLeast": _("Choose proposals worth at least %(least)s here."),
    }


def _ballot_page(request, budget, *, area, chosen_ids, errors=None, status=200):
    language = _language()
    resident = request.resident
    existing = ballot_of_voter(budget, resident.identity_hash)
    sections = ballot_sections(budget, area) if area is not None else []
    return render(request, "planning/voting/ballot.html", {
        "budget": budget, "name": budget.name(language), "language": language,
        "voting_open": budget.phase == BudgetPhase.VOTING,
        "areas": [(a.code, a.name(language)) for a in ballot_areas(budget)],
        "area": area, "area_name": area.name(language) if area is not None else "",
        "home_area_code": resident.home_area.code if resident.home_area_id else "",
        "sections": sections_context(budget, sections, set(chosen_ids), language),
        "existing": existing, "errors": errors or {},
        "knapsack": budget.voting_rule == VotingRule.KNAPSACK,
        "ballot_labels": _ballot_labels(budget),
    }, status=status)


def _posted_area(request, budget):
    return ballot_area(budget, request.POST.get("area") or request.GET.get("alue"))


@resident_required
def vote(request, pk: int):
    """The ballot: choose the budget area (the home area by default), pick proposals, review, confirm."""
    budget = _round_or_404(pk)
    resident = request.resident
    if request.method != "POST":
        existing = ballot_of_voter(budget, resident.identity_hash)
        area = ballot_area(budget, request.GET.get("alue"))
        if area is None and "alue" not in request.GET:
            area = (existing.area if existing is not None
                    else ballot_area(budget, resident.home_area.code if resident.home_area_id else None))
        chosen = ([c.proposal_id for c in existing.choices.all()] if existing is not None and existing.area == area
                  else [])
        return _ballot_page(request, budget, area=area, chosen_ids=chosen)
    area = _posted_area(request, budget)
    ids = request.POST.getlist("choices")
    chosen_ids = [int(v) for v in ids if v.isascii() and v.isdigit() and len(v) <= 18]
    action = request.POST.get("action", "review")
    if action == "edit":
        return _ballot_page(request, budget, area=area, chosen_ids=chosen_ids)
    try:
        if action == "confirm":
            cast = ballot_cast(budget_round=budget, resident=resident, area=area, proposal_ids=ids,
                               language=_language())
        else:
            chosen = ballot_check(budget_round=budget, area=area, proposal_ids=ids)
    except BallotRefused as refusal:
        return _ballot_page(request, budget, area=area, chosen_ids=chosen_ids, errors=refusal.errors, status=400)
    if action == "confirm":
        messages.success(request, _("Your ballot is changed and counted.") if not cast.created
                         else _("Thank you: your ballot is counted."))
        return redirect("budget_voting:receipt", pk=budget.pk)
    language = _language()
    chosen_pks = {p.pk for p in chosen}
    return render(request, "planning/voting/confirm.html", {
        "budget": budget, "name": budget.name(language), "area": area, "area_name": area.name(language),
        "sections": sections_context(budget, ballot_sections(budget, area), chosen_pks, language),
        "chosen_ids": sorted(chosen_pks), "existing": ballot_of_voter(budget, resident.identity_hash),
    })


@resident_required
def receipt(request, pk: int):
    """The voter's receipt: the code, what they chose, and the code sent by email if they wish."""
    budget = _round_or_404(pk)
    language = _language()
    ballot = ballot_of_voter(budget, request.resident.identity_hash)
    if ballot is None:
        return redirect("budget_voting:vote", pk=budget.pk)
    email_error = ""
    status = 200
    if request.method == "POST":
        try:
            ballot_receipt_send(ballot=ballot, email=request.POST.get("email", ""), language=language)
        except BallotRefused as refusal:
            email_error = " ".join(refusal.errors.get("email", [])) or str(refusal)
            status = 400
        else:
            messages.success(request, _("The receipt is on its way to the address you gave. The address is not "
                                        "kept with your ballot."))
            return redirect("budget_voting:receipt", pk=budget.pk)
    chosen = {choice.proposal_id for choice in ballot.choices.all()}
    return render(request, "planning/voting/receipt.html", {
        "budget": budget, "name": budget.name(language), "ballot": ballot, "area_name": ballot.area.name(language),
        "sections": [s for s in sections_context(budget, ballot_sections(budget, ballot.area), chosen, language)
                     if s["picked"]],
        "voting_open": budget.phase == BudgetPhase.VOTING, "email_error": email_error,
        "email_value": request.POST.get("email", "") if status == 400 else "",
    }, status=status)


def receipt_check(request):
    """Anyone with a receipt code sees whether that ballot is counted: the round, the area, when and
    how it came; never what it chose (see the README: a code shown to someone else would show the vote)."""
    language = _language()
    code = request.GET.get("koodi", "").strip()[:40]
    ballot, status, problem = None, 200, ""
    if code:
        if receipt_code_normal(code) is None:
            status, problem = 400, _("A receipt code has 12 letters and digits in three groups, e.g. K7MT-3XEA-UR9P. "
                                     "Check the code.")
        else:
            ballot = ballot_receipt_lookup(code)
            if ballot is None:
                status, problem = 404, _("No ballot has this code. Check the code: it is on your receipt and in "
                                         "its email.")
    return render(request, "planning/voting/receipt_check.html", {
        "code": code, "ballot": ballot, "problem": problem,
        "round_name": ballot.round.name(language) if ballot else "",
        "area_name": ballot.area.name(language) if ballot else "",
        "changed": ballot is not None and ballot.updated_at > ballot.created_at,
    }, status=status)
