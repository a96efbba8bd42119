"""Residents' panel pages: the panels, joining (double opt-in), own data and the one-click stop."""

from __future__ import annotations

from django.http import HttpResponse


def panel_list(request):
    return HttpResponse("")


def panel_detail(request, slug: str):
    return HttpResponse("")


def panel_join_page(request, slug: str):
    return HttpResponse("")


def panel_check_email(request, slug: str):
    return HttpResponse("")


def panel_confirm_page(request, token: str):
    return HttpResponse("")


def panel_member_page(request, token: str):
    return HttpResponse("")


def panel_unsubscribe(request, token: str):
    return HttpResponse("")
