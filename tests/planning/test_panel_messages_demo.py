"""The demo's panel messages: made through the service over two years, none mailed, made once."""

from __future__ import annotations

import pytest
from django.core import mail
from django.utils import timezone

from city.models import Notification, StaffRole
from planning.models import BudgetPhase, BudgetRound, PanelKind, PanelMessage, PanelMessageKind, Phase
from planning.panel_message_demo import demo_panel_messages_load
from tests.factories import jobs_run
from tests.factories.panel_messages import member_make, panel_make, plan_areas
from tests.factories.processes import process_make, process_walk, staff

pytestmark = pytest.mark.django_db


def test_no_panels_or_no_administrator_make_nothing():
    assert demo_panel_messages_load(actor=staff("demo-admin", StaffRole.ADMINISTRATOR)) == []
    panel_make()
    assert demo_panel_messages_load(actor=None) == []
    assert not PanelMessage.objects.exists()


def test_the_demo_sends_five_messages_over_two_years_mails_nobody_and_loads_once(
        mail_queue, django_capture_on_commit_callbacks):
    areas = plan_areas()
    admin = staff("demo-admin", StaffRole.ADMINISTRATOR)
    plan = process_walk(process_make(name_fi="Asemanseutu"), Phase.DRAFT)
    BudgetRound.objects.create(year=2027, name_fi="Asukasbudjetti 2027", total=1000, phase=BudgetPhase.PROPOSALS)
    group = panel_make("Liikennepaneeli")
    far = panel_make("Kaukopaneeli")
    member_make(far, "kaukana@example.fi", areas=[areas["far"]])
    member_make(group, "maija@example.fi", areas=[areas["overlapping"]])
    member_make(group, "koko@example.fi")
    council = panel_make("Nuorisovaltuusto", kind=PanelKind.COUNCIL)
    member_make(council, "nuori@example.fi")

    with django_capture_on_commit_callbacks(execute=True):
        lines = demo_panel_messages_load(actor=admin)
    assert len(lines) == 5
    messages = {message.kind: message for message in PanelMessage.objects.all()}
    assert set(messages) == set(PanelMessageKind.values)
    assert messages[PanelMessageKind.PLAN_COMMENTS].process == plan
    assert messages[PanelMessageKind.PLAN_COMMENTS].panel == group  # the panel with members in the plan's area
    assert messages[PanelMessageKind.PLAN_COMMENTS].recipient_count == 2
    assert messages[PanelMessageKind.EVENT].panel == council and messages[PanelMessageKind.EVENT].event_starts_at
    ages = sorted((timezone.now() - message.created_at).days for message in messages.values())
    assert ages[-1] >= 699 and ages[-1] <= 730  # over the last two years

    assert Notification.objects.filter(kind="panel_message", sent_at__isnull=True).count() == 0
    jobs_run()
    assert mail.outbox == []  # marked sent before their jobs ran: nobody was mailed

    assert demo_panel_messages_load(actor=admin) == []
    assert PanelMessage.objects.count() == 5
