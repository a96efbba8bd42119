"""Staff's panel pages (under /henkilosto/paneelit/): parse, call one service or selector, render.

For whoever may write some kind of panel message (``panel_pages_may_open``: administrators and
participation agents, planners for their plans, budget officials for the budget); anyone else
signed in gets 403, a visitor goes to the staff sign-in and comes back. The pages show counts only,
never a member's address.
"""

from __future__ import annotations

from functools import wraps

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import get_language, ngettext
from django.utils.translation import gettext as _

from planning.models import BudgetPhase, PanelMessageKind
from planning.panel_message_selectors import (
    panel_for_staff,
    panel_message_areas,
    panel_message_budget_rounds,
    panel_message_delivery,
    panel_message_for_staff,
    panel_message_processes,
    panel_message_reach,
    panel_message_recipient_count,
    panel_messages,
    panels_for_staff,
)
from planning.services.panel_messages import (
    PanelMessageRefused,
    panel_message_kinds_for,
    panel_message_send,
    panel_pages_may_open,
)
from planning.staff.panel_forms import PanelMessageForm

# The fields the "count recipients" button reads; the rest of the form may still be unwritten.
COUNT_FIELDS = ("process", "budget_round", "topics", "areas")


def _language() -> str:
    return (get_language() or "fi")[:2]


def panel_staff_required(view):
    """Signed in (else to the staff sign-in) and someone who writes to panels (else 403)."""
    @wraps(view)
    @login_required
    def wrapped(request, *args, **kwargs):
        if not panel_pages_may_open(request.user):
            raise PermissionDenied
        return view(request, *args, **kwargs)
    return wrapped


def _panel(slug: str):
    panel = panel_for_staff(slug)
    if panel is None:
        raise Http404(_("No such panel."))
    return panel


def _chosen(queryset, value):
    """The row of ``queryset`` whose id is ``value`` (from the address), or None."""
    try:
        return queryset.filter(pk=int(value)).first() if value else None
    except (TypeError, ValueError):
        return None


def _about(request) -> dict:
    """The plan or the round the address names (``?process=`` or ``?budget_round=``), if the user may invite to it."""
    process = _chosen(panel_message_processes(request.user), request.GET.get("process"))
    budget_round = None if process else _chosen(panel_message_budget_rounds(request.user),
                                                request.GET.get("budget_round"))
    query = f"?process={process.pk}" if process else f"?budget_round={budget_round.pk}" if budget_round else ""
    about = process or budget_round
    return {"process": process, "budget_round": budget_round, "about_query": query,
            "about_name": about.name(_language()) if about else ""}


@panel_staff_required
def panel_list(request):
    """Every panel with its confirmed members and the messages sent to it."""
    return render(request, "planning/staff/panels/list.html", {
        "page": panels_for_staff(request.GET.get("page")), "language": _language(), **_about(request)})


@panel_staff_required
def panel_page(request, slug: str):
    """One panel: its members counted and the messages sent to it, newest first."""
    panel = _panel(slug)
    return render(request, "planning/staff/panels/panel.html", {
        "panel": panel, "page": panel_messages(panel, request.GET.get("page")), "language": _language()})


def _prefill(language: str, *, process=None, budget_round=None) -> dict:
    """A first draft of an invitation to the plan's or the round's page, in the staff member's language."""
    if process is not None:
        name = process.name(language)
        return {"kind": PanelMessageKind.PLAN_COMMENTS, "process": process.pk,
                "subject": _("Comment on the plan: %(plan)s") % {"plan": name},
                "body": _("The plan “%(plan)s” is in phase %(number)s: %(phase)s, and open for comments. Tell us what "
                          "you think: the plan's page shows its area, its documents and the map to comment on.")
                % {"plan": name, "number": process.phase, "phase": process.phase_name()}}
    if budget_round is not None:
        name = budget_round.name(language)
        voting = budget_round.phase == BudgetPhase.VOTING
        return {"kind": PanelMessageKind.BUDGET, "budget_round": budget_round.pk,
                "subject": (_("Vote in the resident budget: %(round)s") if voting
                            else _("Propose in the resident budget: %(round)s")) % {"round": name},
                "body": (_("Voting is open in “%(round)s”: choose the proposals you want the city to carry out in "
                           "your area.") if voting else
                         _("Proposals are open in “%(round)s”: tell us what the city should do with the money in "
                           "your area, and comment on others' proposals.")) % {"round": name}}
    return {}


def _initial_from(form: PanelMessageForm, data) -> dict:
    """The form's fields as posted, to show them again unbound (the count shows no errors for text not yet written)."""
    multiple = {name for name, field in form.fields.items() if hasattr(field.widget, "allow_multiple_selected")
                and field.widget.allow_multiple_selected}
    return {name: data.getlist(name) if name in multiple else data.get(name) for name in form.fields if name in data}


def _render_compose(request, panel, form, *, count=None, status: int = 200):
    return render(request, "planning/staff/panels/compose.html", {
        "panel": panel, "form": form, "count": count, "language": _language()}, status=status)


@panel_staff_required
def panel_compose(request, slug: str):
    """Write a message to the panel: count whom it would reach, then send it (each member's email queued)."""
    panel = _panel(slug)
    language = _language()
    options = {"panel": panel, "kinds": panel_message_kinds_for(request.user),
               "processes": panel_message_processes(request.user),
               "budget_rounds": panel_message_budget_rounds(request.user),
               "areas": panel_message_areas(), "language": language}
    if request.method != "POST":
        about = _about(request)
        initial = _prefill(language, process=about["process"], budget_round=about["budget_round"])
        return _render_compose(request, panel, PanelMessageForm(initial=initial, **options))

    form = PanelMessageForm(request.POST, **options)
    valid = form.is_valid()
    data = form.cleaned_data
    if request.POST.get("action") == "count":
        if any(name in form.errors for name in COUNT_FIELDS):
            return _render_compose(request, panel, form, status=400)
        reach = panel_message_reach(areas=data.get("areas") or [], process=data.get("process"),
                                    budget_round=data.get("budget_round"))
        count = panel_message_recipient_count(panel=panel, reach=reach, topics=data.get("topics") or [])
        return _render_compose(request, panel, PanelMessageForm(initial=_initial_from(form, request.POST), **options),
                               count=count)
    if not valid:
        return _render_compose(request, panel, form, status=400)
    try:
        message = panel_message_send(
            panel=panel, kind=data["kind"], subject=data["subject"], body=data["body"], link=data["link"],
            event_starts_at=data["event_starts_at"], topics=data.get("topics") or [], areas=data["areas"],
            process=data["process"], budget_round=data["budget_round"], actor=request.user,
            send_key=data["send_key"])
    except PanelMessageRefused as refused:
        for field, errors in refused.errors.items():
            for error in errors:
                form.add_error(field if field in form.fields else None, error)
        return _render_compose(request, panel, form, status=403 if refused.forbidden else 400)
    count = message.recipient_count
    messages.success(request, ngettext("The message is on its way to %(count)s member.",
                                       "The message is on its way to %(count)s members.", count) % {"count": count}
                     if count else _("The message is recorded; it reached no member."))
    return redirect("panel_staff:message", slug=panel.slug, pk=message.pk)


@panel_staff_required
def panel_message_page(request, slug: str, pk: int):
    """A message sent: what it said, whom it reached, and how many of its emails are sent, queued and failed."""
    message = panel_message_for_staff(pk)
    if message is None or message.panel.slug != slug:
        raise Http404(_("No such message."))
    return render(request, "planning/staff/panels/message.html", {
        "panel": message.panel, "message": message, "delivery": panel_message_delivery(message),
        "language": _language()})

