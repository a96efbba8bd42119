"""Joining and leaving panels through the services: double opt-in, joining again without revealing
membership, the stop link in every email, staff-kept councils, expired sign-ups, and history rows that
never hold an address."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.utils import timezone

from city.models import Area, AreaKind, Notification
from planning.models import Panel, PanelAction, PanelEvent, PanelKind, PanelMember, PanelMessage, PanelTopic
from planning.panel_selectors import residential_areas
from planning.services.panels import (
    PanelRefused,
    panel_confirm,
    panel_join,
    panel_leave,
    panel_member_add,
    panel_member_change,
    panel_member_remove,
    panel_signups_expire,
)

pytestmark = pytest.mark.django_db

ANNA = "anna.asukas@example.org"


def topic(code: str, name: str) -> PanelTopic:
    return PanelTopic.objects.get_or_create(code=code, defaults={"name_fi": name, "name_sv": f"{name} (sv)",
                                                                 "name_en": code})[0]


def panel_make(slug: str = "liikennepaneeli", *, kind: str = PanelKind.GROUP, topics=(), **fields) -> Panel:
    if kind == PanelKind.EXPERIENCE:
        fields.setdefault("criteria_fi", "Käyttää kirjastoa viikoittain.")
        fields.setdefault("service_fi", "Kirjastopalvelut")
    if kind == PanelKind.COUNCIL:
        fields.setdefault("accepts_members", False)
    panel = Panel.objects.create(slug=slug, kind=kind, name_fi=fields.pop("name_fi", slug.capitalize()),
                                 name_sv=fields.pop("name_sv", f"{slug} (sv)"),
                                 description_fi="Paneeli vastaa kyselyihin.", **fields)
    panel.topics.set(topics)
    return panel


def panel_world() -> dict:
    """A panel on two topics, a third topic not its own, and three residential areas of the demo city."""
    traffic, libraries = topic("liikenne", "Liikenne"), topic("kirjastot", "Kirjastot")
    panel = panel_make(topics=[traffic, libraries], contact_email="osallisuus@example.org")
    areas = list(residential_areas().order_by("code")[:3])
    return {"panel": panel, "traffic": traffic, "libraries": libraries, "areas": areas,
            "other_topic": topic("nuoret", "Nuoret")}


@pytest.fixture
def world(city):
    return panel_world()


def _emails(kind: str | None = None):
    rows = Notification.objects.order_by("id")
    return list(rows.filter(kind=kind) if kind else rows)


def _link(body: str, name: str) -> str:
    match = re.search(rf"{re.escape(settings.SITE_URL)}(\S*/paneelit/{name}/[\w-]+/)", body)
    assert match, body
    return match.group(1)


def test_residential_areas_are_the_innermost_not_city_or_budget_areas(city):
    kinds = set(residential_areas().values_list("kind", flat=True))
    assert kinds and not kinds & {AreaKind.CITY, AreaKind.BUDGET_AREA}
    budget_area = Area.objects.filter(kind=AreaKind.BUDGET_AREA).first()
    assert not residential_areas().filter(pk=budget_area.pk).exists()
    # A residential area with a residential child is not a leaf: the child is chosen instead.
    leaf = residential_areas().first()
    child = Area.objects.create(code="TEST-CHILD", name_fi="Lapsi", kind=AreaKind.DISTRICT, parent=leaf,
                                boundary=leaf.boundary)
    assert not residential_areas().filter(pk=leaf.pk).exists()
    assert residential_areas().filter(pk=child.pk).exists()


def test_joining_queues_a_confirmation_and_counts_nothing_before_it(world, django_capture_on_commit_callbacks):
    panel = world["panel"]
    with django_capture_on_commit_callbacks() as callbacks:
        member = panel_join(panel=panel, email=ANNA, language="sv", topics=[world["traffic"]],
                            areas=world["areas"][:2])
    assert len(callbacks) == 1  # one send job, after commit
    assert member.confirmed_at is None and len(member.token) >= 32 and member.language == "sv"
    assert set(member.areas.all()) == set(world["areas"][:2]) and list(member.topics.all()) == [world["traffic"]]
    assert PanelMember.objects.confirmed().count() == 0
    (email,) = _emails()
    assert email.kind == "panel_confirm" and email.recipient == ANNA
    assert email.about_type == ContentType.objects.get_for_model(Panel) and email.about_id == panel.pk
    # In the member's language, with the confirm link and the stop link at the end.
    assert _link(email.body, "vahvista").startswith("/sv/paneelit/vahvista/")
    stop = _link(email.body, "eroa")
    assert stop == f"/sv/paneelit/eroa/{member.token}/" and email.body.rstrip().endswith(stop)
    assert email.unsubscribe_url == settings.SITE_URL + stop  # the List-Unsubscribe header (RFC 8058)
    event = PanelEvent.objects.get()
    assert (event.action, event.member_number, event.panel_id) == (PanelAction.JOINED, member.pk, panel.pk)

    assert panel_confirm(token=member.token).confirmed_at is not None
    first = PanelMember.objects.get().confirmed_at
    assert panel_confirm(token=member.token).confirmed_at == first  # twice is harmless
    assert panel_confirm(token="no-such-token") is None
    assert list(PanelEvent.objects.values_list("action", flat=True)) == ["joined", "confirmed"]
    assert PanelMember.objects.confirmed().count() == 1


def test_joining_again_reveals_nothing_and_mails_the_address_instead(world):
    panel = world["panel"]
    first = panel_join(panel=panel, email=ANNA, language="fi", topics=[world["traffic"]])
    # Unconfirmed, in another case: the same member with the new choices and a fresh confirmation.
    again = panel_join(panel=panel, email=ANNA.upper(), language="en", topics=[world["libraries"]],
                       areas=world["areas"][:1])
    assert again.pk == first.pk and PanelMember.objects.count() == 1
    assert again.email == ANNA and again.language == "en" and again.token == first.token
    assert list(again.topics.all()) == [world["libraries"]] and list(again.areas.all()) == world["areas"][:1]
    assert [row.kind for row in _emails()] == ["panel_confirm", "panel_confirm"]
    assert "/en/paneelit/vahvista/" in _emails()[-1].body

    panel_confirm(token=first.token)
    Notification.objects.all().delete()
    third = panel_join(panel=panel, email=f" {ANNA.title()} ", language="fi", topics=[world["traffic"]])
    third.refresh_from_db()
    assert third.pk == first.pk and third.confirmed_at is not None
    assert list(third.topics.all()) == [world["libraries"]]  # a member's choices change only on their page
    (email,) = _emails()
    assert email.kind == "panel_own_data" and email.recipient == ANNA
    assert _link(email.body, "omat-tiedot") == f"/en/paneelit/omat-tiedot/{first.token}/"
    assert _link(email.body, "eroa") == f"/en/paneelit/eroa/{first.token}/"


def test_joining_refuses_councils_closed_panels_foreign_topics_and_non_residential_areas(world):
    council = panel_make("vanhusneuvosto", kind=PanelKind.COUNCIL)
    closed = panel_make("suljettu", accepts_members=False)
    for panel in (council, closed):
        with pytest.raises(PanelRefused) as refusal:
            panel_join(panel=panel, email=ANNA, language="fi")
        assert "__all__" in refusal.value.errors
    with pytest.raises(PanelRefused) as refusal:
        panel_join(panel=world["panel"], email=ANNA, language="fi", topics=[world["other_topic"]])
    assert list(refusal.value.errors) == ["topics"]
    budget_area = Area.objects.filter(kind=AreaKind.BUDGET_AREA).first()
    whole_city = Area.objects.filter(kind=AreaKind.CITY).first()
    for area in (budget_area, whole_city):
        with pytest.raises(PanelRefused) as refusal:
            panel_join(panel=world["panel"], email=ANNA, language="fi", areas=[area])
        assert list(refusal.value.errors) == ["areas"]
    assert not PanelMember.objects.exists() and not Notification.objects.exists() and not PanelEvent.objects.exists()


def test_a_member_changes_choices_and_leaves_with_their_unsent_emails(world):
    panel = world["panel"]
    member = panel_join(panel=panel, email=ANNA, language="fi")
    panel_confirm(token=member.token)
    changed = panel_member_change(token=member.token, topics=[world["libraries"]], areas=world["areas"][1:],
                                  language="sv")
    assert changed.language == "sv" and list(changed.topics.all()) == [world["libraries"]]
    assert set(changed.areas.all()) == set(world["areas"][1:])
    with pytest.raises(PanelRefused):
        panel_member_change(token=member.token, topics=[world["other_topic"]], areas=[], language="fi")
    assert panel_member_change(token="nope", topics=[], areas=[], language="fi") is None

    # A message to the panel waits for her (unsent), as does one sent already and one to someone else.
    message = PanelMessage.objects.create(panel=panel, kind="survey", subject="Kysely", body="Vastaa.")
    message_type = ContentType.objects.get_for_model(PanelMessage)
    waiting = Notification.objects.create(about_type=message_type, about_id=message.pk, kind="panel_message",
                                          recipient=ANNA, subject="Kysely", body="…")
    sent = Notification.objects.create(about_type=message_type, about_id=message.pk, kind="panel_message",
                                       recipient=ANNA, subject="Vanha", body="…", sent_at=timezone.now())
    other = Notification.objects.create(about_type=message_type, about_id=message.pk, kind="panel_message",
                                        recipient="pekka@example.org", subject="Kysely", body="…")
    assert panel_leave(token=member.token) == panel
    assert not PanelMember.objects.exists()
    assert not Notification.objects.filter(pk=waiting.pk).exists()
    assert Notification.objects.filter(pk__in=[sent.pk, other.pk]).count() == 2
    assert panel_leave(token=member.token) is None  # twice is harmless
    assert list(PanelEvent.objects.values_list("action", "member_number")) == [
        ("joined", member.pk), ("confirmed", member.pk), ("changed", member.pk), ("left", member.pk)]


def test_staff_keep_councils_only(world, django_user_model):
    staff = django_user_model.objects.create_user("osallisuus", password="x" * 20)
    council = panel_make("vanhusneuvosto", kind=PanelKind.COUNCIL)
    member = panel_member_add(panel=council, name="Aino Vanhala", email=ANNA, language="fi", actor=staff)
    assert member.confirmed_at is not None and member.added_by == staff and member.name == "Aino Vanhala"
    (email,) = _emails()
    assert email.kind == "panel_added" and email.recipient == ANNA and "Aino Vanhala" in email.body
    assert _link(email.body, "omat-tiedot") == f"/paneelit/omat-tiedot/{member.token}/"
    assert email.body.rstrip().endswith(f"/paneelit/eroa/{member.token}/")
    with pytest.raises(PanelRefused) as refusal:
        panel_member_add(panel=council, name="Toinen", email=ANNA.upper(), language="fi", actor=staff)
    assert list(refusal.value.errors) == ["email"]
    with pytest.raises(PanelRefused) as refusal:
        panel_member_add(panel=world["panel"], name="Aino", email=ANNA, language="fi", actor=staff)
    assert "__all__" in refusal.value.errors
    assert panel_member_remove(member=member, actor=staff) == council
    assert not council.members.exists()
    assert list(PanelEvent.objects.values_list("action", "actor")) == [("added", staff.pk), ("removed", staff.pk)]


def test_sign_ups_never_confirmed_expire_after_two_weeks(world):
    panel = world["panel"]
    old = panel_join(panel=panel, email="vanha@example.org", language="fi")
    fresh = panel_join(panel=panel, email="uusi@example.org", language="fi")
    kept = panel_join(panel=panel, email="vahvistettu@example.org", language="fi")
    panel_confirm(token=kept.token)
    PanelMember.objects.filter(pk__in=[old.pk, kept.pk]).update(joined_at=timezone.now() - timedelta(days=15))
    PanelMember.objects.filter(pk=fresh.pk).update(joined_at=timezone.now() - timedelta(days=13))
    assert panel_signups_expire() == 1
    assert set(PanelMember.objects.values_list("email", flat=True)) == {"uusi@example.org", "vahvistettu@example.org"}
    assert not Notification.objects.filter(recipient="vanha@example.org").exists()  # its unsent email too
    assert PanelEvent.objects.filter(action=PanelAction.EXPIRED).get().member_number == old.pk
    assert panel_signups_expire() == 0


def test_the_outbox_relay_expires_old_sign_ups(world, mail_queue):
    from city.services import outbox

    assert "planning.panel_signups" in outbox._relays  # registered when the app is ready
    member = panel_join(panel=world["panel"], email=ANNA, language="fi")
    PanelMember.objects.filter(pk=member.pk).update(joined_at=timezone.now() - timedelta(days=30))
    outbox.outbox_relay()
    assert not PanelMember.objects.exists()


def test_history_rows_hold_no_address(world, django_user_model):
    staff = django_user_model.objects.create_user("osallisuus", password="x" * 20)
    member = panel_join(panel=world["panel"], email=ANNA, language="fi")
    panel_confirm(token=member.token)
    panel_member_change(token=member.token, topics=[], areas=[], language="fi")
    panel_leave(token=member.token)
    council = panel_make("nuorisovaltuusto", kind=PanelKind.COUNCIL)
    added = panel_member_add(panel=council, name="Nuori", email="nuori@example.org", language="fi", actor=staff)
    panel_member_remove(member=added, actor=staff)
    from django.core import serializers

    dumped = serializers.serialize("json", PanelEvent.objects.all())
    assert PanelEvent.objects.count() == 6
    assert "example.org" not in dumped and "@" not in dumped


def test_the_command_expires_old_sign_ups(world):
    from io import StringIO

    from django.core.management import call_command

    member = panel_join(panel=world["panel"], email=ANNA, language="fi")
    PanelMember.objects.filter(pk=member.pk).update(joined_at=timezone.now() - timedelta(days=8))
    out = StringIO()
    call_command("expire_panel_signups", stdout=out)
    assert PanelMember.objects.exists() and "Deleted 0" in out.getvalue()
    call_command("expire_panel_signups", "--days", "7", stdout=out)
    assert not PanelMember.objects.exists() and "Deleted 1" in out.getvalue()
