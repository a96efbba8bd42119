"""Read area boundaries from any vector file GDAL reads (GeoJSON, GeoPackage, Shapefile, GML).

The reader only parses and reprojects: every rule about what may be stored lives in
``city.services.areas``. It raises ``AreaFileError`` with a message a person can act on
for problems that concern the whole file (missing layer, field or CRS).
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from django.conf import settings

# geopandas and pyogrio (with pandas, numpy and shapely) are imported when a file is read, not
# here: city.services.areas imports AreaRow, and a web worker never reads a file.
if TYPE_CHECKING:
    from shapely.geometry.base import BaseGeometry


class AreaFileError(ValueError):
    """The file as a whole cannot be imported as given."""


@dataclass(frozen=True)
class AreaRow:
    """One feature of the file, reprojected to the storage SRID but not yet validated."""

    row: int  # 1-based position of the feature in its layer, as a person counts rows
    code: str
    name_fi: str
    name_sv: str
    population: int | None
    population_error: str  # why the population value could not be read, if it could not
    geometry: BaseGeometry | None
    # None when the file was read without an English name field: the areas keep the English names
    # they have (typed in the admin, say), where a file without Swedish names empties the Swedish ones.
    name_en: str | None = None


@dataclass
class AreaFile:
    """An opened layer: what was read and the rows to import."""

    path: Path
    layer: str
    source_crs: str  # e.g. "EPSG:3067" or "OGC:CRS84"
    crs_declared: bool
    rows: list[AreaRow]

    @property
    def source(self) -> str:
        return f"{self.path.name}:{self.layer}"


def _text(value: object) -> str:
    """A field value as clean text; whole floats (101.0 from a Shapefile) lose their '.0'."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


def _population(value: object) -> tuple[int | None, str]:
    text = _text(value)
    if not text:
        return None, ""
    try:
        number = float(text.replace(" ", "").replace(",", "."))
    except ValueError:
        return None, f"population {text!r} is not a number"
    if not number.is_integer() or number < 0:
        return None, f"population {text!r} is not a whole number of people"
    return int(number), ""


def _layer_name(path: Path, layer: str | None) -> str:
    import pyogrio

    try:
        layers = [str(name) for name, _geometry_type in pyogrio.list_layers(path)]
    except pyogrio.errors.DataSourceError as error:
        raise AreaFileError(f"{path}: GDAL cannot read this file ({error})") from error
    if not layers:
        raise AreaFileError(f"{path}: the file has no layers")
    if layer is None:
        if len(layers) > 1:
            raise AreaFileError(
                f"{path} has {len(layers)} layers; choose one with --layer: {', '.join(layers)}"
            )
        return layers[0]
    if layer not in layers:
        raise AreaFileError(f"{path} has no layer {layer!r}; its layers are: {', '.join(layers)}")
    return layer


def read_area_file(
    path: str | Path,
    *,
    code_field: str | None,
    name_field: str | None,
    name_sv_field: str | None = None,
    name_en_field: str | None = None,
    population_field: str | None = None,
    layer: str | None = None,
    source_srid: int | None = None,
) -> AreaFile:
    """Open one layer of ``path`` and return its rows in the storage SRID.

    ``code_field`` and ``name_field`` may be None for a file read only for its geometry (a plan's
    boundary): the rows' codes and names are empty then."""
    import geopandas

    path = Path(path)
    if not path.exists():
        raise AreaFileError(f"{path}: no such file")
    layer_name = _layer_name(path, layer)
    try:
        frame = geopandas.read_file(path, layer=layer_name, engine="pyogrio")
    except Exception as error:  # GDAL's errors are many; all of them mean "cannot read"
        raise AreaFileError(f"{path}: GDAL cannot read layer {layer_name!r} ({error})") from error
    if not isinstance(frame, geopandas.GeoDataFrame):  # a layer of attributes only (GML's process events, say)
        raise AreaFileError(f"{path}: layer {layer_name!r} has no geometry; choose a layer of polygons with --layer")

    fields = [column for column in frame.columns if column != frame.geometry.name]
    wanted = {option: field for option, field in (("--code-field", code_field), ("--name-field", name_field))
              if field}
    if name_sv_field:
        wanted["--name-sv-field"] = name_sv_field
    if name_en_field:
        wanted["--name-en-field"] = name_en_field
    if population_field:
        wanted["--population-field"] = population_field
    for option, field in wanted.items():
        if field not in fields:
            raise AreaFileError(
                f"layer {layer_name!r} has no field {field!r} ({option}); "
                f"its fields are: {', '.join(fields) or '(none)'}"
            )

    crs_declared = frame.crs is not None
    if source_srid is not None:
        frame = frame.set_crs(epsg=source_srid, allow_override=True)
    elif not crs_declared:
        raise AreaFileError(
            f"{path} does not say which coordinate system it uses; name it with --srid "
            f"(for example --srid 3067 for ETRS-TM35FIN or --srid 3877 for ETRS-GK23)"
        )
    source_crs = frame.crs.to_string()
    frame = frame.to_crs(epsg=settings.STORAGE_SRID)

    count = len(frame)
    codes = frame[code_field].tolist() if code_field else [""] * count
    names = frame[name_field].tolist() if name_field else [""] * count
    names_sv = frame[name_sv_field].tolist() if name_sv_field else [""] * count
    names_en = frame[name_en_field].tolist() if name_en_field else [None] * count
    populations = frame[population_field].tolist() if population_field else [None] * count
    rows = []
    for index, geometry in enumerate(frame.geometry.tolist()):
        population, population_error = _population(populations[index])
        rows.append(
            AreaRow(
                row=index + 1,
                code=_text(codes[index]),
                name_fi=_text(names[index]),
                name_sv=_text(names_sv[index]),
                name_en=_text(names_en[index]) if name_en_field else None,
                population=population,
                population_error=population_error,
                geometry=None if geometry is None or geometry.is_empty else geometry,
            )
        )
    return AreaFile(path=path, layer=layer_name, source_crs=source_crs, crs_declared=crs_declared, rows=rows)
