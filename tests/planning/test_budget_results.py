"""A round's results end to end: the SQL tally against counting the rows in Python, both rules stored
for every section (a hand-worked round), the job run by a real RQ worker when the round moves into
its results phase, the results page and its notices, the budgets API, and the Pabulib file
downloaded and recomputed by ``manage.py pb_results`` to the very result the platform stored.

Ballots are written as rows (the voting service is not what is tested here)."""

from __future__ import annotations

import itertools
import json
import random
import re
from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.utils import translation

from planning.models import (
    Ballot,
    BallotChoice,
    BudgetAllocation,
    BudgetPhase,
    BudgetResult,
    BudgetRound,
    ProposalStatus,
    ResultRule,
)
from planning.services.budget_results import (
    ResultsRefused,
    budget_approval_sets,
    budget_results_compute,
    budget_tally,
)
from planning.services.budgets import budget_round_move_phase
from tests.factories import jobs_run
from tests.factories.budgets import budget_admin, budget_areas, budget_round_make, proposal_row

pytestmark = pytest.mark.django_db

_keys = itertools.count(1)


def ballot(budget, area, proposals) -> Ballot:
    """A ballot row cast in ``area`` choosing ``proposals``."""
    number = next(_keys)
    row = Ballot.objects.create(round=budget, area=area, voter_key=f"voter-{number}", receipt_code=f"R{number:08d}")
    BallotChoice.objects.bulk_create([BallotChoice(ballot=row, round=budget, proposal=p) for p in proposals])
    return row


class Round:
    """The hand-worked round: 50 € city-wide, 100 € in SJK-ITA (set by hand), official rule MES.

    SJK-ITA: A and B (50 € each) chosen by six ballots, C (40 €) by four; D (120 €) costs more than
    the area's money and E is not feasible: neither is on the ballot. Greedy: A, B (6 votes each; A
    first by id). MES (10 € per voter): A at 50/6 € each, then C at 10 € each; B is out of its
    supporters' reach: A, C, 10 € left. City-wide (8 voters: the six, and two ballots of SJK-LANSI):
    X (30 €, 6 votes), Y (20 €, 2 votes). Greedy: X, then Y costs exactly the 20 € left. MES: 6.25 €
    per voter: X; Y's two supporters have 12.50 €; raised by 4 € per voter (10.25 € each) Y is
    affordable and X, Y spend the 50 € exactly. SJK-LANSI's L (10 €) has no votes."""

    def __init__(self, phase=BudgetPhase.VOTING):
        self.budget = budget_round_make(phase=BudgetPhase.REVIEW, total=1000, city_wide=50, rounding_step=1,
                                        name_sv="Invånarbudget", official_rule=ResultRule.MES)
        self.areas = budget_areas()
        self.ita, self.lansi = self.areas["SJK-ITA"], self.areas["SJK-LANSI"]
        BudgetAllocation.objects.filter(round=self.budget, area=self.ita).update(
            override_amount=100, override_reason="Käsin asetettu testiä varten.")
        self.a, self.b, self.c = (proposal_row(self.budget, area=self.ita, cost=cost, title=title)
                                  for cost, title in ((50, "A-penkki"), (50, "B-puisto"), (40, "C-valo")))
        self.d = proposal_row(self.budget, area=self.ita, cost=120, title="D-liian kallis")
        self.e = proposal_row(self.budget, area=self.ita, status=ProposalStatus.INFEASIBLE, review_note="Ei käy.")
        self.x = proposal_row(self.budget, area=None, cost=30, title="X-kaupunki")
        self.y = proposal_row(self.budget, area=None, cost=20, title="Y-kaupunki")
        self.l = proposal_row(self.budget, area=self.lansi, cost=10, title="L-länsi")
        self.admin = budget_admin()
        self.budget = budget_round_move_phase(budget_round=self.budget, to_phase=BudgetPhase.VOTING, actor=self.admin)
        for _ in range(6):
            ballot(self.budget, self.ita, [self.a, self.b, self.x])
        for _ in range(4):
            ballot(self.budget, self.ita, [self.c])
        for _ in range(2):
            ballot(self.budget, self.lansi, [self.y])
        if phase == BudgetPhase.RESULTS:
            self.to_results()

    def to_results(self):
        self.budget = budget_round_move_phase(budget_round=self.budget, to_phase=BudgetPhase.RESULTS,
                                              actor=self.admin)
        return self.budget

    def selected(self, area, rule) -> list[int]:
        result = BudgetResult.objects.get(round=self.budget, area=area, rule=rule)
        return [p.proposal_id for p in result.projects.filter(selected=True).order_by("position")]


@pytest.fixture
def hand_worked(city):
    return Round()


@pytest.fixture
def computed(city):
    worked = Round(BudgetPhase.RESULTS)
    budget_results_compute(budget_round=worked.budget)
    return worked


def test_the_tally_counts_votes_and_the_sets_count_voters_per_section(hand_worked):
    w = hand_worked
    tally = budget_tally(w.budget)
    assert tally[w.ita.pk] == {w.a.pk: (50, 6), w.b.pk: (50, 6), w.c.pk: (40, 4)}  # not D nor E
    assert tally[None] == {w.x.pk: (30, 6), w.y.pk: (20, 2)}
    assert tally[w.lansi.pk] == {w.l.pk: (10, 0)}
    sets = budget_approval_sets(w.budget)
    assert sets[w.ita.pk] == (10, [(frozenset({w.a.pk, w.b.pk}), 6), (frozenset({w.c.pk}), 4)])
    assert sets[None] == (8, [(frozenset({w.x.pk}), 6), (frozenset({w.y.pk}), 2)])
    assert w.lansi.pk not in sets  # no ballot chose anything there: no voters


def test_the_sql_tally_is_what_counting_the_rows_gives(city):
    budget = budget_round_make(phase=BudgetPhase.REVIEW, total=100_000, city_wide=10_000)
    areas = list(budget_areas().values())
    proposals = {area.pk: [proposal_row(budget, area=area, cost=1000 * (n + 1)) for n in range(5)] for area in areas}
    proposals[None] = [proposal_row(budget, area=None, cost=500 * (n + 1)) for n in range(4)]
    budget = budget_round_move_phase(budget_round=budget, to_phase=BudgetPhase.VOTING, actor=budget_admin())
    rng = random.Random(14)
    for _ in range(300):
        area = rng.choice(areas)
        chosen = rng.sample(proposals[area.pk], rng.randint(0, 3)) + rng.sample(proposals[None], rng.randint(0, 2))
        ballot(budget, area, chosen)
    # Counted in Python from the rows.
    votes, voters, sets = {}, {}, {}
    for row in Ballot.objects.filter(round=budget).prefetch_related("choices__proposal"):
        by_section = {}
        for choice in row.choices.all():
            votes[choice.proposal_id] = votes.get(choice.proposal_id, 0) + 1
            by_section.setdefault(choice.proposal.area_id, set()).add(choice.proposal_id)
        for section, chosen in by_section.items():
            voters[section] = voters.get(section, 0) + 1
            sets.setdefault(section, {}).setdefault(frozenset(chosen), 0)
            sets[section][frozenset(chosen)] += 1
    tally = budget_tally(budget)
    counted = budget_approval_sets(budget)
    for section, rows in proposals.items():
        assert tally[section] == {p.pk: (p.cost_estimate, votes.get(p.pk, 0)) for p in rows}
        assert counted[section][0] == voters[section]
    assert {section: dict(rows) for section, (_voters, rows) in counted.items()} == sets
    for section in sets:  # one section's count (for its Pabulib file) is the same, in the same order
        assert budget_approval_sets(budget, area_id=section, only_section=True) == {section: counted[section]}


def test_both_rules_are_stored_for_every_section(computed):
    w = computed
    assert BudgetResult.objects.filter(round=w.budget).count() == 2 * 5  # city-wide and four areas
    assert w.selected(w.ita, ResultRule.GREEDY) == [w.a.pk, w.b.pk]
    assert w.selected(w.ita, ResultRule.MES) == [w.a.pk, w.c.pk]
    assert w.selected(None, ResultRule.GREEDY) == [w.x.pk, w.y.pk]  # Y costs exactly the money left
    assert w.selected(None, ResultRule.MES) == [w.x.pk, w.y.pk]
    ita_mes = BudgetResult.objects.get(round=w.budget, area=w.ita, rule=ResultRule.MES)
    assert (ita_mes.budget, ita_mes.spent, ita_mes.left, ita_mes.voters) == (100, 90, 10, 10)
    assert ita_mes.projects.count() == 3
    assert w.selected(w.lansi, ResultRule.GREEDY) == [] == w.selected(w.lansi, ResultRule.MES)
    north = BudgetResult.objects.get(round=w.budget, area=w.areas["SJK-POHJOINEN"], rule=ResultRule.MES)
    assert (north.spent, north.voters, north.projects.count()) == (0, 0, 0)


def test_computing_again_replaces_the_rows_with_the_same(computed):
    w = computed
    before = list(BudgetResult.objects.filter(round=w.budget).values_list("area", "rule", "spent", "voters"))
    budget_results_compute(budget_round=w.budget)
    assert list(BudgetResult.objects.filter(round=w.budget).values_list("area", "rule", "spent", "voters")) == before
    assert BudgetResult.objects.filter(round=w.budget).count() == 10


def test_results_are_computed_only_in_the_results_phase(hand_worked):
    with translation.override("en"), pytest.raises(ResultsRefused, match="only in the results phase"):
        budget_results_compute(budget_round=hand_worked.budget)
    assert not BudgetResult.objects.exists()


def test_moving_into_the_results_phase_has_a_real_worker_compute_them(hand_worked, mail_queue,
                                                                     django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        hand_worked.to_results()
    assert not BudgetResult.objects.exists()  # not in the request: in the worker
    assert [job.timeout for job in mail_queue.get_jobs()] == [30 * 60]  # a big count gets its time
    assert jobs_run() == {"finished": 1, "failed": 0}
    assert hand_worked.selected(hand_worked.ita, ResultRule.MES) == [hand_worked.a.pk, hand_worked.c.pk]


def test_the_command_computes_them_again(computed):
    BudgetResult.objects.all().delete()
    out = StringIO()
    call_command("budget_results", str(computed.budget.pk), stdout=out)
    assert "SJK-ITA mes: 90 of 100 € spent, 10 voters, 2 proposals selected" in out.getvalue()
    assert BudgetResult.objects.count() == 10


# The page --------------------------------------------------------------------------------------

def _text(response) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", response.content.decode()))


def test_the_results_page_shows_both_rules_side_by_side_and_marks_the_official(client, computed,
                                                                            django_assert_max_num_queries):
    w = computed
    with django_assert_max_num_queries(6):
        response = client.get(f"/en/asukasbudjetti/{w.budget.pk}/tulokset/")
    assert response.status_code == 200
    html = response.content.decode()
    text = _text(response)
    assert "Method of Equal Shares" in text and "Most votes first" in text
    section = html[html.index('id="tulos-SJK-ITA"'):html.index('id="tulos-SJK-LANSI"')]
    assert re.search(r'data-rule="mes" data-official="true"', section)
    assert 'data-rule="greedy" data-official' not in section
    b_row = section[section.index(f'data-proposal="{w.b.pk}"'):]
    b_row = b_row[:b_row.index("</tr>")]
    assert 'data-rule="greedy">Selected as no. 2' in b_row and "Not selected" in b_row
    assert "D-liian kallis" not in html
    assert f"/asukasbudjetti/{w.budget.pk}/tulokset/SJK-ITA.pb" in html
    geojson = json.loads(re.search(r'id="results-geojson" type="application/json">(.*?)</script>', html).group(1))
    selected = {f["id"] for f in geojson["features"] if f["properties"]["selected"]}
    assert selected == {w.a.pk, w.c.pk}  # X and Y (city-wide) have no place; B lost under MES
    assert all(-180 <= f["geometry"]["coordinates"][0] <= 180 for f in geojson["features"])


def test_before_the_results_the_page_says_when_they_come(client, hand_worked):
    response = client.get(f"/en/asukasbudjetti/{hand_worked.budget.pk}/tulokset/")
    assert response.status_code == 200
    assert "No results yet" in _text(response) and "results-map" not in response.content.decode()
    hand_worked.to_results()
    assert "The votes are being counted" in _text(client.get(f"/en/asukasbudjetti/{hand_worked.budget.pk}/tulokset/"))


def test_a_round_in_preparation_has_no_results_page(client, city):
    budget = BudgetRound.objects.create(year=2027, name_fi="Valmisteilla", total=1000)
    assert client.get(f"/asukasbudjetti/{budget.pk}/tulokset/").status_code == 404
    assert client.get(f"/asukasbudjetti/{budget.pk}/tulokset/koko-kaupunki.pb").status_code == 404


# The Pabulib file and pb_results -----------------------------------------------------------------

def _download(client, budget, code: str, tmp_path) -> str:
    response = client.get(f"/asukasbudjetti/{budget.pk}/tulokset/{code}.pb")
    assert response.status_code == 200 and "attachment" in response["Content-Disposition"]
    path = tmp_path / f"{code}.pb"
    path.write_bytes(response.content)
    return str(path)


def _pb_results(path: str, rule: str) -> list[int]:
    out = StringIO()
    call_command("pb_results", path, rule=rule, stdout=out)
    return [int(line) for line in out.getvalue().split()]


@pytest.mark.parametrize("code", ["SJK-ITA", "koko-kaupunki"])
def test_the_pabulib_file_recomputes_to_the_stored_results(client, computed, tmp_path, code):
    w = computed
    area = w.ita if code == "SJK-ITA" else None
    path = _download(client, w.budget, code, tmp_path)
    assert _pb_results(path, "mes") == w.selected(area, ResultRule.MES)
    assert _pb_results(path, "greedy") == w.selected(area, ResultRule.GREEDY)
    text = open(path, encoding="utf-8").read()
    assert "vote_type;approval" in text and "rule;equalshares" in text
    votes = text.split("VOTES\n")[1].splitlines()[1:]
    assert [line.split(";")[0] for line in votes] == [str(n) for n in range(1, len(votes) + 1)]  # 1, 2, 3…
    assert "voter-" not in text and "R0" not in text  # no voter keys, no receipt codes


def test_mes_core_is_the_method_before_completion(client, computed, tmp_path):
    path = _download(client, computed.budget, "koko-kaupunki", tmp_path)
    assert _pb_results(path, "mes-core") == [computed.x.pk]


def test_pb_results_refuses_a_broken_file_naming_the_line(tmp_path):
    path = tmp_path / "broken.pb"
    path.write_text("META\nkey;value\nbudget;100\nPROJECTS\nproject_id;cost\n1;kymppi\nVOTES\nvoter_id;vote\n")
    with pytest.raises(CommandError, match=r"line 6: the cost of project 1 is not a whole number"):
        call_command("pb_results", str(path), rule="greedy")
    with pytest.raises(CommandError, match="cannot be read"):
        call_command("pb_results", str(tmp_path / "missing.pb"))


def test_an_unknown_section_has_no_file(client, computed):
    assert client.get(f"/asukasbudjetti/{computed.budget.pk}/tulokset/SJK-EIOLE.pb").status_code == 404


# The API ---------------------------------------------------------------------------------------

def test_the_budgets_list_shows_rounds_past_preparation(client, computed, django_assert_num_queries):
    hidden = BudgetRound.objects.create(year=2030, name_fi="Valmisteilla", total=1000)
    with django_assert_num_queries(1):
        body = client.get("/api/v1/budgets/?lang=sv").json()
    ids = [row["id"] for row in body["results"]]
    assert computed.budget.pk in ids and hidden.pk not in ids
    row = body["results"][ids.index(computed.budget.pk)]
    assert row["name"] == "Invånarbudget" and row["has_results"] is True and row["official_rule"] == "mes"
    assert row["results_url"] == f"/sv/asukasbudjetti/{computed.budget.pk}/tulokset/"


def test_a_budget_shows_its_money_by_area(client, computed, django_assert_num_queries):
    with django_assert_num_queries(1):
        body = client.get(f"/api/v1/budgets/{computed.budget.pk}/").json()
    by_code = {row["area"]["code"]: row for row in body["allocations"]}
    assert by_code["SJK-ITA"]["amount"] == 100 and by_code["SJK-ITA"]["override_reason"]
    assert by_code["SJK-ITA"]["geometry"] is None and by_code["SJK-ITA"]["population"] > 0
    shaped = client.get(f"/api/v1/budgets/{computed.budget.pk}/?geometry=true").json()
    assert shaped["allocations"][0]["geometry"]["type"] == "MultiPolygon"
    assert client.get(f"/api/v1/budgets/{computed.budget.pk}/?geometry=maybe").status_code == 400


def test_a_budgets_results_in_the_api(client, computed, django_assert_num_queries):
    w = computed
    with django_assert_num_queries(1):
        body = client.get(f"/api/v1/budgets/{w.budget.pk}/results/?lang=en").json()
    assert body["official_rule"] == "mes" and body["computed_at"]
    codes = [section["code"] for section in body["sections"]]
    assert codes[0] == "koko-kaupunki" and len(codes) == 5
    ita = body["sections"][codes.index("SJK-ITA")]
    assert ita["rules"]["mes"] == {"rule": "mes", "label": "Method of Equal Shares", "official": True, "spent": 90,
                                   "left": 10, "selected": [w.a.pk, w.c.pk]}
    assert ita["rules"]["greedy"]["official"] is False and ita["rules"]["greedy"]["selected"] == [w.a.pk, w.b.pk]
    assert [p["id"] for p in ita["projects"]] == [w.a.pk, w.b.pk, w.c.pk]
    assert ita["projects"][1]["greedy"] == {"selected": True, "position": 2}
    assert ita["projects"][1]["mes"] == {"selected": False, "position": None}


@pytest.mark.parametrize("path", ["0/", "abc/", "99999999/", "99999999/results/", "-1/results/"])
def test_unknown_rounds_are_404_in_the_api(client, city, path):
    response = client.get(f"/api/v1/budgets/{path}")
    assert response.status_code == 404 and "detail" in response.json()


def test_a_round_in_preparation_is_404_in_the_api(client, city):
    budget = BudgetRound.objects.create(year=2027, name_fi="Valmisteilla", total=1000)
    assert client.get(f"/api/v1/budgets/{budget.pk}/").status_code == 404
    assert client.get(f"/api/v1/budgets/{budget.pk}/results/").status_code == 404


def test_the_api_is_in_the_openapi_schema(client):
    schema = client.get("/api/v1/schema/?format=json").json()
    assert {"/api/v1/budgets/", "/api/v1/budgets/{id}/", "/api/v1/budgets/{id}/results/"} <= set(schema["paths"])
