"""The outbox is the city's, not the feedback channel's: a message about any row is written with
its change, queued after commit, relayed after a Redis outage, sent once, with its stop link.

The subject here is a department, a row that has nothing to do with tickets: what works for it
works for a zoning plan or a budget round. The worker is a real RQ worker on the test's Redis.
"""

import io

import django_rq
import pytest
from django.core import mail
from django.core.management import call_command
from django.db import transaction

from city.models import Department, Notification
from city.seed import departments_seed
from city.services.outbox import Recipient, notification_drop_unsent, notification_queue
from tests.factories import jobs_run

TEMPLATES = {
    "test_outbox/news_subject.txt": "{% load i18n %}{% translate 'Status' %}:   {{ department.name_fi }}\n",
    "test_outbox/news_body.txt": "{% load i18n %}{% translate 'Status' %}: {{ news }}\n"
                                 "{% if personal %}{{ personal }}{% endif %}\n\n\n",
}


@pytest.fixture
def templates(settings):
    """Two email templates of a made-up app, served from memory before the project's own."""
    engine = dict(settings.TEMPLATES[0])
    engine["APP_DIRS"] = False
    engine["OPTIONS"] = {**engine.get("OPTIONS", {}), "loaders": [
        ("django.template.loaders.locmem.Loader", TEMPLATES),
        "django.template.loaders.filesystem.Loader",
        "django.template.loaders.app_directories.Loader",
    ]}
    settings.TEMPLATES = [engine, *settings.TEMPLATES[1:]]


@pytest.fixture
def outbox(db, templates, mail_queue):
    """The made-up app's templates, the locmem mailbox and an empty queue for the real worker."""


@pytest.fixture
def department(db) -> Department:
    return departments_seed()["kaupunkiymparisto"]


def queue_news(department, *recipients: Recipient, language: str = "fi") -> list[Notification]:
    return notification_queue(about=department, kind="news", language=language, template="test_outbox/news",
                              context={"department": department, "news": "Uusi kaava"}, recipients=recipients)


def relay(*args: str) -> str:
    out = io.StringIO()
    call_command("relay_outbox", "--once", *args, stdout=out)
    return out.getvalue()


def test_a_message_about_any_row_is_sent_once_after_commit_with_its_stop_link(
    outbox, department, django_capture_on_commit_callbacks
):
    stop = "https://osallistu.example/lopeta/abc/"
    with django_capture_on_commit_callbacks(execute=True):
        rows = queue_news(department,
                          Recipient("asukas@example.fi", stop_url=stop, stop_reason="Tilasit nämä viestit. Lopeta:",
                                    context={"personal": "Hei Aino!"}),
                          Recipient("asukas@example.fi", stop_url=stop),  # listed twice: one email
                          Recipient("toimisto@example.fi"))  # a city office: no stop link
        assert mail.outbox == []  # nothing leaves before the change is committed
    assert [(row.about, row.kind) for row in rows] == [(department, "news"), (department, "news")]
    assert jobs_run() == {"finished": 2, "failed": 0}
    assert jobs_run() == {"finished": 0, "failed": 0}  # nothing left to send twice

    resident, office = sorted(mail.outbox, key=lambda message: message.to[0])
    assert resident.to == ["asukas@example.fi"] and office.to == ["toimisto@example.fi"]
    assert resident.subject == "Tila: Kaupunkiympäristön toimiala"  # Finnish, on one line
    assert resident.body == f"Tila: Uusi kaava\nHei Aino!\n\nTilasit nämä viestit. Lopeta: {stop}\n"
    assert office.body == "Tila: Uusi kaava\n"
    assert all(row.sent_at is not None for row in Notification.objects.filter(pk__in=[r.pk for r in rows]))


def test_the_message_is_rendered_in_the_language_it_is_queued_in(outbox, department, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        queue_news(department, Recipient("invanare@example.fi"), language="sv")
    jobs_run()
    assert mail.outbox[0].body.startswith("Status: Uusi kaava")  # sv "Status", not fi "Tila"
    assert mail.outbox[0].subject.startswith("Status:")


def test_plain_text_emails_carry_what_was_written_not_html_escapes(outbox, department):
    """A note or a name with & or quotes reaches the resident as written (not as &amp; or &quot;)."""
    [row] = notification_queue(about=department, kind="news", language="fi", template="test_outbox/news",
                               context={"department": department, "news": 'Katu & "puisto" <b>'},
                               recipients=[Recipient("asukas@example.fi")])
    assert row.body == 'Tila: Katu & "puisto" <b>\n'


def test_a_rolled_back_change_leaves_no_message_and_no_job(outbox, department, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        with pytest.raises(RuntimeError), transaction.atomic():
            queue_news(department, Recipient("asukas@example.fi"))
            raise RuntimeError("the change failed")
    assert not Notification.objects.exists()
    assert django_rq.get_queue("default").count == 0


def test_redis_down_the_relay_sends_a_message_about_any_row_later(
    outbox, department, settings, private_redis, django_capture_on_commit_callbacks
):
    working = settings.RQ_QUEUES
    settings.RQ_QUEUES = {"default": {**working["default"], "URL": private_redis.url}}
    private_redis.stop()
    with django_capture_on_commit_callbacks(execute=True):
        (row,) = queue_news(department, Recipient("asukas@example.fi"))
    row.refresh_from_db()
    assert row.enqueued_at is None and row.sent_at is None  # written, not queued, nothing raised
    assert relay() == "Queued 0 job(s).\n"  # Redis still down: the row waits

    settings.RQ_QUEUES = working
    assert relay() == "Queued 1 job(s).\n"
    jobs_run()
    assert [message.to for message in mail.outbox] == [["asukas@example.fi"]]
    assert relay("--stale-after", "0") == "Queued 0 job(s).\n"  # sent: never queued again


def test_stopping_drops_only_that_addresss_unsent_messages_about_that_row(outbox, department):
    other = departments_seed()["sivistys"]
    queue_news(department, Recipient("asukas@example.fi"), Recipient("naapuri@example.fi"))
    queue_news(other, Recipient("asukas@example.fi"))
    sent = queue_news(department, Recipient("asukas@example.fi"))[0]
    Notification.objects.filter(pk=sent.pk).update(sent_at="2026-01-01T00:00Z")

    assert notification_drop_unsent(about=department, recipient="asukas@example.fi") == 1
    left = sorted(Notification.objects.values_list("about_id", "recipient", "sent_at"))
    assert [(about, recipient, sent is not None) for about, recipient, sent in left] == sorted([
        (department.pk, "naapuri@example.fi", False), (other.pk, "asukas@example.fi", False),
        (department.pk, "asukas@example.fi", True)])
