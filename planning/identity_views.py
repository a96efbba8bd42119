"""Residents' sign-in pages (under /tunnistaudu/): the chooser, the development provider, sign-out.

OpenID Connect itself runs in mozilla-django-oidc's views under /oidc/ (``planning.identity_oidc``);
the chooser links to it. Parse, call one service, render or redirect.
"""

from __future__ import annotations

from urllib.parse import urlencode

from django.conf import settings
from django.contrib.auth import logout
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from planning.identity import current_resident, oidc_enabled, resident_sign_in
from planning.identity_forms import DevSignInForm

DEV_PROVIDER = "dev"


def _language() -> str:
    return (get_language() or "fi")[:2]


def safe_next(request, value: str | None = None) -> str:
    """``?next=`` (or ``value``) when it points into this site, else ""."""
    candidate = value if value is not None else (request.POST.get("next") or request.GET.get("next") or "")
    if candidate and url_has_allowed_host_and_scheme(candidate, allowed_hosts={request.get_host()},
                                                     require_https=request.is_secure()):
        return candidate
    return ""


def _with_next(url: str, next_url: str) -> str:
    return url + ("?" + urlencode({"next": next_url}) if next_url else "")


def sign_in(request):
    """Choose how to identify yourself: OpenID Connect (e.g. Suomi.fi) and, in testing, the development provider."""
    next_url = safe_next(request)
    return render(request, "planning/identity/sign_in.html", {
        "resident": current_resident(request),
        "next_url": next_url,
        "oidc_enabled": oidc_enabled(),
        "oidc_name": getattr(settings, "OIDC_DISPLAY_NAME", "") or _("Strong electronic identification"),
        "oidc_url": _with_next(reverse("oidc_authentication_init"), next_url) if oidc_enabled() else "",
        "dev_enabled": settings.IDENTITY_DEV_PROVIDER,
        "dev_url": _with_next(reverse("resident-sign-in-dev"), next_url),
        "failed": request.GET.get("virhe") == "oidc",
    })


def dev_sign_in(request):
    """The development identity provider: a personal identity code typed in; only when it is switched on."""
    if not settings.IDENTITY_DEV_PROVIDER:
        raise Http404(_("The development identity provider is not in use."))
    language = _language()
    next_url = safe_next(request)
    form = DevSignInForm(request.POST or None, language=language)
    if request.method == "POST" and form.is_valid():
        resident_sign_in(request, identifier=form.cleaned_data["personal_code"], provider=DEV_PROVIDER,
                         home_area=form.cleaned_data["home_area"])
        return redirect(next_url or reverse("resident-sign-in"))
    return render(request, "planning/identity/dev_sign_in.html", {"form": form, "next_url": next_url},
                  status=400 if form.is_bound else 200)


@require_POST
def sign_out(request):
    """Sign out (a resident or anyone) and go back where they were, or to the front page."""
    logout(request)
    return redirect(safe_next(request) or reverse("home"))
