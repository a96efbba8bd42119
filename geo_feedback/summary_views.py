"""The staff summary page and its CSV downloads (under /henkilosto/yhteenveto/).

Signed in (else the login page) and allowed to summarise (else 403). The figures come from
``geo_feedback.summaries``, which counts only the tickets the user may see.
"""

from __future__ import annotations

import csv
from datetime import date

from django import forms
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse, StreamingHttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import get_language, gettext_lazy
from django.utils.translation import gettext as _

from city.forms import DesignSystemForm
from city.models import Department
from geo_feedback.forms import before_9999
from geo_feedback.permissions import Action, can
from geo_feedback.staff.forms import AccessibleErrors
from geo_feedback.summaries import (
    NO_DATA_COLOUR,
    TICKET_EXPORT_FIELDS,
    Summary,
    SummaryScope,
    default_period,
    rate_classes,
    summary_departments,
    summary_may_choose_all,
    ticket_export_rows,
    ticket_summary,
)

EARLIEST = date(2000, 1, 1)


def _language() -> str:
    return (get_language() or "fi")[:2]


class SummaryForm(AccessibleErrors, DesignSystemForm, forms.Form):
    """Department and period of the figures; the page and the staff API parse the same way.

    Query parameters ``department`` (a code; empty: all the user sees), ``from`` and ``to``
    (YYYY-MM-DD, both days included; by default the last 12 months).
    """

    department = forms.ChoiceField(label=gettext_lazy("Department"), required=False)

    def __init__(self, user, data=None):
        self.user = user
        self.departments = {department.code: department for department in summary_departments(user)}
        start, end = default_period()
        data = data.copy() if data is not None else {}
        data.setdefault("from", start.isoformat())
        data.setdefault("to", end.isoformat())
        self.choose_all = summary_may_choose_all(user)
        if not self.choose_all and not data.get("department") and self.departments:
            data["department"] = next(iter(self.departments))
        super().__init__(data)
        choices = [(code, department.name(_language())) for code, department in self.departments.items()]
        self.fields["department"].choices = ([("", _("All departments"))] if self.choose_all else []) + choices
        self.fields["department"].required = not self.choose_all
        self.fields["from"] = forms.DateField(label=_("Received from"), input_formats=["%Y-%m-%d"],
                                              validators=[before_9999], widget=forms.DateInput(attrs={"type": "date"}))
        self.fields["to"] = forms.DateField(label=_("Received until"), input_formats=["%Y-%m-%d"],
                                            validators=[before_9999], widget=forms.DateInput(attrs={"type": "date"}))

    def clean(self):
        cleaned = super().clean()
        start, end = cleaned.get("from"), cleaned.get("to")
        if start and end:
            if start > end:
                self.add_error("to", _("The last day must not be before the first day."))
            if start < EARLIEST:
                self.add_error("from", _("Give a day in 2000 or later."))
        return cleaned

    def _post_clean(self):
        super()._post_clean()
        for name in self.errors:  # screen readers hear the error with the field
            if name in self.fields:
                self.fields[name].widget.attrs.update({"aria-invalid": "true",
                                                       "aria-describedby": f"{self[name].auto_id}-errors"})

    def scope(self) -> SummaryScope:
        code = self.cleaned_data.get("department") or ""
        department: Department | None = self.departments.get(code) if code else None
        return SummaryScope(department=department, date_from=self.cleaned_data["from"],
                            date_to=self.cleaned_data["to"])

    def query_string(self) -> str:
        scope = self.scope()
        department = scope.department.code if scope.department else ""
        return f"department={department}&from={scope.date_from.isoformat()}&to={scope.date_to.isoformat()}"


def _allowed(request) -> None:
    if not can(request.user, Action.SUMMARISE):
        raise PermissionDenied


def summary_for_request(user, form: SummaryForm) -> Summary:
    return ticket_summary(user, form.scope(), language=_language(), no_area_label=_("No place given"))


# The map --------------------------------------------------------------------------------------


def choropleth_html(summary: Summary, *, nonce: str = "") -> str:
    """The areas coloured by tickets per 1000 (see ``geo_feedback.summary_map``).

    folium is imported here, when a map is drawn, not when the URLconf loads this module: it
    brings pandas and numpy into every web worker otherwise.
    """
    from geo_feedback.summary_map import choropleth_html as draw

    return draw(summary, nonce=nonce)


# Views ----------------------------------------------------------------------------------------


@login_required
def summary_page(request):
    """Figures for a department and period: tables with bars, and a map of tickets per 1000."""
    _allowed(request)
    form = SummaryForm(request.user, request.GET)
    context = {"form": form, "can_triage": can(request.user, Action.TRIAGE), "can_summarise": True}
    status = 200
    if form.is_valid():
        summary = summary_for_request(request.user, form)
        classes = rate_classes(summary.area_rates)
        context.update({
            "summary": summary,
            "download_query": form.query_string(),
            "map_html": choropleth_html(summary, nonce=str(request.csp_nonce)),
            "rate_classes": classes,
            "no_data_colour": NO_DATA_COLOUR,
            "breakdowns": [
                ("by-category", _("Tickets by category"), _("Category"), summary.by_category),
                ("by-kind", _("Tickets by kind"), _("Kind"), summary.by_kind),
                ("by-status", _("Tickets by status now"), _("Status"), summary.by_status),
                ("by-channel", _("Tickets by channel"), _("Channel"), summary.by_channel),
                ("by-department", _("Tickets by department"), _("Department"), summary.by_department),
                ("by-area", _("Tickets by residential area"), _("Area"), summary.by_area),
            ],
        })
    else:
        status = 400
    return render(request, "geo_feedback/summary/page.html", context, status=status)


class _Echo:
    """A file-like object whose write returns the line: csv.writer then yields rows to stream."""

    def write(self, value: str) -> str:
        return value


def _safe(value) -> str:
    """A cell a spreadsheet will not run as a formula (names are edited by admins, e.g. '=cmd')."""
    text = "" if value is None else str(value)
    return "'" + text if text[:1] in ("=", "+", "-", "@", "\t", "\r") else text


def _csv_response(rows, filename: str) -> StreamingHttpResponse:
    writer = csv.writer(_Echo())
    response = StreamingHttpResponse(
        ("\ufeff" if index == 0 else "") + writer.writerow([_safe(cell) for cell in row])
        for index, row in enumerate(rows)
    )
    response["Content-Type"] = "text/csv; charset=utf-8"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["Cache-Control"] = "private, no-store"
    return response


def _invalid(form: SummaryForm) -> HttpResponse:
    errors = "; ".join(f"{name}: {' '.join(messages)}" for name, messages in form.errors.items())
    return HttpResponse(errors, status=400, content_type="text/plain; charset=utf-8")


def _filename(kind: str, scope: SummaryScope) -> str:
    department = f"-{scope.department.code}" if scope.department else ""
    return f"{kind}{department}-{scope.date_from.isoformat()}-{scope.date_to.isoformat()}.csv"


def summary_figure_rows(summary: Summary):
    """The page's figures as (section, key, label, value) rows: the same numbers as the tables."""
    def number(value):
        return "" if value is None else round(value, 2)

    yield ("section", "key", "label", "value")
    scope = summary.scope
    yield ("scope", "department", _("Department"), scope.department.code if scope.department else "")
    yield ("scope", "from", _("Received from"), scope.date_from.isoformat())
    yield ("scope", "to", _("Received until"), scope.date_to.isoformat())
    yield ("total", "tickets", _("Tickets received"), summary.total)
    yield ("total", "praise", _("Praise received"), summary.praise)
    yield ("total", "overdue_open", _("Open and overdue now"), summary.overdue_open)
    yield ("total", "handled", _("Handled"), summary.handled)
    yield ("total", "handled_on_time", _("Handled on time"), summary.handled_on_time)
    yield ("total", "handled_late", _("Handled late"), summary.handled_late)
    for name, timing, label in (("triage", summary.triage, _("Time to triage")),
                                ("handling", summary.handling, _("Time to handle"))):
        yield (name, "measured", label, timing.measured)
        yield (name, "median_hours", label, number(timing.median_hours))
        yield (name, "p90_hours", label, number(timing.p90_hours))
        yield (name, "median_days", label, number(timing.median_days))
        yield (name, "p90_days", label, number(timing.p90_days))
    for section, rows in (("category", summary.by_category), ("kind", summary.by_kind),
                          ("status", summary.by_status), ("channel", summary.by_channel),
                          ("department", summary.by_department), ("area", summary.by_area)):
        for row in rows:
            yield (section, row.key, row.label, row.count)
    for rate in summary.area_rates:
        yield ("area_population", rate.code, rate.name, "" if rate.population is None else rate.population)
        yield ("area_per_1000", rate.code, rate.name, number(rate.per_thousand))


@login_required
def summary_figures_csv(request):
    """The summary's figures as CSV (section, key, label, value)."""
    _allowed(request)
    form = SummaryForm(request.user, request.GET)
    if not form.is_valid():
        return _invalid(form)
    summary = summary_for_request(request.user, form)
    return _csv_response(summary_figure_rows(summary), _filename("yhteenveto", summary.scope))


TICKET_HEADER = ("number", "created_at", "category_code", "category", "kind", "status", "channel", "area_code",
                 "area", "department", "handled_at")
assert len(TICKET_HEADER) == len(TICKET_EXPORT_FIELDS)


@login_required
def summary_tickets_csv(request):
    """The scope's tickets without any personal data, one row each, streamed."""
    _allowed(request)
    form = SummaryForm(request.user, request.GET)
    if not form.is_valid():
        return _invalid(form)
    scope = form.scope()

    def local(moment):
        return timezone.localtime(moment).isoformat(timespec="seconds") if moment else ""

    def rows():
        yield TICKET_HEADER
        for number, created_at, *middle, handled_at in ticket_export_rows(request.user, scope):
            yield (number, local(created_at), *middle, local(handled_at))

    return _csv_response(rows(), _filename("palautteet", scope))
