"""The demo panels: all three kinds with members whose history matches their rows, sizes that differ by
year, no email queued, nothing made twice."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone

from city.models import Notification
from planning.models import Panel, PanelAction, PanelEvent, PanelKind, PanelMember, PanelTopic
from planning.panel_demo import demo_panels_load
from planning.services.panels import panel_signups_expire

pytestmark = pytest.mark.django_db


def test_the_demo_panels_are_consistent_and_made_once(city, django_user_model):
    admin = django_user_model.objects.create_superuser("demo-admin", password="x" * 20)
    lines = demo_panels_load(actor=admin)
    assert any(line.startswith("Panel: Liikennepaneeli") for line in lines)
    assert set(Panel.objects.values_list("kind", flat=True)) == set(PanelKind.values)
    assert PanelTopic.objects.count() >= 8
    assert Panel.objects.get(slug="kirjaston-kokemusasiantuntijat").criteria_fi
    assert not Notification.objects.exists()  # nobody is mailed

    for member in PanelMember.objects.all():
        actions = dict(PanelEvent.objects.filter(member_number=member.pk).values_list("action", "created_at"))
        assert "@example.org" in member.email
        if member.panel.kind == PanelKind.COUNCIL:
            assert actions == {PanelAction.ADDED: member.joined_at} and member.added_by == admin
        else:
            assert actions[PanelAction.JOINED] == member.joined_at
            assert actions.get(PanelAction.CONFIRMED) == member.confirmed_at
    left = PanelEvent.objects.filter(action=PanelAction.LEFT).values_list("member_number", flat=True)
    assert left and not PanelMember.objects.filter(pk__in=list(left)).exists()
    unconfirmed = PanelMember.objects.filter(confirmed_at__isnull=True)
    assert unconfirmed.exists() and panel_signups_expire() == 0  # asked in the last days: not expired
    assert PanelMember.objects.exclude(areas=None).exists() and PanelMember.objects.filter(areas=None).exists()

    now = timezone.now()
    confirmed = PanelEvent.objects.filter(action__in=[PanelAction.CONFIRMED, PanelAction.ADDED])
    latest_year = confirmed.filter(created_at__gte=now - timedelta(days=365)).count()
    year_before = confirmed.filter(created_at__lt=now - timedelta(days=365)).count()
    assert year_before > 20 and latest_year > year_before

    counts = (PanelMember.objects.count(), PanelEvent.objects.count(), Panel.objects.count())
    assert demo_panels_load(actor=admin) == []
    assert (PanelMember.objects.count(), PanelEvent.objects.count(), Panel.objects.count()) == counts


def test_the_demo_without_an_administrator(city):
    assert demo_panels_load(actor=None)
    assert PanelMember.objects.filter(panel__kind=PanelKind.COUNCIL, added_by=None).exists()
