"""The demo panels of all three kinds with their members (issue #15).

Topics, two resident panels / developer groups, an experience-expert group of the library services and
the three councils. Their members joined over the last two years (more in the latest year, so that the
yearly report's panel sizes differ), spread over the residential areas and the panels' topics; a few
asked to join in the last days and have not confirmed yet, and a few have left.

The members are written directly, not through ``panel_join``: the service would queue a confirmation
email for each of some two hundred addresses. The rows stay as the services leave them: every member
has its ``joined`` and ``confirmed`` (or, on a council, ``added``) history rows dated to the member's own
times, and a member who left is gone with only a ``left`` row behind. Addresses are @example.org.

Idempotent: topics and panels are made when missing; a panel's members only when it has no history yet.
"""

from __future__ import annotations

import random
import secrets
from dataclasses import dataclass, field
from datetime import timedelta

from django.db import transaction
from django.utils import timezone

from city.models import Department
from planning.models import Panel, PanelAction, PanelEvent, PanelKind, PanelMember, PanelTopic
from planning.panel_selectors import residential_areas

TOPICS = [
    # code, fi, sv, en
    ("liikenne", "Liikenne", "Trafik", "Traffic"),
    ("kaavoitus", "Kaavoitus ja rakentaminen", "Planläggning och byggande", "Zoning and building"),
    ("kirjastot-kulttuuri", "Kirjastot ja kulttuuri", "Bibliotek och kultur", "Libraries and culture"),
    ("liikunta-ulkoilu", "Liikunta ja ulkoilu", "Idrott och friluftsliv", "Sports and outdoors"),
    ("nuoret", "Nuoret", "Unga", "Youth"),
    ("ikaantyminen", "Ikääntyminen", "Åldrande", "Ageing"),
    ("esteettomyys", "Esteettömyys", "Tillgänglighet", "Accessibility"),
    ("ymparisto", "Ympäristö ja luonto", "Miljö och natur", "Environment and nature"),
]


@dataclass(frozen=True)
class DemoPanel:
    slug: str
    kind: str
    names: tuple[str, str, str]
    descriptions: tuple[str, str, str]
    topics: tuple[str, ...]
    members: int
    department: str = ""
    service: tuple[str, str, str] = ("", "", "")
    criteria: tuple[str, str, str] = ("", "", "")
    contact_email: str = ""
    council_names: tuple[str, ...] = field(default=())


PANELS = [
    DemoPanel(
        "liikennepaneeli", PanelKind.GROUP, ("Liikennepaneeli", "Trafikpanelen", "Traffic panel"),
        ("Liikennepaneeli vastaa muutaman kerran vuodessa kyselyihin kaduista, pyöräteistä, joukkoliikenteestä "
         "ja talvikunnossapidosta, ja sitä kutsutaan kommentoimaan liikennesuunnitelmia.",
         "Trafikpanelen svarar några gånger om året på enkäter om gator, cykelvägar, kollektivtrafik och "
         "vinterunderhåll, och bjuds in att kommentera trafikplaner.",
         "The traffic panel answers a few surveys a year on streets, cycle paths, public transport and winter "
         "maintenance, and is invited to comment on traffic plans."),
        ("liikenne", "esteettomyys", "ymparisto"), 64, department="kaupunkiymparisto",
        contact_email="osallisuus@example.org"),
    DemoPanel(
        "kaavoituksen-kehittajaryhma", PanelKind.GROUP,
        ("Kaavoituksen kehittäjäryhmä", "Utvecklingsgruppen för planläggning", "Zoning developer group"),
        ("Kehittäjäryhmä kommentoi kaavoja niiden valmisteluvaiheessa ja kertoo, miten kaavoista kerrotaan "
         "asukkaille ymmärrettävästi. Kutsu tulee, kun omaa aluetta koskeva kaava tulee nähtäville.",
         "Gruppen kommenterar planer under beredningen och berättar hur planerna kan beskrivas begripligt för "
         "invånarna. Inbjudan kommer när en plan för ens eget område läggs fram.",
         "The group comments on zoning plans while they are prepared and tells how to explain them to residents "
         "clearly. An invitation comes when a plan for one's own area is put on display."),
        ("kaavoitus", "ymparisto", "liikunta-ulkoilu"), 41, department="kaupunkiymparisto",
        contact_email="kaavoitus@example.org"),
    DemoPanel(
        "kirjaston-kokemusasiantuntijat", PanelKind.EXPERIENCE,
        ("Kirjastopalvelujen kokemusasiantuntijat", "Erfarenhetsexperter på bibliotekstjänster",
         "Library services' experience experts"),
        ("Kokemusasiantuntijat kehittävät kirjaston palveluja omien kokemustensa pohjalta: aukioloja, "
         "omatoimikirjastoa, tapahtumia ja kirjastoautoa.",
         "Erfarenhetsexperterna utvecklar bibliotekets tjänster utifrån egna erfarenheter: öppettider, "
         "meröppet bibliotek, evenemang och bokbussen.",
         "The experience experts develop the library's services from their own experience: opening hours, the "
         "self-service library, events and the mobile library."),
        ("kirjastot-kulttuuri", "esteettomyys"), 19, department="sivistys",
        service=("Kirjastopalvelut", "Bibliotekstjänster", "Library services"),
        criteria=("Käytät Seinäjoen kaupunginkirjaston tai kirjastoauton palveluja vähintään kerran kuussa.",
                  "Du använder stadsbibliotekets eller bokbussens tjänster minst en gång i månaden.",
                  "You use the city library or the mobile library at least once a month."),
        contact_email="kirjasto@example.org"),
    DemoPanel(
        "nuorisovaltuusto", PanelKind.COUNCIL, ("Nuorisovaltuusto", "Ungdomsfullmäktige", "Youth council"),
        ("Nuorisovaltuusto tuo nuorten äänen kaupungin päätöksiin. Sen jäsenet valitaan vaaleilla kahdeksi "
         "vuodeksi.", "Ungdomsfullmäktige för fram de ungas röst i stadens beslut. Medlemmarna väljs för två år.",
         "The youth council brings young people's voice into the city's decisions. Its members are elected for "
         "two years."),
        ("nuoret", "liikunta-ulkoilu"), 13, department="sivistys", contact_email="nuorisovaltuusto@example.org",
        council_names=("Aino", "Eetu", "Helmi", "Iida", "Joona", "Lenni", "Minea", "Niilo", "Oona", "Pinja",
                       "Roope", "Siiri", "Veeti")),
    DemoPanel(
        "vanhusneuvosto", PanelKind.COUNCIL, ("Vanhusneuvosto", "Äldrerådet", "Council for the elderly"),
        ("Vanhusneuvosto edistää ikääntyneiden osallistumista ja antaa lausuntoja heitä koskevista asioista.",
         "Äldrerådet främjar de äldres delaktighet och ger utlåtanden i frågor som gäller dem.",
         "The council for the elderly furthers older people's participation and gives statements on matters "
         "that concern them."),
        ("ikaantyminen", "esteettomyys", "liikenne"), 9, department="hyvinvointialue",
        contact_email="vanhusneuvosto@example.org",
        council_names=("Aila", "Eino", "Hilkka", "Kalevi", "Leena", "Martti", "Raili", "Seppo", "Tuula")),
    DemoPanel(
        "vammaisneuvosto", PanelKind.COUNCIL, ("Vammaisneuvosto", "Handikapprådet", "Disability council"),
        ("Vammaisneuvosto edistää vammaisten ihmisten osallisuutta ja esteettömyyttä kaupungin palveluissa ja "
         "rakentamisessa.", "Handikapprådet främjar personer med funktionsnedsättningars delaktighet och "
         "tillgänglighet i stadens tjänster och byggande.",
         "The disability council furthers the participation of disabled people and accessibility in the city's "
         "services and building."),
        ("esteettomyys", "liikenne", "kaavoitus"), 8, department="hyvinvointialue",
        contact_email="vammaisneuvosto@example.org",
        council_names=("Anneli", "Heikki", "Jari", "Kaisa", "Marja", "Pekka", "Sari", "Timo")),
]

FIRST_NAMES = ["anna", "mikko", "laura", "juha", "sanna", "timo", "emma", "jussi", "elina", "ville", "katja",
               "petri", "noora", "antti", "heidi", "markus", "jenni", "tuomas", "riikka", "olli"]
LAST_NAMES = ["korpela", "mäki", "hautala", "rinta", "kangas", "ylinen", "luoma", "koivisto", "salo", "nurmi",
              "peltola", "aho"]
UNCONFIRMED_SHARE = 0.08  # asked in the last days, not confirmed yet
LEFT_SHARE = 0.06  # joined, confirmed, and later left


def _address(rng: random.Random, number: int) -> str:
    first, last = rng.choice(FIRST_NAMES), rng.choice(LAST_NAMES)
    return f"{first}.{last}.{number}@example.org".replace("ä", "a").replace("ö", "o")


def _joined_at(rng: random.Random, now):
    """Within the last two years, two of three in the latest year (the panels grew)."""
    days = rng.uniform(1, 365) if rng.random() < 0.66 else rng.uniform(365, 729)
    return now - timedelta(days=days, minutes=rng.randint(0, 600))


def _event(member: PanelMember, action: str, when, actor=None) -> PanelEvent:
    return PanelEvent(panel_id=member.panel_id, action=action, member_number=member.pk, actor=actor,
                      created_at=when)


def _members(panel: Panel, spec: DemoPanel, *, rng: random.Random, areas: list, actor, now) -> tuple[int, int, int]:
    """The panel's members and their history; (confirmed, unconfirmed, left)."""
    topics = list(panel.topics.all())
    events, counts = [], [0, 0, 0]
    for number in range(spec.members):
        council = spec.kind == PanelKind.COUNCIL
        roll = rng.random()
        unconfirmed = not council and roll < UNCONFIRMED_SHARE
        joined = now - timedelta(days=rng.uniform(0.2, 9)) if unconfirmed else _joined_at(rng, now)
        member = PanelMember.objects.create(
            panel=panel, email=_address(rng, number), name=spec.council_names[number] if council else "",
            language=rng.choices(["fi", "sv", "en"], weights=[90, 6, 4])[0], token=secrets.token_urlsafe(32),
            joined_at=joined, added_by=actor if council else None,
            confirmed_at=None if unconfirmed else joined + timedelta(minutes=rng.randint(2, 2000)))
        if not council:
            member.topics.set(rng.sample(topics, rng.randint(0, min(2, len(topics)))) if rng.random() < 0.7 else [])
            member.areas.set(rng.sample(areas, rng.randint(1, 3)) if areas and rng.random() < 0.75 else [])
        if council:
            events.append(_event(member, PanelAction.ADDED, joined, actor))
            counts[0] += 1
            continue
        events.append(_event(member, PanelAction.JOINED, joined))
        if unconfirmed:
            counts[1] += 1
            continue
        events.append(_event(member, PanelAction.CONFIRMED, member.confirmed_at))
        if roll > 1 - LEFT_SHARE:
            left_at = min(now, member.confirmed_at + timedelta(days=rng.uniform(20, 300)))
            events.append(_event(member, PanelAction.LEFT, left_at))
            member.delete()
            counts[2] += 1
        else:
            counts[0] += 1
    PanelEvent.objects.bulk_create(events)
    return counts[0], counts[1], counts[2]


@transaction.atomic
def demo_panels_load(*, actor=None) -> list[str]:
    """Make the demo's part (only when it is not there yet); the lines to print, one per thing made."""
    lines = []
    topics = {}
    for code, fi, sv, en in TOPICS:
        topics[code], created = PanelTopic.objects.get_or_create(code=code, defaults={
            "name_fi": fi, "name_sv": sv, "name_en": en})
        if created:
            lines.append(f"Panel topic: {fi}")
    departments = {d.code: d for d in Department.objects.all()}
    areas = list(residential_areas().order_by("code"))
    rng = random.Random(1515)  # the same demo every time
    now = timezone.now()
    for spec in PANELS:
        panel, created = Panel.objects.get_or_create(slug=spec.slug, defaults={
            "kind": spec.kind, "name_fi": spec.names[0], "name_sv": spec.names[1], "name_en": spec.names[2],
            "description_fi": spec.descriptions[0], "description_sv": spec.descriptions[1],
            "description_en": spec.descriptions[2], "service_fi": spec.service[0], "service_sv": spec.service[1],
            "service_en": spec.service[2], "criteria_fi": spec.criteria[0], "criteria_sv": spec.criteria[1],
            "criteria_en": spec.criteria[2], "department": departments.get(spec.department),
            "accepts_members": spec.kind != PanelKind.COUNCIL, "contact_email": spec.contact_email,
            "created_at": now - timedelta(days=760)})
        if created:
            panel.topics.set([topics[code] for code in spec.topics])
        if panel.members.exists() or panel.events.exists():
            continue
        confirmed, unconfirmed, left = _members(panel, spec, rng=rng, areas=areas, actor=actor, now=now)
        lines.append(f"Panel: {spec.names[0]} ({spec.kind}) with {confirmed} members, {unconfirmed} not yet "
                     f"confirmed and {left} who left")
    return lines
