"""Ballots: one per resident per round (the database's constraint, also under 50 requests at once),
the knapsack and approval rules with refusals a person understands, a change that keeps the receipt
code, the receipt by email, paper ballots by staff, and the rules locked at the first ballot."""

import re
import threading

import pytest
from django.db import IntegrityError, connection, transaction
from django.utils import translation

from city.models import Area, AreaKind, Notification, StaffRole
from planning.ballot_selectors import RECEIPT_ALPHABET, ballot_receipt_lookup
from planning.budget_selectors import budget_section_amount
from planning.identity import identity_hash, resident_identity_get_or_create
from planning.models import (
    Ballot,
    BallotAction,
    BallotChannel,
    BallotChoice,
    BallotEvent,
    BudgetAllocation,
    BudgetPhase,
    BudgetRound,
    VotingRule,
)
from planning.services.ballots import BallotRefused, ballot_cast, ballot_paper_enter, ballot_receipt_send
from planning.services.budgets import AllocationRefused, budget_allocation_override, budget_allocations_compute
from tests.factories.budgets import budget_admin, budget_areas, budget_round_make, proposal_row
from tests.factories.processes import staff

PERSON = "131052-308T"
OTHER_PERSON = "010594Y9021"
CODE = re.compile(rf"^[{RECEIPT_ALPHABET}]{{4}}-[{RECEIPT_ALPHABET}]{{4}}-[{RECEIPT_ALPHABET}]{{4}}$")


@pytest.fixture(autouse=True)
def english():
    with translation.override("en"):
        yield


@pytest.fixture
def voting(city):
    """A knapsack round in voting with proposals in SJK-ITA (its money known) and city-wide."""
    budget = budget_round_make(phase=BudgetPhase.VOTING, name_sv="Invånarbudget 2027")
    areas = budget_areas()
    east = areas["SJK-ITA"]
    money = budget_section_amount(budget, east)
    proposals = {
        "half": proposal_row(budget, area=east, cost=money // 2, title="Leikkipuisto"),
        "third": proposal_row(budget, area=east, cost=money // 3, title="Penkit"),
        "big": proposal_row(budget, area=east, cost=money * 2 // 3, title="Kuntorata"),
        "city": proposal_row(budget, area=None, cost=5_000, title="Kirjastoauto"),
        "north": proposal_row(budget, area=areas["SJK-POHJOINEN"], cost=1_000, title="Pohjoisen penkki"),
    }
    return budget, east, money, proposals


def resident(identifier=PERSON, home_area=None):
    return resident_identity_get_or_create(identifier=identifier, provider="dev", home_area=home_area)


def test_a_ballot_within_the_money_is_cast_with_a_receipt_and_locks_the_rules(voting):
    budget, east, money, p = voting
    voter = resident(home_area=east)
    cast = ballot_cast(budget_round=budget, resident=voter, area=east,
                       proposal_ids=[p["half"].pk, p["third"].pk, p["city"].pk])
    assert cast.created
    ballot = cast.ballot
    assert ballot.voter_key == identity_hash(PERSON) and PERSON not in ballot.voter_key
    assert CODE.match(ballot.receipt_code)
    assert set(BallotChoice.objects.filter(ballot=ballot).values_list("proposal_id", flat=True)) == {
        p["half"].pk, p["third"].pk, p["city"].pk}
    assert list(BallotEvent.objects.filter(ballot=ballot).values_list("action", flat=True)) == [BallotAction.CAST]
    budget.refresh_from_db()
    assert budget.rules_locked_at is not None
    assert ballot_receipt_lookup(ballot.receipt_code.lower().replace("-", " ")) == ballot


def test_a_change_keeps_the_receipt_code_and_replaces_the_choices(voting):
    budget, east, money, p = voting
    voter = resident()
    first = ballot_cast(budget_round=budget, resident=voter, area=east, proposal_ids=[p["half"].pk]).ballot
    second = ballot_cast(budget_round=budget, resident=voter, area=east, proposal_ids=[p["big"].pk, p["city"].pk])
    assert not second.created
    assert second.ballot.pk == first.pk and second.ballot.receipt_code == first.receipt_code
    assert second.ballot.updated_at > first.updated_at
    assert Ballot.objects.count() == 1
    assert set(second.ballot.choices.values_list("proposal_id", flat=True)) == {p["big"].pk, p["city"].pk}
    assert list(BallotEvent.objects.filter(ballot=first).order_by("id").values_list("action", flat=True)) == [
        BallotAction.CAST, BallotAction.CHANGED]


def test_over_the_money_is_refused_naming_the_section_and_the_sums(voting):
    budget, east, money, p = voting
    with pytest.raises(BallotRefused) as refused:
        ballot_cast(budget_round=budget, resident=resident(), area=east, proposal_ids=[p["half"].pk, p["big"].pk])
    message = refused.value.errors["choices"][0]
    spent = money // 2 + money * 2 // 3
    assert message.startswith(east.name("en") + ": the chosen proposals cost ")
    assert all(f"{value:,}\u00a0€" in message for value in (spent, money, spent - money))
    assert not Ballot.objects.exists()


def test_the_least_share_is_kept_but_never_beyond_what_the_proposals_can_reach(voting):
    budget, east, money, p = voting
    BudgetRound.objects.filter(pk=budget.pk).update(min_spend_percent=60)
    budget.refresh_from_db()
    with pytest.raises(BallotRefused) as refused:
        ballot_cast(budget_round=budget, resident=resident(), area=east, proposal_ids=[p["third"].pk, p["city"].pk])
    assert "choose proposals worth at least" in refused.value.errors["choices"][0]
    assert "(60 % of its money)" in refused.value.errors["choices"][0]
    # City-wide the only proposal costs 5 000 € of 20 000 €: choosing it is as much as one can.
    cast = ballot_cast(budget_round=budget, resident=resident(), area=east, proposal_ids=[p["big"].pk, p["city"].pk])
    assert cast.created


def test_approval_takes_at_most_the_limit_in_each_section(voting):
    budget, east, money, p = voting
    BudgetRound.objects.filter(pk=budget.pk).update(voting_rule=VotingRule.APPROVAL, approval_limit=2)
    budget.refresh_from_db()
    with pytest.raises(BallotRefused) as refused:
        ballot_cast(budget_round=budget, resident=resident(), area=east,
                    proposal_ids=[p["half"].pk, p["third"].pk, p["big"].pk])
    assert refused.value.errors["choices"] == [
        f"{east.name('en')}: you chose 3 proposals; at most 2 proposals may be chosen."]
    # Over the money is no matter under approval.
    assert ballot_cast(budget_round=budget, resident=resident(), area=east,
                       proposal_ids=[p["half"].pk, p["big"].pk, p["city"].pk]).created


def test_proposals_of_another_area_nothing_chosen_and_a_wrong_area_are_refused(voting):
    budget, east, money, p = voting
    with pytest.raises(BallotRefused) as refused:
        ballot_cast(budget_round=budget, resident=resident(), area=east, proposal_ids=[p["north"].pk])
    assert refused.value.errors["choices"][0] == f"“Pohjoisen penkki” is not on the ballot of {east.name('en')}."
    with pytest.raises(BallotRefused) as refused:
        ballot_cast(budget_round=budget, resident=resident(), area=east, proposal_ids=[])
    assert refused.value.errors == {"choices": ["Choose at least one proposal."]}
    residential = Area.objects.exclude(kind=AreaKind.BUDGET_AREA).first()
    with pytest.raises(BallotRefused) as refused:
        ballot_cast(budget_round=budget, resident=resident(), area=residential, proposal_ids=[p["city"].pk])
    assert refused.value.errors == {"area": ["Choose one of the round's budget areas."]}
    assert not Ballot.objects.exists()


def test_no_ballot_outside_the_voting_phase(city):
    budget = budget_round_make(phase=BudgetPhase.REVIEW)
    east = budget_areas()["SJK-ITA"]
    proposal = proposal_row(budget, area=east, cost=1000)
    with pytest.raises(BallotRefused) as refused:
        ballot_cast(budget_round=budget, resident=resident(), area=east, proposal_ids=[proposal.pk])
    assert refused.value.errors == {"__all__": ["Voting is not open in this round."]}


def test_the_receipt_email_goes_through_the_outbox_in_the_voters_language_and_is_not_kept(voting, mail_queue):
    budget, east, money, p = voting
    with transaction.atomic():
        ballot = ballot_cast(budget_round=budget, resident=resident(), area=east, proposal_ids=[p["city"].pk],
                             email="asukas@example.fi", language="sv").ballot
    row = Notification.objects.get(kind="ballot_receipt")
    assert row.recipient == "asukas@example.fi"
    assert "Invånarbudget 2027" in row.subject
    assert ballot.receipt_code in row.body and "/sv/asukasbudjetti/kuitti/?koodi=" in row.body
    assert "Kirjastoauto" not in row.body  # the email does not say what was chosen
    assert all("example.fi" not in str(getattr(ballot, f.attname)) for f in Ballot._meta.concrete_fields)
    with pytest.raises(BallotRefused) as refused:
        ballot_receipt_send(ballot=ballot, email="not an address", language="fi")
    assert list(refused.value.errors) == ["email"]
    for _time in range(4):  # five in all, then no more: the form sends mail to any address typed in
        ballot_receipt_send(ballot=ballot, email="toinen@example.fi", language="fi")
    with pytest.raises(BallotRefused) as refused:
        ballot_receipt_send(ballot=ballot, email="kolmas@example.fi", language="fi")
    assert "sent 5 times already" in refused.value.errors["email"][0]
    assert Notification.objects.filter(kind="ballot_receipt").count() == 5


@pytest.mark.django_db(transaction=True)
def test_fifty_requests_at_once_for_one_voter_leave_one_ballot(voting):
    budget, east, money, p = voting
    voter = resident()
    barrier = threading.Barrier(50)
    results, failures = [], []

    def cast(index):
        try:
            barrier.wait(timeout=30)
            choice = [p["half"].pk] if index % 2 else [p["third"].pk, p["city"].pk]
            results.append(ballot_cast(budget_round=budget, resident=voter, area=east, proposal_ids=choice))
        except Exception as error:  # noqa: BLE001 - every failure is reported below
            failures.append(repr(error))
        finally:
            connection.close()

    threads = [threading.Thread(target=cast, args=(index,)) for index in range(50)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    assert failures == []
    assert len(results) == 50
    assert Ballot.objects.filter(round=budget).count() == 1
    ballot = Ballot.objects.get(round=budget)
    assert sum(1 for result in results if result.created) == 1
    assert {result.ballot.receipt_code for result in results} == {ballot.receipt_code}
    actions = list(BallotEvent.objects.filter(ballot=ballot).values_list("action", flat=True))
    assert actions.count(BallotAction.CAST) == 1 and actions.count(BallotAction.CHANGED) == 49
    # The choices are those of one whole request, never a mixture.
    assert set(ballot.choices.values_list("proposal_id", flat=True)) in (
        {p["half"].pk}, {p["third"].pk, p["city"].pk})


def test_after_the_first_ballot_the_database_refuses_a_change_of_the_rule_or_the_money(voting):
    budget, east, money, p = voting
    admin = budget_admin()
    ballot_cast(budget_round=budget, resident=resident(), area=east, proposal_ids=[p["city"].pk])
    budget.refresh_from_db()
    budget.voting_rule = VotingRule.APPROVAL
    budget.approval_limit = 3
    with pytest.raises(IntegrityError, match="budget_rules_locked|are locked"), transaction.atomic():
        budget.save()
    allocation = BudgetAllocation.objects.get(round=budget, area=east)
    with pytest.raises(IntegrityError, match="budget_rules_locked|is locked"), transaction.atomic():
        BudgetAllocation.objects.filter(pk=allocation.pk).update(override_amount=1, override_reason="x")
    with pytest.raises(AllocationRefused, match="rules and money are locked"):
        budget_allocation_override(allocation=allocation, amount=1000, reason="Testi", actor=admin)
    with pytest.raises(AllocationRefused, match="rules and money are locked"):
        budget_allocations_compute(budget_round=budget)
    budget.refresh_from_db()
    assert budget.voting_rule == VotingRule.KNAPSACK
    assert BudgetAllocation.objects.get(pk=allocation.pk).amount == money


def test_staff_enter_a_paper_ballot_hashed_audited_and_once_per_person(voting):
    budget, east, money, p = voting
    clerk = staff("asiakaspalvelu-paperi", StaffRole.CUSTOMER_SERVICE)
    ballot = ballot_paper_enter(budget_round=budget, personal_code=" 131052-308t ", area=east,
                                proposal_ids=[p["half"].pk], service_point="Kaupungintalo", actor=clerk)
    assert ballot.channel == BallotChannel.PAPER and ballot.entered_by == clerk
    assert ballot.voter_key == identity_hash(PERSON)
    event = BallotEvent.objects.get(ballot=ballot)
    assert (event.action, event.actor) == (BallotAction.PAPER_ENTERED, clerk)
    with connection.cursor() as cursor:  # the code is nowhere in the ballot tables
        cursor.execute("SELECT count(*) FROM planning_ballot b JOIN planning_ballotevent e ON e.ballot_id = b.id "
                       "WHERE b::text ILIKE %s OR e::text ILIKE %s", ["%131052%", "%131052%"])
        assert cursor.fetchone()[0] == 0
    with pytest.raises(BallotRefused) as refused:
        ballot_paper_enter(budget_round=budget, personal_code=PERSON, area=east, proposal_ids=[p["city"].pk],
                           service_point="Kirjasto", actor=clerk)
    assert "already voted" in refused.value.errors["personal_code"][0]
    # The same person online meets the paper ballot: one ballot, changed.
    online = ballot_cast(budget_round=budget, resident=resident(PERSON), area=east, proposal_ids=[p["city"].pk])
    assert not online.created and online.ballot.pk == ballot.pk
    assert Ballot.objects.count() == 1


def test_paper_ballots_are_refused_to_others_and_with_a_wrong_code(voting):
    budget, east, money, p = voting
    planner = staff("kaavoittaja-paperi", StaffRole.PLANNER)
    with pytest.raises(BallotRefused) as refused:
        ballot_paper_enter(budget_round=budget, personal_code=PERSON, area=east, proposal_ids=[p["city"].pk],
                           service_point="Kaupungintalo", actor=planner)
    assert "Only customer service and administrators" in str(refused.value)
    clerk = staff("asiakaspalvelu-paperi-2", StaffRole.CUSTOMER_SERVICE)
    with pytest.raises(BallotRefused) as refused:
        ballot_paper_enter(budget_round=budget, personal_code="131052-308A", area=east,
                           proposal_ids=[p["half"].pk, p["big"].pk], service_point="", actor=clerk)
    assert set(refused.value.errors) == {"personal_code", "service_point", "choices"}
    assert "last character does not match" in refused.value.errors["personal_code"][0]
    assert not Ballot.objects.exists()
