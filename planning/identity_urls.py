"""Residents' sign-in for voting (under /tunnistaudu/): the development provider and OpenID Connect."""

from django.urls import path  # noqa: F401

urlpatterns: list = []
