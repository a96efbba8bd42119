"""python manage.py import_areas FILE: load residential-area boundaries from a vector file."""

from django.core.management.base import BaseCommand, CommandError
from tqdm import tqdm

from city.importers import AreaFileError, read_area_file
from city.models import Area, AreaKind, PopulationSource
from city.services.areas import AreaImportFailed, area_import


class Command(BaseCommand):
    help = (
        "Import area boundaries from any file GDAL reads (GeoJSON, GeoPackage, Shapefile, GML). "
        "Areas are matched by code: re-running the same import updates them in place."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", help="Path of the file to read.")
        parser.add_argument("--layer", help="Layer to read, when the file has several.")
        parser.add_argument("--code-field", required=True, help="Field holding each area's unique code.")
        parser.add_argument("--name-field", required=True, help="Field holding the Finnish name.")
        parser.add_argument("--name-sv-field", help="Field holding the Swedish name.")
        parser.add_argument(
            "--name-en-field",
            help="Field holding the English name, where an area has one; without it, English names are kept.",
        )
        parser.add_argument(
            "--kind", required=True, choices=AreaKind.values, help="Kind of area the rows describe."
        )
        parser.add_argument("--parent", metavar="CODE", help="Code of the area these areas lie in.")
        parser.add_argument(
            "--srid", type=int, help="EPSG code of the file's coordinates, when the file names none."
        )
        parser.add_argument("--population-field", help="Field holding the number of inhabitants.")
        parser.add_argument("--population-year", type=int, help="Year the population figures describe.")
        parser.add_argument(
            "--population-source",
            choices=PopulationSource.values,
            default=PopulationSource.OFFICIAL,
            help="Whether the figures are official statistics or estimates (default: official).",
        )
        parser.add_argument("--strict", action="store_true", help="Import nothing if any row is rejected.")
        parser.add_argument("--dry-run", action="store_true", help="Check everything, then change nothing.")

    def handle(self, *args, **options):
        parent = None
        if options["parent"]:
            parent = Area.objects.filter(code=options["parent"]).first()
            if parent is None:
                raise CommandError(f"--parent: no area has the code {options['parent']!r}")
        try:
            area_file = read_area_file(
                options["file"],
                layer=options["layer"],
                code_field=options["code_field"],
                name_field=options["name_field"],
                name_sv_field=options["name_sv_field"],
                name_en_field=options["name_en_field"],
                population_field=options["population_field"],
                source_srid=options["srid"],
            )
        except AreaFileError as error:
            raise CommandError(str(error)) from error

        self.stderr.write(
            f"Reading {len(area_file.rows)} rows from {area_file.source} ({area_file.source_crs}"
            f"{'' if area_file.crs_declared else ', given with --srid'})"
        )
        rows = tqdm(
            area_file.rows, desc="Importing", unit="row", file=self.stderr._out, mininterval=0.5,
            disable=len(area_file.rows) < 100 and not self.stderr.isatty(),
        )
        try:
            report = area_import(
                rows=rows,
                source=area_file.source,
                source_crs=area_file.source_crs,
                kind=options["kind"],
                parent=parent,
                population_year=options["population_year"],
                population_source=options["population_source"],
                imported_by="manage.py import_areas",
                strict=options["strict"],
                dry_run=options["dry_run"],
            )
        except AreaImportFailed as failure:
            self._print_rows(failure.report)
            raise CommandError(f"{failure} (--strict)") from failure
        self._print_rows(report)
        summary = (
            f"{'Dry run: would have ' if options['dry_run'] else ''}"
            f"created {report.created}, updated {report.updated}, "
            f"repaired {report.repaired}, rejected {len(report.rejected)}"
        )
        self.stdout.write(self.style.SUCCESS(summary) if not report.rejected else self.style.WARNING(summary))

    def _print_rows(self, report) -> None:
        for repair in report.repairs:
            self.stdout.write(f"row {repair['row']} (code {repair['code']!r}): {repair['note']}")
        for rejection in report.rejected:
            self.stdout.write(
                self.style.ERROR(f"row {rejection['row']} (code {rejection['code']!r}) rejected: ")
                + rejection["reason"]
            )
