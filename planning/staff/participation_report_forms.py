"""The staff's report forms: an event's participants and a target for a year's figure."""

from __future__ import annotations

from datetime import date

from django import forms
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from city.forms import DesignSystemForm
from city.models import Area, AreaKind, Department
from geo_feedback.staff.forms import AccessibleErrors
from planning.models import EventAttendance, ParticipationMetric
from planning.models.participation import EVENT_NAME_MAX, REPORT_FIRST_YEAR

WHOLE_CITY = ""


class _DepartmentChoice:
    """An administrator chooses the department (or the whole city); a participation agent enters for theirs."""

    def _department_field(self, departments: list[Department] | None, language: str) -> None:
        self.departments = {d.code: d for d in departments or []}
        if departments is None:  # fixed: the agent's own department
            return
        self.fields["department"] = forms.ChoiceField(
            label=gettext_lazy("Department"), required=False,
            choices=[(WHOLE_CITY, _("The whole city"))] + [(d.code, d.name(language)) for d in departments])

    def chosen_department(self, fixed: Department | None) -> Department | None:
        if "department" not in self.fields:
            return fixed
        return self.departments.get(self.cleaned_data.get("department") or "")


def residential_areas() -> list[Area]:
    return list(Area.objects.exclude(kind__in=[AreaKind.CITY, AreaKind.BUDGET_AREA]).order_by("name_fi"))


class EventAttendanceForm(_DepartmentChoice, AccessibleErrors, DesignSystemForm, forms.Form):
    name = forms.CharField(label=gettext_lazy("Event"), max_length=EVENT_NAME_MAX,
                           help_text=gettext_lazy("What the event was, e.g. a resident evening on a plan."))
    held_on = forms.DateField(label=gettext_lazy("Held on"), input_formats=["%Y-%m-%d", "%d.%m.%Y"],
                              widget=forms.DateInput(attrs={"type": "date"}))
    participants = forms.IntegerField(label=gettext_lazy("Participants"), min_value=1, max_value=1_000_000)
    area = forms.ChoiceField(label=gettext_lazy("Residential area (optional)"), required=False)

    def __init__(self, data=None, *, departments: list[Department] | None = None, language: str = "fi"):
        super().__init__(data, prefix="event")
        self.areas = {area.code: area for area in residential_areas()}
        self.fields["area"].choices = [("", _("None in particular"))] + [
            (code, area.name(language)) for code, area in self.areas.items()]
        self._department_field(departments, language)

    def clean_held_on(self) -> date:
        held_on = self.cleaned_data["held_on"]
        if held_on > timezone.localdate():
            raise forms.ValidationError(_("Enter the participants after the event: this day is still to come."))
        if held_on.year < REPORT_FIRST_YEAR:
            raise forms.ValidationError(_("Give a day in 2000 or later."))
        return held_on

    def chosen_area(self) -> Area | None:
        return self.areas.get(self.cleaned_data.get("area") or "")


class ParticipationTargetForm(_DepartmentChoice, AccessibleErrors, DesignSystemForm, forms.Form):
    year = forms.TypedChoiceField(label=gettext_lazy("Year"), coerce=int)
    metric = forms.ChoiceField(label=gettext_lazy("Figure"), choices=ParticipationMetric.choices)
    value = forms.DecimalField(label=gettext_lazy("Target"), min_value=0, max_digits=10, decimal_places=1,
                               help_text=gettext_lazy("For the handling time: at most this many days."))
    note = forms.CharField(label=gettext_lazy("Note (optional)"), required=False, max_length=2000,
                           widget=forms.Textarea(attrs={"rows": 2}))

    def __init__(self, data=None, *, departments: list[Department] | None = None, language: str = "fi"):
        super().__init__(data, prefix="target")
        this_year = timezone.localdate().year
        self.fields["year"].choices = [(year, str(year)) for year in (this_year + 1, this_year)]
        self._department_field(departments, language)

    def check_department(self, department: Department | None) -> bool:
        """The resident budget's target is the whole city's: told at the figure's field."""
        if self.cleaned_data.get("metric") == ParticipationMetric.BUDGET_VOTERS and department is not None:
            self.add_error("metric", _("The resident budget belongs to no department: set its target for the "
                                       "whole city."))
            return False
        return True


def event_rows(department: Department | None, *, whole_city: bool):
    rows = EventAttendance.objects.select_related("area", "department").order_by("-held_on", "-id")
    return rows if whole_city else rows.filter(department=department)
