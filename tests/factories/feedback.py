"""Feedback made through the real service, at hand-placed points inside the demo city's areas.

The areas come from ``planning.demo.demo_city_load()`` (the ``demo_city`` fixture): the service
refuses points outside the city, so these factories only work once it has run.
"""

import io

import django_rq
import factory
from django.contrib.gis.geos import Point
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image
from rq import SimpleWorker

from geo_feedback.models import Category, Channel, FeedbackKind
from geo_feedback.services.feedback import feedback_create

# WGS84 points found inside the demo city's postal areas (code: (lon, lat)).
RAILWAY_STATION = (22.8565, 62.7823)  # 60100 Seinäjoki Keskus
POINTS = {
    "60100": RAILWAY_STATION,
    "60120": (22.8548, 62.8008),  # Pohja
    "60550": (22.9775, 62.8389),  # Nurmo Keskus
    "61100": (23.1685, 62.5124),  # Peräseinäjoki Keskus
    "61400": (22.5416, 62.9758),  # Ylistaro Keskus
}
HELSINKI_CATHEDRAL = (24.9521, 60.1704)  # far outside the city

GPS_IFD = 0x8825  # the EXIF pointer to the GPS block
EXIF_MAKE = 0x010F


def point(lon_lat: tuple[float, float] = RAILWAY_STATION) -> Point:
    """A WGS84 point, as the API and forms hand it to the service."""
    return Point(*lon_lat, srid=4326)


def category(service_code: str = "171") -> Category:
    """A category from the seeded table (171 = street condition, 401 = health, wellbeing county)."""
    return Category.objects.select_related("department").get(service_code=service_code)


def jpeg_with_gps(*, size: tuple[int, int] = (320, 240), name: str = "camera.jpg") -> SimpleUploadedFile:
    """A phone photo: a JPEG whose EXIF names the camera and the place it was taken (Seinäjoki)."""
    image = Image.new("RGB", size, (40, 120, 200))
    exif = Image.Exif()
    exif[EXIF_MAKE] = "Phonemaker"
    gps = exif.get_ifd(GPS_IFD)
    gps.update({1: "N", 2: (62.0, 47.0, 0.0), 3: "E", 4: (22.0, 51.0, 0.0)})
    buffer = io.BytesIO()
    image.save(buffer, "JPEG", exif=exif)
    return SimpleUploadedFile(name, buffer.getvalue(), content_type="image/jpeg")


def image_upload(image_format: str = "PNG", *, size: tuple[int, int] = (64, 48), name: str | None = None):
    """A small plain image file of ``image_format`` (PNG, JPEG, GIF, WEBP)."""
    buffer = io.BytesIO()
    Image.new("RGB", size, (200, 60, 30)).save(buffer, image_format)
    extension = {"JPEG": "jpg"}.get(image_format, image_format.lower())
    return SimpleUploadedFile(name or f"photo.{extension}", buffer.getvalue())


class FeedbackFactory(factory.Factory):
    """A resident's report stored by ``feedback_create``; a street fault at the railway station."""

    class Meta:
        model = dict  # built by the service in _create, not by the model

    category = factory.LazyFunction(category)
    kind = FeedbackKind.FAULT
    description = factory.Sequence(lambda n: f"Kuoppa katuun, kohta {n}: auto pomppaa pahasti.")
    location = factory.LazyFunction(point)
    reporter_email = ""
    channel = Channel.WEB
    language = "fi"

    @classmethod
    def _create(cls, model_class, **kwargs):
        return feedback_create(**kwargs).feedback

    @classmethod
    def _build(cls, model_class, **kwargs):
        return kwargs  # the keyword arguments feedback_create would get


# Jobs: a real RQ worker on the test's Redis, run in this process (SimpleWorker, burst) so that
# it shares the test's database transaction and Django's locmem mail.outbox.


def jobs_clear(queue=None) -> None:
    """Empty the default queue and its registries, so a test sees only its own jobs."""
    queue = queue or django_rq.get_queue("default")
    queue.empty()
    for registry in (queue.failed_job_registry, queue.finished_job_registry):
        for job_id in registry.get_job_ids():
            registry.remove(job_id, delete_job=True)


def jobs_run() -> dict[str, int]:
    """Run every queued job once with a burst worker; returns how many finished and failed."""
    queue = django_rq.get_queue("default")
    finished, failed = queue.finished_job_registry.count, queue.failed_job_registry.count
    django_rq.get_worker("default", worker_class=SimpleWorker).work(burst=True)
    assert queue.count == 0
    return {"finished": queue.finished_job_registry.count - finished,
            "failed": queue.failed_job_registry.count - failed}
