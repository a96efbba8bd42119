"""Affected residential areas, computed by PostGIS from a plan's boundary (planning.services.areas),
against hand-made squares in EPSG:3067 whose shares and distances are known by construction.

    y
    1000 ┌──────────── plan ────────────┐
         │  ┌──────┐                    │
         │  │inside│               ┌────┼────┐   ┌─────┐        ┌────┐
         │  └──────┘               │ crossing│   │near │        │far │
       0 └─────────────────────────┴────┴────┘   └─────┘        └────┘
         0                         800 1000 1200 1300 1700      2100 2400  x (metres from X0)
"""

from __future__ import annotations

import pytest
from django.contrib.gis.geos import MultiPolygon, Polygon

from city.geometry import GeometryRefused
from city.models import AreaKind
from planning.models import AffectedArea, ProcessAction, ProcessEvent, StakeholderGroup, StakeholderMapping
from planning.services import areas as area_services
from planning.services.areas import process_boundary_set
from tests.factories import AreaFactory
from tests.factories.processes import process_make, square

# Far from the demo city's areas (none are loaded here): only the squares below exist.
X0, Y0 = 400_000, 7_000_000


def _area(code: str, x: float, y: float, size: float, *, population: int | None = 1000, **fields):
    extra = {} if population is not None else {"population_year": None, "population_source": ""}
    return AreaFactory(code=code, name_fi=f"Alue {code}", kind=fields.pop("kind", AreaKind.DISTRICT),
                       boundary=square(X0 + x, Y0 + y, size), population=population, **extra, **fields)


@pytest.fixture
def squares(db):
    return {
        "INSIDE": _area("INSIDE", 200, 200, 400, population=1000),  # wholly inside
        "CROSSING": _area("CROSSING", 800, 0, 400, population=600),  # half of it inside
        "NEAR": _area("NEAR", 1300, 0, 400, population=800),  # 300 m from the boundary
        "FAR": _area("FAR", 2100, 0, 300, population=500),  # 1 100 m away
    }


def _affected(process) -> dict[str, tuple[float, float, int | None]]:
    return {row.area.code: (round(row.share_inside, 6), round(row.distance_m, 3), row.residents_estimate)
            for row in AffectedArea.objects.filter(process=process).select_related("area")}


def test_inside_crossing_and_a_neighbour_within_500_m_are_affected_and_one_beyond_is_not(squares):
    plan = process_make(boundary=square(X0, Y0, 1000))
    assert _affected(plan) == {
        "INSIDE": (1.0, 0.0, 1000),
        "CROSSING": (0.5, 0.0, 300),  # population × share inside, an estimate
        "NEAR": (0.0, 300.0, 0),  # a neighbour: nobody lives inside the plan, but it is near
    }
    inside = AffectedArea.objects.get(process=plan, area__code="INSIDE")
    assert inside.is_inside and not AffectedArea.objects.get(process=plan, area__code="NEAR").is_inside


def test_the_neighbour_distance_is_the_process_own(squares):
    plan = process_make(boundary=square(X0, Y0, 1000), neighbour_distance_m=1200)
    assert _affected(plan)["FAR"] == (0.0, 1100.0, 0)
    narrow = process_make(boundary=square(X0, Y0, 1000), neighbour_distance_m=100)
    assert set(_affected(narrow)) == {"INSIDE", "CROSSING"}
    touching = process_make(boundary=square(X0, Y0, 1000), neighbour_distance_m=0)
    assert set(_affected(touching)) == {"INSIDE", "CROSSING"}


def test_an_area_without_a_population_has_no_estimate(db):
    _area("UNKNOWN", 100, 100, 200, population=None)
    plan = process_make(boundary=square(X0, Y0, 1000))
    assert _affected(plan) == {"UNKNOWN": (1.0, 0.0, None)}


def test_nested_areas_count_through_their_innermost_areas_and_the_city_and_budget_areas_not_at_all(db):
    city = _area("CITY", -5000, -5000, 20000, kind=AreaKind.CITY, population=60000)
    budget = _area("BUDGET", -3000, -3000, 8000, kind=AreaKind.BUDGET_AREA, population=20000, parent=city)
    village = _area("VILLAGE", 0, 0, 800, kind=AreaKind.FORMER_MUNICIPALITY, population=2000, parent=budget)
    _area("WEST", 0, 0, 400, parent=village, population=900)
    _area("EAST", 400, 0, 400, parent=village, population=100)
    _area("ALONE", 800, 800, 400, population=400, parent=budget)  # a quarter inside; no smaller areas in it
    plan = process_make(boundary=square(X0, Y0, 1000))
    assert _affected(plan) == {
        "WEST": (1.0, 0.0, 900),
        "EAST": (1.0, 0.0, 100),
        "ALONE": (0.25, 0.0, 100),
    }


def test_a_share_counts_every_part_of_a_multipolygon_plan(squares):
    two_parts = MultiPolygon(square(X0, Y0, 600)[0], square(X0 + 1000, Y0, 100)[0], srid=3067)
    plan = process_make(boundary=two_parts)
    affected = _affected(plan)
    assert affected["INSIDE"] == (1.0, 0.0, 1000)
    assert affected["CROSSING"] == (round(100 * 100 / 160_000, 6), 0.0, round(600 * 100 * 100 / 160_000))


def test_the_areas_follow_the_boundary_when_it_changes_and_go_with_it(squares):
    plan = process_make(boundary=square(X0, Y0, 1000))
    moved = process_boundary_set(process=plan, boundary=square(X0 + 1200, Y0, 1000), actor=None, source="test")
    affected = _affected(moved)
    assert affected["NEAR"] == (1.0, 0.0, 800) and affected["FAR"] == (round(100 * 300 / 90_000, 6), 0.0, 167)
    assert affected["CROSSING"] == (0.0, 0.0, 0)  # touches the new boundary's west edge
    assert "INSIDE" not in affected
    assert moved.version == plan.version + 1
    event = ProcessEvent.objects.filter(process=plan, action=ProcessAction.BOUNDARY).latest("id")
    assert sorted(event.details["areas"]) == ["CROSSING", "FAR", "NEAR"] and event.details["source"] == "test"

    cleared = process_boundary_set(process=moved, boundary=None, actor=None)
    assert cleared.boundary is None and _affected(cleared) == {}


def test_the_areas_are_recomputed_in_the_boundary_change_transaction(squares, monkeypatch):
    plan = process_make(boundary=square(X0, Y0, 1000))
    before = _affected(plan)

    def fail(**kwargs):
        raise RuntimeError("the history could not be written")

    monkeypatch.setattr(area_services.ProcessEvent.objects, "create", fail)
    with pytest.raises(RuntimeError):
        process_boundary_set(process=plan, boundary=square(X0 + 1200, Y0, 1000), actor=None)
    plan.refresh_from_db()
    assert plan.boundary.extent == (X0, Y0, X0 + 1000, Y0 + 1000)  # nothing of the change stayed
    assert _affected(plan) == before


def test_the_residents_of_each_affected_area_are_proposed_and_a_planner_accepted_one_stays(squares):
    plan = process_make(boundary=square(X0, Y0, 1000))
    proposals = {m.area.code: m for m in StakeholderMapping.objects.filter(process=plan).select_related("area")}
    assert set(proposals) == {"INSIDE", "CROSSING", "NEAR"}
    assert all(m.proposed and m.group == StakeholderGroup.RESIDENTS for m in proposals.values())
    assert proposals["CROSSING"].residents_estimate == 300
    accepted = proposals["INSIDE"]
    accepted.proposed, accepted.how_reached = False, "Kirje jokaiseen talouteen."
    accepted.save()

    process_boundary_set(process=plan, boundary=square(X0 + 1200, Y0, 1000), actor=None)
    after = {m.area.code: m for m in StakeholderMapping.objects.filter(process=plan).select_related("area")}
    assert set(after) == {"INSIDE", "CROSSING", "NEAR", "FAR"}  # the accepted one stays as the planner left it
    assert not after["INSIDE"].proposed and after["INSIDE"].how_reached == "Kirje jokaiseen talouteen."
    assert after["NEAR"].proposed and after["NEAR"].residents_estimate == 800  # updated with the new share
    assert after["CROSSING"].residents_estimate == 0


def test_a_boundary_is_checked_by_the_shared_rules_and_a_bow_tie_repaired(squares):
    plan = process_make(boundary=False)
    with pytest.raises(GeometryRefused, match="outside the area of use"):
        process_boundary_set(process=plan, boundary=square(-5_000_000, 0, 1000), actor=None)
    plan.refresh_from_db()
    assert plan.boundary is None and not ProcessEvent.objects.filter(process=plan).exists()
    bow_tie = MultiPolygon(Polygon(((X0, Y0), (X0 + 1000, Y0 + 1000), (X0 + 1000, Y0), (X0, Y0 + 1000), (X0, Y0))),
                           srid=3067)
    repaired = process_boundary_set(process=plan, boundary=bow_tie, actor=None, source="test")
    assert repaired.boundary.valid and repaired.boundary.area == pytest.approx(500_000)
    event = ProcessEvent.objects.get(process=plan, action=ProcessAction.BOUNDARY)
    assert event.details["repair"].startswith("repaired invalid geometry")
    assert "INSIDE" in _affected(repaired)
