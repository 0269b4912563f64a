"""The demo record of the 14th SMEWG meeting, load_demo and export_meeting."""
import io
import json

import pytest
from django.contrib.auth.models import User
from django.core.management import call_command
from django.core.management.base import CommandError

from meetings.demo import demo_record
from meetings.models import Action, AgendaItem, Attendance, Decision, Meeting
from projects.models import Project, ProjectReport
from tests.meetings.summary_fixtures import SEED_TITLES

pytestmark = pytest.mark.django_db

SEED_MEMBERS = sorted([
    "Australia", "Brunei Darussalam", "Canada", "Chile", "People's Republic of China", "Hong Kong, China",
    "Japan", "Republic of Korea", "Malaysia", "Mexico", "New Zealand", "The Russian Federation", "Singapore",
    "Chinese Taipei", "Thailand", "United States",
])


def _export(forum="SMEWG", number="14") -> dict:
    out = io.StringIO()
    call_command("export_meeting", forum, number, stdout=out)
    return json.loads(out.getvalue())


def _counts():
    return [
        model.objects.count()
        for model in (Meeting, Attendance, AgendaItem, Decision, Action, Project, ProjectReport)
    ]


def test_load_demo_twice_duplicates_nothing():
    call_command("load_demo", stdout=io.StringIO())
    first = _counts()

    call_command("load_demo", stdout=io.StringIO())

    assert _counts() == first
    assert first == [1, 19, 11, 13, 9, 16, 16]


def test_load_demo_with_users_prints_passwords_that_work():
    out = io.StringIO()

    call_command("load_demo", "--users", stdout=out)

    line = next(line for line in out.getvalue().splitlines() if "username: delegate" in line)
    password = line.split("password:")[1].strip()
    delegate = User.objects.get(username="delegate")
    assert delegate.check_password(password)
    assert delegate.profile.economy.code == "MEX"


def test_export_meeting_demo_matches_seed_facts():
    call_command("load_demo", stdout=io.StringIO())

    record = _export()

    assert [item["title"] for item in record["agenda_items"]] == SEED_TITLES
    assert [item["number"] for item in record["agenda_items"]] == list(range(1, 12))
    assert record["member_economies"] == SEED_MEMBERS
    assert len(record["projects"]) == 16
    assert sum(p["reported_as"] == "approved" for p in record["projects"]) == 3
    assert record["other_participants"] == ["APEC Secretariat", "Macao, China", "Pacific Economic Cooperation Council"]
    assert (record["forum"], record["number"], record["city"], record["host_economy"]) == (
        "SMEWG", 14, "Vina del Mar", "Chile"
    )
    assert (record["start_date"], record["end_date"]) == ("2002-04-03", "2002-04-05")
    assert record["chair"]["name"] == "Mr. Lic. Moises Gomez Reyna"


def test_export_meeting_round_trips_demo_record():
    call_command("load_demo", stdout=io.StringIO())

    assert _export() == demo_record()


def test_export_meeting_actions_carry_responsible_and_due():
    call_command("load_demo", stdout=io.StringIO())

    oecd = _export()["agenda_items"][10]

    assert oecd["actions"][0] == {
        "text": "Send a letter to the APEC Secretariat seeking SOM approval to invite OECD to the SMEWG meeting "
        "in Acapulco, August 2002.",
        "decision": 2,
        "responsible": ["Mexico", "SMEWG Chair"],
        "status": "done",
        "due": "2002-05-31",
    }
    assert oecd["decisions"][1]["kind"] == "agreed"


def test_export_meeting_unknown_meeting_is_a_clear_error():
    with pytest.raises(CommandError) as raised:
        _export("SMEWG", "99")

    assert str(raised.value) == "No meeting 99 of forum SMEWG is recorded."
