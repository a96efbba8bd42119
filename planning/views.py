"""Residents' pages of participation processes: parse, call one service or selector, render."""

from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.http import Http404, JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import get_language, ngettext
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from city.geocoding import geocoder
from config.browser import browser_key, browser_remember
from planning.api.throttling import comment_slot
from planning.forms import CommentForm, FollowForm, Place
from planning.models import COMMENT_MAX, CommentReaction, CommentStatus, Follower, Phase, Process
from planning.page_selectors import (
    affected_area_point,
    comment_public,
    feedback_by_category_and_kind,
    process_affected_areas,
    process_attachments,
    process_comments_page,
    process_feedback_near,
    process_history_public,
    process_map_json,
    process_stakeholders_public,
    process_timeline,
    what_residents_can_do,
)
from planning.selectors import process_public, processes_public
from planning.services.comments import CommentRefused, comment_create, comment_react
from planning.services.following import follower_add, follower_confirm, follower_stop


def _language() -> str:
    return (get_language() or "fi")[:2]


def _public_or_404(pk: int) -> Process:
    process = process_public(pk)
    if process is None:
        raise Http404(_("No such plan."))
    return process


def process_list(request):
    return render(request, "planning/list.html", {"processes": processes_public(), "language": _language()})


def process_detail(request, pk: int):
    return _detail(request, _public_or_404(pk))


def _comment_form(process: Process, affected, data=None, **kwargs) -> CommentForm:
    language = _language()
    return CommentForm(data, area_choices=[(row.area.code, row.area.name(language)) for row in affected],
                       area_point=lambda code: affected_area_point(process, code), **kwargs)


def _may_comment(request, process: Process) -> bool:
    return process.accepts_comments() and (not process.requires_sign_in or request.user.is_authenticated)


def _detail(request, process: Process, *, follow_form=None, comment_form=None, place_results=None,
            searched=False, status=200):
    """The plan's page; a form sent back with errors (or a place search) comes back filled in."""
    language = _language()
    affected = process_affected_areas(process)
    comments = process_comments_page(process, request.GET.get("page"))
    feedback = process_feedback_near(process, language=language) if process.phase == Phase.NEEDS else []
    if comment_form is None:
        comment_form = _comment_form(process, affected, initial={"place": Place.PLAN})
    return render(request, "planning/detail.html", {
        "process": process,
        "language": language,
        "timeline": process_timeline(process),
        "what_now": what_residents_can_do(process),
        "affected": affected,
        "stakeholders": process_stakeholders_public(process),
        "attachments": process_attachments(process),
        "history": process_history_public(process),
        "comments": comments,
        "feedback": feedback,
        "feedback_counts": feedback_by_category_and_kind(feedback),
        "accepts_comments": process.accepts_comments(),
        "may_comment": _may_comment(request, process),
        "comment_form": comment_form,
        "comment_max": COMMENT_MAX,
        "place_results": place_results,
        "searched": searched,
        "follow_form": follow_form or FollowForm(),
        "map_geo": process_map_json(process, comment_ids=[comment.pk for comment in comments], language=language),
        "map_feedback": feedback,
        "map_config": {"tileUrl": settings.MAP_TILE_URL, "tileAttribution": settings.MAP_TILE_ATTRIBUTION,
                       "language": language, "placesUrl": "/api/v1/places/"},
        "map_labels": _map_labels(),
    }, status=status)


def _map_labels() -> dict:
    return {
        "zoomIn": _("Zoom in"), "zoomOut": _("Zoom out"),
        "boundary": _("Plan area"), "comment": _("Comment"), "report": _("Feedback report"),
        "drawPoint": _("Click the map where your comment is about."),
        "drawLine": _("Click the map at each point of the line; click the last point again to finish."),
        "drawPolygon": _("Click the map at each corner of the area; click the first corner to finish."),
        "drawn": _("Drawn on the map: %(shape)s."), "notDrawn": _("Nothing drawn yet."),
        "point": _("a point"),
        "lineOne": _("a line of %(count)s point"), "lineMany": _("a line of %(count)s points"),
        "polygonMany": _("an area of %(count)s corners"),
        "drawing": _("Drawing: %(count)s points so far."),
        "pointAdded": _("Point %(count)s added at the centre of the map."),
        "cannotFinish": _("Add more points first: a line needs two, an area three."),
        "sameCentre": _("Move the map first: its centre is already the last point."),
        "chosen": _("Chosen place"),
        "searching": _("Searching…"),
        "noResults": _("No places found. Try another name, address or postal code."),
        "results": _("Places found: choose one."),
        "searchFailed": _("The search did not work. Try again, or choose another way to place your comment."),
        "characters": _("%(count)s of %(max)s characters"),
        "tooMany": _("%(over)s too many"),
    }


@require_POST
def process_comment(request, pk: int):
    """Send a comment (or, without JavaScript, search for the address to place it at)."""
    process = _public_or_404(pk)
    if not _may_comment(request, process):
        return _detail(request, process, status=403)
    affected = process_affected_areas(process)
    language = _language()
    if request.POST.get("action") == "search":
        # A search is not a send: keep what was typed, say nothing yet about the other fields.
        typed = {**request.POST.dict(), "place": Place.ADDRESS}
        form = _comment_form(process, affected, initial=typed)
        results = geocoder().search(typed.get("place_query", "")[:100], 10, language=language)
        return _detail(request, process, comment_form=form, place_results=results, searched=True)
    if (wait := (slot := comment_slot(request)).wait_seconds()) is not None:
        response = render(request, "planning/too_many.html", {"process": process,
                                                              "minutes": max(1, round(wait / 60))}, status=429)
        response["Retry-After"] = str(wait)
        return response
    form = _comment_form(process, affected, request.POST)
    if form.is_valid():
        data = form.cleaned_data
        try:
            comment = comment_create(process=process, text=data["text"], geometry=data["geometry"],
                                     group=data["group"], age_band=data["age_band"], language=language,
                                     author=request.user)
        except CommentRefused as refusal:
            form.add_service_errors(refusal.errors)
        else:
            messages.success(request, _("Thank you: your comment is published below."))
            return redirect(reverse("plans:detail", args=[process.pk]) + f"#comment-{comment.pk}")
    slot.release()  # a refused comment does not use up the sender's limit
    return _detail(request, process, comment_form=form, status=400)


def _react(request, pk: int, comment_pk: int, kind: str):
    process = _public_or_404(pk)
    comment = comment_public(process, comment_pk)
    if comment is None:
        raise Http404(_("No such comment."))
    reason = request.POST.get("reason", "").strip()[:500] if kind == CommentReaction.Kind.FLAG else ""
    reacted = comment_react(comment=comment, kind=kind, reactor_key=browser_key(request), reason=reason)
    hidden = reacted.comment.status != CommentStatus.PUBLISHED
    if kind == CommentReaction.Kind.LIKE:
        message = _("Thank you: your like was counted.") if reacted.counted else _("You have liked this comment already.")
    elif not reacted.counted:
        message = _("You have reported this comment already.")
    elif hidden:
        message = _("Thank you. The comment is hidden until a moderator has checked it.")
    else:
        message = _("Thank you: a moderator will check the comment.")
    if request.headers.get("Accept", "").startswith("application/json"):
        likes = reacted.comment.like_count
        response = JsonResponse({"counted": reacted.counted, "like_count": likes, "hidden": hidden, "message": message,
                                 "likes_text": ngettext("%(count)s like", "%(count)s likes", likes) % {"count": likes}})
    else:
        (messages.success if reacted.counted else messages.info)(request, message)
        anchor = "comments" if hidden else f"comment-{comment.pk}"
        page = request.POST.get("page", "")
        query = f"?page={page}" if page.isdigit() else ""
        response = redirect(reverse("plans:detail", args=[process.pk]) + query + f"#{anchor}")
    return browser_remember(request, response)


@require_POST
def comment_like(request, pk: int, comment_pk: int):
    """Like a comment, once per browser; works as a plain form and from plan.js (JSON)."""
    return _react(request, pk, comment_pk, CommentReaction.Kind.LIKE)


@require_POST
def comment_flag(request, pk: int, comment_pk: int):
    """Report a comment to the moderators, once per browser; the third report hides it until checked."""
    return _react(request, pk, comment_pk, CommentReaction.Kind.FLAG)


@require_POST
def process_follow(request, pk: int):
    process = _public_or_404(pk)
    form = FollowForm(request.POST)
    if not form.is_valid():
        return _detail(request, process, follow_form=form, status=400)
    follower_add(process=process, email=form.cleaned_data["email"], language=_language())
    messages.success(request, _("Check your email: confirm with the link we sent, and the news of the plan start "
                                "coming."))
    return redirect("plans:detail", pk=process.pk)


def process_follow_confirm(request, token: str):
    """Opening the link shows a button; only pressing it confirms (mail scanners open links too)."""
    follower = Follower.objects.select_related("process").filter(token=token).first()
    if follower is None:
        raise Http404(_("This link is not valid."))
    confirmed = False
    if request.method == "POST":
        follower = follower_confirm(token=token)
        confirmed = True
    return _private(render(request, "planning/follow_confirm.html", {"follower": follower, "confirmed": confirmed,
                                                                     "language": _language()}))


def process_unfollow(request, token: str):
    """The stop link of every email: a button stops the emails and erases the address."""
    follower = Follower.objects.select_related("process").filter(token=token).first()
    if request.method == "POST" and follower is not None:
        process = follower_stop(token=token)
        return _private(render(request, "planning/unfollow.html", {"process": process, "stopped": True,
                                                                   "language": _language()}))
    if follower is None:
        raise Http404(_("This link is not valid."))
    return _private(render(request, "planning/unfollow.html", {"process": follower.process, "stopped": False,
                                                               "language": _language()}))


def _private(response):
    """A page reached by a secret link: the token never leaves in a Referer, and is not indexed."""
    response["Referrer-Policy"] = "same-origin"
    response["X-Robots-Tag"] = "noindex"
    return response
