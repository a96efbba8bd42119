"""Residents' pages of participation processes: parse, call one service or selector, render."""

from __future__ import annotations

from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from planning.forms import FollowForm
from planning.models import Follower
from planning.selectors import process_public, processes_public
from planning.services.following import follower_add, follower_confirm, follower_stop


def _language() -> str:
    return (get_language() or "fi")[:2]


def process_list(request):
    return render(request, "planning/list.html", {"processes": processes_public(), "language": _language()})


def process_detail(request, pk: int):
    process = process_public(pk)
    if process is None:
        raise Http404(_("No such plan."))
    return render(request, "planning/detail.html", {
        "process": process, "language": _language(), "follow_form": FollowForm(),
    })


@require_POST
def process_follow(request, pk: int):
    process = process_public(pk)
    if process is None:
        raise Http404(_("No such plan."))
    form = FollowForm(request.POST)
    if not form.is_valid():
        return render(request, "planning/detail.html", {
            "process": process, "language": _language(), "follow_form": form}, status=200)
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
    return render(request, "planning/follow_confirm.html", {"follower": follower, "confirmed": confirmed,
                                                             "language": _language()})


def process_unfollow(request, token: str):
    """The stop link of every email: a button stops the emails and erases the address."""
    follower = Follower.objects.select_related("process").filter(token=token).first()
    if request.method == "POST" and follower is not None:
        process = follower_stop(token=token)
        return render(request, "planning/unfollow.html", {"process": process, "stopped": True,
                                                          "language": _language()})
    if follower is None:
        raise Http404(_("This link is not valid."))
    return render(request, "planning/unfollow.html", {"process": follower.process, "stopped": False,
                                                      "language": _language()})
