"""Staff's report pages (under /henkilosto/osallistumisraportti/): events' participants and next year's targets.

Participation agents enter them for their own department, administrators for any department or the whole
city. Signed in (else the sign-in page) with one of those roles (else 403). Each form posts to its own view,
which calls one service; a refused form is shown again with its field errors (400)."""

from __future__ import annotations

from functools import wraps

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from city.models import StaffRole
from city.permissions import has_role, staff_profile
from geo_feedback.permissions import Action, can
from planning.models import EventAttendance, ParticipationTarget
from planning.participation_report_forms import report_departments
from planning.permissions import comment_may_moderate
from planning.services.participation_reports import (
    event_attendance_create,
    event_attendance_delete,
    participation_target_delete,
    participation_target_set,
)
from planning.staff.participation_report_forms import (
    EventAttendanceForm,
    ParticipationTargetForm,
    event_rows,
)

EVENTS_PER_PAGE = 25
REPORT_ROLES = (StaffRole.PARTICIPATION_AGENT, StaffRole.ADMINISTRATOR)


def _language() -> str:
    return (get_language() or "fi")[:2]


class _Who:
    """Whose figures the user keeps: an administrator any department's, an agent their own."""

    def __init__(self, user):
        self.user = user
        self.is_admin = has_role(user, StaffRole.ADMINISTRATOR)
        profile = staff_profile(user)
        self.department = None if self.is_admin else profile.department

    def departments(self):
        return report_departments() if self.is_admin else None

    def may_change(self, department_id: int | None) -> bool:
        return self.is_admin or (self.department is not None and department_id == self.department.pk)


def report_staff_required(view):
    @wraps(view)
    @login_required
    def wrapped(request, *args, **kwargs):
        if not has_role(request.user, *REPORT_ROLES):
            raise PermissionDenied
        return view(request, _Who(request.user), *args, **kwargs)
    return wrapped


def _page(request, who: _Who, *, event_form=None, target_form=None, status: int = 200):
    language = _language()
    departments = who.departments()
    events = Paginator(event_rows(who.department, whole_city=who.is_admin), EVENTS_PER_PAGE).get_page(
        request.GET.get("page"))
    this_year = timezone.localdate().year
    targets = ParticipationTarget.objects.select_related("department").filter(year__in=[this_year, this_year + 1])
    if not who.is_admin:
        targets = targets.filter(department=who.department)
    return render(request, "planning/participation_report/staff.html", {
        "who": who, "language": language, "events": events,
        "targets": targets.order_by("-year", "department__name_fi", "metric"),
        "event_form": event_form or EventAttendanceForm(departments=departments, language=language),
        "target_form": target_form or ParticipationTargetForm(departments=departments, language=language),
        "this_year": this_year, "may_moderate": comment_may_moderate(request.user),
        "may_see_tickets": can(request.user, Action.VIEW),
    }, status=status)


@report_staff_required
def staff_page(request, who: _Who):
    """The events entered and the targets of this and next year, with a form for each."""
    return _page(request, who)


@require_POST
@report_staff_required
def event_add(request, who: _Who):
    form = EventAttendanceForm(request.POST, departments=who.departments(), language=_language())
    if not form.is_valid():
        return _page(request, who, event_form=form, status=400)
    event = event_attendance_create(department=form.chosen_department(who.department),
                                    name=form.cleaned_data["name"], held_on=form.cleaned_data["held_on"],
                                    participants=form.cleaned_data["participants"], area=form.chosen_area(),
                                    actor=request.user)
    messages.success(request, _("Saved: %(name)s, %(count)s participants.") % {"name": event.name,
                                                                              "count": event.participants})
    return redirect("report_staff:page")


@require_POST
@report_staff_required
def event_remove(request, who: _Who, pk: int):
    event = EventAttendance.objects.filter(pk=pk).first()
    if event is None:
        raise Http404(_("No such event."))
    if not who.may_change(event.department_id):
        raise PermissionDenied
    event_attendance_delete(event=event)
    messages.success(request, _("Removed: %(name)s.") % {"name": event.name})
    return redirect("report_staff:page")


@require_POST
@report_staff_required
def target_set(request, who: _Who):
    form = ParticipationTargetForm(request.POST, departments=who.departments(), language=_language())
    if form.is_valid():
        department = form.chosen_department(who.department)
        if form.check_department(department):
            participation_target_set(department=department, year=form.cleaned_data["year"],
                                     metric=form.cleaned_data["metric"], value=form.cleaned_data["value"],
                                     note=form.cleaned_data["note"], actor=request.user)
            messages.success(request, _("The target is saved."))
            return redirect("report_staff:page")
    return _page(request, who, target_form=form, status=400)


@require_POST
@report_staff_required
def target_remove(request, who: _Who, pk: int):
    target = ParticipationTarget.objects.filter(pk=pk).first()
    if target is None:
        raise Http404(_("No such target."))
    if not who.may_change(target.department_id):
        raise PermissionDenied
    participation_target_delete(target=target)
    messages.success(request, _("The target is removed."))
    return redirect("report_staff:page")

