"""The closing report of a process: a page, the same template as a PDF (WeasyPrint), a CSV of the comments
with their answers, and a GeoJSON of the commented geometries.

Public once the process is published and in phase 6; before that only those who run it see it (a
preview, marked so and never cached). Everyone else gets 404, as for a process that does not exist.
"""

from __future__ import annotations

import csv
from pathlib import Path

from django.conf import settings
from django.contrib.staticfiles import finders
from django.contrib.staticfiles.storage import staticfiles_storage
from django.http import Http404, HttpResponse, StreamingHttpResponse
from django.shortcuts import render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from planning.models import Process
from planning.permissions import process_may_run
from planning.report import (
    closing_report,
    process_boundary_geojson,
    report_geojson,
    report_is_public,
    report_svg,
)

PDF_STYLESHEETS = ("css/tokens.css", "css/plan-report.css")


def _language() -> str:
    return (get_language() or "fi")[:2]


def _report_process(request, pk: int) -> tuple[Process, bool]:
    """The process and whether this is a staff preview; 404 for anyone who may not see the report."""
    process = Process.objects.select_related("department", "area").filter(pk=pk).first()
    if process is None:
        raise Http404(_("No such plan."))
    if report_is_public(process):
        return process, False
    if process_may_run(request.user, process):
        return process, True
    raise Http404(_("The closing report is published when the plan reaches its final phase."))


def _private(response, preview: bool):
    if preview:
        response["Cache-Control"] = "private, no-store"
    return response


def report_page(request, pk: int):
    """Who took part, a map of the comments with the list beside it, every comment with its answer,
    and how the plan changed."""
    process, preview = _report_process(request, pk)
    language = _language()
    report = closing_report(process, language=language)
    response = render(request, "planning/report/page.html", {
        "report": report, "process": process, "preview": preview, "language": language, "for_pdf": False,
        "map_config": {"tileUrl": settings.MAP_TILE_URL, "tileAttribution": settings.MAP_TILE_ATTRIBUTION,
                       "language": language, "boundary": process_boundary_geojson(process),
                       "geojsonUrl": reverse("plans:report-geojson", args=[process.pk])},
        "map_labels": {"zoomIn": _("Zoom in"), "zoomOut": _("Zoom out"), "comment": _("Comment %(number)s"),
                       "answer": _("Answer"), "noAnswer": _("Not answered yet."),
                       "loadFailed": _("The comments could not be drawn on the map; the list has them all."),
                       "drawn": _("%(count)s comments drawn on the map.")},
    })
    return _private(response, preview)


def _stylesheet_path(name: str) -> str:
    """A static file on disk: found in the app's static folders, or collected (production)."""
    found = finders.find(name)
    return found if found else staticfiles_storage.path(name)


def report_pdf(request, pk: int):
    """The same report as a PDF, the map drawn as SVG from the database (a PDF has no background map)."""
    from weasyprint import CSS, HTML  # imported when a PDF is made: it loads Pango into the worker

    process, preview = _report_process(request, pk)
    language = _language()
    html = render_to_string("planning/report/pdf.html", {
        "report": closing_report(process, language=language), "process": process, "preview": preview,
        "language": language, "for_pdf": True, "svg": report_svg(process),
        "page_url": request.build_absolute_uri(reverse("plans:report", args=[process.pk])),
        "made_at": timezone.localtime(),
    }, request=request)
    stylesheets = [CSS(filename=_stylesheet_path(name)) for name in PDF_STYLESHEETS]
    pdf = HTML(string=html, base_url=str(Path(settings.BASE_DIR))).write_pdf(stylesheets=stylesheets)
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="kaava-{process.pk}-loppuraportti.pdf"'
    return _private(response, preview)


class _Echo:
    def write(self, value: str) -> str:
        return value


def _safe(value) -> str:
    """A cell a spreadsheet will not run as a formula (comments are residents' free text)."""
    text = "" if value is None else str(value)
    return "'" + text if text[:1] in ("=", "+", "-", "@", "\t", "\r") else text


CSV_HEADER = ("number", "created_at", "phase", "phase_name", "group", "group_name", "age_band", "age_band_name",
              "language", "place", "comment", "answer_theme", "answer", "answered_at")


def report_csv(request, pk: int):
    """Every published comment with its answer, one row each (UTF-8 with a BOM, for spreadsheets)."""
    process, preview = _report_process(request, pk)
    report = closing_report(process, language=_language())

    def local(moment):
        return timezone.localtime(moment).isoformat(timespec="seconds") if moment else ""

    def rows():
        yield CSV_HEADER
        for c in report.comments:
            yield (c.number, local(c.created_at), c.phase, c.phase_name, c.group, c.group_label if c.group else "",
                   c.age_band, c.age_band_label if c.age_band else "", c.language, c.geometry_label, c.text,
                   c.answer_theme, c.answer_text, local(c.answered_at))

    writer = csv.writer(_Echo())
    response = StreamingHttpResponse(("\ufeff" if index == 0 else "") + writer.writerow([_safe(cell) for cell in row])
                                     for index, row in enumerate(rows()))
    response["Content-Type"] = "text/csv; charset=utf-8"
    response["Content-Disposition"] = f'attachment; filename="kaava-{process.pk}-kommentit.csv"'
    return _private(response, preview)


def report_geojson_view(request, pk: int):
    """The commented geometries as a FeatureCollection in WGS84 (EPSG:4326), built by PostGIS."""
    process, preview = _report_process(request, pk)
    response = HttpResponse(report_geojson(process, language=_language()), content_type="application/geo+json")
    response["Content-Disposition"] = f'inline; filename="kaava-{process.pk}-kommentit.geojson"'
    return _private(response, preview)
