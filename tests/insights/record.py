"""A small record for the numbers and search tests: an adopted and a draft meeting, Mexico and Japan."""
import datetime
from dataclasses import dataclass

from django.utils import timezone

from meetings.models import Action, Meeting, ProgressNote
from tests.factories import (
    ActionFactory,
    AgendaItemFactory,
    AttendanceFactory,
    DecisionFactory,
    MeetingFactory,
    ParticipantFactory,
    economy,
)


@dataclass
class Record:
    adopted: Meeting
    draft: Meeting
    mexico_done: Action
    mexico_overdue: Action
    japan_open: Action
    draft_action: Action
    japan_note: ProgressNote


def _at(day: datetime.date) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(10)))


def small_record() -> Record:
    """SMEWG 20 (adopted, April 2010) and SMEWG 21 (draft, April 2011)."""
    adopted = MeetingFactory(number=20, status="adopted", city="Lima", start_date=datetime.date(2010, 4, 1),
                             end_date=datetime.date(2010, 4, 2))
    draft = MeetingFactory(number=21, status="drafted", city="Quito", start_date=datetime.date(2011, 4, 1),
                           end_date=datetime.date(2011, 4, 2))
    AttendanceFactory(meeting=adopted, economy=economy("MEX"))
    AttendanceFactory(meeting=adopted, economy=economy("JPN"))
    AttendanceFactory(meeting=adopted, economy=economy("CHL"), capacity="observer")
    AttendanceFactory(meeting=draft, economy=economy("MEX"))
    ParticipantFactory(meeting=adopted, economy=economy("MEX"), sex="female")
    ParticipantFactory(meeting=adopted, economy=economy("MEX"), sex="male")
    ParticipantFactory(meeting=adopted, economy=economy("JPN"), sex="male")
    ParticipantFactory(meeting=adopted, economy=economy("JPN"), sex="other")
    ParticipantFactory(meeting=draft, economy=economy("MEX"), sex="female")
    item = AgendaItemFactory(meeting=adopted, position=1, title="Electronic commerce for SMEs",
                             text="The Group discussed e-commerce readiness of small enterprises.")
    decision = DecisionFactory(agenda_item=item, text="The Group agreed to publish the e-commerce readiness guide.")
    mexico_done = ActionFactory(agenda_item=item, decision=decision, text="Publish the readiness guide",
                                economies=["MEX"], status="done", due_next_meeting=False,
                                due_date=datetime.date(2010, 9, 1))
    note = ProgressNote.objects.create(action=mexico_done, text="Guide published.", status_before="open",
                                       status_after="done")
    ProgressNote.objects.filter(pk=note.pk).update(created=_at(datetime.date(2010, 8, 1)))  # 4 months
    mexico_overdue = ActionFactory(agenda_item=item, text="Survey exporters on payment systems", economies=["MEX"],
                                   due_next_meeting=False, due_date=datetime.date(2010, 6, 1))
    japan_open = ActionFactory(agenda_item=item, text="Host the trade finance seminar", economies=["JPN"],
                               due_next_meeting=False, due_date=datetime.date(2099, 1, 1))
    japan_note = ProgressNote.objects.create(action=japan_open, text="Seminar venue booked in Osaka.")
    draft_item = AgendaItemFactory(meeting=draft, position=1, title="Confidential budget matters",
                                   text="Draft discussion of the budget.")
    draft_action = ActionFactory(agenda_item=draft_item, text="Prepare the budget proposal", economies=["MEX"],
                                 due_next_meeting=False, due_date=datetime.date(2011, 5, 1))
    return Record(adopted, draft, mexico_done, mexico_overdue, japan_open, draft_action, japan_note)
