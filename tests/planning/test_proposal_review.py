"""Officials' review of budget proposals: a cost and feasibility, or a merge, in the review phase;
the authors told by email in their language (with a stop link); the pages for officials only."""

from __future__ import annotations

import re

import pytest
from django.urls import reverse
from django.utils import translation

from city.models import Notification, StaffRole
from planning.budget_selectors import proposals_on_ballot
from planning.models import BudgetPhase, BudgetProposal, ProposalAction, ProposalStatus
from planning.services.budgets import budget_round_move_phase
from planning.services.proposal_review import proposal_merge, proposal_review
from planning.services.proposals import ProposalRefused
from tests.factories.budgets import budget_admin, budget_areas, budget_round_make, proposal_row
from tests.factories.processes import staff


@pytest.fixture
def budget(city):
    return budget_round_make(phase=BudgetPhase.REVIEW)


@pytest.fixture
def areas(city):
    return budget_areas()


@pytest.fixture
def official(db):
    return staff("arvioija", StaffRole.BUDGET_OFFICIAL)


def submitted(budget, area, **fields):
    return proposal_row(budget, area=area, status=ProposalStatus.SUBMITTED, **fields)


def test_an_official_estimates_the_cost_and_the_author_hears_in_their_language(budget, areas, official, mail_queue):
    proposal = submitted(budget, areas["SJK-ITA"], title="Klätterställning", author_email="anna@example.fi",
                         language="sv")
    proposal_review(proposal=proposal, actor=official, feasible=True, cost=12_000, note="Med montering.")
    proposal.refresh_from_db()
    assert (proposal.status, proposal.cost_estimate, proposal.reviewed_by) == (ProposalStatus.FEASIBLE, 12_000,
                                                                               official)
    assert proposal in proposals_on_ballot(budget, areas["SJK-ITA"])
    event = proposal.events.get(action=ProposalAction.REVIEWED)
    assert "12" in event.note and "Med montering." in event.note
    mail = Notification.objects.get(recipient="anna@example.fi")
    assert "Klätterställning" in mail.subject and "12" in mail.body and "Med montering." in mail.body
    # in Swedish: the links lead to the Swedish pages (the texts follow once the catalogue has them)
    assert f"/sv/asukasbudjetti/ehdotukset/{proposal.pk}/" in mail.body
    assert re.search(r"http\S+/sv/asukasbudjetti/ehdotukset/viestit/\S+/", mail.body)


def test_feasible_needs_a_cost_and_not_feasible_a_reason(budget, areas, official):
    proposal = submitted(budget, areas["SJK-ITA"])
    with translation.override("en"):
        with pytest.raises(ProposalRefused) as refused:
            proposal_review(proposal=proposal, actor=official, feasible=True, cost=None)
        assert refused.value.errors == {"cost": ["A feasible proposal needs its cost estimate."]}
        with pytest.raises(ProposalRefused) as refused:
            proposal_review(proposal=proposal, actor=official, feasible=False, cost=None, note=" ")
        assert "Say why" in refused.value.errors["note"][0]
    proposal_review(proposal=proposal, actor=official, feasible=False, cost=None, note="Ei kaupungin maata.")
    proposal.refresh_from_db()
    assert (proposal.status, proposal.review_note) == (ProposalStatus.INFEASIBLE, "Ei kaupungin maata.")


def test_a_cost_above_the_areas_money_is_recorded_but_cannot_go_to_the_vote(client, budget, areas, official):
    east = areas["SJK-ITA"]
    proposal = submitted(budget, east, title="Uimahalli")
    amount = budget.allocations.get(area=east).amount
    proposal_review(proposal=proposal, actor=official, feasible=True, cost=amount + 1)
    proposal.refresh_from_db()
    assert proposal.status == ProposalStatus.FEASIBLE and proposal.cost_estimate == amount + 1
    assert proposal not in proposals_on_ballot(budget, east)
    page = client.get(f"/en/asukasbudjetti/ehdotukset/{proposal.pk}/").content.decode()
    assert "cannot go to the vote" in page


def test_only_officials_and_administrators_review_and_only_in_the_review_phase(city, areas, official):
    early = budget_round_make(phase=BudgetPhase.PROPOSALS)
    proposal = submitted(early, areas["SJK-ITA"])
    with translation.override("en"):
        with pytest.raises(ProposalRefused, match="review phase"):
            proposal_review(proposal=proposal, actor=official, feasible=True, cost=100)
        budget_round_move_phase(budget_round=early, to_phase=BudgetPhase.REVIEW, actor=budget_admin())
        with pytest.raises(ProposalRefused, match="Only budget officials"):
            proposal_review(proposal=proposal, actor=staff("kaavoittaja", StaffRole.PLANNER), feasible=True,
                            cost=100)
    proposal_review(proposal=proposal, actor=budget_admin(), feasible=True, cost=100)


def test_no_email_without_an_address(budget, areas, official, mail_queue):
    proposal_review(proposal=submitted(budget, areas["SJK-ITA"]), actor=official, feasible=True, cost=500)
    assert not Notification.objects.exists()


def test_a_merge_credits_the_author_and_tells_both(client, budget, areas, official, mail_queue):
    east = areas["SJK-ITA"]
    target = submitted(budget, east, title="Kiipeilyteline", author_name="Maija", author_email="maija@example.fi")
    merged = submitted(budget, east, title="Teline puistoon", author_name="Pekka", author_email="pekka@example.fi")
    earlier = submitted(budget, east, title="Liukumäki", author_name="Liisa")
    proposal_merge(proposal=earlier, into=merged, actor=official)
    proposal_merge(proposal=merged, into=target, actor=official, note="Sama paikka.")
    merged.refresh_from_db()
    earlier.refresh_from_db()
    assert (merged.status, merged.merged_into) == (ProposalStatus.MERGED, target)
    assert earlier.merged_into == target  # credits follow the merge
    page = client.get(reverse("budget_proposals:detail", args=[target.pk])).content.decode()
    assert "Pekka" in page and "Liisa" in page and "Maija" in page
    assert set(Notification.objects.filter(kind="proposal_merged").values_list("recipient", flat=True)) == {
        "maija@example.fi", "pekka@example.fi"}
    assert target.events.filter(action=ProposalAction.MERGED).count() == 1  # one event per merge into it


def test_a_merge_across_areas_or_into_itself_is_refused(budget, areas, official):
    east = submitted(budget, areas["SJK-ITA"])
    west = submitted(budget, areas["SJK-LANSI"])
    with translation.override("en"):
        with pytest.raises(ProposalRefused, match="same budget area"):
            proposal_merge(proposal=east, into=west, actor=official)
        with pytest.raises(ProposalRefused, match="another proposal"):
            proposal_merge(proposal=east, into=east, actor=official)
    assert BudgetProposal.objects.filter(status=ProposalStatus.MERGED).count() == 0


def test_the_stop_link_erases_the_address(client, budget, areas, official, mail_queue):
    proposal = submitted(budget, areas["SJK-ITA"], author_email="maija@example.fi")
    proposal_review(proposal=proposal, actor=official, feasible=True, cost=500)
    body = Notification.objects.get().body
    path = re.search(r"https?://[^/]+(/\S+/viestit/\S+/)", body).group(1)
    assert client.get(path).status_code == 200
    assert client.post(path).status_code == 200
    proposal.refresh_from_db()
    assert proposal.author_email == ""
    assert client.get(path).status_code == 404


# Pages ---------------------------------------------------------------------------------------------

def test_the_review_pages_are_for_officials_only(client, budget, areas):
    proposal = submitted(budget, areas["SJK-ITA"])
    url = reverse("budget_review:review", args=[proposal.pk])
    assert client.get(url).status_code == 302  # to the staff sign-in
    client.force_login(staff("kaavoittaja", StaffRole.PLANNER))
    assert client.get(url).status_code == 403


def test_an_official_reviews_and_merges_on_the_pages(client, budget, areas, official, django_assert_max_num_queries):
    east = areas["SJK-ITA"]
    proposal = submitted(budget, east, title="Kiipeilyteline")
    other = submitted(budget, east, title="Toinen teline")
    client.force_login(official)
    with django_assert_max_num_queries(12):
        listing = client.get(reverse("budget_review:proposals", args=[budget.pk]), {"area": "SJK-ITA"})
    assert "Kiipeilyteline" in listing.content.decode()
    assert client.get(reverse("budget_review:rounds")).status_code == 200
    url = reverse("budget_review:review", args=[proposal.pk])
    assert client.get(url).status_code == 200
    with translation.override("en"):
        refused = client.post(url, {"feasible": "yes", "cost": ""})
    assert refused.status_code == 400
    response = client.post(url, {"feasible": "yes", "cost": "15000", "note": "Asennettuna."})
    assert response.status_code == 302
    proposal.refresh_from_db()
    assert (proposal.status, proposal.cost_estimate) == (ProposalStatus.FEASIBLE, 15_000)
    merge_url = reverse("budget_review:merge", args=[other.pk])
    assert client.get(merge_url).status_code == 200
    assert client.post(merge_url, {"into": str(proposal.pk)}).status_code == 302
    other.refresh_from_db()
    assert other.merged_into == proposal


def test_a_budget_official_lands_on_the_proposals_to_review_and_the_staff_pages_link_each_other(client, city):
    from city.models import StaffRole
    from tests.factories.processes import staff

    official = staff("vain-budjetti", StaffRole.BUDGET_OFFICIAL)
    client.force_login(official)
    assert client.get("/henkilosto/")["Location"] == "/henkilosto/asukasbudjetti/"
    page = client.get("/henkilosto/asukasbudjetti/").content.decode()
    assert 'href="/henkilosto/asukasbudjetti/aanestys/"' not in page  # no paper ballots for this role
    desk = staff("palvelupiste", StaffRole.CUSTOMER_SERVICE)
    client.force_login(desk)
    page = client.get("/henkilosto/kasittely/").content.decode()
    assert 'href="/henkilosto/asukasbudjetti/aanestys/"' in page
    assert 'href="/henkilosto/asukasbudjetti/"' not in page
