"""The planning map's facts, against hand-made geometry and rows: a plan touching an area (and not its
neighbour), the groups mapped for it, its budget area's money in the current round, its proposals and,
once the round shows its results, the official result; the same facts on the area's own page, in the
map's panel and as JSON, each in a counted handful of statements."""

import json
import re

import pytest
from django.utils import translation

from city.models import Area, AreaKind
from planning.map_selectors import area_participation, participation_layers, plan_participation
from planning.models import (
    BudgetPhase,
    BudgetResult,
    BudgetResultProject,
    BudgetRound,
    Phase,
    ProposalStatus,
    ResultRule,
    StakeholderGroup,
    StakeholderMapping,
)
from planning.models.processes import WHAT_RESIDENTS_CAN_DO
from tests.factories.areas import CENTRE_X, CENTRE_Y, AreaFactory, square
from tests.factories.budgets import budget_round_make, proposal_row
from tests.factories.processes import process_make, process_walk

pytestmark = pytest.mark.django_db


def _at(dx: float, dy: float, size: float):
    return square(CENTRE_X + dx, CENTRE_Y + dy, size)


@pytest.fixture
def world(db):
    """B-N holds 60100 (through the village V1) and 60200; B-S holds 60300 (squares in Seinäjoki's
    centre). A plan covers a quarter of 60100; the other areas lie kilometres from it."""
    none = {"population": None, "population_year": None, "population_source": ""}
    north = AreaFactory(code="B-N", name_fi="Pohjoinen alue", kind=AreaKind.BUDGET_AREA, boundary=_at(0, 0, 10_000),
                        **none)
    south = AreaFactory(code="B-S", name_fi="Eteläinen alue", kind=AreaKind.BUDGET_AREA,
                        boundary=_at(0, 20_000, 10_000), **none)
    village = AreaFactory(code="V1", kind=AreaKind.VILLAGE, parent=north, boundary=_at(0, 0, 5_000), **none)
    AreaFactory(code="60100", name_fi="Keskusta", kind=AreaKind.POSTAL_AREA, parent=village, population=3,
                boundary=_at(0, 0, 2_000))
    AreaFactory(code="60200", kind=AreaKind.POSTAL_AREA, parent=north, population=3, boundary=_at(5_000, 5_000, 2_000))
    AreaFactory(code="60300", kind=AreaKind.POSTAL_AREA, parent=south, population=2, boundary=_at(0, 20_000, 2_000))
    plan = process_make(name_fi="Keskuskaava", boundary=_at(0, 0, 1_000))
    plan = process_walk(plan, Phase.GOALS)  # maps a children-and-young group for the whole plan
    StakeholderMapping.objects.filter(process=plan, area__code="60100").update(
        proposed=False, how_reached="Kirje jokaiseen kotiin.")
    StakeholderMapping.objects.create(process=plan, group=StakeholderGroup.RESIDENTS, area=Area.objects.get(code="60200"),
                                      how_reached="Ilmoitustaulu.", proposed=False)  # another area's: not 60100's
    process_make(name_fi="Luonnos, ei julkaistu", boundary=_at(0, 0, 2_000), published=False)
    older = budget_round_make(phase=BudgetPhase.PROPOSALS, year=2026)
    budget = budget_round_make(phase=BudgetPhase.VOTING, year=2027, name_fi="Asukasbudjetti 2027")
    budget_round_make(phase=BudgetPhase.PREPARATION, year=2028)  # not public yet: not the current round
    bench = proposal_row(budget, area=north, cost=5_000, title="Penkki puistoon")
    proposal_row(budget, area=north, status=ProposalStatus.WITHDRAWN, cost=None, title="Peruttu ehdotus")
    proposal_row(budget, area=north, status=ProposalStatus.SUBMITTED, cost=None, title="Uusi leikkipaikka")
    proposal_row(budget, area=south, cost=3_000, title="Etelän kukat")
    proposal_row(older, area=north, cost=1_000, title="Viime vuoden ehdotus")
    return {"plan": plan, "budget": budget, "bench": bench, "north": north}


def _facts(code="60100", language="en"):
    with translation.override(language):
        return area_participation(code, language=language)


def test_an_area_shows_the_plans_touching_it_with_phase_and_what_residents_can_do(world):
    facts = _facts()
    assert facts["area"]["code"] == "60100" and facts["budget_area"]["code"] == "B-N"
    [plan] = facts["plans"]  # the unpublished draft is not shown
    assert (plan["id"], plan["name"], plan["phase"], plan["phase_name"]) == (world["plan"].pk, "Keskuskaava", 4, "Goals")
    with translation.override("en"):
        assert plan["what_residents_can_do"] == str(WHAT_RESIDENTS_CAN_DO[Phase.GOALS])
    assert plan["inside"] is True and plan["share_inside"] == 25.0 and plan["accepts_comments"] is True
    assert plan["url"] == f"/en/kaavat/{world['plan'].pk}/"
    assert plan["map_url"] == f"/en/osallistumiskartta/kaava/{world['plan'].pk}/"
    assert _facts("60200")["plans"] == [] and _facts("60300")["plans"] == []


def test_an_area_shows_the_groups_mapped_for_it_and_not_another_areas(world):
    groups = {(g["group"], (g["area"] or {}).get("code")): g for g in _facts()["groups"]}
    assert set(groups) == {("children_young", None), ("residents", "60100")}
    assert groups["residents", "60100"]["how_reached"] == "Kirje jokaiseen kotiin."
    assert groups["children_young", None]["plan"]["name"] == "Keskuskaava"
    assert groups["children_young", None]["group_label"] == "Children and young people"


def test_an_area_shows_its_budget_areas_money_and_proposals_in_the_current_round(world):
    budget = _facts()["budget"]
    assert budget["round"]["id"] == world["budget"].pk and budget["round"]["phase"] == "voting"
    assert budget["amount"] == 135_000  # 180 000 € by population 6 : 2, in steps of 1000
    assert budget["proposals_count"] == 2  # the withdrawn one and the other area's are not counted
    assert {p["title"] for p in budget["proposals"]} == {"Penkki puistoon", "Uusi leikkipaikka"}
    assert budget["results"] is None  # none before the results phase
    assert _facts("60300")["budget"]["amount"] == 45_000
    assert _facts("B-N")["budget"]["amount"] == 135_000  # a budget area is its own


def test_after_voting_the_area_shows_the_official_result(world):
    budget = world["budget"]
    BudgetRound.objects.filter(pk=budget.pk).update(phase=BudgetPhase.RESULTS)
    official = BudgetResult.objects.create(round=budget, area=world["north"], rule=ResultRule.MES, budget=135_000,
                                           spent=5_000, voters=12)
    BudgetResultProject.objects.create(result=official, proposal=world["bench"], votes=10, cost=5_000, selected=True,
                                       position=1)
    BudgetResult.objects.create(round=budget, area=world["north"], rule=ResultRule.GREEDY, budget=135_000, spent=0,
                                voters=12)  # the other rule's: shown on the results page, not here
    results = _facts()["budget"]["results"]
    assert (results["rule"], results["spent"], results["budget"], results["voters"]) == ("mes", 5_000, 135_000, 12)
    assert results["projects"] == [{"id": world["bench"].pk, "title": "Penkki puistoon", "votes": 10, "cost": 5_000,
                                    "selected": True, "position": 1, "url": results["projects"][0]["url"]}]


def test_a_plan_shows_its_affected_areas_with_their_budget_money_and_its_groups(world, django_assert_num_queries):
    with translation.override("fi"), django_assert_num_queries(1):
        facts = plan_participation(world["plan"].pk, language="fi")
    assert [(a["code"], a["inside"], a["budget_area"]["code"], a["budget_area"]["amount"]) for a in facts["areas"]] == [
        ("60100", True, "B-N", 135_000)]
    assert {(g["group"], (g["area"] or {}).get("code")) for g in facts["groups"]} == {
        ("children_young", None), ("residents", "60100"), ("residents", "60200")}
    assert plan_participation(world["plan"].pk + 1000, language="fi") is None


def test_the_layers_are_built_in_two_statements_in_wgs84(world, django_assert_num_queries):
    with django_assert_num_queries(2):
        layers = participation_layers(language="fi")
    assert layers["round"]["id"] == world["budget"].pk
    [plan] = layers["plans"]["features"]
    assert plan["properties"]["phase"] == 4 and plan["geometry"]["type"] in ("Polygon", "MultiPolygon")
    amounts = {f["id"]: f["properties"]["amount"] for f in layers["budget_areas"]["features"]}
    assert amounts == {"B-N": 135_000, "B-S": 45_000}
    assert {f["properties"]["title"] for f in layers["proposals"]["features"]} == {
        "Penkki puistoon", "Uusi leikkipaikka", "Etelän kukat"}
    assert {f["id"] for f in layers["areas"]["features"]} == {"60100", "60200", "60300"}  # innermost only
    lon = plan["geometry"]["coordinates"][0][0][0]
    lon = lon[0] if isinstance(lon, list) else lon
    assert 22 < lon < 23  # degrees: transformed in the database


def test_the_api_gives_the_same_facts_and_a_404_with_a_message(client, world, django_assert_num_queries):
    with django_assert_num_queries(2):
        response = client.get("/api/v1/areas/60100/participation/?lang=en")
    assert response.status_code == 200 and response["Content-Type"].startswith("application/json")
    body = response.json()
    assert body["plans"][0]["name"] == "Keskuskaava" and body["budget"]["amount"] == 135_000
    assert body["feedback"] == {"days": 365, "received": 0, "open": 0, "handled": 0, "median_days_to_handle": None,
                                "url": "/en/palaute/?area=60100"}
    missing = client.get("/api/v1/areas/99999/participation/?lang=en")
    assert missing.status_code == 404 and missing.json() == {"detail": "No area has the code “99999”."}
    assert client.get("/api/v1/areas/a%00b/participation/").status_code == 404


def test_the_area_page_and_the_panel_show_the_facts_without_the_map(client, world, django_assert_max_num_queries):
    with django_assert_max_num_queries(2):
        page = client.get("/en/osallistumiskartta/alue/60100/")
    html = page.content.decode()
    assert page.status_code == 200 and "<h1" in html and "Keskuskaava" in html and "Phase 4/6: Goals" in html
    assert "Children and young people" in html and "Kirje jokaiseen kotiin." in html
    assert "135,000 €" in html and "Penkki puistoon" in html and "Peruttu ehdotus" not in html
    panel = client.get("/en/osallistumiskartta/alue/60100/paneeli/").content.decode()
    assert "<html" not in panel and "<h3" in panel and "Keskuskaava" in panel
    assert client.get("/en/osallistumiskartta/alue/99999/").status_code == 404
    plan = client.get(f"/en/osallistumiskartta/kaava/{world['plan'].pk}/").content.decode()
    assert "135,000 €" in plan and re.search(r'id="plan-areas".*60100', plan, re.S)
    assert client.get("/osallistumiskartta/kaava/99999999999999999999/").status_code == 404


def test_the_map_page_lists_the_areas_and_plans_and_finds_an_address_without_script(client, world,
                                                                                  django_assert_max_num_queries):
    with django_assert_max_num_queries(2):
        page = client.get("/en/osallistumiskartta/")
    html = page.content.decode()
    assert page.status_code == 200 and 'aria-current="page">Planning map</a>' in html
    assert '<option value="60100">' in html and f'<option value="{world["plan"].pk}">Keskuskaava (Phase 4/6: Goals)</option>' in html
    layers = json.loads(re.search(r'<script id="participation-layers" type="application/json">(.*?)</script>',
                                  html, re.S).group(1))
    assert len(layers["areas"]["features"]) == 3
    chosen = client.get("/en/osallistumiskartta/valitse/?alue=60100")
    assert chosen.status_code == 302 and chosen["Location"] == "/en/osallistumiskartta/alue/60100/"
    assert client.get(f"/osallistumiskartta/valitse/?kaava={world['plan'].pk}")["Location"] == \
        f"/osallistumiskartta/kaava/{world['plan'].pk}/"
    assert client.get("/osallistumiskartta/valitse/")["Location"] == "/osallistumiskartta/"
    found = client.get("/en/osallistumiskartta/", {"osoite": "60300"}).content.decode()  # a postal code
    assert 'href="/en/osallistumiskartta/alue/60300/"' in found
