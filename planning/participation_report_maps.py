"""The participation report's two choropleths, drawn with folium: voters as a share of the population per
budget area, and feedback per 1000 inhabitants per residential area.

Imported only when a report page is drawn (folium brings pandas and numpy). The maps load Leaflet from our
own static files through geo_feedback's ``OfflineMap`` (folium's CDN scripts and styles replaced), and the
page's fixes (language, title, zoom allowed, metric scale) are the staff summary's. The areas' boundaries
come from PostGIS in WGS84 with the figures joined to them in the same statement.
"""

from __future__ import annotations

import json
from types import SimpleNamespace

import folium
from django.conf import settings
from django.db import connection
from django.utils.html import escape
from django.utils.translation import get_language

from city.sql import localized_name_sql
from config.design_tokens import token
from geo_feedback.summaries import rate_classes, rate_colour
from geo_feedback.summary_map import (
    HEAD_OPEN,
    HTML_OPEN,
    INLINE_SCRIPT,
    MAP_CENTRE,
    SCALE,
    USER_SCALABLE_NO,
    OfflineMap,
)

_AREAS_SQL = """
WITH figures AS (SELECT * FROM json_to_recordset(%(figures)s::json) AS f(key text, value double precision, count int))
SELECT json_build_object('type', 'FeatureCollection', 'features', COALESCE(json_agg(json_build_object(
    'type', 'Feature', 'id', a.code,
    'geometry', ST_AsGeoJSON(ST_Transform(ST_SimplifyPreserveTopology(a.boundary, 10), 4326), 5)::json,
    'properties', json_build_object('code', a.code, 'name', {name}, 'value', f.value, 'count', f.count)
) ORDER BY a.code), '[]'::json))::text
FROM figures f JOIN city_area a ON a.code = f.key
""".format(name=localized_name_sql("a", "%(language)s"))


def _areas_geojson(rows: list[dict], *, language: str) -> dict:
    with connection.cursor() as cursor:
        cursor.execute(_AREAS_SQL, {"figures": json.dumps(rows), "language": language})
        return json.loads(cursor.fetchone()[0])


def legend(values: list[float | None]) -> list:
    """The five colour steps of ``values`` (the staff summary's scale and colours)."""
    return rate_classes([SimpleNamespace(per_thousand=value) for value in values])


def choropleth_html(rows: list[dict], *, title: str, area_label: str, value_label: str, count_label: str,
                    no_data: str, nonce: str = "") -> str:
    """A standalone page (an iframe's srcdoc) with the areas of ``rows`` ({key, value, count}) coloured by
    value; "" when no area has a boundary to draw."""
    language = (get_language() or settings.LANGUAGE_CODE)[:2]
    geojson = _areas_geojson(rows, language=language)
    if not geojson["features"]:
        return ""
    classes = legend([row["value"] for row in rows])
    fmap = OfflineMap(location=MAP_CENTRE, zoom_start=9, tiles=None, control_scale=True, prefer_canvas=False)
    folium.TileLayer(tiles=settings.MAP_TILE_URL, attr=settings.MAP_TILE_ATTRIBUTION, name="map",
                     control=False).add_to(fmap)
    for feature in geojson["features"]:
        value = feature["properties"]["value"]
        feature["properties"]["value_text"] = no_data if value is None else value

    def style(feature):
        value = feature["properties"]["value"]
        return {"fillColor": rate_colour(value, classes), "fillOpacity": 0.75, "color": token("ink"), "weight": 1,
                "dashArray": "4 4" if value is None else None}

    layer = folium.GeoJson(
        geojson, name="areas", style_function=style,
        highlight_function=lambda _feature: {"weight": 3, "color": token("blue-dark")},
        tooltip=folium.GeoJsonTooltip(fields=["name", "count", "value_text"],
                                      aliases=[str(area_label), str(count_label), str(value_label)],
                                      localize=True, sticky=False),
    )
    layer.add_to(fmap)
    fmap.fit_bounds(layer.get_bounds())
    html = USER_SCALABLE_NO.sub("", fmap.get_root().render())
    html = HTML_OPEN.sub(f'<html lang="{language}">', html, count=1)
    html = HEAD_OPEN.sub(f"<head>\n<title>{escape(title)}</title>", html, count=1)
    html = SCALE.sub("L.control.scale({imperial: false})", html)
    return INLINE_SCRIPT.sub(f'<script nonce="{nonce}">', html) if nonce else html
