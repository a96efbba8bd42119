"""The demo panels' sent invitations and newsletters (issue #15): five messages over the last two years.

A comment-round invitation for the demo plan in phase 5 (or 4) to the panel with the most members in
its area, an invitation to the resident budget while a demo round was open, an event invitation to a
council, a survey to an experience-expert group, and a newsletter — each sent through
``panel_message_send`` as staff would send it, then dated back to its day.

Nobody is mailed: each message is sent inside its own transaction, and before that transaction
commits its outbox rows are marked sent on the message's day. The send jobs, queued only after the
commit, find the rows sent and skip them (``notification_send`` skips a sent row), so the demo
members' addresses get nothing while the staff pages show the emails as sent.

Runs after ``demo_panels_load``; with no panels (or no administrator to send as) it makes nothing.
Each message carries a fixed sending key, so loading again makes only what is missing.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import datetime, timedelta

from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.utils import timezone, translation

from city.models import Notification
from planning.models import (
    BudgetPhase,
    BudgetRound,
    BudgetRoundEvent,
    Panel,
    PanelEvent,
    PanelKind,
    PanelMessage,
    PanelMessageKind,
    Phase,
    Process,
    ProcessEvent,
    ProcessKind,
)
from planning.panel_message_selectors import panel_message_reach, panel_offers
from planning.services.panel_messages import panel_message_send

DEMO_KEYS = uuid.UUID("6f1c3a52-8d8e-4c55-9a43-5b0d2f7e1a15")  # the namespace of the demo's sending keys


@dataclass(frozen=True)
class DemoMessage:
    key: str
    kind: str
    subject: str
    body: str
    link: str = ""


NEWSLETTER = DemoMessage(
    "newsletter", PanelMessageKind.NEWSLETTER, "Paneelien kevät: mitä palautteenne muutti",
    "Hyvä paneelin jäsen,\n\nkiitos kuluneen vuoden vastauksista! Liikennepaneelin ehdotuksesta Kirkkokadun "
    "suojatiet saavat lisävalot, ja kirjastojen aukioloja pidennetään kesällä.\n\nSyksyllä kysymme teiltä "
    "kaupungin pyöräteiden talvikunnossapidosta.")
EVENT = DemoMessage(
    "event", PanelMessageKind.EVENT, "Asukasilta: keskustan liikenne",
    "Tervetuloa asukasiltaan keskustelemaan keskustan liikenteestä ja pysäköinnistä. Paikalla ovat "
    "liikennesuunnittelijat. Kahvitarjoilu.\n\nPaikka: kaupungintalon valtuustosali, Kirkkokatu 6.",
    "https://www.seinajoki.fi/tapahtumat/")
SURVEY = DemoMessage(
    "survey", PanelMessageKind.SURVEY, "Kysely: kirjaston palvelut",
    "Kehitämme kirjaston palveluja. Vastaa kyselyyn kahden viikon kuluessa; vastaaminen vie noin kymmenen "
    "minuuttia.", "https://www.seinajoki.fi/kirjasto/kysely/")
PLAN = DemoMessage(
    "plan", PanelMessageKind.PLAN_COMMENTS, "Kommentoi kaavaa: {name}",
    "Kaava ”{name}” on vaiheessa {phase}: {phase_name}, ja siitä voi nyt antaa palautetta. Kaavan sivulla "
    "näet alueen, asiakirjat ja kartan, jolle voit kommentoida.")
BUDGET = DemoMessage(
    "budget", PanelMessageKind.BUDGET, "Ehdota asukasbudjettiin: {name}",
    "Asukasbudjetin ehdotusvaihe on auki: kerro, mihin alueesi rahat käytetään, ja kommentoi muiden "
    "ehdotuksia.")


def _key(name: str) -> uuid.UUID:
    return uuid.uuid5(DEMO_KEYS, f"sjk-demo-panel-message-{name}")


def _panel(*kinds: str) -> Panel | None:
    """The first panel of the first of ``kinds`` there is (by name), else any panel."""
    for kind in kinds:
        panel = Panel.objects.filter(kind=kind).order_by("name_fi").first()
        if panel is not None:
            return panel
    return Panel.objects.order_by("kind", "name_fi").first()


def _sent_on(message: PanelMessage, when: datetime) -> None:
    """Date the message, its event and its emails back to ``when``, the emails as sent then."""
    PanelMessage.objects.filter(pk=message.pk).update(created_at=when)
    PanelEvent.objects.filter(message=message).update(created_at=when)
    Notification.objects.filter(about_type=ContentType.objects.get_for_model(PanelMessage),
                                about_id=message.pk).update(created_at=when, enqueued_at=when,
                                                            sent_at=when + timedelta(minutes=2), attempts=1)


def _send(spec: DemoMessage, *, panel: Panel | None, when: datetime, actor, fill: dict | None = None,
          **about) -> PanelMessage | None:
    if panel is None or PanelMessage.objects.filter(send_key=_key(spec.key)).exists():
        return None
    fill = fill or {}
    with transaction.atomic():  # the rows are marked sent before the commit queues their jobs
        message = panel_message_send(panel=panel, kind=spec.kind, subject=spec.subject.format(**fill),
                                     body=spec.body.format(**fill), link=spec.link, actor=actor,
                                     send_key=_key(spec.key), **about)
        _sent_on(message, when)
    return message


def _demo_plan() -> Process | None:
    """The demo's zoning plan whose comment round is open: the draft first, else the goals phase."""
    return (Process.objects.filter(phase__in=[Phase.DRAFT, Phase.GOALS], boundary__isnull=False)
            .exclude(kind=ProcessKind.SERVICE_DEVELOPMENT).order_by("-phase", "pk").first())


def _moved_on(events, default: datetime, now: datetime) -> datetime:
    """A day after the move ``events`` names (the invitation follows it), never in the future."""
    moved = events.order_by("-created_at").values_list("created_at", flat=True).first()
    return min(moved + timedelta(days=1), now - timedelta(hours=1)) if moved else default


def demo_panel_messages_load(*, actor=None) -> list[str]:
    """Make the demo's part (only when it is not there yet); the lines to print, one per thing made."""
    if actor is None or not Panel.objects.exists():
        return []
    now = timezone.now().replace(second=0, microsecond=0)
    made = []

    def note(message: PanelMessage | None) -> None:
        if message is not None:
            made.append(f"Panel message: “{message.subject}” to {message.panel.name_fi}, "
                        f"{message.recipient_count} recipient(s)")

    note(_send(NEWSLETTER, panel=_panel(PanelKind.GROUP), when=now - timedelta(days=700), actor=actor))
    event_day = now - timedelta(days=400)
    note(_send(EVENT, panel=_panel(PanelKind.COUNCIL, PanelKind.GROUP), when=event_day, actor=actor,
               event_starts_at=(event_day + timedelta(days=14)).replace(hour=16, minute=0)))
    note(_send(SURVEY, panel=_panel(PanelKind.EXPERIENCE, PanelKind.GROUP), when=now - timedelta(days=200),
               actor=actor))

    budget = (BudgetRound.objects.filter(phase__in=[BudgetPhase.PROPOSALS, BudgetPhase.VOTING,
                                                    BudgetPhase.RESULTS, BudgetPhase.REVIEW])
              .order_by("-year", "pk").first())
    if budget is not None:
        offers = panel_offers(panel_message_reach(budget_round=budget))
        when = _moved_on(BudgetRoundEvent.objects.filter(round=budget, to_phase=BudgetPhase.PROPOSALS),
                         now - timedelta(days=90), now)
        note(_send(BUDGET, panel=offers[0] if offers else _panel(PanelKind.GROUP), when=when, actor=actor,
                   budget_round=budget, fill={"name": budget.name_fi}))

    plan = _demo_plan()
    if plan is not None:
        offers = panel_offers(panel_message_reach(process=plan))
        with translation.override("fi"):
            phase_name = plan.phase_name()
        when = _moved_on(ProcessEvent.objects.filter(process=plan, to_phase=plan.phase), now - timedelta(days=10),
                         now)
        note(_send(PLAN, panel=offers[0] if offers else _panel(PanelKind.GROUP), when=when, actor=actor,
                   process=plan, fill={"name": plan.name_fi, "phase": plan.phase, "phase_name": phase_name}))
    return made
