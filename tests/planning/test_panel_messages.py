"""Writing to a panel: whom a message reaches (by PostGIS, against hand-made squares), the offers of
panels to a plan or a budget round, the emails through the outbox (each once, a failed one retried
and sent once), a form submitted twice sending once, and who may write to which panel."""

from __future__ import annotations

import datetime
import io
import smtplib
import uuid

import pytest
from django.contrib.contenttypes.models import ContentType
from django.core import mail
from django.core.mail.backends.locmem import EmailBackend
from django.core.management import call_command
from django.utils import timezone, translation

from city.jobs import notification_send
from city.models import AreaKind, Notification, StaffRole
from city.queue import enqueue_now
from planning.models import (
    BudgetAllocation,
    BudgetPhase,
    BudgetRound,
    PanelAction,
    PanelEvent,
    PanelMember,
    PanelMessage,
    PanelMessageKind,
    Phase,
)
from planning.panel_message_selectors import (
    budget_round_panel_offers,
    panel_message_delivery,
    panel_message_reach,
    panel_offers,
    plan_panel_offers,
)
from planning.services.panel_messages import PanelMessageRefused, panel_message_send
from tests.factories import jobs_run
from tests.factories.panel_messages import district, member_make, panel_make, plan_areas, topic
from tests.factories.processes import PLAN_X, PLAN_Y, process_make, process_walk, staff

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin():
    return staff("yllapitaja-pm", StaffRole.ADMINISTRATOR)


@pytest.fixture
def planner():
    return staff("kaavoittaja-pm", StaffRole.PLANNER)


@pytest.fixture
def process(planner):
    """A plan in the draft phase over the 1 km square (its comment round is open)."""
    return process_walk(process_make(planners=[planner], name_fi="Asemanseutu"), Phase.DRAFT)


@pytest.fixture
def areas():
    return plan_areas()


def _emails(members) -> set[str]:
    return {member.email for member in members}


def _reached(panel, reach, topics=()) -> set[str]:
    return _emails(PanelMember.objects.filter(panel=panel).reached_by(reach, topics))


# Whom a message reaches --------------------------------------------------------------------------


def test_a_member_whose_area_shares_ground_with_the_plan_is_reached_one_sharing_only_an_edge_is_not(
        process, areas):
    panel = panel_make()
    member_make(panel, "puolittain@example.fi", areas=[areas["overlapping"]])
    member_make(panel, "sisalla@example.fi", areas=[areas["inside"]])
    member_make(panel, "koko-kaupunki@example.fi")  # chose no area: the whole city
    member_make(panel, "reuna@example.fi", areas=[areas["edge"]])
    member_make(panel, "kulma@example.fi", areas=[areas["corner"]])
    member_make(panel, "reuna-ja-kaukana@example.fi", areas=[areas["edge"], areas["far"]])
    member_make(panel, "kaksi@example.fi", areas=[areas["edge"], areas["overlapping"]])  # once, not twice
    member_make(panel, "vahvistamaton@example.fi", areas=[areas["overlapping"]], confirmed=False)
    member_make(panel_make("Toinen paneeli"), "toinen@example.fi", areas=[areas["overlapping"]])

    reached = list(PanelMember.objects.filter(panel=panel).reached_by(process.boundary))
    assert sorted(member.email for member in reached) == [
        "kaksi@example.fi", "koko-kaupunki@example.fi", "puolittain@example.fi", "sisalla@example.fi"]
    # No reach (a newsletter to the whole panel): every confirmed member.
    assert len(_reached(panel, None)) == 7


def test_the_reach_is_the_chosen_areas_else_the_plans_boundary(process, areas):
    panel = panel_make()
    member_make(panel, "reuna@example.fi", areas=[areas["edge"]])
    member_make(panel, "puolittain@example.fi", areas=[areas["overlapping"]])
    reach = panel_message_reach(areas=[areas["edge"], areas["far"]], process=process)
    assert round(reach.area) == 2_000_000 and reach.srid == 3067
    assert _reached(panel, reach) == {"reuna@example.fi", "puolittain@example.fi"}  # half of it lies in "edge"
    assert panel_message_reach(process=process).equals(process.boundary)
    assert panel_message_reach() is None


def test_a_reach_given_in_wgs84_is_transformed_by_postgis_first(process, areas):
    panel = panel_make()
    member_make(panel, "puolittain@example.fi", areas=[areas["overlapping"]])
    member_make(panel, "kaukana@example.fi", areas=[areas["far"]])
    assert _reached(panel, process.boundary.transform(4326, clone=True)) == {"puolittain@example.fi"}


def test_topics_narrow_the_members_who_chose_topics(areas):
    traffic, libraries, zoning = topic("liikenne"), topic("kirjastot"), topic("kaavoitus")
    panel = panel_make(topics=[traffic, libraries, zoning])
    member_make(panel, "liikenne@example.fi", topics=[traffic])
    member_make(panel, "kirjastot@example.fi", topics=[libraries])
    member_make(panel, "molemmat@example.fi", topics=[libraries, zoning])
    member_make(panel, "kaikki@example.fi")  # chose no topic: hears about every one
    assert _reached(panel, None, [traffic]) == {"liikenne@example.fi", "kaikki@example.fi"}
    assert _reached(panel, None, [traffic.pk, zoning.pk]) == {"liikenne@example.fi", "molemmat@example.fi",
                                                              "kaikki@example.fi"}
    assert len(_reached(panel, None, [])) == 4  # a message naming no topic reaches everyone


# Offers ------------------------------------------------------------------------------------------


def test_panels_with_members_in_the_plans_areas_are_offered_with_the_count_each_would_reach(
        process, areas, django_assert_num_queries):
    traffic = panel_make("Liikennepaneeli")
    member_make(traffic, "a@example.fi", areas=[areas["overlapping"]])
    member_make(traffic, "b@example.fi", areas=[areas["inside"], areas["far"]])
    member_make(traffic, "c@example.fi")  # whole city: reached, counted apart
    member_make(traffic, "d@example.fi", areas=[areas["edge"]])
    member_make(traffic, "e@example.fi", areas=[areas["overlapping"]], confirmed=False)
    youth = panel_make("Nuorisovaltuusto")
    member_make(youth, "f@example.fi", areas=[areas["overlapping"]])
    neighbours = panel_make("Naapuripaneeli")  # only the district next door: not offered
    member_make(neighbours, "g@example.fi", areas=[areas["edge"]])
    member_make(neighbours, "h@example.fi")
    panel_make("Tyhjä paneeli")

    with django_assert_num_queries(1):
        offers = plan_panel_offers(process)
    assert [(panel.name_fi, panel.in_area, panel.whole_city, panel.reached) for panel in offers] == [
        ("Liikennepaneeli", 2, 1, 3), ("Nuorisovaltuusto", 1, 0, 1)]
    # The count is what sending would reach.
    message = panel_message_send(panel=offers[0], kind=PanelMessageKind.PLAN_COMMENTS, subject="Kommentoi",
                                 body="Luonnos on nähtävillä.", process=process, actor=process.planners.get())
    assert message.recipient_count == 3


def test_a_plan_outside_phases_4_and_5_is_offered_nothing(planner, areas):
    early = process_walk(process_make(planners=[planner]), Phase.ANNOUNCEMENT)
    member_make(panel_make(), "a@example.fi", areas=[areas["overlapping"]])
    assert plan_panel_offers(early) is None
    assert len(plan_panel_offers(process_walk(early, Phase.GOALS))) == 1
    assert panel_offers(None) == []


def test_a_budget_round_offers_the_panels_of_its_budget_areas(areas, django_assert_max_num_queries):
    west = district("Länsi", PLAN_X - 2000, PLAN_Y, size=2000, kind=AreaKind.BUDGET_AREA)  # ends at the plan's west edge
    east = district("Itä", PLAN_X, PLAN_Y, size=2000, kind=AreaKind.BUDGET_AREA)
    budget = BudgetRound.objects.create(year=2027, name_fi="Asukasbudjetti 2027", total=100_000,
                                        phase=BudgetPhase.PROPOSALS)
    BudgetAllocation.objects.create(round=budget, area=west, population=100, computed_amount=100_000)
    panel = panel_make()
    member_make(panel, "lansi@example.fi", areas=[district("Länsikylä", PLAN_X - 1000, PLAN_Y)])
    member_make(panel, "ita@example.fi", areas=[areas["overlapping"]])  # in the east area, not in the round
    with django_assert_max_num_queries(3):
        offers = budget_round_panel_offers(budget)
    assert [(offer.in_area, offer.whole_city) for offer in offers] == [(1, 0)]

    budget.allocations.all().delete()  # before the split: the areas chosen to take part
    budget.areas.set([east])
    assert [offer.in_area for offer in budget_round_panel_offers(budget)] == [1]
    budget.phase = BudgetPhase.REVIEW
    assert budget_round_panel_offers(budget) is None


# Sending -----------------------------------------------------------------------------------------


@pytest.fixture
def panel(areas):
    panel = panel_make("Liikennepaneeli", name_sv="Trafikpanelen")
    member_make(panel, "maija@example.fi", areas=[areas["overlapping"]])
    member_make(panel, "anna@example.fi", areas=[areas["inside"]], language="sv")
    member_make(panel, "reuna@example.fi", areas=[areas["edge"]])
    return panel


def _rows(message) -> list[Notification]:
    return list(Notification.objects.filter(about_type=ContentType.objects.get_for_model(PanelMessage),
                                            about_id=message.pk).order_by("recipient"))


def test_an_invitation_writes_the_message_one_email_per_member_reached_and_an_event(
        process, panel, planner, mail_queue, settings, django_capture_on_commit_callbacks):
    starts = timezone.make_aware(datetime.datetime(2027, 3, 4, 18, 0))
    with django_capture_on_commit_callbacks(execute=True):
        message = panel_message_send(
            panel=panel, kind=PanelMessageKind.PLAN_COMMENTS, subject="Asemanseudun luonnos",
            body="Kerro mielipiteesi luonnoksesta & kartasta.", event_starts_at=starts,
            link="https://osallistu.example/kaavat/1/", process=process, actor=planner)
    assert message.recipient_count == 2 and message.created_by == planner
    assert message.reach.equals(process.boundary)
    [event] = PanelEvent.objects.filter(panel=panel)
    assert (event.action, event.message, event.actor, event.member_number) == (PanelAction.SENT, message, planner, None)

    anna, maija = _rows(message)
    assert (anna.recipient, maija.recipient) == ("anna@example.fi", "maija@example.fi")
    assert {row.kind for row in (anna, maija)} == {"panel_message"}
    assert maija.subject == "Liikennepaneeli: Asemanseudun luonnos"
    assert anna.subject == "Trafikpanelen: Asemanseudun luonnos"  # the panel's name in the member's language
    member = PanelMember.objects.get(email="maija@example.fi")
    for text in ("Kerro mielipiteesi luonnoksesta & kartasta.", "https://osallistu.example/kaavat/1/",
                 "4. maaliskuuta 2027 kello 18.00", f"/paneelit/omat-tiedot/{member.token}/", f"/paneelit/eroa/{member.token}/"):
        assert text in maija.body
    assert maija.body.rstrip().endswith(f"/paneelit/eroa/{member.token}/")  # the one-click stop, last
    swedish = PanelMember.objects.get(email="anna@example.fi")
    assert f"/sv/paneelit/eroa/{swedish.token}/" in anna.body

    assert jobs_run() == {"finished": 2, "failed": 0}
    sent = {email.to[0]: email for email in mail.outbox}
    assert sorted(sent) == ["anna@example.fi", "maija@example.fi"]
    # Mail programs offer their own unsubscribe button: the stop link takes a one-click POST (RFC 8058).
    assert sent["maija@example.fi"].extra_headers["List-Unsubscribe"] == (
        f"<{settings.SITE_URL}/paneelit/eroa/{member.token}/>")
    assert panel_message_delivery(message) == {"sent": 2, "queued": 0, "retrying": 0, "failed": 0}


def test_a_plan_invitation_without_a_link_leads_to_the_plans_page(process, panel, admin, settings):
    message = panel_message_send(panel=panel, kind=PanelMessageKind.PLAN_COMMENTS, subject="Kommentoi",
                                 body="Luonnos on nähtävillä.", process=process, actor=admin)
    assert message.link == f"{settings.SITE_URL}/kaavat/{process.pk}/"
    assert all(message.link in row.body for row in _rows(message))


class FailingOnceBackend(EmailBackend):
    """Django's locmem mailbox behind an SMTP server that refuses the first email it is given."""

    failures_left = 1

    def send_messages(self, messages):
        if FailingOnceBackend.failures_left:
            FailingOnceBackend.failures_left -= 1
            raise smtplib.SMTPServerDisconnected("Connection unexpectedly closed")
        return super().send_messages(messages)


def _relay() -> str:
    out = io.StringIO()
    call_command("relay_outbox", "--once", "--stale-after", "0", stdout=out)
    return out.getvalue()


def test_a_send_job_run_twice_sends_once_and_a_failed_send_is_retried_and_sent_once(
        panel, admin, mail_queue, settings, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        message = panel_message_send(panel=panel, kind=PanelMessageKind.NEWSLETTER, subject="Uutiskirje",
                                     body="Kevään kuulumiset.", actor=admin)
    rows = _rows(message)
    assert len(rows) == 3
    for row in rows:  # every row's job queued a second time, as a lost acknowledgement would
        assert enqueue_now(notification_send, row.pk)
    assert jobs_run() == {"finished": 6, "failed": 0}
    assert sorted(email.to[0] for email in mail.outbox) == ["anna@example.fi", "maija@example.fi",
                                                            "reuna@example.fi"]

    mail.outbox.clear()
    settings.EMAIL_BACKEND = f"{__name__}.FailingOnceBackend"
    FailingOnceBackend.failures_left = 1
    with django_capture_on_commit_callbacks(execute=True):
        second = panel_message_send(panel=panel, kind=PanelMessageKind.EVENT, subject="Asukasilta",
                                    body="Tervetuloa!", event_starts_at=timezone.now(), actor=admin)
    assert jobs_run() == {"finished": 2, "failed": 1}  # the SMTP server refused one
    failed = next(row for row in _rows(second) if row.sent_at is None)
    failed.refresh_from_db()
    assert failed.attempts == 1 and "SMTPServerDisconnected" in failed.last_error
    assert panel_message_delivery(second) == {"sent": 2, "queued": 1, "retrying": 1, "failed": 0}
    assert _relay() == "Queued 1 job(s).\n"  # the relay queues the unsent row again
    assert jobs_run() == {"finished": 1, "failed": 0}
    assert _relay() == "Queued 0 job(s).\n"  # sent: never again
    assert jobs_run() == {"finished": 0, "failed": 0}
    assert sorted(email.to[0] for email in mail.outbox) == ["anna@example.fi", "maija@example.fi",
                                                            "reuna@example.fi"]
    assert panel_message_delivery(second) == {"sent": 3, "queued": 0, "retrying": 0, "failed": 0}


def test_the_same_form_submitted_twice_sends_one_message(panel, admin):
    key = uuid.uuid4()

    def send():
        return panel_message_send(panel=panel, kind=PanelMessageKind.NEWSLETTER, subject="Uutiskirje",
                                  body="Kevään kuulumiset.", actor=admin, send_key=key)

    first, second = send(), send()
    assert first.pk == second.pk and PanelMessage.objects.count() == 1
    assert len(_rows(first)) == 3
    assert PanelEvent.objects.filter(action=PanelAction.SENT).count() == 1


def test_a_message_reaching_nobody_is_recorded_with_no_email(process, areas, admin):
    nobody = panel_make("Kaukainen paneeli")
    member_make(nobody, "kaukana@example.fi", areas=[areas["far"]])
    message = panel_message_send(panel=nobody, kind=PanelMessageKind.PLAN_COMMENTS, subject="Kommentoi",
                                 body="Luonnos on nähtävillä.", process=process, actor=admin)
    assert message.recipient_count == 0 and _rows(message) == []
    assert PanelEvent.objects.filter(message=message, action=PanelAction.SENT).exists()


def test_topics_and_areas_chosen_on_the_message_narrow_it(areas, admin):
    traffic, libraries = topic("liikenne"), topic("kirjastot")
    panel = panel_make(topics=[traffic, libraries])
    member_make(panel, "liikenne@example.fi", topics=[traffic], areas=[areas["far"]])
    member_make(panel, "kirjasto@example.fi", topics=[libraries], areas=[areas["far"]])
    member_make(panel, "liikenne-reuna@example.fi", topics=[traffic], areas=[areas["edge"]])
    message = panel_message_send(panel=panel, kind=PanelMessageKind.SURVEY, subject="Kysely",
                                 body="Vastaa kyselyyn.", link="https://kysely.example/1", topics=[traffic],
                                 areas=[areas["far"]], actor=admin)
    assert [row.recipient for row in _rows(message)] == ["liikenne@example.fi"]
    assert list(message.topics.all()) == [traffic] and list(message.areas.all()) == [areas["far"]]


# Refusals ---------------------------------------------------------------------------------------


def _refusal(**fields) -> PanelMessageRefused:
    with pytest.raises(PanelMessageRefused) as refused:
        panel_message_send(**fields)
    assert not PanelMessage.objects.exists()
    return refused.value


@pytest.fixture
def english():
    """The refusals read in English (the service speaks the active language, Finnish by default)."""
    with translation.override("en"):
        yield


@pytest.mark.usefixtures("english")
def test_bad_input_is_refused_by_field(panel, admin):
    other = topic("muu")
    base = {"panel": panel, "actor": admin, "subject": "Aihe", "body": "Viesti."}
    refused = _refusal(**{**base, "kind": PanelMessageKind.SURVEY, "subject": "  ", "body": "x" * 5001,
                          "link": "javascript:alert(1)", "topics": [other]})
    assert set(refused.errors) == {"subject", "body", "link", "topics"} and not refused.forbidden
    assert "5001" in refused.errors["body"][0]
    assert _refusal(**{**base, "kind": PanelMessageKind.SURVEY}).errors == {
        "link": ["A survey invitation needs the survey's link."]}
    assert set(_refusal(**{**base, "kind": PanelMessageKind.EVENT}).errors) == {"event_starts_at"}
    assert set(_refusal(**{**base, "kind": PanelMessageKind.PLAN_COMMENTS}).errors) == {"process"}
    assert set(_refusal(**{**base, "kind": PanelMessageKind.BUDGET}).errors) == {"budget_round"}
    assert set(_refusal(**{**base, "kind": "spam"}).errors) == {"kind"}
    assert set(_refusal(**{**base, "kind": PanelMessageKind.NEWSLETTER, "body": "NUL\x00"}).errors) == {"body"}


@pytest.mark.usefixtures("english")
def test_who_may_write_to_which_panel(process, panel, planner):
    budget = BudgetRound.objects.create(year=2027, name_fi="Asukasbudjetti 2027", total=100_000,
                                        phase=BudgetPhase.PROPOSALS)
    base = {"panel": panel, "subject": "Aihe", "body": "Viesti.", "link": "https://kysely.example/1"}
    plan = {**base, "kind": PanelMessageKind.PLAN_COMMENTS, "process": process}
    newsletter = {**base, "kind": PanelMessageKind.NEWSLETTER}
    invitation = {**base, "kind": PanelMessageKind.BUDGET, "budget_round": budget}

    other_planner = staff("toinen-kaavoittaja", StaffRole.PLANNER)
    assert "own plans" in str(_refusal(**plan, actor=other_planner))
    assert _refusal(**newsletter, actor=planner).forbidden
    official = staff("budjettivirkailija", StaffRole.BUDGET_OFFICIAL)
    assert "resident budget only" in str(_refusal(**newsletter, actor=official))
    assert _refusal(**plan, actor=official).forbidden
    for role in (StaffRole.HANDLER, StaffRole.CUSTOMER_SERVICE, StaffRole.MODERATOR):
        assert "Administrators and participation agents" in str(_refusal(**newsletter, actor=staff(f"x-{role}", role)))
    assert "staff" in str(_refusal(**newsletter, actor=None))

    assert panel_message_send(**plan, actor=planner).recipient_count == 2
    assert panel_message_send(**invitation, actor=official).budget_round == budget
    agent = staff("osallisuusagentti", StaffRole.PARTICIPATION_AGENT)
    assert panel_message_send(**newsletter, actor=agent).recipient_count == 3
