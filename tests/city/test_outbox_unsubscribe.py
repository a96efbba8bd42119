"""One-click unsubscribe headers (RFC 8058): an email whose recipient's stop link takes a one-click POST
carries List-Unsubscribe and List-Unsubscribe-Post; every other email is sent as before, without them."""

import pytest
from django.core import mail

from city.models import Notification
from city.seed import departments_seed
from city.services.outbox import Recipient, notification_queue, notification_send
from tests.city.test_outbox import TEMPLATES

pytestmark = pytest.mark.django_db

STOP = "https://osallistu.example.fi/paneelit/eroa/abc123/"


@pytest.fixture
def news_templates(settings):
    engine = dict(settings.TEMPLATES[0])
    engine["APP_DIRS"] = False
    engine["OPTIONS"] = {**engine.get("OPTIONS", {}), "loaders": [
        ("django.template.loaders.locmem.Loader", TEMPLATES), "django.template.loaders.app_directories.Loader"]}
    settings.TEMPLATES = [engine, *settings.TEMPLATES[1:]]
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"


def test_a_one_click_recipient_gets_the_headers_and_others_do_not(news_templates):
    department = departments_seed()["kaupunkiymparisto"]
    rows = notification_queue(
        about=department, kind="news", language="fi", template="test_outbox/news", context={"news": "Uusi kaava"},
        recipients=[Recipient("panel@example.org", stop_url=STOP, stop_reason="Eroa:", one_click=True),
                    Recipient("follower@example.org", stop_url="https://osallistu.example.fi/lopeta/x/",
                              stop_reason="Lopeta:")])
    assert [row.unsubscribe_url for row in rows] == [STOP, ""]
    for row in rows:
        assert notification_send(notification_id=row.pk)
    one_click, plain = mail.outbox
    assert one_click.to == ["panel@example.org"] and plain.to == ["follower@example.org"]
    assert one_click.extra_headers == {"List-Unsubscribe": f"<{STOP}>",
                                       "List-Unsubscribe-Post": "List-Unsubscribe=One-Click"}
    message = one_click.message()
    assert message["List-Unsubscribe"] == f"<{STOP}>"
    assert message["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert one_click.body.rstrip().endswith(STOP)  # the stop link stays in the body too
    assert "List-Unsubscribe" not in plain.message()
    assert Notification.objects.filter(sent_at__isnull=False).count() == 2
    assert not notification_send(notification_id=rows[0].pk)  # sent once
    assert len(mail.outbox) == 2
