"""The admin speaks Finnish and Swedish: every field of our models has a translated name, and no page
of the admin shows an English label, column, filter or action where a Finnish or Swedish one belongs.

A page is compared with the same page in English: a label that reads the same in both was not
translated (unless the word is the same in both languages; those few are listed with the reason).
"""

from html.parser import HTMLParser

import pytest
from django.apps import apps
from django.contrib import admin
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.gis.geos import Point
from django.urls import reverse
from django.utils import translation
from django.utils.functional import Promise

from city.models import Department, Place, StaffProfile, StaffRole
from geo_feedback.open311.services import open311_key_create
from tests.factories import FeedbackFactory

APPS = ("city", "geo_feedback", "planning")
LANGUAGES = ("fi", "sv")

# Texts that are rightly the same in English and in the language: (language, text) -> why.
SAME_IN_BOTH = {
    ("fi", "ID"): "Django's automatic primary key is named ID in Finnish too",
    ("sv", "ID"): "Django's automatic primary key is named ID in Swedish too",
    ("sv", "Status"): "status is the Swedish word",
    ("sv", "status"): "status is the Swedish word (a filter's title)",
    ("sv", "Version"): "version is the Swedish word",
    ("sv", "Moderator"): "moderator is the Swedish word (a staff role)",
    ("sv", "Process"): "process is the Swedish word (a comment's participation process)",
    ("sv", "Panel"): "panel is the Swedish word (a member's or an event's panel)",
    ("sv", "1 Panel"): "panel is the Swedish word (the filter's choice with its count)",
    ("sv", "Import"): "import is the Swedish word (the import run that brought an initiative)",
}


def _our_models():
    return [model for label in APPS for model in apps.get_app_config(label).get_models()]


def _in(language: str, text) -> str:
    with translation.override(language):
        return str(text)


def _declared_fields(model):
    """The fields a model declares: not reverse relations nor automatic primary keys (auto_created), nor a
    GenericForeignKey, which takes no verbose name (the admin never shows it: its two columns it does)."""
    return [field for field in model._meta.get_fields()
            if not field.auto_created and not isinstance(field, GenericForeignKey)]


def test_every_field_of_our_models_has_a_translated_name():
    missing, untranslated = [], []
    for model in _our_models():
        for field in _declared_fields(model):
            name = f"{model._meta.label}.{field.name}"
            # Django keeps the verbose_name as given in _verbose_name (None: made from the attribute's name).
            if not isinstance(field._verbose_name, Promise):
                missing.append(name)
            elif _in("fi", field.verbose_name) == _in("en", field.verbose_name):
                untranslated.append(f"{name}: {_in('en', field.verbose_name)!r}")
            for value, label in field.flatchoices if field.choices else ():
                if not isinstance(label, Promise) or _in("fi", label) == _in("en", label):
                    untranslated.append(f"{name} choice {value!r}: {_in('en', label)!r}")
    assert not missing, f"fields without a translatable verbose_name: {missing}"
    assert not untranslated, f"names without a Finnish translation: {untranslated}"


def test_every_model_of_ours_has_translated_names():
    for model in _our_models():
        options = model._meta.original_attrs
        for attribute in ("verbose_name", "verbose_name_plural"):
            assert isinstance(options.get(attribute), Promise), f"{model._meta.label} has no {attribute}"
            text = options[attribute]
            assert _in("fi", text) != _in("en", text), f"{model._meta.label}.{attribute} is not in Finnish"


def test_django_tells_a_fields_own_name_from_the_one_it_makes():
    """What the check above relies on: ``_verbose_name`` is the name as given, None when Django made one."""
    from django.db import models
    from django.utils.translation import gettext_lazy

    unnamed, named = models.CharField(max_length=10), models.CharField(gettext_lazy("nickname"), max_length=10)
    for field in (unnamed, named):
        field.set_attributes_from_name("nickname")
    assert unnamed.verbose_name == "nickname" and unnamed._verbose_name is None
    assert isinstance(named._verbose_name, Promise)


class _Labels(HTMLParser):
    """The texts that name things on an admin page, in order: form labels, column and inline headers
    (a table's head, not its rows of data), filter titles and the actions of the changelist."""

    def __init__(self):
        super().__init__()
        self.texts: list[str] = []
        self._open: list[tuple[str, list[str]]] = []  # the elements whose text is being collected
        self._in_head = self._in_select = self._in_actions = False

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "details" and "data-filter-title" in attrs:
            self.texts.append(attrs["data-filter-title"])
        elif tag == "thead":
            self._in_head = True
        elif tag == "select":
            self._in_select, self._in_actions = True, attrs.get("name") == "action"
        if (tag == "label" or (tag == "th" and self._in_head)
                or (tag == "option" and self._in_actions and attrs.get("value"))):
            self._open.append((tag, []))

    def handle_endtag(self, tag):
        if tag == "thead":
            self._in_head = False
        elif tag == "select":
            self._in_select = self._in_actions = False
        if self._open and tag == self._open[-1][0]:
            _tag, parts = self._open.pop()
            text = " ".join("".join(parts).split()).rstrip(":").strip()
            if text:
                self.texts.append(text)

    def handle_data(self, data):
        # A label around a select (the changelist's "Action:") is named by its own text, not the options'.
        if self._open and (self._open[-1][0] == "option" or not self._in_select):
            self._open[-1][1].append(data)


def _labels(html: str) -> list[str]:
    parser = _Labels()
    parser.feed(html)
    return parser.texts


@pytest.fixture
def admin_world(city):
    """One row of every model the admin shows (the demo city has the areas, departments, categories and an
    area import): a ticket with its outbox email, a place, a staff profile, an Open311 key, a zoning plan
    and a comment on it."""
    FeedbackFactory(reporter_email="asukas@example.fi")
    Place.objects.create(kind="address", name="Sevontie 4", street_address="Sevontie 4", postcode="60100",
                         location=Point(288_000, 6_968_000, srid=3067))
    from django.contrib.auth import get_user_model

    handler = get_user_model().objects.create_user("kasittelija", password="salasana-testi-123")
    StaffProfile.objects.create(user=handler, roles=[StaffRole.HANDLER],
                                department=Department.objects.get(code="kaupunkiymparisto"))
    open311_key_create(name="Kaupunkiappi Oy")
    from planning.models import Comment, Process

    plan = Process.objects.create(kind="detailed_plan", name_fi="Keskustan kortteli", summary_fi="Kaava.",
                                  statutory_step="initiation", department=Department.objects.get(code="kaupunkiymparisto"))
    Comment.objects.create(process=plan, phase=1, text="Lisää penkkejä puistoon.")
    _budget_rows(handler)
    _panel_rows(handler)
    _initiative_and_report_rows(handler)


def _panel_rows(staff):
    """A panel with a topic, a member who chose an area, a message sent to it and its history; an area's
    channel and meeting place."""
    from city.models import Area, AreaChannel, MeetingPlace
    from planning.models import Panel, PanelEvent, PanelMember, PanelMessage, PanelTopic

    area = Area.objects.exclude(kind__in=["city", "budget_area"]).first()
    topic = PanelTopic.objects.create(code="liikenne-testi", name_fi="Liikenne", name_sv="Trafik")
    panel = Panel.objects.create(slug="testipaneeli", kind="group", name_fi="Testipaneeli", description_fi="Kyselyt.")
    panel.topics.add(topic)
    member = PanelMember.objects.create(panel=panel, email="jasen@example.org", token="t" * 40)
    member.areas.add(area)
    message = PanelMessage.objects.create(panel=panel, kind="survey", subject="Kysely", body="Vastaa.",
                                          created_by=staff, recipient_count=1)
    PanelEvent.objects.create(panel=panel, action="sent", message=message, actor=staff)
    AreaChannel.objects.create(area=area, kind="facebook", name="Kylän ryhmä", url="https://example.org/ryhma")
    MeetingPlace.objects.create(area=area, name="Kylätalo", street_address="Kylätie 1",
                                location=Point(288_000, 6_968_000, srid=3067), how_to_book="Soita.",
                                door="Avain kirjastosta.")


def _initiative_and_report_rows(staff):
    """The sample initiatives with their import and history; an event's participants, a target and a report."""
    from planning.initiative_demo import demo_initiatives_load
    from planning.models import EventAttendance, ParticipationReport, ParticipationTarget

    demo_initiatives_load()
    EventAttendance.objects.create(name="Asukasilta", held_on="2026-03-01", participants=40, entered_by=staff)
    ParticipationTarget.objects.create(year=2027, metric="feedback_received", value=100, set_by=staff)
    ParticipationReport.objects.create(year=2026)


def _budget_rows(enterer):
    """A resident budget round in its results phase with a proposal, a paper ballot and a result."""
    from planning.models import Ballot, BallotChoice, BudgetResult, BudgetResultProject
    from tests.factories.budgets import budget_areas, budget_round_make, proposal_row

    budget = budget_round_make(phase="voting")
    east = budget_areas()["SJK-ITA"]
    proposal = proposal_row(budget, area=east, cost=5_000, title="Kiipeilyteline")
    ballot = Ballot.objects.create(round=budget, voter_key="0" * 64, area=east, receipt_code="ABCD-EFGH-JKLM",
                                   channel="paper", entered_by=enterer, service_point="Pääkirjasto")
    BallotChoice.objects.create(ballot=ballot, round=budget, proposal=proposal)
    result = BudgetResult.objects.create(round=budget, area=east, rule="mes", budget=60_000, spent=5_000, voters=1)
    BudgetResultProject.objects.create(result=result, proposal=proposal, votes=1, cost=5_000, selected=True,
                                       position=1)


def _admin_pages():
    """(name, path without the language prefix) of the changelist, add and change page of every model of
    our apps the admin shows; a model whose rows only the system writes has no add page."""
    pages = []
    for model, model_admin in admin.site._registry.items():
        if model._meta.app_label not in APPS:
            continue
        info = (model._meta.app_label, model._meta.model_name)
        pages.append((f"{model._meta.label} list", reverse("admin:%s_%s_changelist" % info)))
        if model_admin.has_add_permission(_superuser_request()):
            pages.append((f"{model._meta.label} add", reverse("admin:%s_%s_add" % info)))
        first = model.objects.order_by("pk").first()
        assert first is not None, f"the fixture has no {model._meta.label}"
        pages.append((f"{model._meta.label} change", reverse("admin:%s_%s_change" % info, args=[first.pk])))
    return pages


def _superuser_request():
    from django.contrib.auth import get_user_model
    from django.test import RequestFactory

    request = RequestFactory().get("/admin/")
    request.user = get_user_model()(is_superuser=True, is_staff=True, is_active=True)
    return request


def _get(client, language: str, path: str):
    # The admin lives under the language prefix like every page (Finnish has none); reverse gave it in Finnish.
    prefix = "" if language == "fi" else f"/{language}"
    return client.get(prefix + path, HTTP_ACCEPT_LANGUAGE=language)


@pytest.mark.django_db
@pytest.mark.parametrize("language", LANGUAGES)
def test_every_admin_page_of_ours_answers_and_names_everything_in_the_language(admin_client, admin_world,
                                                                                 language):
    with translation.override("fi"):
        pages = _admin_pages()
    assert len(pages) >= 20  # every model's pages: a registry that came back empty would pass
    untranslated = []
    for name, path in pages:
        response = _get(admin_client, language, path)
        assert response.status_code == 200, f"{name}: {path} answered {response.status_code}"
        assert f'<html lang="{language}"' in response.content.decode()
        english = _get(admin_client, "en", path)
        assert english.status_code == 200, f"{name} in English: {english.status_code}"
        texts, english_texts = _labels(response.content.decode()), _labels(english.content.decode())
        assert len(texts) == len(english_texts) and texts, f"{name}: the pages differ in shape"
        untranslated += [f"{name}: {text!r}" for text, english_text in zip(texts, english_texts)
                         if text == english_text and (language, text) not in SAME_IN_BOTH]
    assert not untranslated, f"English on the {language} admin pages: {untranslated}"
