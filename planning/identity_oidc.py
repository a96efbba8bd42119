"""OpenID Connect sign-in for residents (mozilla-django-oidc), configured from the environment.

Strong identification (Suomi.fi through an OIDC broker, as Helsinki's services use) is configuration:
set the client and the provider's endpoints, and ``OIDC_IDENTIFIER_CLAIM`` to the claim that holds
the person's identifier. With the personal identity code's claim, a resident who signs in online and
one who shows an identity card at a service point get the same voter key, so a paper ballot and an
online ballot of one person meet at the database's unique constraint.

The backend keeps only the keyed hash of that claim (``planning.identity``): no other claim, no
email, no token. Disabled (every view 404) unless ``OIDC_RP_CLIENT_ID`` is set.
"""

from __future__ import annotations

import logging

from django.conf import settings
from django.core.exceptions import SuspiciousOperation
from django.http import Http404
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from mozilla_django_oidc.auth import OIDCAuthenticationBackend
from mozilla_django_oidc.views import OIDCAuthenticationCallbackView, OIDCAuthenticationRequestView

from planning.identity import oidc_enabled, resident_identity_get_or_create

LOGGER = logging.getLogger(__name__)
PROVIDER = "oidc"
BACKEND_PATH = "planning.identity_oidc.ResidentOIDCBackend"


def claimed_identifier(claims: dict, id_token_payload: dict | None = None) -> str | None:
    """The person's identifier from the user info, else from the ID token; None when it is missing
    or not a plain string or number (a list or an object is no identifier)."""
    name = getattr(settings, "OIDC_IDENTIFIER_CLAIM", "") or "sub"
    for source in (claims or {}, id_token_payload or {}):
        value = source.get(name)
        if isinstance(value, bool):
            continue
        if isinstance(value, int | str) and str(value).strip():
            return str(value).strip()
    return None


class ResidentOIDCBackend(OIDCAuthenticationBackend):
    """Signs a resident in by the identifier claim: finds or creates their ``ResidentIdentity`` and
    stores nothing else from the provider."""

    def verify_claims(self, claims) -> bool:
        return True  # the identifier is checked below, with the ID token as a second source

    def get_or_create_user(self, access_token, id_token, payload):
        claims = self.get_userinfo(access_token, id_token, payload)
        identifier = claimed_identifier(claims, payload)
        if identifier is None:
            raise SuspiciousOperation("The identity provider gave no identifier claim.")
        return resident_identity_get_or_create(identifier=identifier, provider=PROVIDER).user

    def filter_users_by_claims(self, claims):  # never by email: residents are found by the hash only
        return self.UserModel.objects.none()

    def create_user(self, claims):  # pragma: no cover - get_or_create_user above never calls it
        raise SuspiciousOperation("Residents are created by their identifier only.")

    def store_tokens(self, access_token, id_token):
        return None  # no token is kept in the session

    def get_user(self, user_id):
        user = super().get_user(user_id)
        # Only residents sign in this way: a staff account is never reached through this backend.
        if user is not None and not hasattr(user, "resident_identity"):
            return None
        return user


def _safe_next(request, value: str | None) -> str | None:
    if value and url_has_allowed_host_and_scheme(value, allowed_hosts={request.get_host()},
                                                 require_https=request.is_secure()):
        return value
    return None


class ResidentOIDCStart(OIDCAuthenticationRequestView):
    """/oidc/authenticate/: to the provider (404 when OpenID Connect is not configured)."""

    def dispatch(self, request, *args, **kwargs):
        if not oidc_enabled():
            raise Http404("OpenID Connect sign-in is not configured.")
        return super().dispatch(request, *args, **kwargs)


class ResidentOIDCCallback(OIDCAuthenticationCallbackView):
    """/oidc/callback/: back from the provider; a failure returns to the sign-in page with a notice."""

    def dispatch(self, request, *args, **kwargs):
        if not oidc_enabled():
            raise Http404("OpenID Connect sign-in is not configured.")
        return super().dispatch(request, *args, **kwargs)

    @property
    def failure_url(self) -> str:
        return reverse("resident-sign-in") + "?virhe=oidc"

    @property
    def success_url(self) -> str:
        return _safe_next(self.request, self.request.session.get("oidc_login_next")) or reverse("home")

