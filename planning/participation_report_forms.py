"""The participation report's choice of year and department, parsed the same way by the page and the API."""

from __future__ import annotations

from django import forms
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from city.forms import DesignSystemForm
from city.models import Department
from geo_feedback.staff.forms import AccessibleErrors
from planning.models.participation import REPORT_FIRST_YEAR


def report_departments() -> list[Department]:
    """The city's own departments (an outside body such as the wellbeing services county has no report)."""
    return list(Department.objects.filter(is_external=False).order_by("name_fi"))


def report_years() -> list[int]:
    """The years one may choose, the newest first: from this year back to the first reported year."""
    return list(range(timezone.localdate().year, REPORT_FIRST_YEAR - 1, -1))


class ReportChoiceForm(AccessibleErrors, DesignSystemForm, forms.Form):
    """``year`` (2000 up to this year) and ``department`` (a code; empty: the whole city)."""

    year = forms.TypedChoiceField(label=gettext_lazy("Year"), coerce=int)
    department = forms.ChoiceField(label=gettext_lazy("Department"), required=False)

    def __init__(self, data=None, *, language: str = "fi", departments: list[Department] | None = None):
        super().__init__(data)
        self.departments = {d.code: d for d in (departments if departments is not None else report_departments())}
        self.fields["year"].choices = [(year, str(year)) for year in report_years()]
        self.fields["year"].error_messages["invalid_choice"] = _(
            "Give a year from %(first)s to %(last)s.") % {"first": REPORT_FIRST_YEAR, "last": report_years()[0]}
        self.fields["department"].choices = [("", _("The whole city"))] + [
            (code, department.name(language)) for code, department in self.departments.items()]
        self.fields["department"].error_messages["invalid_choice"] = _(
            "No such department: choose one from the list, or none for the whole city.")

    def chosen_department(self) -> Department | None:
        code = self.cleaned_data.get("department") or ""
        return self.departments.get(code)
