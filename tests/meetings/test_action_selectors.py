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


def test_actions_of_economy_counts_all_and_lists_the_most_urgent_of_each_kind(secretariat_user):
    from meetings.models import Action, Forum
    from meetings.selectors import actions_of_economy
    from tests.factories import economy

    item = two_economies().mexico_action.agenda_item  # Mexico's "Revise the SPAN proposal", due 1 Dec 2002

    def mexico(text, *, status=ActionStatus.OPEN, due=None):
        return ActionFactory(agenda_item=item, text=text, economies=["MEX"], status=status, due_next_meeting=False,
                             due_date=due)

    mexico("Overdue since 2001", due=datetime.date(2001, 5, 1))
    mexico("Overdue since June", status=ActionStatus.IN_PROGRESS, due=datetime.date(2002, 6, 1))
    mexico("Due later", due=datetime.date(2003, 6, 1))
    mexico("Undated")
    mexico("Due on the day", due=FIXED_TODAY)
    for text in ("Done first", "Done second", "Done last"):
        mexico(text, status=ActionStatus.DONE)
    mexico("Dropped", status=ActionStatus.DROPPED)
    Action.objects.filter(text="Done first").update(modified=datetime.datetime(2002, 1, 1, tzinfo=datetime.UTC))

    split = actions_of_economy(user=secretariat_user, economy=economy("MEX"), forum=Forum.objects.get(code="SMEWG"),
                               today=FIXED_TODAY, shown=2)

    assert ([a.text for a in split.overdue], [a.text for a in split.open], [a.text for a in split.recently_done],
            (split.overdue_count, split.open_count, split.done_count)) == (
        ["Overdue since 2001", "Overdue since June"], ["Due on the day", "Due later"], ["Done last", "Done second"],
        (3, 3, 3),
    )
