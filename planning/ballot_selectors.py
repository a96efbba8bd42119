"""Reads for voting: a ballot's sections (a budget area and city-wide) with their money and proposals,
a voter's ballot, and the receipt check."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from django.db.models import Prefetch

from city.models import Area, AreaKind
from planning.budget_selectors import budget_section_amount, proposals_on_ballot
from planning.models import Ballot, BallotChoice, BudgetAllocation, BudgetProposal, BudgetRound

# Receipt codes: no 0/O, 1/I/L, 2/Z, 5/S, 6/G, 8/B: each character reads one way on paper and screen.
RECEIPT_ALPHABET = "3479ACDEFHJKMNPRTUVWXY"
RECEIPT_GROUPS = 3
RECEIPT_GROUP_LENGTH = 4


@dataclass
class BallotSection:
    """One part of a ballot: a budget area (``area``) or the whole city (``area`` None), its money and
    the proposals it offers (cheapest first)."""

    area: Area | None
    amount: int
    proposals: list[BudgetProposal] = field(default_factory=list)

    @property
    def key(self) -> str:
        return self.area.code if self.area is not None else "city"

    def name(self, language: str) -> str:
        from django.utils.translation import gettext as _

        return self.area.name(language) if self.area is not None else _("The whole city")


def ballot_areas(budget_round: BudgetRound) -> list[Area]:
    """The budget areas one may vote in: those with an allocation in the round, by name."""
    return list(Area.objects.filter(kind=AreaKind.BUDGET_AREA, pk__in=BudgetAllocation.objects.filter(
        round=budget_round).values("area_id")).order_by("name_fi"))


def ballot_area(budget_round: BudgetRound, code: str | None) -> Area | None:
    """The budget area of the round with this code, or None."""
    if not code:
        return None
    return next((area for area in ballot_areas(budget_round) if area.code == code), None)


def ballot_sections(budget_round: BudgetRound, area: Area) -> list[BallotSection]:
    """The ballot's two sections: the area's proposals within its money, then the city-wide ones."""
    sections = []
    for section_area in (area, None):
        amount = budget_section_amount(budget_round, section_area)
        if amount is None:
            continue
        sections.append(BallotSection(area=section_area, amount=amount,
                                      proposals=list(proposals_on_ballot(budget_round, section_area))))
    return sections


def ballot_of_voter(budget_round: BudgetRound, voter_key: str) -> Ballot | None:
    """The voter's ballot in the round, with its area and chosen proposals, or None."""
    return (Ballot.objects.select_related("area", "round")
            .prefetch_related(Prefetch("choices", queryset=BallotChoice.objects.select_related("proposal")
                                       .order_by("proposal__cost_estimate", "proposal__title")))
            .filter(round=budget_round, voter_key=voter_key).first())


def receipt_code_normal(code: str) -> str | None:
    """A typed receipt code in its stored form (upper case, groups of four joined by hyphens), or None
    when it cannot be one (wrong length or characters)."""
    letters = re.sub(r"[\s\-–]", "", str(code or "")).upper()
    if len(letters) != RECEIPT_GROUPS * RECEIPT_GROUP_LENGTH or any(c not in RECEIPT_ALPHABET for c in letters):
        return None
    return "-".join(letters[i:i + RECEIPT_GROUP_LENGTH] for i in range(0, len(letters), RECEIPT_GROUP_LENGTH))


def ballot_receipt_lookup(code: str) -> Ballot | None:
    """The ballot with this receipt code (typed in any case, with or without hyphens), or None."""
    normal = receipt_code_normal(code)
    if normal is None:
        return None
    return Ballot.objects.select_related("round", "area").filter(receipt_code=normal).first()
