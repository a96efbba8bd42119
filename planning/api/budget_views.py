"""Budgets API: resident budget rounds, their money by area and their results (read only).

Parse, call one selector, serialise: each answer is JSON PostgreSQL wrote in one statement."""

from __future__ import annotations

import json

from django.http import Http404, HttpResponse
from django.utils.translation import gettext as _
from rest_framework.exceptions import ValidationError
from rest_framework.request import Request

from config.api import LocalizedAPIView
from planning.api.budget_schema import budget_detail_schema, budget_list_schema, budget_results_schema
from planning.result_selectors import budget_results_json, budget_round_json, budget_rounds_json

LARGEST_ID = 2**63 - 1
JSON = "application/json"


def _known(id: str) -> int:
    """The id in the path as a number, or 404 (the path takes any text, so a client sending ``abc``
    gets the API's 404 and not the site's HTML page)."""
    if not (id.isascii() and id.isdigit() and len(id) <= 19) or not 0 < int(id) <= LARGEST_ID:
        raise Http404(_("No public budget round has this id."))
    return int(id)


def _json(body) -> HttpResponse:
    if body is None:
        raise Http404(_("No public budget round has this id."))
    return HttpResponse(json.dumps(body, ensure_ascii=False), content_type=JSON)


class BudgetListView(LocalizedAPIView):
    """GET /api/v1/budgets/: the rounds past preparation."""

    @budget_list_schema
    def get(self, request: Request) -> HttpResponse:
        return _json({"results": budget_rounds_json(language=self.language)})


class BudgetDetailView(LocalizedAPIView):
    """GET /api/v1/budgets/{id}/: a round with its money by area."""

    @budget_detail_schema
    def get(self, request: Request, id: str) -> HttpResponse:
        raw = (request.query_params.get("geometry") or "false").lower()
        if raw not in ("true", "false", "1", "0"):
            raise ValidationError({"geometry": [_("Give true or false.")]})
        return _json(budget_round_json(_known(id), language=self.language, geometry=raw in ("true", "1")))


class BudgetResultsView(LocalizedAPIView):
    """GET /api/v1/budgets/{id}/results/: both rules' outcomes in every section."""

    @budget_results_schema
    def get(self, request: Request, id: str) -> HttpResponse:
        return _json(budget_results_json(_known(id), language=self.language))
