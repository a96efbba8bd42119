"""Staff entering paper ballots from service points (under /henkilosto/asukasbudjetti/aanestys/).

Customer service and administrators type in a ballot cast on paper: the voter's personal identity
code (checked and hashed at once, never stored), the budget area, the chosen proposals and the
service point. The ballot counts as an online one; the audit trail says who entered it and when."""

from __future__ import annotations

from functools import wraps

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from city.permissions import has_role
from planning.ballot_selectors import ballot_area, ballot_areas, ballot_receipt_lookup, ballot_sections
from planning.budget_selectors import budget_round_public, budget_rounds_public
from planning.models import BudgetPhase, VotingRule
from planning.services.ballots import PAPER_BALLOT_ROLES, BallotRefused, ballot_paper_enter
from planning.voting_views import sections_context


def _language() -> str:
    return (get_language() or "fi")[:2]


def paper_ballot_staff_required(view):
    """Signed in (else to the staff sign-in) and customer service or an administrator (else 403)."""
    @wraps(view)
    @login_required
    def wrapped(request, *args, **kwargs):
        if not has_role(request.user, *PAPER_BALLOT_ROLES):
            raise PermissionDenied
        return view(request, *args, **kwargs)
    return wrapped


@paper_ballot_staff_required
def paper_ballot_rounds(request):
    """The rounds whose voting is open, each with the link to enter its paper ballots."""
    language = _language()
    rounds = [(budget, budget.name(language)) for budget in budget_rounds_public().filter(phase=BudgetPhase.VOTING)]
    return render(request, "planning/staff/paper_ballot_rounds.html", {"rounds": rounds})


@paper_ballot_staff_required
def paper_ballot_enter(request, pk: int):
    """Enter one paper ballot: choose the area first (GET ?alue=), then the voter's code and choices."""
    budget = budget_round_public(pk)
    if budget is None or budget.phase != BudgetPhase.VOTING:
        raise Http404(_("No resident budget round is voting with this number."))
    language = _language()
    area = ballot_area(budget, request.POST.get("area") or request.GET.get("alue"))
    errors: dict[str, list[str]] = {}
    status = 200
    chosen_ids: set[int] = set()
    if request.method == "POST":
        ids = request.POST.getlist("choices")
        chosen_ids = {int(v) for v in ids if v.isascii() and v.isdigit() and len(v) <= 18}
        try:
            ballot = ballot_paper_enter(budget_round=budget, personal_code=request.POST.get("personal_code", ""),
                                        area=area, proposal_ids=ids,
                                        service_point=request.POST.get("service_point", ""), actor=request.user)
        except BallotRefused as refusal:
            errors, status = refusal.errors, 400
        else:
            request.session["paper_ballot_service_point"] = ballot.service_point
            return redirect(f"{request.path}?kuitti={ballot.receipt_code}&alue={area.code}")
    entered = ballot_receipt_lookup(request.GET.get("kuitti", "")) if "kuitti" in request.GET else None
    if entered is not None and (entered.round_id != budget.pk or entered.entered_by_id != request.user.pk):
        entered = None  # only the receipt of a ballot this staff member just entered is shown here
    return render(request, "planning/staff/paper_ballot.html", {
        "budget": budget, "name": budget.name(language), "area": area,
        "areas": [(a.code, a.name(language)) for a in ballot_areas(budget)],
        "sections": sections_context(budget, ballot_sections(budget, area), chosen_ids, language) if area else [],
        "knapsack": budget.voting_rule == VotingRule.KNAPSACK,
        "errors": errors, "entered": entered,
        "personal_code_errors": errors.get("personal_code", []),
        "service_point_errors": errors.get("service_point", []),
        "service_point": request.POST.get("service_point") or request.session.get("paper_ballot_service_point", ""),
    }, status=status)
