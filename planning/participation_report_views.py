"""The yearly participation report (under /osallistumisraportti/): choose a year and a department, watch
the job's progress, then read the report; the same template as a PDF (WeasyPrint) and every figure as CSV.

Public: the figures are counts without anyone's name or address. Each view parses the choice, asks the
one service for the report (served from its cache, or queued once) and shows what it has.
"""

from __future__ import annotations

import csv
import json
from pathlib import Path

from django.conf import settings
from django.http import HttpResponse, HttpResponseRedirect, StreamingHttpResponse
from django.shortcuts import render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.http import urlencode
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from planning.models import ParticipationReport, ReportStatus
from planning.participation_report import SECTIONS
from planning.participation_report_display import csv_rows, department_name, report_sections
from planning.participation_report_forms import ReportChoiceForm, report_years
from planning.report_views import _Echo, _safe, _stylesheet_path
from planning.services.participation_reports import participation_report_request

PDF_STYLESHEETS = ("css/tokens.css", "css/participation-report.css")
REFRESH_SECONDS = 3  # how often the progress script asks the API


def _language() -> str:
    return (get_language() or "fi")[:2]


def step_label(step: str) -> str:
    return {"feedback": _("Feedback"), "plans": _("Zoning plans"), "budget": _("Resident budget"),
            "panels": _("Panels"), "events": _("Events"), "targets": _("Targets"),
            "names": _("Names")}.get(step, "")


def _choice(request, *, default: bool = False) -> tuple[ReportChoiceForm, ParticipationReport | None]:
    """The form of the query, and the report it asks for (None without a valid choice). With ``default``
    a query without a year asks for this year's report of the whole city, so the page opens on it."""
    data = request.GET
    if "year" not in data:
        if not default:
            return ReportChoiceForm(language=_language()), None
        data = {"year": str(report_years()[0]), "department": ""}
    form = ReportChoiceForm(data, language=_language())
    if not form.is_valid():
        return form, None
    return form, participation_report_request(year=form.cleaned_data["year"], department=form.chosen_department())


def _query(report: ParticipationReport) -> str:
    return urlencode({"year": report.year, "department": report.department.code if report.department else ""})


def _no_store(response):
    # The page changes as the job runs and whenever the data changes: never kept by a cache.
    response["Cache-Control"] = "no-cache"
    return response


def _maps(sections, nonce: str) -> None:
    """Draw each section's choropleths (folium is imported only now)."""
    from planning.participation_report_maps import choropleth_html, legend

    for section in sections:
        for chart in section.maps:
            chart["html"] = choropleth_html(chart["rows"], title=chart["title"], area_label=_("Area"),
                                            value_label=chart["value_label"], count_label=chart["count_label"],
                                            no_data=_("no data"), nonce=nonce)
            chart["legend"] = legend([row["value"] for row in chart["rows"]])


def report_page(request):
    """The choice of year and department; the progress while the report is computed; then the report."""
    form, report = _choice(request, default=True)
    context = {"form": form, "report": report, "language": _language(), "for_pdf": False}
    status = 400 if form.is_bound and not form.is_valid() else 200
    if report is not None and report.status == ReportStatus.DONE:
        sections = report_sections(report.figures, _language())
        _maps(sections, str(request.csp_nonce))
        context.update({"sections": sections, "department_name": department_name(report.figures, _language()),
                        "query": _query(report)})
    elif report is not None:
        context.update({"refresh": REFRESH_SECONDS, "step_label": step_label(report.step),
                        "steps_json": json.dumps({key: step_label(key) for key, _function in SECTIONS})})
    return _no_store(render(request, "planning/participation_report/page.html", context, status=status))


def _ready_or_page(request):
    """The done report the query asks for, or the answer to give instead (the page: the form or progress)."""
    form, report = _choice(request)
    if report is None:
        return None, HttpResponse(
            "; ".join(f"{name}: {' '.join(messages)}" for name, messages in form.errors.items()) or
            _("Choose a year."), status=400, content_type="text/plain; charset=utf-8")
    if report.status != ReportStatus.DONE:
        return None, _no_store(HttpResponseRedirect(f"{reverse('participation_report:page')}?{_query(report)}"))
    return report, None


def _filename(report: ParticipationReport, extension: str) -> str:
    department = f"-{report.department.code}" if report.department else "-koko-kaupunki"
    return f"osallistumisraportti-{report.year}{department}.{extension}"


def report_pdf(request):
    """The report as a PDF from the same sections (its maps as tables only: a PDF runs no map)."""
    from weasyprint import CSS, HTML  # imported when a PDF is made: it loads Pango into the worker

    report, other = _ready_or_page(request)
    if other is not None:
        return other
    language = _language()
    html = render_to_string("planning/participation_report/pdf.html", {
        "report": report, "language": language, "for_pdf": True,
        "sections": report_sections(report.figures, language),
        "department_name": department_name(report.figures, language),
        "page_url": request.build_absolute_uri(f"{reverse('participation_report:page')}?{_query(report)}"),
        "made_at": timezone.localtime(),
    }, request=request)
    stylesheets = [CSS(filename=_stylesheet_path(name)) for name in PDF_STYLESHEETS]
    pdf = HTML(string=html, base_url=str(Path(settings.BASE_DIR))).write_pdf(stylesheets=stylesheets)
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="{_filename(report, "pdf")}"'
    return _no_store(response)


def report_csv(request):
    """Every figure of the report, one a row: section, figure, key, value, label (UTF-8 with a BOM)."""
    report, other = _ready_or_page(request)
    if other is not None:
        return other
    writer = csv.writer(_Echo())
    response = StreamingHttpResponse(("\ufeff" if index == 0 else "") + writer.writerow([_safe(cell) for cell in row])
                                     for index, row in enumerate(csv_rows(report.figures, _language())))
    response["Content-Type"] = "text/csv; charset=utf-8"
    response["Content-Disposition"] = f'attachment; filename="{_filename(report, "csv")}"'
    return _no_store(response)
