"""Following a plan by email, end to end through the pages, the outbox and a real RQ worker: a
confirmation link first (opening it confirms nothing; its button does), no news before it, each
follower's phase news in their own language with what they can do now and their own stop link,
and the stop link erasing the address."""

from __future__ import annotations

import re

import pytest
from django.conf import settings
from django.core import mail
from django.utils import translation

from planning.models import WHAT_RESIDENTS_CAN_DO, Follower, Phase
from planning.services.phases import process_move_phase
from tests.factories import jobs_run
from tests.planning.test_pages import in_phase, text_of

pytestmark = pytest.mark.django_db

ANNA, PEKKA = "anna@example.fi", "pekka@example.fi"


@pytest.fixture
def worker(city, mail_queue):
    """The demo city, the locmem mailbox and an empty queue on the test's Redis for the real worker."""


def _link(body: str, path: str) -> str:
    match = re.search(rf"{re.escape(settings.SITE_URL)}(\S*/kaavat/{path}/[\w-]+/)", body)
    assert match, body
    return match.group(1)


def _follow(client, process, email: str, prefix: str, capture) -> str:
    """Follow from the page in a language; the path of the confirmation link emailed."""
    with capture(execute=True):
        response = client.post(f"{prefix}/kaavat/{process.pk}/seuraa/", {"email": email})
    assert response.status_code == 302 and response["Location"] == f"{prefix}/kaavat/{process.pk}/"
    assert jobs_run()["failed"] == 0
    message = mail.outbox.pop()
    assert message.to == [email]
    return _link(message.body, "seuraa")


def _move(process, to_phase: int, capture, reason: str = ""):
    with capture(execute=True):
        process = process_move_phase(process=process, to_phase=to_phase, actor=None, reason=reason)
    assert jobs_run()["failed"] == 0
    return process


def test_followers_get_phase_news_in_their_language_only_after_confirming(
        client, worker, django_capture_on_commit_callbacks):
    capture = django_capture_on_commit_callbacks
    process = in_phase(Phase.GOALS)
    anna_confirm = _follow(client, process, ANNA, "/sv", capture)
    assert anna_confirm.startswith("/sv/kaavat/seuraa/")
    pekka_confirm = _follow(client, process, PEKKA, "", capture)
    assert pekka_confirm.startswith("/kaavat/seuraa/")
    assert [follower.language for follower in Follower.objects.order_by("email")] == ["sv", "fi"]

    # Opening the link confirms nothing (mail scanners open links); its button does.
    page = client.get(pekka_confirm)
    assert page.status_code == 200 and 'id="follow-confirm-form"' in page.content.decode()
    assert page["Referrer-Policy"] == "same-origin"
    assert not Follower.objects.filter(confirmed_at__isnull=False).exists()
    # An address not yet confirmed gets no news.
    process = _move(process, Phase.DRAFT, capture)
    assert mail.outbox == []
    confirmed = client.post(pekka_confirm)
    assert 'id="follow-confirmed"' in confirmed.content.decode()
    client.post(anna_confirm)
    assert Follower.objects.filter(confirmed_at__isnull=False).count() == 2

    process = _move(process, Phase.FINAL, capture)
    by_address = {message.to[0]: message for message in mail.outbox}
    assert sorted(by_address) == [ANNA, PEKKA] and all(len(message.to) == 1 for message in mail.outbox)
    for address, language, prefix in ((ANNA, "sv", "/sv"), (PEKKA, "fi", "")):
        message = by_address[address]
        with translation.override(language):
            phase, what_now = process.phase_name(Phase.FINAL), str(WHAT_RESIDENTS_CAN_DO[Phase.FINAL])
            said = translation.gettext("What you can do now:")
        assert phase in message.subject and what_now in message.body and said in message.body
        assert f"{settings.SITE_URL}{prefix}/kaavat/{process.pk}/" in message.body
        stop = _link(message.body, "lopeta")
        assert stop.startswith(f"{prefix}/kaavat/lopeta/")
        assert stop == f"{prefix}/kaavat/lopeta/{Follower.objects.get(email=address).token}/"  # each their own
    assert by_address[ANNA].body != by_address[PEKKA].body
    mail.outbox.clear()

    # The stop link: opening it stops nothing, its button erases the address.
    stop = _link(by_address[ANNA].body, "lopeta")
    assert client.get(stop).status_code == 200 and Follower.objects.filter(email=ANNA).exists()
    stopped = client.post(stop)
    assert 'id="unfollow-done"' in stopped.content.decode()
    assert not Follower.objects.filter(email=ANNA).exists()
    assert client.get(stop).status_code == 404

    # A move back tells the one still following, with the reason on the plan's page.
    process = _move(process, Phase.DRAFT, capture, reason="Ehdotusta muutetaan lausuntojen vuoksi.")
    assert [message.to for message in mail.outbox] == [[PEKKA]]
    with translation.override("fi"):
        assert process.phase_name(Phase.DRAFT) in mail.outbox[0].subject
    assert "Ehdotusta muutetaan lausuntojen vuoksi." in text_of(client.get(f"/kaavat/{process.pk}/"))


def test_an_unconfirmed_follower_gets_no_news(client, worker, django_capture_on_commit_callbacks):
    process = in_phase(Phase.NEEDS)
    _follow(client, process, ANNA, "/en", django_capture_on_commit_callbacks)
    _move(process, Phase.STAKEHOLDERS, django_capture_on_commit_callbacks)
    assert mail.outbox == []
    assert Follower.objects.get(email=ANNA).confirmed_at is None


def test_a_bad_address_is_refused_beside_the_field_and_nothing_is_stored(client, worker):
    process = in_phase(Phase.DRAFT)
    response = client.post(f"/en/kaavat/{process.pk}/seuraa/", {"email": "ei-osoite"})
    assert response.status_code == 400
    assert 'id="id_email-error"' in response.content.decode()
    assert not Follower.objects.exists() and mail.outbox == []


def test_unknown_links_are_not_found(client, worker):
    assert client.get("/kaavat/seuraa/ei-ole/").status_code == 404
    assert client.get("/kaavat/lopeta/ei-ole/").status_code == 404
    assert client.post("/kaavat/lopeta/ei-ole/").status_code == 404
