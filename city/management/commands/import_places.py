"""Load named places (postal localities, addresses, stations) for the offline place search.

    manage.py import_places fixtures/seinajoki_places_wgs84.csv

The CSV has the columns kind, name, street_address, postcode, lon, lat (WGS84) and optionally
accuracy, licence and source_repo. A place is identified by (kind, name, street_address, postcode):
running the command again updates the places that changed, leaves the others as they are, and
creates none twice. After an import that changed places, the place table is analysed.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from pathlib import Path

from django.contrib.gis.geos import Point
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from city.models import Place
from city.querysets import to_storage
from city.sql import tables_analyze

REQUIRED = ("kind", "name", "street_address", "postcode", "lon", "lat")
IDENTITY = ("kind", "name", "street_address", "postcode")  # the fields of Place's unique constraint


@dataclass(frozen=True)
class RowError:
    row: int  # line number in the file, the header being line 1
    reason: str


def _parse(row: dict, line: int) -> tuple[dict | None, RowError | None]:
    kind = (row.get("kind") or "").strip()
    name = (row.get("name") or "").strip()
    street = (row.get("street_address") or "").strip()
    postcode = (row.get("postcode") or "").strip()
    if not kind:
        return None, RowError(line, "no kind")
    if not (name or street or postcode):
        return None, RowError(line, "no name, street address or postal code")
    try:
        lon, lat = float(row.get("lon") or ""), float(row.get("lat") or "")
    except ValueError:
        return None, RowError(line, f"lon/lat are not numbers: {row.get('lon')!r}, {row.get('lat')!r}")
    if not (-180 <= lon <= 180 and -90 <= lat <= 90):
        return None, RowError(line, f"lon/lat out of range: {lon}, {lat}")
    accuracy = (row.get("accuracy") or "").strip()
    parts = ((row.get("licence") or "").strip(), (row.get("source_repo") or "").strip())
    source = " ".join(part for part in parts if part)
    return {
        "kind": kind[:40], "name": name[:200], "street_address": street[:200], "postcode": postcode[:10],
        "location": to_storage(Point(lon, lat, srid=4326)),
        "accuracy_m": int(accuracy) if accuracy.isdigit() else None,
        "source": source[:200],
    }, None


def _same(place: Place, values: dict) -> bool:
    """Whether ``place`` already holds ``values`` (its point to a millimetre)."""
    return all(
        place.location.equals_exact(value, tolerance=0.001) if field == "location" else getattr(place, field) == value
        for field, value in values.items()
    )


class Command(BaseCommand):
    help = "Load places for the offline place search from a CSV in WGS84 (idempotent)."

    def add_arguments(self, parser):
        parser.add_argument("path", type=Path)
        parser.add_argument("--strict", action="store_true", help="Import nothing if any row is rejected.")

    def handle(self, *args, path: Path, strict: bool, **options):
        if not path.exists():
            raise CommandError(f"{path}: no such file")
        with path.open(newline="", encoding="utf-8-sig") as handle:
            reader = csv.DictReader(handle)
            missing = [column for column in REQUIRED if column not in (reader.fieldnames or [])]
            if missing:
                raise CommandError(
                    f"{path}: missing columns {', '.join(missing)}; "
                    f"the file has {', '.join(reader.fieldnames or [])}"
                )
            rows = list(reader)
        created = updated = unchanged = 0
        errors: list[RowError] = []
        total = len(rows)
        step = max(1, total // 10)
        with transaction.atomic():
            existing = {tuple(getattr(place, field) for field in IDENTITY): place for place in Place.objects.all()}
            for index, row in enumerate(rows, start=1):
                values, error = _parse(row, index + 1)
                if error:
                    errors.append(error)
                else:
                    key = {field: values.pop(field) for field in IDENTITY}
                    place = existing.get(tuple(key.values()))
                    if place is None:
                        existing[tuple(key.values())] = Place.objects.create(**key, **values)
                        created += 1
                    elif _same(place, values):  # a re-run writes nothing it already has
                        unchanged += 1
                    else:
                        for field, value in values.items():
                            setattr(place, field, value)
                        place.save(update_fields=list(values))
                        updated += 1
                if index % step == 0 or index == total:
                    self.stdout.write(f"  {index}/{total} rows", ending="\r" if index < total else "\n")
            if errors and strict:
                transaction.set_rollback(True)
            elif created or updated:  # the place search's estimates come from fresh statistics
                transaction.on_commit(lambda: tables_analyze(Place), robust=True)
        for error in errors:
            self.stderr.write(f"row {error.row}: {error.reason}")
        if errors and strict:
            raise CommandError(f"{len(errors)} rows rejected; nothing imported (--strict)")
        self.stdout.write(self.style.SUCCESS(
            f"{created} places created, {updated} updated, {unchanged} unchanged, {len(errors)} rows rejected"
        ))
