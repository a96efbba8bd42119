"""Residents' panel pages: the panels, joining (double opt-in), own data and the one-click stop.

Parse, call one service or selector, render. The pages reached by a secret link (confirm, own data,
unsubscribe) send no Referer and are not indexed (``_private``). The stop link accepts a plain POST
without a CSRF token: its secret is the token in the address, and mail programs' one-click
unsubscribe (RFC 8058) posts ``List-Unsubscribe=One-Click`` to it without a page.
"""

from __future__ import annotations

from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods, require_POST

from planning.api.panel_throttling import panel_join_slot
from planning.models import Panel
from planning.panel_forms import PanelJoinForm, PanelMemberForm
from planning.panel_selectors import (
    panel_member_by_token,
    panel_member_messages,
    panel_public,
    panels_by_kind,
    panels_public,
    residential_area_groups,
    token_well_formed,
)
from planning.services.panels import PanelRefused, panel_confirm, panel_join, panel_leave, panel_member_change


def _language() -> str:
    return (get_language() or "fi")[:2]


def _private(response):
    """A page reached by a secret link: the token never leaves in a Referer, and is not indexed."""
    response["Referrer-Policy"] = "same-origin"
    response["X-Robots-Tag"] = "noindex"
    return response


def _panel_or_404(slug: str) -> Panel:
    panel = panel_public(slug)
    if panel is None:
        raise Http404(_("No such panel."))
    return panel


def _member_or_404(token: str):
    member = panel_member_by_token(token)
    if member is None:
        raise Http404(_("This link is not valid: the address may have left the panel already."))
    return member


def panel_list(request):
    """Every panel by kind, with its topics, member count and whether it takes members now."""
    return render(request, "planning/panels/list.html", {"kinds": panels_by_kind(panels_public())})


def _area_groups(language: str, chosen: set[str]) -> list[tuple[str, list, bool]]:
    """The residential areas by group, each group open when one of its areas is ticked."""
    return [(name, areas, any(str(pk) in chosen for pk, _name in areas))
            for name, areas in residential_area_groups(language)]


def _detail(request, panel: Panel, *, form: PanelJoinForm | None = None, status: int = 200):
    language = _language()
    form = form or PanelJoinForm(panel=panel)
    return render(request, "planning/panels/detail.html", {
        "panel": panel, "form": form, "area_groups": _area_groups(language, form.chosen("areas")) if panel.is_open else [],
        "chosen_topics": form.chosen("topics"), "chosen_areas": form.chosen("areas"),
    }, status=status)


def panel_detail(request, slug: str):
    return _detail(request, _panel_or_404(slug))


@require_POST
def panel_join_page(request, slug: str):
    """Join with an address: the same "check your email" page whether the address is new or not."""
    panel = _panel_or_404(slug)
    if not panel.is_open:
        return _detail(request, panel, status=403)
    if (wait := (slot := panel_join_slot(request)).wait_seconds()) is not None:
        response = render(request, "planning/panels/too_many.html", {"panel": panel,
                                                                    "minutes": max(1, round(wait / 60))}, status=429)
        response["Retry-After"] = str(wait)
        return response
    form = PanelJoinForm(request.POST, panel=panel)
    if form.is_valid():
        data = form.cleaned_data
        try:
            panel_join(panel=panel, email=data["email"], language=_language(), topics=data["topics"],
                       areas=data["areas"])
        except PanelRefused as refusal:
            form.add_service_errors(refusal.errors)
        else:
            return redirect("panels:check-email", slug=panel.slug)
    slot.release()  # a refused sign-up does not use up the sender's limit
    return _detail(request, panel, form=form, status=400)


def panel_check_email(request, slug: str):
    return render(request, "planning/panels/check_email.html", {"panel": _panel_or_404(slug)})


@require_http_methods(["GET", "HEAD", "POST"])
def panel_confirm_page(request, token: str):
    """Opening the link shows a button; only pressing it confirms (mail scanners open links too)."""
    member = _member_or_404(token)
    confirmed = False
    if request.method == "POST":
        member = panel_confirm(token=token)
        confirmed = True
    return _private(render(request, "planning/panels/confirm.html", {"member": member, "panel": member.panel,
                                                                     "confirmed": confirmed}))


def _member_page(request, member, *, form=None, status=200):
    language = _language()
    form = form or PanelMemberForm(panel=member.panel, initial={
        "topics": list(member.topics.all()), "areas": list(member.areas.all()), "language": member.language})
    return _private(render(request, "planning/panels/member.html", {
        "member": member, "panel": member.panel, "form": form, "messages_sent": panel_member_messages(member)[:100],
        "member_topics": [topic.name(language) for topic in member.topics.all()],
        "member_areas": [area.name(language) for area in member.areas.all()],
        "area_groups": _area_groups(language, form.chosen("areas")),
        "chosen_topics": form.chosen("topics"), "chosen_areas": form.chosen("areas"),
        "language_name": dict(PanelMemberForm.base_fields["language"].choices).get(member.language, member.language),
    }, status=status))


@require_http_methods(["GET", "HEAD", "POST"])
def panel_member_page(request, token: str):
    """What the city holds about the member, a form to change it, and the way out."""
    member = _member_or_404(token)
    if request.method != "POST":
        return _member_page(request, member)
    form = PanelMemberForm(request.POST, panel=member.panel)
    if form.is_valid():
        data = form.cleaned_data
        try:
            panel_member_change(token=token, topics=data["topics"], areas=data["areas"], language=data["language"])
        except PanelRefused as refusal:
            form.add_service_errors(refusal.errors)
        else:
            return _private(redirect(request.path + "?saved=1"))
    return _member_page(request, member, form=form, status=400)


@csrf_exempt
@require_http_methods(["GET", "HEAD", "POST"])
def panel_unsubscribe(request, token: str):
    """The stop link of every panel email: a button (or a one-click POST) leaves and erases the address.

    CSRF-exempt on purpose: the secret is the token, and RFC 8058 one-click posts come without a form.
    Posting twice is harmless: the second time says the address is gone already.
    """
    if request.method == "POST":
        panel = panel_leave(token=token) if token_well_formed(token) else None
        return _private(render(request, "planning/panels/unsubscribe.html", {"panel": panel, "stopped": True}))
    member = _member_or_404(token)
    return _private(render(request, "planning/panels/unsubscribe.html", {"panel": member.panel, "stopped": False,
                                                                         "member": member}))
