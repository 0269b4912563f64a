"""Saving a record dict: every problem is reported and nothing is half saved."""
import copy

import pytest

from meetings.demo import demo_record
from meetings.models import Meeting
from meetings.services import MeetingExists, RecordError, meeting_save_record
from projects.models import Project

pytestmark = pytest.mark.django_db


def _record(**changes) -> dict:
    record = copy.deepcopy(demo_record())
    record.update(changes)
    return record


def test_meeting_save_record_reports_every_problem_and_saves_nothing():
    record = _record(host_economy="Atlantis", end_date="2002-04-01", member_economies=["Mexico", "Narnia"])

    with pytest.raises(RecordError) as raised:
        meeting_save_record(record=record)

    assert raised.value.problems == [
        "End date: the meeting cannot end before it starts.",
        "Host economy: unknown economy “Atlantis”.",
        "Member economies: unknown economy “Narnia”.",
    ]
    assert Meeting.objects.count() == 0


def test_meeting_save_record_existing_number_refused_without_replace():
    meeting_save_record(record=_record())

    with pytest.raises(MeetingExists):
        meeting_save_record(record=_record(city="Elsewhere"))

    assert Meeting.objects.get().city == "Vina del Mar"


def test_meeting_save_record_replace_swaps_the_record():
    meeting_save_record(record=_record())

    meeting_save_record(record=_record(city="Santiago"), replace=True)

    assert list(Meeting.objects.values_list("city", flat=True)) == ["Santiago"]


def test_meeting_save_record_bad_date_and_unknown_forum():
    with pytest.raises(RecordError) as raised:
        meeting_save_record(record=_record(forum="XYZ"))

    assert raised.value.problems == ["Unknown forum “XYZ”."]


def test_meeting_save_record_bad_action_due_rolls_back():
    record = _record()
    record["agenda_items"][0]["actions"][0]["due"] = "soonish"

    with pytest.raises(RecordError) as raised:
        meeting_save_record(record=record)

    assert raised.value.problems == ["Agenda item 1, action 1: due “soonish” is not a date or “next meeting”."]
    assert Meeting.objects.count() == 0


def test_meeting_save_record_links_actions_to_their_decisions():
    meeting = meeting_save_record(record=_record())

    letter = meeting.agenda_items.get(position=11).actions.get(position=1)

    assert letter.decision.text == "The Group agreed that a letter on this would be sent to the APEC Secretariat to seek SOM approval of the initiative."


def test_meeting_save_record_unknown_decision_number_refused():
    record = _record()
    record["agenda_items"][10]["actions"][0]["decision"] = 7

    with pytest.raises(RecordError) as raised:
        meeting_save_record(record=record)

    assert raised.value.problems == ["Agenda item 11, action 1: there is no decision 7 under this item."]
    assert Meeting.objects.count() == 0


def test_meeting_save_record_reuses_project_whatever_its_case():
    record = _record()
    record["projects"][0]["title"] = record["projects"][0]["title"].upper()
    meeting_save_record(record=_record())

    meeting_save_record(record=_record(number=15, **{"projects": record["projects"]}))

    assert Project.objects.count() == 16
