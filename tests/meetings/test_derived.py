"""What the app keeps next to the record for lists at scale (``meetings.derived``): each
meeting's next meeting start and each action's latest note follow every write."""
import datetime

import pytest

from meetings.models import Action, Meeting, ProgressNote
from tests.factories import ActionFactory, AgendaItemFactory, MeetingFactory

pytestmark = pytest.mark.django_db

D = datetime.date


def _next_starts() -> dict[int, datetime.date | None]:
    return dict(Meeting.objects.order_by("number").values_list("number", "next_meeting_start"))


def test_next_meeting_start_follows_meetings_added_moved_and_deleted():
    MeetingFactory(number=14, start_date=D(2002, 4, 3), end_date=D(2002, 4, 5))
    fifteenth = MeetingFactory(number=15, start_date=D(2002, 8, 20), end_date=D(2002, 8, 21))
    added = dict(_next_starts())
    sixteenth = MeetingFactory(number=16, start_date=D(2003, 2, 10), end_date=D(2003, 2, 11))
    fifteenth.start_date, fifteenth.end_date = D(2002, 9, 1), D(2002, 9, 2)
    fifteenth.save()
    moved = dict(_next_starts())
    sixteenth.delete()

    assert (added, moved, _next_starts()) == (
        {14: D(2002, 8, 20), 15: None},
        {14: D(2002, 9, 1), 15: D(2003, 2, 10), 16: None},
        {14: D(2002, 9, 1), 15: None},
    )


def test_latest_note_follows_notes_written_and_deleted():
    action = ActionFactory(agenda_item=AgendaItemFactory(), economies=["MEX"])
    first = ProgressNote.objects.create(action=action, text="First")
    second = ProgressNote.objects.create(action=action, text="Second")
    ids = (first.pk, second.pk)
    after_two = Action.objects.get(pk=action.pk).latest_note_id
    second.delete()
    after_delete = Action.objects.get(pk=action.pk).latest_note_id
    first.delete()

    assert (after_two, after_delete, Action.objects.get(pk=action.pk).latest_note_id) == (ids[1], ids[0], None)
