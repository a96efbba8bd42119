"""Staff's pages of the councils' members: list, add, remove (through planning.services.panels).

The youth, elderly and disability councils are chosen by the city, so staff keep their members by name
and address. Those names and addresses are personal data: only administrators and participation
agents see these pages; anyone else signed in gets 403, a visitor goes to the staff sign-in."""

from __future__ import annotations

from functools import wraps

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from city.models import StaffRole
from city.permissions import has_role
from planning.models import Panel, PanelKind
from planning.panel_forms import CouncilMemberForm
from planning.panel_selectors import council_members as council_member_rows
from planning.panel_selectors import councils_with_counts
from planning.services.panels import PanelRefused, panel_member_add, panel_member_remove

COUNCIL_KEEPERS = (StaffRole.ADMINISTRATOR, StaffRole.PARTICIPATION_AGENT)


def council_members_may_keep(user) -> bool:
    """See, add and remove councils' members: administrators and participation agents."""
    return has_role(user, *COUNCIL_KEEPERS)


def council_keeper_required(view):
    @wraps(view)
    @login_required
    def wrapped(request, *args, **kwargs):
        if not council_members_may_keep(request.user):
            raise PermissionDenied
        return view(request, *args, **kwargs)
    return wrapped


def _council(slug: str) -> Panel:
    council = councils_with_counts().filter(slug=slug).first()
    if council is None:
        raise Http404(_("No such council."))
    return council


@council_keeper_required
def council_list(request):
    return render(request, "planning/panels/staff/councils.html", {"councils": councils_with_counts()})


def _members_page(request, council: Panel, form: CouncilMemberForm | None = None, status: int = 200):
    return render(request, "planning/panels/staff/members.html", {
        "council": council, "members": council_member_rows(council),
        "form": form or CouncilMemberForm(initial={"language": (get_language() or "fi")[:2]})}, status=status)


@council_keeper_required
def council_members(request, slug: str):
    return _members_page(request, _council(slug))


@require_POST
@council_keeper_required
def council_member_add(request, slug: str):
    council = _council(slug)
    form = CouncilMemberForm(request.POST)
    if form.is_valid():
        data = form.cleaned_data
        try:
            panel_member_add(panel=council, name=data["name"], email=data["email"], language=data["language"],
                             actor=request.user)
        except PanelRefused as refusal:
            form.add_service_errors(refusal.errors)
        else:
            messages.success(request, _("%(name)s was added; an email tells them so.") % {"name": data["name"]})
            return redirect("panel_members:members", slug=council.slug)
    return _members_page(request, council, form, status=400)


@require_POST
@council_keeper_required
def council_member_remove(request, slug: str, pk: int):
    council = _council(slug)
    member = council.members.filter(pk=pk).first()
    if member is None or council.kind != PanelKind.COUNCIL:
        raise Http404(_("No such member."))
    name = member.name or _("The member")
    panel_member_remove(member=member, actor=request.user)
    messages.success(request, _("%(name)s was removed, with their address.") % {"name": name})
    return redirect("panel_members:members", slug=council.slug)
