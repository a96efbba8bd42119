"""The summary's choropleth, drawn with folium.

Imported only when a summary page is drawn: folium brings pandas, numpy, jinja2, branca and
xyzservices, which no other page needs and a web worker should not hold from the start.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

import folium
from django.conf import settings
from django.templatetags.static import static
from django.utils.html import escape
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from config.design_tokens import token
from geo_feedback.summaries import rate_classes, rate_colour

if TYPE_CHECKING:
    from geo_feedback.summaries import Summary

USER_SCALABLE_NO = re.compile(r",\s*maximum-scale=1\.0,\s*user-scalable=no")
INLINE_SCRIPT = re.compile(r"<script>")
# folium's page has no language and no title (WCAG 3.1.1, 2.4.2), and a scale in miles and feet too.
HTML_OPEN = re.compile(r"<html>")
HEAD_OPEN = re.compile(r"<head>")
SCALE = re.compile(r"L\.control\.scale\(\)")
# Seinäjoki's centre; the map fits the areas' bounds anyway.
MAP_CENTRE = (62.79, 22.84)


class OfflineMap(folium.Map):
    """A folium map that loads Leaflet from our own static files and nothing from a CDN.

    folium's default page pulls Leaflet, jQuery, Bootstrap and Font Awesome from CDNs; a
    choropleth needs Leaflet only. The tiles are the site's one outside source (MAP_TILE_URL).
    """

    # Resolved when the map is drawn: in production the hashed names come from the manifest that
    # collectstatic writes, which does not exist yet when this module is imported.
    @property
    def default_js(self):
        return [("leaflet", static("vendor/leaflet/leaflet.js"))]

    @property
    def default_css(self):
        return [("leaflet_css", static("vendor/leaflet/leaflet.css"))]


def choropleth_html(summary: Summary, *, nonce: str = "") -> str:
    """A standalone HTML page (for an iframe's srcdoc) with the areas coloured by tickets per 1000.

    A srcdoc frame runs under the page's Content Security Policy, so folium's inline scripts carry
    the page's ``nonce``.
    """
    classes = rate_classes(summary.area_rates)
    fmap = OfflineMap(location=MAP_CENTRE, zoom_start=9, tiles=None, control_scale=True,
                      prefer_canvas=False)
    folium.TileLayer(tiles=settings.MAP_TILE_URL, attr=settings.MAP_TILE_ATTRIBUTION, name="map",
                     control=False).add_to(fmap)
    no_data = _("no data")

    def style(feature):
        per_thousand = feature["properties"]["per_thousand"]
        return {"fillColor": rate_colour(per_thousand, classes), "fillOpacity": 0.75, "color": token("ink"),
                "weight": 1, "dashArray": "4 4" if per_thousand is None else None}

    layer = folium.GeoJson(
        summary.areas_geojson, name="areas", style_function=style,
        highlight_function=lambda _feature: {"weight": 3, "color": token("blue-dark")},
        tooltip=folium.GeoJsonTooltip(
            fields=["name", "count", "rate_text"],
            aliases=[_("Area"), _("Tickets"), _("Tickets per 1000 inhabitants")],
            localize=True, sticky=False,
        ),
    )
    # The tooltip would print "null" for an unknown population: it says "no data" instead.
    for feature in layer.data["features"]:
        per_thousand = feature["properties"]["per_thousand"]
        feature["properties"]["rate_text"] = no_data if per_thousand is None else per_thousand
    layer.add_to(fmap)
    if layer.data["features"]:
        fmap.fit_bounds(layer.get_bounds())
    # folium's page forbids zooming (user-scalable=no); people who need to enlarge it must be able to.
    html = USER_SCALABLE_NO.sub("", fmap.get_root().render())
    language = (get_language() or settings.LANGUAGE_CODE)[:2]
    html = HTML_OPEN.sub(f'<html lang="{language}">', html, count=1)
    html = HEAD_OPEN.sub(f"<head>\n<title>{escape(_('Tickets per 1000 inhabitants by residential area'))}</title>",
                         html, count=1)
    html = SCALE.sub("L.control.scale({imperial: false})", html)  # metres and kilometres only
    return INLINE_SCRIPT.sub(f'<script nonce="{nonce}">', html) if nonce else html
