"""Residents' sign-in for voting (under /tunnistaudu/): the development provider and OpenID Connect."""

from django.urls import path

from planning import identity_views

urlpatterns = [
    path("", identity_views.sign_in, name="resident-sign-in"),
    path("kehitys/", identity_views.dev_sign_in, name="resident-sign-in-dev"),
    path("uloskirjautuminen/", identity_views.sign_out, name="resident-sign-out"),
]
