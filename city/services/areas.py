"""Writes to areas: the import of boundaries and the assembly of budget areas and the city."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from django.contrib.gis.db.models import Union
from django.contrib.gis.geos import MultiPolygon
from django.db import transaction
from django.db.models import Sum

from city.geometry import area_boundary_from
from city.importers import AreaRow
from city.models import Area, AreaImport, AreaKind, PopulationSource
from city.sql import tables_analyze


class AreaImportFailed(Exception):
    """The import was rolled back; ``report`` says why."""

    def __init__(self, message: str, report: AreaImport):
        super().__init__(message)
        self.report = report


@dataclass
class _Outcome:
    rejected: list[dict] = field(default_factory=list)
    repaired: list[dict] = field(default_factory=list)


@transaction.atomic
def area_import(
    *,
    rows: Iterable[AreaRow],
    source: str,
    source_crs: str,
    kind: str,
    parent: Area | None = None,
    population_year: int | None = None,
    population_source: str = PopulationSource.OFFICIAL,
    imported_by: str = "",
    strict: bool = False,
    dry_run: bool = False,
) -> AreaImport:
    """Create or update areas by code from ``rows`` in one transaction and record the run.

    After the commit the area table is analysed, unless this was a dry run or changed nothing.

    A row that cannot be stored is rejected with its reason and the rest go on, unless
    ``strict`` is set: then any rejection raises ``AreaImportFailed`` and nothing changes.
    """
    if kind not in AreaKind.values:
        raise ValueError(f"unknown area kind {kind!r}; choose one of {', '.join(AreaKind.values)}")
    outcome = _Outcome()
    accepted: dict[str, tuple[AreaRow, MultiPolygon]] = {}
    first_row_of: dict[str, int] = {}
    for row in rows:
        reason = ""
        if not row.code:
            reason = "the code field is empty"
        elif row.code in first_row_of:
            reason = f"code {row.code!r} appears again (first at row {first_row_of[row.code]})"
        elif not row.name_fi:
            reason = "the name field is empty"
        elif parent is not None and row.code == parent.code:
            reason = "an area cannot be its own parent"
        elif row.population_error:
            reason = row.population_error
        elif row.population is not None and population_year is None:
            reason = "a population needs its year (--population-year)"
        boundary = None
        if not reason:
            boundary, note, reason = area_boundary_from(row.geometry)
            if note:
                outcome.repaired.append({"row": row.row, "code": row.code, "note": note})
        if row.code and row.code not in first_row_of:
            first_row_of[row.code] = row.row
        if reason:
            outcome.rejected.append({"row": row.row, "code": row.code, "reason": reason})
            continue
        accepted[row.code] = (row, boundary)

    existing = {area.code: area for area in Area.objects.filter(code__in=accepted)}
    to_create, to_update = [], []
    for code, (row, boundary) in accepted.items():
        area = existing.get(code) or Area(code=code)
        area.name_fi = row.name_fi
        area.name_sv = row.name_sv
        if row.name_en is not None:
            area.name_en = row.name_en
        area.kind = kind
        area.parent = parent
        area.boundary = boundary
        if row.population is not None:
            area.population = row.population
            area.population_year = population_year
            area.population_source = population_source
        (to_update if area.pk else to_create).append(area)

    report = AreaImport(
        source=source,
        kind=kind,
        source_crs=source_crs,
        created=len(to_create),
        updated=len(to_update),
        repaired=len(outcome.repaired),
        rejected=outcome.rejected,
        imported_by=imported_by,
    )
    report.repairs = outcome.repaired  # not stored: the command prints them
    if strict and outcome.rejected:
        raise AreaImportFailed(f"{len(outcome.rejected)} rows rejected; nothing was imported", report)

    Area.objects.bulk_create(to_create, batch_size=500)
    Area.objects.bulk_update(
        to_update,
        ["name_fi", "name_sv", "name_en", "kind", "parent", "boundary", "population", "population_year",
         "population_source", "updated_at"],
        batch_size=500,
    )
    report.save()
    if dry_run:
        transaction.set_rollback(True)
    elif to_create or to_update:
        # The planner's estimates for the spatial lookups by area come from the table's statistics:
        # renew them once the areas are committed rather than whenever autovacuum gets to it.
        transaction.on_commit(lambda: tables_analyze(Area), robust=True)
    return report


@transaction.atomic
def area_group_create(
    *,
    code: str,
    name_fi: str,
    name_sv: str,
    name_en: str = "",
    kind: str,
    children: list[Area],
    parent: Area | None = None,
    population_year: int | None = None,
) -> Area:
    """Create or update an area whose boundary is the union of ``children``, and adopt them.

    Its population is the children's sum, labelled an estimate if any child's figure is one.
    The union is computed by PostGIS; the children's own boundaries are not touched.
    """
    ids = [child.pk for child in children]
    totals = Area.objects.filter(pk__in=ids).aggregate(boundary=Union("boundary"), population=Sum("population"))
    boundary = totals["boundary"]
    if boundary.geom_type == "Polygon":
        boundary = MultiPolygon(boundary, srid=boundary.srid)
    sources = set(Area.objects.filter(pk__in=ids).values_list("population_source", flat=True))
    group, _created = Area.objects.update_or_create(
        code=code,
        defaults={
            "name_fi": name_fi,
            "name_sv": name_sv,
            "name_en": name_en,
            "kind": kind,
            "parent": parent,
            "boundary": boundary,
            "population": totals["population"],
            "population_year": population_year if totals["population"] is not None else None,
            "population_source": (
                ""
                if totals["population"] is None
                else PopulationSource.ESTIMATE
                if PopulationSource.ESTIMATE in sources or "" in sources
                else PopulationSource.OFFICIAL
            ),
        },
    )
    Area.objects.filter(pk__in=ids).update(parent=group)
    return group
