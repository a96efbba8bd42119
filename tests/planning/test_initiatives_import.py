"""Importing municipal initiatives from kuntalaisaloite.fi's public JSON: create, update on a rerun,
bad rows reported by position and id and skipped, the state taken from the dates, the command."""

import copy
import json
from datetime import date

import pytest
from django.core.management import CommandError, call_command
from django.db import IntegrityError

from planning.initiative_demo import demo_initiatives_load
from planning.models import Initiative, InitiativeEvent, InitiativeImport
from planning.models.initiatives import InitiativeAction
from planning.services.initiatives import (
    InitiativeSourceUnreadable,
    initiative_row_parse,
    initiatives_import,
    initiatives_read,
)

pytestmark = pytest.mark.django_db


def row(number: int = 1001, **changes) -> dict:
    """A row in the detail format, as kuntalaisaloite.fi's API writes it (its keys sorted)."""
    base = {
        "authors": {"privateNames": 0, "publicAuthors": [{"municipality": None, "name": "Aino Aloitteentekijä"}],
                    "publicNames": 1},
        "collaborative": True,
        "id": f"https://www.kuntalaisaloite.fi/api/v1/initiatives/{number}",
        "municipality": {"active": True, "id": "https://www.kuntalaisaloite.fi/api/v1/municipalities/743",
                         "nameFi": "Seinäjoki", "nameSv": "Seinäjoki"},
        "name": "Penkki bussipysäkille",
        "participantCount": {"externalNames": 0, "privateNames": 10, "publicNames": 2, "total": 12},
        "proposal": "Ehdotamme penkkiä Koulukadun bussipysäkille.",
        "publishDate": "2026-01-10",
        "sentTime": None,
        "type": "COLLABORATIVE",
        "url": {"fi": f"https://www.kuntalaisaloite.fi/fi/aloite/{number}",
                "sv": f"https://www.kuntalaisaloite.fi/sv/initiativ/{number}"},
    }
    base.update(changes)
    return base


def test_the_sample_file_imports_whole_in_three_states(fixtures_dir):
    rows = initiatives_read(str(fixtures_dir / "kuntalaisaloite_sample.json"))
    run = initiatives_import(rows=rows, source="sample")
    assert (run.rows_read, run.created, run.updated, run.refused) == (8, 8, 0, 0)
    assert sorted(Initiative.objects.values_list("state", flat=True)) == ["decided"] * 2 + ["open"] * 3 + ["sent"] * 3
    decided = Initiative.objects.get(external_id=990007)
    assert (decided.name_sv, decided.decided_on) == ("Simhallen öppen tidigare på vardagsmorgnar", date(2026, 5, 20))
    assert decided.decision_text.startswith("Liikuntapalvelut aikaistaa")
    swedish_only = Initiative.objects.get(external_id=990003)
    assert swedish_only.name_fi == "" and swedish_only.text("name", "fi") == (swedish_only.name_sv, "sv")
    # The list format: a number of supporters and no proposal.
    assert Initiative.objects.get(external_id=990002).support_count == 38


def test_a_row_becomes_an_initiative_with_its_fields_and_a_created_event():
    run = initiatives_import(rows=[row()], source="test")
    initiative = Initiative.objects.get()
    assert initiative.external_id == 1001
    assert (initiative.name_fi, initiative.proposal_fi, initiative.state) == (
        "Penkki bussipysäkille", "Ehdotamme penkkiä Koulukadun bussipysäkille.", "open")
    assert (initiative.type, initiative.support_count, initiative.published_on) == (
        "collaborative", 12, date(2026, 1, 10))
    assert initiative.url_sv == "https://www.kuntalaisaloite.fi/sv/initiativ/1001"
    # The initiators' names are not kept: nothing here shows them.
    assert "authors" not in initiative.source and initiative.source["name"] == "Penkki bussipysäkille"
    event = InitiativeEvent.objects.get()
    assert (event.run, event.action, event.from_state, event.to_state) == (run, "created", "", "open")


def test_importing_the_same_rows_again_changes_nothing():
    initiatives_import(rows=[row(1), row(2)], source="first")
    before = list(Initiative.objects.order_by("pk").values("pk", "imported_at"))
    run = initiatives_import(rows=[row(1), row(2)], source="second")
    assert (run.created, run.updated, run.unchanged) == (0, 0, 2)
    assert list(Initiative.objects.order_by("pk").values("pk", "imported_at")) == before
    assert InitiativeEvent.objects.count() == 2


def test_a_later_file_updates_the_state_and_records_the_move():
    initiatives_import(rows=[row()], source="first")
    decided = row(sentTime="2026-03-01", decisionDate="2026-06-01", decision="Penkki asennetaan kesällä.",
                  participantCount={"total": 40})
    run = initiatives_import(rows=[decided], source="second")
    assert (run.created, run.updated) == (0, 1)
    initiative = Initiative.objects.get()
    assert (initiative.state, initiative.sent_on, initiative.decided_on, initiative.support_count) == (
        "decided", date(2026, 3, 1), date(2026, 6, 1), 40)
    move = InitiativeEvent.objects.get(action=InitiativeAction.STATE_CHANGED)
    assert (move.from_state, move.to_state, move.run) == ("open", "decided", run)


def test_the_list_format_keeps_the_proposal_the_detail_format_gave():
    initiatives_import(rows=[row()], source="detail")
    listed = row(participantCount=20)
    del listed["proposal"], listed["authors"]
    initiatives_import(rows=[listed], source="list")
    initiative = Initiative.objects.get()
    assert (initiative.proposal_fi, initiative.support_count) == ("Ehdotamme penkkiä Koulukadun bussipysäkille.", 20)


@pytest.mark.parametrize(("changes", "state"), [
    ({}, "open"),
    ({"sentTime": "2026-02-01"}, "sent"),
    ({"type": "SINGLE", "sentTime": "2026-01-10"}, "sent"),
    ({"sentTime": "2026-02-01", "decisionDate": "2026-04-01T10:00:00.000+03:00"}, "decided"),
    ({"sentTime": "2026-02-01", "decisionDate": "2026-04-01", "decision": "Hyväksytty."}, "decided"),
])
def test_the_state_follows_the_sent_and_decision_dates(changes, state):
    assert initiative_row_parse(row(**changes)).state == state


def test_bad_rows_are_reported_by_position_and_id_and_the_rest_imported():
    rows = [
        row(1),
        "not an object",
        row(3, publishDate="10.1.2026"),
        row(4, decision="Päätös ilman päivää."),
        row(5, sentTime="2026-02-01", decisionDate="2026-01-15"),
        row(6, url={"fi": "javascript:alert(1)"}),
        row(7, name="x" * 513),
        row(8, type="COLLABORATIVE_COUNCIL"),
        row(id="https://www.kuntalaisaloite.fi/api/v1/initiatives/abc"),
        row(10),
    ]
    run = initiatives_import(rows=rows, source="test")
    assert (run.rows_read, run.created, run.refused) == (10, 2, 8)
    assert sorted(Initiative.objects.values_list("external_id", flat=True)) == [1, 10]
    problems = {problem["index"]: problem for problem in run.problems}
    assert sorted(problems) == [2, 3, 4, 5, 6, 7, 8, 9]
    assert problems[2] == {"index": 2, "id": "-", "reason": "it is not an object"}
    assert problems[3]["id"] == "3" and "publishDate is not a date" in problems[3]["reason"]
    assert "decision without its decisionDate" in problems[4]["reason"]
    assert "decided (2026-01-15) before it was sent (2026-02-01)" in problems[5]["reason"]
    assert "not an address on kuntalaisaloite.fi" in problems[6]["reason"]
    assert "longer than 512" in problems[7]["reason"]
    assert "type is not one of" in problems[8]["reason"]
    assert problems[9]["id"].endswith("/abc") and "not a number" in problems[9]["reason"]
    assert InitiativeImport.objects.get().finished_at is not None


def test_other_municipalities_rows_are_left_out_unless_all_are_asked_for():
    ilmajoki = row(2, municipality={"id": "https://www.kuntalaisaloite.fi/api/v1/municipalities/145"})
    run = initiatives_import(rows=[row(1), ilmajoki], source="test")
    assert (run.created, run.other_municipality, run.refused) == (1, 1, 0)
    initiatives_import(rows=[row(1), ilmajoki], source="test", municipality=None)
    assert Initiative.objects.get(external_id=2).municipality_code == 145


def test_the_database_refuses_a_decided_initiative_without_a_decision_date():
    initiatives_import(rows=[row(sentTime="2026-02-01")], source="test")
    with pytest.raises(IntegrityError):
        Initiative.objects.update(state="decided")


def test_the_command_imports_and_reports_progress_and_skipped_rows(tmp_path, capsys):
    path = tmp_path / "aloitteet.json"
    path.write_text(json.dumps([row(1), row(2, publishDate=None), row(3)]), encoding="utf-8")
    call_command("import_initiatives", str(path))
    out, err = capsys.readouterr()
    assert "3/3 rows read: 2 created, 0 updated, 0 unchanged, 1 refused" in out
    assert "row 2 (id 2): skipped, it has no publishDate" in err
    call_command("import_initiatives", str(path))
    out, _err = capsys.readouterr()
    assert "3 rows read: 0 created, 0 updated, 2 unchanged, 1 refused." in out


@pytest.mark.parametrize("content", [None, b"{not json", b'"a string"', b"\xff\xfe"])
def test_an_unreadable_file_stops_the_command_with_a_reason(tmp_path, content):
    path = tmp_path / "aloitteet.json"
    if content is not None:
        path.write_bytes(content)
    with pytest.raises(CommandError, match="aloitteet.json"):
        call_command("import_initiatives", str(path))
    with pytest.raises(InitiativeSourceUnreadable):
        initiatives_read(str(path))
    assert not Initiative.objects.exists()


def test_the_demo_imports_the_sample_once():
    assert demo_initiatives_load() == ["Initiatives: 8 imported (3 open, 3 sent, 2 decided)"]
    assert demo_initiatives_load() == []
    assert Initiative.objects.count() == 8 and InitiativeImport.objects.count() == 1


def test_a_changed_count_in_a_copy_of_the_sample_updates_one(fixtures_dir):
    rows = initiatives_read(str(fixtures_dir / "kuntalaisaloite_sample.json"))
    initiatives_import(rows=rows, source="sample")
    changed = copy.deepcopy(rows)
    changed[0]["participantCount"]["total"] = 300
    run = initiatives_import(rows=changed, source="sample again")
    assert (run.created, run.updated, run.unchanged) == (0, 1, 7)
    assert InitiativeEvent.objects.filter(action="updated").get().initiative.support_count == 300


def test_the_command_reads_an_address_as_the_api_serves_it(fixtures_dir, capsys):
    import functools
    import threading
    from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer

    handler = functools.partial(SimpleHTTPRequestHandler, directory=str(fixtures_dir))
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        address = f"http://127.0.0.1:{server.server_port}"
        call_command("import_initiatives", f"{address}/kuntalaisaloite_sample.json")
        assert "8 rows read: 8 created" in capsys.readouterr().out
        with pytest.raises(CommandError, match="cannot be read"):
            call_command("import_initiatives", f"{address}/ei-ole.json")
    finally:
        server.shutdown()
        server.server_close()
    assert InitiativeImport.objects.get().source.endswith("/kuntalaisaloite_sample.json")
