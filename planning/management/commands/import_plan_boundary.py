"""python manage.py import_plan_boundary PLAN FILE: a plan's boundary from a vector file.

Reads the file as ``import_areas`` does (``city.importers.read_area_file``: any format GDAL reads,
the file's CRS or ``--srid``, reprojected to the storage SRID) and checks every polygon with the
rules every boundary meets (``city.geometry.boundary_clean``). The layer's polygons become the plan's
one MultiPolygon, set by ``planning.services.areas.process_boundary_set``, which recomputes the
affected residential areas in the same transaction.
"""

from __future__ import annotations

from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from tqdm import tqdm

from city.geometry import GeometryRefused, area_boundary_from
from city.importers import AreaFileError, read_area_file
from city.models import Area
from planning.models import AffectedArea, Process
from planning.services.areas import process_boundary_set


class DryRun(Exception):
    """Raised inside the transaction to undo a dry run's change."""


def process_find(reference: str) -> Process:
    """The process with ``reference`` as its id or its diary number, or CommandError."""
    reference = reference.strip()
    found = Process.objects.filter(diary_number=reference).first() if reference else None
    if found is None and reference.isascii() and reference.isdigit() and len(reference) <= 18:
        found = Process.objects.filter(pk=int(reference)).first()
    if found is None:
        raise CommandError(f"PLAN: no plan has the id or diary number {reference!r}")
    return found


class Command(BaseCommand):
    help = (
        "Set a plan's boundary from any file GDAL reads (GeoJSON, GeoPackage, Shapefile, GML): the layer's "
        "polygons are joined into one boundary and the affected residential areas are computed again."
    )

    def add_arguments(self, parser):
        parser.add_argument("plan", metavar="PLAN", help="The plan's id or diary number.")
        parser.add_argument("file", metavar="FILE", help="Path of the file to read.")
        parser.add_argument("--layer", help="Layer to read, when the file has several (e.g. SpatialPlan).")
        parser.add_argument("--srid", type=int,
                            help="EPSG code of the file's coordinates, when the file names none (e.g. 3067).")
        parser.add_argument("--dry-run", action="store_true",
                            help="Read and check everything, show the affected areas, change nothing.")

    def handle(self, *args, **options):
        process = process_find(options["plan"])
        try:
            area_file = read_area_file(options["file"], layer=options["layer"], code_field=None, name_field=None,
                                       source_srid=options["srid"])
        except AreaFileError as error:
            raise CommandError(str(error)) from error
        if not area_file.rows:
            raise CommandError(f"{area_file.source}: the layer has no rows")
        self.stderr.write(
            f"Reading {len(area_file.rows)} rows from {area_file.source} ({area_file.source_crs}"
            f"{'' if area_file.crs_declared else ', given with --srid'}) for plan {process.pk} "
            f"“{process.name_fi}”")

        polygons, rejected = [], []
        rows = tqdm(area_file.rows, desc="Checking", unit="row", file=self.stderr._out, mininterval=0.5,
                    disable=len(area_file.rows) < 100 and not self.stderr.isatty())
        for row in rows:
            boundary, repair_note, reason = area_boundary_from(row.geometry)
            if reason:
                rejected.append(f"row {row.row} rejected: {reason}")
                continue
            if repair_note:
                self.stdout.write(f"row {row.row}: {repair_note}")
            polygons.append(boundary)
        for line in rejected:
            self.stdout.write(self.style.ERROR(line))
        if rejected:
            raise CommandError(
                f"{len(rejected)} of {len(area_file.rows)} rows of {area_file.source} cannot be part of a boundary "
                "(a plan's boundary is made of polygons); nothing was changed. Choose a layer of polygons with "
                "--layer, or correct the rows.")

        boundary = polygons[0]
        for polygon in polygons[1:]:
            boundary = boundary.union(polygon)  # GEOS: overlapping or touching parts become one
        try:
            with transaction.atomic():
                process = process_boundary_set(process=process, boundary=boundary, actor=None,
                                               source=f"manage.py import_plan_boundary {area_file.source}")
                affected = list(AffectedArea.objects.filter(process=process).select_related("area"))
                if options["dry_run"]:
                    raise DryRun
        except GeometryRefused as refusal:
            raise CommandError(f"{area_file.source}: the joined boundary cannot be stored: {refusal}") from None
        except DryRun:
            pass
        self._report(process, area_file, affected, dry_run=options["dry_run"])

    def _report(self, process: Process, area_file, affected: list[AffectedArea], *, dry_run: bool) -> None:
        verb = "Dry run: would have set" if dry_run else "Set"
        hectares = process.boundary.area / 10_000
        parts = len(process.boundary)
        self.stdout.write(self.style.SUCCESS(
            f"{verb} the boundary of plan {process.pk} from {len(area_file.rows)} rows of {area_file.source}: "
            f"{parts} polygon{'s' if parts != 1 else ''}, {hectares:,.1f} ha"))
        if not affected:
            residential = Area.objects.residential().count()
            self.stdout.write(
                f"Affected residential areas: none. None of the city's {residential} residential areas lies inside "
                f"the boundary or within {process.neighbour_distance_m} m of it: the plan lies outside the "
                f"city's areas (is it another municipality's plan, or the wrong --srid?).")
            return
        self.stdout.write(f"Affected residential areas ({len(affected)}; residents are estimates):")
        for row in affected:
            where = (f"{row.share_inside:.0%} inside" if row.share_inside > 0
                     else f"neighbour, {row.distance_m:,.0f} m away")
            residents = "" if row.residents_estimate is None else f", about {row.residents_estimate} residents"
            self.stdout.write(f"  {row.area.code} {row.area.name_fi}: {where}{residents}")
