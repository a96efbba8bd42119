"""A note the system writes (forwarded to the wellbeing services county, a duplicate, the demo's) reads in
the reader's language everywhere the public history is shown; a note a person typed reads as typed.

The forwarding note was written once, in the language of the staff member who acted: a Swedish reader
of a report that a Finnish-speaking agent forwarded read Finnish on the Swedish page, in the API, in
Open311 and in their email.
"""

import importlib
import json

import pytest
from django.apps import apps
from django.contrib.auth import get_user_model
from django.db import connection
from django.test import Client
from django.utils import translation

from city.models import Department, Notification
from geo_feedback.models import FeedbackEvent, FeedbackFollower
from geo_feedback.notes import NOTE_MESSAGES, SystemNote, note_duplicate, note_templates, note_text
from geo_feedback.services.feedback import feedback_transition
from geo_feedback.services.triage import feedback_merge, feedback_reply, feedback_route
from geo_feedback.statuses import FeedbackStatus as S
from tests.factories.feedback import FeedbackFactory
from tests.geo_feedback.test_staff_fixtures import client_for, fixture_staff  # noqa: F401 (fixtures)

FORWARDED = {
    "fi": "Tämä aihe kuuluu taholle Etelä-Pohjanmaan hyvinvointialue. Palautteesi on välitetty sinne.",
    "sv": "Det här ämnet hör till Södra Österbottens välfärdsområde. Din respons har vidarebefordrats dit.",
    "en": ("This topic belongs to South Ostrobothnia wellbeing services county. Your feedback has been "
           "forwarded there."),
}
REPORTER, FOLLOWER = "rapportor@example.fi", "granne@example.fi"


@pytest.fixture
def agent(db):
    return get_user_model().objects.create_user("agentti")


@pytest.fixture
def forwarded(city, agent):
    """A report made in Swedish, with a follower, that a Finnish-speaking agent forwarded to the county."""
    ticket = FeedbackFactory(language="sv", reporter_email=REPORTER)
    FeedbackFollower.objects.create(feedback=ticket, email=FOLLOWER)
    with translation.override("fi"):
        return feedback_route(feedback=ticket, department=Department.objects.get(code="hyvinvointialue"),
                              actor=agent)


def history_html(client, path: str) -> str:
    page = client.get(path).content.decode()
    return page.split('<ol class="history">', 1)[1].split("</ol>", 1)[0]


def api_notes(client, number: str, **headers) -> list[str]:
    return [step["note"] for step in client.get(f"/api/v1/feedback/{number}/", **headers).json()[
        "properties"]["history"]]


def status_notes(client, number: str, language: str) -> str | None:
    (request,) = client.get(f"/open311/v2/requests/{number}.json", {"locale": language}).json()
    return request["status_notes"]


def test_the_note_is_stored_by_its_key_with_the_finnish_text_beside_it(forwarded):
    event = forwarded.events.get(to_status=S.FORWARDED)
    assert event.details["note"] == {"key": "forwarded", "params": {"department": "hyvinvointialue"}}
    assert event.public_note == FORWARDED["fi"]  # what an old reader and a search find


def test_the_swedish_page_shows_it_in_swedish(client, forwarded):
    history = history_html(client, f"/sv/palaute/{forwarded.number}/")
    assert FORWARDED["sv"] in history and FORWARDED["fi"] not in history
    assert FORWARDED["en"] in history_html(client, f"/en/palaute/{forwarded.number}/")
    assert FORWARDED["fi"] in history_html(client, f"/palaute/{forwarded.number}/")


def test_the_reporters_private_page_is_in_its_language_too(client, forwarded):
    assert FORWARDED["sv"] in history_html(client, f"/sv/palaute/seuraa/{forwarded.follow_token}/")


def test_the_api_gives_it_in_the_clients_language_in_one_statement(client, forwarded, django_assert_num_queries):
    with django_assert_num_queries(1):
        assert api_notes(client, forwarded.number, HTTP_ACCEPT_LANGUAGE="en")[-1] == FORWARDED["en"]
    assert api_notes(client, forwarded.number, QUERY_STRING="lang=sv")[-1] == FORWARDED["sv"]
    assert api_notes(client, forwarded.number)[-1] == FORWARDED["fi"]


@pytest.mark.parametrize("language", ["fi", "sv", "en"])
def test_open311_status_notes_are_in_the_clients_language(client, forwarded, language):
    assert status_notes(client, forwarded.number, language) == FORWARDED[language]


def test_the_swedish_reporter_and_follower_get_it_in_swedish(forwarded):
    emails = {row.recipient: row.body for row in Notification.objects.filter(feedback=forwarded, kind="status")}
    assert set(emails) == {REPORTER, FOLLOWER}
    for body in emails.values():
        assert FORWARDED["sv"] in body and FORWARDED["fi"] not in body


def test_the_staff_ticket_shows_it_in_the_staff_members_language(staff, forwarded):
    agent = client_for(Client, staff["asiakaspalvelu"])
    page = agent.get(f"/en/henkilosto/palaute/{forwarded.number}/").content.decode()
    assert FORWARDED["en"] in page
    assert "{&#x27;key&#x27;" not in page and "Note:" not in page  # the key is not a detail of its own
    assert FORWARDED["fi"] in agent.get(f"/henkilosto/palaute/{forwarded.number}/").content.decode()


def test_a_merged_reports_note_names_the_other_report_in_each_language(client, city, agent):
    original, duplicate = FeedbackFactory(), FeedbackFactory(language="en", reporter_email=REPORTER)
    with translation.override("sv"):
        feedback_merge(duplicate=duplicate, into=original, actor=agent)
    assert api_notes(client, duplicate.number, QUERY_STRING="lang=en")[-1] == (
        f"The same thing was reported already as {original.number}; follow it there.")
    assert status_notes(client, duplicate.number, "fi") == (
        f"Sama asia on jo ilmoitettu numerolla {original.number}; seuraa sitä siellä.")
    email = Notification.objects.get(feedback=duplicate, recipient=REPORTER, kind="status")
    assert f"The same thing was reported already as {original.number}; follow it there." in email.body


def test_a_typed_note_reads_as_typed(client, city, agent):
    ticket = FeedbackFactory(language="sv", reporter_email=REPORTER)
    typed = "Hyvinvointialue hoitaa hammashoidon, soita 06 415 4111."
    with translation.override("fi"):
        ticket = feedback_route(feedback=ticket, department=Department.objects.get(code="hyvinvointialue"),
                                actor=agent, public_note=typed)
        feedback_reply(feedback=ticket, actor=agent, text="Kiitos, välitimme viestin.")
    assert "note" not in ticket.events.get(to_status=S.FORWARDED, action="status").details
    history = history_html(client, f"/sv/palaute/{ticket.number}/")
    assert typed in history and "Kiitos, välitimme viestin." in history
    assert api_notes(client, ticket.number, QUERY_STRING="lang=en")[-2:] == [typed, "Kiitos, välitimme viestin."]
    assert status_notes(client, ticket.number, "en") == "Kiitos, välitimme viestin."
    assert typed in Notification.objects.get(feedback=ticket, kind="status").body


def test_an_old_note_without_a_key_shows_its_stored_text(client, city):
    ticket = FeedbackFactory()
    feedback_transition(feedback=ticket, to_status=S.FORWARDED, note=note_duplicate("SJK-2020-000001"))
    old = "Tämä aihe kuuluu taholle Etelä-Pohjanmaan hyvinvointialue. Palautteesi on välitetty sinne."
    FeedbackEvent.objects.filter(feedback=ticket, to_status=S.FORWARDED).update(public_note=old, details={})
    assert old in history_html(client, f"/sv/palaute/{ticket.number}/")
    assert api_notes(client, ticket.number, QUERY_STRING="lang=sv")[-1] == old
    assert status_notes(client, ticket.number, "sv") == old


def test_a_note_naming_a_department_no_longer_there_shows_its_stored_text(client, city):
    ticket = FeedbackFactory()
    feedback_transition(feedback=ticket, to_status=S.ROUTED,
                        note=SystemNote("demo_routed", {"department": "kaupunkiymparisto"}))
    event = FeedbackEvent.objects.get(feedback=ticket, to_status=S.ROUTED)
    event.details["note"]["params"]["department"] = "lakkautettu"
    event.save(update_fields=["details"])
    assert event.public_note in history_html(client, f"/en/palaute/{ticket.number}/")
    assert api_notes(client, ticket.number, QUERY_STRING="lang=en")[-1] == event.public_note


def test_the_database_renders_every_note_as_python_does(city):
    """The API and Open311 render in SQL (geo_feedback_note_text), the pages in Python: the same text."""
    notes = [SystemNote(key, {"department": "hyvinvointialue", "number": "SJK-2026-000042"})
             for key in NOTE_MESSAGES]
    notes += [SystemNote("forwarded", {"department": "lakkautettu"}), SystemNote("forwarded"),
              SystemNote("duplicate")]
    details = [{"note": note.as_details()} for note in notes] + [{}, {"note": {"key": "tuntematon"}}]
    Department.objects.filter(code="hyvinvointialue").update(name_en="")  # the Finnish name stands in
    for language in ("fi", "sv", "en"):
        with connection.cursor() as cursor:
            cursor.execute("SELECT COALESCE(geo_feedback_note_text(d -> 'note', %s::jsonb, %s), 'stored') "
                           "FROM unnest(%s::jsonb[]) WITH ORDINALITY AS t(d, n) ORDER BY n",
                           [json.dumps(note_templates(language)), language,
                            [json.dumps(d) for d in details]])
            in_sql = [row[0] for row in cursor.fetchall()]
        in_python = [note_text(d, "stored", language=language) for d in details]
        assert in_sql == in_python, language
        assert in_python.count("stored") == 5  # the gone department, the missing parameters, no key, unknown key


def test_the_migration_keys_the_notes_the_system_wrote_before(city):
    """Rows written before keys keep their text and gain the key when the text is the system's, in
    whichever language the staff member used; typed notes stay as they are."""
    migration = importlib.import_module("geo_feedback.migrations.0009_system_note_keys")
    original, ticket = FeedbackFactory(), FeedbackFactory()
    rows = {
        "fi": (S.FORWARDED, "Tämä aihe kuuluu taholle Södra Österbottens välfärdsområde. Palautteesi on välitetty "
                            "sinne.", {"from": "kaupunkiymparisto"}),
        "sv": (S.DUPLICATE, f"Samma sak har redan anmälts som {original.number}; följ den där.",
               {"into": original.number}),
        "en": (S.FORWARDED, "This topic belongs to Etelä-Pohjanmaan hyvinvointialue. Your feedback has been "
                            "forwarded there.", {}),
        "demo": (S.HANDLED, "Lämmin kiitos, viesti ilahdutti!", {}),
        "demo_routed": (S.ROUTED, "Palaute on ohjattu käsiteltäväksi: Sivistyksen ja hyvinvoinnin toimiala.", {}),
        "typed": (S.FORWARDED, "Tämä aihe kuuluu hyvinvointialueelle, soita sinne.", {}),
    }
    events = {name: FeedbackEvent.objects.create(feedback=ticket, from_status=S.RECEIVED, to_status=status,
                                                 public_note=text, details=extra)
              for name, (status, text, extra) in rows.items()}
    migration.key_known_notes(apps, None)
    notes = {name: FeedbackEvent.objects.get(pk=event.pk).details.get("note") for name, event in events.items()}
    assert notes == {
        "fi": {"key": "forwarded", "params": {"department": "hyvinvointialue"}},
        "sv": {"key": "duplicate", "params": {"number": original.number}},
        "en": {"key": "forwarded", "params": {"department": "hyvinvointialue"}},
        "demo": {"key": "demo_praise_warm_thanks", "params": {}},
        "demo_routed": {"key": "demo_routed", "params": {"department": "sivistys"}},
        "typed": None,
    }
    assert FeedbackEvent.objects.get(pk=events["fi"].pk).details["from"] == "kaupunkiymparisto"  # kept
    assert FeedbackEvent.objects.get(pk=events["sv"].pk).public_note == rows["sv"][1]  # the text stays
