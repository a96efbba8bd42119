"""System-written public notes are read in the reader's language (geo_feedback/notes.py).

1. ``geo_feedback_note_text(note, templates, lang)``: the note an event's ``details -> 'note'`` holds,
   in the language of ``templates`` (``notes.note_templates``, each message with a mark standing in for
   each parameter), for the API and Open311, whose documents PostgreSQL writes. NULL when the note
   cannot be rendered (an unknown key, a department no longer there): the caller shows the stored text.
2. The notes the system wrote before keep their text and gain their key, when the text is one the
   system wrote in Finnish, Swedish or English (the sentences as they were then, frozen here).
"""

import re

from django.db import migrations
from django.db.models import Q

NOTE_FUNCTION = r"""
CREATE OR REPLACE FUNCTION geo_feedback_note_text(note jsonb, templates jsonb, lang text) RETURNS text
LANGUAGE sql STABLE STRICT PARALLEL SAFE AS $$
SELECT CASE WHEN strpos(numbered.t, chr(1)) > 0 THEN replace(numbered.t, chr(1), (
           SELECT COALESCE(NULLIF(CASE lang WHEN 'sv' THEN d.name_sv WHEN 'en' THEN d.name_en END, ''), d.name_fi)
           FROM city_department d WHERE d.code = note #>> '{params,department}'))
       ELSE numbered.t END
FROM (SELECT CASE WHEN strpos(template.t, chr(2)) > 0 THEN replace(template.t, chr(2), note #>> '{params,number}')
             ELSE template.t END AS t
      FROM (SELECT templates ->> (note ->> 'key') AS t) AS template) AS numbered
$$
"""

# The sentences the system wrote, in each language it wrote them in: {department} was a
# department's name (in the reporter's language, whatever the sentence's), {number} a ticket's.
FORWARDED = [
    "This topic belongs to {department}. Your feedback has been forwarded there.",
    "Tämä aihe kuuluu taholle {department}. Palautteesi on välitetty sinne.",
    "Det här ämnet hör till {department}. Din respons har vidarebefordrats dit.",
]
DUPLICATE = [
    "The same thing was reported already as {number}; follow it there.",
    "Sama asia on jo ilmoitettu numerolla {number}; seuraa sitä siellä.",
    "Samma sak har redan anmälts som {number}; följ den där.",
    "Sama asia on jo ilmoitettu palautteessa {number}. Seuraa sitä.",  # the demo's
]
DEMO_ROUTED = "Palaute on ohjattu käsiteltäväksi: {department}."
# The demo's other notes, all Finnish.
DEMO = {
    "Asia on työn alla.": "demo_in_progress",
    "Korjaustyö on tilattu urakoitsijalta.": "demo_repair_ordered",
    "Vika on korjattu. Kiitos ilmoituksesta!": "demo_fault_repaired",
    "Korjaus tehtiin tällä viikolla.": "demo_repaired_this_week",
    "Urakoitsija kävi korjaamassa kohteen.": "demo_contractor_repaired",
    "Kiitos ideasta! Otamme sen huomioon ensi vuoden suunnittelussa.": "demo_idea_next_year",
    "Idea on välitetty suunnittelijoille ja se käsitellään talousarvion valmistelussa.": "demo_idea_budget",
    "Kunnostus on ohjelmassa ensi kesänä. Aikataulu julkaistaan kaupungin sivuilla.": "demo_question_next_summer",
    "Asiaa hoitaa toimialan asiakaspalvelu, puh. 06 416 2111.": "demo_question_service",
    "Kiitos kiitoksesta! Välitimme sen tekijöille.": "demo_praise_passed_on",
    "Lämmin kiitos, viesti ilahdutti!": "demo_praise_warm_thanks",
    "Sama asia on jo ilmoitettu aiemmin.": "demo_reported_before",
    "Kohde on yksityisellä tontilla tai valtion tiellä, joten kaupunki ei voi korjata sitä. "
    "Ota yhteyttä kiinteistön omistajaan tai Väylävirastoon.": "demo_not_citys",
    "Asia otetaan uudelleen käsittelyyn.": "demo_taken_up_again",
}


def _pattern(sentence: str, name: str) -> re.Pattern:
    before, after = sentence.split("{" + name + "}")
    return re.compile(re.escape(before) + "(.+)" + re.escape(after), re.DOTALL)


def _match(patterns, text: str) -> str | None:
    for pattern in patterns:
        if found := pattern.fullmatch(text):
            return found.group(1)
    return None


def key_known_notes(apps, schema_editor):
    Department = apps.get_model("city", "Department")
    FeedbackEvent = apps.get_model("geo_feedback", "FeedbackEvent")
    departments = {}  # a name in any language -> the department's code
    for department in Department.objects.order_by("-id"):  # the oldest wins a shared name
        for name in (department.name_fi, department.name_sv, department.name_en):
            if name:
                departments[name] = department.code
    forwarded = [_pattern(sentence, "department") for sentence in FORWARDED]
    duplicate = [_pattern(sentence, "number") for sentence in DUPLICATE]
    routed = _pattern(DEMO_ROUTED, "department")

    candidates = (
        FeedbackEvent.objects.exclude(public_note="").exclude(details__has_key="note")
        .filter(Q(to_status__in=["forwarded", "duplicate"]) | Q(public_note__in=list(DEMO))
                | Q(public_note__startswith=DEMO_ROUTED.split("{")[0]))
        .values_list("pk", "public_note", "details", "to_status", "feedback__merged_into__number")
        .order_by("pk")
    )
    changed = []
    for pk, text, details, to_status, merged_into in candidates.iterator(chunk_size=2000):
        note = None
        if to_status == "forwarded" and (name := _match(forwarded, text)) and name in departments:
            note = {"key": "forwarded", "params": {"department": departments[name]}}
        elif to_status == "duplicate" and (number := _match(duplicate, text)):
            # The ticket it was merged into, where known: the demo's notes named a number that the
            # demo gave to another report when it numbered its reports by date.
            number = (details or {}).get("into") or merged_into or number
            note = {"key": "duplicate", "params": {"number": str(number)}}
        elif to_status == "routed" and (name := _match([routed], text)) and name in departments:
            note = {"key": "demo_routed", "params": {"department": departments[name]}}
        elif text in DEMO:
            note = {"key": DEMO[text], "params": {}}
        if note is not None:
            changed.append(FeedbackEvent(pk=pk, details={**(details or {}), "note": note}))
        if len(changed) >= 2000:
            FeedbackEvent.objects.bulk_update(changed, ["details"])
            changed = []
    FeedbackEvent.objects.bulk_update(changed, ["details"])


class Migration(migrations.Migration):
    dependencies = [("geo_feedback", "0008_accessibility_feedback_category"), ("city", "0003_area_boundary_valid")]

    operations = [
        migrations.RunSQL(NOTE_FUNCTION, "DROP FUNCTION IF EXISTS geo_feedback_note_text(jsonb, jsonb, text)"),
        migrations.RunPython(key_known_notes, migrations.RunPython.noop),
    ]
