"""Arrange helpers shared by the agreed-action tests: one meeting, actions of Mexico and Japan."""
import datetime
from dataclasses import dataclass

from meetings.models import Action, ActionStatus, Economy
from tests.factories import ActionFactory, AgendaItemFactory, DecisionFactory, MeetingFactory


@dataclass
class TwoEconomies:
    mexico_action: Action
    japan_action: Action


def two_economies(*, meeting_status: str = "adopted") -> TwoEconomies:
    """A meeting with one action of Mexico (overdue on 1 Jan 2003) and one of Japan.

    The meeting is adopted unless told otherwise: delegates see no action of a meeting
    before its summary is adopted (the read rule in ``meetings/selectors.py``)."""
    meeting = MeetingFactory(number=15, status=meeting_status, start_date=datetime.date(2002, 8, 20),
                             end_date=datetime.date(2002, 8, 21))
    item = AgendaItemFactory(meeting=meeting, position=1, title="Enhancing SPAN")
    decision = DecisionFactory(agenda_item=item, text="The Group agreed to revise SPAN.")
    mexico_action = ActionFactory(
        agenda_item=item, decision=decision, text="Revise the SPAN proposal", economies=["MEX"],
        due_next_meeting=False, due_date=datetime.date(2002, 12, 1),
    )
    japan_action = ActionFactory(
        agenda_item=item, text="Host the SME finance seminar", economies=["JPN"],
        due_next_meeting=False, due_date=datetime.date(2003, 3, 1),
    )
    return TwoEconomies(mexico_action, japan_action)


def many_actions(count: int, *, economy_code: str = "MEX") -> None:
    """``count`` actions of one economy at one meeting, each with a progress note (bulk)."""
    from meetings.models import ProgressNote

    item = AgendaItemFactory(meeting=MeetingFactory(number=30, status="adopted"))
    actions = Action.objects.bulk_create(
        [Action(agenda_item=item, position=n, text=f"Action {n}", status=ActionStatus.OPEN,
                due_date=datetime.date(2003, 1, 1) + datetime.timedelta(days=n)) for n in range(1, count + 1)]
    )
    economy = Economy.objects.get(code=economy_code)
    Through = Action.responsible_economies.through
    Through.objects.bulk_create([Through(action_id=action.pk, economy_id=economy.pk) for action in actions])
    ProgressNote.objects.bulk_create([ProgressNote(action=action, text=f"Note on {action.text}") for action in actions])
