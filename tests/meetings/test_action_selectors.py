"""The overdue rule of agreed actions: the query and the one-action check agree."""
import datetime

import pytest

from meetings.models import ActionStatus
from meetings.selectors import action_is_overdue, actions_overdue, actions_with_progress
from tests.factories import ActionFactory, MeetingFactory
from tests.meetings.actions_arrange import two_economies

pytestmark = pytest.mark.django_db

FIXED_TODAY = datetime.date(2003, 1, 10)


def test_action_is_overdue_matches_actions_overdue_for_fixed_day():
    item = two_economies().mexico_action.agenda_item  # Mexico's due 1 Dec 2002, Japan's 1 Mar 2003
    ActionFactory(agenda_item=item, text="Done late", economies=["MEX"], status=ActionStatus.DONE,
                  due_next_meeting=False, due_date=datetime.date(2002, 9, 1))
    ActionFactory(agenda_item=item, text="Due on the day", economies=["MEX"], due_next_meeting=False,
                  due_date=FIXED_TODAY)
    ActionFactory(agenda_item=item, text="By the next meeting", economies=["JPN"], due_next_meeting=True)
    ActionFactory(agenda_item=item, text="No date", economies=["JPN"], due_next_meeting=False)
    MeetingFactory(number=16, start_date=datetime.date(2003, 1, 5), end_date=datetime.date(2003, 1, 6))

    checked = sorted(a.text for a in actions_with_progress() if action_is_overdue(a, today=FIXED_TODAY))
    queried = sorted(a.text for a in actions_overdue(today=FIXED_TODAY))

    assert (checked, queried) == (["By the next meeting", "Revise the SPAN proposal"],) * 2
