"""Public notes the system writes (forwarded to an outside body, merged as a duplicate, the demo's),
read in the reader's language wherever the public history is shown.

Such a note is stored as a key and its parameters in the event's ``details`` (``{"note": {"key":
"forwarded", "params": {"department": "hyvinvointialue"}}}``) and rendered when it is read: the page,
the staff ticket and the emails through ``note_text``; the API and Open311, whose documents
PostgreSQL writes, through the database function ``geo_feedback_note_text`` (migration 0009) given
``note_templates(language)``. The event's ``public_note`` keeps the Finnish text: what an old row
without a key shows, and what staff search. A note a person typed has no key and reads as typed.

Parameters are stable data, never words: ``department`` is a department's code (shown as its name
in the reader's language), ``number`` a ticket's number (shown as it is).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

from django.conf import settings
from django.utils import translation
from django.utils.translation import gettext_lazy as _

from city.models import Department

# key -> the message, whose placeholders are parameters (``department``, ``number``).
NOTE_MESSAGES = {
    "forwarded": _("This topic belongs to %(department)s. Your feedback has been forwarded there."),
    "duplicate": _("The same thing was reported already as %(number)s; follow it there."),
    # The demo's notes (geo_feedback.demo): what staff would write, in every language.
    "demo_routed": _("The feedback has been passed on for handling: %(department)s."),
    "demo_in_progress": _("The matter is being worked on."),
    "demo_repair_ordered": _("The repair has been ordered from a contractor."),
    "demo_fault_repaired": _("The fault has been repaired. Thank you for reporting it!"),
    "demo_repaired_this_week": _("The repair was done this week."),
    "demo_contractor_repaired": _("A contractor came and repaired it."),
    "demo_idea_next_year": _("Thank you for the idea! We will take it into account when planning next year."),
    "demo_idea_budget": _("The idea has been passed on to the planners and will be considered when the "
                          "budget is prepared."),
    "demo_question_next_summer": _("The renovation is planned for next summer. The timetable will be published "
                                   "on the city's website."),
    "demo_question_service": _("The department's customer service handles this, tel. 06 416 2111."),
    "demo_praise_passed_on": _("Thank you for the thanks! We passed it on to those who did the work."),
    "demo_praise_warm_thanks": _("Warm thanks, your message made our day!"),
    "demo_reported_before": _("The same thing has been reported before."),
    "demo_not_citys": _("The place is on a private plot or a state road, so the city cannot repair it. Please "
                        "contact the owner of the property or the Finnish Transport Infrastructure Agency."),
    "demo_taken_up_again": _("The matter is being taken up again."),
}

# The parameters a message may use, and the characters that stand in for them in the templates
# the database function fills (``note_templates``): a department's name goes in last, so that
# nothing put in before it is replaced again.
PARAMETERS = ("department", "number")
_MARKS = {"department": "\x01", "number": "\x02"}


@dataclass(frozen=True)
class SystemNote:
    """A note the system writes: its key in NOTE_MESSAGES and its parameters (codes and numbers)."""

    key: str
    params: Mapping[str, str] = field(default_factory=dict)

    def __post_init__(self):
        if self.key not in NOTE_MESSAGES:
            raise ValueError(f"unknown note {self.key!r}")
        if unknown := set(self.params) - set(PARAMETERS):
            raise ValueError(f"unknown parameters {sorted(unknown)} of note {self.key!r}")

    def as_details(self) -> dict:
        """What the event's ``details`` keep under ``"note"``."""
        return {"key": self.key, "params": {name: str(value) for name, value in self.params.items()}}

    @classmethod
    def from_details(cls, details: Mapping | None) -> SystemNote | None:
        """The note an event's ``details`` hold, or None (a typed note, no note, or a key no longer known)."""
        note = (details or {}).get("note")
        if not isinstance(note, Mapping) or note.get("key") not in NOTE_MESSAGES:
            return None
        params = note.get("params") if isinstance(note.get("params"), Mapping) else {}
        return cls(key=note["key"], params={name: str(value) for name, value in params.items() if name in PARAMETERS})

    def text(self, language: str, *, departments: Iterable[Department] = ()) -> str | None:
        """The note in ``language``; None when a parameter it needs is missing (a department no
        longer there, say). A department it names is read from the database unless it is among
        ``departments``."""
        values = dict(self.params)
        if "department" in values:
            code = values.pop("department")
            department = next((d for d in departments if d.code == code), None)
            if department is None:
                department = Department.objects.filter(code=code).first()
            if department is not None:
                values["department"] = department.name(language)
        with translation.override(language):
            try:
                return str(NOTE_MESSAGES[self.key]) % values
            except (KeyError, ValueError, TypeError):  # a placeholder without its value
                return None

    def fallback(self, *, departments: Iterable[Department] = ()) -> str:
        """The text ``public_note`` keeps: the note in the site's first language (Finnish)."""
        return self.text(settings.LANGUAGE_CODE, departments=departments) or ""

    def department_codes(self) -> set[str]:
        return {self.params["department"]} if "department" in self.params else set()


def note_forwarded(department) -> SystemNote:
    """"This topic belongs to <the body>. Your feedback has been forwarded there.\""""
    return SystemNote("forwarded", {"department": department.code})


def note_duplicate(number: str) -> SystemNote:
    """"The same thing was reported already as <number>; follow it there.\""""
    return SystemNote("duplicate", {"number": number})


def note_text(details: Mapping | None, public_note: str, *, language: str, departments: Iterable[Department] = ()
              ) -> str:
    """What an event's public note reads in ``language``: a system note rendered from its key, else
    (a typed note, an old row, a note that cannot be rendered) ``public_note`` as it is stored."""
    note = SystemNote.from_details(details)
    if note is None:
        return public_note
    rendered = note.text(language, departments=departments)
    return public_note if rendered is None else rendered


def history_notes_render(events: Iterable, *, language: str, departments: Iterable[Department] = ()) -> None:
    """Give each event (a FeedbackEvent) ``note_text``, its public note in ``language``.

    The departments the notes name are read in one query, and in none when ``departments`` (the
    ticket's own, already loaded) has them all: a report's page costs what it did.
    """
    events, known = list(events), list(departments)
    wanted = set()
    for event in events:
        note = SystemNote.from_details(event.details)
        if note is not None:
            wanted |= note.department_codes()
    wanted -= {department.code for department in known}
    if wanted:
        known += Department.objects.filter(code__in=wanted)
    for event in events:
        event.note_text = note_text(event.details, event.public_note, language=language, departments=known)


def note_templates(language: str) -> dict[str, str]:
    """Every note's message in ``language`` with its parameters' marks, for ``note_text_sql``."""
    with translation.override(language):
        return {key: str(message) % _MARKS for key, message in NOTE_MESSAGES.items()}


NOTE_SQL_FUNCTION = "geo_feedback_note_text"


def note_text_sql(*, note: str, stored: str, templates: str, language: str) -> str:
    """SQL for a public note in the language the SQL ``language`` gives, as ``note_text`` renders it:
    ``note`` is SQL for the event's ``details -> 'note'``, ``stored`` for its ``public_note`` and
    ``templates`` for ``note_templates(language)`` as jsonb."""
    return f"COALESCE({NOTE_SQL_FUNCTION}({note}, {templates}, {language}), {stored})"
