"""The planners' pages (under /henkilosto/kaavat/): parse, call one service or selector, render.

A process's pages are for those who run it (``process_may_run``: its planners and administrators);
the moderation queue is for moderators (``comment_may_moderate``). Anyone else signed in gets 403; a
visitor who is not signed in goes to the staff sign-in and comes back."""

from __future__ import annotations

from functools import wraps

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from geo_feedback.permissions import Action, can
from planning.models import Comment, CommentStatus, Phase, StakeholderMapping
from planning.panel_message_selectors import PLAN_OFFER_PHASES, plan_panel_offers
from planning.permissions import comment_may_moderate, planning_pages_may_open, process_may_run
from planning.report import report_is_public
from planning.services.comments import ActionRefused, answer_create, comment_moderate
from planning.services.phases import PhaseMoveRefused, phase_move_blockers, process_move_phase
from planning.services.report import ChangedMeanwhile, process_closing_summary_save
from planning.services.stakeholders import (
    StakeholderRefused,
    stakeholder_accept,
    stakeholder_remove,
    stakeholder_save,
)
from planning.staff import forms as plan_forms
from planning.staff import selectors


def _language() -> str:
    return (get_language() or "fi")[:2]


def planning_staff_required(view):
    """Signed in (else to the sign-in page) and a planner, administrator or moderator (else 403)."""
    @wraps(view)
    @login_required
    def wrapped(request, *args, **kwargs):
        if not planning_pages_may_open(request.user):
            raise PermissionDenied
        return view(request, *args, **kwargs)
    return wrapped


def _render(request, template: str, context: dict, status: int = 200):
    """A planners' page; the navigation offers what the user's roles open."""
    return render(request, template, {
        **context, "language": _language(), "may_moderate": comment_may_moderate(request.user),
        "may_see_tickets": can(request.user, Action.VIEW),
    }, status=status)


def _process(request, pk: int):
    """The process, if the user runs it: 404 for none, 403 for someone else's."""
    process = selectors.process_for_staff(pk)
    if process is None:
        raise Http404(_("No such plan."))
    if not process_may_run(request.user, process):
        raise PermissionDenied
    return process


# The list and one process ------------------------------------------------------------------------


@planning_staff_required
def plan_list(request):
    """The processes the user runs (an administrator: all), with comments waiting for an answer."""
    return _render(request, "planning/staff/list.html", {"processes": selectors.processes_run_by(request.user)})


def _phase_context(process, back_form=None) -> dict:
    next_phase = process.phase + 1 if process.phase < Phase.FINAL else None
    return {
        "next_phase": next_phase,
        "next_phase_name": process.phase_name(next_phase) if next_phase else "",
        "blockers": phase_move_blockers(process, next_phase) if next_phase else [],
        "forward_form": plan_forms.PhaseForwardForm(initial={"to_phase": next_phase, "version": process.version},
                                                    prefix="forward") if next_phase else None,
        "back_form": back_form or (plan_forms.PhaseBackForm(process=process, initial={"version": process.version},
                                                            prefix="back") if process.phase > 1 else None),
    }


def _render_process(request, process, *, back_form=None, status: int = 200):
    return _render(request, "planning/staff/process.html", {
        "process": process, "history": selectors.process_history(process), "report_public": report_is_public(process),
        "waiting": len(selectors.comments_waiting(process)), **_phase_context(process, back_form),
        "panel_offers": plan_panel_offers(process),  # phases 4 and 5: the panels to invite (issue #15)
    }, status=status)


@planning_staff_required
def plan_page(request, pk: int):
    """One process: its phase with what blocks the next one, moving it, and its whole history."""
    return _render_process(request, _process(request, pk))


@planning_staff_required
@require_POST
def plan_move_phase(request, pk: int):
    """Forward one phase, or back with a reason; a refusal is said in words on the page (400 or 409)."""
    process = _process(request, pk)
    back = "back-to_phase" in request.POST
    form = (plan_forms.PhaseBackForm(request.POST, process=process, prefix="back") if back
            else plan_forms.PhaseForwardForm(request.POST, prefix="forward"))
    if not form.is_valid():
        return _render_process(request, process, back_form=form if back else None, status=400)
    try:
        moved = process_move_phase(process=process, to_phase=form.cleaned_data["to_phase"], actor=request.user,
                                   reason=form.cleaned_data.get("reason", ""),
                                   seen_version=form.cleaned_data.get("version"))
    except PhaseMoveRefused as refused:
        messages.error(request, str(refused))
        process = selectors.process_for_staff(pk)
        return _render_process(request, process, back_form=form if back else None,
                               status=409 if refused.code == "changed" else 400)
    messages.success(request, _("The plan is now in phase %(number)s: %(name)s.")
                     % {"number": moved.phase, "name": moved.phase_name()})
    if moved.phase in PLAN_OFFER_PHASES:  # comments open: the page's offer of panels to invite comes first
        messages.info(request, _("Comments are open: invite panels whose members live in the plan's area."))
        return redirect(reverse("plan_staff:plan", args=[pk]) + "#panel-offers")
    return redirect("plan_staff:plan", pk=pk)


# Stakeholders ------------------------------------------------------------------------------------


def _render_stakeholders(request, process, *, form=None, status: int = 200):
    areas = selectors.affected_area_choices(process, _language())
    return _render(request, "planning/staff/stakeholders.html", {
        "process": process, "rows": selectors.stakeholder_rows(process),
        "form": form or plan_forms.StakeholderForm(areas=areas, prefix="add"),
    }, status=status)


@planning_staff_required
def plan_stakeholders(request, pk: int):
    """The groups the process touches and the system's proposals; a form adds a group."""
    return _render_stakeholders(request, _process(request, pk))


def _add_errors(form, errors: dict[str, list[str]]) -> None:
    for field, messages_ in errors.items():
        for message in messages_:
            form.add_error(field if field in form.fields else None, message)


@planning_staff_required
@require_POST
def plan_stakeholder_add(request, pk: int):
    process = _process(request, pk)
    form = plan_forms.StakeholderForm(request.POST, areas=selectors.affected_area_choices(process, _language()),
                                      prefix="add")
    if not form.is_valid():
        return _render_stakeholders(request, process, form=form, status=400)
    data = form.cleaned_data
    area = next((row.area for row in process.affected_areas.select_related("area") if row.area_id == data["area"]),
                None)
    try:
        stakeholder_save(process=process, actor=request.user, group=data["group"], area=area, why=data["why"],
                         how_reached=data["how_reached"], when_reached=data["when_reached"], outcome=data["outcome"],
                         residents_estimate=data["residents_estimate"])
    except StakeholderRefused as refused:
        _add_errors(form, refused.errors)
        return _render_stakeholders(request, process, form=form, status=400)
    except ActionRefused as refused:
        raise PermissionDenied(str(refused)) from None
    messages.success(request, _("The group was added."))
    return redirect("plan_staff:stakeholders", pk=pk)


def _mapping(process, mapping_pk: int) -> StakeholderMapping:
    mapping = next((row for row in process.stakeholders.all() if row.pk == mapping_pk), None)
    if mapping is None:
        raise Http404(_("This group is not mapped for the plan (any more)."))
    return mapping


@planning_staff_required
def plan_stakeholder_edit(request, pk: int, mapping_pk: int):
    """Edit a group's why, how, when and outcome; saving a proposal accepts it."""
    process = _process(request, pk)
    mapping = _mapping(process, mapping_pk)
    fields = ("why", "how_reached", "when_reached", "outcome", "residents_estimate")
    form = plan_forms.StakeholderForm(request.POST or None, editing=True, prefix="edit",
                                      initial={field: getattr(mapping, field) for field in fields})
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            stakeholder_save(process=process, actor=request.user, mapping=mapping, why=data["why"],
                             how_reached=data["how_reached"], when_reached=data["when_reached"],
                             outcome=data["outcome"], residents_estimate=data["residents_estimate"])
        except StakeholderRefused as refused:
            _add_errors(form, refused.errors)
        except ActionRefused as refused:
            messages.error(request, str(refused))
            return redirect("plan_staff:stakeholders", pk=pk)
        else:
            messages.success(request, _("The group was saved."))
            return redirect("plan_staff:stakeholders", pk=pk)
    return _render(request, "planning/staff/stakeholder_edit.html", {
        "process": process, "mapping": mapping, "form": form,
    }, status=400 if form.errors else 200)


@planning_staff_required
@require_POST
def plan_stakeholder_accept(request, pk: int, mapping_pk: int):
    process = _process(request, pk)
    try:
        stakeholder_accept(mapping=_mapping(process, mapping_pk), actor=request.user)
    except ActionRefused as refused:
        messages.error(request, str(refused))
    else:
        messages.success(request, _("The proposal was accepted."))
    return redirect("plan_staff:stakeholders", pk=pk)


@planning_staff_required
@require_POST
def plan_stakeholder_remove(request, pk: int, mapping_pk: int):
    process = _process(request, pk)
    try:
        stakeholder_remove(mapping=_mapping(process, mapping_pk), actor=request.user)
    except ActionRefused as refused:
        messages.error(request, str(refused))
    else:
        messages.success(request, _("The group was removed from the mapping."))
    return redirect("plan_staff:stakeholders", pk=pk)


# Answers -----------------------------------------------------------------------------------------


def _render_comments(request, process, *, form=None, status: int = 200):
    waiting = selectors.comments_waiting(process)
    return _render(request, "planning/staff/comments.html", {
        "process": process, "waiting": waiting, "answered": selectors.answers_given(process),
        "form": form or plan_forms.AnswerForm(comment_ids=[comment.pk for comment in waiting], prefix="answer"),
        "chosen": {int(value) for value in (form["comments"].value() or []) if str(value).isdigit()} if form else set(),
        "draft_phase": int(Phase.DRAFT),
    }, status=status)


@planning_staff_required
def plan_comments(request, pk: int):
    """Comments waiting for an answer (the draft's first) with checkboxes, and the answers given."""
    return _render_comments(request, _process(request, pk))


@planning_staff_required
@require_POST
def plan_answer(request, pk: int):
    """Answer the chosen comments, one or several under a theme."""
    process = _process(request, pk)
    waiting_ids = [comment.pk for comment in selectors.comments_waiting(process)]
    form = plan_forms.AnswerForm(request.POST, comment_ids=waiting_ids, prefix="answer")
    if not form.is_valid():
        return _render_comments(request, process, form=form, status=400)
    chosen = list(Comment.objects.filter(process=process, pk__in=form.cleaned_data["comments"],
                                         status=CommentStatus.PUBLISHED))
    try:
        answer_create(process=process, comments=chosen, text=form.cleaned_data["text"], actor=request.user,
                      theme=form.cleaned_data["theme"])
    except ActionRefused as refused:
        form.add_error(None, str(refused))
        return _render_comments(request, process, form=form, status=400)
    messages.success(request, _("The answer was saved for %(count)s comments.") % {"count": len(chosen)})
    return redirect("plan_staff:comments", pk=pk)


# The closing summary -----------------------------------------------------------------------------


@planning_staff_required
def plan_closing(request, pk: int):
    """How the plan changed because of the comments, in Finnish, Swedish and English."""
    process = _process(request, pk)
    fields = ("closing_summary_fi", "closing_summary_sv", "closing_summary_en")
    initial = {field: getattr(process, field) for field in fields} | {"version": process.version}
    form = plan_forms.ClosingSummaryForm(request.POST or None, initial=initial, prefix="closing")
    status = 200
    if request.method == "POST":
        if form.is_valid():
            data = form.cleaned_data
            try:
                process_closing_summary_save(process=process, actor=request.user, fi=data["closing_summary_fi"],
                                             sv=data["closing_summary_sv"], en=data["closing_summary_en"],
                                             seen_version=data.get("version"))
            except ChangedMeanwhile as changed:
                data = request.POST.copy()
                data["closing-version"] = str(changed.process.version)
                form = plan_forms.ClosingSummaryForm(data, initial=initial, prefix="closing")
                form.is_valid()
                form.add_error(None, str(changed))
                status = 409
            except ActionRefused as refused:
                form.add_error(None, str(refused))
                status = 400
            else:
                messages.success(request, _("The closing summary was saved."))
                return redirect("plan_staff:closing", pk=pk)
        else:
            status = 400
    return _render(request, "planning/staff/closing.html", {
        "process": process, "form": form, "report_public": report_is_public(process),
    }, status=status)


# Moderation --------------------------------------------------------------------------------------


def _render_moderation(request, *, bound: tuple[int, object] | None = None, status: int = 200):
    rows = [{"comment": comment,
             "form": bound[1] if bound and bound[0] == comment.pk else plan_forms.ModerationForm(
                 prefix=f"c{comment.pk}")}
            for comment in selectors.moderation_queue()]
    return _render(request, "planning/staff/moderation.html", {"rows": rows}, status=status)


@planning_staff_required
def moderation_queue(request):
    """Comments flagged three times, hidden until a moderator publishes or hides them."""
    if not comment_may_moderate(request.user):
        raise PermissionDenied
    return _render_moderation(request)


@planning_staff_required
@require_POST
def moderation_decide(request, comment_pk: int):
    if not comment_may_moderate(request.user):
        raise PermissionDenied
    comment = Comment.objects.filter(pk=comment_pk).first()
    if comment is None:
        raise Http404(_("No such comment."))
    form = plan_forms.ModerationForm(request.POST, prefix=f"c{comment.pk}")
    if comment.status != CommentStatus.FLAGGED:
        messages.info(request, _("Someone decided on this comment already."))
        return redirect("plan_staff:moderation")
    if not form.is_valid():
        return _render_moderation(request, bound=(comment.pk, form), status=400)
    publish = form.cleaned_data["decision"] == "publish"
    try:
        comment_moderate(comment=comment, publish=publish, reason=form.cleaned_data["reason"], actor=request.user)
    except ActionRefused as refused:
        form.add_error(None, str(refused))
        return _render_moderation(request, bound=(comment.pk, form), status=400)
    messages.success(request, _("The comment was published.") if publish else _("The comment was hidden."))
    return redirect("plan_staff:moderation")
