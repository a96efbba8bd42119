"""The voting pages without JavaScript: sign-in first, the home area's ballot, the server refusing what
the script would, an explicit confirmation, the receipt with its email, a returning voter changing
the ballot, the public receipt check (never the choices), and staff entering paper ballots."""

import re

import pytest
from django.utils import translation

from city.models import Notification, StaffRole
from planning.budget_selectors import budget_section_amount
from planning.identity import resident_identity_get_or_create
from planning.models import Ballot, BallotChannel, BudgetPhase
from tests.factories.budgets import budget_areas, budget_round_make, proposal_row
from tests.factories.processes import staff


@pytest.fixture
def voting(city):
    budget = budget_round_make(phase=BudgetPhase.VOTING)
    east = budget_areas()["SJK-ITA"]
    money = budget_section_amount(budget, east)
    proposals = {
        "half": proposal_row(budget, area=east, cost=money // 2, title="Leikkipuisto"),
        "big": proposal_row(budget, area=east, cost=money * 2 // 3, title="Kuntorata"),
        "city": proposal_row(budget, area=None, cost=5_000, title="Kirjastoauto"),
        "west": proposal_row(budget, area=budget_areas()["SJK-LANSI"], cost=1_000, title="Lännen penkki"),
    }
    return budget, east, money, proposals


@pytest.fixture
def voter(client, voting):
    resident = resident_identity_get_or_create(identifier="131052-308T", provider="dev",
                                               home_area=voting[1])
    client.force_login(resident.user)
    return resident


def test_the_ballot_asks_for_identification_first(client, voting):
    budget = voting[0]
    answer = client.get(f"/asukasbudjetti/{budget.pk}/aanesta/")
    assert answer.status_code == 302
    assert answer["Location"] == f"/tunnistaudu/?next=%2Fasukasbudjetti%2F{budget.pk}%2Faanesta%2F"


def test_a_voter_reviews_confirms_and_gets_a_receipt(client, voting, voter, mail_queue):
    budget, east, money, p = voting
    url = f"/en/asukasbudjetti/{budget.pk}/aanesta/"
    with translation.override("en"):
        page = client.get(url).content.decode()
        assert 'value="SJK-ITA" selected' in page and "(your home area)" in page
        assert "Leikkipuisto" in page and "Kirjastoauto" in page and "Lännen penkki" not in page
        assert f'id="choice-{p["half"].pk}"' in page and 'for="choice-' in page
        assert f'href="/en/asukasbudjetti/ehdotukset/{p["half"].pk}/"' in page  # each proposal's own page
        # Over the money without JavaScript: the server says why, and keeps the picks.
        refused = client.post(url, {"area": "SJK-ITA", "choices": [p["half"].pk, p["big"].pk], "action": "review"})
        assert refused.status_code == 400
        text = refused.content.decode()
        assert "more than its money" in text and 'id="error-summary"' in text
        assert f'value="{p["big"].pk}" id="choice-{p["big"].pk}" data-cost' in text and "checked" in text
        # Review: nothing is stored until the voter confirms.
        review = client.post(url, {"area": "SJK-ITA", "choices": [p["half"].pk, p["city"].pk], "action": "review"})
        assert review.status_code == 200 and b"ballot-confirm" in review.content
        assert not Ballot.objects.exists()
        confirmed = client.post(url, {"area": "SJK-ITA", "choices": [p["half"].pk, p["city"].pk],
                                      "action": "confirm"})
        assert confirmed.status_code == 302 and confirmed["Location"] == f"/en/asukasbudjetti/{budget.pk}/aanesta/kuitti/"
        ballot = Ballot.objects.get()
        receipt = client.get(confirmed["Location"]).content.decode()
        assert ballot.receipt_code in receipt and "Leikkipuisto" in receipt and "Thank you" in receipt
        sent = client.post(confirmed["Location"], {"email": "asukas@example.fi"})
        assert sent.status_code == 302
        assert Notification.objects.filter(kind="ballot_receipt", recipient="asukas@example.fi").count() == 1
        wrong = client.post(confirmed["Location"], {"email": "no"})
        assert wrong.status_code == 400 and b'id="email-error"' in wrong.content


def test_a_returning_voter_sees_and_changes_the_ballot_keeping_the_code(client, voting, voter):
    budget, east, money, p = voting
    url = f"/asukasbudjetti/{budget.pk}/aanesta/"
    client.post(url, {"area": "SJK-ITA", "choices": [p["half"].pk], "action": "confirm"})
    code = Ballot.objects.get().receipt_code
    page = client.get(url).content.decode()
    assert code in page and re.search(rf'id="choice-{p["half"].pk}"[^>]*checked', page)
    client.post(url, {"area": "SJK-ITA", "choices": [p["big"].pk], "action": "confirm"})
    ballot = Ballot.objects.get()
    assert ballot.receipt_code == code and list(ballot.choices.values_list("proposal_id", flat=True)) == [p["big"].pk]
    # Another area's ballot is one choice away.
    other = client.get(url + "?alue=SJK-LANSI").content.decode()
    assert "Lännen penkki" in other and "Leikkipuisto" not in other


def test_the_public_receipt_check_says_counted_but_not_what_was_chosen(client, voting, voter):
    budget, east, money, p = voting
    client.post(f"/asukasbudjetti/{budget.pk}/aanesta/", {"area": "SJK-ITA", "choices": [p["half"].pk],
                                                          "action": "confirm"})
    code = Ballot.objects.get().receipt_code
    client.logout()
    with translation.override("en"):
        found = client.get("/en/asukasbudjetti/kuitti/", {"koodi": code.lower().replace("-", "")})
        assert found.status_code == 200
        text = found.content.decode()
        assert "The ballot is counted" in text and budget.name_fi in text and east.name("en") in text
        assert "Leikkipuisto" not in text
        assert client.get("/en/asukasbudjetti/kuitti/", {"koodi": "KKKK-KKKK-KKKK"}).status_code == 404
        bad = client.get("/en/asukasbudjetti/kuitti/", {"koodi": "12"})
        assert bad.status_code == 400 and b"12 letters and digits" in bad.content
        assert client.get("/en/asukasbudjetti/kuitti/").status_code == 200


def test_outside_voting_the_ballot_is_closed(client, city):
    budget = budget_round_make(phase=BudgetPhase.REVIEW)
    resident = resident_identity_get_or_create(identifier="131052-308T", provider="dev")
    client.force_login(resident.user)
    page = client.get(f"/asukasbudjetti/{budget.pk}/aanesta/")
    assert page.status_code == 200 and b'id="voting-closed"' in page.content and b"ballot-form" not in page.content
    refused = client.post(f"/asukasbudjetti/{budget.pk}/aanesta/", {"area": "SJK-ITA", "choices": ["1"],
                                                                    "action": "confirm"})
    assert refused.status_code == 400 and not Ballot.objects.exists()


def test_staff_enter_paper_ballots_and_others_may_not(client, voting):
    budget, east, money, p = voting
    url = f"/henkilosto/asukasbudjetti/aanestys/{budget.pk}/"
    assert client.get(url)["Location"].startswith("/henkilosto/kirjaudu/")
    client.force_login(staff("kaavoittaja-p", StaffRole.PLANNER))
    assert client.get(url).status_code == 403
    clerk = staff("asiakaspalvelu-p", StaffRole.CUSTOMER_SERVICE)
    client.force_login(clerk)
    assert budget.name_fi.encode() in client.get("/henkilosto/asukasbudjetti/aanestys/").content
    form = client.get(url + "?alue=SJK-ITA").content.decode()
    assert "Leikkipuisto" in form and 'id="id_personal_code"' in form
    entered = client.post(url, {"area": "SJK-ITA", "personal_code": "131052-308T", "service_point": "Kaupungintalo",
                                "choices": [p["half"].pk]})
    assert entered.status_code == 302
    ballot = Ballot.objects.get()
    assert (ballot.channel, ballot.entered_by, ballot.service_point) == (BallotChannel.PAPER, clerk, "Kaupungintalo")
    shown = client.get(entered["Location"]).content.decode()
    assert ballot.receipt_code in shown and 'value="Kaupungintalo"' in shown
    with translation.override("en"):
        again = client.post("/en" + url, {"area": "SJK-ITA", "personal_code": "131052-308T",
                                          "service_point": "Kirjasto", "choices": [p["city"].pk]})
    assert again.status_code == 400 and b"already voted" in again.content
    assert Ballot.objects.count() == 1
