"""The demo city's ground: Seinäjoki's postal areas grouped into resident-budget areas and the
city, and the demo staff accounts.

Runs the same importer and services as a real city's data; loading it twice changes nothing. The
``load_demo_city`` command (in ``planning``, the app that may import both halves) composes this
with the feedback channel's demo.
"""

from __future__ import annotations

import csv
import dataclasses
from collections import defaultdict
from pathlib import Path

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import transaction

from city.importers import read_area_file
from city.models import Area, AreaKind, PopulationSource, StaffProfile, StaffRole
from city.seed import CITY_ENVIRONMENT, EDUCATION_WELLBEING, departments_seed
from city.services.areas import area_group_create, area_import

FIXTURES = Path(settings.BASE_DIR) / "fixtures"
POSTAL_AREAS = FIXTURES / "seinajoki_postal_areas_2019_epsg3067.geojson"
GROUPING = FIXTURES / "seinajoki_demo_areas.csv"
POPULATION_YEAR = 2020  # the estimates add up to Statistics Finland's 64 130 at the end of 2020

CITY = ("SJK", "Seinäjoki", "Seinäjoki")
# Finnish, Swedish and English names. A place name (Kasperi, Nurmo) has no English name of its own:
# its English name is left empty and English pages show the Finnish one (fixtures/seinajoki_demo_areas.csv).
BUDGET_AREAS = {
    "SJK-POHJOINEN": ("Pohjoinen alue", "Norra området", "Northern area"),
    "SJK-ITA": ("Itäinen alue", "Östra området", "Eastern area"),
    "SJK-LANSI": ("Läntinen alue", "Västra området", "Western area"),
    "SJK-ETELA": ("Eteläinen alue", "Södra området", "Southern area"),
}


@transaction.atomic
def demo_city_load() -> dict[str, int]:
    """Load the demo city's areas that are missing; returns how many areas of each kind exist.

    Never overwrites: an area that exists keeps what it has, whoever made it.
    """
    with GROUPING.open(encoding="utf-8") as handle:
        grouping = {row["postal_code"]: row for row in csv.DictReader(handle)}
    area_file = read_area_file(
        POSTAL_AREAS, code_field="postinumeroalue", name_field="nimi", name_sv_field="nimi_sv"
    )
    # Only what is missing: an area the city imported itself (with Statistics Finland's figures,
    # say) keeps its boundary, names and population.
    existing = set(Area.objects.filter(code__in=grouping).values_list("code", flat=True))
    rows = [
        dataclasses.replace(row, population=int(grouping[row.code]["population_estimate"]),
                            name_en=grouping[row.code]["name_en"])
        for row in area_file.rows
        if row.code not in existing
    ]
    made = 0
    if rows:
        report = area_import(
            rows=rows,
            source=area_file.source,
            source_crs=area_file.source_crs,
            kind=AreaKind.POSTAL_AREA,
            population_year=POPULATION_YEAR,
            population_source=PopulationSource.ESTIMATE,
            imported_by="demo city",
            strict=True,
        )
        made = report.created
    groups = dict(Area.objects.filter(code__in=[*BUDGET_AREAS, CITY[0]]).values_list("code", "pk"))
    members = defaultdict(list)
    for area in Area.objects.filter(code__in=grouping):
        if area.parent_id is None or area.parent_id == groups.get(grouping[area.code]["budget_area"]):
            members[grouping[area.code]["budget_area"]].append(area)
    budget_areas = [
        Area.objects.get(code=code) if code in groups else area_group_create(
            code=code,
            name_fi=name_fi,
            name_sv=name_sv,
            name_en=name_en,
            kind=AreaKind.BUDGET_AREA,
            children=members[code],
            population_year=POPULATION_YEAR,
        )
        for code, (name_fi, name_sv, name_en) in BUDGET_AREAS.items()
        if code in groups or members[code]
    ]
    code, name_fi, name_sv = CITY
    if code not in groups and budget_areas:
        area_group_create(
            code=code,
            name_fi=name_fi,
            name_sv=name_sv,
            kind=AreaKind.CITY,
            children=[area for area in budget_areas if area.parent_id is None],
            population_year=POPULATION_YEAR,
        )
    _english_names_fill(grouping)
    counts = {kind: Area.objects.filter(kind=kind).count() for kind in AreaKind.values}
    counts["imported"] = made
    return counts


def _english_names_fill(grouping: dict[str, dict]) -> None:
    """The demo's English names for its areas that have none: a demo city loaded before areas had
    English names gets them. Only where the Finnish name is still the demo's: an area the city
    imported or renamed under one of the demo's codes is another area, and keeps what it has."""
    english = {code: (row["name"], row["name_en"]) for code, row in grouping.items() if row["name_en"]}
    english |= {code: (name_fi, name_en) for code, (name_fi, _name_sv, name_en) in BUDGET_AREAS.items()}
    for code, (name_fi, name_en) in english.items():
        Area.objects.filter(code=code, name_fi=name_fi, name_en="").update(name_en=name_en)


# (username, password, roles, department code): printed by `make run`, documented in the README.
DEMO_PASSWORD = "seinajoki-demo"
DEMO_LOGINS = [
    ("admin", DEMO_PASSWORD, [StaffRole.ADMINISTRATOR], None),
    ("asiakaspalvelu", DEMO_PASSWORD, [StaffRole.CUSTOMER_SERVICE], None),
    ("kaupunkiymparisto", DEMO_PASSWORD, [StaffRole.HANDLER], CITY_ENVIRONMENT),
    ("sivistys", DEMO_PASSWORD, [StaffRole.HANDLER], EDUCATION_WELLBEING),
    ("osallisuusagentti", DEMO_PASSWORD, [StaffRole.PARTICIPATION_AGENT, StaffRole.MODERATOR], CITY_ENVIRONMENT),
    ("kaavoittaja", DEMO_PASSWORD, [StaffRole.PLANNER], CITY_ENVIRONMENT),
    ("budjetti", DEMO_PASSWORD, [StaffRole.BUDGET_OFFICIAL, StaffRole.HANDLER], CITY_ENVIRONMENT),
]
PLACES = FIXTURES / "seinajoki_places_wgs84.csv"


@dataclasses.dataclass(frozen=True)
class DemoLogin:
    username: str
    password: str
    roles: list[str]
    created: bool


@transaction.atomic
def demo_staff_load() -> list[DemoLogin]:
    """The demo staff accounts with their roles (passwords are set only when an account is new)."""
    departments = departments_seed()
    User = get_user_model()
    logins = []
    for username, password, roles, department in DEMO_LOGINS:
        administrator = StaffRole.ADMINISTRATOR in roles
        user, created = User.objects.get_or_create(
            username=username, defaults={"is_staff": administrator, "is_superuser": administrator}
        )
        if created:
            user.set_password(password)
            user.save(update_fields=["password"])
        StaffProfile.objects.update_or_create(
            user=user, defaults={"roles": list(roles), "department": departments[department] if department else None},
        )
        logins.append(DemoLogin(username=username, password=password, roles=list(roles), created=created))
    return logins
