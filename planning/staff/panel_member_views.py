"""Staff's pages of the councils' members: list, add, remove (through planning.services.panels)."""

from __future__ import annotations

from django.http import HttpResponse


def council_list(request):
    return HttpResponse("")


def council_members(request, slug: str):
    return HttpResponse("")


def council_member_add(request, slug: str):
    return HttpResponse("")


def council_member_remove(request, slug: str, pk: int):
    return HttpResponse("")
