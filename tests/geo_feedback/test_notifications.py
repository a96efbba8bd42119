"""Emails through the outbox and a real RQ worker: receipts, status news, a Redis outage, retries."""

import io
import re
import smtplib

import pytest
from django.conf import settings
from django.core import mail
from django.core.mail.backends.base import BaseEmailBackend
from django.core.management import call_command
from django.utils import translation

from city import jobs
from city.models import Notification
from city.queue import enqueue_now
from city.services.outbox import MAX_ATTEMPTS, outbox_relay
from geo_feedback.services.feedback import feedback_support, feedback_transition
from geo_feedback.statuses import FeedbackStatus
from tests.factories import FeedbackFactory, jobs_clear, jobs_run, jpeg_with_gps

REPORTER = "maija@example.fi"
FOLLOWERS = ["naapuri@example.fi", "toinen.naapuri@example.fi"]


class BrokenSMTPBackend(BaseEmailBackend):
    """The mail server hangs up, as a real one does under load."""

    def send_messages(self, messages):
        raise smtplib.SMTPServerDisconnected("Connection unexpectedly closed")


@pytest.fixture
def worker(city, mail_queue):
    """The locmem mailbox, an empty queue on the test's Redis db, and the demo city."""


def follow_url(feedback) -> str:
    return f"{settings.SITE_URL}/palaute/seuraa/{feedback.follow_token}/"


def relay(*args: str) -> str:
    out = io.StringIO()
    call_command("relay_outbox", "--once", *args, stdout=out)
    return out.getvalue()


def test_a_report_with_an_email_gets_a_receipt_only_to_the_reporter(worker, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        feedback = FeedbackFactory(reporter_email=REPORTER, reporter_name="Maija")
    assert jobs_run() == {"finished": 1, "failed": 0}

    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == [REPORTER] and not message.cc and not message.bcc
    assert message.from_email == settings.DEFAULT_FROM_EMAIL
    assert feedback.number in message.subject
    assert follow_url(feedback) in message.body
    row = Notification.objects.get(feedback=feedback)
    assert (row.kind, row.recipient, row.attempts, row.last_error) == ("receipt", REPORTER, 1, "")
    assert row.sent_at is not None and row.enqueued_at is not None


def test_a_report_without_an_email_sends_nothing(worker, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        feedback = FeedbackFactory()
        feedback_transition(feedback=feedback, to_status=FeedbackStatus.HANDLED, public_note="Korjattu.")
    jobs_run()
    assert mail.outbox == [] and not Notification.objects.exists()


def test_handled_tells_the_reporter_and_every_follower_once(worker, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        feedback = FeedbackFactory(reporter_email=REPORTER)
        for email in FOLLOWERS:
            feedback_support(feedback=feedback, email=email)
        feedback_support(feedback=feedback)  # anonymous: nobody to tell
        feedback_support(feedback=feedback, email=REPORTER)  # the reporter follows too: still one email
    jobs_run()
    mail.outbox.clear()

    with django_capture_on_commit_callbacks(execute=True):
        feedback_transition(feedback=feedback, to_status=FeedbackStatus.HANDLED,
                            public_note="Kuoppa paikattiin tiistaina.", internal_note="Urakoitsija X")
    assert jobs_run() == {"finished": 3, "failed": 0}

    by_recipient = {message.to[0]: message for message in mail.outbox}
    assert sorted(by_recipient) == sorted([REPORTER, *FOLLOWERS])
    assert all(len(message.to) == 1 for message in mail.outbox)
    for message in mail.outbox:
        assert feedback.number in message.subject
        assert "Kuoppa paikattiin tiistaina." in message.body
        assert "Urakoitsija X" not in message.body  # internal notes stay inside
    assert follow_url(feedback) in by_recipient[REPORTER].body
    for email in FOLLOWERS:  # the follow link is the reporter's secret; followers get the public page
        assert feedback.follow_token not in by_recipient[email].body
        assert f"{settings.SITE_URL}/palaute/{feedback.number}/" in by_recipient[email].body


def test_a_move_without_notify_sends_nothing(worker, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        feedback = FeedbackFactory(reporter_email=REPORTER)
        feedback_transition(feedback=feedback, to_status=FeedbackStatus.IN_TRIAGE, notify=False)
    jobs_run()
    assert [message.to for message in mail.outbox] == [[REPORTER]]  # the receipt only


def _catalogue_has(language: str, msgid: str) -> bool:
    with translation.override(language):
        return translation.gettext(msgid) != msgid


def test_a_swedish_report_gets_its_emails_in_swedish(worker, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        feedback = FeedbackFactory(reporter_email=REPORTER, language="sv")
        feedback_transition(feedback=feedback, to_status=FeedbackStatus.HANDLED)
    jobs_run()
    receipt, status = sorted(mail.outbox, key=lambda message: "status" in message.subject.lower())
    # The category's name comes from the data, not the catalogue: it is Swedish today.
    assert "Gatornas skick" in receipt.body and "Katujen kunto" not in receipt.body
    assert feedback.number in receipt.subject and feedback.number in status.subject
    with translation.override("sv"):
        assert str(FeedbackStatus.HANDLED.label) in status.subject  # the status as the catalogue names it


def test_the_swedish_email_text_comes_from_the_catalogue(worker, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        feedback = FeedbackFactory(reporter_email=REPORTER, language="sv")
        feedback_transition(feedback=feedback, to_status=FeedbackStatus.HANDLED)
    jobs_run()
    bodies = "\n".join(message.body for message in mail.outbox)
    assert "Tack för din respons till Seinäjoki stad." in bodies
    assert "Kvitterad som åtgärdad" in bodies
    assert "Thank you for your feedback" not in bodies


def test_redis_down_loses_nothing_and_the_relay_sends_each_email_once(
    worker, settings, private_redis, django_capture_on_commit_callbacks, caplog
):
    working = settings.RQ_QUEUES
    settings.RQ_QUEUES = {"default": {**working["default"], "URL": private_redis.url}}
    settings.REDIS_URL = private_redis.url
    private_redis.stop()

    # The request path does not notice: nothing raises, every email waits in the outbox.
    with django_capture_on_commit_callbacks(execute=True):
        feedback = FeedbackFactory(reporter_email=REPORTER, photos=[jpeg_with_gps()])
        feedback_support(feedback=feedback, email=FOLLOWERS[0])
    with django_capture_on_commit_callbacks(execute=True):
        feedback_transition(feedback=feedback, to_status=FeedbackStatus.HANDLED, public_note="Korjattu.")
    rows = Notification.objects.filter(feedback=feedback)
    assert sorted(rows.values_list("kind", "recipient")) == [
        ("receipt", REPORTER), ("status", REPORTER), ("status", FOLLOWERS[0])]
    assert all(row.sent_at is None and row.enqueued_at is None and row.attempts == 0 for row in rows)
    assert "could not enqueue notification_send" in caplog.text
    assert relay() == "Queued 0 job(s).\n"  # while Redis is down the relay waits too

    # Redis is back: one relay round and one worker send each email once.
    settings.RQ_QUEUES = working
    settings.REDIS_URL = working["default"]["URL"]
    assert relay() == "Queued 3 job(s).\n"
    assert all(row.enqueued_at is not None and row.sent_at is None for row in rows.all())
    assert mail.outbox == []
    jobs_run()
    assert sorted(message.to[0] for message in mail.outbox) == sorted([REPORTER, REPORTER, FOLLOWERS[0]])
    assert all(row.sent_at is not None for row in rows.all())

    # Nothing is pending any more: another round queues nothing and sends nothing.
    assert relay("--stale-after", "0") == "Queued 1 job(s).\n"  # only the thumbnail the outage lost
    jobs_run()
    assert len(mail.outbox) == 3
    assert feedback.photos.get().thumbnail


def test_the_send_job_run_twice_sends_once(worker, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        feedback = FeedbackFactory(reporter_email=REPORTER)
    row = Notification.objects.get(feedback=feedback)
    assert enqueue_now(jobs.notification_send, row.pk)  # a second job for the same row
    assert jobs_run() == {"finished": 2, "failed": 0}
    assert len(mail.outbox) == 1
    assert jobs.notification_send(row.pk) is False  # and a third, run by hand
    assert len(mail.outbox) == 1
    row.refresh_from_db()
    assert row.attempts == 1


def test_a_failed_send_is_recorded_and_retried_by_the_relay(worker, settings, django_capture_on_commit_callbacks):
    settings.EMAIL_BACKEND = "tests.geo_feedback.test_notifications.BrokenSMTPBackend"
    with django_capture_on_commit_callbacks(execute=True):
        feedback = FeedbackFactory(reporter_email=REPORTER)
    assert jobs_run() == {"finished": 0, "failed": 1}
    row = Notification.objects.get(feedback=feedback)
    assert row.sent_at is None and row.attempts == 1
    assert row.last_error.startswith("SMTPServerDisconnected")

    assert relay() == "Queued 0 job(s).\n"  # queued moments ago: not stale yet
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    assert relay("--stale-after", "0") == "Queued 1 job(s).\n"
    jobs_run()
    row.refresh_from_db()
    assert (row.attempts, row.last_error, len(mail.outbox)) == (2, "", 1)
    assert row.sent_at is not None


def test_the_relay_gives_up_after_max_attempts(worker, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        feedback = FeedbackFactory(reporter_email=REPORTER)
    jobs_clear()  # the job is lost with Redis's memory
    Notification.objects.filter(feedback=feedback).update(attempts=MAX_ATTEMPTS, enqueued_at=None)
    assert outbox_relay() == 0
    Notification.objects.filter(feedback=feedback).update(attempts=MAX_ATTEMPTS - 1)
    assert outbox_relay() == 1


def test_the_links_in_an_email_open_the_pages_in_its_language(worker, django_capture_on_commit_callbacks, settings):
    settings.SITE_URL = "https://osallistu.example.fi"
    with django_capture_on_commit_callbacks(execute=True):
        swedish = FeedbackFactory(reporter_email=REPORTER, language="sv")
        finnish = FeedbackFactory(reporter_email="toinen@example.fi", language="fi")
        feedback_support(feedback=swedish, email=FOLLOWERS[0])
        feedback_transition(feedback=swedish, to_status=FeedbackStatus.HANDLED)
    jobs_run()
    by_recipient = {}
    for message in mail.outbox:
        by_recipient.setdefault(message.to[0], []).append(message.body)
    swedish_links = re.findall(r"https://osallistu\.example\.fi\S+", "\n".join(by_recipient[REPORTER] +
                                                                             by_recipient[FOLLOWERS[0]]))
    assert swedish_links and all(link.startswith("https://osallistu.example.fi/sv/palaute/") for link in swedish_links)
    assert f"https://osallistu.example.fi/sv/palaute/seuraa/{swedish.follow_token}/" in swedish_links
    finnish_links = re.findall(r"https://osallistu\.example\.fi\S+", "\n".join(by_recipient["toinen@example.fi"]))
    assert finnish_links and all(link.startswith("https://osallistu.example.fi/palaute/") for link in finnish_links)
    assert finnish.number  # its receipt was sent
