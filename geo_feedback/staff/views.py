"""Staff pages: parse the request, call one selector or service, render. Permissions are asked of
``geo_feedback.permissions`` for the page and again for the ticket: a role that may not do an
action is neither shown its form nor allowed to post it (403)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import wraps

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import get_language, gettext_lazy
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from city.models import Department, StaffRole
from geo_feedback.models import Category
from geo_feedback.page_selectors import area_choices, category_choices
from geo_feedback.permissions import Action, can, sees_every_department, staff_profile
from geo_feedback.services.feedback import (
    ChangedMeanwhile,
    FeedbackInvalid,
    TransitionNotAllowed,
    feedback_create,
    feedback_transition,
)
from geo_feedback.services.triage import (
    feedback_bulk,
    feedback_merge,
    feedback_move,
    feedback_note,
    feedback_recategorise,
    feedback_redact,
    feedback_reply,
    feedback_request_info,
    feedback_route,
)
from geo_feedback.staff import forms as staff_forms
from geo_feedback.staff import selectors
from geo_feedback.statuses import FeedbackStatus

S = FeedbackStatus


def _language() -> str:
    return (get_language() or "fi")[:2]


def staff_required(view):
    """Signed in (else to the login page) and staff who work on tickets (else 403)."""
    @wraps(view)
    @login_required
    def wrapped(request, *args, **kwargs):
        if not can(request.user, Action.VIEW):
            raise PermissionDenied
        return view(request, *args, **kwargs)
    return wrapped


def _render(request, template: str, context: dict, status: int = 200):
    """Render a staff page; the navigation shows only the pages the user's role may open."""
    return render(request, template, {**context, "can_triage": can(request.user, Action.TRIAGE),
                                      "can_summarise": can(request.user, Action.SUMMARISE)}, status=status)


def _require(user, action: Action, feedback=None) -> None:
    if not can(user, action, feedback):
        raise PermissionDenied


def _map_context(**extra) -> dict:
    return {
        "map_config": {"tileUrl": settings.MAP_TILE_URL, "tileAttribution": settings.MAP_TILE_ATTRIBUTION,
                       "language": _language(), "placesUrl": "/api/v1/places/", **extra},
        "map_labels": {"zoomIn": _("Zoom in"), "zoomOut": _("Zoom out"), "pin": _("Place of the ticket"),
                       "open": _("Open the ticket"), "candidate": _("Possible original"),
                       "chosen": _("Chosen as the original: %(number)s"),
                       "moved": _("New place: %(lat)s N, %(lon)s E"),
                       "searching": _("Searching…"),
                       "noResults": _("No places found. Try another name, address or postal code."),
                       "results": _("Places found: choose one."),
                       "searchFailed": _("The search did not work. Try again, or mark the place on the map.")},
    }


@login_required
def staff_home(request):
    """Customer service starts at the triage queue, departments at their own queue; staff whose roles
    give no tickets at the planning half's staff pages, by their URL's name: budget officials at the
    proposals to review, planners and moderators at the plans."""
    if can(request.user, Action.TRIAGE):
        return redirect("staff:triage")
    if can(request.user, Action.VIEW):
        return redirect("staff:department")
    profile = staff_profile(request.user)
    if profile is not None:
        if profile.has_role(StaffRole.BUDGET_OFFICIAL) and not profile.has_role(
                StaffRole.PLANNER, StaffRole.MODERATOR, StaffRole.ADMINISTRATOR):
            return redirect("budget_review:rounds")
        return redirect("plan_staff:list")
    raise PermissionDenied


# Queues and search ---------------------------------------------------------------------------


def _points(rows) -> list[dict]:
    return [{"number": row.feedback.number, "lon": row.lon, "lat": row.lat, "label": row.category_name,
             "url": reverse("staff:ticket", args=[row.feedback.number]), "overdue": row.overdue}
            for row in rows if row.lon is not None]


@staff_required
def triage_queue(request):
    """New tickets, oldest first, on a map and in a table; bulk actions start here."""
    _require(request.user, Action.TRIAGE)
    language = _language()
    form = staff_forms.QueueFilterForm(request.GET or None, category_choices=category_choices(language=language),
                                       area_choices=area_choices(language=language))
    if form.is_bound:
        form.is_valid()
    page, rows = selectors.triage_queue(request.user, form.filters(), page_number=request.GET.get("page"),
                                        language=language)
    bulk = staff_forms.BulkForm(numbers=[row.feedback.number for row in rows])
    return _render(request, "geo_feedback/staff/triage.html", {
        "form": form, "page": page, "rows": rows, "bulk": bulk,
        **_map_context(points=_points(rows)),
    })


@staff_required
def department_queue(request):
    """Routed and in-progress tickets of the department, by due date or age; overdue ones marked."""
    _require(request.user, Action.VIEW)
    department = None
    departments = []
    if not sees_every_department(request.user):
        department = staff_profile(request.user).department
    else:  # customer service and administrators look at any department's queue
        departments = list(Department.objects.filter(is_external=False))
        department = next((d for d in departments if d.code == request.GET.get("department")), None)
    sort = request.GET.get("sort") if request.GET.get("sort") in selectors.DEPARTMENT_SORTS else "due"
    page, rows = selectors.department_queue(request.user, sort=sort, department=department,
                                            page_number=request.GET.get("page"), language=_language())
    return _render(request, "geo_feedback/staff/department.html", {
        "page": page, "rows": rows, "sort": sort, "department": department, "departments": departments,
        "read_only": not can(request.user, Action.HANDLE),
    })


@staff_required
def staff_search(request):
    """Find a ticket by number, words of its description or its address, among those one may see."""
    _require(request.user, Action.VIEW)
    query = request.GET.get("q", "")[:100]
    rows = selectors.staff_search(request.user, query, language=_language())
    return _render(request, "geo_feedback/staff/search.html", {"query": query, "rows": rows})


# The ticket page and its actions ---------------------------------------------------------------


def _change(service: Callable, **fixed):
    """An action that calls ``service`` with the ticket, the actor, the seen version and the form's fields."""
    def run(request, feedback, form):
        data = {key: value for key, value in form.cleaned_data.items() if key != "version"}
        return service(feedback=feedback, actor=request.user, seen_version=form.cleaned_data["version"],
                       **fixed, **data)
    return run


def _route(request, feedback, form):
    data = form.cleaned_data
    return feedback_route(feedback=feedback, department=data["department"], handler=data.get("handler"),
                          actor=request.user, public_note=data["public_note"], internal_note=data["internal_note"],
                          seen_version=data["version"])


def _forward(request, feedback, form):
    data = form.cleaned_data
    return feedback_route(feedback=feedback, department=data["department"], actor=request.user,
                          public_note=data["public_note"], seen_version=data["version"])


def _move(request, feedback, form):
    return feedback_move(feedback=feedback, location=form.point(), actor=request.user,
                         internal_note=form.cleaned_data["internal_note"], seen_version=form.cleaned_data["version"])


def _merge(request, feedback, form):
    into = selectors.merge_target(request.user, form.cleaned_data["into"])
    if into is None or not can(request.user, Action.TRIAGE, into):
        raise FeedbackInvalid({"into": [_("No ticket you may handle has this number.")]})
    return feedback_merge(duplicate=feedback, into=into, actor=request.user,
                          public_note=form.cleaned_data["public_note"], seen_version=form.cleaned_data["version"])


def _redact(request, feedback, form):
    data = form.cleaned_data
    return feedback_redact(feedback=feedback, actor=request.user, description=data["description"],
                           hide_photos=data["hide_photos"], seen_version=data["version"])


def _reply(request, feedback, form):
    return feedback_reply(feedback=feedback, actor=request.user, text=form.cleaned_data["text"],
                          seen_version=form.cleaned_data["version"])


def _status(to_status: str, *, notify: bool = True):
    def run(request, feedback, form):
        data = form.cleaned_data
        return feedback_transition(feedback=feedback, to_status=to_status, actor=request.user,
                                   public_note=data.get("public_note", ""), internal_note=data.get("internal_note", ""),
                                   seen_version=data["version"], notify=notify)
    return run


@dataclass(frozen=True)
class TicketAction:
    """One thing staff do on the ticket page: who may, when it applies, its form and its service."""

    title: str
    button: str
    permission: Action
    form: type
    run: Callable
    applies: Callable = lambda feedback: True
    done: str = gettext_lazy("Saved.")


ACTIONS: dict[str, TicketAction] = {
    "route": TicketAction(gettext_lazy("Route to a department"), gettext_lazy("Route"), Action.TRIAGE,
                          staff_forms.RouteForm, _route,
                          applies=lambda f: f.status not in (S.HANDLED, S.DUPLICATE, S.FORWARDED, S.NOT_CITYS,
                                                             S.REJECTED),
                          done=gettext_lazy("The ticket was routed.")),
    "forward": TicketAction(gettext_lazy("Forward to an outside body"), gettext_lazy("Forward"), Action.TRIAGE,
                            staff_forms.ForwardForm, _forward, applies=lambda f: f.can_transition_to(S.FORWARDED),
                            done=gettext_lazy("The ticket was forwarded.")),
    "recategorise": TicketAction(gettext_lazy("Change the topic"), gettext_lazy("Change the topic"), Action.TRIAGE,
                                 staff_forms.RecategoriseForm, _change(feedback_recategorise),
                                 done=gettext_lazy("The topic was changed.")),
    "move": TicketAction(gettext_lazy("Move the pin"), gettext_lazy("Move the pin"), Action.TRIAGE,
                         staff_forms.MoveForm, _move, done=gettext_lazy("The place was moved.")),
    "merge": TicketAction(gettext_lazy("Merge as a duplicate"), gettext_lazy("Merge"), Action.TRIAGE,
                          staff_forms.MergeForm, _merge, applies=lambda f: f.can_transition_to(S.DUPLICATE),
                          done=gettext_lazy("The ticket was merged as a duplicate.")),
    "reject": TicketAction(gettext_lazy("Hide as spam or abuse"), gettext_lazy("Reject"), Action.TRIAGE,
                           staff_forms.RejectForm, _status(S.REJECTED, notify=False),
                           applies=lambda f: f.can_transition_to(S.REJECTED),
                           done=gettext_lazy("The ticket was rejected and hidden from the public.")),
    "request_info": TicketAction(gettext_lazy("Ask the reporter for more information"),
                                 gettext_lazy("Send the question"), Action.TRIAGE, staff_forms.RequestInfoForm,
                                 _change(feedback_request_info), applies=lambda f: bool(f.reporter_email),
                                 done=gettext_lazy("The question was sent.")),
    "redact": TicketAction(gettext_lazy("Remove personal data"), gettext_lazy("Remove"), Action.TRIAGE,
                           staff_forms.RedactForm, _redact, done=gettext_lazy("Personal data were removed.")),
    "reply": TicketAction(gettext_lazy("Public reply"), gettext_lazy("Send the reply"), Action.HANDLE,
                          staff_forms.ReplyForm, _reply, applies=lambda f: f.status != S.REJECTED,
                          done=gettext_lazy("The reply was sent.")),
    "note": TicketAction(gettext_lazy("Internal note"), gettext_lazy("Save the note"), Action.HANDLE,
                         staff_forms.NoteForm, _change(feedback_note), done=gettext_lazy("The note was saved.")),
    "in_progress": TicketAction(gettext_lazy("Mark in progress"), gettext_lazy("Mark in progress"), Action.HANDLE,
                                staff_forms.StatusNoteForm, _status(S.IN_PROGRESS),
                                applies=lambda f: f.can_transition_to(S.IN_PROGRESS),
                                done=gettext_lazy("The ticket is in progress.")),
    "handled": TicketAction(gettext_lazy("Mark as handled"), gettext_lazy("Mark as handled"), Action.HANDLE,
                            staff_forms.HandledForm, _status(S.HANDLED),
                            applies=lambda f: f.can_transition_to(S.HANDLED),
                            done=gettext_lazy("The ticket was marked as handled.")),
    "triage": TicketAction(gettext_lazy("Send back to triage"), gettext_lazy("Send back to triage"), Action.HANDLE,
                           staff_forms.StatusNoteForm, _status(S.IN_TRIAGE),
                           applies=lambda f: f.can_transition_to(S.IN_TRIAGE),
                           done=gettext_lazy("The ticket is in triage.")),
}


def _form_kwargs(slug: str, view) -> dict:
    return {"photos": view.photos} if slug == "redact" else {}


def _initial(slug: str, view, request) -> dict:
    feedback = view.feedback
    initial = {"version": feedback.version}
    if slug == "route":
        initial["department"] = feedback.department_id if not feedback.department.is_external else None
        initial["handler"] = feedback.assigned_to_id
    elif slug == "recategorise":
        initial["category"] = feedback.category_id
    elif slug == "move" and view.lon is not None:
        initial.update(lon=view.lon, lat=view.lat)
    elif slug == "redact":
        initial["description"] = feedback.description
    elif slug == "reply":
        template = next((t for t in selectors.reply_templates(language=feedback.language)
                         if str(t.pk) == request.GET.get("template")), None)
        if template is not None:  # chosen without JavaScript: the server fills the text in
            initial["text"] = template.body
    return initial


def _ticket_view(request, number: str):
    try:
        view = selectors.ticket_for_staff(request.user, number)
    except selectors.NotVisible:
        raise PermissionDenied from None
    if view is None:
        raise Http404(_("No ticket has this number."))
    _require(request.user, Action.VIEW, view.feedback)
    return view


def _render_ticket(request, view, *, bound: tuple[str, object] | None = None, changed=None, status: int = 200):
    feedback = view.feedback
    forms = {}
    for slug, action in ACTIONS.items():
        if not can(request.user, action.permission, feedback) or not action.applies(feedback):
            continue
        if bound and bound[0] == slug:
            forms[slug] = bound[1]
        else:
            forms[slug] = action.form(prefix=slug, initial=_initial(slug, view, request),
                                      **_form_kwargs(slug, view))
    chosen_template = request.GET.get("template", "")
    sections = [{"slug": slug, "action": ACTIONS[slug], "form": form,
                 "open": bool(bound and bound[0] == slug) or (slug == "reply" and bool(chosen_template))}
                for slug, form in forms.items()]
    candidates = selectors.merge_candidates(request.user, feedback, language=_language()) if "merge" in forms else []
    templates = selectors.reply_templates(language=feedback.language) if "reply" in forms else []
    return _render(request, "geo_feedback/staff/ticket.html", {
        "view": view, "feedback": feedback, "sections": sections, "forms": forms, "changed": changed,
        "candidates": candidates, "reply_templates": templates,
        "reply_templates_json": {str(t.pk): t.body for t in templates},
        "chosen_template": chosen_template,
        "category_name": feedback.category.name(_language()),
        "area_name": feedback.area.name(_language()) if feedback.area else "",
        "read_only": not forms,
        **_map_context(lon=view.lon, lat=view.lat, movable="move" in forms,
                       candidates=[{"number": c.feedback.number, "lon": c.lon, "lat": c.lat,
                                    "label": c.category_name, "distance": c.distance_m} for c in candidates]),
    }, status=status)


@staff_required
def ticket_page(request, number: str):
    """One ticket with everything staff may see, and the forms of what the user may do."""
    return _render_ticket(request, _ticket_view(request, number))


@staff_required
@require_POST
def ticket_action(request, number: str, slug: str):
    """Post one action; a change someone made meanwhile shows the page again with what they did."""
    action = ACTIONS.get(slug)
    if action is None:
        raise Http404
    view = _ticket_view(request, number)
    feedback = view.feedback
    if not can(request.user, action.permission, feedback):
        raise PermissionDenied
    form = action.form(request.POST, prefix=slug, **_form_kwargs(slug, view))
    if not form.is_valid():
        return _render_ticket(request, view, bound=(slug, form), status=400)
    try:
        action.run(request, feedback, form)
    except ChangedMeanwhile as changed:
        # Keep what was typed; the version becomes the current one, so sending again is a choice
        # made after seeing what changed, never an accident.
        data = request.POST.copy()
        data[f"{slug}-version"] = str(changed.feedback.version)
        view = _ticket_view(request, number)
        retry = action.form(data, prefix=slug, **_form_kwargs(slug, view))
        retry.is_valid()
        return _render_ticket(request, view, bound=(slug, retry), changed=changed, status=409)
    except FeedbackInvalid as invalid:
        for field, errors in invalid.message_dict.items():
            for error in errors:
                form.add_error(field if field in form.fields else None, error)
        return _render_ticket(request, view, bound=(slug, form), status=400)
    except TransitionNotAllowed as refused:
        form.add_error(None, str(refused))
        return _render_ticket(request, view, bound=(slug, form), status=400)
    messages.success(request, str(action.done))
    return redirect("staff:ticket", number=feedback.number)


# Bulk actions ------------------------------------------------------------------------------------


@staff_required
@require_POST
def bulk_confirm(request):
    """Bulk actions in two steps: a page listing the tickets, then the confirmed change, all or none."""
    _require(request.user, Action.TRIAGE)
    numbers = request.POST.getlist("tickets")[:selectors.PAGE_SIZE]
    tickets = selectors.tickets_by_number(request.user, numbers)
    if len(tickets) != len(set(numbers)) or not all(can(request.user, Action.TRIAGE, t) for t in tickets):
        raise PermissionDenied
    form = staff_forms.BulkForm(request.POST, numbers=numbers)
    into = None
    if form.is_valid() and form.cleaned_data["action"] == "merge":
        into = selectors.merge_target(request.user, form.cleaned_data["into"])
        if into is None or into.number in numbers:
            form.add_error("into", _("Give the number of an open ticket that is not among the chosen ones."))
    if not form.is_valid():
        return _render(request, "geo_feedback/staff/bulk.html", {"form": form, "tickets": tickets}, status=400)
    if "confirm" not in request.POST:
        return _render(request, "geo_feedback/staff/bulk.html", {"form": form, "tickets": tickets, "into": into,
                                                                 "confirming": True})
    data = form.cleaned_data
    seen_versions = {}
    for ticket in tickets:
        seen = request.POST.get(f"version-{ticket.number}", "")
        seen_versions[ticket.number] = int(seen) if seen.isdigit() else -1  # missing: treat as stale
    try:
        count = feedback_bulk(tickets=tickets, action=data["action"], actor=request.user,
                              department=data.get("department"), into=into, public_note=data["note"],
                              seen_versions=seen_versions)
    except ChangedMeanwhile as changed:
        # Show the page again with the current versions: confirming once more is a fresh choice.
        tickets = selectors.tickets_by_number(request.user, numbers)
        form.add_error(None, _("Nothing was changed: %(number)s was changed meanwhile by someone else. "
                               "Check the list and confirm again.") % {"number": changed.feedback.number})
        return _render(request, "geo_feedback/staff/bulk.html", {"form": form, "tickets": tickets, "into": into,
                                                                 "confirming": True, "changed": changed},
                       status=409)
    except (TransitionNotAllowed, FeedbackInvalid) as refused:
        form.add_error(None, _("Nothing was changed: %(reason)s") % {"reason": "; ".join(
            refused.messages if isinstance(refused, FeedbackInvalid) else [str(refused)])})
        return _render(request, "geo_feedback/staff/bulk.html", {"form": form, "tickets": tickets, "into": into},
                      status=409)
    messages.success(request, _("%(count)s tickets were changed.") % {"count": count})
    return redirect("staff:triage")


# Desk entry --------------------------------------------------------------------------------------


@staff_required
def desk_entry(request):
    """An agent files a report for a resident who came in, called or emailed; staff are not rate limited."""
    _require(request.user, Action.TRIAGE)
    language = _language()
    choices = category_choices(language=language)
    form = staff_forms.DeskEntryForm(request.POST or None, category_choices=choices)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            created = feedback_create(
                category=Category.objects.select_related("department").filter(service_code=data["category"]).first(),
                kind=data["kind"], description=data["description"], location=data["location"],
                address_text=data.get("address", ""), reporter_name=data.get("name", ""),
                reporter_email=data.get("email", ""), reporter_phone=data.get("phone", ""),
                channel=data["channel"], language=data.get("language") or "fi", actor=request.user,
            )
        except FeedbackInvalid as invalid:
            for field, errors in invalid.message_dict.items():
                for error in errors:
                    form.add_error({"location": "lat", "photos": None}.get(field, field)
                                   if field in form.fields or field in ("location", "photos") else None, error)
        else:
            messages.success(request, _("Feedback %(number)s was filed.") % {"number": created.feedback.number})
            return redirect("staff:ticket", number=created.feedback.number)
    return _render(request, "geo_feedback/staff/desk.html", {
        "form": form, **_map_context(pickable=True)}, status=400 if form.errors else 200)
