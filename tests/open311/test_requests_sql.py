"""The request lists PostgreSQL writes are the documents the Python representation wrote, byte for byte.

The Python path (ORM rows shaped per row, rendered by json.dumps and ElementTree) is kept here as the
oracle, as it was when the lists moved into SQL. Tickets are chosen to be awkward: public notes,
photos with odd names, Swedish and English names with Finnish fallbacks, an outside body, both sides
of both DST changes, control characters and markup.
"""

from datetime import UTC, datetime, timedelta

import pytest
from django.conf import settings
from django.contrib.gis.db.models.functions import Transform
from django.contrib.gis.geos import Point
from django.contrib.postgres.expressions import ArraySubquery
from django.core.files.storage import default_storage
from django.db import connection
from django.db.models import FloatField, Func, OuterRef, Subquery
from django.db.models.functions import Round
from django.test import RequestFactory
from django.utils import timezone, translation

from city.models import AreaKind, Department
from geo_feedback.models import Category, Feedback, FeedbackEvent, FeedbackPhoto
from geo_feedback.notes import SystemNote, note_duplicate, note_text
from geo_feedback.open311.mapping import STATUS_MAP
from geo_feedback.open311.params import requests_query_parse
from geo_feedback.open311.renderers import (
    XML_DECLARATION,
    Number,
    Text,
    TextList,
    json_bytes,
    json_list_sql,
    render,
    xml_bytes,
    xml_list_sql,
)
from geo_feedback.open311.representation import TITLE_LENGTH, request_shape, service_notice
from geo_feedback.open311.selectors import requests_filtered
from geo_feedback.services.feedback import feedback_transition
from geo_feedback.statuses import FeedbackStatus
from tests.factories import image_upload
from tests.open311.conftest import BASE, report

# --- The oracle: the Python representation the SQL replaced --------------------------------------

OLD_FIELDS = (
    "number", "status", "description", "address_text", "created_at", "updated_at",
    "category__service_code", "category__name_fi", "category__name_sv", "category__name_en",
    "category__target_days", "department__name_fi", "department__name_sv", "department__name_en",
    "department__is_external", "area__code", "area__kind", "lat", "long", "status_note", "status_note_details",
    "photo_names",
)


def old_queryset():
    latest_note = (FeedbackEvent.objects.filter(feedback=OuterRef("pk")).exclude(public_note="")
                   .order_by("-created_at", "-id"))
    photos = FeedbackPhoto.objects.filter(feedback=OuterRef("pk"), is_public=True).order_by("position", "id")
    return Feedback.objects.public().annotate(
        lat=Round(Func(Transform("location", settings.API_SRID), function="ST_Y", output_field=FloatField()), 6),
        long=Round(Func(Transform("location", settings.API_SRID), function="ST_X", output_field=FloatField()), 6),
        status_note=Subquery(latest_note.values("public_note")[:1]),
        status_note_details=Subquery(latest_note.values("details")[:1]),
        photo_names=ArraySubquery(photos.values("image")),
    )


def old_title(description: str) -> str:
    first_line = description.strip().splitlines()[0] if description.strip() else ""
    if len(first_line) <= TITLE_LENGTH:
        return first_line
    return first_line[: TITLE_LENGTH - 1].rstrip() + "…"


def old_request(row: dict, *, language: str, absolute, extensions: bool) -> dict:
    def named(prefix):
        return row.get(f"{prefix}_{language}") or row[f"{prefix}_fi"]

    def w3c(moment):
        return moment.astimezone(timezone.get_current_timezone()).isoformat(timespec="seconds")

    status, detailed_status = STATUS_MAP[row["status"]]
    department = named("department__name")
    media_urls = [absolute(default_storage.url(name)) for name in row["photo_names"] or []]
    data = {
        "service_request_id": row["number"],
        "status": status,
        # A note the system wrote in the client's language (the page's renderer), any other as written.
        "status_notes": note_text(row["status_note_details"], row["status_note"] or "", language=language) or None,
        "service_name": named("category__name"),
        "service_code": row["category__service_code"],
        "description": row["description"],
        "agency_responsible": department,
        "service_notice": service_notice(target_days=row["category__target_days"], department=department,
                                         external=row["department__is_external"]),
        "requested_datetime": w3c(row["created_at"]),
        "updated_datetime": w3c(row["updated_at"]),
        "expected_datetime": w3c(row["created_at"] + timedelta(days=row["category__target_days"])),
        "address": row["address_text"] or None,
        "address_id": None,
        "zipcode": row["area__code"] if row["area__kind"] == AreaKind.POSTAL_AREA else None,
        "lat": row["lat"],
        "long": row["long"],
        "media_url": media_urls[0] if media_urls else None,
    }
    if extensions:
        data["extended_attributes"] = {
            "title": old_title(row["description"]),
            "detailed_status": detailed_status,
            "media_urls": media_urls,
            "service_object_id": None,
            "service_object_type": None,
        }
    return data


def old_document(path: str, *, language: str) -> bytes:
    """What the Python path answered to GET ``path`` (a list of requests, or requests/{id})."""
    request = RequestFactory().get(path)
    response_format = path.split("?")[0].rsplit(".", 1)[1]
    extensions = request.GET.get("extensions") == "true"
    if "/requests/" in path:
        number = path.split("/requests/")[1].split(".")[0]
        rows = list(old_queryset().filter(number=number).values(*OLD_FIELDS))
    else:
        query = requests_query_parse(request.GET)
        ids = requests_filtered(query).order_by("-created_at", "-id").values("pk")[: query.limit]
        rows = list(old_queryset().filter(pk__in=ids).order_by("-created_at", "-id").values(*OLD_FIELDS))
    with translation.override(language):
        data = [old_request(row, language=language, absolute=request.build_absolute_uri, extensions=extensions)
                for row in rows]
    return render(data, response_format=response_format, root="service_requests").content


# --- Awkward tickets ------------------------------------------------------------------------------

HELSINKI_DST = [  # (created_at in UTC, why)
    (datetime(2026, 1, 15, 10, 0, tzinfo=UTC), "winter, +02:00"),
    (datetime(2026, 7, 1, 21, 30, 5, 999999, tzinfo=UTC), "summer, +03:00, next day in Finland"),
    (datetime(2026, 3, 29, 0, 59, 59, tzinfo=UTC), "the last second of winter time"),
    (datetime(2026, 3, 29, 1, 0, 0, tzinfo=UTC), "the first second of summer time"),
    (datetime(2026, 3, 20, 8, 0, tzinfo=UTC), "expected after the spring change"),
    (datetime(2026, 10, 20, 8, 0, tzinfo=UTC), "expected after the autumn change"),
    (datetime(2026, 10, 25, 0, 30, tzinfo=UTC), "03:30 the first time"),
    (datetime(2026, 10, 25, 1, 30, tzinfo=UTC), "03:30 the second time"),
]

DESCRIPTIONS = [
    "Kuoppa <b>\"syvä\"</b> & 'vaarallinen' > 5 cm",
    "Ohjausmerkit\x01\x02\x08 \x0b\x0c\x0e\x1b\x1c\x1f pois XML:stä \ufffe\uffff, sarkain\tjää",
    "\n\n  \r\n  Otsikko rivinvaihtojen jälkeen  \r\nToinen rivi",
    "\u2028\u3000Eka\u2029toka\x85kolmas",
    "Pitkä ensimmäinen rivi " * 6 + "\nlyhyt toinen",
    "x" * 78 + "  \t yyyy",
    "Välilyöntejä lopussa   \t",
    "Rivi\x1ceroteltu\x1dryhmä\x1etietue\x1fyksikkö",
    " \n\t \u00a0\u2028\r\n\x0b\x0c\u3000 ",  # only white space: an empty title
    "Emoji 😀 ja yhdistelmä e\u0301 ja nolla-leveä\u200b väli",
]

PHOTO_NAMES = [
    "feedback/2026/11/photo_Ab12Cd3.jpg",
    "feedback/2026/11/kuva ä&ö(1)'~!*.jpg",
    "feedback/2026/11/a%b?c#d;e:f@g+h,i=j$k.png",
    "feedback/2026/11/😀\u2028.webp",
]


@pytest.fixture
def awkward_tickets(city):
    """Tickets covering every branch of the representation; returns their numbers."""
    made = []
    for (moment, _why), description in zip(HELSINKI_DST, DESCRIPTIONS, strict=False):
        feedback = report(description="Tilapäinen kuvaus, korvataan", address_text="Koulukatu 1 & <2>")
        Feedback.objects.filter(pk=feedback.pk).update(created_at=moment, updated_at=moment + timedelta(days=40),
                                                       description=description)
        made.append(feedback)
    for description in DESCRIPTIONS[len(HELSINKI_DST):]:
        feedback = report("304", description="Tilapäinen kuvaus, korvataan", point=None)  # no lat, long, zipcode
        Feedback.objects.filter(pk=feedback.pk).update(description=description)
        made.append(feedback)

    # public notes: the latest non-empty one counts
    noted = made[0]
    feedback_transition(feedback=noted, to_status=FeedbackStatus.ROUTED, public_note="Ensimmäinen huomio")
    feedback_transition(feedback=noted, to_status=FeedbackStatus.IN_PROGRESS,
                        public_note="Työ alkaa <maanantaina> & kestää\x07 viikon")
    feedback_transition(feedback=made[1], to_status=FeedbackStatus.HANDLED)

    # notes the system wrote: in the client's language; one whose department is gone keeps its text
    feedback_transition(feedback=made[5], to_status=FeedbackStatus.DUPLICATE, note=note_duplicate(made[6].number))
    feedback_transition(feedback=made[7], to_status=FeedbackStatus.ROUTED, note=SystemNote(
        "demo_routed", {"department": "kaupunkiymparisto"}))
    gone = feedback_transition(feedback=made[6], to_status=FeedbackStatus.ROUTED, note=SystemNote(
        "demo_routed", {"department": "kaupunkiymparisto"}))
    gone.events.filter(to_status=FeedbackStatus.ROUTED).update(details={"note": {"key": "demo_routed", "params": {
        "department": "lakkautettu"}}})

    # photos: public ones in position order, a hidden one, names that need quoting
    for position, name in enumerate(PHOTO_NAMES):
        FeedbackPhoto.objects.create(feedback=made[2], image=name, width=64, height=48, position=position)
    FeedbackPhoto.objects.create(feedback=made[2], image=image_upload(), width=64, height=48, position=9)
    FeedbackPhoto.objects.create(feedback=made[2], image="feedback/hidden.jpg", width=64, height=48,
                                 position=0, is_public=False)
    FeedbackPhoto.objects.create(feedback=made[3], image=image_upload(), width=64, height=48)

    # a point whose latitude rounds to a whole degree (Python writes 63.0, not 63)
    Feedback.objects.filter(pk=made[4].pk).update(location=Point(22.8, 63.0, srid=4326))

    # an outside body, and names missing in Swedish or English
    forwarded = report("401", description="Terveysasema ei vastaa & jono on pitkä")  # forwarded at once
    made.append(forwarded)
    Department.objects.filter(pk=forwarded.department_id).update(name_fi="Hyvinvointialue & <Pohjanmaa>", name_en="")
    Category.objects.filter(pk=forwarded.category_id).update(name_en="")
    Department.objects.filter(pk=made[0].department_id).update(name_sv="")

    spam = report(description="Osta halpoja kelloja")
    feedback_transition(feedback=spam, to_status=FeedbackStatus.REJECTED)
    return [feedback.number for feedback in made]


@pytest.mark.parametrize("language", ["fi", "sv", "en"])
@pytest.mark.parametrize("response_format", ["json", "xml"])
@pytest.mark.parametrize("extensions", ["true", "false"])
def test_the_lists_are_the_old_documents_byte_for_byte(client, awkward_tickets, language, response_format,
                                                        extensions):
    ids = ",".join(awkward_tickets)
    path = f"{BASE}/requests.{response_format}?service_request_id={ids}&locale={language}&extensions={extensions}"
    response = client.get(path)
    assert response.status_code == 200
    assert response.content == old_document(path, language=language)


@pytest.mark.parametrize("response_format", ["json", "xml"])
def test_each_request_is_the_old_document_byte_for_byte(client, awkward_tickets, response_format):
    for number in awkward_tickets:
        path = f"{BASE}/requests/{number}.{response_format}?extensions=true&locale=sv"
        assert client.get(path).content == old_document(path, language="sv"), number


@pytest.mark.parametrize("response_format", ["json", "xml"])
@pytest.mark.parametrize("query", ["service_request_id=NOPE-1", "bbox=100,0,180,50"])  # no ticket; nowhere near
def test_an_empty_list_is_the_old_document(client, awkward_tickets, response_format, query):
    path = f"{BASE}/requests.{response_format}?{query}"
    assert client.get(path).content == old_document(path, language="fi")


def test_the_awkward_tickets_are_awkward(client, awkward_tickets):
    """The oracle comparison above means something only if the branches it is about are reached."""
    body = client.get(f"{BASE}/requests.json", {"service_request_id": ",".join(awkward_tickets),
                                                  "extensions": "true", "locale": "en"}).content.decode()
    for expected in ('"lat": 63.0', "+02:00", "+03:00", "%C3%A4%26%C3%B6", "\\u0001", '"service_name": "Terveyspalvelut"',
                     "Hyvinvointialue & <Pohjanmaa>", "Työ alkaa", '"zipcode": null', '"long": null',
                     "This topic belongs to Hyvinvointialue & <Pohjanmaa>. Your feedback has been forwarded there.",
                     f"The same thing was reported already as {awkward_tickets[6]}; follow it there.",
                     "The feedback has been passed on for handling: City environment.",
                     "Palaute on ohjattu käsiteltäväksi: Kaupunkiympäristön toimiala."):  # its department is gone
        assert expected in body, expected
    xml = client.get(f"{BASE}/requests.xml", {"service_request_id": ",".join(awkward_tickets),
                                              "extensions": "true"}).content.decode()
    assert "&amp; &lt;Pohjanmaa&gt;" in xml and "\x01" not in xml and "<lat />" in xml


# --- The pieces, over every character ------------------------------------------------------------

def _bmp_and_some_astral():
    """Every character PostgreSQL text can hold up to U+FFFF, and a few beyond."""
    characters = [chr(code) for code in range(1, 0x10000) if not 0xD800 <= code <= 0xDFFF]
    return characters + ["\U0001f600", "\U00010000", "\U0010fffd"]


@pytest.mark.django_db
def test_titles_follow_python_strip_and_splitlines_for_every_character():
    descriptions = []
    for c in _bmp_and_some_astral():
        descriptions += [f"{c}{c} Eka{c}rivi {c}{c}", "x" * 78 + c + "yyyy", f"{c}"]
    title = request_shape(language="fi", extensions=True)["extended_attributes"]["title"].sql
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT {title} FROM unnest(%s::text[]) WITH ORDINALITY AS r (description, n) ORDER BY n",
                       [descriptions])
        titles = [row[0] for row in cursor.fetchall()]
    mismatches = [(d, t, old_title(d)) for d, t in zip(descriptions, titles, strict=True) if t != old_title(d)]
    assert mismatches == []


@pytest.mark.django_db
def test_sql_documents_render_any_text_as_json_bytes_and_xml_bytes_do():
    characters = _bmp_and_some_astral()
    texts = ["".join(characters[start:start + 512]) for start in range(0, len(characters), 512)]
    texts += ["", "<a href='x'>&amp;</a>", "]]>", "\r\n"]
    shape = {
        "service_request_id": Text("r.t"),
        "status_notes": Text("NULLIF(r.t, '')"),
        "lat": Number("r.n"),
        "address_id": None,
        "extended_attributes": {"media_urls": TextList("ARRAY[r.t, r.t || 'x']", item="u", name="u"),
                                "detailed_status": Text("'PROCESSED'", plain=True)},
    }
    data = [{
        "service_request_id": text,
        "status_notes": text or None,
        "lat": float(index) if index % 2 else index + 0.25,
        "address_id": None,
        "extended_attributes": {"media_urls": [text, text + "x"], "detailed_status": "PROCESSED"},
    } for index, text in enumerate(texts)]
    numbers = [repr(item["lat"]) for item in data]
    with connection.cursor() as cursor:
        for render_sql, expected in (
            (json_list_sql(shape, order="r.i"), json_bytes(data)),
            (xml_list_sql(shape, root="service_requests", order="r.i"),
             xml_bytes(data, root="service_requests")[len(XML_DECLARATION):]),
        ):
            cursor.execute(f"SELECT {render_sql} FROM unnest(%s::text[], %s::text[]) WITH ORDINALITY AS r (t, n, i)",
                           [texts, numbers])
            assert cursor.fetchone()[0].encode() == expected
        cursor.execute(f"SELECT {json_list_sql(shape, order='1')} FROM (SELECT ''::text AS t, ''::text AS n) r "
                       "WHERE false")
        assert cursor.fetchone()[0] == "[]"


@pytest.mark.django_db
def test_photo_addresses_are_quoted_as_the_storage_quotes_them(rf):
    names = [*PHOTO_NAMES, "feedback\\windows\\tyyli.jpg", "/alussa/kauttaviiva.jpg", "",
             "".join(chr(code) for code in range(32, 127)), "ääkköset/ÅÄÖ/ß€.png"]
    request = rf.get("/")
    media_url = request_shape(language="fi", extensions=False)["media_url"].sql
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT {media_url} FROM unnest(%s::text[]) WITH ORDINALITY AS names (name, n), "
                       "LATERAL (SELECT ARRAY[name] AS photo_names) AS r, (SELECT %s::text AS media_url) AS p "
                       "ORDER BY n", [names, request.build_absolute_uri(default_storage.url(""))])
        urls = [row[0] for row in cursor.fetchall()]
    assert urls == [request.build_absolute_uri(default_storage.url(name)) for name in names]


def test_a_list_of_1000_is_one_query_in_either_format(client, city, django_assert_num_queries):
    template = report()
    bulk = Feedback.objects.bulk_create([
        Feedback(number=f"BULK-{n:05d}", category=template.category, kind="fault", department=template.department,
                 description=f"Joukkoilmoitus numero {n}", location=template.location, area=template.area)
        for n in range(1000)
    ])
    for photo in range(3):
        FeedbackPhoto.objects.create(feedback=bulk[500], image=image_upload(), width=64, height=48, position=photo)
    feedback_transition(feedback=bulk[10], to_status=FeedbackStatus.ROUTED, public_note="Ohjattu.")
    for path in ("requests.json", "requests.xml", "requests.json?extensions=true", "requests.xml?extensions=true"):
        with django_assert_num_queries(1):
            response = client.get(f"{BASE}/{path}")
        assert response.status_code == 200
        assert response.content.count(b"service_request_id") in (1000, 2000)  # XML opens and closes it
        assert b"Ohjattu." in response.content and b"/media/feedback/" in response.content
