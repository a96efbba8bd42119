"""Once per browser: a pseudonymous key of the browser behind a request, for "me too" (and likes).

The browser keeps a signed id in a cookie, given when it first supports something. The id is made
from its address and user agent at that moment, so a client that keeps no cookies has the same key
on every request, and a browser that does keeps its key when it moves to another network. Only a
keyed hash of the id is stored, never the address. A forged or altered cookie is ignored, so a
client cannot count again by inventing new ids.
"""

from django.core import signing
from django.utils.crypto import salted_hmac
from rest_framework.throttling import BaseThrottle

COOKIE_NAME = "sjk_browser"
COOKIE_MAX_AGE = 365 * 24 * 3600
_SIGNER = signing.Signer(salt="config.browser")


def _token(request) -> tuple[str, bool]:
    """The browser's id and whether it still has to be given to the browser."""
    signed = request.COOKIES.get(COOKIE_NAME, "")
    if signed:
        try:
            return _SIGNER.unsign(signed), False
        except signing.BadSignature:
            pass
    address = client_address(request)
    agent = request.META.get("HTTP_USER_AGENT", "")[:500]
    return salted_hmac("config.browser.fallback", f"{address}|{agent}").hexdigest()[:32], True


def browser_key(request) -> str:
    """A stable key of the browser making ``request`` (64 hex characters); nothing personal in it."""
    token, _new = _token(request)
    return salted_hmac("config.browser.key", token).hexdigest()


def browser_remember(request, response):
    """Give the browser its id cookie if it has none (a strictly necessary cookie: it counts once)."""
    token, new = _token(request)
    if new:
        response.set_cookie(COOKIE_NAME, _SIGNER.sign(token), max_age=COOKIE_MAX_AGE, httponly=True,
                            samesite="Lax", secure=request.is_secure())
    return response


def client_scope(request, purpose: str) -> str:
    """Who is asking, for keys a client chooses itself (an Idempotency-Key): the signed-in user, or a
    keyed hash of the client's address. Another client reusing the same key never meets this one's."""
    user = getattr(request, "user", None)
    if user is not None and user.is_authenticated:
        return f"user:{user.pk}"
    return "addr:" + salted_hmac(f"config.browser.{purpose}", client_address(request)).hexdigest()[:24]


def client_address(request) -> str:
    """The client's address as the rate limits see it (X-Forwarded-For only behind NUM_PROXIES proxies)."""
    return BaseThrottle().get_ident(request)
