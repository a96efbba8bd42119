"""The demo feedback: a year of reports in every category, kind and status, loaded once."""

import io
import re
import time
from datetime import timedelta

import pytest
from django.core.management import call_command
from django.db import transaction
from django.db.models import Count, Max, Min
from django.test import override_settings
from django.utils import timezone
from PIL import Image

from city.models import AreaKind, Notification
from geo_feedback.demo import DEMO_COUNT, EMAIL_DOMAIN
from geo_feedback.models import (
    Category,
    Feedback,
    FeedbackEvent,
    FeedbackFollower,
    FeedbackKind,
    FeedbackNumberCounter,
    FeedbackPhoto,
)
from geo_feedback.notes import note_text
from geo_feedback.statuses import TRANSITIONS, FeedbackStatus
from tests.factories import FeedbackFactory


@pytest.fixture(scope="module")
def demo(django_db_setup, django_db_blocker, tmp_path_factory):
    """load_demo_city run twice, once for the whole module, in a transaction rolled back after it."""
    media = str(tmp_path_factory.mktemp("demo-media"))
    with django_db_blocker.unblock(), override_settings(MEDIA_ROOT=media, DEBUG=True):  # a developer's demo
        outer = transaction.atomic()
        outer.__enter__()
        try:
            out = io.StringIO()
            started = time.monotonic()
            call_command("load_demo_city", stdout=out, stderr=io.StringIO())
            first_load = time.monotonic() - started
            first_count = Feedback.objects.count()
            call_command("load_demo_city", stdout=out, stderr=io.StringIO())
            yield {"out": out.getvalue(), "seconds": first_load, "first_count": first_count, "media": media}
        finally:
            transaction.set_rollback(True)
            outer.__exit__(None, None, None)


pytestmark = pytest.mark.django_db


def test_a_second_load_adds_nothing_and_it_is_quick(demo):
    assert demo["first_count"] == DEMO_COUNT
    assert Feedback.objects.count() == DEMO_COUNT
    assert f"Feedback: {DEMO_COUNT} demo reports" in demo["out"]
    assert "no demo reports added" in demo["out"]
    assert demo["seconds"] < 30


def test_every_category_kind_and_status_is_shown(demo):
    assert set(Feedback.objects.values_list("category_id", flat=True)) == set(
        Category.objects.filter(is_active=True).values_list("id", flat=True))
    assert set(Feedback.objects.values_list("kind", flat=True)) == set(FeedbackKind.values)
    assert set(Feedback.objects.values_list("status", flat=True)) == set(FeedbackStatus.values)
    assert set(Feedback.objects.values_list("language", flat=True)) == {"fi", "sv", "en"}


def test_history_follows_the_status_table_and_has_finnish_notes(demo):
    for feedback in Feedback.objects.prefetch_related("events"):
        events = list(feedback.events.all())
        assert events[0].from_status == "" and events[0].to_status == FeedbackStatus.RECEIVED
        for before, after in zip(events, events[1:]):
            assert after.from_status == before.to_status
            assert after.to_status in TRANSITIONS[after.from_status]
            assert before.created_at <= after.created_at
        assert events[-1].to_status == feedback.status
        assert events[0].created_at == feedback.created_at
        assert feedback.status_changed_at == events[-1].created_at
    notes = FeedbackEvent.objects.exclude(public_note="")
    assert notes.filter(to_status=FeedbackStatus.HANDLED).count() > 50
    assert notes.filter(public_note__contains="Kiitos").exists()
    assert FeedbackEvent.objects.exclude(internal_note="").count() > 20
    assert FeedbackEvent.objects.exclude(actor=None).filter(actor__username="admin").exists()
    forwarded = FeedbackEvent.objects.filter(to_status=FeedbackStatus.FORWARDED).first()
    assert "Etelä-Pohjanmaan hyvinvointialue" in forwarded.public_note
    merged = Feedback.objects.filter(status=FeedbackStatus.DUPLICATE).exclude(merged_into=None)
    assert merged.exists()
    for feedback in merged:
        assert feedback.merged_into.category_id == feedback.category_id
        assert feedback.merged_into.created_at < feedback.created_at


def test_the_demo_notes_read_in_each_readers_language(demo):
    """The demo's public notes are system notes, so a Swedish reader of the demo does not read Finnish;
    a duplicate's note names the report it was merged into, under the number that report ended with."""
    notes = FeedbackEvent.objects.exclude(public_note="")
    assert notes.count() > 100 and not notes.exclude(details__has_key="note").exists()
    handled = notes.filter(to_status=FeedbackStatus.HANDLED, details__note__key="demo_fault_repaired").first()
    assert handled.public_note == "Vika on korjattu. Kiitos ilmoituksesta!"
    assert note_text(handled.details, handled.public_note, language="sv") == "Felet har reparerats. Tack för anmälan!"
    merged = notes.filter(details__note__key="duplicate").select_related("feedback__merged_into")
    assert merged.exists()
    for event in merged:
        number = event.feedback.merged_into.number
        assert event.details["note"]["params"] == {"number": number}
        assert number in event.public_note


def test_reports_lie_in_residential_areas_weighted_by_population(demo):
    located = Feedback.objects.exclude(location=None)
    assert located.filter(area=None).count() == 0
    assert set(located.values_list("area__kind", flat=True)) == {AreaKind.POSTAL_AREA}
    per_area = dict(located.values_list("area__code").annotate(n=Count("id")))
    assert len(per_area) >= 10
    # The centre (9 020 residents) gets far more than Vuolle (240).
    assert per_area.get("60100", 0) > 5 * per_area.get("61110", 0)
    assert Feedback.objects.filter(location=None, category__location_required=True).count() == 0


def test_a_year_of_history_numbered_by_date(demo):
    now = timezone.now()
    span = Feedback.objects.aggregate(first=Min("created_at"), last=Max("created_at"))
    assert span["first"] > now - timedelta(days=366) and span["last"] < now
    assert span["last"] - span["first"] > timedelta(days=300)
    months = {(moment.year, moment.month) for moment in Feedback.objects.values_list("created_at", flat=True)}
    assert len(months) >= 12
    previous = None
    for number, created_at in Feedback.objects.order_by("created_at", "id").values_list("number", "created_at"):
        match = re.fullmatch(r"SJK-(\d{4})-(\d{6})", number)
        assert match and int(match[1]) == timezone.localtime(created_at).year
        if previous and previous[0] == match[1]:
            assert int(match[2]) == int(previous[1]) + 1
        previous = match.groups()
    # A report made now follows on from the demo's numbers.
    counters = dict(FeedbackNumberCounter.objects.values_list("year", "last"))
    this_year = timezone.localtime().year
    assert counters[this_year] == Feedback.objects.filter(number__startswith=f"SJK-{this_year}-").count()


def test_photos_are_clean_and_thumbnailed(demo, settings):
    settings.MEDIA_ROOT = demo["media"]
    photos = FeedbackPhoto.objects.all()
    assert photos.count() >= 10
    assert not photos.filter(thumbnail="").exists()
    photo = photos.first()
    with Image.open(photo.image.open("rb")) as image:
        assert image.size == (photo.width, photo.height) and not image.getexif()


def test_supporters_followers_and_no_email_sent(demo):
    supported = Feedback.objects.filter(supporter_count__gt=0)
    assert supported.count() >= 30
    assert supported.filter(supporter_count__gte=3).exists()
    assert not Feedback.objects.filter(status=FeedbackStatus.REJECTED, supporter_count__gt=0).exists()
    for feedback in supported[:20]:
        assert feedback.supporter_count == feedback.followers.count()
    assert FeedbackFollower.objects.exclude(email="").exists()
    reporters = Feedback.objects.exclude(reporter_email="")
    assert reporters.count() > 100
    assert all(email.endswith(f"@{EMAIL_DOMAIN}") for email in reporters.values_list("reporter_email", flat=True))
    # Nothing waits to be mailed: the demo feedback writes no email, and the demo panel messages'
    # rows (issue #15) are marked sent as they are written, so no demo address is ever mailed.
    assert not Notification.objects.filter(sent_at__isnull=True).exists()
    assert set(Notification.objects.values_list("kind", flat=True)) <= {"panel_message"}


def test_new_reports_after_the_demo_get_the_next_number(demo):
    this_year = timezone.localtime().year
    last = FeedbackNumberCounter.objects.get(year=this_year).last
    assert FeedbackFactory().number == f"SJK-{this_year}-{last + 1:06d}"
