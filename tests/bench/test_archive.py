"""The archive generator of bench/archive.py, built small (other engineers' checks rely on it)."""
import datetime

import pytest
from django.db.models import F

from bench.archive import BIG_MEETINGS, DEMO_NUMBER, PLANNED_NUMBER, archive_build
from meetings.models import Action, AgendaItem, Meeting, MeetingStatus, ProgressNote

pytestmark = pytest.mark.django_db

SMALL = {"items": 2, "actions_per_item": 1, "big_items": 3, "analyze": False}


def test_archive_build_surrounds_the_demo_meeting_with_the_forum_archive():
    archive = archive_build(**SMALL)
    again = archive_build(**SMALL)

    assert (again.created, again.meetings, again.counts) == (False, archive.meetings, archive.counts)
    numbers = list(Meeting.objects.filter(forum_id=archive.forum_id).order_by("number").values_list("number", flat=True))
    assert numbers == list(range(1, PLANNED_NUMBER + 1))
    assert Action.objects.filter(agenda_item__meeting_id=archive.demo_id).count() == 9
    assert Meeting.objects.get(pk=archive.demo_id).start_date == datetime.date(2002, 4, 3)
    assert Meeting.objects.get(number=15).start_date == datetime.date(2002, 8, 20)
    assert Meeting.objects.get(pk=archive.big_draft_id).status == MeetingStatus.DRAFTED
    assert Meeting.objects.get(number=PLANNED_NUMBER).status == MeetingStatus.PLANNED
    assert AgendaItem.objects.filter(meeting__number=PLANNED_NUMBER).count() == 0
    assert AgendaItem.objects.filter(meeting_id=archive.big_adopted_id).count() == 3
    assert archive.counts["agreed actions"] == 9 + 98 * 2 + len(BIG_MEETINGS) * 3 * 2


def test_archive_build_dates_rows_as_the_archive_would_hold_them():
    archive_build(**SMALL)

    archive_actions = Action.objects.exclude(agenda_item__meeting__number=DEMO_NUMBER)
    assert archive_actions.exclude(created__date=F("agenda_item__meeting__end_date")).count() == 0
    assert ProgressNote.objects.filter(created__lt=F("action__created")).count() == 0
    assert set(archive_actions.values_list("status", flat=True)) == {"open", "in_progress", "done", "dropped"}
    assert archive_actions.filter(due_next_meeting=True).exists()
    assert archive_actions.filter(due_date__isnull=False).exists()
    assert archive_actions.filter(responsible_economies__isnull=False).exists()
