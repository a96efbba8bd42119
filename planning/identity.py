"""Residents' identity for the resident budget: who signed in, known only by a keyed hash.

An identity provider (the development one, or OpenID Connect: Suomi.fi through a broker) hands us a
person's identifier; we keep ``identity_hash(identifier)``, an HMAC-SHA256 under a key of our own,
never the identifier. The same identifier typed at a service point for a paper ballot gives the same
hash, so one person has one ballot per round whichever way they vote.

Signed-in residents are Django users without a password and without staff roles; their account is
found by the hash (``ResidentIdentity``).
"""

from __future__ import annotations

import hashlib
import hmac
from functools import wraps
from urllib.parse import urlencode

from django.conf import settings
from django.contrib.auth import get_user_model, login
from django.db import IntegrityError, transaction
from django.shortcuts import redirect
from django.urls import reverse
from django.utils import timezone

from planning.models import ResidentIdentity

RESIDENT_USERNAME_PREFIX = "resident-"


def identity_key() -> bytes:
    """The HMAC key: ``IDENTITY_HASH_KEY``, or one derived from ``SECRET_KEY`` when it is not set."""
    configured = getattr(settings, "IDENTITY_HASH_KEY", "")
    if configured:
        return configured.encode()
    return hmac.new(settings.SECRET_KEY.encode(), b"resident-identity", hashlib.sha256).digest()


def normalize_identifier(identifier: str) -> str:
    """The form of an identifier that is hashed: no surrounding space, upper case (a Finnish personal
    identity code's check character may be typed in either case)."""
    return "".join(str(identifier).split()).upper()


def identity_hash(identifier: str) -> str:
    """The keyed hash (64 hex characters) stored in place of a person's identifier."""
    return hmac.new(identity_key(), normalize_identifier(identifier).encode(), hashlib.sha256).hexdigest()


def resident_identity_get_or_create(*, identifier: str, provider: str, home_area=None) -> ResidentIdentity:
    """The resident with this identifier, created on first sign-in (safe against two at once)."""
    digest = identity_hash(identifier)
    now = timezone.now()
    for _attempt in range(2):
        found = ResidentIdentity.objects.select_related("user").filter(identity_hash=digest).first()
        if found is not None:
            updates = {"last_sign_in": now}
            if home_area is not None:
                updates["home_area"] = home_area
            ResidentIdentity.objects.filter(pk=found.pk).update(**updates)
            for name, value in updates.items():
                setattr(found, name, value)
            return found
        try:
            with transaction.atomic():
                user = get_user_model().objects.create_user(username=RESIDENT_USERNAME_PREFIX + digest[:24])
                user.set_unusable_password()
                user.save(update_fields=["password"])
                return ResidentIdentity.objects.create(user=user, identity_hash=digest, provider=provider,
                                                       home_area=home_area, created_at=now, last_sign_in=now)
        except IntegrityError:
            continue  # someone else created it just now: read it
    raise RuntimeError("resident identity could not be created")


def resident_sign_in(request, *, identifier: str, provider: str, home_area=None) -> ResidentIdentity:
    """Sign the person in as a resident (a new session key, as for any sign-in)."""
    resident = resident_identity_get_or_create(identifier=identifier, provider=provider, home_area=home_area)
    login(request, resident.user, backend="django.contrib.auth.backends.ModelBackend")
    return resident


def current_resident(request) -> ResidentIdentity | None:
    """The signed-in resident, or None (anonymous, or a staff account)."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return None
    try:
        return user.resident_identity
    except ResidentIdentity.DoesNotExist:
        return None


def oidc_enabled() -> bool:
    """OpenID Connect is offered when its client is configured (``OIDC_RP_CLIENT_ID``)."""
    return bool(getattr(settings, "OIDC_RP_CLIENT_ID", ""))


def sign_in_url(next_path: str) -> str:
    return reverse("resident-sign-in") + "?" + urlencode({"next": next_path})


def resident_required(view):
    """A view for signed-in residents; others go to the sign-in page and come back."""

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        resident = current_resident(request)
        if resident is None:
            return redirect(sign_in_url(request.get_full_path()))
        request.resident = resident
        return view(request, *args, **kwargs)

    return wrapper
