"""feedback_create, its refusals, numbering, placement, forwarding and idempotency; feedback_support."""

import io
import os
import re
from pathlib import Path

import pytest
from django.conf import settings
from django.contrib.gis.geos import Point
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone, translation
from PIL import Image

from city.models import Notification
from geo_feedback.models import (
    Feedback,
    FeedbackEvent,
    FeedbackFollower,
    FeedbackNumberCounter,
    FeedbackPhoto,
    IdempotencyKey,
)
from geo_feedback.notes import note_text
from geo_feedback.services import feedback as feedback_services
from geo_feedback.services.feedback import (
    FeedbackInvalid,
    Supported,
    feedback_create,
    feedback_support,
)
from geo_feedback.statuses import FeedbackStatus
from tests.factories import (
    HELSINKI_CATHEDRAL,
    POINTS,
    FeedbackFactory,
    category,
    image_upload,
    point,
)


def stored() -> dict[str, int]:
    """Everything a report leaves behind, counted."""
    return {
        "feedback": Feedback.objects.count(),
        "events": FeedbackEvent.objects.count(),
        "photos": FeedbackPhoto.objects.count(),
        "notifications": Notification.objects.count(),
        "keys": IdempotencyKey.objects.count(),
        "numbers": sum(FeedbackNumberCounter.objects.values_list("last", flat=True)),
        "files": sum(1 for path in Path(settings.MEDIA_ROOT).rglob("*") if path.is_file()),
    }


def noise_png(*, side: int = 1900) -> SimpleUploadedFile:
    """A real PNG of random pixels, stored uncompressed: 1900 × 1900 × 3 bytes is over 10 MB."""
    buffer = io.BytesIO()
    Image.frombytes("RGB", (side, side), os.urandom(side * side * 3)).save(buffer, "PNG", compress_level=0)
    return SimpleUploadedFile("noise.png", buffer.getvalue(), content_type="image/png")


def inactive_category():
    street = category("171")
    street.is_active = False
    street.save(update_fields=["is_active"])
    return street


REFUSALS = {
    # name: (keyword arguments over a valid street fault with an email and a photo, the field named)
    "outside the city": (lambda: {"location": point(HELSINKI_CATHEDRAL)}, "location"),
    "too short": (lambda: {"description": "  Kuoppa  "}, "description"),
    "too long": (lambda: {"description": "k" * 5001}, "description"),
    "a GIF": (lambda: {"photos": [image_upload("GIF")]}, "photos"),
    "a text file named .jpg": (
        lambda: {"photos": [SimpleUploadedFile("kuva.jpg", b"not a picture at all", content_type="image/jpeg")]},
        "photos",
    ),
    "a photo over 10 MB": (lambda: {"photos": [noise_png()]}, "photos"),
    "no category": (lambda: {"category": None}, "category"),
    "an inactive category": (lambda: {"category": inactive_category()}, "category"),
    "an unknown kind": (lambda: {"kind": "complaint"}, "kind"),
    "no place for a street fault": (lambda: {"location": None}, "location"),
    "six photos": (lambda: {"photos": [image_upload() for _ in range(6)]}, "photos"),
}


@pytest.mark.parametrize("case", REFUSALS)
def test_feedback_create_refuses_and_stores_nothing(city, case):
    FeedbackFactory()  # the counter and media exist already: a refusal must not move them
    overrides, field = REFUSALS[case]
    before = stored()
    arguments = {**FeedbackFactory.build(reporter_email="maija@example.fi", photos=[image_upload()]), **overrides()}

    with pytest.raises(FeedbackInvalid) as raised:
        feedback_create(**arguments)

    assert list(raised.value.message_dict) == [field], raised.value.message_dict
    assert all(message.strip() for message in raised.value.message_dict[field])
    assert stored() == before


def test_every_wrong_field_is_named_at_once(city):
    with pytest.raises(FeedbackInvalid) as raised:
        feedback_create(category=category("171"), kind="fault", description="lyhyt", location=None,
                        photos=[image_upload("GIF")])
    assert set(raised.value.message_dict) == {"description", "location", "photos"}


def test_the_oversize_photo_message_names_the_file_and_its_size(city):
    with pytest.raises(FeedbackInvalid) as raised:
        FeedbackFactory(photos=[noise_png()])
    assert "noise.png" in raised.value.message_dict["photos"][0]
    assert "10.3" in raised.value.message_dict["photos"][0]  # MB, so the resident knows how far over


def test_a_services_category_needs_no_place(city):
    feedback = FeedbackFactory(category=category("304"), location=None, kind="idea",
                               description="Kirjastoon lisää iltaaukioloa arkisin.")
    assert feedback.location is None and feedback.area is None
    assert feedback.status == FeedbackStatus.RECEIVED


def test_five_photos_are_stored_in_order(city):
    feedback = FeedbackFactory(photos=[image_upload(name=f"p{index}.png") for index in range(5)])
    assert list(feedback.photos.values_list("position", flat=True)) == [0, 1, 2, 3, 4]
    assert all(photo.image.name.endswith(".png") for photo in feedback.photos.all())


def test_numbers_are_sequential_unique_and_name_the_year(city):
    year = timezone.localtime().year
    numbers = [FeedbackFactory().number for _ in range(3)]
    for number in numbers:
        assert re.fullmatch(rf"SJK-{year}-\d{{6}}", number), number
    sequence = [int(number.rsplit("-", 1)[1]) for number in numbers]
    assert sequence == [sequence[0], sequence[0] + 1, sequence[0] + 2]
    assert len(set(Feedback.objects.values_list("number", flat=True))) == Feedback.objects.count() == 3


def test_a_refused_report_does_not_use_up_a_number(city):
    first = FeedbackFactory().number
    with pytest.raises(FeedbackInvalid):
        FeedbackFactory(description="lyhyt")
    second = FeedbackFactory().number
    assert int(second[-6:]) == int(first[-6:]) + 1


@pytest.mark.parametrize("code", POINTS)
def test_the_area_is_found_by_point_in_polygon(city, code):
    feedback = FeedbackFactory(location=point(POINTS[code]))
    assert feedback.area.code == code
    assert feedback.location.srid == 3067
    back = feedback.location.transform(4326, clone=True)
    assert (back.x, back.y) == pytest.approx(POINTS[code], abs=1e-7)


def test_a_point_given_in_the_storage_crs_is_placed_too(city):
    feedback = FeedbackFactory(location=Point(287_900, 6_968_500, srid=3067))  # near the station
    assert feedback.area.code == "60100"


@pytest.mark.parametrize("language", ["fi", "sv"])
def test_wellbeing_county_topics_are_forwarded_with_a_public_note(city, language):
    health = category("401")
    assert health.department.is_external
    feedback = FeedbackFactory(category=health, location=None, kind="question", language=language,
                               description="Miten saan ajan hammaslääkärille?", reporter_email="kysyja@example.fi")

    assert feedback.status == FeedbackStatus.FORWARDED
    assert feedback.department == health.department
    forwarded = feedback.events.get(to_status=FeedbackStatus.FORWARDED)
    assert forwarded.from_status == FeedbackStatus.RECEIVED
    # Kept by its key, read in each reader's language; the Finnish text stays for old readers and search.
    assert forwarded.details["note"] == {"key": "forwarded", "params": {"department": health.department.code}}
    assert health.department.name("fi") in forwarded.public_note
    assert health.department.name(language) in note_text(forwarded.details, forwarded.public_note, language=language)
    # The receipt tells the reporter; no second "status changed" email on top of it.
    assert list(feedback.notifications.values_list("kind", flat=True)) == ["receipt"]
    receipt = feedback.notifications.get()
    with translation.override(language):
        assert f": {FeedbackStatus.FORWARDED.label}\n" in receipt.body  # the status it has, not "received"


def test_city_topics_are_not_forwarded(city):
    feedback = FeedbackFactory(category=category("301"), location=None, kind="idea",
                               description="Koulun pihalle lisää penkkejä.")
    assert feedback.status == FeedbackStatus.RECEIVED
    assert not feedback.department.is_external


def test_an_idempotency_key_returns_the_first_report(city):
    first = feedback_create(**FeedbackFactory.build(reporter_email="a@example.fi"), idempotency_key="abc-1")
    before = stored()
    again = feedback_create(**FeedbackFactory.build(reporter_email="a@example.fi",
                                                    description="Eri teksti, sama avain kuitenkin."),
                            idempotency_key="abc-1")
    assert first.created and not again.created
    assert again.feedback.pk == first.feedback.pk
    assert stored() == before  # no second report, receipt or number
    other = feedback_create(**FeedbackFactory.build(), idempotency_key="abc-2")
    assert other.created and other.feedback.pk != first.feedback.pk


def test_a_parallel_retry_that_wins_the_race_gets_its_report_back(city, monkeypatch):
    """Two requests with one key: the second stores its key while the first is half-way."""
    winner = FeedbackFactory()
    real_next = feedback_services.feedback_number_next

    def meanwhile_the_other_request_commits(*, year):
        IdempotencyKey.objects.create(key="race-1", feedback=winner)
        return real_next(year=year)

    monkeypatch.setattr(feedback_services, "feedback_number_next", meanwhile_the_other_request_commits)
    before = Feedback.objects.count()
    result = feedback_create(**FeedbackFactory.build(reporter_email="b@example.fi"), idempotency_key="race-1")
    assert (result.created, result.feedback.pk) == (False, winner.pk)
    assert Feedback.objects.count() == before
    assert not Notification.objects.filter(recipient="b@example.fi").exists()


def test_support_counts_once_per_email(city):
    feedback = FeedbackFactory()
    assert feedback_support(feedback=feedback, email="Naapuri@Example.fi").counted
    assert feedback_support(feedback=feedback, email="  naapuri@example.fi ") == Supported(counted=False, follower=None)
    assert feedback_support(feedback=feedback, email="toinen@example.fi").counted
    feedback_support(feedback=feedback)  # anonymous "me too"s each count
    feedback_support(feedback=feedback)
    feedback.refresh_from_db()
    assert feedback.supporter_count == 4
    assert sorted(FeedbackFollower.objects.filter(feedback=feedback).values_list("email", flat=True)) == [
        "", "", "naapuri@example.fi", "toinen@example.fi"]


def test_support_of_one_report_does_not_count_for_another(city):
    first, second = FeedbackFactory(), FeedbackFactory()
    feedback_support(feedback=first, email="naapuri@example.fi")
    feedback_support(feedback=second, email="naapuri@example.fi")
    assert list(Feedback.objects.order_by("pk").values_list("supporter_count", flat=True)) == [1, 1]
