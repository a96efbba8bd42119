"""Demo feedback for the demo city: a year of residents' reports, made through the real services.

Every report is created by ``feedback_create`` and walked through ``feedback_transition`` and
``feedback_support``, so the demo obeys the same rules as real data; only the timestamps (set by
``auto_now_add``) are moved back afterwards to spread the reports over the last twelve months,
and the numbers follow those dates. Fixed seed: every load makes the same reports. No email is
sent: reporters' addresses (``@esimerkki.invalid``) are added after creation and status moves
pass ``notify=False``.
"""

from __future__ import annotations

import io
import random
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from django.conf import settings
from django.contrib.gis.geos import Point
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.utils import timezone

from city.models import Area, AreaKind
from geo_feedback.models import (
    Category,
    CategoryGroup,
    Channel,
    Feedback,
    FeedbackEvent,
    FeedbackFollower,
    FeedbackKind,
    FeedbackNumberCounter,
    FeedbackPhoto,
)
from geo_feedback.notes import SystemNote, note_duplicate
from geo_feedback.services.feedback import feedback_create, feedback_support, feedback_transition
from geo_feedback.services.photos import photo_thumbnail_store
from geo_feedback.statuses import OPEN_STATUSES, FeedbackStatus

S = FeedbackStatus
SEED = 62_790  # Seinäjoki's latitude, roughly; any fixed number would do
DEMO_COUNT = 300
EMAIL_DOMAIN = "esimerkki.invalid"  # .invalid never resolves: no demo email can reach anyone
DAYS = 365

FIRST_NAMES = ["Aino", "Eero", "Helmi", "Juho", "Kaisa", "Lauri", "Maija", "Matti", "Noora", "Olli", "Pia",
               "Sanni", "Timo", "Veera", "Ville", "Anna", "Erik", "Johanna", "Kalle", "Liisa"]
LAST_NAMES = ["Hautala", "Kangas", "Korpela", "Luoma", "Mäki", "Nieminen", "Peltola", "Rinta-Jouppi",
              "Salo", "Tuomela", "Ojala", "Hakala", "Koski", "Lehtimäki", "Yli-Hemminki"]

# Faults residents report, per service code; ideas, questions and praise are built from the topic.
FAULTS = {
    "171": ["Syvä kuoppa ajoradalla, auton rengas meinasi rikkoutua.",
            "Asfaltissa iso halkeama, vesi jää lammikoksi sateella.",
            "Katu on auraamatta ja jäinen, kävely on vaarallista."],
    "175": ["Liikennevalot vaihtuvat niin nopeasti, ettei jalankulkija ehdi yli.",
            "Risteyksessä ajetaan jatkuvasti päin punaista aamuisin."],
    "198": ["Stop-merkki on kaatunut ojaan.", "Nopeusrajoitusmerkki on peittynyt puun oksiin."],
    "177": ["Autoja pysäköidään jatkuvasti pelastustielle.", "Kadun varressa seisoo romuauto jo kolmatta kuukautta."],
    "174": ["Puiston penkki on rikki ja siinä on teräviä säleitä.", "Leikkipuiston keinun ketju on katkennut.",
            "Nurmikko on leikkaamatta ja roskakori täynnä."],
    "178": ["Vuokratalon pihalla on kaatunut puu.", "Asuinalueen valaistus on riittämätön talvella."],
    "179": ["Katuvalo ei syty illalla.", "Kolme peräkkäistä katuvaloa on pimeänä.",
            "Katuvalo palaa keskellä päivää."],
    "181": ["Bussipysäkin katoksen lasi on rikottu.", "Pysäkin aikataulu puuttuu."],
    "182": ["Bussi ei pysähtynyt pysäkillä, vaikka viittasin.", "Iltavuoroja on liian vähän."],
    "211": ["Urheilukentän valot eivät toimi.", "Ulkokuntosalin laite on rikki."],
    "183": ["Pyörätiellä on irtosoraa mutkassa.", "Kevyen liikenteen väylä on tulvan alla."],
    "184": ["Koulun kohdalla ajetaan ylinopeutta.", "Suojatie on huonosti näkyvissä pensaiden takia."],
    "185": ["Kaavaluonnoksen kartta ei aukea verkkosivulla.", "Kaava-alueen rajaus on kartalla väärin."],
    "246": ["Ojassa on kasa roskapusseja.", "Kierrätyspisteen ympäristö on täynnä roskaa."],
    "172": ["Roskakori on poltettu.", "Seinään on tehty iso töhry yön aikana."],
}
IDEAS = ["Ehdotan, että {topic} huomioitaisiin paremmin tällä alueella.",
         "Olisiko mahdollista parantaa asiaa {topic}? Tähän kaivataan uutta ratkaisua.",
         "Idea: asukkaat voisivat osallistua suunnitteluun, kun {topic} uudistetaan."]
QUESTIONS = ["Milloin {topic} kunnostetaan tällä alueella?",
             "Keneen voin olla yhteydessä asiassa {topic}?",
             "Onko asiaan {topic} tulossa muutoksia ensi vuonna?"]
PRAISE = ["Kiitos! {topic} on hoidettu tänä vuonna erinomaisesti.",
          "Iso kiitos henkilökunnalle, {topic} toimii hienosti.",
          "Hyvää työtä: {topic} on parantunut selvästi."]
SPAM = ["Testiviesti testiviesti testiviesti", "Osta halpoja tuotteita nyt osoitteesta example.invalid"]

# The public notes are system notes (geo_feedback.notes): each reader has them in their language.
HANDLED_NOTES = {
    FeedbackKind.FAULT: ["demo_fault_repaired", "demo_repaired_this_week", "demo_contractor_repaired"],
    FeedbackKind.IDEA: ["demo_idea_next_year", "demo_idea_budget"],
    FeedbackKind.QUESTION: ["demo_question_next_summer", "demo_question_service"],
    FeedbackKind.PRAISE: ["demo_praise_passed_on", "demo_praise_warm_thanks"],
}
INTERNAL_NOTES = ["Tarkistettu paikan päällä.", "Soitettu ilmoittajalle, lisätiedot saatu.",
                  "Tilaus urakoitsijalle tehty.", "Odottaa varaosaa.", "Sama kohde korjattu myös viime vuonna."]

# Where a report's walk ends, by age: (path, weight). A path is the list of statuses walked.
HANDLED = [S.IN_TRIAGE, S.ROUTED, S.IN_PROGRESS, S.HANDLED]
PATHS_OLD = [
    ([S.IN_TRIAGE, S.ROUTED, S.IN_PROGRESS, S.HANDLED], 40), ([S.HANDLED], 12), ([S.IN_TRIAGE, S.HANDLED], 10),
    ([S.IN_TRIAGE, S.ROUTED], 4), ([S.IN_TRIAGE, S.ROUTED, S.IN_PROGRESS], 5), ([S.IN_TRIAGE, S.DUPLICATE], 7),
    ([S.IN_TRIAGE, S.NOT_CITYS], 6), ([S.REJECTED], 3),
    ([S.IN_TRIAGE, S.ROUTED, S.HANDLED, S.IN_TRIAGE, S.ROUTED, S.IN_PROGRESS, S.HANDLED], 4),
    ([S.IN_TRIAGE, S.HANDLED, S.IN_TRIAGE], 2),
]
PATHS_RECENT = [
    ([], 25), ([S.IN_TRIAGE], 20), ([S.IN_TRIAGE, S.ROUTED], 20), ([S.IN_TRIAGE, S.ROUTED, S.IN_PROGRESS], 15),
    ([S.HANDLED], 8), ([S.IN_TRIAGE, S.DUPLICATE], 5), ([S.REJECTED], 2), ([S.IN_TRIAGE, S.NOT_CITYS], 3),
]
KINDS = [(FeedbackKind.FAULT, 50), (FeedbackKind.IDEA, 22), (FeedbackKind.QUESTION, 16), (FeedbackKind.PRAISE, 12)]
LANGUAGES = [("fi", 85), ("sv", 12), ("en", 3)]
CHANNELS = [(Channel.WEB, 70), (Channel.PHONE, 10), (Channel.SERVICE_POINT, 10), (Channel.EMAIL, 10)]


def _pick(rng: random.Random, weighted):
    values, weights = zip(*weighted)
    return rng.choices(values, weights=weights)[0]


@dataclass
class _Made:
    """A demo report and the moments its history should carry."""

    feedback: Feedback
    created_at: datetime
    moments: list[datetime] = field(default_factory=list)  # one per event after creation


def _point_in(rng: random.Random, area: Area) -> Point:
    boundary = area.boundary
    prepared = boundary.prepared
    xmin, ymin, xmax, ymax = boundary.extent
    while True:
        candidate = Point(rng.uniform(xmin, xmax), rng.uniform(ymin, ymax), srid=boundary.srid)
        if prepared.contains(candidate):
            return candidate


def _photo(rng: random.Random, index: int) -> SimpleUploadedFile:
    """A simple street scene: sky, asphalt and a dark blot where the fault is."""
    from PIL import Image, ImageDraw  # here: the demo command needs Pillow, a web worker does not

    width, height = 640, 480
    image = Image.new("RGB", (width, height), (150 + rng.randint(0, 60), 180 + rng.randint(0, 50), 230))
    draw = ImageDraw.Draw(image)
    horizon = rng.randint(160, 260)
    draw.rectangle((0, horizon, width, height), fill=(90 + rng.randint(0, 30),) * 3)
    x, y = rng.randint(120, 480), rng.randint(horizon + 40, height - 60)
    draw.ellipse((x - 80, y - 30, x + 80, y + 30), fill=(40, 35, 30))
    buffer = io.BytesIO()
    image.save(buffer, "JPEG", quality=80)
    return SimpleUploadedFile(f"demo-{index}.jpg", buffer.getvalue(), content_type="image/jpeg")


def _description(rng: random.Random, category: Category, kind: str, rejected: bool) -> str:
    if rejected:
        return rng.choice(SPAM)
    topic = category.name_fi.lower()
    if kind == FeedbackKind.FAULT and category.service_code in FAULTS:
        return rng.choice(FAULTS[category.service_code])
    templates = {FeedbackKind.IDEA: IDEAS, FeedbackKind.QUESTION: QUESTIONS, FeedbackKind.PRAISE: PRAISE}
    return rng.choice(templates.get(kind, IDEAS)).format(topic=topic)


def _note(rng: random.Random, status: str, made: _Made, earlier: list[_Made]) -> tuple[SystemNote | None, str]:
    """(public, internal) notes for a move to ``status``; a duplicate points at an earlier report."""
    feedback = made.feedback
    internal = rng.choice(INTERNAL_NOTES) if rng.random() < 0.3 else ""
    if status == S.ROUTED:
        return SystemNote("demo_routed", {"department": feedback.department.code}), internal
    if status == S.IN_PROGRESS:
        return SystemNote(rng.choice(["demo_in_progress", "demo_repair_ordered"])), internal
    if status == S.HANDLED:
        return SystemNote(rng.choice(HANDLED_NOTES[feedback.kind])), internal
    if status == S.DUPLICATE:
        original = next(
            (m.feedback for m in reversed(earlier) if m.feedback.category_id == feedback.category_id
             and m.feedback.status not in (S.REJECTED, S.DUPLICATE)), None)
        if original is not None:  # its number changes in _renumber, which mends the note
            Feedback.objects.filter(pk=feedback.pk).update(merged_into=original)
            return note_duplicate(original.number), internal
        return SystemNote("demo_reported_before"), internal
    if status == S.NOT_CITYS:
        return SystemNote("demo_not_citys"), internal
    if status == S.REJECTED:
        return None, "Asiaton sisältö."
    if status == S.IN_TRIAGE and feedback.status != S.RECEIVED:
        return SystemNote("demo_taken_up_again"), internal
    return None, internal


def _renumber(made: list[_Made]) -> None:
    """Give the reports the numbers of the years they are dated in, in date order.

    The service numbered them all in this year; nothing else has a number of this load yet, and
    the counters are locked by this transaction, so the years' counters are set to match.
    """
    prefix = settings.FEEDBACK_NUMBER_PREFIX
    this_year = timezone.localtime().year
    last = {}
    for counter in FeedbackNumberCounter.objects.select_for_update():
        last[counter.year] = counter.last
    last[this_year] = last.get(this_year, 0) - len(made)  # the numbers this load took from the counter
    given = {item.feedback.pk: item.feedback.number for item in made}
    for item in made:  # first out of the way: a final number may be another report's number now
        item.feedback.number = f"demo-{item.feedback.pk}"
    Feedback.objects.bulk_update([m.feedback for m in made], ["number"], batch_size=500)
    for item in sorted(made, key=lambda m: (m.created_at, m.feedback.pk)):
        year = timezone.localtime(item.created_at).year
        last[year] = last.get(year, 0) + 1
        item.feedback.number = f"{prefix}-{year}-{last[year]:06d}"
    Feedback.objects.bulk_update([m.feedback for m in made], ["number"], batch_size=500)
    for year, value in last.items():
        FeedbackNumberCounter.objects.update_or_create(year=year, defaults={"last": value})
    # A duplicate's note names the number its original had when it was merged: now another's.
    renumbered = {given[item.feedback.pk]: item.feedback.number for item in made}
    merged = list(FeedbackEvent.objects.filter(feedback__in=[m.feedback for m in made], details__note__key="duplicate"))
    for event in merged:
        note = note_duplicate(renumbered[event.details["note"]["params"]["number"]])
        event.details = {**event.details, "note": note.as_details()}
        event.public_note = note.fallback()
    FeedbackEvent.objects.bulk_update(merged, ["details", "public_note"], batch_size=500)


def _backdate(made: list[_Made]) -> None:
    """Spread the history over the year: reports, their events, photos and followers."""
    reports, events, photos, followers = [], [], [], []
    for item in made:
        item.feedback.created_at = item.created_at
        item.feedback.status_changed_at = item.moments[-1] if item.moments else item.created_at
        item.feedback.updated_at = item.feedback.status_changed_at
        reports.append(item.feedback)
        history = list(FeedbackEvent.objects.filter(feedback=item.feedback).order_by("id"))
        for event, moment in zip(history, [item.created_at, *item.moments], strict=True):
            event.created_at = moment
            events.append(event)
        for photo in FeedbackPhoto.objects.filter(feedback=item.feedback):
            photo.created_at = item.created_at
            photos.append(photo)
        for follower in FeedbackFollower.objects.filter(feedback=item.feedback):
            follower.created_at = item.created_at + (timezone.now() - item.created_at) / 3
            followers.append(follower)
    Feedback.objects.bulk_update(reports, ["created_at", "status_changed_at", "updated_at"], batch_size=500)
    FeedbackEvent.objects.bulk_update(events, ["created_at"], batch_size=500)
    FeedbackPhoto.objects.bulk_update(photos, ["created_at"], batch_size=500)
    FeedbackFollower.objects.bulk_update(followers, ["created_at"], batch_size=500)


@transaction.atomic
def demo_feedback_load(*, count: int = DEMO_COUNT, actor=None) -> int:
    """Create ``count`` demo reports unless the city has any reports; returns how many were made."""
    if Feedback.objects.exists():
        return 0
    rng = random.Random(SEED)
    areas = list(Area.objects.of_kind(AreaKind.POSTAL_AREA).filter(population__gt=0).order_by("code"))
    categories = list(Category.objects.filter(is_active=True).select_related("department").order_by("service_code"))
    if not areas or not categories:
        return 0
    populations = [area.population for area in areas]
    now = timezone.now()
    ages = sorted((rng.uniform(0.02, DAYS) for _ in range(count)), reverse=True)  # oldest first

    made: list[_Made] = []
    for index, age in enumerate(ages):
        # The first reports go round every category and kind, so the demo shows each at least once.
        category = categories[index % len(categories)] if index < 2 * len(categories) else rng.choices(
            categories, weights=[3 if c.group == CategoryGroup.CITY_ENVIRONMENT else 1 for c in categories])[0]
        kind = list(FeedbackKind.values)[index % 4] if index < 8 else _pick(rng, KINDS)
        path = [] if category.department.is_external else _pick(rng, PATHS_OLD if age > 30 else PATHS_RECENT)
        rejected = bool(path) and path[-1] == S.REJECTED
        location = None
        if category.location_required or rng.random() < 0.4:
            location = _point_in(rng, rng.choices(areas, weights=populations)[0])
        photos = []
        if location is not None and kind == FeedbackKind.FAULT and rng.random() < 0.3:
            photos = [_photo(rng, index * 10 + n) for n in range(rng.choice([1, 1, 2]))]
        feedback = feedback_create(
            category=category, kind=kind, description=_description(rng, category, kind, rejected),
            location=location, photos=photos, channel=_pick(rng, CHANNELS), language=_pick(rng, LANGUAGES),
        ).feedback
        for photo in feedback.photos.all():
            photo_thumbnail_store(photo_id=photo.pk)
        created_at = now - timedelta(days=age)
        item = _Made(feedback=feedback, created_at=created_at)
        if category.department.is_external:  # forwarded by feedback_create itself
            item.moments.append(created_at + timedelta(minutes=1))
        # Neighbours say "me too" while the report is open (a closed one takes no more support).
        if not rejected and feedback.status in OPEN_STATUSES and rng.random() < 0.35:
            for n in range(min(25, int(rng.paretovariate(1.2)))):
                email = f"asukas{index}-{n}@{EMAIL_DOMAIN}" if rng.random() < 0.5 else ""
                feedback_support(feedback=feedback, email=email)
        moment = created_at
        for status in path:
            public, internal = _note(rng, status, item, made)
            feedback_transition(feedback=feedback, to_status=status, actor=actor, note=public,
                                internal_note=internal, notify=False)
            moment = min(moment + timedelta(hours=rng.uniform(2, 24 * min(age, 40) / len(path))),
                         now - timedelta(minutes=5))
            item.moments.append(moment)
        if rng.random() < 0.6:
            first, last = rng.choice(FIRST_NAMES), rng.choice(LAST_NAMES)
            Feedback.objects.filter(pk=feedback.pk).update(
                reporter_name=f"{first} {last}",
                reporter_email=f"{first}.{last}{index}@{EMAIL_DOMAIN}".lower().replace("ä", "a"),
                reporter_phone=f"040 {rng.randint(1000000, 9999999)}" if rng.random() < 0.3 else "",
            )
        made.append(item)

    _renumber(made)
    _backdate(made)
    return len(made)
