"""API: a signed-in voter's ballot (GET, PUT /api/v1/budgets/{id}/ballot/). Parse, call one service or
selector, serialise."""

from __future__ import annotations

from django.http import Http404
from django.utils.translation import gettext as _
from rest_framework import serializers, status
from rest_framework.exceptions import PermissionDenied, ValidationError
from rest_framework.permissions import BasePermission
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.settings import api_settings

from config.api import LocalizedAPIView
from geo_feedback.api.views import BodyErrorsByField
from planning.api.ballot_schema import ballot_get_schema, ballot_put_schema
from planning.ballot_selectors import ballot_area, ballot_areas, ballot_of_voter, ballot_sections
from planning.budget_selectors import budget_round_public
from planning.identity import current_resident
from planning.models import BudgetPhase
from planning.services.ballots import BallotRefused, ballot_cast, section_least_spend

LARGEST_ID = 2**63 - 1


class SignedInResident(BasePermission):
    """A resident signed in through the identification pages; anyone else is answered 403."""

    def has_permission(self, request, view) -> bool:
        self.message = _("Sign in as a resident to vote.")
        return current_resident(request._request) is not None


class BallotInputSerializer(serializers.Serializer):
    area = serializers.CharField(max_length=40)
    choices = serializers.ListField(child=serializers.IntegerField(min_value=1, max_value=LARGEST_ID),
                                    allow_empty=True, max_length=500)
    email = serializers.EmailField(required=False, allow_blank=True, max_length=254)


def _round(id: str):
    if not (id.isascii() and id.isdigit() and len(id) <= 18) or int(id) < 1:
        raise Http404(_("No such resident budget round."))
    budget = budget_round_public(int(id))
    if budget is None:
        raise Http404(_("No such resident budget round."))
    return budget


def voter_ballot_json(budget, resident, *, language: str, area_code: str | None = None) -> dict:
    ballot = ballot_of_voter(budget, resident.identity_hash)
    home = resident.home_area.code if resident.home_area_id else None
    area = ballot_area(budget, area_code or (ballot.area.code if ballot else home))
    return {
        "round": budget.pk, "phase": budget.phase, "voting_open": budget.phase == BudgetPhase.VOTING,
        "voting_rule": budget.voting_rule, "approval_limit": budget.approval_limit,
        "min_spend_percent": budget.min_spend_percent, "home_area": home,
        "areas": [{"code": a.code, "name": a.name(language)} for a in ballot_areas(budget)],
        "area": area.code if area else None,
        "sections": [{
            "area": section.area.code if section.area else None, "name": section.name(language),
            "amount": section.amount, "least": section_least_spend(budget, section),
            "proposals": [{"id": p.pk, "title": p.title, "cost": p.cost_estimate} for p in section.proposals],
        } for section in (ballot_sections(budget, area) if area else [])],
        "ballot": None if ballot is None else {
            "area": ballot.area.code, "choices": sorted(choice.proposal_id for choice in ballot.choices.all()),
            "receipt_code": ballot.receipt_code, "channel": ballot.channel,
            "cast_at": ballot.created_at.isoformat(), "changed_at": ballot.updated_at.isoformat()},
    }


class BallotView(BodyErrorsByField, LocalizedAPIView):
    """GET: the voter's ballot and what they may choose; PUT: cast or change it."""

    permission_classes = [SignedInResident]

    def permission_denied(self, request, message=None, code=None):
        # DRF would say "credentials were not provided" to anyone not signed in; say what to do instead.
        raise PermissionDenied(_("Sign in as a resident to vote."))

    @ballot_get_schema
    def get(self, request: Request, id: str) -> Response:
        budget = _round(id)
        resident = current_resident(request._request)
        return Response(voter_ballot_json(budget, resident, language=self.language,
                                          area_code=request.query_params.get("area", "")[:40]))

    @ballot_put_schema
    def put(self, request: Request, id: str) -> Response:
        budget = _round(id)
        resident = current_resident(request._request)
        body = BallotInputSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        data = body.validated_data
        try:
            cast = ballot_cast(budget_round=budget, resident=resident, area=ballot_area(budget, data["area"]),
                               proposal_ids=data["choices"], email=data.get("email", ""), language=self.language)
        except BallotRefused as refusal:
            if set(refusal.errors) == {"__all__"}:
                return Response({"detail": str(refusal)}, status=status.HTTP_409_CONFLICT)
            raise ValidationError({api_settings.NON_FIELD_ERRORS_KEY if name == "__all__" else name: messages
                                   for name, messages in refusal.errors.items()}) from None
        return Response(voter_ballot_json(budget, resident, language=self.language, area_code=cast.ballot.area.code),
                        status=status.HTTP_201_CREATED if cast.created else status.HTTP_200_OK)
