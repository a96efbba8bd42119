"""Participation processes for tests: staff with planning roles, processes with hand-placed square
boundaries in EPSG:3067, and processes walked to a phase through the real phase service."""

from __future__ import annotations

import itertools

from django.contrib.auth import get_user_model
from django.contrib.gis.geos import LineString, MultiPolygon, Point, Polygon

from city.models import Department, StaffProfile
from city.seed import CITY_ENVIRONMENT, departments_seed
from planning.models import Phase, Process, ProcessKind, StakeholderGroup, StakeholderMapping
from planning.services.areas import process_boundary_set
from planning.services.phases import process_move_phase

# A plan area in Seinäjoki's centre (the railway station is at about E 288 600, N 6 968 700).
PLAN_X, PLAN_Y = 288_000, 6_968_000
_numbers = itertools.count(1)


def square(x: float, y: float, size: float, srid: int = 3067) -> MultiPolygon:
    """A ``size`` × ``size`` metre square with its south-west corner at (x, y)."""
    ring = ((x, y), (x + size, y), (x + size, y + size), (x, y + size), (x, y))
    return MultiPolygon(Polygon(ring), srid=srid)


def department() -> Department:
    return departments_seed()[CITY_ENVIRONMENT]


def staff(username: str, *roles: str) -> object:
    """A staff member holding ``roles`` in the city environment department."""
    user = get_user_model().objects.create_user(username, password="salasana-testi-123")
    StaffProfile.objects.create(user=user, roles=list(roles), department=department())
    return user


def process_make(*, planners=(), kind: str = ProcessKind.DETAILED_PLAN, boundary=None, published: bool = True,
                 **fields) -> Process:
    """A process in phase 1 with a 1 km square boundary (pass ``boundary=False`` for none).

    Created with the ORM as a test's starting state; its boundary and every later change go through
    the services."""
    number = next(_numbers)
    if boundary is None and kind != ProcessKind.SERVICE_DEVELOPMENT:
        boundary = square(PLAN_X, PLAN_Y, 1000)
    fields.setdefault("statutory_step", "" if kind == ProcessKind.SERVICE_DEVELOPMENT else "initiation")
    process = Process.objects.create(
        kind=kind, name_fi=fields.pop("name_fi", f"Testikaava {number}"), department=department(),
        summary_fi=fields.pop("summary_fi", "Kaavan tiivistelmä."), published=published, **fields)
    process.planners.set(planners)
    if boundary:  # through the service, so the affected areas and their residents follow
        process = process_boundary_set(process=process, boundary=boundary, actor=None, source="test")
    return process


def stakeholder_accept(process: Process, group: str = StakeholderGroup.CHILDREN_AND_YOUNG,
                       how_reached: str = "Koulukäynti toukokuussa.") -> StakeholderMapping:
    """A stakeholder group as a planner leaves it after accepting it, with how it is reached."""
    return StakeholderMapping.objects.create(process=process, group=group, why="Koulutie kulkee alueen läpi.",
                                             how_reached=how_reached, when_reached="Vaihe 4", proposed=False)


def process_walk(process: Process, to_phase: int, *, actor=None) -> Process:
    """Move ``process`` forward phase by phase through the phase service, mapping a stakeholder
    group first if it needs one. Phase 6 needs every draft comment answered: walk there before
    commenting, or answer first."""
    if to_phase >= Phase.ANNOUNCEMENT and not process.stakeholders.filter(proposed=False).exclude(
            how_reached="").exists():
        stakeholder_accept(process)
    while process.phase < to_phase:
        process = process_move_phase(process=process, to_phase=process.phase + 1, actor=actor)
    return process


def near_plan(dx: float = 500, dy: float = 500) -> Point:
    """A point in EPSG:3067 at (dx, dy) from the plan area's south-west corner."""
    return Point(PLAN_X + dx, PLAN_Y + dy, srid=3067)


def line_in_plan() -> LineString:
    return LineString((PLAN_X + 100, PLAN_Y + 100), (PLAN_X + 900, PLAN_Y + 400), srid=3067)
