"""OpenID Connect's two addresses under /oidc/ (the names mozilla-django-oidc reverses), with its views
imported only when one is asked for: mozilla-django-oidc brings requests and cryptography, some 8 MB
that a web worker of a city without OpenID Connect should not carry (tests/test_worker_memory.py)."""

from django.urls import path


def _start(request, *args, **kwargs):
    from planning.identity_oidc import ResidentOIDCStart

    return ResidentOIDCStart.as_view()(request, *args, **kwargs)


def _callback(request, *args, **kwargs):
    from planning.identity_oidc import ResidentOIDCCallback

    return ResidentOIDCCallback.as_view()(request, *args, **kwargs)


urlpatterns = [
    path("callback/", _callback, name="oidc_authentication_callback"),
    path("authenticate/", _start, name="oidc_authentication_init"),
]
