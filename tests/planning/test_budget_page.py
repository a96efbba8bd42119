"""A round's money by area for residents: the table and the map's GeoJSON (built by PostGIS) say the
same, in the page's language, with a hand-set amount's reason; a round in preparation is not shown."""

import json
import re

import pytest

from planning.models import BudgetPhase, BudgetRound
from planning.services.budgets import budget_allocation_override, budget_allocations_compute
from tests.factories.processes import staff
from tests.planning.test_budget_allocations import budget_city  # noqa: F401 (a fixture)

pytestmark = pytest.mark.django_db


@pytest.fixture
def budget(budget_city):  # noqa: F811
    budget = BudgetRound.objects.create(year=2027, name_fi="Asukasbudjetti 2027", name_en="Resident budget 2027",
                                        total=120_000, city_wide=20_000, rounding_step=100)
    rows = {row.area.code: row for row in budget_allocations_compute(budget_round=budget)}
    budget_allocation_override(allocation=rows["B-S"], amount=30_000, reason="Koulun piha uusitaan.",
                               actor=staff("paakayttaja-p", "administrator"))
    BudgetRound.objects.filter(pk=budget.pk).update(phase=BudgetPhase.PROPOSALS)
    return budget


def test_the_table_and_the_map_show_each_areas_money_with_a_hand_set_amounts_reason(client, budget,
                                                                                     django_assert_max_num_queries):
    with django_assert_max_num_queries(6):
        response = client.get(f"/en/asukasbudjetti/{budget.pk}/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "Resident budget 2027" in html
    table = re.search(r'<table[^>]*id="allocation-table".*?</table>', html, re.S).group(0)
    assert "75,000 €" in table and "30,000 €" in table and "Koulun piha uusitaan." in table
    data = json.loads(re.search(r'<script id="budget-allocations" type="application/json">(.*?)</script>',
                                html, re.S).group(1))
    by_code = {f["properties"]["code"]: f for f in data["features"]}
    assert by_code["B-N"]["properties"]["amount"] == 75_000
    assert by_code["B-S"]["properties"]["amount"] == 30_000
    assert by_code["B-S"]["properties"]["computed_amount"] == 25_000
    assert by_code["B-N"]["properties"]["per_resident"] == 12500.0  # 75 000 € for 6 residents
    assert by_code["B-N"]["geometry"]["type"] in ("Polygon", "MultiPolygon")
    lon, lat = by_code["B-N"]["geometry"]["coordinates"][0][0][0] if by_code["B-N"]["geometry"]["type"] == \
        "MultiPolygon" else by_code["B-N"]["geometry"]["coordinates"][0][0]
    assert 22 < lon < 23 and abs(lat) < 1  # degrees, transformed in the database (the test squares lie at TM35 (0, 0))


def test_a_round_in_preparation_or_unknown_is_not_found(client, budget):
    BudgetRound.objects.filter(pk=budget.pk).update(phase=BudgetPhase.PREPARATION)
    assert client.get(f"/asukasbudjetti/{budget.pk}/").status_code == 404
    assert client.get("/asukasbudjetti/999999/").status_code == 404


@pytest.mark.parametrize(("phase", "action"), [
    ("proposals", "/en/asukasbudjetti/{pk}/ehdotukset/uusi/"),
    ("review", "/en/asukasbudjetti/{pk}/ehdotukset/"),
    ("voting", "/en/asukasbudjetti/{pk}/aanesta/"),
    ("results", "/en/asukasbudjetti/{pk}/tulokset/"),
])
def test_the_round_page_leads_to_what_residents_can_do_in_its_phase(client, city, phase, action):
    from datetime import date

    from tests.factories.budgets import budget_round_make

    budget = budget_round_make(phase=phase, voting_start=date(2027, 3, 1), voting_end=date(2027, 3, 21))
    page = client.get(f"/en/asukasbudjetti/{budget.pk}/").content.decode()
    assert f'href="{action.format(pk=budget.pk)}"' in page
    assert "1.3.2027–21.3.2027" in page
    others = {"proposals": "ehdotukset/uusi/", "voting": "aanesta/", "results": "tulokset/"}
    for other, path in others.items():
        if other != phase:
            assert f"/asukasbudjetti/{budget.pk}/{path}" not in page


def test_the_resident_budget_page_lists_the_public_rounds_and_the_menu_leads_to_it(client, city):
    from tests.factories.budgets import budget_round_make

    voting = budget_round_make(phase="voting", name_en="Resident budget 2027")
    hidden = budget_round_make(phase="preparation", name_en="Resident budget 2030")
    page = client.get("/en/asukasbudjetti/").content.decode()
    assert f'href="/en/asukasbudjetti/{voting.pk}/"' in page and "Voting is open." in page
    assert f'href="/en/asukasbudjetti/{hidden.pk}/"' not in page
    assert 'href="/en/asukasbudjetti/" aria-current="page"' in page
    assert 'href="/asukasbudjetti/"' in client.get("/").content.decode()
